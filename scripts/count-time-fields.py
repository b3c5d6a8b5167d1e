#!/usr/bin/env python3
# Usage: scripts/count-time-fields.py tests/kotlin/generated  (after scripts/gen-bindings.sh)
"""Counts time values that cross the FFI untyped, in the generated Kotlin bindings:
record fields (data class properties), callback-interface returns and exported function
parameters whose name says time and whose type is String (or a list of them), or Long/Int
milliseconds. Prints each one and the totals."""
import re, sys, pathlib
root = pathlib.Path(sys.argv[1])
WORDS = {'at', 'time', 'times', 'start', 'end', 'date', 'day', 'until', 'since', 'wall', 'uptime', 'saved', 'created', 'when', 'from', 'instant', 'now', 'newest', 'oldest', 'latest'}
class _T:
    # camelCase words; a zone name is not a time value (it stays a string by design).
    def search(self, name):
        words = [w.lower() for w in re.findall(r'[a-z]+|[A-Z][a-z]*', name)]
        return 'zone' not in words and any(w in WORDS for w in words)
TIME = _T()
MS = re.compile(r'(Ms|Millis|UnixMs|unixMs)$|^ms$|Ms[A-Z]')
strings, millis = [], []
for f in sorted(root.rglob('*.kt')):
    text = f.read_text()
    for m in re.finditer(r'data class (\w+)\s*\((.*?)\)\s*(?::|\{|\n\n)', text, re.S):
        cls, body = m.group(1), m.group(2)
        for fm in re.finditer(r'(?:va[rl])\s+`?(\w+)`?\s*:\s*([\w<>?., ]+?)\s*(?:=|,|\n|$)', body):
            name, ty = fm.group(1), fm.group(2).strip()
            if ty.rstrip('?') in ('String', 'List<String>', 'List<kotlin.String>', 'kotlin.String') and TIME.search(name):
                strings.append(f'{cls}.{name}: {ty}')
            if ty.rstrip('?') in ('Long', 'kotlin.Long', 'ULong', 'Int', 'kotlin.Int') and MS.search(name):
                millis.append(f'{cls}.{name}: {ty}')
    # interface methods (callback interfaces and the object's methods)
    blocks = [(m.group(1), m.group(2)) for m in re.finditer(r'public interface (\w+)\s*\{(.*?)\n\}', text, re.S)]
    blocks += [('(top level)', m.group(0)) for m in re.finditer(r'^(?:public )?fun `?\w+`?\(.*?\)\s*:\s*[\w<>?.]+', text, re.S | re.M)]
    for iface, body in blocks:
        for fm in re.finditer(r'fun `?(\w+)`?\((.*?)\)\s*:\s*([\w<>?.]+)', body):
            name, params, ret = fm.groups()
            if ret.rstrip('?') in ('Long', 'kotlin.Long') and MS.search(name):
                millis.append(f'{iface}.{name}(): {ret}')
            for pm in re.finditer(r'`?(\w+)`?\s*:\s*([\w<>?.]+)', params):
                pn, pt = pm.groups()
                if pt.rstrip('?') in ('String', 'kotlin.String') and TIME.search(pn):
                    strings.append(f'{iface}.{name}({pn}: {pt})')
                if pt.rstrip('?') in ('Long', 'kotlin.Long') and MS.search(pn):
                    millis.append(f'{iface}.{name}({pn}: {pt})')
for s in sorted(set(strings)): print('string  ', s)
for s in sorted(set(millis)): print('ms      ', s)
print(f'string time values: {len(set(strings))}; millisecond values: {len(set(millis))}')
