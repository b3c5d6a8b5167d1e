//! `reset help-now` and `reset region show|set|auto` (new-user review F5, F21, F30): the crisis
//! lines for the person's region, the one command that chooses it, and programme text that
//! lists the lines instead of pointing to a "Help screen" the shell does not have.

mod common;

use common::{Cli, error_json};
use serde_json::Value;

fn json_in(cli: &Cli, zone: &str, args: &[&str]) -> Value {
    let out = cli.run_in(zone, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn text_in(cli: &Cli, zone: &str, args: &[&str]) -> String {
    let out = cli.run_in(zone, args);
    assert!(out.status.success(), "{args:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn help_now_lists_the_regions_lines_and_says_so_outside_every_covered_region() {
    let cli = Cli::new();
    let london = json_in(&cli, "Europe/London", &["--json", "help-now"]);
    assert_eq!(london["region"], "GB");
    assert_eq!(london["region_is_fallback"], false);
    let phones: Vec<&str> = london["resources"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["phone"].as_str())
        .collect();
    assert_eq!(phones, ["999", "111", "116 123"]);
    let text = text_in(&cli, "Europe/London", &["help-now"]);
    assert!(
        text.contains("Crisis lines, any time (United Kingdom)"),
        "{text}"
    );
    assert!(text.contains("Samaritans: call 116 123"), "{text}");
    assert!(text.contains("reset safety-plan show"), "{text}");

    let sydney = text_in(&cli, "Australia/Sydney", &["help-now"]);
    assert!(
        sydney.starts_with("We don't have crisis lines for where you are."),
        "{sydney}"
    );
    assert!(
        sydney.contains("call your local\nemergency number now"),
        "{sydney}"
    );
    assert!(
        sydney.contains("for United Kingdom, not your country"),
        "{sydney}"
    );
    assert!(!sydney.contains("any time (United Kingdom)"), "{sydney}");
    assert_eq!(
        json_in(&cli, "Australia/Sydney", &["--json", "help-now"])["region_is_fallback"],
        true
    );
}

#[test]
fn help_now_needs_no_profile_and_never_creates_one() {
    let cli = Cli::new();
    let text = text_in(&cli, "America/New_York", &["help-now"]);
    assert!(text.contains("988"), "{text}");
    assert!(!cli.db().exists(), "help-now wrote nothing");
}

#[test]
fn region_set_chooses_the_lines_everywhere_and_auto_gives_the_choice_back() {
    let cli = Cli::new();
    let shown = json_in(&cli, "Australia/Sydney", &["--json", "region", "show"]);
    assert_eq!(
        (&shown["region"], &shown["source"], &shown["chosen"]),
        (&"GB".into(), &"default".into(), &Value::Null)
    );
    assert_eq!(shown["region_is_fallback"], true);
    let text = text_in(&cli, "Australia/Sydney", &["region", "show"]);
    assert!(text.contains("not your country's"), "{text}");

    let set = json_in(&cli, "Australia/Sydney", &["--json", "region", "set", "us"]);
    assert_eq!(
        (&set["region"], &set["source"], &set["chosen"]),
        (&"US".into(), &"chosen".into(), &"US".into())
    );
    assert_eq!(set["region_is_fallback"], false);
    // The choice reaches every place the lines are shown.
    let now = json_in(&cli, "Australia/Sydney", &["--json", "help-now"]);
    assert_eq!(
        (&now["region"], &now["region_is_fallback"]),
        (&"US".into(), &false.into())
    );
    let take = json_in(
        &cli,
        "Australia/Sydney",
        &[
            "--json",
            "assess",
            "score",
            "phq9",
            "--answers",
            "0,0,0,0,0,0,0,0,1",
        ],
    );
    let signpost = take
        .pointer("/signpost")
        .or(take.pointer("/result/signpost"))
        .expect("a signpost");
    assert_eq!(signpost["region_is_fallback"], false, "{take}");

    let err = error_json(
        &cli.run_in("Europe/London", &["--json", "region", "set", "AU"]),
        &["region", "set", "AU"],
    );
    assert_eq!(
        (&err["kind"], &err["field"]),
        (&"invalid_input".into(), &"region".into())
    );
    assert_eq!(
        json_in(&cli, "Europe/London", &["--json", "region", "show"])["region"],
        "US",
        "a refused region changes nothing"
    );

    let auto = json_in(&cli, "Europe/Dublin", &["--json", "region", "auto"]);
    assert_eq!(
        (&auto["region"], &auto["source"], &auto["chosen"]),
        (&"IE".into(), &"time_zone".into(), &Value::Null)
    );
}

#[test]
fn programme_text_lists_the_lines_instead_of_a_help_screen() {
    let cli = Cli::new();
    let show = text_in(
        &cli,
        "Europe/London",
        &["programme", "show", "anxiety-reset"],
    );
    assert!(
        show.contains("Crisis lines, any time (United Kingdom)"),
        "{show}"
    );
    assert!(show.contains("Samaritans: call 116 123"), "{show}");
    let start = text_in(
        &cli,
        "Australia/Sydney",
        &["programme", "start", "anxiety-reset"],
    );
    assert!(
        start.contains("We don't have crisis lines for where you are."),
        "{start}"
    );
    assert!(start.contains("reset help-now"), "{start}");
}
