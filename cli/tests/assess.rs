//! The issue-4 CLI contract: `assess list|score|take|history|due|outcome`, exactly as outside
//! checks drive them, plus the shared golden vectors run through the real binary.

mod common;

use common::{Cli, contains};
use serde_json::{Value, json};

const GOLDEN: &str = include_str!("../../tests/fixtures/assessment/golden.json");

#[test]
fn list_names_every_instrument_with_its_item_count() {
    let cli = Cli::new();
    let list = cli.json(&["assess", "list", "--json"]);
    let got: Vec<(String, u64)> = list["instruments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["items"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        ("gad7", 7),
        ("phq9", 9),
        ("gad2", 2),
        ("phq2", 2),
        ("pss10", 10),
        ("wsas", 5),
    ];
    assert_eq!(got, expected.map(|(id, n)| (id.to_string(), n)));
    assert_eq!(list["instruments"][0]["title"], "GAD-7");
}

#[test]
fn score_prints_exactly_the_contract_object_and_stores_nothing() {
    let cli = Cli::new();
    let r = cli.json(&[
        "assess",
        "score",
        "gad7",
        "--answers",
        "3,2,2,2,1,1,1",
        "--json",
    ]);
    assert_eq!(
        r,
        json!({"instrument":"gad7","total":12,"max":21,"severity":"moderate","flags":[],"signpost":null})
    );
    let status = cli.json(&["status", "--json"]);
    assert_eq!(status["counts"]["assessments"], 0);
}

#[test]
fn every_golden_vector_scores_the_same_through_the_binary() {
    let golden: Value = serde_json::from_str(GOLDEN).unwrap();
    let cli = Cli::new();
    for case in golden["scoring"].as_array().unwrap() {
        let (name, id) = (
            case["name"].as_str().unwrap(),
            case["instrument"].as_str().unwrap(),
        );
        let answers = format!("--answers={}", case["answers"].as_str().unwrap());
        let args = [
            "assess",
            "score",
            id,
            &answers,
            "--region",
            case["region"].as_str().unwrap(),
            "--json",
        ];
        if let Some(expect) = case.get("expect").filter(|e| !e.is_null()) {
            let r = cli.json(&args);
            for key in ["total", "max", "severity", "flags"] {
                assert_eq!(r[key], expect[key], "{name}: {key}");
            }
            match expect["signpost"].as_object() {
                None => assert!(r["signpost"].is_null(), "{name}"),
                Some(s) => {
                    assert_eq!(r["signpost"]["reason"], s["reason"], "{name}");
                    let phones: Vec<&Value> = r["signpost"]["resources"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|c| &c["phone"])
                        .filter(|p| !p.is_null())
                        .collect();
                    assert_eq!(json!(phones), s["phones"], "{name}");
                }
            }
        } else {
            let e = cli.error(&args);
            assert_eq!(e["kind"], "invalid_input", "{name}");
            let field = case["error"]["field"].as_str().unwrap();
            assert!(
                e["message"].as_str().unwrap().contains(field),
                "{name}: {e}"
            );
        }
    }
}

#[test]
fn a_signpost_lists_every_resource_field_and_its_reason() {
    let cli = Cli::new();
    let r = cli.json(&[
        "assess",
        "score",
        "phq9",
        "--answers",
        "0,0,0,0,0,0,0,0,decline",
        "--json",
    ]);
    assert_eq!(r["flags"], json!(["self_harm_thoughts"]));
    let shout = &r["signpost"]["resources"][3];
    assert_eq!(
        shout,
        &json!({"name":"Shout","phone":null,"text":"SHOUT to 85258","url":"https://giveusashout.org"})
    );
    let severe = cli.json(&[
        "assess",
        "score",
        "phq9",
        "--answers",
        "3,3,3,3,3,3,2,0,0",
        "--region",
        "IE",
        "--json",
    ]);
    assert_eq!(severe["signpost"]["reason"], "severe_total");
    assert_eq!(severe["signpost"]["resources"][0]["phone"], "116 123");
}

#[test]
fn human_output_shows_the_signpost_before_the_score() {
    let cli = Cli::new();
    let out = cli.run(&["assess", "score", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let help = text.find("116 123").expect("Samaritans listed");
    let score = text.find("PHQ-9: 1 of 27").expect("score shown");
    assert!(help < score, "{text}");
}

#[test]
fn take_stores_history_records_the_signpost_and_invalid_sets_store_nothing() {
    let cli = Cli::new();
    let e = cli.error(&[
        "assess",
        "take",
        "wsas",
        "--answers",
        "na,decline,1,1,1",
        "--json",
    ]);
    assert_eq!(e["kind"], "invalid_input");
    let t = cli.json(&[
        "assess",
        "take",
        "phq9",
        "--answers",
        "1,1,1,1,1,1,1,1,2",
        "--at",
        "2027-03-27T23:30:00Z",
        "--json",
    ]);
    assert!(t["id"].as_i64().unwrap() > 0);
    assert_eq!(
        (t["total"].clone(), t["signpost"]["reason"].clone()),
        (json!(10), json!("self_harm_thoughts"))
    );
    let h = cli.json(&["assess", "history", "phq9", "--json"]);
    let row = &h["assessments"][0];
    assert_eq!(row["answers"], json!([1, 1, 1, 1, 1, 1, 1, 1, 2]));
    assert_eq!(
        (row["zone"].clone(), row["local_date"].clone()),
        (json!("Europe/London"), json!("2027-03-27"))
    );
    assert_eq!(row["taken_at"], "2027-03-27T23:30:00+00:00");
    let counts = cli.json(&["status", "--json"])["counts"].clone();
    assert_eq!(
        (
            counts["assessments"].clone(),
            counts["safety_events"].clone()
        ),
        (json!(1), json!(1))
    );
    // The answers are encrypted at rest like everything else.
    assert!(!contains(&cli.profile_bytes(), "1,1,1,1,1,1,1,1,2"));
}

/// Issue 15, one id scheme: `take` and `history` give the record's `as_` id as `uid` beside
/// the number that was its id (`id`, an integer as before); `show` finds it by either, and
/// anything else is invalid input or not found.
#[test]
fn an_assessment_is_found_by_its_prefixed_id_or_its_old_number() {
    let cli = Cli::new();
    let t = cli.json(&[
        "assess",
        "take",
        "gad7",
        "--answers",
        "1,1,1,1,1,1,1",
        "--json",
    ]);
    let uid = t["uid"].as_str().unwrap().to_string();
    assert!(uid.starts_with("as_") && uid.len() == 27, "{uid}");
    let old = t["id"].as_i64().unwrap();
    assert_eq!(
        cli.json(&["assess", "history", "--json"])["assessments"][0]["uid"],
        json!(uid)
    );
    for id in [uid.clone(), old.to_string()] {
        let shown = cli.json(&["assess", "show", &id, "--json"]);
        assert_eq!(
            (shown["uid"].clone(), shown["id"].clone()),
            (json!(uid), json!(old))
        );
        assert_eq!(shown["total"], json!(7));
    }
    let missing = cli.error(&["assess", "show", "as_000000000000000000000000", "--json"]);
    assert_eq!(missing["kind"], "not_found");
    let bad = cli.error(&["assess", "show", "ci_000000000000000000000000", "--json"]);
    assert_eq!(
        (bad["kind"].clone(), bad["field"].clone()),
        (json!("invalid_input"), json!("id"))
    );
}

/// Issue 17: each indicator with the per-measure change that decided it, in JSON and text;
/// reliable deterioration is a warning whatever the single category says.
#[test]
fn outcome_lists_each_indicator_with_the_change_that_decided_it() {
    let cli = Cli::new();
    let o = cli.json(&[
        "assess", "outcome", "--phq9", "9,27", "--gad7", "7,7", "--json",
    ]);
    assert_eq!(o["category"], "not_caseness");
    assert_eq!(o["reliable_deterioration"], true);
    assert_eq!(
        o["measures"][0],
        json!({"measure":"phq9","first":9,"last":27,"change":18,"reliable":"deteriorated",
               "caseness_first":false,"caseness_last":true})
    );
    let ind = o["indicators"].as_array().unwrap();
    let ids: Vec<&str> = ind
        .iter()
        .map(|i| i["indicator"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [
            "recovery",
            "reliable_improvement",
            "reliable_deterioration",
            "reliable_recovery"
        ]
    );
    assert_eq!(ind[0]["status"], "not_applicable");
    assert_eq!(ind[2]["status"], "met");
    assert_eq!(ind[2]["warning"], true);
    assert_eq!(ind[2]["decided_by"], json!(["phq9"]));
    assert!(
        ind[2]["explanation"]
            .as_str()
            .unwrap()
            .contains("PHQ-9 9 → 27 (+18)"),
        "{o}"
    );

    let out = cli.run(&["assess", "outcome", "--phq9", "3,9", "--gad7", "8,7"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let warn = text.find("⚠ WARNING: reliable deterioration: PHQ-9 3 → 9 (+6)");
    let rec = text.find("recovery: met.");
    assert!(warn.is_some() && rec.is_some() && warn < rec, "{text}");
    // Therapist review (second round) L12: no one category standing for the indicators in
    // text; the JSON keeps it for compatibility.
    assert!(!text.contains("single category"), "{text}");
    assert!(!text.contains("(recovery)"), "{text}");
}

/// Therapist read-through, finding 1: a reliable rise on one measure warns in text and JSON
/// (`warning` true, `warning_measures` naming it) even when the other measure improved
/// reliably (p2: "no reliable change") or recovery holds (p6).
#[test]
fn a_per_measure_reliable_rise_warns_whatever_the_combined_indicators_say() {
    let cli = Cli::new();
    for (phq9, gad7, words) in [
        ("10,16", "9,5", "PHQ-9 10 → 16 (+6)"),
        ("2,8", "12,4", "PHQ-9 2 → 8 (+6)"),
    ] {
        let o = cli.json(&[
            "assess", "outcome", "--phq9", phq9, "--gad7", gad7, "--json",
        ]);
        assert_eq!(o["reliable_deterioration"], false, "{o}");
        let det = &o["indicators"][2];
        assert_eq!(det["indicator"], "reliable_deterioration");
        assert_eq!(det["status"], "not_met");
        assert_eq!(det["warning"], true, "{o}");
        assert_eq!(det["warning_measures"], json!(["phq9"]), "{o}");
        let out = cli.run(&["assess", "outcome", "--phq9", phq9, "--gad7", gad7]);
        let text = String::from_utf8(out.stdout).unwrap();
        let line = text
            .lines()
            .find(|l| l.contains("⚠ WARNING: reliable rise on PHQ-9"))
            .unwrap_or_else(|| panic!("no warning for {phq9} / {gad7}:\n{text}"));
        assert!(line.contains(words), "{line}");
    }
}

#[test]
fn due_then_outcome_from_numbers_and_from_the_stored_episode() {
    let cli = Cli::new();
    let due = cli.json(&["assess", "due", "--json"]);
    let ids: Vec<&str> = due["due"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["instrument"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["gad7", "phq9"]);
    assert_eq!(
        cli.error(&["assess", "outcome", "--json"])["kind"],
        "not_found"
    );

    let o = cli.json(&[
        "assess", "outcome", "--phq9", "16,8", "--gad7", "12,6", "--json",
    ]);
    // The issue-4 keys, unchanged; issue 17 adds `measures` and `indicators` beside them.
    let issue4 = json!({"caseness_start":true,"caseness_end":false,"reliable_improvement":true,
               "reliable_deterioration":false,"recovery":true,"reliable_recovery":true,
               "category":"reliable_recovery"});
    for (key, want) in issue4.as_object().unwrap() {
        assert_eq!(&o[key], want, "{key}");
    }
    assert_eq!(
        cli.error(&[
            "assess", "outcome", "--phq9", "16", "--gad7", "12,6", "--json"
        ])["kind"],
        "invalid_input"
    );
    assert_eq!(
        cli.error(&[
            "assess", "outcome", "--phq9", "16,30", "--gad7", "12,6", "--json"
        ])["kind"],
        "invalid_input"
    );

    cli.json(&[
        "assess",
        "take",
        "phq9",
        "--answers",
        "2,2,2,2,2,2,2,2,0",
        "--at",
        "2027-03-01T09:00:00Z",
        "--json",
    ]);
    cli.json(&[
        "assess",
        "take",
        "gad7",
        "--answers",
        "2,2,2,2,2,1,1",
        "--at",
        "2027-03-01T09:00:00Z",
        "--json",
    ]);
    cli.json(&[
        "assess",
        "take",
        "phq9",
        "--answers",
        "2,2,2,2,2,2,2,2,0",
        "--json",
    ]);
    cli.json(&[
        "assess",
        "take",
        "gad7",
        "--answers",
        "3,3,3,3,2,2,2",
        "--json",
    ]);
    let stored = cli.json(&["assess", "outcome", "--json"]);
    assert_eq!(stored["category"], "reliable_deterioration", "{stored}");
    let due = cli.json(&["assess", "due", "--json"]);
    assert!(due["due"].as_array().unwrap().is_empty());
    assert_eq!(due["upcoming"][0]["due_date"], "2027-04-11");
}

/// New-user review F20: after a single PHQ-9 and GAD-7, `assess outcome` says there are not
/// enough scores yet instead of "recovery: not met".
#[test]
fn one_score_on_each_measure_is_not_enough_scores_yet() {
    let cli = Cli::new();
    for (id, answers) in [("phq9", "2,2,2,2,2,2,2,2,0"), ("gad7", "2,2,2,2,2,1,1")] {
        cli.json(&[
            "assess",
            "take",
            id,
            "--answers",
            answers,
            "--at",
            "2027-03-01T09:00:00Z",
            "--json",
        ]);
    }
    let out = cli.run(&["assess", "outcome"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Outcome: not enough scores yet"), "{text}");
    assert!(!text.contains("recovery: not met"), "{text}");
}

/// New-user review F16: after the crisis lines, the signpost speaks to the item-9 answer — a
/// decline is not an endorsement, "nearly every day" is more urgent than "several days" — and
/// suggests telling the therapist or GP; the lines stay first.
#[test]
fn the_signpost_after_item_9_depends_on_the_answer_and_keeps_the_lines_first() {
    let cli = Cli::new();
    let text = |answers: &str| {
        let out = cli.run(&[
            "assess",
            "score",
            "phq9",
            "--answers",
            answers,
            "--region",
            "GB",
        ]);
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let declined = text("0,0,0,0,0,0,0,0,decline");
    let several = text("0,0,0,0,0,0,0,0,1");
    let nearly = text("0,0,0,0,0,0,0,0,3");
    assert!(
        declined.contains("You chose not to answer question 9"),
        "{declined}"
    );
    assert!(several.contains("on several\ndays"), "{several}");
    assert!(nearly.contains("today"), "{nearly}");
    for t in [&declined, &several, &nearly] {
        let lines = t.find("116 123").expect("crisis lines");
        let gp = t.find("therapist").expect("tell the therapist");
        let score = t.find("PHQ-9:").expect("score");
        assert!(lines < gp && gp < score, "{t}");
        assert!(t.contains("reset safety-plan edit"), "{t}");
    }
    assert_ne!(declined, several);
}
