#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora (fuzz/seeds/<target>/) from the repo's fixtures.

Run from anywhere: python3 fuzz/make-seeds.py. Deterministic; the seeds are committed."""
import json, os, sqlite3, struct, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
seeds = root / "fuzz" / "seeds"

def put(target, name, data):
    d = seeds / target
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_bytes(data if isinstance(data, bytes) else data.encode())

for i, text in enumerate(["1,2,na,decline", "0,0,0,0,0,0,0", "3, 3 ,NA,Decline,1", "1,1,1,1,0,1,1,0,1"]):
    put("answer_list", f"seed{i}", text)

for pack in sorted((root / "core/content/programmes").glob("*.json")):
    put("content_pack", pack.stem, pack.read_bytes())

kinds = ["free", "thought", "gratitude", "worry", "exposure", "activity"]
for i, kind in enumerate(kinds):
    put("journal_input", kind, bytes([i]) + (root / f"tests/fixtures/journal/{kind}.json").read_bytes())

for i, q in enumerate(["river", "walk OR run", "-exam cafe*", '"au lait"', "naïve 嬉しい", "sam -river OR"]):
    put("search_query", f"seed{i}", q)

put("backup_import", "format1-schema1", b"\x00" + (root / "tests/fixtures/backup/format1-schema1.rcbackup").read_bytes())
with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "image.db")
    conn = sqlite3.connect(path)
    conn.executescript((root / "tests/fixtures/schema/v0001.sql").read_text())
    conn.execute("INSERT INTO settings (key, value) VALUES ('region', 'GB')")
    conn.commit()
    conn.close()
    image = Path(path).read_bytes()
manifest = json.dumps({"tables": {"settings": 2}}, separators=(",", ":")).encode()
put("backup_import", "sealed-schema1", b"\x01" + bytes([1]) + struct.pack(">H", len(manifest)) + manifest + image)
