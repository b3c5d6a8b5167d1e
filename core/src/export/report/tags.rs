//! The tag tree: writes the layout's structure ([`Node`]) as PDF structure elements —
//! Document › Sect › H1–H3, P, Table/TR/TH/TD, Figure (with its text alternative), Caption —
//! pointing at marked content by page and MCID, plus the parent tree that maps each page's
//! MCIDs back to their elements (what screen readers and `pdfinfo -struct` walk).
//!
//! Owns the mapping from layout kinds onto PDF structure types. Must never reference marked
//! content that is not drawn, nor leave drawn content without a parent (content the tree
//! does not reach is painted as an artifact instead; see [`Tree::reaches`]).

use std::collections::BTreeSet;

use pdf_writer::types::{StructRole, TableHeaderScope};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Finish, Pdf, Ref, TextStr};

use super::layout::{Child, Kind, Node};

/// Where a piece of marked content is drawn: page index and its MCID on that page.
pub type Place = (usize, i32);

/// The written tree's facts the painter needs.
pub struct Tree {
    /// The `/StructTreeRoot` object.
    pub root: Ref,
    reached: Vec<bool>,
}

impl Tree {
    /// Whether content `id` has a parent element (and so may carry its MCID).
    pub fn reaches(&self, id: usize) -> bool {
        self.reached.get(id).copied().unwrap_or(false)
    }
}

fn role(kind: &Kind) -> StructRole {
    match kind {
        Kind::Section => StructRole::Sect,
        Kind::Heading(1, _) => StructRole::H1,
        Kind::Heading(2, _) => StructRole::H2,
        Kind::Heading(3, _) => StructRole::H3,
        Kind::Heading(4, _) => StructRole::H4,
        Kind::Heading(5, _) => StructRole::H5,
        Kind::Heading(..) => StructRole::H6,
        Kind::Paragraph => StructRole::P,
        Kind::Table => StructRole::Table,
        Kind::Row => StructRole::TR,
        Kind::HeaderCell => StructRole::TH,
        Kind::Cell => StructRole::TD,
        Kind::Figure(_) => StructRole::Figure,
        Kind::Caption => StructRole::Caption,
    }
}

struct Writer<'a> {
    pdf: &'a mut Pdf,
    alloc: &'a mut Ref,
    places: &'a [Option<Place>],
    pages: &'a [Ref],
    /// Per page, per MCID: the element that owns it.
    parents: Vec<Vec<Option<Ref>>>,
    reached: Vec<bool>,
}

impl Writer<'_> {
    /// Writes `node` as object `me` under `parent`, then its child elements.
    fn element(&mut self, node: &Node, me: Ref, parent: Ref) {
        let kids: Vec<(Option<Ref>, &Child)> = node
            .children
            .iter()
            .map(|c| match c {
                Child::Node(_) => (Some(self.alloc.bump()), c),
                Child::Content(_) => (None, c),
            })
            .collect();
        // When all of an element's content is on one page (nearly always), `/Pg` on the
        // element lets its children be bare MCIDs instead of one MCR dictionary each.
        let on: BTreeSet<usize> = node
            .children
            .iter()
            .filter_map(|c| match c {
                Child::Content(id) => self.places.get(*id).copied().flatten().map(|p| p.0),
                Child::Node(_) => None,
            })
            .collect();
        let one_page = match (on.len(), on.first()) {
            (1, Some(p)) => self.pages.get(*p).copied(),
            _ => None,
        };
        let mut e = self.pdf.struct_element(me);
        e.kind(role(&node.kind)).parent(parent);
        if let Some(page) = one_page {
            e.page(page);
        }
        match &node.kind {
            Kind::Heading(_, title) => {
                e.title(TextStr(title));
            }
            Kind::Figure(alt) => {
                e.alt(TextStr(alt));
            }
            Kind::HeaderCell => {
                e.attributes()
                    .push()
                    .table()
                    .scope(TableHeaderScope::Column);
            }
            _ => {}
        }
        let mut k = e.children();
        for (r, child) in &kids {
            match (r, child) {
                (Some(r), _) => {
                    k.struct_element(*r);
                }
                (None, Child::Content(id)) => {
                    let Some(Some((page, mcid))) = self.places.get(*id) else {
                        continue;
                    };
                    let (Some(page_ref), Some(slots)) =
                        (self.pages.get(*page), self.parents.get_mut(*page))
                    else {
                        continue;
                    };
                    if one_page.is_some() {
                        k.marked_content_id(*mcid);
                    } else {
                        k.marked_content_ref()
                            .page(*page_ref)
                            .marked_content_id(*mcid);
                    }
                    if let Some(slot) = usize::try_from(*mcid).ok().and_then(|m| slots.get_mut(m)) {
                        *slot = Some(me);
                    }
                    if let Some(flag) = self.reached.get_mut(*id) {
                        *flag = true;
                    }
                }
                (None, Child::Node(_)) => {}
            }
        }
        k.finish();
        e.finish();
        for (r, child) in kids {
            if let (Some(r), Child::Node(n)) = (r, child) {
                self.element(n, r, me);
            }
        }
    }
}

/// Writes the structure tree for `root` (inside a `Document` element in `lang`) and the
/// parent tree. `places[id]` is where content `id` is drawn; `mcids[p]` is how many MCIDs
/// page `p` has.
pub fn write(
    pdf: &mut Pdf,
    alloc: &mut Ref,
    root: &Node,
    places: &[Option<Place>],
    pages: &[Ref],
    mcids: &[usize],
    lang: &str,
) -> Tree {
    let tree_root = alloc.bump();
    let document = alloc.bump();
    let section = alloc.bump();
    let mut w = Writer {
        pdf,
        alloc,
        places,
        pages,
        parents: mcids.iter().map(|n| vec![None; *n]).collect(),
        reached: vec![false; places.len()],
    };
    w.pdf
        .struct_element(document)
        .kind(StructRole::Document)
        .parent(tree_root)
        .lang(TextStr(lang))
        .child(section);
    w.element(root, section, document);
    let Writer {
        pdf,
        alloc,
        parents,
        reached,
        ..
    } = w;
    // One array per page: index = MCID, value = owning element. Unreached slots cannot
    // occur for content the painter tags (it asks `reaches` first), so `document` only
    // fills gaps defensively.
    let arrays: Vec<Ref> = parents
        .iter()
        .map(|slots| {
            let r = alloc.bump();
            pdf.indirect(r)
                .array()
                .items(slots.iter().map(|s| s.unwrap_or(document)));
            r
        })
        .collect();
    let mut t = pdf.indirect(tree_root).start::<StructTreeRoot>();
    t.child(document);
    {
        let mut tree = t.parent_tree();
        let mut nums = tree.nums();
        for (page, r) in arrays.iter().enumerate() {
            nums.insert(i32::try_from(page).unwrap_or(i32::MAX), *r);
        }
    }
    t.parent_tree_next_key(i32::try_from(arrays.len()).unwrap_or(i32::MAX));
    t.finish();
    Tree {
        root: tree_root,
        reached,
    }
}
