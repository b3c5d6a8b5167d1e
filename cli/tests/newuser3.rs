//! The third first-time-user review (docs/reviews/2026-12-07-second-round/newuser3.md), re-tried
//! on the CLI: crisis lines that name their region everywhere (F6, F7, F9), the words a person
//! in distress types (F29), settings that do nothing in a terminal saying so (F14, F17, F20),
//! the plain privacy sentence (F21), `status` on a first run (F3), and the lost-key way back
//! (F24). The step-by-step safety plan (F11) is in `terminal.rs`.

mod common;

use std::process::Command;

use common::{Cli, error_json};
use serde_json::Value;

fn text_in(cli: &Cli, zone: &str, args: &[&str]) -> String {
    let out = cli.run_in(zone, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn json_in(cli: &Cli, zone: &str, args: &[&str]) -> Value {
    serde_json::from_str(&text_in(cli, zone, args)).unwrap()
}

/// `text` with every run of white space (line breaks too) as one space.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every UK-only number: none may appear without the "not your country" warning before it.
const UK_ONLY: [&str; 3] = ["call 999", "call 111", "85258"];

/// The warning a fallback list must carry, and where it must come before the first UK number.
fn assert_warned_before_uk_lines(text: &str, what: &str) {
    // Line breaks fall anywhere in a sentence: compare words.
    let text = &flat(text);
    let warning = text
        .find("not your country")
        .unwrap_or_else(|| panic!("{what}: no fallback warning:\n{text}"));
    let local = text
        .find("local emergency number")
        .unwrap_or_else(|| panic!("{what}: no local emergency number:\n{text}"));
    for number in UK_ONLY {
        if let Some(at) = text.find(number) {
            assert!(
                warning < at && local < at,
                "{what}: {number} before the warning:\n{text}"
            );
        }
    }
    assert!(
        !text.contains("Crisis lines, any time (United Kingdom)"),
        "{what}: UK lines called 'any time' outside the UK:\n{text}"
    );
    // Each line marked as the UK's: never a bare "call 999" (new-user review 4, F15).
    assert!(
        text.contains("• In United Kingdom only: Emergency services: call 999"),
        "{what}: unlabelled UK line:\n{text}"
    );
    assert!(!text.contains("• Emergency services"), "{what}:\n{text}");
}

#[test]
fn f6_outside_every_covered_region_no_command_shows_uk_lines_as_local() {
    for zone in ["Australia/Sydney", "Asia/Kolkata", "Etc/UTC"] {
        let cli = Cli::new();
        // Before a plan exists, and after.
        assert_warned_before_uk_lines(
            &text_in(&cli, zone, &["safety-plan", "show"]),
            &format!("{zone} safety-plan show (no plan)"),
        );
        assert_warned_before_uk_lines(
            &text_in(&cli, zone, &["help-now"]),
            &format!("{zone} help-now"),
        );
        assert_warned_before_uk_lines(
            &text_in(&cli, zone, &["checkin", "--mood", "1"]),
            &format!("{zone} low-mood pointer"),
        );
        assert_warned_before_uk_lines(
            &text_in(
                &cli,
                zone,
                &["assess", "take", "phq9", "--answers", "1,1,1,1,1,1,1,1,2"],
            ),
            &format!("{zone} questionnaire signpost"),
        );
        assert_warned_before_uk_lines(
            &text_in(&cli, zone, &["programme", "show", "anxiety-reset"]),
            &format!("{zone} programme show"),
        );
        let plan = cli.dir.path().join("plan.json");
        std::fs::write(&plan, r#"{"warning_signs": ["not sleeping"]}"#).unwrap();
        text_in(
            &cli,
            zone,
            &["safety-plan", "edit", "--input", plan.to_str().unwrap()],
        );
        let shown = text_in(&cli, zone, &["safety-plan", "show"]);
        assert_warned_before_uk_lines(&shown, &format!("{zone} safety-plan show"));
        // Said at the top of the plan, not only under step 5.
        let shown = flat(&shown);
        let top = shown.find("call your local emergency number").unwrap();
        assert!(top < shown.find("1. My warning signs").unwrap(), "{shown}");
        // The JSON carries the lines and says they are the fallback, plan or no plan.
        let json = json_in(&cli, zone, &["--json", "safety-plan", "show"]);
        assert_eq!(json["crisis"]["region_is_fallback"], true, "{json}");
        assert_eq!(json["crisis"]["region_name"], "United Kingdom");
        assert!(json["plan"]["steps"].is_object(), "{json}");
    }
    // The tour: its closing line says whose lines they are.
    let cli = Cli::new();
    let tour = text_in(&cli, "Australia/Sydney", &["tour"]);
    assert!(
        tour.contains(
            "the crisis lines are real, but they are for United Kingdom, not your country"
        ),
        "{tour}"
    );
    assert!(!tour.contains("the crisis lines are real\n"), "{tour}");
    assert!(
        !tour.contains("Crisis lines, any time (United Kingdom)"),
        "{tour}"
    );
}

#[test]
fn f6_in_a_covered_region_every_list_names_the_region_it_is_for() {
    let cli = Cli::new();
    let none = json_in(&cli, "America/New_York", &["--json", "safety-plan", "show"]);
    assert_eq!(none["plan"], Value::Null);
    assert_eq!(none["crisis"]["region"], "US");
    assert_eq!(none["crisis"]["region_is_fallback"], false);
    let shown = text_in(&cli, "America/New_York", &["safety-plan", "show"]);
    assert!(
        shown.starts_with("Crisis lines, any time (United States):"),
        "{shown}"
    );
    assert!(shown.contains("call 988 or text 988"), "{shown}");
    assert!(!shown.contains("999"), "{shown}");
    let tour = text_in(&cli, "Europe/London", &["tour"]);
    assert!(
        tour.contains("the crisis lines are real (United Kingdom)"),
        "{tour}"
    );
    let status = text_in(&cli, "Europe/Dublin", &["status"]);
    assert!(status.contains("crisis lines for: Ireland\n"), "{status}");
    let status = text_in(&cli, "Asia/Kolkata", &["status"]);
    assert!(
        status.contains("crisis lines for: United Kingdom (no lines for your time zone"),
        "{status}"
    );
}

/// F7: the lowest mood gets the region's numbers inline, not a pointer to another command.
#[test]
fn f7_a_mood_of_one_lists_the_regions_numbers_then_the_plan() {
    let cli = Cli::new();
    let ny = text_in(&cli, "America/New_York", &["checkin", "--mood", "1"]);
    assert!(
        ny.contains("Crisis lines, any time (United States):"),
        "{ny}"
    );
    assert!(
        ny.contains("988 Suicide & Crisis Lifeline: call 988"),
        "{ny}"
    );
    let london = text_in(
        &cli,
        "Europe/London",
        &["checkin", "--mood", "2", "--labels", "hopeless"],
    );
    assert!(london.contains("Samaritans: call 116 123"), "{london}");
    let lines = london.find("116 123").unwrap();
    let plan = london.find("reset safety-plan show").unwrap();
    assert!(lines < plan, "the plan follows the lines: {london}");
    // Said once, not twice, outside every region.
    let sydney = text_in(&cli, "Australia/Sydney", &["checkin", "--mood", "1"]);
    assert_eq!(
        flat(&sydney).matches("local emergency number").count(),
        1,
        "{sydney}"
    );
}

/// F29: `reset` alone, `reset crisis`, `reset help crisis`, `reset sos`, `reset safety-plan`.
#[test]
fn f29_the_words_a_person_in_distress_types_reach_the_crisis_lines() {
    let cli = Cli::new();
    for words in [
        &["crisis"][..],
        &["help", "crisis"],
        &["help", "emergency"],
        &["sos"],
        &["emergency"],
        &["help-me"],
    ] {
        let text = text_in(&cli, "Europe/London", words);
        assert!(
            text.starts_with("Crisis lines, any time (United Kingdom):"),
            "{words:?}: {text}"
        );
        assert!(text.contains("Samaritans: call 116 123"), "{words:?}");
    }
    assert!(!cli.db().exists(), "finding help made a profile");
    // clap's own help still works.
    let help = text_in(&cli, "Europe/London", &["help", "checkin"]);
    assert!(help.contains("Usage: reset checkin"), "{help}");
    let help = text_in(&cli, "Europe/London", &["--help"]);
    assert!(help.contains("Need help now? `reset help-now`"), "{help}");
    assert!(help.contains("crisis"), "{help}");
    // The everyday commands come before erase.
    assert!(help.find("  checkin").unwrap() < help.find("  erase").unwrap());
    // `reset` alone: a menu, help first; no profile made.
    let menu = text_in(&cli, "Europe/London", &[]);
    let first = menu.find("reset help-now").unwrap();
    assert!(first < menu.find("reset checkin").unwrap(), "{menu}");
    assert!(menu.contains("Need help now?"), "{menu}");
    let json = json_in(&cli, "Europe/London", &["--json"]);
    assert_eq!(json["menu"][0]["command"], "reset help-now");
    assert!(!cli.db().exists(), "the menu made a profile");
    // `reset safety-plan` alone shows the plan (here: the lines, and how to write one).
    let plan = text_in(&cli, "Europe/London", &["safety-plan"]);
    assert!(plan.contains("Samaritans: call 116 123"), "{plan}");
    assert!(
        plan.contains("`reset safety-plan edit` writes one"),
        "{plan}"
    );
    // A typo gets a suggestion from the command list, never the typed word back.
    let out = cli.run_in("Europe/London", &["--json", "chekin", "--mood", "3"]);
    let err = error_json(&out, &["chekin"]);
    assert_eq!(err["kind"], "invalid_input");
    let message = err.to_string();
    assert!(message.contains("did you mean `checkin`"), "{message}");
    assert!(!message.contains("chekin"), "{message}");
}

/// F20, F14, F17: settings the terminal app cannot act on say so.
#[test]
fn f20_f14_f17_settings_with_no_effect_in_a_terminal_say_so() {
    let cli = Cli::new();
    let lock = text_in(&cli, "Europe/London", &["lock", "set", "immediately"]);
    assert!(lock.contains("The terminal app has no lock"), "{lock}");
    assert!(lock.contains("profile.key"), "{lock}");
    let json = json_in(&cli, "Europe/London", &["--json", "lock", "status"]);
    assert_eq!(json["policy"], "immediately");
    let status = text_in(&cli, "Europe/London", &["lock", "status"]);
    assert!(status.contains("The terminal app has no lock"), "{status}");
    let remind = text_in(
        &cli,
        "Europe/London",
        &["remind", "add", "--kind", "checkin", "--at", "20:00"],
    );
    assert!(
        remind.contains("The terminal app can't pop up reminders"),
        "{remind}"
    );
    let auto = text_in(&cli, "Europe/London", &["backup", "auto", "on"]);
    assert!(auto.contains("The terminal app has no scheduler"), "{auto}");
    assert!(auto.contains("backup auto run"), "{auto}");
    assert!(
        auto.contains("sit beside your profile, on the same disk"),
        "{auto}"
    );
    assert!(!auto.contains("including us"), "{auto}");
    assert!(
        auto.contains("no company or server that could open them for you"),
        "{auto}"
    );
}

/// F3 and F21: the first `status` says it made a profile and where the key is, once; every
/// `status` gives the plain privacy sentence. The tour's sentence matches what is on disk.
#[test]
fn f3_f21_status_says_when_it_made_the_profile_and_what_protects_it() {
    let cli = Cli::new();
    let tour = text_in(&cli, "Europe/London", &["tour"]);
    assert!(
        tour.contains("`reset checkin --mood 4` makes your own encrypted profile"),
        "{tour}"
    );
    assert!(!tour.contains("nothing was there before"), "{tour}");
    let first = text_in(&cli, "Europe/London", &["status"]);
    assert!(
        first.starts_with("Made a new, empty encrypted profile"),
        "{first}"
    );
    assert!(first.contains("profile.key"), "{first}");
    assert!(
        first.contains("anyone (or any program) using your computer account can read both"),
        "{first}"
    );
    assert!(first.contains("exports (PDF, CSV, JSON) are not encrypted"));
    let again = text_in(&cli, "Europe/London", &["status"]);
    assert!(!again.contains("Made a new"), "{again}");
    assert!(again.contains("using your computer account"), "{again}");
    let json = json_in(&cli, "Europe/London", &["--json", "status"]);
    assert_eq!(json["created"], false);
    assert_eq!(json["schema_version"], 7);
    // Now the profile exists: the tour says so instead of "makes your own".
    let tour = text_in(&cli, "Europe/London", &["tour"]);
    assert!(tour.contains("your own profile is already at"), "{tour}");
    assert!(!tour.contains("even to another program"), "{tour}");
}

/// F24: a lost key file names the ways back the person set up, and nothing is changed.
#[test]
fn f24_a_lost_key_points_to_the_backups_and_the_advice_works() {
    let cli = Cli::new();
    text_in(&cli, "Europe/London", &["checkin", "--mood", "4"]);
    let auto = text_in(&cli, "Europe/London", &["--json", "backup", "auto", "on"]);
    let key: Value = serde_json::from_str(&auto).unwrap();
    let recovery = key["recovery_key"].as_str().unwrap().to_string();
    let key_file = cli.dir.path().join("profile.key");
    std::fs::remove_file(&key_file).unwrap();
    let before = cli.profile_bytes();
    let out = cli.run_in("Europe/London", &["--json", "status"]);
    let err = error_json(&out, &["status"]);
    assert_eq!(err["kind"], "not_found");
    let message = err.to_string();
    assert!(message.contains("reset backup restore FILE"), "{message}");
    assert!(message.contains("auto-backups --recovery-key"), "{message}");
    assert!(message.contains("move "), "{message}");
    assert!(message.contains("RESET_KEY"), "{message}");
    assert_eq!(cli.profile_bytes(), before, "the profile was changed");
    // Following the advice brings the profile back.
    std::fs::rename(cli.db(), cli.dir.path().join("aside.db")).unwrap();
    let mut restore = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(cli.db())
        .args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"])
        .args(["backup", "restore"])
        .arg(cli.dir.path().join("auto-backups"))
        .args(["--recovery-key", "--yes"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .env_remove("RESET_KEY")
        .spawn()
        .unwrap();
    use std::io::Write;
    restore
        .stdin
        .take()
        .unwrap()
        .write_all(recovery.as_bytes())
        .unwrap();
    let done = restore.wait_with_output().unwrap();
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let status = json_in(&cli, "Europe/London", &["--json", "status"]);
    assert_eq!(status["counts"]["check_ins"], 1, "{status}");
}

/// F26: `reset checkin list` reads the check-ins back, notes included, in local time; the
/// check-in flags are unchanged (`reset checkin` alone still needs `--mood`).
#[test]
fn f26_check_ins_can_be_read_back_with_their_notes() {
    let cli = Cli::new();
    let empty = text_in(&cli, "Europe/London", &["checkin", "list"]);
    assert!(empty.contains("No check-ins in this range yet"), "{empty}");
    text_in(
        &cli,
        "America/New_York",
        &[
            "checkin",
            "--mood",
            "2",
            "--labels",
            "lonely",
            "--note",
            "argued with mum",
        ],
    );
    text_in(&cli, "America/New_York", &["checkin", "--mood", "5"]);
    // Read in another zone: the record's own zone is marked (new-user review 4, F14).
    let elsewhere = text_in(&cli, "Europe/London", &["checkin", "list"]);
    assert!(
        elsewhere.contains("2027-03-28 05:00 (America/New_York)  mood 2/7"),
        "{elsewhere}"
    );
    let list = text_in(&cli, "America/New_York", &["checkin", "list"]);
    // 09:00Z is 05:00 in New York (EDT on 2027-03-28).
    assert!(
        list.contains("2027-03-28 05:00  mood 2/7 (unpleasant) · lonely"),
        "{list}"
    );
    assert!(list.contains("“argued with mum”"), "{list}");
    assert_eq!(list.matches("mood ").count(), 2, "{list}");
    let json = json_in(&cli, "Europe/London", &["--json", "checkin", "list"]);
    let all = json["check_ins"].as_array().unwrap();
    assert_eq!(all.len(), 2, "{json}");
    assert!(all.iter().any(|c| c["note"] == "argued with mum"), "{json}");
    // Out of range: nothing.
    let old = json_in(
        &cli,
        "Europe/London",
        &["--json", "checkin", "list", "--to", "2027-01-01"],
    );
    assert_eq!(old["check_ins"].as_array().unwrap().len(), 0);
    let out = cli.run_in("Europe/London", &["--json", "checkin"]);
    assert_eq!(error_json(&out, &["checkin"])["field"], "mood");
}

/// F15: `programme today` shows the open session's text (plain words, no Markdown marks), what
/// to run for it, and the id `complete` takes.
#[test]
fn f15_today_shows_the_open_sessions_text_actions_and_id() {
    let cli = Cli::new();
    text_in(
        &cli,
        "Europe/London",
        &["programme", "start", "anxiety-reset"],
    );
    let today = text_in(&cli, "Europe/London", &["programme", "today"]);
    assert!(
        today.contains("Today: Session 1 · Understanding anxiety"),
        "{today}"
    );
    assert!(
        today.contains("Anxiety is the body's alarm system."),
        "{today}"
    );
    assert!(
        today.contains("Today: answer the two short questionnaires"),
        "{today}"
    );
    assert!(!today.contains("**"), "{today}");
    assert!(
        today.contains("To do it here: reset assess take gad7 · reset assess take phq9"),
        "{today}"
    );
    assert!(
        today.contains("When you have done it: reset programme complete session-1"),
        "{today}"
    );
    // The id shown is the one `complete` takes.
    text_in(
        &cli,
        "Europe/London",
        &["programme", "complete", "session-1"],
    );
    let after = text_in(&cli, "Europe/London", &["programme", "today"]);
    assert!(!after.contains("complete session-1"), "{after}");
}
