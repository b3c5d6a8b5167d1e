//! The file itself, checked from outside: poppler (`pdfinfo`, `pdftotext`, `pdffonts`) reads
//! it without a single complaint, every cross-reference entry points at its object, text
//! outside ASCII and outside the font extracts as typed, and the tag tree keeps its shape.
//! Like `tests.rs`, these fail when poppler-utils is missing rather than pass silently.

use std::path::Path;
use std::process::Command;

use super::tests::render_to_file;
use crate::export::options::ExportOptions;
use crate::export::tests::{all_of_2027_q1, fixture, snapshot};

/// Runs a poppler tool on `pdf`; returns stdout, asserting success and an empty stderr
/// (poppler reports a broken xref, stream or font as "Syntax Error" there and carries on).
fn poppler(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .args(if name == "pdftotext" { &["-"][..] } else { &[] })
        .output()
        .unwrap_or_else(|e| panic!("{name} (poppler-utils) is needed: {e}"));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "{name}: {stderr}"
    );
    // Lossy: `pdfinfo -struct` prints UTF-16 heading titles as raw bytes (as it did for krilla's).
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// With a cover name in accented Latin and in a script the font does not cover.
fn named(name: &str) -> ExportOptions {
    ExportOptions {
        name: Some(name.into()),
        ..all_of_2027_q1()
    }
}

#[test]
fn accented_words_and_glyphs_the_font_lacks_extract_as_typed() {
    // "日本" is outside the Latin subset: drawn as .notdef boxes, yet copied as itself.
    let (_d, path, _) = render_to_file(&named("Zoë Naïve, café 日本"));
    let cover = poppler("pdftotext", &["-f", "1", "-l", "1"], &path);
    for word in [
        "Zoë Naïve, café 日本",
        "Reset Companion: a report for your therapist",
    ] {
        assert!(cover.contains(word), "missing {word:?} in:\n{cover}");
    }
    let everything = poppler("pdftotext", &[], &path);
    assert!(everything.contains("Generalised Anxiety Disorder Assessment"));
    // GAD-7 4 on 2027-03-01, measured from the episode's first GAD-7 (21 on 2026-12-01).
    assert!(everything.contains("Moderate 10–14") && everything.contains("−17"));
}

#[test]
fn poppler_reads_every_page_font_and_date_without_complaint() {
    let (_d, path, pdf) = render_to_file(&named("Zoë"));
    let info = poppler("pdfinfo", &[], &path);
    for expected in [
        format!("Pages:           {}", pdf.pages),
        "Title:           Reset Companion report, 2027-01-01 to 2027-03-31".into(),
        "Creator:         Reset Companion".into(),
        "CreationDate:    Wed Mar 31 09:00:00 2027 UTC".into(),
        "Metadata Stream: yes".into(),
        "Tagged:          yes".into(),
        "PDF version:     1.7".into(),
    ] {
        assert!(info.contains(&expected), "missing {expected:?} in:\n{info}");
    }
    let xmp = poppler("pdfinfo", &["-meta"], &path);
    assert!(
        xmp.contains("<dc:language><rdf:Bag><rdf:li>en-GB</rdf:li>"),
        "{xmp}"
    );
    // Both weights: embedded, Identity-H, with a ToUnicode map ("uni yes").
    let fonts = poppler("pdffonts", &[], &path);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert!(
            cols[0]
                .get(6..)
                .is_some_and(|n| n.starts_with("+DejaVuSans")),
            "{row}"
        );
        assert_eq!(
            &cols[1..7],
            ["CID", "TrueType", "Identity-H", "yes", "yes", "yes"]
        );
    }
    // Every page renders to text (a broken content stream would complain on stderr).
    let text = poppler(
        "pdftotext",
        &["-f", "1", "-l", &pdf.pages.to_string()],
        &path,
    );
    assert_eq!(text.matches("Page ").count() as u32, pdf.pages);
}

#[test]
fn every_cross_reference_entry_points_at_its_object() {
    let (_d, _path, pdf) = render_to_file(&all_of_2027_q1());
    let bytes = &pdf.bytes;
    assert!(bytes.starts_with(b"%PDF-1.7\n") && bytes.ends_with(b"%%EOF"));
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 64..]).to_string();
    let start: usize = tail
        .split("startxref")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no startxref in {tail:?}"));
    let table = String::from_utf8_lossy(&bytes[start..]).to_string();
    let mut lines = table.lines();
    assert_eq!(lines.next(), Some("xref"));
    let header: Vec<usize> = lines
        .next()
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    assert_eq!(header[0], 0);
    let mut in_use = 0;
    for (number, entry) in lines.take(header[1]).enumerate() {
        let (offset, kind) = (&entry[..10], &entry[17..18]);
        if kind == "n" {
            let offset: usize = offset.parse().unwrap();
            let expected = format!("{number} 0 obj");
            assert!(
                bytes[offset..].starts_with(expected.as_bytes()),
                "object {number} is not at {offset}"
            );
            in_use += 1;
        }
    }
    assert!(in_use > 100, "{in_use} objects");
    assert!(table.contains(&format!("/Size {}", header[1])));
}

#[test]
fn the_tag_tree_keeps_sections_headings_tables_and_figures() {
    let (_d, path, _) = render_to_file(&all_of_2027_q1());
    let tree = poppler("pdfinfo", &["-struct-text"], &path);
    let lines: Vec<&str> = tree.lines().collect();
    assert_eq!(lines[0], "Document");
    assert_eq!(lines[1].trim(), "Sect");
    for expected in [
        "H1 \"Reset Companion: a report for your therapist\" (block)",
        "H1 \"Risk\" (block)",
        "H1 \"Summary\" (block)",
        "H2 \"Latest scores\" (block)",
        "TH:",
        "/Scope /Column",
        "TD",
        "Figure",
        "Caption",
        "\"Minimal 0–4\"",
    ] {
        assert!(
            lines
                .iter()
                .any(|l| l.trim() == expected.trim() || l.contains(expected)),
            "missing {expected:?} in the tag tree"
        );
    }
    // The footer is an artifact: never in the tree, however many pages there are.
    assert!(!tree.contains("Page 1 of"));
}

#[test]
fn a_report_with_text_outside_ascii_renders_the_same_bytes_twice() {
    // CIDs are numbered by code point, so the character set's order cannot vary.
    let mut f = fixture();
    let snap = snapshot(&mut f, &named("Zoë Naïve 日本"));
    let first = super::render(&snap, &|_, _| {}).unwrap();
    let second = super::render(&snap, &|_, _| {}).unwrap();
    assert_eq!(first.pages, second.pages);
    assert!(first.bytes == second.bytes, "two renders differ");
}

#[test]
fn a_paragraph_running_over_a_page_break_stays_one_element() {
    // Content of one element on two pages is referenced through MCR dictionaries (each with
    // its page) rather than the element's single `/Pg`.
    use super::layout::{Layout, Style};
    let mut l = Layout::new((595.28, 841.89));
    l.heading(1, "Long entry", 20.0);
    let words: Vec<String> = (0..1500).map(|i| format!("word{i}")).collect();
    l.paragraph(&words.join(" "), Style::BODY, 0.0);
    let (pages, root, size, margin) = l.finish();
    assert!(pages.len() >= 2);
    let meta = super::meta::Meta {
        title: "t",
        footer: "f",
        created: chrono::DateTime::from_timestamp(0, 0).unwrap(),
        document_id: "00112233445566778899aabbccddeeff".into(),
    };
    let bytes = super::paint::paint(&pages, &root, size, margin, &meta, &|_, _| {}).unwrap();
    assert!(bytes.windows(10).any(|w| w == b"/Type /MCR"));
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("long.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let tree = poppler("pdfinfo", &["-struct-text"], &path);
    let p = tree
        .split("P (block)")
        .nth(1)
        .unwrap_or_else(|| panic!("{tree}"));
    assert!(p.contains("word0 ") && p.contains("word1499"), "{tree}");
    assert_eq!(tree.matches("P (block)").count(), 1);
}
