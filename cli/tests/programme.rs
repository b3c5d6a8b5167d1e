//! The issue-6 CLI contract: `programme …`, `session log` and `practice summary`, exactly as
//! outside checks drive them.

mod common;

use common::Cli;
use serde_json::Value;

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect()
}

#[test]
fn list_names_every_programme_with_its_step_count() {
    let cli = Cli::new();
    let list = cli.json(&["programme", "list", "--json"]);
    let got: Vec<(&str, u64)> = list["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["steps"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("anxiety-reset", 8),
            ("meditation-7-day", 7),
            ("mindfulness-8-week", 8),
            ("stress-reset", 14)
        ]
    );
    assert!(list["programmes"][0]["title"].as_str().unwrap().len() > 3);
}

#[test]
fn show_gives_every_step_with_its_text() {
    let cli = Cli::new();
    let p = cli.json(&["programme", "show", "anxiety-reset", "--json"]);
    assert_eq!(p["id"], "anxiety-reset");
    assert_eq!(p["steps"].as_array().unwrap().len(), 8);
    assert_eq!(
        p["steps"][0]["instruments"],
        serde_json::json!(["gad7", "phq9"])
    );
    assert!(
        p["steps"][1]["body"]
            .as_str()
            .unwrap()
            .contains("week is for practice")
    );
    assert!(p["notice"].as_str().unwrap().contains("not a replacement"));
    let missing = cli.error(&["programme", "show", "nope", "--json"]);
    assert_eq!(missing["kind"], "not_found");
}

#[test]
fn a_weekly_session_unlocks_the_following_monday_and_a_locked_one_is_a_conflict() {
    let cli = Cli::new();
    let started = cli.json(&[
        "--now",
        "2027-03-01T20:00:00Z",
        "programme",
        "start",
        "anxiety-reset",
        "--json",
    ]);
    assert_eq!(started["programme"], "anxiety-reset");

    // Monday 1 March 2027, 21:00 in London.
    let done = cli.json(&[
        "programme",
        "complete",
        "session-1",
        "--at",
        "2027-03-01T21:00:00Z",
        "--json",
    ]);
    assert_eq!(done["step_id"], "session-1");

    let today = cli.json(&[
        "--now",
        "2027-03-03T09:00:00Z",
        "programme",
        "today",
        "--json",
    ]);
    assert_eq!(today["programme"], "anxiety-reset");
    let step = &today["steps"][0];
    assert_eq!(
        (
            step["id"].as_str(),
            step["status"].as_str(),
            step["unlocks_at"].as_str()
        ),
        (
            Some("session-2"),
            Some("locked"),
            Some("2027-03-08T00:00:00+00:00")
        )
    );
    assert!(step["title"].is_string());

    let err = cli.error(&[
        "--now",
        "2027-03-03T09:00:00Z",
        "programme",
        "complete",
        "session-2",
        "--json",
    ]);
    assert_eq!(err["kind"], "conflict");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("2027-03-08T00:00:00+00:00")
    );
    let status = cli.json(&["status", "--json"]);
    assert_eq!(
        status["counts"]["programme_completions"], 1,
        "nothing stored"
    );

    let monday = cli.json(&[
        "--now",
        "2027-03-08T07:00:00Z",
        "programme",
        "today",
        "--json",
    ]);
    assert_eq!(monday["steps"][0]["status"], "available");
    assert_eq!(monday["steps"][0]["unlocks_at"], Value::Null);
}

#[test]
fn progress_leave_and_start_again_keep_what_was_done() {
    let cli = Cli::new();
    cli.json(&["programme", "start", "meditation-7-day", "--json"]);
    let again = cli.json(&["programme", "complete", "day-1", "--json"]);
    assert_eq!(again["already_completed"], false);
    let twice = cli.json(&["programme", "complete", "day-1", "--json"]);
    assert_eq!(twice["already_completed"], true);

    let progress = cli.json(&["programme", "progress", "--json"]);
    assert_eq!(progress["completed_steps"], 1);
    assert_eq!(ids(&progress["steps"]).len(), 7);

    let other = cli.error(&["programme", "start", "stress-reset", "--json"]);
    assert_eq!(other["kind"], "conflict");
    let left = cli.json(&["programme", "leave", "--json"]);
    assert_eq!(left["left"], "meditation-7-day");
    assert_eq!(
        cli.json(&["programme", "today", "--json"])["programme"],
        Value::Null
    );
    assert_eq!(
        cli.json(&["programme", "progress", "--json"])["programme"],
        Value::Null
    );
    let back = cli.json(&["programme", "start", "meditation-7-day", "--json"]);
    assert_eq!(back["completed_steps"], 1);
}

#[test]
fn session_log_and_practice_summary_follow_the_contract() {
    let cli = Cli::new();
    // fixedNow in the harness: Sunday 28 March 2027, 10:00 BST.
    let s = cli.json(&[
        "session",
        "log",
        "--kind",
        "body_scan",
        "--minutes",
        "12",
        "--planned",
        "15",
        "--interrupted",
        "--at",
        "2027-03-27T08:00:00Z",
        "--json",
    ]);
    assert_eq!(s["technique"], "body_scan");
    assert_eq!(s["completed"], false);
    assert_eq!(
        (s["actual_minutes"].as_u64(), s["planned_minutes"].as_u64()),
        (Some(12), Some(15))
    );
    assert_eq!(s["started_at"], "2027-03-27T08:00:00+00:00");
    assert_eq!(s["ended_at"], "2027-03-27T08:12:00+00:00");
    assert_eq!(
        s["health_connect_type"],
        "MINDFULNESS_SESSION_TYPE_MEDITATION"
    );
    cli.json(&[
        "session",
        "log",
        "--kind",
        "breathing",
        "--minutes",
        "5",
        "--json",
    ]);

    let sum = cli.json(&["practice", "summary", "--from", "2027-03-22", "--json"]);
    let days = sum["minutes_per_day"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    assert_eq!(
        days[5],
        serde_json::json!({"date": "2027-03-27", "minutes": 12, "sessions": 1})
    );
    assert_eq!(sum["days_practised_this_week"], 2);
    assert_eq!(sum["streak"], 2);
    assert!(sum["habit_strength"].as_f64().unwrap() > 0.0);
    assert_eq!(sum["minutes_per_week"][0]["minutes"], 17);

    cli.json(&["practice", "streak", "--hide", "--json"]);
    assert_eq!(
        cli.json(&["practice", "summary", "--json"])["streak"],
        Value::Null
    );

    let bad = cli.error(&[
        "session",
        "log",
        "--kind",
        "yoga",
        "--minutes",
        "5",
        "--json",
    ]);
    assert_eq!(bad["kind"], "invalid_input");
    let zero = cli.error(&[
        "session",
        "log",
        "--kind",
        "other",
        "--minutes",
        "0",
        "--json",
    ]);
    assert_eq!(zero["kind"], "invalid_input");
}

#[test]
fn validate_accepts_the_real_packs_and_names_the_step_at_fault() {
    let cli = Cli::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../core/content/programmes");
    for id in [
        "anxiety-reset",
        "meditation-7-day",
        "mindfulness-8-week",
        "stress-reset",
    ] {
        let ok = cli.json(&[
            "programme",
            "validate",
            &format!("{dir}/{id}.json"),
            "--json",
        ]);
        assert_eq!(
            (ok["valid"].as_bool(), ok["programme"]["id"].as_str()),
            (Some(true), Some(id))
        );
    }
    let pack = std::fs::read_to_string(format!("{dir}/meditation-7-day.json")).unwrap();
    let bad = cli.dir.path().join("bad.json");
    std::fs::write(&bad, pack.replace("\"id\": \"day-4\"", "\"id\": \"day-3\"")).unwrap();
    let err = cli.error(&["programme", "validate", bad.to_str().unwrap(), "--json"]);
    assert_eq!(err["kind"], "invalid_input");
    // The JSON path of the duplicate (the fourth step), never the value from the file.
    assert_eq!(err["field"], "steps[3].id");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("steps[3].id duplicates an earlier step's id"),
        "{message}"
    );
    assert!(!message.contains("day-3"), "{message}");
}

#[test]
fn the_tour_enrols_completes_day_one_and_logs_a_session_and_can_run_twice() {
    let cli = Cli::new();
    for _ in 0..2 {
        let tour = cli.json(&["tour", "--json"]);
        let steps: Vec<&str> = tour["steps"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["step"].as_str().unwrap())
            .collect();
        assert!(
            steps.iter().any(|s| s.contains("Seven days of meditation")),
            "{steps:?}"
        );
        assert!(
            steps
                .iter()
                .any(|s| s.contains("Logged a 5-minute meditation")),
            "{steps:?}"
        );
    }
    // On the tour's own demo profile (each run starts it afresh), never the person's.
    let demo = cli.dir.path().join("tour/profile.db");
    let progress: serde_json::Value =
        serde_json::from_slice(&common::run_db(&demo, &["programme", "progress", "--json"]).stdout)
            .unwrap();
    assert_eq!(progress["programme"], "meditation-7-day");
    assert_eq!(progress["steps"][0]["status"], "done");
    let status: serde_json::Value =
        serde_json::from_slice(&common::run_db(&demo, &["status", "--json"]).stdout).unwrap();
    assert!(status["counts"]["practice_sessions"].as_u64().unwrap() >= 1);
    assert!(
        !cli.db().exists(),
        "the tour never creates or opens the profile"
    );
}
