//! Painting: draws laid-out pages with krilla — embedded font, vector paths, marked content —
//! adds the running footer and page numbers as artifacts, and attaches the tag tree.
//!
//! Owns the mapping from the layout's structure kinds onto PDF structure types. Must never
//! outline text (it stays real, selectable text) or leave a marked-content section open
//! (krilla panics on nesting, so every chunk is opened and closed here and nowhere else).

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::metadata::{DateTime as PdfDateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::tagging::{
    ArtifactType, ContentTag, Identifier, Node as TagNode, SpanTag, TableHeaderScope, Tag,
    TagGroup, TagKind, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

use super::fonts::{self, Weight};
use super::layout::{Child, Chunk, Kind, MUTED, Mark, Node, Op};
use crate::error::{Error, Result};

/// What the painter needs besides the pages.
pub struct Meta<'a> {
    /// Document title (no personal data).
    pub title: &'a str,
    /// Footer text on every page.
    pub footer: &'a str,
    /// When the report was generated (UTC), for the document information.
    pub created: chrono::DateTime<chrono::Utc>,
    /// A stable document id.
    pub document_id: String,
}

fn color((r, g, b): (u8, u8, u8)) -> rgb::Color {
    rgb::Color::new(r, g, b)
}

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: color(c).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

/// A path through `points` (not closed).
fn polyline(points: &[(f32, f32)]) -> PathBuilder {
    let mut pb = PathBuilder::new();
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            pb.move_to(*x, *y)
        } else {
            pb.line_to(*x, *y)
        }
    }
    pb
}

fn draw(surface: &mut Surface<'_>, op: &Op, regular: &Font, bold: &Font) {
    match op {
        Op::Text {
            x,
            y,
            size,
            weight,
            color: c,
            text,
        } => {
            surface.set_fill(Some(fill(*c)));
            surface.set_stroke(None);
            let font = if *weight == Weight::Bold {
                bold
            } else {
                regular
            };
            surface.draw_text(
                Point::from_xy(*x, *y),
                font.clone(),
                *size,
                text,
                false,
                TextDirection::Auto,
            );
        }
        Op::Rect {
            x,
            y,
            w,
            h,
            fill: c,
        } => {
            let mut pb = PathBuilder::new();
            if let Some(rect) = krilla::geom::Rect::from_xywh(*x, *y, w.max(0.1), h.max(0.1)) {
                pb.push_rect(rect);
            }
            if let Some(path) = pb.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*c)));
                surface.draw_path(&path);
            }
        }
        Op::Line {
            points,
            width,
            color: c,
            dashed,
        } => {
            let pb = polyline(points);
            if points.len() > 1
                && let Some(path) = pb.finish()
            {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: color(*c).into(),
                    width: *width,
                    dash: dashed.then(|| StrokeDash {
                        array: vec![3.0, 2.0],
                        offset: 0.0,
                    }),
                    ..Default::default()
                }));
                surface.draw_path(&path);
            }
        }
        Op::Polygon { points, fill: c } => {
            let mut pb = polyline(points);
            pb.close();
            if let Some(path) = pb.finish() {
                surface.set_stroke(None);
                surface.set_fill(Some(fill(*c)));
                surface.draw_path(&path);
            }
        }
    }
}

fn tag_kind(kind: &Kind) -> TagKind {
    match kind {
        Kind::Section => Tag::Section.into(),
        Kind::Heading(level, title) => Tag::Hn(
            NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
            Some(title.clone()),
        )
        .into(),
        Kind::Paragraph => Tag::P.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Row => Tag::TR.into(),
        Kind::HeaderCell => Tag::TH(TableHeaderScope::Column).into(),
        Kind::Cell => Tag::TD.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Kind::Caption => Tag::Caption.into(),
    }
}

fn build(node: &Node, ids: &[Option<Identifier>]) -> TagGroup {
    let mut group = TagGroup::new(tag_kind(&node.kind));
    for child in &node.children {
        match child {
            Child::Node(n) => group.push(TagNode::from(build(n, ids))),
            Child::Content(id) => {
                if let Some(Some(ident)) = ids.get(*id) {
                    group.push(TagNode::from(*ident));
                }
            }
        }
    }
    group
}

fn pdf_date(t: chrono::DateTime<chrono::Utc>) -> PdfDateTime {
    use chrono::{Datelike, Timelike};
    PdfDateTime::new(u16::try_from(t.year()).unwrap_or(2000))
        .month(t.month() as u8)
        .day(t.day() as u8)
        .hour(t.hour() as u8)
        .minute(t.minute() as u8)
        .second(t.second() as u8)
        .utc_offset_hour(0)
        .utc_offset_minute(0)
}

/// Paints `pages` with `root` as the structure tree; `progress(done, total)` per page.
pub fn paint(
    pages: &[Vec<Chunk>],
    root: &Node,
    size: (f32, f32),
    margin: f32,
    meta: &Meta<'_>,
    progress: &dyn Fn(u64, u64),
) -> Result<Vec<u8>> {
    let regular = Font::new(fonts::data(Weight::Regular).into(), 0)
        .ok_or_else(|| Error::internal("regular font"))?;
    let bold = Font::new(fonts::data(Weight::Bold).into(), 0)
        .ok_or_else(|| Error::internal("bold font"))?;
    let mut doc = Document::new_with(SerializeSettings::default());
    let settings =
        PageSettings::from_wh(size.0, size.1).ok_or_else(|| Error::internal("page size"))?;
    let ids_len = pages
        .iter()
        .flatten()
        .filter(|c| matches!(c.mark, Mark::Content(_)))
        .count();
    let mut ids: Vec<Option<Identifier>> = vec![None; ids_len];
    let total = pages.len();
    for (index, chunks) in pages.iter().enumerate() {
        let mut page = doc.start_page_with(settings.clone());
        let mut surface = page.surface();
        for chunk in chunks {
            let tag = match chunk.mark {
                Mark::Artifact => ContentTag::Artifact(ArtifactType::Other),
                Mark::Content(_) if chunk.text => ContentTag::Span(SpanTag::empty()),
                Mark::Content(_) => ContentTag::Other,
            };
            let ident = surface.start_tagged(tag);
            for op in &chunk.ops {
                draw(&mut surface, op, &regular, &bold);
            }
            surface.end_tagged();
            if let Mark::Content(id) = chunk.mark
                && let Some(slot) = ids.get_mut(id)
            {
                *slot = Some(ident);
            }
        }
        // The running footer: the disclaimer and "Page n of N", outside the structure tree.
        let y = size.1 - margin + 14.0;
        surface.start_tagged(ContentTag::Artifact(ArtifactType::Footer));
        draw(
            &mut surface,
            &Op::Line {
                points: vec![(margin, y - 11.0), (size.0 - margin, y - 11.0)],
                width: 0.4,
                color: (200, 204, 210),
                dashed: false,
            },
            &regular,
            &bold,
        );
        draw(
            &mut surface,
            &Op::Text {
                x: margin,
                y,
                size: 7.0,
                weight: Weight::Regular,
                color: MUTED,
                text: meta.footer.to_string(),
            },
            &regular,
            &bold,
        );
        let number = format!("Page {} of {total}", index + 1);
        let w = fonts::width(&number, Weight::Regular, 7.0);
        draw(
            &mut surface,
            &Op::Text {
                x: size.0 - margin - w,
                y,
                size: 7.0,
                weight: Weight::Regular,
                color: MUTED,
                text: number,
            },
            &regular,
            &bold,
        );
        surface.end_tagged();
        surface.finish();
        page.finish();
        progress(index as u64 + 1, total as u64);
    }
    let mut tree = TagTree::new().with_lang(Some("en-GB".into()));
    let group = build(root, &ids);
    tree.push(TagNode::from(group));
    doc.set_tag_tree(tree);
    doc.set_metadata(
        Metadata::new()
            .title(meta.title.to_string())
            .language("en-GB".into())
            .creator("Reset Companion".into())
            .creation_date(pdf_date(meta.created))
            .document_id(meta.document_id.clone()),
    );
    doc.finish()
        .map_err(|e| Error::internal(format!("pdf: {e:?}")))
}
