//! CSV files written to a folder and a zip, parsed back with the `csv` crate.

use std::collections::BTreeMap;
use std::io::Read;

use super::*;
use crate::export::tests::{Fixture, LONDON, NOW, SECRET, all_of_2027_q1, fixture, snapshot, utc};
use crate::export::{ExportFormat, ExportOptions, ExportSection, ExportSummary, export};
use crate::progress::Silent;

type Table = Vec<BTreeMap<String, String>>;

fn parse(bytes: &[u8]) -> Table {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let mut r = ::csv::Reader::from_reader(bytes);
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            let rec = rec.unwrap();
            headers
                .iter()
                .zip(rec.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn csv_export(f: &mut Fixture, options: &ExportOptions, out: &std::path::Path) -> ExportSummary {
    export(
        &mut f.store,
        ExportFormat::Csv,
        options,
        out,
        utc(NOW),
        LONDON,
        &Silent,
    )
    .unwrap()
}

#[test]
fn a_folder_holds_one_parseable_file_per_included_data_type() {
    let mut f = fixture();
    let out = f._dir.path().join("csv-export");
    let summary = csv_export(&mut f, &all_of_2027_q1(), &out);
    assert_eq!(
        summary.files,
        [
            "README.txt",
            "assessments.csv",
            "safety_events.csv",
            "check_ins.csv",
            "practice_sessions.csv",
            "programme_steps.csv",
            "shared_journal_entries.csv",
            "safety_plan.csv"
        ]
    );
    let read = |name: &str| std::fs::read(out.join(name)).unwrap();

    let assessments = parse(&read("assessments.csv"));
    assert_eq!(assessments.len(), 7);
    let first = &assessments[0];
    assert_eq!(first["date"], "2027-01-04T10:00:00+00:00");
    assert_eq!(
        (first["instrument"].as_str(), first["total"].as_str()),
        ("gad7", "11")
    );
    assert_eq!(first["severity"], "moderate");
    assert_eq!(
        (
            first["item_1"].as_str(),
            first["item_7"].as_str(),
            first["item_8"].as_str()
        ),
        ("2", "1", "")
    );
    let wsas = assessments
        .iter()
        .find(|a| a["instrument"] == "wsas")
        .unwrap();
    assert_eq!(
        (wsas["item_1"].as_str(), wsas["prorated"].as_str()),
        ("na", "true")
    );
    assert!(assessments[0].contains_key("item_10"));

    let safety = parse(&read("safety_events.csv"));
    assert_eq!(safety.len(), 1);
    assert_eq!(
        (safety[0]["date"].as_str(), safety[0]["reason"].as_str()),
        ("2027-02-01T10:00:00+00:00", "self_harm_thoughts")
    );

    let check_ins = parse(&read("check_ins.csv"));
    assert_eq!(check_ins[1]["date"], "2027-02-10T18:30:00-05:00");
    assert_eq!(
        (
            check_ins[0]["mood"].as_str(),
            check_ins[0]["labels"].as_str()
        ),
        ("3", "anxious")
    );
    assert!(!check_ins[0].contains_key("note"));

    let practice = parse(&read("practice_sessions.csv"));
    assert_eq!(
        practice
            .iter()
            .map(|p| p["actual_minutes"].as_str())
            .collect::<Vec<_>>(),
        ["10", "15"]
    );

    let steps = parse(&read("programme_steps.csv"));
    assert_eq!(
        (
            steps[0]["programme_id"].as_str(),
            steps[0]["step_id"].as_str()
        ),
        ("anxiety-reset", "session-1")
    );

    // RFC 4180: the quote and comma inside the shared entry survive the round trip.
    let journal = parse(&read("shared_journal_entries.csv"));
    assert_eq!(journal.len(), 1);
    assert_eq!(
        journal[0]["text"],
        "Text: Walked to the park, \"calmer\" after, then rang Sam"
    );
    let raw = String::from_utf8(read("shared_journal_entries.csv")).unwrap();
    assert!(raw.contains("\"Text: Walked to the park, \"\"calmer\"\" after, then rang Sam\""));
    assert!(raw.contains("\r\n"));

    for name in &summary.files {
        assert!(
            !String::from_utf8_lossy(&read(name)).contains(SECRET),
            "{name} leaks private text"
        );
    }

    // Issue 17: a byte-order mark, a record id and a time zone in every CSV file, and the
    // safety event joined to its assessment.
    for name in summary.files.iter().filter(|n| n.ends_with(".csv")) {
        let bytes = read(name);
        assert!(bytes.starts_with(BOM), "{name} has no byte-order mark");
        let table = parse(&bytes);
        // The fixture saved no safety plan: its file is a header only.
        assert!(!table.is_empty() || name == "safety_plan.csv", "{name}");
        for row in &table {
            assert!(!row["id"].is_empty(), "{name}: a row without an id");
            assert!(
                row.get("time_zone").is_some_and(|z| z.contains('/')),
                "{name}: a row without a time zone"
            );
        }
    }
    let item9 = assessments
        .iter()
        .find(|a| a["date"] == "2027-02-01T10:00:00+00:00")
        .unwrap();
    assert_eq!(safety[0]["assessment_id"], item9["id"]);
    assert_eq!(steps[0]["time_zone"], "Europe/London");
    assert_eq!(practice[0]["time_zone"], "Europe/London");
}

#[test]
fn formula_like_text_cells_are_neutralised_and_numbers_are_not() {
    for (cell, safe) in [
        ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("-0.333", "-0.333"),
        ("12", "12"),
        ("Text: a = b", "Text: a = b"),
        ("", ""),
    ] {
        assert_eq!(neutralise(cell), safe, "{cell:?}");
    }
}

#[test]
fn a_zip_path_gives_one_zip_with_the_same_files() {
    let mut f = fixture();
    let out = f._dir.path().join("export.zip");
    let options = ExportOptions {
        include: Some(vec![ExportSection::Assessments]),
        ..all_of_2027_q1()
    };
    let summary = csv_export(&mut f, &options, &out);
    assert_eq!(
        summary.files,
        ["README.txt", "assessments.csv", "safety_events.csv"]
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name("assessments.csv")
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(parse(text.as_bytes()).len(), 7);
    assert!(
        zip.by_name("check_ins.csv").is_err(),
        "sections not chosen are not written"
    );
    // Same data, same bytes.
    let first = std::fs::read(&out).unwrap();
    let snap = snapshot(&mut f, &options);
    write(&snap, f.store.path(), &out, false).unwrap();
    assert_eq!(first, std::fs::read(&out).unwrap());
}

#[test]
fn a_file_where_a_folder_is_expected_is_invalid() {
    let mut f = fixture();
    let out = f._dir.path().join("plain-file");
    std::fs::write(&out, b"x").unwrap();
    let snap = snapshot(&mut f, &all_of_2027_q1());
    assert!(
        matches!(write(&snap, f.store.path(), &out, false), Err(Error::InvalidInput { ref field, .. }) if field == "out")
    );
}

/// Therapist read-through (CSV): the episode and baseline of every assessment; structured
/// journal entries with one column per field; safety_events.csv even without questionnaires.
#[test]
fn assessments_name_their_episode_and_baseline_and_structured_entries_get_columns() {
    let mut f = fixture();
    f.store
        .write(|tx| {
            crate::journal::entries::add(
                tx,
                crate::journal::JournalInput {
                    body: crate::journal::JournalBody::Thought {
                        record: crate::journal::ThoughtRecord {
                            situation: "=Team meeting".into(),
                            automatic_thoughts: "They think I am useless".into(),
                            balanced_thought: "One comment is not everyone".into(),
                            belief_before: Some(90),
                            belief_after: Some(40),
                            ..Default::default()
                        },
                    },
                    tags: vec![],
                    shared_with_therapist: true,
                    at: Some("2027-02-20T09:00:00Z".into()),
                },
                utc(NOW),
                LONDON,
            )?;
            Ok(())
        })
        .unwrap();
    let out = f._dir.path().join("csv-episode");
    let summary = csv_export(&mut f, &all_of_2027_q1(), &out);
    assert!(
        summary
            .files
            .contains(&"journal_thought_records.csv".to_string()),
        "{:?}",
        summary.files
    );
    let read = |name: &str| std::fs::read(out.join(name)).unwrap();
    let a = parse(&read("assessments.csv"));
    // The implicit episode starts with the GAD-7 of 2026-12-01 (outside the range).
    let gad_jan = &a[0];
    assert_eq!(gad_jan["instrument"], "gad7");
    assert_eq!(
        (
            gad_jan["episode_start"].as_str(),
            gad_jan["episode_baseline"].as_str()
        ),
        ("2026-12-01", "false")
    );
    let phq_jan = a.iter().find(|r| r["instrument"] == "phq9").unwrap();
    assert_eq!(phq_jan["episode_baseline"], "true");
    let thoughts = parse(&read("journal_thought_records.csv"));
    assert_eq!(thoughts.len(), 1);
    assert_eq!(thoughts[0]["situation"], "'=Team meeting");
    assert_eq!(thoughts[0]["automatic_thoughts"], "They think I am useless");
    assert_eq!(
        (
            thoughts[0]["belief_before_percent"].as_str(),
            thoughts[0]["belief_after_percent"].as_str()
        ),
        ("90", "40")
    );

    // Without questionnaires, the signposts are still written (risk is safety information).
    let out = f._dir.path().join("csv-moods");
    let summary = csv_export(
        &mut f,
        &ExportOptions {
            include: Some(vec![ExportSection::CheckIns]),
            ..all_of_2027_q1()
        },
        &out,
    );
    assert_eq!(
        summary.files,
        ["README.txt", "safety_events.csv", "check_ins.csv"]
    );
    assert_eq!(parse(&read("../csv-moods/safety_events.csv")).len(), 1);
}
