//! `reset safety-plan show|edit|history` and `reset lock status|set`: the contract through the
//! real binary (issue 20).

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::Cli;
use serde_json::json;

fn plan(reason: &str) -> serde_json::Value {
    json!({
        "warning_signs": ["Not sleeping", "Cancelling plans"],
        "coping_strategies": ["Walk round the block"],
        "distractions": ["The library café"],
        "support_contacts": [{"name": "Sam", "phone": "07700 900123", "sms": "07700 900123"}],
        "professionals": [{"name": "Dr Patel (GP)", "phone": "020 7946 0000"}],
        "safer_surroundings": ["Give the tablets to Sam"],
        "reasons_for_living": [reason],
    })
}

fn write(cli: &Cli, name: &str, v: &serde_json::Value) -> String {
    let path = cli.dir.path().join(name);
    std::fs::write(&path, v.to_string()).unwrap();
    path.display().to_string()
}

fn edit_stdin(cli: &Cli, input: &str, json: bool) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
    cmd.arg("--db").arg(cli.db());
    cmd.args(["--tz", "Europe/London", "--now", "2027-03-28T10:00:00Z"]);
    if json {
        cmd.arg("--json");
    }
    let mut child = cmd
        .args(["safety-plan", "edit", "--input", "-"])
        .env_remove("RESET_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn show_before_any_plan_says_how_to_write_one_and_still_lists_crisis_lines() {
    let cli = Cli::new();
    // `crisis` added beside `plan` (new-user review 3, F6): the lines in JSON with no plan too.
    let shown = cli.json(&["--json", "safety-plan", "show"]);
    assert_eq!(shown["plan"], json!(null), "{shown}");
    assert_eq!(shown["crisis"]["region"], "GB", "{shown}");
    assert!(
        shown["crisis"]["resources"].to_string().contains("116 123"),
        "{shown}"
    );
    let out = cli.run(&["safety-plan", "show"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("reset safety-plan edit"), "{text}");
    assert!(
        text.contains("Samaritans") && text.contains("116 123"),
        "{text}"
    );
    assert_eq!(
        cli.json(&["--json", "safety-plan", "history"]),
        json!({"versions": []})
    );
}

#[test]
fn edit_from_a_file_and_from_stdin_saves_versions_and_show_is_the_newest() {
    let cli = Cli::new();
    let first = write(&cli, "plan.json", &plan("My cat"));
    let saved = cli.json(&["--json", "safety-plan", "edit", "--input", &first]);
    let p = &saved["plan"];
    assert_eq!(p["version"], 1);
    assert_eq!(p["saved_at"], "2027-03-28T09:00:00Z");
    assert_eq!(p["zone"], "Europe/London");
    assert_eq!(p["steps"]["reasons_for_living"], json!(["My cat"]));
    assert_eq!(p["steps"]["support_contacts"][0]["name"], "Sam");
    assert_eq!(p["crisis_region"], "GB");
    assert!(
        p["crisis_lines"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["phone"] == "116 123"),
        "{p}"
    );

    let out = edit_stdin(&cli, &plan("My niece").to_string(), true);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let second: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(second["plan"]["version"], 2);

    let shown = cli.json(&["--json", "safety-plan", "show"]);
    assert_eq!(shown["plan"]["version"], 2);
    assert_eq!(
        shown["plan"]["steps"]["reasons_for_living"],
        json!(["My niece"])
    );
    let history = cli.json(&["--json", "safety-plan", "history"]);
    let versions: Vec<_> = history["versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["version"].clone(),
                v["steps"]["reasons_for_living"][0].clone(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [(json!(2), json!("My niece")), (json!(1), json!("My cat"))]
    );

    // Human text: the seven steps in order, crisis lines under step 5.
    let text = String::from_utf8(cli.run(&["safety-plan", "show"]).stdout).unwrap();
    let order = [
        "1. My warning signs",
        "2. Things I can do on my own",
        "3. People and places",
        "4. People I can ask for help",
        "Sam — call 07700 900123, text 07700 900123",
        "5. Professionals and services",
        "Samaritans",
        "6. Making my surroundings safer",
        "7. My reasons for living",
        "My niece",
    ];
    let mut at = 0;
    for part in order {
        let found = text[at..]
            .find(part)
            .unwrap_or_else(|| panic!("{part} after {at}: {text}"));
        at += found;
    }
    // The plan is counted in status and is in the canonical dump.
    let status = cli.json(&["--json", "status"]);
    assert_eq!(status["counts"]["safety_plan_versions"], 2);
    let dump = cli.dir.path().join("dump.json");
    cli.json(&["--json", "export", "json", "--out", dump.to_str().unwrap()]);
    let dump = std::fs::read_to_string(dump).unwrap();
    assert!(dump.contains("safety_plan_versions") && dump.contains("My niece"));
}

#[test]
fn bad_plans_are_refused_with_the_field_named_and_nothing_saved() {
    let cli = Cli::new();
    let mut bad = plan("x");
    bad["support_contacts"][0]["phone"] = json!("call me");
    let path = write(&cli, "bad.json", &bad);
    let err = cli.error(&["--json", "safety-plan", "edit", "--input", &path]);
    assert_eq!(err["kind"], "invalid_input");
    let message = err["message"].as_str().unwrap();
    assert!(message.contains("support_contacts[0].phone"), "{message}");
    assert!(!message.contains("call me"), "{message}");

    let out = edit_stdin(&cli, "{\"warning_signs\": \"not a list\"}", true);
    let err = common::error_json(&out, &["safety-plan", "edit"]);
    assert_eq!(err["kind"], "invalid_input");
    assert!(!err["message"].as_str().unwrap().contains("not a list"));
    let out = edit_stdin(&cli, "{}", true);
    let err = common::error_json(&out, &["safety-plan", "edit"]);
    assert!(err["message"].as_str().unwrap().contains("plan"), "{err}");

    let missing = cli.dir.path().join("nope.json");
    let err = cli.error(&[
        "--json",
        "safety-plan",
        "edit",
        "--input",
        missing.to_str().unwrap(),
    ]);
    assert_eq!(err["kind"], "invalid_input");
    assert!(!err["message"].as_str().unwrap().contains("nope"), "{err}");
    assert_eq!(
        cli.json(&["--json", "safety-plan", "history"]),
        json!({"versions": []})
    );
}

#[test]
fn edit_help_prints_the_json_shape() {
    let cli = Cli::new();
    let out = cli.run(&["safety-plan", "edit", "--help"]);
    let text = String::from_utf8(out.stdout).unwrap();
    for key in [
        "warning_signs",
        "coping_strategies",
        "distractions",
        "support_contacts",
        "professionals",
        "safer_surroundings",
        "reasons_for_living",
        "\"phone\"",
        "--input",
    ] {
        assert!(text.contains(key), "{key} missing from: {text}");
    }
}

#[test]
fn a_crisis_signpost_lists_the_lines_first_then_points_to_the_plan() {
    let cli = Cli::new();
    // PHQ-9 with item 9 answered above zero: the signpost is shown.
    let out = cli.run(&["assess", "take", "phq9", "--answers", "1,1,1,1,1,1,1,1,2"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let lines = text.find("Samaritans").expect(&text);
    // No plan yet: the pointer offers to write one (new-user review 3, F25).
    let pointer = text
        .find("`reset safety-plan edit` writes one")
        .expect(&text);
    let score = text.find("PHQ-9").expect(&text);
    assert!(lines < pointer && pointer < score, "{text}");
    // With a plan: the pointer shows it.
    let plan = write(&cli, "plan.json", &plan("My cat"));
    cli.json(&["--json", "safety-plan", "edit", "--input", &plan]);
    let out = cli.run(&["assess", "take", "phq9", "--answers", "1,1,1,1,1,1,1,1,2"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines = text.find("Samaritans").expect(&text);
    let pointer = text
        .find("Your safety plan: reset safety-plan show")
        .expect(&text);
    assert!(lines < pointer, "{text}");
    assert!(!text.contains("no safety plan yet"), "{text}");
    // No signpost, no pointer.
    let calm = cli.run(&["assess", "take", "gad7", "--answers", "0,0,0,0,0,0,0"]);
    assert!(
        !String::from_utf8(calm.stdout)
            .unwrap()
            .contains("safety-plan")
    );
}

#[test]
fn lock_is_off_by_default_and_set_round_trips() {
    let cli = Cli::new();
    assert_eq!(
        cli.json(&["--json", "lock", "status"]),
        json!({"policy": "off", "safety_plan_visible_when_locked": false})
    );
    assert_eq!(
        cli.json(&["--json", "lock", "set", "5m", "--plan-visible"]),
        json!({"policy": "5m", "safety_plan_visible_when_locked": true})
    );
    assert_eq!(cli.json(&["--json", "lock", "status"])["policy"], "5m");
    let err = cli.error(&["--json", "lock", "set", "10m"]);
    assert_eq!(err["kind"], "invalid_input");
    assert!(err["message"].as_str().unwrap().contains("policy"));
}

#[test]
fn lock_set_keeps_the_plan_choice_unless_a_flag_changes_it() {
    // New-user review F25: changing how soon the app locks never hides a plan the person chose
    // to keep reachable while locked.
    let cli = Cli::new();
    cli.json(&["--json", "lock", "set", "1m", "--plan-visible"]);
    assert_eq!(
        cli.json(&["--json", "lock", "set", "15m"]),
        json!({"policy": "15m", "safety_plan_visible_when_locked": true})
    );
    assert_eq!(
        cli.json(&["--json", "lock", "set", "off"]),
        json!({"policy": "off", "safety_plan_visible_when_locked": true})
    );
    assert_eq!(
        cli.json(&["--json", "lock", "status"]),
        json!({"policy": "off", "safety_plan_visible_when_locked": true})
    );
    assert_eq!(
        cli.json(&["--json", "lock", "set", "5m", "--plan-hidden"]),
        json!({"policy": "5m", "safety_plan_visible_when_locked": false})
    );
    assert_eq!(
        cli.json(&["--json", "lock", "set", "immediately"]),
        json!({"policy": "immediately", "safety_plan_visible_when_locked": false})
    );

    let text = String::from_utf8(cli.run(&["lock", "set", "5m"]).stdout).unwrap();
    assert!(
        text.contains("app lock: on, after 5 minutes away"),
        "{text}"
    );
    assert!(
        text.contains("safety plan while locked: hidden (unchanged"),
        "{text}"
    );

    let err = cli.error(&[
        "--json",
        "lock",
        "set",
        "5m",
        "--plan-visible",
        "--plan-hidden",
    ]);
    assert_eq!(err["kind"], "invalid_input");
    assert_eq!(
        cli.json(&["--json", "lock", "status"]),
        json!({"policy": "5m", "safety_plan_visible_when_locked": false})
    );
}
