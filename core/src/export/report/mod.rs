//! The PDF report: header and risk first, then the summary, questionnaire charts with labelled bands,
//! item-level answers, crisis signposts, mood, practice, programme progress and shared
//! journal entries — real, tagged, selectable text in an embedded open-licence font, on A4
//! or US Letter, with page numbers and the self-report disclaimer on every page.
//!
//! Laid out first ([`layout`]), then painted ([`paint`]) with the small `pdf-writer` crate
//! (docs/adr/0005-pdf-writer.md). Must never outline
//! text, rely on colour alone (bands are named in text), or include anything the snapshot
//! does not hold.
//!
//! | file | concern |
//! |---|---|
//! | `fonts.rs` | embedded DejaVu Sans, measuring and wrapping |
//! | `fallback.rs` | platform fonts per character, bidi order, rustybuzz shaping |
//! | `type3.rs` | platform glyphs embedded as Type 3 outline fonts |
//! | `layout.rs` | pages, paragraphs, tables, figures, the structure tree |
//! | `chart.rs` | line and bar charts with named bands |
//! | `periods.rs` | days, weeks or months per chart point, and partial periods |
//! | `summary.rs` | the header block and the summary |
//! | `episode_notes.rs` | an earlier episode in the range; paired scores weeks apart |
//! | `risk.rs` | page 1's risk section: item 9 and crisis signposts |
//! | `sections.rs` | the detail sections |
//! | `between.rs` | mood calendar, emotion words and life areas, weekday and time of day |
//! | `estimate.rs` | asterisks and footnotes for prorated totals on page 1 |
//! | `plan.rs` | the safety plan, only when the person included it |
//! | `words.rs` | plain words for outcomes, signposts, answers |
//! | `paint.rs` | content streams, footer, pages, catalog |
//! | `embed.rs` | fonts as Type0/CIDFontType2 with widths and ToUnicode |
//! | `subset.rs` | TrueType subsetting that keeps glyph ids |
//! | `tags.rs` | the structure tree and parent tree |
//! | `meta.rs` | Info dictionary, XMP, file ID |

mod between;
mod chart;
mod embed;
mod episode_notes;
mod estimate;
mod fallback;
mod fonts;
mod layout;
mod meta;
mod paint;
mod periods;
mod plan;
mod relapse;
mod risk;
mod sections;
mod subset;
mod summary;
mod tags;
mod type3;
mod words;

use super::csv::DISCLAIMER;
use super::fhir::stable_uuid;
use super::snapshot::Snapshot;
use crate::error::Result;
use layout::Layout;

pub use fallback::ReportFont;

/// A rendered PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Number of pages.
    pub pages: u32,
}

/// Lays the report out; `missing_note` adds the line saying some characters could not be shown.
fn lay_out(snap: &Snapshot, missing_note: bool) -> Result<Layout> {
    let mut l = Layout::new(snap.scope.page_size.points());
    summary::header(&mut l, snap, missing_note);
    risk::risk(&mut l, snap);
    summary::summary(&mut l, snap)?;
    sections::assessments(&mut l, snap)?;
    sections::mood(&mut l, snap);
    between::between_sessions(&mut l, snap);
    sections::practice(&mut l, snap);
    sections::programmes(&mut l, snap);
    sections::journal(&mut l, snap);
    plan::safety_plan(&mut l, snap);
    Ok(l)
}

/// Renders the report for `snap`; `progress(part, whole)` is called as pages are painted.
/// Text the embedded font lacks is drawn with `snap.scope.fonts` (the platform's fonts).
pub fn render(snap: &Snapshot, progress: &dyn Fn(u64, u64)) -> Result<Pdf> {
    fonts::check()?;
    let book = std::rc::Rc::new(fallback::FontBook::new(&snap.scope.fonts));
    fallback::with_book(book, || render_with_fonts(snap, progress))
}

fn render_with_fonts(snap: &Snapshot, progress: &dyn Fn(u64, u64)) -> Result<Pdf> {
    let mut l = lay_out(snap, false)?;
    if l.has_missing() {
        l = lay_out(snap, true)?;
    }
    let (pages, root, size, margin) = l.finish();
    let (from, to) = snap.scope.bounds();
    let title = format!("Reset Companion report, {from} to {to}");
    let id = stable_uuid(
        &snap.pseudonym,
        &format!(
            "report/{from}/{to}/{}",
            snap.scope.generated_at.timestamp_millis()
        ),
    );
    let meta = meta::Meta {
        title: &title,
        footer: DISCLAIMER,
        created: snap.scope.generated_at,
        document_id: id.simple().to_string(),
    };
    let bytes = paint::paint(&pages, &root, size, margin, &meta, progress)?;
    Ok(Pdf {
        bytes,
        pages: u32::try_from(pages.len()).unwrap_or(u32::MAX),
    })
}

#[cfg(test)]
mod fourth_round_tests;
#[cfg(test)]
mod pdf_tests;
#[cfg(test)]
pub(crate) mod profiles;
#[cfg(test)]
mod readthrough_tests;
#[cfg(test)]
mod script_tests;
#[cfg(test)]
mod second_round_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod third_round_tests;
