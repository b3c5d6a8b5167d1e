//! TrueType subsetting without renumbering: keeps the outlines of the glyphs a report draws
//! (plus `.notdef` and the parts of composite glyphs) and empties every other glyph, so glyph
//! ids — and with them the CIDToGIDMap, `/W` and ToUnicode — stay exactly as in the full
//! font. The layout tables (GSUB, GPOS, GDEF, MATH) are dropped: nothing shapes the text.
//!
//! Owns rewriting `glyf`, `loca` and the table directory. Must never change a kept glyph's
//! bytes or metrics, and must fail (so the caller embeds the whole font) rather than emit a
//! font it could not parse.

use std::collections::BTreeSet;

/// Tables a PDF viewer never needs once text is positioned glyph by glyph.
const DROPPED: [&[u8; 4]; 4] = [b"GSUB", b"GPOS", b"GDEF", b"MATH"];

fn u16_at(d: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*d.get(at)?, *d.get(at + 1)?]))
}

fn u32_at(d: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *d.get(at)?,
        *d.get(at + 1)?,
        *d.get(at + 2)?,
        *d.get(at + 3)?,
    ]))
}

/// A table's tag and bytes.
struct Table<'a> {
    tag: [u8; 4],
    data: &'a [u8],
}

fn tables(font: &[u8]) -> Option<Vec<Table<'_>>> {
    let count = usize::from(u16_at(font, 4)?);
    (0..count)
        .map(|i| {
            let rec = 12 + 16 * i;
            let tag = font.get(rec..rec + 4)?.try_into().ok()?;
            let offset = u32_at(font, rec + 8)? as usize;
            let len = u32_at(font, rec + 12)? as usize;
            Some(Table {
                tag,
                data: font.get(offset..offset.checked_add(len)?)?,
            })
        })
        .collect()
}

fn find<'a>(tables: &[Table<'a>], tag: &[u8; 4]) -> Option<&'a [u8]> {
    tables.iter().find(|t| &t.tag == tag).map(|t| t.data)
}

/// The glyph ids a composite glyph is built from.
fn components(glyph: &[u8]) -> Option<Vec<u16>> {
    // numberOfContours < 0 marks a composite (OpenType `glyf`, "Composite glyph description").
    if glyph.len() < 10 || i16::from_be_bytes([glyph[0], glyph[1]]) >= 0 {
        return Some(Vec::new());
    }
    let (mut at, mut out) = (10, Vec::new());
    loop {
        let flags = u16_at(glyph, at)?;
        out.push(u16_at(glyph, at + 2)?);
        at += 4 + if flags & 0x0001 != 0 { 4 } else { 2 };
        at += match flags {
            f if f & 0x0008 != 0 => 2,
            f if f & 0x0040 != 0 => 4,
            f if f & 0x0080 != 0 => 8,
            _ => 0,
        };
        if flags & 0x0020 == 0 {
            return Some(out);
        }
    }
}

fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut word = [0u8; 4];
        word[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// `font` with only `keep`'s outlines (and what they need); `None` if it cannot be parsed.
pub fn subset(font: &[u8], keep: &BTreeSet<u16>) -> Option<Vec<u8>> {
    let tables = tables(font)?;
    let head = find(&tables, b"head")?;
    let glyf = find(&tables, b"glyf")?;
    let loca = find(&tables, b"loca")?;
    let glyphs = usize::from(u16_at(find(&tables, b"maxp")?, 4)?);
    let long = u16_at(head, 50)? == 1;
    let offset = |g: usize| -> Option<usize> {
        if long {
            Some(u32_at(loca, 4 * g)? as usize)
        } else {
            Some(usize::from(u16_at(loca, 2 * g)?) * 2)
        }
    };
    let outline = |g: usize| -> Option<&[u8]> { glyf.get(offset(g)?..offset(g + 1)?) };

    // `.notdef` always, then the closure over composite parts.
    let mut kept: BTreeSet<u16> = BTreeSet::new();
    let mut todo: Vec<u16> = keep.iter().copied().chain([0]).collect();
    while let Some(g) = todo.pop() {
        if usize::from(g) < glyphs && kept.insert(g) {
            todo.extend(components(outline(usize::from(g))?)?);
        }
    }

    let (mut new_glyf, mut new_loca) = (Vec::new(), Vec::with_capacity(4 * (glyphs + 1)));
    for g in 0..glyphs {
        new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
        if kept.contains(&u16::try_from(g).ok()?) {
            new_glyf.extend_from_slice(outline(g)?);
            new_glyf.resize(new_glyf.len().next_multiple_of(4), 0);
        }
    }
    new_loca.extend_from_slice(&u32::try_from(new_glyf.len()).ok()?.to_be_bytes());
    let mut new_head = head.to_vec();
    new_head.get_mut(8..12)?.copy_from_slice(&[0; 4]); // checkSumAdjustment, set below
    new_head
        .get_mut(50..52)?
        .copy_from_slice(&1u16.to_be_bytes()); // long loca

    let out_tables: Vec<([u8; 4], &[u8])> = tables
        .iter()
        .filter(|t| !DROPPED.contains(&&t.tag))
        .map(|t| match &t.tag {
            b"glyf" => (t.tag, &new_glyf[..]),
            b"loca" => (t.tag, &new_loca[..]),
            b"head" => (t.tag, &new_head[..]),
            _ => (t.tag, t.data),
        })
        .collect();
    let n = u16::try_from(out_tables.len()).ok()?;
    let power = 1u16 << (15 - n.max(1).leading_zeros());
    let mut out = Vec::with_capacity(font.len());
    out.extend_from_slice(font.get(0..4)?);
    for v in [
        n,
        power * 16,
        power.trailing_zeros() as u16,
        (n - power) * 16,
    ] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut at = 12 + 16 * out_tables.len();
    let mut head_at = 0;
    for (tag, data) in &out_tables {
        if tag == b"head" {
            head_at = at;
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&u32::try_from(at).ok()?.to_be_bytes());
        out.extend_from_slice(&u32::try_from(data.len()).ok()?.to_be_bytes());
        at += data.len().next_multiple_of(4);
    }
    for (_, data) in &out_tables {
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    out.get_mut(head_at + 8..head_at + 12)?
        .copy_from_slice(&adjust.to_be_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::report::fonts::{Weight, data};
    use ttf_parser::{Face, GlyphId};

    #[test]
    fn kept_glyphs_keep_their_outlines_and_the_rest_are_emptied() {
        for weight in [Weight::Regular, Weight::Bold] {
            let full = Face::parse(data(weight), 0).unwrap();
            let gid = |c| full.glyph_index(c).unwrap().0;
            let keep: BTreeSet<u16> = "Café naïve".chars().map(gid).collect();
            let bytes = subset(data(weight), &keep).unwrap();
            assert!(bytes.len() * 2 < data(weight).len(), "{}", bytes.len());
            let small = Face::parse(&bytes, 0).unwrap();
            assert_eq!(small.number_of_glyphs(), full.number_of_glyphs());
            for c in "Café naïve".chars() {
                let g = GlyphId(gid(c));
                assert_eq!(
                    small.glyph_bounding_box(g),
                    full.glyph_bounding_box(g),
                    "{c}"
                );
                assert_eq!(small.glyph_hor_advance(g), full.glyph_hor_advance(g));
            }
            for c in "QZ€".chars() {
                assert!(small.glyph_bounding_box(GlyphId(gid(c))).is_none(), "{c}");
            }
            // The whole file sums to the magic constant, as the OpenType spec requires.
            assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
            assert!(tables(&bytes).unwrap().iter().all(|t| &t.tag != b"GPOS"));
        }
    }

    #[test]
    fn composite_glyphs_keep_their_parts_and_garbage_is_refused() {
        let font = data(Weight::Regular);
        let full = Face::parse(font, 0).unwrap();
        // Accented letters are composites in DejaVu Sans: base letter and accent must survive.
        let e_acute = full.glyph_index('É').unwrap().0;
        let only = subset(font, &BTreeSet::from([e_acute])).unwrap();
        let outlines = |bytes: &[u8]| {
            let face = Face::parse(bytes, 0).unwrap();
            (0..face.number_of_glyphs())
                .filter(|g| face.glyph_bounding_box(GlyphId(*g)).is_some())
                .count()
        };
        assert!(outlines(&only) >= 3, "{}", outlines(&only)); // .notdef, É and its parts
        assert!(outlines(&only) < 6);
        let small = Face::parse(&only, 0).unwrap();
        let g = GlyphId(e_acute);
        assert_eq!(small.glyph_bounding_box(g), full.glyph_bounding_box(g));
        assert!(subset(b"not a font", &BTreeSet::new()).is_none());
        assert!(subset(&font[..100], &BTreeSet::new()).is_none());
    }
}
