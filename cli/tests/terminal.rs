//! What `reset` does when a person is at a terminal (new-user review, second round: F15
//! questionnaires asked one question at a time, F27 passphrase prompts, F13/F32 one
//! confirmation for every destructive command, F9 a thought record asked field by field),
//! through a real pseudo-terminal. Off a terminal the same commands keep their flags-only
//! contract; those cases are here too, side by side.

mod common;

use common::Cli;
use serde_json::Value;

fn json_of(stdout: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}"))
}

#[test]
fn f15_take_on_a_terminal_asks_each_question_with_its_answer_scale() {
    let cli = Cli::new();
    let mut t = cli.on_terminal(&["--json", "assess", "take", "gad7"]);
    t.expect("Over the last 2 weeks");
    t.expect("1/7. Feeling nervous, anxious or on edge");
    t.expect("0 Not at all · 1 Several days · 2 More than half the days · 3 Nearly every day");
    t.send("2");
    t.expect("2/7. Not being able to stop or control worrying");
    // Off the scale: asked again, nothing guessed.
    t.send("7");
    t.expect("Please type a number from 0 to 3");
    t.send("great");
    t.expect_nth("Please type a number from 0 to 3", 2);
    t.send("1");
    for (n, answer) in [(3, "1"), (4, "1"), (5, "0"), (6, "1"), (7, "1")] {
        t.expect(&format!("{n}/7. "));
        t.send(answer);
    }
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    let taken = json_of(&stdout);
    assert_eq!(taken["total"], 7, "{taken}");
    assert_eq!(taken["severity"], "mild");
    assert!(taken["uid"].as_str().unwrap().starts_with("as_"));
    // Exactly what `--answers` stores, and the same JSON keys.
    let flags = cli.json(&[
        "--json",
        "assess",
        "take",
        "gad7",
        "--answers",
        "2,1,1,1,0,1,1",
    ]);
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&taken), keys(&flags));
    let history = cli.json(&["--json", "assess", "history", "gad7"]);
    let stored = history["assessments"].as_array().unwrap();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0]["answers"], stored[1]["answers"], "{history}");
}

#[test]
fn f15_phq9_on_a_terminal_offers_decline_for_question_9_and_signposts_first() {
    let cli = Cli::new();
    let mut t = cli.on_terminal(&["assess", "take", "phq9"]);
    for n in 1..=8 {
        t.expect(&format!("{n}/9. "));
        t.send("0");
    }
    t.expect("9/9. ");
    t.expect("decline = prefer not to answer");
    t.send("d");
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    let crisis = stdout.find("help is available now").expect(&stdout);
    let score = stdout.find("PHQ-9: 0 of 27").expect(&stdout);
    assert!(crisis < score, "{stdout}");
    assert!(
        stdout.contains("You chose not to answer question 9"),
        "{stdout}"
    );
}

#[test]
fn f15_stopping_early_saves_nothing_and_off_a_terminal_answers_stay_required() {
    let cli = Cli::new();
    let mut t = cli.on_terminal(&["--json", "assess", "take", "gad7"]);
    t.expect("1/7. ");
    t.send("1");
    t.expect("2/7. ");
    t.end_of_input();
    let (status, _, screen) = t.finish();
    assert!(!status.success(), "{screen}");
    assert!(screen.contains("nothing was saved"), "{screen}");
    let history = cli.json(&["--json", "assess", "history"]);
    assert_eq!(history["assessments"].as_array().unwrap().len(), 0);
    // No terminal: the flags-only contract, unchanged.
    let err = cli.error(&["--json", "assess", "take", "gad7"]);
    assert_eq!(err["kind"], "invalid_input");
    assert_eq!(err["field"], "answers");
    let err = cli.error(&["--json", "assess", "score", "phq9"]);
    assert_eq!(err["field"], "answers");
}

#[test]
fn f9_a_thought_record_on_a_terminal_is_asked_field_by_field() {
    let cli = Cli::new();
    let mut t = cli.on_terminal(&["--json", "journal", "add", "--kind", "thought"]);
    t.expect("Situation: ");
    t.send("Manager asked to see me");
    t.expect("Thoughts: ");
    t.send("");
    t.expect("the one step a thought record needs");
    t.send("I'm going to be told off");
    t.expect("How much did you believe them");
    t.send("85");
    t.expect("Emotions, each with how strong");
    t.send("anxious 80, tired 50");
    t.expect("Please give known words");
    t.send("anxious 80, ashamed 60");
    t.expect("Thinking patterns you notice");
    t.expect("fortune telling");
    t.send("6");
    t.expect("Evidence for the thought:");
    t.send("");
    t.expect("Evidence against it:");
    t.send("She thanked me on Friday");
    t.expect("A more balanced thought:");
    t.send("I don't know what she wants yet");
    t.expect("believe the first thoughts now");
    t.send("30");
    t.expect("How strong is anxious now (it was 80)");
    t.send("40");
    t.expect("How strong is ashamed now (it was 60)");
    t.send("");
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    let saved = json_of(&stdout);
    let r = &saved["record"];
    assert_eq!(r["situation"], "Manager asked to see me");
    assert_eq!(r["automatic_thoughts"], "I'm going to be told off");
    assert_eq!(r["emotions"][0]["label"], "anxious");
    assert_eq!(r["emotions"][0]["after"], 40);
    assert_eq!(r["emotions"][1]["after"], Value::Null);
    assert_eq!(r["distortions"][0], "fortune_telling");
    assert_eq!(r["evidence_for"], "");
    assert_eq!(r["belief_before"], 85);
    assert_eq!(r["belief_after"], 30);
    // Off a terminal, --text or --input is still needed.
    let err = cli.error(&["--json", "journal", "add", "--kind", "thought"]);
    assert_eq!(err["field"], "text");
}

#[test]
fn f27_a_new_backup_passphrase_is_explained_checked_at_once_and_asked_again() {
    let cli = Cli::new();
    cli.json(&["--json", "checkin", "--mood", "4"]);
    let out = cli.dir.path().join("b.rcbackup");
    let strong = "copper lantern orbit meadow thistle";
    let mut t = cli.on_terminal(&["backup", "create", "--out", out.to_str().unwrap()]);
    t.expect("at least 8 characters and hard to guess");
    t.expect("Backup passphrase: ");
    t.send_hidden("short");
    t.expect("That passphrase must be at least 8 characters. Try again.");
    t.expect_nth("Backup passphrase: ", 2);
    t.send_hidden(strong);
    t.expect("Repeat it: ");
    t.send_hidden("copper lantern orbit meadow");
    t.expect("The two entries differ. Try again.");
    t.expect_nth("Backup passphrase: ", 3);
    t.send_hidden(strong);
    t.expect_nth("Repeat it: ", 2);
    t.send_hidden(strong);
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    assert!(stdout.contains("wrote an encrypted backup"), "{stdout}");
    assert!(
        !screen.contains("copper") && !stdout.contains("copper"),
        "never echoed"
    );
    // Restore on a terminal: one confirmation, then the passphrase, asked again when wrong.
    let mut t = cli.on_terminal(&["backup", "restore", out.to_str().unwrap()]);
    t.expect("Restoring replaces this profile, which holds 1 check_ins");
    t.expect("Replace it? [y/N] ");
    t.send("y");
    t.expect("Backup passphrase: ");
    t.send_hidden("not the passphrase");
    t.expect("does not open this backup (nothing was changed); try again");
    t.expect_nth("Backup passphrase: ", 2);
    t.send_hidden(strong);
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    assert!(stdout.contains("restored the backup"), "{stdout}");
}

#[test]
fn f27_enter_alone_at_the_prompt_generates_a_passphrase_and_shows_it_once() {
    let cli = Cli::new();
    cli.json(&["--json", "checkin", "--mood", "4"]);
    let out = cli.dir.path().join("g.rcbackup");
    let mut t = cli.on_terminal(&["--json", "backup", "create", "--out", out.to_str().unwrap()]);
    t.expect("Backup passphrase: ");
    t.send_hidden("");
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    let made = json_of(&stdout);
    let generated = made["passphrase"].as_str().unwrap();
    assert_eq!(generated.split('-').count(), 5, "{made}");
    assert!(out.is_file());
}

#[test]
fn f13_f32_destructive_commands_ask_the_same_way_on_a_terminal_and_no_changes_nothing() {
    let cli = Cli::new();
    let entry = cli.json(&["--json", "journal", "add", "--kind", "free", "--text", "x"]);
    let id = entry["id"].as_str().unwrap();
    // journal delete: asked; "n" keeps the entry.
    let mut t = cli.on_terminal(&["journal", "delete", id]);
    t.expect("This deletes the free entry");
    t.expect("Delete it? [y/N] ");
    t.send("n");
    let (status, _, screen) = t.finish();
    assert!(!status.success());
    assert!(
        screen.contains("not confirmed; nothing was changed"),
        "{screen}"
    );
    cli.json(&["--json", "journal", "show", id]);
    // erase: asked on a terminal too (it used to demand --yes even there); Enter is no.
    let mut t = cli.on_terminal(&["erase"]);
    t.expect("Erase deletes this profile");
    t.expect("Erase it? [y/N] ");
    t.send("");
    let (status, _, screen) = t.finish();
    assert!(!status.success(), "{screen}");
    assert!(cli.db().exists());
    // "y" goes ahead.
    let mut t = cli.on_terminal(&["journal", "delete", id]);
    t.expect("Delete it? [y/N] ");
    t.send("y");
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    assert!(stdout.contains("deleted"), "{stdout}");
    let mut t = cli.on_terminal(&["erase"]);
    t.expect("Erase it? [y/N] ");
    t.send("yes");
    let (status, _, screen) = t.finish();
    assert!(status.success(), "{screen}");
    assert!(!cli.db().exists());
}

#[test]
fn f13_f32_off_a_terminal_yes_is_the_same_word_everywhere_and_scripts_keep_working() {
    let cli = Cli::new();
    let a = cli.json(&["--json", "journal", "add", "--kind", "free", "--text", "x"]);
    let b = cli.json(&["--json", "journal", "add", "--kind", "free", "--text", "y"]);
    // Single records: deleted as scripts always did, with or without --yes.
    cli.json(&["--json", "journal", "delete", a["id"].as_str().unwrap()]);
    cli.json(&[
        "--json",
        "journal",
        "delete",
        b["id"].as_str().unwrap(),
        "--yes",
    ]);
    let rule = cli.json(&[
        "--json", "remind", "add", "--kind", "checkin", "--at", "09:00",
    ]);
    let rule_id = rule["id"]
        .as_str()
        .or(rule["rule"]["id"].as_str())
        .unwrap()
        .to_string();
    cli.json(&["--json", "remind", "remove", &rule_id, "--yes"]);
    // The whole profile: refused without --yes, in one wording.
    let err = cli.error(&["--json", "erase"]);
    assert_eq!(err["field"], "yes");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.ends_with("nothing was changed. Add --yes to confirm"),
        "{message}"
    );
    cli.json(&["--json", "checkin", "--mood", "4"]);
    let backup = cli.dir.path().join("b.rcbackup");
    let out = cli
        .command(&[
            "--json",
            "backup",
            "create",
            "--out",
            backup.to_str().unwrap(),
            "--generate-passphrase",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = cli.error(&["--json", "backup", "restore", backup.to_str().unwrap()]);
    assert_eq!(err["field"], "yes");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.ends_with("nothing was changed. Add --yes to confirm"),
        "{message}"
    );
}

/// New-user review 3, F11: on a terminal, `safety-plan edit` alone asks the seven steps one at
/// a time; a bad entry is asked again (nothing typed so far is lost), and the plan saved is
/// exactly what `--input` JSON would have saved.
#[test]
fn f11_a_safety_plan_on_a_terminal_is_asked_step_by_step() {
    let cli = Cli::new();
    let mut t = cli.on_terminal(&["--json", "safety-plan", "edit"]);
    t.expect("Step 1 of 7. My warning signs");
    t.expect("What tells you a hard time is starting?");
    t.send("Not sleeping");
    t.send("");
    t.expect("Step 2 of 7. Things I can do on my own");
    t.send("");
    t.expect("Step 3 of 7. ");
    t.send("");
    t.expect("Step 4 of 7. People I can ask for help");
    t.expect("Name (or Enter to finish): ");
    t.send("Sam");
    t.expect("Number to call or text");
    t.send("12");
    t.expect("Not added: the number use digits");
    t.expect_nth("Name (or Enter to finish): ", 2);
    t.send("Sam");
    t.expect_nth("Number to call or text", 2);
    t.send("020 7946 0123");
    t.expect_nth("Name (or Enter to finish): ", 3);
    t.send("Next door");
    t.expect_nth("Number to call or text", 3);
    t.send("");
    t.expect("How else can you reach them");
    t.send("");
    t.expect("A contact needs a way to reach them.");
    t.send("knock at number 4");
    t.expect_nth("Name (or Enter to finish): ", 4);
    t.send("");
    t.expect("Step 5 of 7. Professionals and services");
    t.send("");
    t.expect("Step 6 of 7. ");
    t.send("");
    t.expect("Step 7 of 7. My reasons for living");
    t.send("My dog");
    t.send("");
    t.expect("Save this as a new version of your safety plan? [Y/n]");
    t.send("");
    let (status, stdout, screen) = t.finish();
    assert!(status.success(), "{screen}");
    let saved = json_of(&stdout);
    assert_eq!(saved["plan"]["version"], 1, "{saved}");
    assert_eq!(
        saved["plan"]["steps"],
        serde_json::json!({
            "warning_signs": ["Not sleeping"],
            "coping_strategies": [],
            "distractions": [],
            "support_contacts": [
                {"name": "Sam", "phone": "020 7946 0123"},
                {"name": "Next door", "other": "knock at number 4"}
            ],
            "professionals": [],
            "safer_surroundings": [],
            "reasons_for_living": ["My dog"]
        }),
        "{saved}"
    );
    // What was typed is never in the error wording on the screen.
    assert!(!screen.contains("Not added: the number 12"), "{screen}");
}

/// F11: with a plan saved, each step shows what is there; Enter keeps it, `a` adds, `c` clears;
/// answering no saves nothing, Ctrl-D stops without saving, and off a terminal `--input` is
/// still required (the issue's contract).
#[test]
fn f11_editing_on_a_terminal_keeps_adds_or_clears_each_step_and_can_save_nothing() {
    let cli = Cli::new();
    let plan = cli.dir.path().join("plan.json");
    std::fs::write(
        &plan,
        r#"{"warning_signs": ["Not sleeping"], "coping_strategies": ["A walk"],
            "support_contacts": [{"name": "Sam", "phone": "020 7946 0123"}]}"#,
    )
    .unwrap();
    cli.json(&[
        "--json",
        "safety-plan",
        "edit",
        "--input",
        plan.to_str().unwrap(),
    ]);
    let edit = |answers: &[(&str, &str)], save: Option<&str>| {
        let mut t = cli.on_terminal(&["safety-plan", "edit"]);
        for (wait, answer) in answers {
            t.expect(wait);
            t.send(answer);
        }
        if let Some(save) = save {
            t.expect("Save this as a new version");
            t.send(save);
        }
        t.finish()
    };
    let steps = [
        ("  • Not sleeping", "a"),
        ("Step 1 of 7", "Skipping meals"),
        ("Step 1 of 7", ""),
        ("  • A walk", "c"),
        ("Step 3 of 7", ""),
        ("  • Sam — call 020 7946 0123", ""),
        ("Step 5 of 7", ""),
        ("Step 6 of 7", ""),
        ("Step 7 of 7", ""),
    ];
    // Answering no: nothing saved.
    let (status, stdout, screen) = edit(&steps, Some("n"));
    assert!(status.success(), "{screen}");
    assert!(stdout.contains("Nothing was saved"), "{stdout}");
    let history = cli.json(&["--json", "safety-plan", "history"]);
    assert_eq!(history["versions"].as_array().unwrap().len(), 1);
    // Answering yes: version 2, only the changed steps named.
    let (status, stdout, screen) = edit(&steps, Some("y"));
    assert!(status.success(), "{screen}");
    assert!(
        stdout.contains("Changed: warning_signs, coping_strategies. Every other step was kept."),
        "{stdout}"
    );
    let now = cli.json(&["--json", "safety-plan", "show"]);
    assert_eq!(now["plan"]["version"], 2);
    assert_eq!(
        now["plan"]["steps"]["warning_signs"],
        serde_json::json!(["Not sleeping", "Skipping meals"])
    );
    assert_eq!(
        now["plan"]["steps"]["coping_strategies"],
        serde_json::json!([])
    );
    assert_eq!(now["plan"]["steps"]["support_contacts"][0]["name"], "Sam");
    // Ctrl-D part-way: nothing saved.
    let mut t = cli.on_terminal(&["safety-plan", "edit"]);
    t.expect("Step 1 of 7");
    t.send("");
    t.expect("Step 2 of 7");
    t.end_of_input();
    let (status, _, screen) = t.finish();
    assert!(!status.success(), "{screen}");
    assert!(screen.contains("nothing was saved"), "{screen}");
    let history = cli.json(&["--json", "safety-plan", "history"]);
    assert_eq!(history["versions"].as_array().unwrap().len(), 2);
    // Off a terminal: --input is still required, and the error says how.
    let err = cli.error(&["--json", "safety-plan", "edit"]);
    assert_eq!(err["kind"], "invalid_input");
    assert_eq!(err["field"], "input");
    assert!(
        err["message"].as_str().unwrap().contains("on a terminal"),
        "{err}"
    );
}

/// New-user review 3, F10: `q` at a question stops like Ctrl-D, and nothing is saved.
#[test]
fn f10_q_stops_a_questionnaire_without_saving() {
    let cli = Cli::new();
    let mut t = cli.on_terminal(&["assess", "take", "gad7"]);
    t.expect("q or Ctrl-D stops without saving anything");
    t.expect("1/7. ");
    t.send("1");
    t.expect("2/7. ");
    t.send("q");
    let (status, _, screen) = t.finish();
    assert!(!status.success(), "{screen}");
    assert!(screen.contains("nothing was saved"), "{screen}");
    let history = cli.json(&["--json", "assess", "history"]);
    assert_eq!(history["assessments"].as_array().unwrap().len(), 0);
}
