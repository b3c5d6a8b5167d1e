//! Layout: turns headings, paragraphs, tables and figures into positioned drawing operations
//! on pages, and records the logical structure (the tag tree) alongside.
//!
//! Everything is laid out before anything is drawn, so the painter knows the page count
//! ("page 3 of 12") and every page's content. Must never drop text to make it fit: long
//! paragraphs and tables continue on the next page (table headers repeat).

use super::fonts::{self, Weight};

/// An RGB colour.
pub type Rgb = (u8, u8, u8);

/// Body text colour (near black, for contrast).
pub const INK: Rgb = (25, 25, 25);
/// Secondary text colour (still ≥ 4.5:1 on white).
pub const MUTED: Rgb = (85, 85, 85);

/// One drawing operation; `y` grows downwards from the top of the page, in points.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Text with its baseline at `y`.
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        color: Rgb,
        text: String,
    },
    /// A filled rectangle.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        fill: Rgb,
    },
    /// A stroked polyline.
    Line {
        points: Vec<(f32, f32)>,
        width: f32,
        color: Rgb,
        dashed: bool,
    },
    /// A filled polygon (markers).
    Polygon { points: Vec<(f32, f32)>, fill: Rgb },
}

/// How a run of operations is tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// Real content, referenced from the structure tree by this id.
    Content(usize),
    /// Decoration outside the logical structure (rules, the running footer).
    Artifact,
}

/// A run of operations with one tag.
#[derive(Debug, Clone, PartialEq)]
pub struct Chunk {
    /// Its tag.
    pub mark: Mark,
    /// Whether it is text (a Span) rather than graphics.
    pub text: bool,
    /// What to draw.
    pub ops: Vec<Op>,
}

/// A kind of structure element (mapped onto PDF structure types by the painter).
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A section of the report.
    Section,
    /// A heading of level 1–3.
    Heading(u16, String),
    /// A paragraph.
    Paragraph,
    /// A table.
    Table,
    /// A table row.
    Row,
    /// A header cell (column scope).
    HeaderCell,
    /// A data cell.
    Cell,
    /// A chart, with its text alternative.
    Figure(String),
    /// A figure's caption.
    Caption,
}

/// A structure element: its kind and its children in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What it is.
    pub kind: Kind,
    /// Its children.
    pub children: Vec<Child>,
}

/// A child of a structure element.
#[derive(Debug, Clone, PartialEq)]
pub enum Child {
    /// A nested element.
    Node(Node),
    /// Marked content, by id.
    Content(usize),
}

/// Text style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Style {
    /// Font size in points.
    pub size: f32,
    /// Regular or bold.
    pub weight: Weight,
    /// Colour.
    pub color: Rgb,
}

impl Style {
    /// Body text.
    pub const BODY: Style = Style {
        size: 9.5,
        weight: Weight::Regular,
        color: INK,
    };
    /// Bold body text.
    pub const STRONG: Style = Style {
        size: 9.5,
        weight: Weight::Bold,
        color: INK,
    };
    /// Small print.
    pub const SMALL: Style = Style {
        size: 8.0,
        weight: Weight::Regular,
        color: MUTED,
    };

    /// Distance between baselines.
    pub fn leading(self) -> f32 {
        self.size * 1.35
    }
}

/// A table column: its heading and its share of the width.
pub struct Column<'a> {
    /// Header text.
    pub title: &'a str,
    /// Relative width.
    pub weight: f32,
}

/// A table header's type, and the padding of every table cell.
const TABLE_HEAD: Style = Style {
    size: 8.5,
    weight: Weight::Bold,
    color: INK,
};
const TABLE_PAD: f32 = 4.0;

/// The share of a page's height that must be free for a major section to start on it.
const SECTION_ROOM: f32 = 0.5;

/// The pages being laid out, and the structure tree being built.
pub struct Layout {
    /// Page width and height in points.
    pub size: (f32, f32),
    /// Margin on every side.
    pub margin: f32,
    /// Space kept free at the bottom for the footer.
    pub footer: f32,
    /// Pages of chunks.
    pub pages: Vec<Vec<Chunk>>,
    /// The current vertical position on the last page.
    pub y: f32,
    next_id: usize,
    stack: Vec<Node>,
}

impl Layout {
    /// An empty layout with one page.
    pub fn new(size: (f32, f32)) -> Self {
        let margin = 56.0;
        Layout {
            size,
            margin,
            footer: 36.0,
            pages: vec![Vec::new()],
            y: margin,
            next_id: 0,
            stack: vec![Node {
                kind: Kind::Section,
                children: Vec::new(),
            }],
        }
    }

    /// Left edge of the text column.
    pub fn left(&self) -> f32 {
        self.margin
    }

    /// Width of the text column.
    pub fn width(&self) -> f32 {
        self.size.0 - 2.0 * self.margin
    }

    fn bottom(&self) -> f32 {
        self.size.1 - self.margin - self.footer
    }

    /// Space left on the current page.
    pub fn room(&self) -> f32 {
        self.bottom() - self.y
    }

    /// Starts a new page.
    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.margin;
    }

    /// Where a major section starts: on a new page when less than half of this page is left,
    /// else after a gap on this one — so a summary that runs a few lines onto page 2, or a
    /// section with nothing in it, never leaves a page mostly blank (new-user review F28,
    /// therapist review L8).
    pub fn section_break(&mut self) {
        let usable = self.bottom() - self.margin;
        if self.room() < usable * SECTION_ROOM {
            self.new_page();
        } else {
            self.space(18.0);
        }
    }

    /// Starts a new page unless `height` points still fit on this one.
    pub fn ensure(&mut self, height: f32) {
        if height > self.room() && self.y > self.margin {
            self.new_page();
        }
    }

    /// Adds vertical space (dropped at the top of a page).
    pub fn space(&mut self, points: f32) {
        if self.y > self.margin {
            self.y = (self.y + points).min(self.bottom());
        }
    }

    /// Opens a structure element; content and elements added next go inside it.
    pub fn open(&mut self, kind: Kind) {
        self.stack.push(Node {
            kind,
            children: Vec::new(),
        });
    }

    /// Closes the innermost open element (empty elements are dropped).
    pub fn close(&mut self) {
        if self.stack.len() > 1
            && let Some(node) = self.stack.pop()
            && !node.children.is_empty()
            && let Some(parent) = self.stack.last_mut()
        {
            parent.children.push(Child::Node(node));
        }
    }

    /// Adds a chunk of real content to the current page and the current element.
    pub fn content(&mut self, text: bool, ops: Vec<Op>) {
        let id = self.next_id;
        self.next_id += 1;
        if let Some(page) = self.pages.last_mut() {
            page.push(Chunk {
                mark: Mark::Content(id),
                text,
                ops,
            });
        }
        if let Some(node) = self.stack.last_mut() {
            node.children.push(Child::Content(id));
        }
    }

    /// Adds decoration outside the structure tree.
    pub fn artifact(&mut self, ops: Vec<Op>) {
        if let Some(page) = self.pages.last_mut() {
            page.push(Chunk {
                mark: Mark::Artifact,
                text: false,
                ops,
            });
        }
    }

    /// Draws one line of text at `x` on the current line and returns its width.
    pub fn text_at(&mut self, x: f32, text: &str, style: Style) -> f32 {
        if text.is_empty() {
            return 0.0;
        }
        let op = Op::Text {
            x,
            y: self.y,
            size: style.size,
            weight: style.weight,
            color: style.color,
            text: text.into(),
        };
        self.content(true, vec![op]);
        fonts::width(text, style.weight, style.size)
    }

    /// A wrapped paragraph inside its own `P` element, starting at `indent`.
    pub fn paragraph(&mut self, text: &str, style: Style, indent: f32) {
        self.open(Kind::Paragraph);
        self.lines(text, style, indent);
        self.close();
        self.space(style.size * 0.5);
    }

    /// Wrapped lines in the current element (no element of their own).
    pub fn lines(&mut self, text: &str, style: Style, indent: f32) {
        let max = self.width() - indent;
        for line in fonts::wrap(text, style.weight, style.size, max) {
            self.ensure(style.leading());
            self.y += style.size;
            self.text_at(self.left() + indent, &line, style);
            self.y += style.leading() - style.size;
        }
    }

    /// A warning paragraph: a drawn warning icon (a triangle with an exclamation mark) in the
    /// margin of the first line, and `text`, which must say "Warning" in words — the icon and
    /// the colour only repeat what the words say.
    pub fn warning(&mut self, text: &str, style: Style) {
        let indent = 16.0;
        self.ensure(style.leading() * 2.0);
        let (x, top) = (self.left(), self.y + 1.0);
        let h = style.size + 1.5;
        let red = (176, 0, 32);
        self.artifact(vec![
            Op::Polygon {
                points: vec![(x, top + h), (x + h * 0.58, top), (x + h * 1.16, top + h)],
                fill: red,
            },
            Op::Rect {
                x: x + h * 0.58 - 0.8,
                y: top + h * 0.3,
                w: 1.6,
                h: h * 0.38,
                fill: (255, 255, 255),
            },
            Op::Rect {
                x: x + h * 0.58 - 0.8,
                y: top + h * 0.76,
                w: 1.6,
                h: 1.6,
                fill: (255, 255, 255),
            },
        ]);
        self.paragraph(
            text,
            Style {
                color: red,
                ..style
            },
            indent,
        );
    }

    /// A heading of `level` (1 largest), kept with at least `keep` points of what follows.
    pub fn heading(&mut self, level: u16, text: &str, keep: f32) {
        let size = match level {
            1 => 17.0,
            2 => 12.5,
            _ => 10.5,
        };
        let style = Style {
            size,
            weight: Weight::Bold,
            color: INK,
        };
        self.space(size * 0.9);
        self.ensure(style.leading() + keep);
        self.open(Kind::Heading(level, text.to_string()));
        self.lines(text, style, 0.0);
        self.close();
        self.y += size * 0.3;
    }

    fn column_widths(&self, columns: &[Column<'_>]) -> Vec<f32> {
        let total: f32 = columns
            .iter()
            .map(|c| c.weight)
            .sum::<f32>()
            .max(f32::EPSILON);
        columns
            .iter()
            .map(|c| self.width() * c.weight / total)
            .collect()
    }

    /// The height of a table's header row and first row. A table never starts with its header
    /// alone at the foot of a page, and a heading above it keeps this much with it (so
    /// "Latest scores" is not left at the foot of page 1 with its table on page 2).
    pub fn table_lead(&self, columns: &[Column<'_>], rows: &[Vec<String>]) -> f32 {
        let widths = self.column_widths(columns);
        let head: Vec<String> = columns.iter().map(|c| c.title.to_string()).collect();
        self.row_height(&widths, &head, TABLE_HEAD, TABLE_PAD)
            + rows
                .first()
                .map_or(0.0, |r| self.row_height(&widths, r, Style::BODY, TABLE_PAD))
    }

    /// A table: header row, then `rows`; the header repeats on each new page. Cells wrap.
    pub fn table(&mut self, columns: &[Column<'_>], rows: &[Vec<String>]) {
        let pad = TABLE_PAD;
        let widths = self.column_widths(columns);
        let head: Vec<String> = columns.iter().map(|c| c.title.to_string()).collect();
        self.ensure(self.table_lead(columns, rows));
        self.open(Kind::Table);
        self.table_row(&widths, &head, true, pad);
        for row in rows {
            let needed = self.row_height(&widths, row, Style::BODY, pad);
            if needed > self.room() {
                self.new_page();
                self.table_row(&widths, &head, true, pad);
            }
            self.table_row(&widths, row, false, pad);
        }
        self.close();
        self.space(8.0);
    }

    fn row_height(&self, widths: &[f32], cells: &[String], style: Style, pad: f32) -> f32 {
        let lines = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| fonts::wrap(c, style.weight, style.size, w - 2.0 * pad).len())
            .max()
            .unwrap_or(1);
        lines as f32 * style.leading() + pad
    }

    fn table_row(&mut self, widths: &[f32], cells: &[String], header: bool, pad: f32) {
        let style = if header { TABLE_HEAD } else { Style::BODY };
        let height = self.row_height(widths, cells, style, pad);
        self.ensure(height);
        let top = self.y;
        if header {
            self.artifact(vec![Op::Rect {
                x: self.left(),
                y: top,
                w: self.width(),
                h: height,
                fill: (236, 239, 243),
            }]);
        }
        self.open(Kind::Row);
        let mut x = self.left();
        for (cell, w) in cells.iter().zip(widths) {
            self.open(if header { Kind::HeaderCell } else { Kind::Cell });
            self.y = top;
            for line in fonts::wrap(cell, style.weight, style.size, w - 2.0 * pad) {
                self.y += style.size + pad / 2.0;
                self.text_at(x + pad, &line, style);
                self.y += style.leading() - style.size - pad / 2.0;
            }
            self.close();
            x += w;
        }
        self.close();
        self.y = top + height;
        let rule = Op::Line {
            points: vec![(self.left(), self.y), (self.left() + self.width(), self.y)],
            width: 0.4,
            color: (200, 204, 210),
            dashed: false,
        };
        self.artifact(vec![rule]);
    }

    /// A figure of `height` points drawn by `draw` at (left, top, width), with its text
    /// alternative and a visible caption below.
    pub fn figure(
        &mut self,
        alt: &str,
        caption: &str,
        height: f32,
        draw: impl FnOnce(&mut Layout, f32, f32, f32),
    ) {
        let caption_lines =
            fonts::wrap(caption, Weight::Regular, Style::SMALL.size, self.width()).len();
        self.ensure(height + caption_lines as f32 * Style::SMALL.leading() + 6.0);
        self.open(Kind::Figure(alt.to_string()));
        let (left, top, width) = (self.left(), self.y, self.width());
        draw(self, left, top, width);
        self.y = top + height + 4.0;
        self.open(Kind::Caption);
        self.lines(caption, Style::SMALL, 0.0);
        self.close();
        self.close();
        self.space(8.0);
    }

    /// Whether any text laid out so far holds a character no font covers.
    pub fn has_missing(&self) -> bool {
        self.pages.iter().flatten().flat_map(|c| &c.ops).any(|op| {
            matches!(op, Op::Text { text, weight, .. } if super::fallback::has_missing(text, *weight))
        })
    }

    /// Closes every open element and returns the pages and the structure root.
    pub fn finish(mut self) -> (Vec<Vec<Chunk>>, Node, (f32, f32), f32) {
        while self.stack.len() > 1 {
            self.close();
        }
        let root = self.stack.pop().unwrap_or(Node {
            kind: Kind::Section,
            children: Vec::new(),
        });
        (self.pages, root, self.size, self.margin)
    }
}
