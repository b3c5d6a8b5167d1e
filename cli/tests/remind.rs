//! Issue 7's CLI contract for reminders, run through the real binary: `reset remind add | list |
//! remove | pause | plan | reconcile | snooze | done`.

mod common;

use std::process::Command;

use common::Cli;
use serde_json::{Value, json};

const NOW: &str = "2027-03-27T12:00:00Z";

/// Runs `reset --tz ZONE --now NOW --json <line>` (the line split on spaces) and returns
/// (success, stdout JSON or the error object from stderr).
fn run_in(cli: &Cli, zone: &str, line: &str) -> (bool, Value) {
    let out = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(cli.db())
        .args(["--tz", zone, "--now", NOW, "--json"])
        .args(line.split_whitespace())
        .env_remove("RESET_KEY")
        .output()
        .unwrap();
    if out.status.success() {
        (
            true,
            serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        )
    } else {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let line = stderr
            .lines()
            .find(|l| l.starts_with("{\"error\""))
            .unwrap_or("{}");
        (
            false,
            serde_json::from_str::<Value>(line).unwrap()["error"].clone(),
        )
    }
}

/// Runs in London and asserts success.
fn ok(cli: &Cli, line: &str) -> Value {
    let (success, v) = run_in(cli, "Europe/London", line);
    assert!(success, "reset {line} failed: {v}");
    v
}

/// Runs in London and asserts failure of `kind`; returns the message.
fn fails(cli: &Cli, kind: &str, line: &str) -> String {
    let (success, v) = run_in(cli, "Europe/London", line);
    assert!(!success, "reset {line} unexpectedly succeeded");
    assert_eq!(v["kind"], kind, "{v}");
    v["message"].as_str().unwrap_or_default().to_string()
}

fn ids(notifications: &Value) -> Vec<String> {
    let list = notifications.as_array().unwrap();
    list.iter()
        .map(|n| n["id"].as_str().unwrap().to_string())
        .collect()
}

fn count(v: &Value) -> usize {
    v.as_array().unwrap().len()
}

#[test]
fn add_returns_the_rule_with_an_id_and_list_shows_it() {
    let cli = Cli::new();
    let rule = ok(
        &cli,
        "remind add --kind meditation --at 08:00,20:30 --days mon,wed --skip-if-done --quiet 22:00-07:00 --label calm",
    );
    assert!(rule["id"].as_str().unwrap().starts_with("rule_"));
    assert_eq!(rule["kind"], "meditation");
    assert_eq!(rule["times"], json!(["08:00", "20:30"]));
    assert_eq!(rule["days"], "mon,wed");
    assert_eq!(rule["skip_if_done"], true);
    assert_eq!(rule["quiet_hours"]["start"], "22:00");
    assert_eq!(ok(&cli, "remind list")["rules"][0], rule);
    assert_eq!(ok(&cli, "status")["counts"]["reminder_rules"], 1);
}

#[test]
fn bad_rules_are_invalid_input() {
    let cli = Cli::new();
    for bad in [
        "--kind meditation --at 25:00",
        "--kind meditation --at 8h",
        "--kind meditation --at 08:00 --days ,",
        "--kind meditation --at 08:00 --days someday",
        "--kind yoga --at 08:00",
        "--kind checkin --at 23:30 --quiet 22:00-07:00",
    ] {
        fails(&cli, "invalid_input", &format!("remind add {bad}"));
    }
    ok(&cli, "remind add --kind checkin --at 09:00 --days weekdays");
    let msg = fails(
        &cli,
        "invalid_input",
        "remind add --kind checkin --at 09:00 --days fri,sat",
    );
    assert!(msg.contains("already exists"), "{msg}");
    ok(&cli, "remind add --kind checkin --at 09:00 --days weekends");
}

#[test]
fn plan_resolves_the_spring_forward_gap_and_has_the_contract_shape() {
    let cli = Cli::new();
    let rule = ok(&cli, "remind add --kind meditation --at 01:30");
    let line = "remind plan --from 2027-03-28T00:00:00Z --until 2027-03-29T00:00:00Z";
    let plan = ok(&cli, line);
    assert_eq!(count(&plan["notifications"]), 1);
    let n = &plan["notifications"][0];
    assert_eq!(n["fire_at"], "2027-03-28T01:30:00Z");
    assert_eq!(n["local"], "2027-03-28T02:30:00+01:00");
    assert_eq!(n["kind"], "meditation");
    assert_eq!(n["rule"], rule["id"]);
    assert!(n["id"].as_str().unwrap().starts_with("rem_"));
    assert_eq!(n["deep_link"], "resetcompanion://meditation");
    assert!(!n["title"].as_str().unwrap().is_empty() && !n["body"].as_str().unwrap().is_empty());
    // Stable: the same plan again gives the same ids.
    assert_eq!(
        ids(&ok(&cli, line)["notifications"]),
        ids(&plan["notifications"])
    );
}

#[test]
fn plan_defaults_to_a_week_from_now_and_honours_limit_and_platform() {
    let cli = Cli::new();
    ok(
        &cli,
        "remind add --kind checkin --at 07:00,09:00,11:00,13:00,15:00,17:00,19:00,21:00,23:00,05:00",
    );
    let week = ok(&cli, "remind plan")["notifications"].clone();
    assert_eq!(count(&week), 70);
    assert!(week[0]["fire_at"].as_str().unwrap() >= NOW);
    let ios = ok(&cli, "remind plan --platform ios")["notifications"].clone();
    assert_eq!(ids(&ios), ids(&week)[..60]);
    assert_eq!(
        count(&ok(&cli, "remind plan --limit 3")["notifications"]),
        3
    );
    let android = ok(&cli, "remind plan --platform android --limit 2");
    assert_eq!(android["notifications"][0]["exact"], false);
    let exact = ok(
        &cli,
        "remind plan --platform android --exact-alarms --limit 2",
    );
    assert_eq!(exact["notifications"][0]["exact"], true);
    fails(&cli, "invalid_input", "remind plan --platform windows");
    fails(
        &cli,
        "invalid_input",
        "remind plan --from 2027-03-28T00:00:00Z --until 2027-03-27T00:00:00Z",
    );
}

#[test]
fn reconcile_adds_what_is_missing_cancels_what_is_stale_and_follows_the_zone() {
    let cli = Cli::new();
    ok(&cli, "remind add --kind journal --at 21:00");
    let first = ok(
        &cli,
        "remind reconcile --pending rem_0000000000000000 --platform ios",
    );
    assert_eq!(count(&first["add"]), 7);
    assert_eq!(first["cancel"], json!(["rem_0000000000000000"]));
    let sync = format!(
        "remind reconcile --pending {} --platform ios",
        ids(&first["add"]).join(",")
    );
    assert_eq!(ok(&cli, &sync), json!({"add": [], "cancel": []}));
    let (success, tokyo) = run_in(&cli, "Asia/Tokyo", &sync);
    assert!(success);
    let moved = tokyo["add"].as_array().unwrap();
    assert!(!moved.is_empty());
    assert!(
        moved
            .iter()
            .all(|n| n["local"].as_str().unwrap().ends_with("T21:00:00+09:00"))
    );
}

#[test]
fn snooze_and_done_work_from_a_notification_id() {
    let cli = Cli::new();
    let rule = ok(
        &cli,
        "remind add --kind meditation --at 13:00,18:00 --skip-if-done",
    );
    let first = ok(&cli, "remind plan")["notifications"][0].clone();
    let first_id = first["id"].as_str().unwrap();
    assert_eq!(first["local"], "2027-03-27T13:00:00+00:00");
    let snoozed = ok(&cli, &format!("remind snooze {first_id} --minutes 15"));
    assert_ne!(snoozed["id"], first["id"]);
    assert_eq!(snoozed["fire_at"], "2027-03-27T12:15:00Z");
    assert_eq!(snoozed["rule"], rule["id"]);
    let done = ok(
        &cli,
        &format!("remind done {}", snoozed["id"].as_str().unwrap()),
    );
    assert_eq!(done["done"]["kind"], "meditation");
    assert_eq!(done["done"]["local_date"], "2027-03-27");
    let next = done["notifications"].as_array().unwrap();
    assert!(
        next.iter().all(|n| n["local_date"] != "2027-03-27"),
        "the rest of today is quiet"
    );
    fails(
        &cli,
        "invalid_input",
        &format!("remind snooze {first_id} --minutes 0"),
    );
    fails(&cli, "not_found", "remind done rem_ffffffffffffffff");
}

#[test]
fn pause_and_remove() {
    let cli = Cli::new();
    let rule = ok(&cli, "remind add --kind programme --at 19:00");
    let id = rule["id"].as_str().unwrap();
    let paused = ok(&cli, &format!("remind pause {id} --until 2027-03-30"));
    assert_eq!(paused["paused_until"], "2027-03-30");
    assert_eq!(
        ok(&cli, "remind plan")["notifications"][0]["local_date"],
        "2027-03-30"
    );
    fails(
        &cli,
        "invalid_input",
        &format!("remind pause {id} --until 2027-03-01"),
    );
    fails(
        &cli,
        "invalid_input",
        &format!("remind pause {id} --until tomorrow"),
    );
    ok(&cli, &format!("remind remove {id}"));
    assert_eq!(ok(&cli, "remind list")["rules"], json!([]));
    fails(&cli, "not_found", &format!("remind remove {id}"));
}
