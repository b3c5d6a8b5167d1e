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
