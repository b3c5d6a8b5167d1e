//! The report's embedded typeface: DejaVu Sans regular and bold, subset to Latin
//! (`core/content/fonts/`, Bitstream Vera licence), and the glyph advances used to break
//! lines before anything is drawn.
//!
//! Owns measuring text. The embedded font draws Latin everywhere alike; other scripts are
//! measured and drawn with the platform's fonts handed over at export time
//! ([`super::fallback`]). This file never reads a font from the system itself.

use std::sync::OnceLock;

use ttf_parser::{Face, GlyphId};

use crate::error::{Error, Result};

static REGULAR: &[u8] = include_bytes!("../../../content/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../../content/fonts/DejaVuSans-Bold.ttf");

/// Regular or bold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Body text.
    Regular,
    /// Headings, labels and figures to notice.
    Bold,
}

/// Advance widths in em for the first 0x250 code points, and a face for the rest.
struct Metrics {
    face: Face<'static>,
    table: Vec<f32>,
}

const TABLE: usize = 0x250;

impl Metrics {
    fn load(data: &'static [u8]) -> Result<Self> {
        let face =
            Face::parse(data, 0).map_err(|_| Error::internal("embedded font does not parse"))?;
        let table = (0..TABLE as u32)
            .map(|c| char::from_u32(c).map_or(0.0, |ch| advance(&face, ch)))
            .collect();
        Ok(Metrics { face, table })
    }

    fn em(&self, c: char) -> f32 {
        match self.table.get(c as usize) {
            Some(w) => *w,
            None => advance(&self.face, c),
        }
    }
}

/// The advance of `c` in em; a missing glyph measures as `.notdef` (what is drawn).
fn advance(face: &Face<'_>, c: char) -> f32 {
    let upem = f32::from(face.units_per_em().max(1));
    let glyph = face.glyph_index(c).unwrap_or(GlyphId(0));
    f32::from(face.glyph_hor_advance(glyph).unwrap_or(0)) / upem
}

fn metrics(weight: Weight) -> Result<&'static Metrics> {
    static M: OnceLock<std::result::Result<(Metrics, Metrics), String>> = OnceLock::new();
    let pair = M
        .get_or_init(|| {
            Ok((
                Metrics::load(REGULAR).map_err(|e| e.to_string())?,
                Metrics::load(BOLD).map_err(|e| e.to_string())?,
            ))
        })
        .as_ref()
        .map_err(|e| Error::internal(e.clone()))?;
    Ok(match weight {
        Weight::Regular => &pair.0,
        Weight::Bold => &pair.1,
    })
}

/// The font file for `weight`, for the PDF writer to embed.
pub fn data(weight: Weight) -> &'static [u8] {
    match weight {
        Weight::Regular => REGULAR,
        Weight::Bold => BOLD,
    }
}

/// The PostScript name of `weight`'s font file (its `name` table says the same).
pub fn postscript_name(weight: Weight) -> &'static str {
    match weight {
        Weight::Regular => "DejaVuSans",
        Weight::Bold => "DejaVuSans-Bold",
    }
}

/// The parsed face for `weight`: glyph ids, advances and vertical metrics for embedding.
pub fn face(weight: Weight) -> Result<&'static Face<'static>> {
    Ok(&metrics(weight)?.face)
}

/// Whether the embedded font of `weight` has a glyph for `c`.
pub fn covers(c: char, weight: Weight) -> bool {
    metrics(weight).is_ok_and(|m| m.face.glyph_index(c).is_some())
}

/// Width of `text` at `size` points, with platform fonts for what the embedded font lacks.
pub fn width(text: &str, weight: Weight, size: f32) -> f32 {
    if super::fallback::all_primary(text, weight) {
        primary_width(text, weight, size)
    } else {
        super::fallback::runs(text, weight, size)
            .iter()
            .map(|r| r.width)
            .sum()
    }
}

/// Width of `text` drawn entirely with the embedded font.
pub fn primary_width(text: &str, weight: Weight, size: f32) -> f32 {
    match metrics(weight) {
        Ok(m) => text.chars().map(|c| m.em(c)).sum::<f32>() * size,
        // Unreachable with the embedded fonts; a generous estimate keeps text inside the page.
        Err(_) => text.chars().count() as f32 * size * 0.6,
    }
}

/// Checks the embedded fonts parse (called once before layout, so a broken build fails loudly).
pub fn check() -> Result<()> {
    metrics(Weight::Regular)?;
    metrics(Weight::Bold)?;
    Ok(())
}

/// Breaks `text` into lines no wider than `max` points; explicit newlines are kept, words
/// longer than a line are split between characters.
pub fn wrap(text: &str, weight: Weight, size: f32, max: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, weight, size) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line: split it between characters.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if width(&piece, weight, size) > max && piece.chars().count() > 1 {
                    piece.pop();
                    lines.push(std::mem::take(&mut piece));
                    piece.push(c);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_fonts_cover_latin_and_the_symbols_the_report_uses() {
        check().unwrap();
        for weight in [Weight::Regular, Weight::Bold] {
            let face = &metrics(weight).unwrap().face;
            for c in "AZaz09 éçßøŁœ–—‘’“”•…≤≥−€".chars() {
                assert!(face.glyph_index(c).is_some(), "{c:?} missing");
            }
        }
        assert!(width("Mild", Weight::Bold, 10.0) > width("Mild", Weight::Regular, 10.0));
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let text = "Over the last two weeks the scores fell steadily\nand then held. Supercalifragilisticexpialidocious";
        let lines = wrap(text, Weight::Regular, 10.0, 120.0);
        assert!(
            lines
                .iter()
                .all(|l| width(l, Weight::Regular, 10.0) <= 120.0)
        );
        let rejoined: String = lines.join(" ").split_whitespace().collect();
        let original: String = text.split_whitespace().collect();
        assert_eq!(rejoined, original);
        assert!(lines.len() >= 4);
    }
}
