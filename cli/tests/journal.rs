//! The issue-5 CLI contract: `checkin`, `journal …`, `insights`, exactly as outside checks drive them.

mod common;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

use common::{Cli, contains};

fn fixture(kind: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../tests/fixtures/journal/{kind}.json"))
        .display()
        .to_string()
}

#[test]
fn checkin_prints_the_stored_check_in_with_its_id_and_healthkit_mapping() {
    let cli = Cli::new();
    let c = cli.json(&[
        "checkin",
        "--mood",
        "6",
        "--labels",
        "calm,grateful",
        "--areas",
        "work,selfCare",
        "--note",
        "x",
        "--tags",
        "Walk",
        "--at",
        "2027-03-27T23:30:00Z",
        "--json",
    ]);
    assert!(c["id"].as_str().unwrap().starts_with("ci_"));
    assert_eq!(c["mood"], 6);
    assert_eq!(c["valence_classification"], "pleasant");
    assert_eq!(c["labels"], serde_json::json!(["calm", "grateful"]));
    assert_eq!(c["areas"], serde_json::json!(["self_care", "work"]));
    assert_eq!(c["tags"], serde_json::json!(["walk"]));
    assert_eq!(c["local_date"], "2027-03-27");
    for (args, field) in [
        (vec!["checkin", "--mood", "8", "--json"], "mood"),
        (
            vec!["checkin", "--mood", "3", "--labels", "zen", "--json"],
            "labels[0]",
        ),
        (
            vec!["checkin", "--mood", "3", "--areas", "work,moon", "--json"],
            "areas[1]",
        ),
    ] {
        let e = cli.error(&args);
        assert_eq!(e["kind"], "invalid_input");
        assert!(e["message"].as_str().unwrap().contains(field), "{e}");
    }
}

#[test]
fn every_kind_adds_from_text_or_json_and_lists_shows_edits_shares_and_deletes() {
    let cli = Cli::new();
    for kind in [
        "free",
        "thought",
        "gratitude",
        "worry",
        "exposure",
        "activity",
    ] {
        let from_text = cli.json(&[
            "journal",
            "add",
            "--kind",
            kind,
            "--text",
            "quiet evening",
            "--json",
        ]);
        assert_eq!(from_text["kind"], kind);
        assert_eq!(from_text["shared_with_therapist"], false);
        let from_json = cli.json(&[
            "journal",
            "add",
            "--kind",
            kind,
            "--input",
            &fixture(kind),
            "--share",
            "--tags",
            "a,b",
            "--json",
        ]);
        assert!(from_json["id"].as_str().unwrap().starts_with("je_"));
        assert_eq!(from_json["shared_with_therapist"], true);
        assert_eq!(from_json["tags"], serde_json::json!(["a", "b"]));
    }
    let thoughts = cli.json(&[
        "journal",
        "list",
        "--kind",
        "thought",
        "--from",
        "2027-03-28",
        "--to",
        "2027-03-28",
        "--json",
    ]);
    assert_eq!(thoughts["entries"].as_array().unwrap().len(), 2);
    let id = thoughts["entries"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        cli.json(&["journal", "show", &id, "--json"])["id"],
        id.as_str()
    );
    let edited = cli.json(&[
        "journal",
        "edit",
        &id,
        "--text",
        "a new automatic thought",
        "--now",
        "2027-03-29T10:00:00Z",
        "--json",
    ]);
    assert_eq!(
        edited["record"]["automatic_thoughts"],
        "a new automatic thought"
    );
    assert_eq!(edited["created_at"], "2027-03-28T09:00:00Z");
    assert_eq!(edited["updated_at"], "2027-03-29T10:00:00Z");
    assert_eq!(
        cli.json(&["journal", "share", &id, "--json"])["shared_with_therapist"],
        true
    );
    assert_eq!(
        cli.json(&["journal", "share", &id, "--off", "--json"])["shared_with_therapist"],
        false
    );
    cli.json(&["journal", "delete", &id, "--json"]);
    assert_eq!(
        cli.error(&["journal", "show", &id, "--json"])["kind"],
        "not_found"
    );
}

#[test]
fn search_returns_ranked_hits_with_bracketed_snippets_and_refuses_malformed_queries() {
    let cli = Cli::new();
    let e = cli.json(&[
        "journal",
        "add",
        "--kind",
        "thought",
        "--input",
        &fixture("thought"),
        "--json",
    ]);
    cli.json(&[
        "journal",
        "add",
        "--kind",
        "free",
        "--text",
        "Café with the manager, then the manager again",
        "--json",
    ]);
    let hits = cli.json(&["journal", "search", "MANAG*", "--json"]);
    let hits = hits["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 2);
    assert_eq!(
        hits[0]["kind"], "free",
        "two mentions in a short entry rank first"
    );
    assert_eq!(hits[1]["id"], e["id"]);
    assert_eq!(hits[1]["local_date"], "2027-03-28");
    assert!(
        hits[1]["snippet"].as_str().unwrap().contains("[manager]"),
        "{}",
        hits[1]
    );
    assert_eq!(
        cli.json(&["journal", "search", "cafe", "--json"])["hits"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    for q in ["\"unclosed", "OR", "***"] {
        let err = cli.error(&["journal", "search", q, "--json"]);
        assert_eq!(err["kind"], "invalid_input");
        assert!(err["message"].as_str().unwrap().contains("query"));
    }
}

#[test]
fn bad_input_is_invalid_input_naming_the_field_and_stores_nothing() {
    let cli = Cli::new();
    let dir = cli.dir.path();
    let write = |name: &str, body: &[u8]| {
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.display().to_string()
    };
    let huge = write(
        "huge.json",
        format!(r#"{{"text":"{}"}}"#, "a".repeat(200 * 1024)).as_bytes(),
    );
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--kind".into(), "free".into(), "--input".into(), huge],
            "text",
        ),
        (
            vec![
                "--kind".into(),
                "thought".into(),
                "--input".into(),
                write(
                    "d.json",
                    br#"{"automatic_thoughts":"x","distortions":["psychic"]}"#,
                ),
            ],
            "distortions[0]",
        ),
        (
            vec![
                "--kind".into(),
                "exposure".into(),
                "--input".into(),
                write("r.json", br#"{"situation":"x","distress_after":101}"#),
            ],
            "distress_after",
        ),
        (
            vec![
                "--kind".into(),
                "free".into(),
                "--input".into(),
                write("u.json", b"{\"text\":\"\xff\"}"),
            ],
            "input",
        ),
        (
            vec!["--kind".into(), "diary".into(), "--text".into(), "x".into()],
            "kind",
        ),
        (
            vec![
                "--kind".into(),
                "free".into(),
                "--text".into(),
                "x".into(),
                "--at".into(),
                "noon".into(),
            ],
            "at",
        ),
    ];
    for (args, field) in cases {
        let mut all: Vec<&str> = vec!["journal", "add", "--json"];
        all.extend(args.iter().map(String::as_str));
        let e = cli.error(&all);
        assert_eq!(e["kind"], "invalid_input");
        assert!(
            e["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("invalid {field}:")),
            "{e}"
        );
    }
    // Invalid UTF-8 straight from the terminal.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_reset"))
        .args([
            "--db",
            &cli.db().display().to_string(),
            "--json",
            "journal",
            "add",
            "--kind",
            "free",
            "--text",
        ])
        .arg(OsStr::from_bytes(b"bad\xff"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains(r#""message":"invalid text: is not valid UTF-8""#)
    );
    let status = cli.json(&["status", "--json"]);
    assert_eq!(status["counts"]["journal_entries"], 0);
}

#[test]
fn canary_text_never_reaches_the_files_and_is_gone_from_search_after_delete() {
    let cli = Cli::new();
    let mut ids = Vec::new();
    for kind in [
        "free",
        "thought",
        "gratitude",
        "worry",
        "exposure",
        "activity",
    ] {
        let text = format!("secret Zqcanary{kind} words");
        ids.push(
            cli.json(&["journal", "add", "--kind", kind, "--text", &text, "--json"])["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    cli.json(&["checkin", "--mood", "2", "--note", "Zqcanarynote", "--json"]);
    for kind in [
        "free",
        "thought",
        "gratitude",
        "worry",
        "exposure",
        "activity",
        "note",
    ] {
        let canary = format!("Zqcanary{kind}");
        assert!(
            !contains(&cli.profile_bytes(), &canary)
                && !contains(&cli.profile_bytes(), &canary.to_lowercase())
        );
        assert_eq!(
            cli.json(&["journal", "search", &canary, "--json"])["hits"]
                .as_array()
                .unwrap()
                .len(),
            1
        );
    }
    for id in &ids {
        cli.json(&["journal", "delete", id, "--json"]);
    }
    for kind in [
        "free",
        "thought",
        "gratitude",
        "worry",
        "exposure",
        "activity",
    ] {
        assert!(
            cli.json(&["journal", "search", &format!("Zqcanary{kind}"), "--json"])["hits"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        // Errors never echo what was typed.
        let e = cli.error(&[
            "checkin",
            "--mood",
            "0",
            "--note",
            &format!("Zqcanary{kind}"),
            "--json",
        ]);
        assert!(!e.to_string().contains("Zqcanary"));
    }
}

#[test]
fn insights_cover_a_range_with_calendar_weekday_time_of_day_and_thought_records() {
    let cli = Cli::new();
    for (at, mood) in [
        ("2027-03-01T08:00:00Z", 2),
        ("2027-03-01T19:00:00Z", 4),
        ("2027-03-02T13:00:00Z", 6),
    ] {
        cli.json(&["checkin", "--mood", &mood.to_string(), "--at", at, "--json"]);
    }
    cli.json(&[
        "journal",
        "add",
        "--kind",
        "thought",
        "--input",
        &fixture("thought"),
        "--at",
        "2027-03-02T12:00:00Z",
        "--json",
    ]);
    let i = cli.json(&[
        "insights",
        "--from",
        "2027-03-01",
        "--to",
        "2027-03-31",
        "--json",
    ]);
    assert_eq!(i["check_in_count"], 3);
    assert_eq!(
        i["calendar"][0],
        serde_json::json!({"date": "2027-03-01", "average": 3.0, "min": 2, "max": 4, "count": 2})
    );
    assert_eq!(i["by_weekday"][0]["name"], "monday");
    assert_eq!(i["by_weekday"][0]["count"], 2);
    assert_eq!(i["by_time_of_day"][1]["name"], "afternoon");
    assert_eq!(i["thought_record_count"], 1);
    assert_eq!(i["distortions"].as_array().unwrap().len(), 3);
    assert_eq!(i["emotion_changes"][0]["average_change"], -40.0);
    assert_eq!(
        cli.error(&[
            "insights",
            "--from",
            "2027-04-01",
            "--to",
            "2027-03-01",
            "--json"
        ])["kind"],
        "invalid_input"
    );
}
