//! Platform fonts in the PDF: the glyphs drawn from each offered font become Type 3 fonts
//! whose glyph procedures are the outlines ttf-parser reads (TrueType `glyf` or CFF alike —
//! Noto CJK on Debian and Android is CFF), 255 glyphs per font, each with a ToUnicode CMap
//! so the text still copies and extracts as itself (docs/adr/0006-platform-fonts-and-shaping.md).
//!
//! Owns glyph codes and Type 3 objects. Must never embed more than the glyphs drawn, and
//! never number codes by anything but (face, glyph id) order, so the bytes are deterministic.

use std::collections::BTreeMap;

use pdf_writer::types::{SystemInfo, UnicodeCmap};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str};
use ttf_parser::{GlyphId, OutlineBuilder};

use super::embed::deflate;
use super::fallback::FontBook;
use crate::error::Result;

/// Glyphs per Type 3 font (one-byte codes; 0 is left unused).
const PER_FONT: usize = 255;

/// Every (face, glyph) drawn, the text it stands for, and its (font, code).
#[derive(Default)]
pub struct Glyphs {
    used: BTreeMap<(usize, u16), String>,
    codes: BTreeMap<(usize, u16), (usize, u8)>,
    /// (face, glyphs in code order) per Type 3 font.
    fonts: Vec<(usize, Vec<u16>)>,
}

impl Glyphs {
    /// Records glyph `id` of fallback `face`, standing for `text` (kept when first non-empty).
    pub fn add(&mut self, face: usize, id: u16, text: &str) {
        let e = self.used.entry((face, id)).or_default();
        if e.is_empty() {
            e.push_str(text);
        }
    }

    /// Numbers the glyphs: per face, in glyph id order, 255 to a font.
    pub fn assign(&mut self) {
        let mut by_face: BTreeMap<usize, Vec<u16>> = BTreeMap::new();
        for (face, id) in self.used.keys() {
            by_face.entry(*face).or_default().push(*id);
        }
        for (face, ids) in by_face {
            for chunk in ids.chunks(PER_FONT) {
                let font = self.fonts.len();
                for (i, id) in chunk.iter().enumerate() {
                    self.codes
                        .insert((face, *id), (font, u8::try_from(i + 1).unwrap_or(0)));
                }
                self.fonts.push((face, chunk.to_vec()));
            }
        }
    }

    /// The (font, code) of a glyph after [`Glyphs::assign`].
    pub fn code(&self, face: usize, id: u16) -> Option<(usize, u8)> {
        self.codes.get(&(face, id)).copied()
    }

    /// How many Type 3 fonts there are.
    pub fn count(&self) -> usize {
        self.fonts.len()
    }
}

/// The resource name of Type 3 font `i`.
pub fn resource_name(i: usize) -> String {
    format!("T{i}")
}

/// Writes a glyph outline into a content stream, in font units.
struct Pen<'a>(&'a mut Content, (f32, f32));

impl OutlineBuilder for Pen<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
        self.1 = (x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
        self.1 = (x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        // A quadratic Bézier as the cubic with the same curve.
        let (x0, y0) = self.1;
        let c1 = (x0 + 2.0 / 3.0 * (x1 - x0), y0 + 2.0 / 3.0 * (y1 - y0));
        let c2 = (x + 2.0 / 3.0 * (x1 - x), y + 2.0 / 3.0 * (y1 - y));
        self.0.cubic_to(c1.0, c1.1, c2.0, c2.1, x, y);
        self.1 = (x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
        self.1 = (x, y);
    }
    fn close(&mut self) {
        self.0.close_path();
    }
}

/// Writes every Type 3 font; returns their references in font order.
pub fn write(pdf: &mut Pdf, alloc: &mut Ref, glyphs: &Glyphs, book: &FontBook) -> Result<Vec<Ref>> {
    let mut refs = Vec::new();
    for (font_index, (face_index, ids)) in glyphs.fonts.iter().enumerate() {
        let font_ref = alloc.bump();
        refs.push(font_ref);
        let Some(face) = book.face(*face_index) else {
            continue;
        };
        let upem = f32::from(face.units_per_em().max(1));
        let mut procs: Vec<(String, Ref, f32)> = Vec::with_capacity(ids.len());
        for (i, id) in ids.iter().enumerate() {
            let mut c = Content::new();
            let g = GlyphId(*id);
            let advance = f32::from(face.glyph_hor_advance(g).unwrap_or(0));
            let (x0, y0, x1, y1) = face
                .glyph_bounding_box(g)
                .map_or((0.0, 0.0, 0.0, 0.0), |b| {
                    (
                        f32::from(b.x_min),
                        f32::from(b.y_min),
                        f32::from(b.x_max),
                        f32::from(b.y_max),
                    )
                });
            c.start_shape_glyph(advance, x0, y0, x1, y1);
            let mut pen = Pen(&mut c, (0.0, 0.0));
            if face.outline_glyph(g, &mut pen).is_some() {
                c.fill_nonzero();
            }
            let r = alloc.bump();
            pdf.stream(r, &deflate(&c.finish().into_vec())?)
                .filter(Filter::FlateDecode);
            procs.push((format!("g{}", i + 1), r, advance));
        }
        let to_unicode = alloc.bump();
        let bbox = face.global_bounding_box();
        let mut font = pdf.type3_font(font_ref);
        font.name(Name(resource_name(font_index).as_bytes()))
            .bbox(Rect::new(
                f32::from(bbox.x_min),
                f32::from(bbox.y_min),
                f32::from(bbox.x_max),
                f32::from(bbox.y_max),
            ))
            .matrix([1.0 / upem, 0.0, 0.0, 1.0 / upem, 0.0, 0.0])
            .first_char(1)
            .last_char(u8::try_from(ids.len()).unwrap_or(u8::MAX))
            .widths(procs.iter().map(|(_, _, w)| *w))
            .to_unicode(to_unicode);
        {
            let mut enc = font.encoding_custom();
            enc.differences()
                .consecutive(1, procs.iter().map(|(n, _, _)| Name(n.as_bytes())));
        }
        {
            let mut cp = font.char_procs();
            for (n, r, _) in &procs {
                cp.pair(Name(n.as_bytes()), *r);
            }
        }
        font.finish();
        let system = SystemInfo {
            registry: Str(b"Adobe"),
            ordering: Str(b"UCS"),
            supplement: 0,
        };
        let mut cmap: UnicodeCmap<u8> = UnicodeCmap::new(Name(b"Custom"), system);
        for (i, id) in ids.iter().enumerate() {
            let text = glyphs
                .used
                .get(&(*face_index, *id))
                .cloned()
                .unwrap_or_default();
            let code = u8::try_from(i + 1).unwrap_or(0);
            if !text.is_empty() {
                cmap.pair_with_multiple(code, text.chars());
            }
        }
        pdf.stream(to_unicode, &deflate(cmap.finish().as_slice())?)
            .filter(Filter::FlateDecode);
    }
    Ok(refs)
}
