//! Font embedding: each weight becomes a Type0 font (Identity-H) over a CIDFontType2 — the
//! TrueType file subset to the glyphs drawn ([`super::subset`]) and compressed — with a `/W`
//! widths array, a CIDToGIDMap and a ToUnicode CMap, so text stays real, searchable and
//! copyable.
//!
//! No shaping: the embedded fonts are Latin subsets (`core/content/fonts/`), drawn one glyph
//! per character with the `hmtx` advances that [`super::fonts::width`] measures with, so
//! lines break exactly where they are drawn. Kerning and ligatures are not applied (a
//! deliberate loss, docs/adr/0005-pdf-writer.md). Each distinct character drawn gets its
//! own CID (1, 2, … in code-point order, so the bytes are deterministic); a character the
//! font lacks maps to glyph 0 (`.notdef`, drawn as a box and measured as one, as before)
//! but keeps its own ToUnicode entry, so it still extracts as itself.
//!
//! Owns CIDs and font objects. Must never read a system font or anything besides the text
//! drawn, and never reorder CIDs by anything but the code point.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use pdf_writer::types::{CidFontType, FontFlags, SystemInfo, UnicodeCmap};
use pdf_writer::{Filter, Finish, Name, Pdf, Rect, Ref, Str};
use ttf_parser::GlyphId;

use super::fonts::{self, Weight};
use super::subset;
use crate::error::{Error, Result};

/// Compresses a stream body with zlib (`/FlateDecode`); the level is fixed, so the output is
/// the same bytes for the same input.
pub fn deflate(data: &[u8]) -> Result<Vec<u8>> {
    let mut z = ZlibEncoder::new(Vec::with_capacity(data.len() / 2), Compression::new(6));
    z.write_all(data)
        .and_then(|()| z.finish())
        .map_err(|_| Error::internal("pdf stream compression failed"))
}

/// The characters drawn in one weight and the CID each is written as.
pub struct Encoder {
    weight: Weight,
    cids: BTreeMap<char, u16>,
}

impl Encoder {
    /// Numbers `chars` 1, 2, … in code-point order.
    pub fn new(weight: Weight, chars: BTreeSet<char>) -> Result<Self> {
        // 65 535 distinct characters would exhaust two-byte CIDs; a Latin report never gets close.
        if chars.len() >= usize::from(u16::MAX) {
            return Err(Error::internal("too many distinct characters for one font"));
        }
        let cids = chars.into_iter().zip(1u16..).collect();
        Ok(Encoder { weight, cids })
    }

    /// `text` as big-endian two-byte CIDs for `Tj` (a character not collected becomes CID 0).
    pub fn encode(&self, text: &str) -> Vec<u8> {
        text.chars()
            .flat_map(|c| self.cids.get(&c).copied().unwrap_or(0).to_be_bytes())
            .collect()
    }
}

/// The six-letter subset tag (PDF 32000-1 §9.6.4), derived from the glyphs kept so the
/// same text gives the same name (FNV-1a; uniqueness within one file is all that matters).
fn tag(glyphs: &BTreeSet<u16>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in glyphs.iter().flat_map(|g| g.to_be_bytes()) {
        h = (h ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
    }
    (0..6)
        .map(|i| char::from(b'A' + ((h >> (i * 8)) % 26) as u8))
        .collect()
}

/// Scales font units to the PDF's 1000-unit glyph space, rounded (for the descriptor).
fn scale(upem: u16) -> impl Fn(f32) -> f32 {
    let factor = 1000.0 / f32::from(upem.max(1));
    move |v| (v * factor).round()
}

/// Writes the font objects for `enc` and returns the Type0 font's reference.
pub fn write(pdf: &mut Pdf, alloc: &mut Ref, enc: &Encoder) -> Result<Ref> {
    let face = fonts::face(enc.weight)?;
    let s = scale(face.units_per_em());
    let gids: Vec<u16> = enc
        .cids
        .keys()
        .map(|c| face.glyph_index(*c).map_or(0, |g| g.0))
        .collect();
    let keep: BTreeSet<u16> = gids.iter().copied().collect();
    // A subset that does not parse back is never embedded: the whole font is, instead.
    let full = fonts::data(enc.weight);
    let (data, name) = match subset::subset(full, &keep) {
        Some(small) if ttf_parser::Face::parse(&small, 0).is_ok() => {
            let name = format!("{}+{}", tag(&keep), fonts::postscript_name(enc.weight));
            (small, name)
        }
        _ => (
            full.to_vec(),
            fonts::postscript_name(enc.weight).to_string(),
        ),
    };
    let name = Name(name.as_bytes());
    // Unrounded, so glyphs advance by exactly what `fonts::width` measured.
    let per_unit = 1000.0 / f32::from(face.units_per_em().max(1));
    let widths: Vec<f32> = gids
        .iter()
        .map(|g| f32::from(face.glyph_hor_advance(GlyphId(*g)).unwrap_or(0)) * per_unit)
        .collect();

    let (type0, cid, descriptor, file, to_unicode, cid_to_gid) = (
        alloc.bump(),
        alloc.bump(),
        alloc.bump(),
        alloc.bump(),
        alloc.bump(),
        alloc.bump(),
    );
    let system = SystemInfo {
        registry: Str(b"Adobe"),
        ordering: Str(b"Identity"),
        supplement: 0,
    };

    pdf.type0_font(type0)
        .base_font(name)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(to_unicode);

    let mut font = pdf.cid_font(cid);
    font.subtype(CidFontType::Type2)
        .base_font(name)
        .system_info(system)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_stream(cid_to_gid);
    if !widths.is_empty() {
        font.widths().consecutive(1, widths);
    }
    font.finish();

    let bbox = face.global_bounding_box();
    let bold = enc.weight == Weight::Bold;
    pdf.font_descriptor(descriptor)
        .name(name)
        .flags(FontFlags::SYMBOLIC)
        .bbox(Rect::new(
            s(f32::from(bbox.x_min)),
            s(f32::from(bbox.y_min)),
            s(f32::from(bbox.x_max)),
            s(f32::from(bbox.y_max)),
        ))
        .italic_angle(0.0)
        .ascent(s(f32::from(face.ascender())))
        .descent(s(f32::from(face.descender())))
        .cap_height(s(f32::from(
            face.capital_height().unwrap_or(face.ascender()),
        )))
        // StemV is required but only a rendering hint; typical values for regular and bold.
        .stem_v(if bold { 140.0 } else { 80.0 })
        .weight(if bold { 700 } else { 400 })
        .font_file2(file);

    let packed = deflate(&data)?;
    pdf.stream(file, &packed).filter(Filter::FlateDecode).pair(
        Name(b"Length1"),
        i32::try_from(data.len()).unwrap_or(i32::MAX),
    );

    // CID n draws glyph gids[n - 1]; CID 0 stays .notdef.
    let map: Vec<u8> = std::iter::once(0u16)
        .chain(gids.iter().copied())
        .flat_map(u16::to_be_bytes)
        .collect();
    pdf.stream(cid_to_gid, &deflate(&map)?)
        .filter(Filter::FlateDecode);

    let mut cmap = UnicodeCmap::new(Name(b"Custom"), system);
    for (c, cid) in &enc.cids {
        cmap.pair(*cid, *c);
    }
    pdf.stream(to_unicode, &deflate(cmap.finish().as_slice())?)
        .filter(Filter::FlateDecode);
    Ok(type0)
}
