//! Golden cases for the planner: each names the rule it pins down.

use super::*;
use crate::reminder::test_support::*;
use crate::reminder::{ActivityKind::*, DaySet, ReminderDays, Snooze, occurrence_id, snooze_id};

fn summary(plan: &[PlannedNotification]) -> Vec<(String, String)> {
    plan.iter()
        .map(|n| (n.fire_at.to_string(), n.local()))
        .collect()
}

fn pair(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn spring_forward_gap_fires_at_the_offset_before_the_gap() {
    let rules = [rule("rule_m", Meditation, &["01:30"])];
    let p = plan(&input(
        &rules,
        "Europe/London",
        "2027-03-27T00:00:00Z",
        "2027-03-29T00:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [
            pair("2027-03-27T01:30:00Z", "2027-03-27T01:30:00+00:00"),
            // 01:30 does not exist on 28 March: read with GMT, it is 02:30 BST.
            pair("2027-03-28T01:30:00Z", "2027-03-28T02:30:00+01:00"),
        ]
    );
    assert_eq!(p[1].local_date, "2027-03-28");
    assert_eq!(p[1].time, "01:30");
}

#[test]
fn fall_back_ambiguous_time_fires_once_at_its_first_occurrence() {
    let rules = [rule("rule_m", Meditation, &["01:30"])];
    let p = plan(&input(
        &rules,
        "Europe/London",
        "2027-10-30T12:00:00Z",
        "2027-11-01T00:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [pair("2027-10-31T00:30:00Z", "2027-10-31T01:30:00+01:00"),]
    );
}

#[test]
fn lord_howe_half_hour_shifts_both_ways() {
    let rules = [rule("rule_lh", Checkin, &["01:45", "02:15"])];
    // 3 Oct 2027: 02:00 +10:30 → 02:30 +11:00, so 02:15 becomes 02:45.
    let p = plan(&input(
        &rules,
        "Australia/Lord_Howe",
        "2027-10-02T12:00:00Z",
        "2027-10-03T12:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [
            pair("2027-10-02T15:15:00Z", "2027-10-03T01:45:00+10:30"),
            pair("2027-10-02T15:45:00Z", "2027-10-03T02:45:00+11:00"),
        ]
    );
    // 4 Apr 2027: 02:00 +11:00 → 01:30 +10:30, so 01:45 happens twice: the first one fires.
    let p = plan(&input(
        &rules,
        "Australia/Lord_Howe",
        "2027-04-03T12:00:00Z",
        "2027-04-04T12:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [
            pair("2027-04-03T14:45:00Z", "2027-04-04T01:45:00+11:00"),
            pair("2027-04-03T15:45:00Z", "2027-04-04T02:15:00+10:30"),
        ]
    );
}

#[test]
fn chatham_quarter_hour_zone_resolves_its_gap() {
    // 26 Sep 2027: 02:45 +12:45 → 03:45 +13:45; 03:00 does not exist and becomes 04:00.
    let rules = [rule("rule_c", Journal, &["03:00", "21:00"])];
    let p = plan(&input(
        &rules,
        "Pacific/Chatham",
        "2027-09-25T00:00:00Z",
        "2027-09-26T06:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [
            pair("2027-09-25T08:15:00Z", "2027-09-25T21:00:00+12:45"),
            pair("2027-09-25T14:15:00Z", "2027-09-26T04:00:00+13:45"),
        ]
    );
}

#[test]
fn wall_clock_times_float_with_the_zone_and_keep_their_ids() {
    let rules = [rule("rule_m", Meditation, &["08:00"])];
    let london = plan(&input(
        &rules,
        "Europe/London",
        "2027-07-01T00:00:00Z",
        "2027-07-02T00:00:00Z",
    ));
    let tokyo = plan(&input(
        &rules,
        "Asia/Tokyo",
        "2027-06-30T15:00:00Z",
        "2027-07-01T15:00:00Z",
    ));
    assert_eq!(london[0].local(), "2027-07-01T08:00:00+01:00");
    assert_eq!(tokyo[0].local(), "2027-07-01T08:00:00+09:00");
    assert_eq!(
        london[0].id, tokyo[0].id,
        "same rule, same local date, same id"
    );
    assert_ne!(london[0].fire_at, tokyo[0].fire_at);
    assert_ne!(fingerprint(&london[0]), fingerprint(&tokyo[0]));
}

#[test]
fn ios_keeps_the_sixty_soonest_and_a_limit_caps_any_platform() {
    let rules = [
        rule("rule_a", Meditation, &["07:00", "12:00", "18:00", "21:00"]),
        rule("rule_b", Checkin, &["09:00", "15:00", "20:00"]),
    ];
    let mut inp = input(
        &rules,
        "Europe/Berlin",
        "2027-05-01T00:00:00Z",
        "2027-05-15T00:00:00Z",
    );
    let all = plan(&inp);
    assert_eq!(all.len(), 14 * 7);
    inp.platform = Platform::Ios;
    let ios = plan(&inp);
    assert_eq!(ios.len(), IOS_PENDING_CAP);
    assert_eq!(
        ios[..],
        all[..IOS_PENDING_CAP],
        "the soonest ones, unchanged"
    );
    inp.limit = Some(5);
    assert_eq!(plan(&inp)[..], all[..5]);
}

#[test]
fn android_marks_exact_only_with_the_grant() {
    let rules = [rule("rule_a", Meditation, &["07:00"])];
    let mut inp = input(
        &rules,
        "Europe/Paris",
        "2027-05-01T00:00:00Z",
        "2027-05-03T00:00:00Z",
    );
    inp.platform = Platform::Android;
    assert!(plan(&inp).iter().all(|n| !n.exact));
    inp.exact_alarms_allowed = true;
    assert!(plan(&inp).iter().all(|n| n.exact));
}

#[test]
fn skip_if_done_silences_the_rest_of_that_local_day_only() {
    let mut r = rule("rule_m", Meditation, &["08:00", "20:00"]);
    r.skip_if_done = true;
    let rules = [r.clone()];
    let facts = [done(Meditation, "2027-05-03", "2027-05-03T06:30:00Z")];
    let mut inp = input(
        &rules,
        "Europe/London",
        "2027-05-03T00:00:00Z",
        "2027-05-05T00:00:00Z",
    );
    inp.done = &facts;
    let locals: Vec<_> = plan(&inp).into_iter().map(|n| n.local()).collect();
    assert_eq!(
        locals,
        ["2027-05-04T08:00:00+01:00", "2027-05-04T20:00:00+01:00"]
    );

    // Done after the morning reminder: the morning one stays, the evening one goes.
    let later = [done(Meditation, "2027-05-03", "2027-05-03T09:00:00Z")];
    inp.done = &later;
    assert_eq!(plan(&inp).len(), 3);
    // Another kind done, or a rule without skip_if_done: nothing is silenced.
    let other = [done(Checkin, "2027-05-03", "2027-05-03T06:30:00Z")];
    inp.done = &other;
    assert_eq!(plan(&inp).len(), 4);
    let plain = [rule("rule_m", Meditation, &["08:00", "20:00"])];
    let mut inp2 = input(
        &plain,
        "Europe/London",
        "2027-05-03T00:00:00Z",
        "2027-05-05T00:00:00Z",
    );
    inp2.done = &facts;
    assert_eq!(plan(&inp2).len(), 4);
}

#[test]
fn paused_disabled_and_off_days_plan_nothing() {
    let mut paused = rule("rule_p", Journal, &["21:00"]);
    paused.paused_until = Some(date("2027-05-05"));
    let mut off = rule("rule_o", Checkin, &["09:00"]);
    off.enabled = false;
    let mut weekdays = rule("rule_w", Programme, &["12:00"]);
    weekdays.days = ReminderDays::Weekdays.set().unwrap();
    let rules = [paused, off, weekdays];
    // 2027-05-01 is a Saturday.
    let p = plan(&input(
        &rules,
        "UTC",
        "2027-05-01T00:00:00Z",
        "2027-05-06T00:00:00Z",
    ));
    let got: Vec<_> = p
        .iter()
        .map(|n| format!("{} {}", n.rule, n.local_date))
        .collect();
    assert_eq!(
        got,
        [
            "rule_w 2027-05-03",
            "rule_w 2027-05-04",
            "rule_w 2027-05-05",
            "rule_p 2027-05-05",
        ]
    );
    assert_eq!(DaySet::WEEKDAYS.days(), ReminderDays::Weekdays);
}

#[test]
fn two_wall_times_meeting_in_a_gap_fire_once() {
    let rules = [rule("rule_m", Meditation, &["01:30", "02:30"])];
    let p = plan(&input(
        &rules,
        "Europe/London",
        "2027-03-28T00:00:00Z",
        "2027-03-28T12:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [pair("2027-03-28T01:30:00Z", "2027-03-28T02:30:00+01:00")]
    );
    assert_eq!(
        p[0].time, "01:30",
        "the earlier wall time wins, deterministically"
    );
}

#[test]
fn a_snooze_fires_once_and_is_silenced_by_done_for_its_occurrence() {
    let rules = [rule("rule_m", Meditation, &["08:00"])];
    let source = occurrence_id("rule_m", date("2027-05-03"), hm("08:00"));
    let fire = utc("2027-05-03T07:10:00Z");
    let snoozes = [Snooze {
        id: snooze_id(&source, fire),
        rule_id: "rule_m".into(),
        kind: Meditation,
        local_date: date("2027-05-03"),
        fire_at: fire,
        source_id: source.clone(),
    }];
    let mut inp = input(
        &rules,
        "Europe/London",
        "2027-05-03T07:05:00Z",
        "2027-05-04T00:00:00Z",
    );
    inp.snoozes = &snoozes;
    let p = plan(&inp);
    assert_eq!(p.len(), 1);
    assert!(p[0].snoozed);
    assert_eq!(p[0].local(), "2027-05-03T08:10:00+01:00");
    assert_eq!(p[0].time, "08:10");
    assert_ne!(p[0].id, source);

    let mut fact = done(Meditation, "2027-05-03", "2027-05-03T07:06:00Z");
    fact.notification_id = Some(source);
    let facts = [fact];
    inp.done = &facts;
    assert!(plan(&inp).is_empty());
}

#[test]
fn notification_text_is_generic_and_never_the_label() {
    let mut r = rule("rule_m", Journal, &["21:00"]);
    r.label = Some("write about the argument with Sam".into());
    let rules = [r];
    let p = plan(&input(
        &rules,
        "UTC",
        "2027-05-01T00:00:00Z",
        "2027-05-02T00:00:00Z",
    ));
    let n = &p[0];
    assert!(!format!("{}{}", n.title, n.body).contains("Sam"));
    assert_eq!(n.deep_link, "resetcompanion://journal");
    assert_eq!(n.kind, Journal);
}

#[test]
fn an_empty_or_inverted_window_plans_nothing() {
    let rules = [rule("rule_m", Meditation, &["08:00"])];
    assert!(
        plan(&input(
            &rules,
            "UTC",
            "2027-05-02T00:00:00Z",
            "2027-05-01T00:00:00Z"
        ))
        .is_empty()
    );
    assert!(
        plan(&input(
            &rules,
            "UTC",
            "2027-05-01T08:00:00Z",
            "2027-05-01T08:00:00Z"
        ))
        .is_empty()
    );
    // The window is half-open: an instant equal to `from` is in, equal to `until` is out.
    assert_eq!(
        plan(&input(
            &rules,
            "UTC",
            "2027-05-01T08:00:00Z",
            "2027-05-02T08:00:00Z"
        ))
        .len(),
        1
    );
}

#[test]
fn the_shared_golden_wall_time_fixture_holds() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/reminders/wall_times.json");
    let fixture: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let cases = fixture["cases"].as_array().unwrap();
    assert!(cases.len() >= 7);
    for case in cases {
        let s = |k: &str| case[k].as_str().unwrap();
        let kind = crate::reminder::ActivityKind::parse(s("kind")).unwrap();
        let rules = [rule("rule_fixture", kind, &[s("at")])];
        let got = summary(&plan(&input(&rules, s("zone"), s("from"), s("until"))));
        let want: Vec<(String, String)> = case["expected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| pair(e["fire_at"].as_str().unwrap(), e["local"].as_str().unwrap()))
            .collect();
        assert_eq!(got, want, "{}", s("name"));
    }
}

#[test]
fn an_occurrence_a_dst_gap_moves_into_quiet_hours_is_dropped_not_moved() {
    // 01:30 is allowed (quiet hours 02:00–06:00 do not contain it), but on London's
    // spring-forward day it would fire at 02:30 BST, inside the quiet hours: dropped that day.
    let mut r = rule("rule_q", Meditation, &["01:30"]);
    r.quiet = Some(crate::reminder::rule::QuietWindow::parse("02:00-06:00").unwrap());
    let rules = [r];
    let p = plan(&input(
        &rules,
        "Europe/London",
        "2027-03-27T00:00:00Z",
        "2027-03-30T00:00:00Z",
    ));
    assert_eq!(
        summary(&p),
        [
            pair("2027-03-27T01:30:00Z", "2027-03-27T01:30:00+00:00"),
            pair("2027-03-29T00:30:00Z", "2027-03-29T01:30:00+01:00"),
        ]
    );
}
