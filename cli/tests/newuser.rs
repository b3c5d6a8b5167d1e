//! Fixes for the first-time-user review (`review-newuser.md`, F-numbers in each test name):
//! the contract through the real binary.

mod common;

use common::Cli;
use serde_json::json;

fn write(cli: &Cli, name: &str, v: &serde_json::Value) -> String {
    let path = cli.dir.path().join(name);
    std::fs::write(&path, v.to_string()).unwrap();
    path.display().to_string()
}

fn text(out: &std::process::Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn full_plan() -> serde_json::Value {
    json!({
        "warning_signs": ["Not sleeping"],
        "coping_strategies": ["Walk round the block"],
        "distractions": ["The library café"],
        "support_contacts": [{"name": "Sam", "phone": "07700 900123"}],
        "professionals": [{"name": "Dr Patel (GP)", "phone": "020 7946 0000"}],
        "safer_surroundings": ["Give the tablets to Sam"],
        "reasons_for_living": ["My cat"],
    })
}

#[test]
fn f17_edit_with_one_key_keeps_every_other_step() {
    let cli = Cli::new();
    let first = write(&cli, "plan.json", &full_plan());
    cli.json(&["--json", "safety-plan", "edit", "--input", &first]);
    let one = write(
        &cli,
        "one.json",
        &json!({"reasons_for_living": ["My sister", "The sea"]}),
    );
    let saved = cli.json(&["--json", "safety-plan", "edit", "--input", &one]);
    let steps = &saved["plan"]["steps"];
    assert_eq!(saved["plan"]["version"], 2);
    assert_eq!(steps["reasons_for_living"], json!(["My sister", "The sea"]));
    assert_eq!(steps["support_contacts"][0]["name"], "Sam");
    assert_eq!(steps["professionals"][0]["name"], "Dr Patel (GP)");
    assert_eq!(steps["warning_signs"], json!(["Not sleeping"]));
    // The human output says what changed and that the rest was kept.
    let again = write(&cli, "two.json", &json!({"distractions": ["Swimming"]}));
    let out = text(&cli.run(&["safety-plan", "edit", "--input", &again]));
    assert!(out.contains("Changed: distractions"), "{out}");
    assert!(out.contains("Sam"), "{out}");
}

#[test]
fn f17_null_or_empty_list_clears_a_step_and_replace_saves_exactly_the_input() {
    let cli = Cli::new();
    let first = write(&cli, "plan.json", &full_plan());
    cli.json(&["--json", "safety-plan", "edit", "--input", &first]);
    let clear = write(
        &cli,
        "clear.json",
        &json!({"distractions": null, "safer_surroundings": []}),
    );
    let saved = cli.json(&["--json", "safety-plan", "edit", "--input", &clear]);
    let steps = &saved["plan"]["steps"];
    assert_eq!(steps["distractions"], json!([]));
    assert_eq!(steps["safer_surroundings"], json!([]));
    assert_eq!(steps["reasons_for_living"], json!(["My cat"]));
    let only = write(
        &cli,
        "only.json",
        &json!({"warning_signs": ["Late nights"]}),
    );
    let replaced = cli.json(&[
        "--json",
        "safety-plan",
        "edit",
        "--replace",
        "--input",
        &only,
    ]);
    assert_eq!(replaced["plan"]["steps"]["support_contacts"], json!([]));
    assert_eq!(
        replaced["plan"]["steps"]["warning_signs"],
        json!(["Late nights"])
    );
    // A bad step in the input still saves nothing.
    let bad = write(&cli, "bad.json", &json!({"warning_signs": [1]}));
    let err = cli.error(&["--json", "safety-plan", "edit", "--input", &bad]);
    assert_eq!(err["kind"], "invalid_input");
    let hist = cli.json(&["--json", "safety-plan", "history"]);
    assert_eq!(hist["versions"].as_array().unwrap().len(), 3);
}

#[test]
fn f17_show_an_old_version_and_restore_it_as_a_new_one() {
    let cli = Cli::new();
    let first = write(&cli, "plan.json", &full_plan());
    cli.json(&["--json", "safety-plan", "edit", "--input", &first]);
    let wipe = write(&cli, "wipe.json", &json!({"warning_signs": ["x"]}));
    cli.json(&[
        "--json",
        "safety-plan",
        "edit",
        "--replace",
        "--input",
        &wipe,
    ]);
    let v1 = cli.json(&["--json", "safety-plan", "show", "--version", "1"]);
    assert_eq!(v1["plan"]["version"], 1);
    assert_eq!(v1["plan"]["steps"]["support_contacts"][0]["name"], "Sam");
    let human = text(&cli.run(&["safety-plan", "show", "--version", "1"]));
    assert!(human.contains("Sam — call 07700 900123"), "{human}");
    let hist = text(&cli.run(&["safety-plan", "history"]));
    assert!(hist.contains("restore N"), "{hist}");
    let restored = cli.json(&["--json", "safety-plan", "restore", "1"]);
    assert_eq!(restored["plan"]["version"], 3);
    assert_eq!(restored["restored_from"], 1);
    assert_eq!(restored["plan"]["steps"], v1["plan"]["steps"]);
    let now = cli.json(&["--json", "safety-plan", "show"]);
    assert_eq!(now["plan"]["version"], 3);
    let err = cli.error(&["--json", "safety-plan", "restore", "9"]);
    assert_eq!(err["kind"], "invalid_input");
    assert_eq!(
        cli.json(&["--json", "safety-plan", "history"])["versions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// Runs `reset` with a deadline: a hang is a failure, not a stuck test run.
fn run_within(cli: &Cli, args: &[&str], secs: u64) -> std::process::Output {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_reset"));
    cmd.arg("--db")
        .arg(cli.db())
        .args(["--tz", "Europe/London"]);
    let mut child = cmd
        .args(args)
        .env_remove("RESET_KEY")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed().as_secs() > secs {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("reset {args:?} did not finish within {secs}s");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().unwrap()
}

#[test]
fn hostile_f6_f7_a_fifo_or_endless_device_as_input_is_refused_not_read() {
    let cli = Cli::new();
    let fifo = cli.dir.path().join("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let fifo = fifo.display().to_string();
    for args in [
        vec!["--json", "safety-plan", "edit", "--input", fifo.as_str()],
        vec!["--json", "safety-plan", "edit", "--input", "/dev/zero"],
        vec![
            "--json",
            "journal",
            "add",
            "--kind",
            "thought",
            "--input",
            fifo.as_str(),
        ],
    ] {
        let out = run_within(&cli, &args, 20);
        let err = common::error_json(&out, &args);
        assert_eq!(err["kind"], "invalid_input", "{args:?}: {err}");
        assert_eq!(err["field"], "input", "{args:?}: {err}");
    }
}

#[test]
fn hostile_f11_f12_unknown_and_repeated_keys_never_echo_the_key_and_blank_steps_are_refused() {
    let cli = Cli::new();
    let unknown = cli.dir.path().join("unk.json");
    std::fs::write(
        &unknown,
        r#"{"automatic_thoughts": "a", "CANARY-SECRET-7731 words": "b"}"#,
    )
    .unwrap();
    let args = [
        "journal",
        "add",
        "--kind",
        "thought",
        "--input",
        unknown.to_str().unwrap(),
    ];
    let out = cli.run(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!out.status.success());
    assert!(!stderr.contains("CANARY"), "{stderr}");
    assert!(
        stderr.contains("not a field of a thought record"),
        "{stderr}"
    );

    let dup = cli.dir.path().join("dup.json");
    std::fs::write(
        &dup,
        r#"{"automatic_thoughts": "CANARY one", "automatic_thoughts": "two"}"#,
    )
    .unwrap();
    let args = [
        "--json",
        "journal",
        "add",
        "--kind",
        "thought",
        "--input",
        dup.to_str().unwrap(),
    ];
    let out = cli.run(&args);
    let err = common::error_json(&out, &args);
    assert!(
        err["message"].as_str().unwrap().contains("repeats a key"),
        "{err}"
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("CANARY"));
    let plan_dup = write(&cli, "p.json", &json!({}));
    std::fs::write(
        &plan_dup,
        r#"{"reasons_for_living": ["a"], "reasons_for_living": ["b"]}"#,
    )
    .unwrap();
    let err = cli.error(&["--json", "safety-plan", "edit", "--input", &plan_dup]);
    assert!(
        err["message"].as_str().unwrap().contains("repeats a key"),
        "{err}"
    );
    let blank = write(
        &cli,
        "blank.json",
        &json!({"reasons_for_living": ["\u{200b}\u{202e}"]}),
    );
    let err = cli.error(&["--json", "safety-plan", "edit", "--input", &blank]);
    assert_eq!(err["field"], "reasons_for_living[0]", "{err}");
    let shown = cli.json(&["--json", "safety-plan", "show"]);
    assert_eq!(shown["plan"], json!(null), "{shown}");
    // The crisis lines are in the JSON with no plan too (new-user review 3, F6).
    assert_eq!(shown["crisis"]["region"], "GB", "{shown}");
}

/// F30: in a zone outside every covered region, the signpost never calls another country's
/// lines "help available now"; it says to call the local emergency number first.
#[test]
fn f30_a_person_outside_the_covered_regions_is_told_to_call_their_local_emergency_number() {
    let cli = Cli::new();
    // One runner for every zone: `Cli::run` pins Europe/London.
    let take = |zone: &str, now: &str, answers: &str, extra: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_reset"))
            .arg("--db")
            .arg(cli.db())
            .args(["--tz", zone, "--now", now])
            .args(extra)
            .args(["assess", "take", "phq9", "--answers", answers])
            .env_remove("RESET_KEY")
            .output()
            .unwrap()
    };
    let item9 = "1,1,1,1,1,1,1,1,2";
    let sydney = text(&take(
        "Australia/Sydney",
        "2027-03-28T09:00:00Z",
        item9,
        &[],
    ));
    assert!(
        sydney.contains("call your local emergency number now"),
        "{sydney}"
    );
    assert!(!sydney.contains("help is available now"), "{sydney}");
    let london = text(&take("Europe/London", "2027-03-28T09:00:00Z", item9, &[]));
    assert!(
        london.contains("help is available now (United Kingdom)"),
        "{london}"
    );
    let tokyo = take(
        "Asia/Tokyo",
        "2027-03-28T10:00:00Z",
        "0,0,0,0,0,0,0,0,1",
        &["--json"],
    );
    let json: serde_json::Value = serde_json::from_slice(&tokyo.stdout).unwrap();
    assert_eq!(
        json.pointer("/result/signpost/region_is_fallback")
            .or(json.pointer("/signpost/region_is_fallback")),
        Some(&serde_json::json!(true)),
        "{json}"
    );
}

#[test]
fn f15_assess_show_prints_an_instruments_questions_scale_and_bands() {
    let cli = Cli::new();
    let out = text(&cli.run(&["assess", "show", "gad7"]));
    for needle in [
        "GAD-7",
        "Over the last 2 weeks",
        "0 Not at all",
        "3 Nearly every day",
        "1. Feeling nervous, anxious or on edge",
        "7. Feeling afraid as if something awful might happen",
        "Minimal 0–4",
        "reset assess take gad7",
    ] {
        assert!(out.contains(needle), "{needle:?} missing:\n{out}");
    }
    let phq9 = cli.json(&["--json", "assess", "show", "phq9"]);
    assert_eq!(phq9["id"], "phq9");
    assert_eq!(phq9["items"], 9, "the `assess list` count, as there");
    assert_eq!(phq9["questions"].as_array().unwrap().len(), 9);
    assert_eq!(phq9["questions"][8]["allows_decline"], true);
    assert_eq!(phq9["options"][3]["label"], "Nearly every day");
    assert_eq!(phq9["recall_period"], "the last 2 weeks");
    // A stored result is still shown by its id.
    let taken = cli.json(&["--json", "assess", "take", "gad2", "--answers", "1,1"]);
    let shown = cli.json(&["--json", "assess", "show", taken["uid"].as_str().unwrap()]);
    assert_eq!(shown["total"], 2);
}

#[test]
fn f8_journal_show_reads_as_words_and_json_only_with_the_flag() {
    let cli = Cli::new();
    let record = write(
        &cli,
        "tr.json",
        &json!({
            "situation": "Manager asked to see me",
            "automatic_thoughts": "I'm going to be told off",
            "emotions": [{"label": "anxious", "before": 80, "after": 40}],
            "distortions": ["fortune_telling"],
            "evidence_for": "",
            "evidence_against": "She thanked me on Friday",
            "balanced_thought": "I don't know what she wants yet",
            "belief_before": 85,
            "belief_after": 30
        }),
    );
    let saved = cli.json(&[
        "--json", "journal", "add", "--kind", "thought", "--input", &record, "--tags", "work",
    ]);
    let id = saved["id"].as_str().unwrap();
    let out = text(&cli.run(&["journal", "show", id]));
    for needle in [
        "Thought record",
        "Situation\n  Manager asked to see me",
        "Thoughts\n  I'm going to be told off",
        "85% → 30%",
        "anxious 80 → 40",
        "fortune telling",
        "Evidence against it\n  She thanked me on Friday",
        "Balanced thought\n  I don't know what she wants yet",
        "tags: work",
    ] {
        assert!(out.contains(needle), "{needle:?} missing:\n{out}");
    }
    // Empty fields are left out; no JSON without --json.
    assert!(!out.contains("Evidence for the thought"), "{out}");
    assert!(!out.contains('{') && !out.contains("null"), "{out}");
    let json = cli.json(&["--json", "journal", "show", id]);
    assert_eq!(json["record"]["situation"], "Manager asked to see me");
    assert_eq!(json["record"]["evidence_for"], "");
    assert_eq!(json["kind"], "thought");
    // A free entry too.
    let free = cli.json(&[
        "--json",
        "journal",
        "add",
        "--kind",
        "free",
        "--text",
        "Walked by the river",
    ]);
    let out = text(&cli.run(&["journal", "show", free["id"].as_str().unwrap()]));
    assert!(out.contains("Entry\n  Walked by the river"), "{out}");
}

#[test]
fn f14_a_word_for_mood_gets_the_same_helpful_message_as_a_number_off_the_scale() {
    let cli = Cli::new();
    let word = cli.error(&["--json", "checkin", "--mood", "great"]);
    let eight = cli.error(&["--json", "checkin", "--mood", "8"]);
    assert_eq!(word["field"], "mood");
    assert_eq!(word["message"], eight["message"], "{word} vs {eight}");
    let message = word["message"].as_str().unwrap();
    assert!(
        message.contains("1 (very unpleasant) to 7 (very pleasant)"),
        "{message}"
    );
    assert!(!message.contains("not repeated"), "{message}");
}

#[test]
fn f10_an_unknown_label_or_area_lists_the_words_allowed_and_help_lists_them_too() {
    let cli = Cli::new();
    let err = cli.error(&[
        "--json",
        "checkin",
        "--mood",
        "3",
        "--labels",
        "anxious,tired",
    ]);
    assert_eq!(err["field"], "labels[1]");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("drained") && message.contains("overwhelmed"),
        "{message}"
    );
    assert!(!message.contains("docs/"), "{message}");
    assert!(
        !message.contains("tired"),
        "never repeats the word typed: {message}"
    );
    let err = cli.error(&["--json", "checkin", "--mood", "3", "--areas", "job"]);
    assert!(err["message"].as_str().unwrap().contains("work"), "{err}");
    let help = text(&cli.run(&["checkin", "--help"]));
    assert!(help.contains("Labels: amazed, amused"), "{help}");
    assert!(help.contains("self_care"), "{help}");
}

#[test]
fn f9_a_thought_record_from_flags_with_one_field_from_standard_input() {
    use std::io::Write;
    let cli = Cli::new();
    let mut child = cli
        .command(&[
            "--json",
            "journal",
            "add",
            "--kind",
            "thought",
            "--situation",
            "Manager asked to see me",
            "--thoughts",
            "-",
            "--emotions",
            "anxious:80:40,ashamed:60",
            "--distortions",
            "fortune_telling,mind reading",
            "--evidence-against",
            "She thanked me on Friday",
            "--balanced-thought",
            "I don't know what she wants yet",
            "--belief-before",
            "85",
            "--belief-after",
            "30",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"I'm going to be told off\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let saved: serde_json::Value = serde_json::from_str(&text(&out)).unwrap();
    let r = &saved["record"];
    assert_eq!(r["automatic_thoughts"], "I'm going to be told off");
    assert_eq!(r["situation"], "Manager asked to see me");
    assert_eq!(
        r["emotions"],
        json!([{"label": "anxious", "before": 80, "after": 40}, {"label": "ashamed", "before": 60, "after": null}])
    );
    assert_eq!(r["distortions"], json!(["fortune_telling", "mind_reading"]));
    assert_eq!(r["belief_after"], 30);
    // Edit one field; the rest stays.
    let id = saved["id"].as_str().unwrap();
    let edited = cli.json(&[
        "--json",
        "journal",
        "edit",
        id,
        "--evidence-for",
        "The report was late",
    ]);
    assert_eq!(edited["record"]["evidence_for"], "The report was late");
    assert_eq!(edited["record"]["situation"], "Manager asked to see me");
    // A bad word is refused by its position, naming where the list is, never echoing it.
    let err = cli.error(&[
        "--json",
        "journal",
        "add",
        "--kind",
        "thought",
        "--text",
        "t",
        "--distortions",
        "doom",
    ]);
    assert_eq!(err["field"], "distortions[0]");
    assert!(!err["message"].as_str().unwrap().contains("doom"));
    let err = cli.error(&[
        "--json",
        "journal",
        "add",
        "--kind",
        "free",
        "--text",
        "t",
        "--situation",
        "s",
    ]);
    assert_eq!(err["field"], "kind");
    // The help shows the shape and the lists.
    let help = text(&cli.run(&["journal", "add", "--help"]));
    for needle in [
        "--evidence-against",
        "Thinking patterns: all_or_nothing",
        "Emotions: amazed",
        "\"automatic_thoughts\"",
    ] {
        assert!(help.contains(needle), "{needle:?} missing:\n{help}");
    }
}

#[test]
fn f4_the_tour_speaks_plainly_keeps_the_platform_details_in_json_and_says_how_to_start() {
    let cli = Cli::new();
    let human = text(&cli.run(&["tour"]));
    for jargon in [
        "HealthKit",
        "HKStateOfMind",
        "Health Connect",
        "SQLite format",
        "schema version",
        "ids are stable",
        "valence",
    ] {
        assert!(!human.contains(jargon), "{jargon:?} in the tour:\n{human}");
    }
    assert!(
        human.contains("To start for real: `reset checkin --mood 4`"),
        "{human}"
    );
    assert!(human.contains("invented for the demo"), "{human}");
    assert!(human.contains("demo backups: "), "{human}");
    // The platform mapping is still there for those who want it.
    let json = cli.json(&["--json", "tour"]);
    let all = json.to_string();
    assert!(
        all.contains("\"valence\"") && all.contains("health_connect_type"),
        "{all}"
    );
}

#[test]
fn f7_the_lowest_mood_or_hopeless_on_a_low_day_points_to_help_without_a_verdict() {
    let cli = Cli::new();
    let low = text(&cli.run(&["checkin", "--mood", "1"]));
    assert!(low.contains("That sounds like a hard day"), "{low}");
    assert!(low.contains("reset safety-plan show"), "{low}");
    assert!(low.contains("local emergency number"), "{low}");
    let hopeless = text(&cli.run(&["checkin", "--mood", "3", "--labels", "hopeless,sad"]));
    assert!(
        hopeless.contains("That sounds like a hard day"),
        "{hopeless}"
    );
    let fine = text(&cli.run(&["checkin", "--mood", "4", "--labels", "calm"]));
    assert!(!fine.contains("hard day"), "{fine}");
    // The JSON contract is unchanged.
    let json = cli.json(&["--json", "checkin", "--mood", "1"]);
    assert_eq!(json["mood"], 1);
}
