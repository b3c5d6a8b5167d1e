//! The therapist export contract: `reset export pdf|csv|fhir [--from] [--to] [--include]
//! --out PATH [--json]` writes the file and prints a summary with counts.

mod common;

use common::Cli;

fn with_data() -> Cli {
    let cli = Cli::new();
    for (id, answers, at) in [
        ("gad7", "2,2,2,2,1,1,1", "2027-01-04T10:00:00Z"),
        ("phq9", "2,2,2,2,1,1,1,1,0", "2027-01-04T10:05:00Z"),
        ("gad7", "1,1,1,1,0,0,0", "2027-03-01T10:00:00Z"),
        ("phq9", "1,1,1,0,0,0,0,0,1", "2027-03-01T10:05:00Z"),
    ] {
        cli.json(&[
            "assess",
            "take",
            id,
            "--answers",
            answers,
            "--at",
            at,
            "--region",
            "GB",
            "--json",
        ]);
    }
    cli.json(&[
        "checkin",
        "--mood",
        "4",
        "--note",
        "not for export",
        "--at",
        "2027-02-01T09:00:00Z",
        "--json",
    ]);
    cli
}

#[test]
fn pdf_writes_the_file_and_prints_counts() {
    let cli = with_data();
    let out = cli.dir.path().join("report.pdf");
    let out_text = out.to_str().unwrap();
    let s = cli.json(&[
        "export",
        "pdf",
        "--from",
        "2027-01-01",
        "--to",
        "2027-03-27",
        "--out",
        out_text,
        "--json",
    ]);
    assert_eq!(s["format"], "pdf");
    assert_eq!(s["path"], out_text);
    assert!(s["pages"].as_u64().unwrap() >= 4);
    assert_eq!(s["counts"]["assessments"], 4);
    assert_eq!(s["counts"]["safety_events"], 1);
    assert_eq!(s["counts"]["check_ins"], 1);
    assert_eq!(s["counts"]["from"], "2027-01-01");
    // Issue 17: shared journal entries are in by default (`--include` narrows).
    assert_eq!(
        s["counts"]["sections"],
        serde_json::json!([
            "assessments",
            "checkins",
            "practice",
            "programmes",
            "journal"
        ])
    );
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
}

#[test]
fn csv_and_fhir_honour_include_and_the_range() {
    let cli = with_data();
    let folder = cli.dir.path().join("csv");
    let s = cli.json(&[
        "export",
        "csv",
        "--from",
        "2027-02-01",
        "--include",
        "assessments",
        "--out",
        folder.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        s["files"],
        serde_json::json!(["README.txt", "assessments.csv", "safety_events.csv"])
    );
    assert_eq!(s["counts"]["assessments"], 2);
    let text = std::fs::read_to_string(folder.join("assessments.csv")).unwrap();
    assert_eq!(text.lines().count(), 3);

    let bundle = cli.dir.path().join("bundle.json");
    let s = cli.json(&[
        "export",
        "fhir",
        "--out",
        bundle.to_str().unwrap(),
        "--json",
    ]);
    let b: serde_json::Value = serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    assert_eq!(b["type"], "collection");
    // Patient, 2 Questionnaires, 4 responses, 4 totals, then (issue 17) one Observation per
    // item and per crisis signpost; the counts hold only what the Bundle holds.
    let entries = b["entry"].as_array().unwrap();
    assert_eq!(s["resources"], entries.len());
    let totals = entries
        .iter()
        .filter(|e| e["resource"]["hasMember"].is_array())
        .count();
    assert_eq!(totals, 4);
    // Check-ins are Observations in the Bundle (therapist read-through), their notes never.
    assert_eq!(s["counts"]["check_ins"], 1);
    assert_eq!(s["counts"]["practice_sessions"], 0);
    assert_eq!(
        s["counts"]["sections"],
        serde_json::json!(["assessments", "checkins"])
    );
    assert!(!b.to_string().contains("not for export"));
}

/// Issue 20: `--include safety-plan` adds the person's plan; it is never in by default.
#[test]
fn the_safety_plan_is_in_only_with_include_safety_plan() {
    let cli = with_data();
    let plan = cli.dir.path().join("plan.json");
    std::fs::write(
        &plan,
        r#"{"warning_signs": ["plover-canary-5120"], "reasons_for_living": ["My dog"]}"#,
    )
    .unwrap();
    cli.json(&[
        "safety-plan",
        "edit",
        "--input",
        plan.to_str().unwrap(),
        "--json",
    ]);
    let folder = cli.dir.path().join("with-plan");
    let s = cli.json(&[
        "export",
        "csv",
        "--include",
        "assessments,safety-plan",
        "--out",
        folder.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(s["counts"]["safety_plan_version"], 1);
    let text = std::fs::read_to_string(folder.join("safety_plan.csv")).unwrap();
    assert!(text.contains("plover-canary-5120"), "{text}");
    let folder = cli.dir.path().join("default");
    let s = cli.json(&["export", "csv", "--out", folder.to_str().unwrap(), "--json"]);
    assert_eq!(s["counts"]["safety_plan_version"], serde_json::Value::Null);
    assert!(!folder.join("safety_plan.csv").exists());
    for entry in std::fs::read_dir(&folder).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!String::from_utf8_lossy(&bytes).contains("plover-canary-5120"));
    }
}

#[test]
fn bad_options_are_invalid_input_naming_the_field() {
    let cli = with_data();
    let out = cli.dir.path().join("x.pdf");
    let e = cli.error(&[
        "export",
        "pdf",
        "--include",
        "moods",
        "--out",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(e["kind"], "invalid_input");
    let e = cli.error(&[
        "export",
        "fhir",
        "--from",
        "2027-13-01",
        "--out",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(e["kind"], "invalid_input");
    assert!(e["message"].as_str().unwrap().contains("from"));
    let e = cli.error(&[
        "export",
        "csv",
        "--to",
        "31/03/2027",
        "--out",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(e["kind"], "invalid_input");
    assert!(
        e["message"].as_str().unwrap().starts_with("invalid to:"),
        "{e}"
    );
    let missing = cli.dir.path().join("nope").join("x.pdf");
    let e = cli.error(&[
        "export",
        "pdf",
        "--out",
        missing.to_str().unwrap(),
        "--json",
    ]);
    assert!(e["message"].as_str().unwrap().contains("out"));
    assert!(!out.exists());
}
