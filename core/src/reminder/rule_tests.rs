use super::*;

fn new_rule(kind: ActivityKind, times: &[&str], days: &str) -> NewReminderRule {
    NewReminderRule {
        kind,
        times: times.iter().map(|t| (*t).into()).collect(),
        days: ReminderDays::parse(days).unwrap(),
        skip_if_done: false,
        quiet_hours: None,
        label: None,
    }
}

fn stored(id: &str, draft: RuleDraft) -> Rule {
    Rule {
        id: id.into(),
        kind: draft.kind,
        times: draft.times,
        days: draft.days,
        skip_if_done: draft.skip_if_done,
        quiet: draft.quiet,
        paused_until: None,
        enabled: true,
        label: draft.label,
        created_at: DateTime::<Utc>::UNIX_EPOCH,
    }
}

fn field_of(e: Error) -> String {
    match e {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid_input, got {other:?}"),
    }
}

#[test]
fn times_of_day_accept_hh_mm_and_reject_everything_else() {
    assert_eq!(
        format_time_of_day(parse_time_of_day("07:05", "t").unwrap()),
        "07:05"
    );
    assert_eq!(
        format_time_of_day(parse_time_of_day("7:05", "t").unwrap()),
        "07:05"
    );
    assert_eq!(
        format_time_of_day(parse_time_of_day("23:59", "t").unwrap()),
        "23:59"
    );
    for bad in [
        "24:00",
        "12:60",
        "7:5",
        "noon",
        "",
        "12",
        "-1:00",
        "12:00:00",
        "１２:00",
        "+1:00",
    ] {
        assert_eq!(
            field_of(parse_time_of_day(bad, "times").unwrap_err()),
            "times",
            "{bad}"
        );
    }
}

#[test]
fn day_sets_parse_to_a_canonical_form() {
    assert_eq!(ReminderDays::parse("daily").unwrap(), ReminderDays::Daily);
    assert_eq!(
        ReminderDays::parse("Weekdays").unwrap(),
        ReminderDays::Weekdays
    );
    assert_eq!(
        ReminderDays::parse("mon,tue,wed,thu,fri").unwrap(),
        ReminderDays::Weekdays
    );
    assert_eq!(
        ReminderDays::parse("sun,sat,mon,tue,wed,thu,fri").unwrap(),
        ReminderDays::Daily
    );
    let set = ReminderDays::parse("friday, mon,wed,mon").unwrap();
    assert_eq!(set.to_text(), "mon,wed,fri");
    assert_eq!(
        ReminderDays::parse("weekends").unwrap().to_text(),
        "sat,sun"
    );
}

#[test]
fn empty_or_unknown_day_sets_are_invalid_days() {
    for bad in ["", ",", "funday", "mon,xyz"] {
        assert_eq!(
            field_of(ReminderDays::parse(bad).unwrap_err()),
            "days",
            "{bad:?}"
        );
    }
    let empty = ReminderDays::Only { days: vec![] };
    assert_eq!(field_of(empty.set().unwrap_err()), "days");
}

#[test]
fn a_rule_needs_at_least_one_valid_distinct_time() {
    let mut r = new_rule(ActivityKind::Meditation, &[], "daily");
    assert_eq!(field_of(r.validate().unwrap_err()), "times");
    let eight = WallTime(parse_time_of_day("8:00", "times").unwrap());
    r.times = vec!["08:00".into(), eight];
    assert_eq!(field_of(r.validate().unwrap_err()), "times");
    // "25:00" cannot become a wall time: the type refuses it (time::types tests).
    r.times = (0..13)
        .map(|h| format!("{h:02}:00").as_str().into())
        .collect();
    assert_eq!(field_of(r.validate().unwrap_err()), "times");
    r.times = vec!["20:00".into(), "08:00".into()];
    let draft = r.validate().unwrap();
    assert_eq!(
        draft
            .times
            .iter()
            .copied()
            .map(format_time_of_day)
            .collect::<Vec<_>>(),
        ["08:00", "20:00"]
    );
}

#[test]
fn a_time_inside_quiet_hours_is_rejected_not_moved() {
    let mut r = new_rule(ActivityKind::Checkin, &["06:30"], "daily");
    r.quiet_hours = Some(QuietHours {
        start: "22:00".into(),
        end: "07:00".into(),
    });
    assert_eq!(field_of(r.validate().unwrap_err()), "times");
    r.times = vec!["07:00".into(), "21:59".into()];
    assert!(r.validate().is_ok(), "the end of quiet hours is not quiet");
    r.times = vec!["22:00".into()];
    assert_eq!(field_of(r.validate().unwrap_err()), "times");
    // A daytime quiet period (a work meeting) does not wrap.
    r.quiet_hours = Some(QuietHours {
        start: "13:00".into(),
        end: "14:00".into(),
    });
    r.times = vec!["13:30".into()];
    assert_eq!(field_of(r.validate().unwrap_err()), "times");
    r.times = vec!["22:00".into()];
    assert!(r.validate().is_ok());
}

#[test]
fn quiet_hours_must_be_two_different_times() {
    assert_eq!(
        field_of(QuietWindow::parse("22:00-22:00").unwrap_err()),
        "quiet_hours"
    );
    assert_eq!(
        field_of(QuietWindow::parse("22:00").unwrap_err()),
        "quiet_hours"
    );
    assert_eq!(
        field_of(QuietWindow::parse("22:00-31:00").unwrap_err()),
        "quiet_hours"
    );
    let q = QuietWindow::parse("22:00-07:00").unwrap();
    assert!(q.contains(parse_time_of_day("00:00", "t").unwrap()));
    assert!(!q.contains(parse_time_of_day("12:00", "t").unwrap()));
}

#[test]
fn labels_are_trimmed_bounded_and_never_quoted_in_errors() {
    let mut r = new_rule(ActivityKind::Journal, &["21:00"], "daily");
    r.label = Some("  evening pages ".into());
    assert_eq!(
        r.validate().unwrap().label.as_deref(),
        Some("evening pages")
    );
    r.label = Some("   ".into());
    assert_eq!(r.validate().unwrap().label, None);
    let secret = "my very private worry ".repeat(5);
    r.label = Some(secret.clone());
    let err = r.validate().unwrap_err();
    assert!(!err.to_string().contains("private"));
    assert_eq!(field_of(err), "label");
    r.label = Some("tab\there".into());
    assert_eq!(field_of(r.validate().unwrap_err()), "label");
}

#[test]
fn same_kind_same_time_on_a_shared_day_is_an_overlapping_duplicate() {
    let existing = [stored(
        "rule_a",
        new_rule(ActivityKind::Meditation, &["08:00", "20:00"], "weekdays")
            .validate()
            .unwrap(),
    )];
    let dup = new_rule(ActivityKind::Meditation, &["20:00"], "fri,sat")
        .validate()
        .unwrap();
    assert_eq!(
        field_of(check_no_overlap(&dup, &existing).unwrap_err()),
        "times"
    );
    // Different days, different kind or different time are all fine.
    let weekend = new_rule(ActivityKind::Meditation, &["08:00"], "weekends")
        .validate()
        .unwrap();
    assert!(check_no_overlap(&weekend, &existing).is_ok());
    let checkin = new_rule(ActivityKind::Checkin, &["08:00"], "daily")
        .validate()
        .unwrap();
    assert!(check_no_overlap(&checkin, &existing).is_ok());
    let later = new_rule(ActivityKind::Meditation, &["08:01"], "daily")
        .validate()
        .unwrap();
    assert!(check_no_overlap(&later, &existing).is_ok());
}

#[test]
fn kinds_parse_by_name_only() {
    assert_eq!(
        ActivityKind::parse("Meditation").unwrap(),
        ActivityKind::Meditation
    );
    assert_eq!(
        ActivityKind::parse("checkin").unwrap(),
        ActivityKind::Checkin
    );
    assert_eq!(field_of(ActivityKind::parse("yoga").unwrap_err()), "kind");
}

#[test]
fn a_stored_rule_serialises_days_the_way_the_cli_accepts_them() {
    let rule = stored(
        "rule_b",
        new_rule(ActivityKind::Checkin, &["09:00"], "mon,thu")
            .validate()
            .unwrap(),
    );
    let json = serde_json::to_value(rule.record()).unwrap();
    assert_eq!(json["days"], "mon,thu");
    assert_eq!(json["kind"], "checkin");
    assert_eq!(json["times"][0], "09:00");
}
