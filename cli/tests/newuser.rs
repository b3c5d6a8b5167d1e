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
    assert_eq!(
        cli.json(&["--json", "safety-plan", "show"]),
        json!({"plan": null})
    );
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
