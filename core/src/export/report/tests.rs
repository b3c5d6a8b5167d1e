//! The report read back the way a person or a screen reader reads it: text extracted with
//! poppler's `pdftotext`, page facts from `pdfinfo` (Debian `poppler-utils`; scripts/setup.sh
//! installs it). Without those tools these tests fail rather than pass silently.

use std::path::Path;
use std::process::Command;

use crate::export::options::{ExportOptions, PageSize};
use crate::export::tests::{SECRET, all_of_2027_q1, fixture, snapshot};
use crate::time::Tz;

pub(super) fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("{name} is needed for this test (apt-get install poppler-utils): {e}")
        });
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils) is needed");
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Renders the fixture's report with `options` into a temporary file.
pub(super) fn render_to_file(
    options: &ExportOptions,
) -> (tempfile::TempDir, std::path::PathBuf, super::Pdf) {
    let mut f = fixture();
    let snap = snapshot(&mut f, options);
    let pdf = super::render(&snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    (dir, path, pdf)
}

#[test]
fn the_extracted_text_holds_the_totals_dates_outcome_and_signposts() {
    let (_d, path, pdf) = render_to_file(&all_of_2027_q1());
    let text = tool("pdftotext", &["-layout"], &path);
    for expected in [
        "Reset Companion: a report for your therapist",
        "Range: 2027-01-01 to 2027-03-31",
        "Summary",
        // Latest GAD-7 4 of 21 on 2027-03-01, first 11 on 2027-01-04.
        "4 / 21",
        "11 on 2027-01-04",
        "3 / 27",
        "12 on 2027-01-04",
        "Reliable recovery",
        "PHQ-9 12 (2027-01-04) → 3 (2027-03-01)",
        "GAD-7 21 (2026-12-01) → 4",
        "2027-02-01 10:00:00+00:00",
        "PHQ-9 item 9",
        "GAD-7 item by item",
        "Moderate 10–14",
        "caseness 8+",
        "10*",
        "n/a",
        "Mood check-ins",
        "Practice",
        "25",
        "Programme progress",
        "Walked to the park",
        "Self-reported data from a self-help app (Reset Companion); not a clinical record.",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    assert!(text.contains(&format!("Page 1 of {}", pdf.pages)));
    assert!(text.contains(&format!("Page {0} of {0}", pdf.pages)));
    assert!(!text.contains(SECRET), "private text reached the PDF");
}

#[test]
fn page_one_opens_with_the_header_then_risk_then_the_episode_outcome() {
    let (_d, path, _) = render_to_file(&all_of_2027_q1());
    let page1 = tool("pdftotext", &["-f", "1", "-l", "1"], &path);
    let at = |needle: &str| {
        page1
            .find(needle)
            .unwrap_or_else(|| panic!("missing {needle:?} on page 1:\n{page1}"))
    };
    let order = [
        at("Reset Companion: a report for your therapist"),
        at("Range: 2027-01-01 to 2027-03-31"),
        at("Self-reported data"),
        at("Risk"),
        at("Warning"),
        at("2027-02-01 10:00:00+00:00"),
        at("Several days (1)"),
        at("Crisis signposts shown"),
        at("Outcome over the treatment episode"),
    ];
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "out of order:\n{page1}"
    );
}

#[test]
fn the_pdf_is_tagged_with_an_embedded_font_on_the_chosen_paper() {
    let (_d, path, pdf) = render_to_file(&all_of_2027_q1());
    let a4 = info(&path);
    assert!(a4.contains("Tagged:          yes"), "{a4}");
    assert!(a4.contains("595.28 x 841.89 pts (A4)"), "{a4}");
    assert!(a4.contains(&format!("Pages:           {}", pdf.pages)));
    let fonts = Command::new("pdffonts").arg(&path).output().unwrap();
    let fonts = String::from_utf8(fonts.stdout).unwrap();
    assert!(
        fonts.contains("DejaVuSans") && fonts.lines().skip(2).all(|l| l.contains(" yes ")),
        "{fonts}"
    );
    let (_d, letter, _) = render_to_file(&ExportOptions {
        page_size: PageSize::Letter,
        ..all_of_2027_q1()
    });
    assert!(info(&letter).contains("612 x 792 pts (letter)"));
}

#[test]
fn journal_text_is_left_out_when_include_narrows_and_a_name_is_only_on_page_one() {
    let options = ExportOptions {
        include: Some(vec![
            crate::export::ExportSection::Assessments,
            crate::export::ExportSection::CheckIns,
        ]),
        name: Some("Alex Example".into()),
        ..all_of_2027_q1()
    };
    let (_d, path, _) = render_to_file(&options);
    let text = tool("pdftotext", &[], &path);
    assert!(!text.contains("Walked to the park"));
    let cover = tool("pdftotext", &["-f", "1", "-l", "1"], &path);
    assert!(cover.contains("Alex Example"));
    assert_eq!(text.matches("Alex Example").count(), 1);
}

#[test]
fn the_same_snapshot_renders_the_same_bytes() {
    let mut f = fixture();
    let snap = snapshot(&mut f, &all_of_2027_q1());
    let a = super::render(&snap, &|_, _| {}).unwrap();
    let b = super::render(&snap, &|_, _| {}).unwrap();
    assert_eq!(a.bytes, b.bytes);
}

/// Writes the fixture's PDF (A4 and Letter) and FHIR Bundle to `$RESET_EXPORT_SAMPLES` for a
/// person to look at: `RESET_EXPORT_SAMPLES=/tmp/s cargo test -p reset-core --all-features
/// export_samples -- --ignored`.
#[test]
#[ignore = "writes sample files for inspection"]
fn export_samples() {
    let dir = std::path::PathBuf::from(
        std::env::var("RESET_EXPORT_SAMPLES").expect("set RESET_EXPORT_SAMPLES"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let mut f = fixture();
    let options = ExportOptions {
        name: Some("Alex Example".into()),
        ..all_of_2027_q1()
    };
    let snap = snapshot(&mut f, &options);
    std::fs::write(
        dir.join("report-a4.pdf"),
        super::render(&snap, &|_, _| {}).unwrap().bytes,
    )
    .unwrap();
    let letter = snapshot(
        &mut f,
        &ExportOptions {
            page_size: PageSize::Letter,
            ..options
        },
    );
    std::fs::write(
        dir.join("report-letter.pdf"),
        super::render(&letter, &|_, _| {}).unwrap().bytes,
    )
    .unwrap();
    let bundle = crate::export::fhir::bundle(&snap).unwrap();
    std::fs::write(
        dir.join("bundle.json"),
        serde_json::to_vec_pretty(&bundle).unwrap(),
    )
    .unwrap();
}

pub(super) fn page1_of(snap: &crate::export::Snapshot) -> String {
    let pdf = super::render(snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    tool("pdftotext", &["-f", "1", "-l", "1"], &path).replace('\n', " ")
}

/// Issue 17: PHQ-9 3 → 9 with GAD-7 8 → 7 is recovery AND reliable deterioration; the report
/// says both, the deterioration first, as a warning in words.
#[test]
fn recovery_never_hides_reliable_deterioration_in_the_report() {
    use super::profiles::{Profile, series, snapshot_of};
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[3, 9], &[8, 7], &[]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    let warning = page1
        .find("Warning — Reliable deterioration: PHQ-9 3 → 9 (+6) rose reliably")
        .unwrap_or_else(|| panic!("no deterioration warning on page 1:\n{page1}"));
    let recovery = page1.find("Recovery — met").expect("recovery stated too");
    assert!(warning < recovery);
}

/// Issue 17: PHQ-9 9 → 27 with GAD-7 7 → 7 is not caseness, and still reliable deterioration.
#[test]
fn not_caseness_never_hides_reliable_deterioration_in_the_report() {
    use super::profiles::{Profile, series, snapshot_of};
    let p = Profile {
        assessments: series("2027-01-04T10:00:00Z", &[9, 27], &[7, 7], &["0", "3"]),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-03-31", None);
    let page1 = page1_of(&snap);
    assert!(
        page1.contains("Warning — Reliable deterioration: PHQ-9 9 → 27 (+18)"),
        "{page1}"
    );
    assert!(page1.contains("Recovery — not judged"), "{page1}");
}

/// A 3-month report whose range holds no endorsement still names the one before it.
#[test]
fn the_risk_section_names_the_last_endorsement_before_the_range_and_declines_as_such() {
    use super::profiles::{Profile, series, snapshot_of};
    let p = Profile {
        assessments: series(
            "2027-01-04T10:00:00Z",
            &[16, 14, 12, 10, 9, 8, 8, 7, 6, 6, 5],
            &[12, 11, 10, 9, 8, 7, 7, 6, 5, 5, 4],
            &["2", "1", "0", "0", "0", "0", "0", "0", "decline", "0", "0"],
        ),
        ..Profile::default()
    };
    let (_d, snap) = snapshot_of(&p, "2027-03-29", "2027-06-30", None);
    let page1 = page1_of(&snap);
    assert!(page1.contains("declined to answer"), "{page1}");
    assert!(
        page1.contains("Most recent before this range: 2027-01-18 — Several days (1)"),
        "{page1}"
    );
    assert!(!page1.contains("never been answered"), "{page1}");
}

/// Issue 17: an entry made away from the person's zone names the zone; a weekly mood chart
/// whose first and last weeks are cut by the range says they are partial.
#[test]
fn entries_away_name_their_zone_and_partial_weeks_are_marked() {
    use super::profiles::{Profile, every, snapshot_of};
    let p = Profile {
        journal: vec![(
            "In New York".into(),
            crate::export::tests::utc("2027-02-10T23:00:00Z"),
        )],
        journal_zone: Some(Tz::known("America/New_York")),
        check_ins: every("2027-01-01T12:00:00Z", 1, 195)
            .into_iter()
            .map(|at| (4, vec![], vec![], at, crate::export::tests::LONDON))
            .collect(),
        ..Profile::default()
    };
    // 2027-01-01 … 2027-07-14 (a Wednesday): weekly buckets, the last one partial.
    let (_d, snap) = snapshot_of(&p, "2027-01-01", "2027-07-14", None);
    let pdf = super::render(&snap, &|_, _| {}).unwrap();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, &pdf.bytes).unwrap();
    let text = tool("pdftotext", &[], &path).replace('\n', " ");
    assert!(text.contains("(America/New_York)"), "{text}");
    assert!(
        text.contains(
            "The last week (from 2027-07-12) is partial: 3 of its 7 days fall in the range."
        ),
        "{text}"
    );
    // 2027-01-01 is a Friday: the first week is cut short too (second-round review L10).
    assert!(
        text.contains(
            "The first week (from 2026-12-28) is partial: 3 of its 7 days fall in the range."
        ),
        "{text}"
    );
}
