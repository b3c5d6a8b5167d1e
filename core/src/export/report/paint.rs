//! Painting: writes laid-out pages as a PDF with `pdf-writer` — content streams of text and
//! vector paths inside marked content, the running footer and page numbers as pagination
//! artifacts, the embedded fonts ([`super::embed`]), the tag tree ([`super::tags`]) and the
//! document metadata (Info dictionary, XMP, file ID).
//!
//! Owns the byte layout of the file. Must never outline text (it stays real, selectable
//! text), leave a marked-content section open (every chunk is opened and closed here and
//! nowhere else), or put anything in the file that varies between runs for the same input.

use std::collections::BTreeSet;

use pdf_writer::types::{ArtifactAttachment, ArtifactSubtype, ArtifactType};
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::embed::{self, Encoder};
use super::fallback::{self, Face};
use super::fonts::{self, Weight};
use super::layout::{Chunk, MUTED, Mark, Node, Op, Rgb};
use super::meta::{self, Meta};
use super::tags::{self, Place, Tree};
use super::type3::{self, Glyphs};
use crate::error::Result;

/// The document language, for the catalog, the tag tree and XMP.
const LANG: &str = "en-GB";

/// The fonts' resource names, regular then bold.
const FONT_NAMES: [&[u8]; 2] = [b"F0", b"F1"];

fn slot(weight: Weight) -> usize {
    match weight {
        Weight::Regular => 0,
        Weight::Bold => 1,
    }
}

fn rgb((r, g, b): Rgb) -> (f32, f32, f32) {
    (
        f32::from(r) / 255.0,
        f32::from(g) / 255.0,
        f32::from(b) / 255.0,
    )
}

/// The fonts text is drawn with: the embedded font per weight and the platform glyphs.
struct Fonts {
    encoders: [Encoder; 2],
    glyphs: Glyphs,
}

/// Draws a line that needs platform fonts: run by run in visual order, platform glyphs one
/// by one at their shaped positions, and a box for each character no font covers (its text
/// is still written, invisibly as `.notdef`, so it extracts as itself).
#[allow(clippy::too_many_arguments)]
fn draw_runs(
    c: &mut Content,
    fonts: &Fonts,
    x: f32,
    baseline: f32,
    size: f32,
    weight: Weight,
    text: &str,
) {
    let mut pen = x;
    for run in fallback::runs(text, weight, size) {
        match run.face {
            Face::Primary => {
                let bytes = fonts.encoders[slot(weight)].encode(&run.text);
                c.begin_text()
                    .set_font(Name(FONT_NAMES[slot(weight)]), size)
                    .set_text_matrix([1.0, 0.0, 0.0, 1.0, pen, baseline])
                    .show(Str(&bytes))
                    .end_text();
            }
            Face::Fallback(face) => {
                // Shaped glyphs sit in visual order (right to left reversed, Indic vowel
                // signs moved): /ActualText gives readers the run's text as written.
                c.begin_marked_content_with_properties(Name(b"Span"))
                    .properties()
                    .actual_text(TextStr(&run.text));
                let mut gx = pen;
                for g in &run.glyphs {
                    if let Some((font, code)) = fonts.glyphs.code(face, g.id) {
                        let name = type3::resource_name(font);
                        c.begin_text()
                            .set_font(Name(name.as_bytes()), size)
                            .set_text_matrix([1.0, 0.0, 0.0, 1.0, gx + g.x, baseline + g.y])
                            .show(Str(&[code]))
                            .end_text();
                    }
                    gx += g.advance;
                }
                c.end_marked_content();
            }
            Face::Missing => {
                let w = size * 0.6;
                for (i, _) in run.text.chars().enumerate() {
                    let bx = pen + i as f32 * w;
                    c.save_state()
                        .set_line_width(0.6)
                        .rect(bx + w * 0.1, baseline - size * 0.05, w * 0.8, size * 0.75)
                        .stroke()
                        .restore_state();
                }
                let bytes = fonts.encoders[slot(weight)].encode(&run.text);
                c.begin_text()
                    .set_font(Name(FONT_NAMES[slot(weight)]), size)
                    .set_text_rendering_mode(pdf_writer::types::TextRenderingMode::Invisible)
                    .set_text_matrix([1.0, 0.0, 0.0, 1.0, pen, baseline])
                    .show(Str(&bytes))
                    .end_text();
            }
        }
        pen += run.width;
    }
}

/// Draws one operation; `height` flips the layout's downward `y` into PDF space.
fn draw(c: &mut Content, op: &Op, fonts: &Fonts, height: f32) {
    match op {
        Op::Text {
            x,
            y,
            size,
            weight,
            color,
            text,
        } => {
            let (r, g, b) = rgb(*color);
            c.set_fill_rgb(r, g, b).set_stroke_rgb(r, g, b);
            if !fallback::all_primary(text, *weight) {
                draw_runs(c, fonts, *x, height - y, *size, *weight, text);
                return;
            }
            let bytes = fonts.encoders[slot(*weight)].encode(text);
            c.begin_text()
                .set_font(Name(FONT_NAMES[slot(*weight)]), *size)
                .set_text_matrix([1.0, 0.0, 0.0, 1.0, *x, height - y])
                .show(Str(&bytes))
                .end_text();
        }
        Op::Rect { x, y, w, h, fill } => {
            let (r, g, b) = rgb(*fill);
            let (w, h) = (w.max(0.1), h.max(0.1));
            c.set_fill_rgb(r, g, b)
                .rect(*x, height - y - h, w, h)
                .fill_nonzero();
        }
        Op::Line {
            points,
            width,
            color,
            dashed,
        } => {
            if points.len() < 2 {
                return;
            }
            let (r, g, b) = rgb(*color);
            if *dashed {
                c.save_state().set_dash_pattern([3.0, 2.0], 0.0);
            }
            c.set_stroke_rgb(r, g, b).set_line_width(*width);
            path(c, points, height);
            c.stroke();
            if *dashed {
                c.restore_state();
            }
        }
        Op::Polygon { points, fill } => {
            if points.len() < 3 {
                return;
            }
            let (r, g, b) = rgb(*fill);
            c.set_fill_rgb(r, g, b);
            path(c, points, height);
            c.close_path().fill_nonzero();
        }
    }
}

fn path(c: &mut Content, points: &[(f32, f32)], height: f32) {
    for (i, (x, y)) in points.iter().enumerate() {
        if i == 0 {
            c.move_to(*x, height - y);
        } else {
            c.line_to(*x, height - y);
        }
    }
}

/// The running footer of page `index` (0-based) of `total`: a rule, the disclaimer and
/// "Page n of N".
fn footer(index: usize, total: usize, size: (f32, f32), margin: f32, text: &str) -> Vec<Op> {
    let y = size.1 - margin + 14.0;
    let number = format!("Page {} of {total}", index + 1);
    let w = fonts::width(&number, Weight::Regular, 7.0);
    let line = |x: f32, text: String| Op::Text {
        x,
        y,
        size: 7.0,
        weight: Weight::Regular,
        color: MUTED,
        text,
    };
    vec![
        Op::Line {
            points: vec![(margin, y - 11.0), (size.0 - margin, y - 11.0)],
            width: 0.4,
            color: (200, 204, 210),
            dashed: false,
        },
        line(margin, text.to_string()),
        line(size.0 - margin - w, number),
    ]
}

/// One page's content stream.
fn content(
    chunks: &[Chunk],
    footer: &[Op],
    places: &[Option<Place>],
    tree: &Tree,
    fonts: &Fonts,
    height: f32,
) -> Vec<u8> {
    let mut c = Content::new();
    for chunk in chunks {
        let mcid = match chunk.mark {
            Mark::Content(id) if tree.reaches(id) => places.get(id).copied().flatten(),
            _ => None,
        };
        match mcid {
            Some((_, mcid)) => {
                // Text is a Span inside its element; graphics are marked as krilla did (P).
                let tag = if chunk.text { &b"Span"[..] } else { b"P" };
                c.begin_marked_content_with_properties(Name(tag))
                    .properties()
                    .identify(mcid);
            }
            None => {
                c.begin_marked_content(Name(b"Artifact"));
            }
        }
        for op in &chunk.ops {
            draw(&mut c, op, fonts, height);
        }
        c.end_marked_content();
    }
    c.begin_marked_content_with_properties(Name(b"Artifact"))
        .properties()
        .artifact()
        .kind(ArtifactType::Pagination)
        .subtype(ArtifactSubtype::Footer)
        .attached([ArtifactAttachment::Bottom]);
    for op in footer {
        draw(&mut c, op, fonts, height);
    }
    c.end_marked_content();
    c.finish().into_vec()
}

/// Every character drawn in each weight with the embedded font, regular then bold, and
/// every platform glyph drawn.
fn characters<'a>(ops: impl Iterator<Item = &'a Op>) -> ([BTreeSet<char>; 2], Glyphs) {
    let mut sets = [BTreeSet::new(), BTreeSet::new()];
    let mut glyphs = Glyphs::default();
    for op in ops {
        if let Op::Text {
            weight, text, size, ..
        } = op
        {
            if fallback::all_primary(text, *weight) {
                sets[slot(*weight)].extend(text.chars());
                continue;
            }
            for run in fallback::runs(text, *weight, *size) {
                match run.face {
                    Face::Fallback(face) => {
                        for g in &run.glyphs {
                            glyphs.add(face, g.id, &g.text);
                        }
                    }
                    _ => sets[slot(*weight)].extend(run.text.chars()),
                }
            }
        }
    }
    glyphs.assign();
    (sets, glyphs)
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
    let total = pages.len();
    let footers: Vec<Vec<Op>> = (0..total)
        .map(|i| footer(i, total, size, margin, meta.footer))
        .collect();
    let ([regular, bold], glyphs) = characters(
        pages
            .iter()
            .flatten()
            .flat_map(|c| &c.ops)
            .chain(footers.iter().flatten()),
    );
    let fonts = Fonts {
        encoders: [
            Encoder::new(Weight::Regular, regular)?,
            Encoder::new(Weight::Bold, bold)?,
        ],
        glyphs,
    };

    // Where each piece of content lands: its page and MCID (numbered per page).
    let ids = pages
        .iter()
        .flatten()
        .filter_map(|c| match c.mark {
            Mark::Content(id) => Some(id + 1),
            Mark::Artifact => None,
        })
        .max()
        .unwrap_or(0);
    let mut places: Vec<Option<Place>> = vec![None; ids];
    let mut mcids = Vec::with_capacity(total);
    for (page, chunks) in pages.iter().enumerate() {
        let mut next = 0i32;
        for chunk in chunks {
            if let Mark::Content(id) = chunk.mark
                && let Some(p) = places.get_mut(id)
            {
                *p = Some((page, next));
                next += 1;
            }
        }
        mcids.push(usize::try_from(next).unwrap_or(0));
    }

    let mut pdf = Pdf::new();
    pdf.set_version(1, 7);
    let mut alloc = Ref::new(1);
    let (catalog, page_tree, info, xmp) = (alloc.bump(), alloc.bump(), alloc.bump(), alloc.bump());
    let page_refs: Vec<Ref> = (0..total).map(|_| alloc.bump()).collect();
    let tree = tags::write(
        &mut pdf, &mut alloc, root, &places, &page_refs, &mcids, LANG,
    );
    let font_refs = [
        embed::write(&mut pdf, &mut alloc, &fonts.encoders[0])?,
        embed::write(&mut pdf, &mut alloc, &fonts.encoders[1])?,
    ];
    let type3_refs = match fallback::book() {
        Some(book) if fonts.glyphs.count() > 0 => {
            type3::write(&mut pdf, &mut alloc, &fonts.glyphs, &book)?
        }
        _ => Vec::new(),
    };

    for (index, (chunks, page_ref)) in pages.iter().zip(&page_refs).enumerate() {
        let footer = footers.get(index).map_or(&[][..], Vec::as_slice);
        let stream = content(chunks, footer, &places, &tree, &fonts, size.1);
        let stream = embed::deflate(&stream)?;
        let content_ref = alloc.bump();
        pdf.stream(content_ref, &stream).filter(Filter::FlateDecode);
        let mut page = pdf.page(*page_ref);
        page.parent(page_tree)
            .media_box(Rect::new(0.0, 0.0, size.0, size.1))
            .contents(content_ref)
            .struct_parents(i32::try_from(index).unwrap_or(i32::MAX));
        {
            let mut resources = page.resources();
            let mut dict = resources.fonts();
            dict.pair(Name(FONT_NAMES[0]), font_refs[0])
                .pair(Name(FONT_NAMES[1]), font_refs[1]);
            for (i, r) in type3_refs.iter().enumerate() {
                dict.pair(Name(type3::resource_name(i).as_bytes()), *r);
            }
        }
        page.finish();
        progress(index as u64 + 1, total as u64);
    }
    pdf.pages(page_tree)
        .kids(page_refs.iter().copied())
        .count(i32::try_from(total).unwrap_or(i32::MAX));

    let created = meta::pdf_date(meta.created);
    pdf.document_info(info)
        .title(TextStr(meta.title))
        .creator(TextStr("Reset Companion"))
        .creation_date(created)
        .modified_date(created);
    let packet = meta::xmp(meta, total, LANG);
    pdf.metadata(xmp, packet.as_bytes());
    let mut cat = pdf.catalog(catalog);
    cat.pages(page_tree)
        .lang(TextStr(LANG))
        .metadata(xmp)
        .pair(Name(b"StructTreeRoot"), tree.root);
    cat.mark_info().marked(true);
    cat.viewer_preferences().display_doc_title(true);
    cat.finish();
    let id = meta::file_id(&meta.document_id);
    pdf.set_file_id((id.clone(), id));
    Ok(pdf.finish())
}
