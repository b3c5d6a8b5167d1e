//! Every script legible: characters the embedded Latin font lacks are drawn with fonts the
//! platform already has, handed over at export time (iOS system fonts, Android
//! `/system/fonts`, fontconfig for the CLI — shared/reference/platform.md, "Fonts for
//! documents made on the device"), shaped with rustybuzz (Arabic joining, Devanagari
//! clusters) and ordered right to left where the Unicode bidi algorithm says so
//! (docs/adr/0006-platform-fonts-and-shaping.md).
//!
//! Owns choosing a face per character, bidi reordering and shaping of one line. Must never
//! draw a character as blank space: one no font covers is [`Face::Missing`], drawn as a
//! visible box and reported in the document. Fonts are read lazily, only when a character
//! needs them.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use unicode_bidi::BidiInfo;

use super::fonts::{self, Weight};

/// A font file the shell offers for characters the embedded font lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportFont {
    /// Path of a TrueType/OpenType file or collection readable by the app.
    pub path: String,
    /// The face's index inside a collection (`.ttc`); 0 for a single font.
    pub index: u32,
}

/// One offered font, read on first use.
struct Fallback {
    font: ReportFont,
    data: OnceLock<Option<Vec<u8>>>,
}

impl Fallback {
    /// The file's bytes, when it parses and has outlines (`glyf` or CFF): a bitmap-only
    /// font such as Noto Color Emoji would draw nothing, so it is never used.
    fn data(&self) -> Option<&[u8]> {
        self.data
            .get_or_init(|| {
                let bytes = std::fs::read(&self.font.path).ok()?;
                let face = ttf_parser::Face::parse(&bytes, self.font.index).ok()?;
                let t = face.tables();
                (t.glyf.is_some() || t.cff.is_some()).then_some(())?;
                Some(bytes)
            })
            .as_deref()
    }

    fn face(&self) -> Option<ttf_parser::Face<'_>> {
        ttf_parser::Face::parse(self.data()?, self.font.index).ok()
    }

    fn covers(&self, c: char) -> bool {
        self.face().is_some_and(|f| f.glyph_index(c).is_some())
    }
}

/// The offered fonts, in the order the shell prefers them.
pub struct FontBook {
    fallbacks: Vec<Fallback>,
}

impl FontBook {
    /// A book over `fonts` (nothing is read yet).
    pub fn new(fonts: &[ReportFont]) -> Self {
        FontBook {
            fallbacks: fonts
                .iter()
                .map(|f| Fallback {
                    font: f.clone(),
                    data: OnceLock::new(),
                })
                .collect(),
        }
    }

    /// The first offered font covering `c`.
    fn covering(&self, c: char) -> Option<usize> {
        self.fallbacks.iter().position(|f| f.covers(c))
    }

    /// The parsed face of fallback `i`.
    pub fn face(&self, i: usize) -> Option<ttf_parser::Face<'_>> {
        self.fallbacks.get(i)?.face()
    }
}

thread_local! {
    static BOOK: RefCell<Option<Rc<FontBook>>> = const { RefCell::new(None) };
}

/// Runs `f` with `book` as the fallback fonts of this thread's layout and painting.
pub fn with_book<T>(book: Rc<FontBook>, f: impl FnOnce() -> T) -> T {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            BOOK.with(|b| b.borrow_mut().take());
        }
    }
    BOOK.with(|b| *b.borrow_mut() = Some(book));
    let _reset = Reset;
    f()
}

/// The fallback fonts in use on this thread, if any.
pub fn book() -> Option<Rc<FontBook>> {
    BOOK.with(|b| b.borrow().clone())
}

/// Which face draws a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// The embedded DejaVu Sans (of the text's weight).
    Primary,
    /// An offered platform font, by its index in the book.
    Fallback(usize),
    /// No font covers it: drawn as a visible box.
    Missing,
}

/// One shaped glyph, in points relative to the run's start at the given size.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph id in the face.
    pub id: u16,
    /// Horizontal offset of this glyph from the pen position.
    pub x: f32,
    /// Vertical offset (upwards positive).
    pub y: f32,
    /// Pen advance after it.
    pub advance: f32,
    /// The text this glyph stands for (empty for the later glyphs of a cluster).
    pub text: String,
}

/// A run of one face and one direction, in visual order within its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    /// Its face.
    pub face: Face,
    /// Its characters in logical order.
    pub text: String,
    /// Shaped glyphs in visual order (fallback runs only).
    pub glyphs: Vec<Glyph>,
    /// Width in points.
    pub width: f32,
}

fn face_of(c: char, weight: Weight, book: Option<&FontBook>) -> Face {
    if fonts::covers(c, weight) || c.is_whitespace() || c.is_control() {
        return Face::Primary;
    }
    match book.and_then(|b| b.covering(c)) {
        Some(i) => Face::Fallback(i),
        None => Face::Missing,
    }
}

/// Whether `text` is drawn by the embedded font alone (the fast path).
pub fn all_primary(text: &str, weight: Weight) -> bool {
    text.chars()
        .all(|c| fonts::covers(c, weight) || c.is_whitespace())
}

fn shape(book: &FontBook, i: usize, text: &str, rtl: bool, size: f32) -> (Vec<Glyph>, f32) {
    let Some(data) = book.fallbacks.get(i).and_then(Fallback::data) else {
        return (Vec::new(), 0.0);
    };
    let index = book.fallbacks[i].font.index;
    let Some(face) = rustybuzz::Face::from_slice(data, index) else {
        return (Vec::new(), 0.0);
    };
    let scale = size / f32::from(face.units_per_em().max(1) as u16);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    });
    let out = rustybuzz::shape(&face, &[], buffer);
    let infos = out.glyph_infos();
    let positions = out.glyph_positions();
    // Cluster starts (byte offsets) in ascending order, to slice each cluster's text.
    let mut starts: Vec<usize> = infos.iter().map(|g| g.cluster as usize).collect();
    starts.sort_unstable();
    starts.dedup();
    let cluster_text = |start: usize| {
        let end = starts
            .iter()
            .find(|s| **s > start)
            .copied()
            .unwrap_or(text.len());
        text.get(start..end).unwrap_or("").to_string()
    };
    let mut seen = std::collections::BTreeSet::new();
    let mut width = 0.0;
    let glyphs = infos
        .iter()
        .zip(positions)
        .map(|(info, pos)| {
            let cluster = info.cluster as usize;
            let text = if seen.insert(cluster) {
                cluster_text(cluster)
            } else {
                String::new()
            };
            let g = Glyph {
                id: u16::try_from(info.glyph_id).unwrap_or(0),
                x: pos.x_offset as f32 * scale,
                y: pos.y_offset as f32 * scale,
                advance: pos.x_advance as f32 * scale,
                text,
            };
            width += g.advance;
            g
        })
        .collect();
    (glyphs, width)
}

/// Splits one line into runs of one face, in visual order (bidi-reordered when it holds
/// right-to-left text), shaping the fallback runs at `size`.
pub fn runs(text: &str, weight: Weight, size: f32) -> Vec<Run> {
    let book = book();
    let book = book.as_deref();
    // Visual order of bidi level runs: (text slice in logical order, right to left?).
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let has_rtl = text
        .chars()
        .any(|c| matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF));
    if has_rtl {
        let bidi = BidiInfo::new(text, None);
        for para in &bidi.paragraphs {
            let (levels, level_runs) = bidi.visual_runs(para, para.range.clone());
            for r in level_runs {
                let rtl = levels.get(r.start).is_some_and(|l| l.is_rtl());
                pieces.push((&text[r], rtl));
            }
        }
    } else {
        pieces.push((text, false));
    }
    let mut out = Vec::new();
    for (piece, rtl) in pieces {
        // Split by face in logical order; a right-to-left piece shows its runs reversed.
        let mut segs: Vec<(Face, String)> = Vec::new();
        for c in piece.chars() {
            let f = face_of(c, weight, book);
            // Spaces and punctuation stay with the run they sit in.
            let f = if c.is_whitespace() && segs.last().is_some_and(|(lf, _)| *lf != Face::Missing)
            {
                segs.last().map_or(f, |(lf, _)| *lf)
            } else {
                f
            };
            match segs.last_mut() {
                Some((lf, s)) if *lf == f => s.push(c),
                _ => segs.push((f, c.to_string())),
            }
        }
        if rtl {
            segs.reverse();
        }
        for (face, s) in segs {
            let run = match (face, book) {
                (Face::Fallback(i), Some(b)) => {
                    let (glyphs, width) = shape(b, i, &s, rtl, size);
                    Run {
                        face,
                        text: s,
                        glyphs,
                        width,
                    }
                }
                (Face::Missing, _) => Run {
                    width: s.chars().count() as f32 * size * 0.6,
                    face,
                    text: s,
                    glyphs: Vec::new(),
                },
                _ => {
                    // Right to left, a bracket shows its mirror image (Unicode bidi rule L4):
                    // "(" drawn for a logical ")" — the shaper does this for fallback runs.
                    let s = if rtl {
                        s.chars().rev().map(mirrored).collect()
                    } else {
                        s
                    };
                    Run {
                        width: fonts::primary_width(&s, weight, size),
                        face: Face::Primary,
                        text: s,
                        glyphs: Vec::new(),
                    }
                }
            };
            out.push(run);
        }
    }
    out
}

/// The mirror image of a paired bracket or quote the embedded font draws (the Bidi_Mirrored
/// pairs of Latin-1 and general punctuation that DejaVu Sans covers), else `c`.
fn mirrored(c: char) -> char {
    const PAIRS: [(char, char); 8] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('⁅', '⁆'),
        ('≤', '≥'),
    ];
    PAIRS
        .iter()
        .find_map(|(a, b)| {
            if c == *a {
                Some(*b)
            } else if c == *b {
                Some(*a)
            } else {
                None
            }
        })
        .unwrap_or(c)
}

/// Whether `text` holds a character no font covers.
pub fn has_missing(text: &str, weight: Weight) -> bool {
    if all_primary(text, weight) {
        return false;
    }
    let book = book();
    text.chars()
        .any(|c| face_of(c, weight, book.as_deref()) == Face::Missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brackets inside right-to-left text are drawn mirrored, so "(עולם)" shows its brackets
    /// opening towards the word (the second-round review saw them facing the wrong way).
    #[test]
    fn brackets_in_right_to_left_text_are_mirrored() {
        let primary: Vec<String> = runs("שלום (עולם)", Weight::Regular, 10.0)
            .into_iter()
            .filter(|r| r.face == Face::Primary)
            .map(|r| r.text)
            .collect();
        assert_eq!(primary, ["(", ") "]);
        // Left to right nothing changes.
        let ltr: Vec<String> = runs("a (b) c", Weight::Regular, 10.0)
            .into_iter()
            .map(|r| r.text)
            .collect();
        assert_eq!(ltr, ["a (b) c"]);
        assert_eq!(mirrored('«'), '»');
        assert_eq!(mirrored('x'), 'x');
    }
}
