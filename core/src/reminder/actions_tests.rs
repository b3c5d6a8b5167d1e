//! Stored reminders on a real encrypted SQLite file.

use crate::time::Tz;
use chrono::{DateTime, Utc};
use tempfile::TempDir;

use super::*;
use crate::ErrorKind;
use crate::reminder::test_support::{utc, zone};
use crate::reminder::{QuietHours, ReminderDays};
use crate::store::{DatabaseKey, Store};

/// A scratch profile in London on Monday 3 May 2027 at 06:00 local.
struct Profile {
    dir: TempDir,
    store: Store,
    now: DateTime<Utc>,
    zone: Tz,
}

impl Profile {
    fn new() -> Self {
        let dir = TempDir::new().unwrap();
        let store = Self::open(&dir);
        Profile {
            dir,
            store,
            now: utc("2027-05-03T05:00:00Z"),
            zone: zone("Europe/London"),
        }
    }

    fn open(dir: &TempDir) -> Store {
        Store::open(
            &dir.path().join("p.db"),
            &DatabaseKey::from_bytes(&[7; 32]).unwrap(),
        )
        .unwrap()
    }

    fn try_add(&mut self, rule: &NewReminderRule) -> Result<ReminderRule> {
        let (now, zone) = (self.now, self.zone);
        self.store.write(|tx| add_rule(tx, rule, now, zone))
    }

    fn add(&mut self, kind: ActivityKind, times: &[&str], skip: bool) -> ReminderRule {
        self.try_add(&new(kind, times, skip)).unwrap()
    }

    /// The default plan (a week from now) at `now`.
    fn plan_at(&self, now: DateTime<Utc>) -> Vec<PlannedNotification> {
        plan_notifications(self.store.conn(), &PlanOptions::default(), now, self.zone).unwrap()
    }

    fn plan(&self) -> Vec<PlannedNotification> {
        self.plan_at(self.now)
    }

    /// Runs a write and returns the error's kind and field.
    fn fails<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> (ErrorKind, String) {
        let err = self.store.write(f).err().expect("expected an error");
        let field = match &err {
            Error::InvalidInput { field, .. } => field.clone(),
            _ => String::new(),
        };
        (err.kind(), field)
    }
}

fn new(kind: ActivityKind, times: &[&str], skip: bool) -> NewReminderRule {
    NewReminderRule {
        kind,
        times: times.iter().map(|t| (*t).into()).collect(),
        days: ReminderDays::Daily,
        skip_if_done: skip,
        quiet_hours: None,
        label: Some("morning".into()),
    }
}

fn invalid(field: &str) -> (ErrorKind, String) {
    (ErrorKind::InvalidInput, field.into())
}

#[test]
fn rules_round_trip_through_the_file_and_are_counted() {
    let mut p = Profile::new();
    let rule = p.add(ActivityKind::Meditation, &["20:00", "08:00"], true);
    assert!(
        rule.id.starts_with("rule_") && rule.id.len() == 21,
        "{}",
        rule.id
    );
    assert_eq!(rule.times, ["08:00", "20:00"]);
    assert_eq!(rule.label.as_deref(), Some("morning"));
    assert_eq!(rule.created_at, "2027-05-03T05:00:00Z");
    p.store = Profile::open(&p.dir);
    assert_eq!(
        list_rules(p.store.conn()).unwrap(),
        std::slice::from_ref(&rule)
    );
    assert_eq!(p.store.counts().unwrap()["reminder_rules"], 1);
    p.store.write(|tx| remove_rule(tx, &rule.id)).unwrap();
    assert!(list_rules(p.store.conn()).unwrap().is_empty());
    assert_eq!(
        p.fails(|tx| remove_rule(tx, &rule.id)).0,
        ErrorKind::NotFound
    );
}

#[test]
fn an_overlapping_duplicate_is_refused_and_nothing_is_stored() {
    let mut p = Profile::new();
    p.add(ActivityKind::Checkin, &["09:00"], false);
    let mut dup = new(ActivityKind::Checkin, &["09:00", "18:00"], false);
    dup.days = ReminderDays::Weekdays;
    let (now, zone) = (p.now, p.zone);
    assert_eq!(
        p.fails(|tx| add_rule(tx, &dup, now, zone)),
        invalid("times")
    );
    assert_eq!(list_rules(p.store.conn()).unwrap().len(), 1);
}

#[test]
fn a_paused_rule_is_silent_until_its_date_and_a_past_date_is_refused() {
    let mut p = Profile::new();
    let id = p.add(ActivityKind::Journal, &["21:00"], false).id;
    let (now, zone) = (p.now, p.zone);
    assert_eq!(
        p.fails(|tx| pause_rule(
            tx,
            &id,
            crate::time::LocalDay::parse("2027-05-02", "until").unwrap(),
            now,
            zone
        )),
        invalid("until")
    );
    let paused = p
        .store
        .write(|tx| {
            pause_rule(
                tx,
                &id,
                crate::time::LocalDay::parse("2027-05-06", "until").unwrap(),
                now,
                zone,
            )
        })
        .unwrap();
    assert_eq!(paused.paused_until, Some("2027-05-06".into()));
    let plan = p.plan();
    assert_eq!(
        plan[0].local_date, "2027-05-06",
        "the default window is a week from now"
    );
    assert_eq!(plan.len(), 4, "6, 7, 8 and 9 May");
    p.store.write(|tx| resume_rule(tx, &id)).unwrap();
    assert_eq!(p.plan().len(), 7);
    p.store
        .write(|tx| set_rule_enabled(tx, &id, false))
        .unwrap();
    assert!(p.plan().is_empty());
}

#[test]
fn bad_windows_and_limits_are_invalid_input() {
    let p = Profile::new();
    let ms = p.now.timestamp_millis();
    let cases = [
        (
            PlanOptions {
                until: Some(crate::time::Timestamp::from_unix_ms(ms, "t").unwrap()),
                ..Default::default()
            },
            "until",
        ),
        (
            PlanOptions {
                until: Some(
                    crate::time::Timestamp::from_unix_ms(ms + 400 * 86_400_000, "t").unwrap(),
                ),
                ..Default::default()
            },
            "until",
        ),
        (
            PlanOptions {
                limit: Some(0),
                ..Default::default()
            },
            "limit",
        ),
    ];
    for (opts, field) in cases {
        let err = plan_notifications(p.store.conn(), &opts, p.now, p.zone).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput);
        assert!(matches!(err, Error::InvalidInput { field: ref f, .. } if f == field));
    }
}

#[test]
fn reconcile_converges_and_follows_a_zone_change() {
    let mut p = Profile::new();
    p.add(ActivityKind::Meditation, &["08:00"], false);
    let opts = PlanOptions {
        platform: Platform::Ios,
        ..Default::default()
    };
    let mut sync = |pending: &[String], name: &str| {
        let (now, zone) = (p.now, zone(name));
        p.store
            .write(|tx| reconcile_pending(tx, pending, &opts, now, zone))
            .unwrap()
    };
    let first = sync(&["rem_stale".into()], "Europe/London");
    assert_eq!(first.add.len(), 7);
    assert_eq!(first.cancel, ["rem_stale"]);
    let pending: Vec<String> = first.add.iter().map(|n| n.id.clone()).collect();
    let second = sync(&pending, "Europe/London");
    assert!(second.add.is_empty() && second.cancel.is_empty());
    // The person flies to New York: same ids, new instants, so they are added again (replaced).
    let ny = sync(&pending, "America/New_York");
    assert!(ny.cancel.is_empty());
    assert_eq!(ny.add.len(), 7);
    assert!(ny.add.iter().all(|n| n.local().ends_with("08:00:00-04:00")));
    assert!(ny.add.iter().all(|n| pending.contains(&n.id)));
}

#[test]
fn snooze_is_a_one_shot_with_its_own_id_that_done_cancels() {
    let mut p = Profile::new();
    p.add(ActivityKind::Meditation, &["06:00", "20:00"], true);
    // The 06:00 notification has just fired (now is 06:00 London).
    let fired = p.plan()[0].clone();
    assert_eq!(fired.local(), "2027-05-03T06:00:00+01:00");
    let (later, zone) = (p.now + chrono::Duration::seconds(30), p.zone);
    let s = p
        .store
        .write(|tx| snooze(tx, &fired.id, 10, later, zone))
        .unwrap();
    assert_ne!(s.id, fired.id);
    assert!(s.snoozed);
    assert_eq!(s.fire_at, "2027-05-03T05:10:30Z");
    assert_eq!(s.local_date, "2027-05-03");
    assert_eq!(p.plan_at(later)[0].id, s.id);
    // Snoozing the snooze replaces it rather than stacking a second one.
    let s2 = p
        .store
        .write(|tx| snooze(tx, &s.id, 5, later, zone))
        .unwrap();
    let snoozes: Vec<_> = p
        .plan_at(later)
        .into_iter()
        .filter(|n| n.snoozed)
        .map(|n| n.id)
        .collect();
    assert_eq!(snoozes, std::slice::from_ref(&s2.id));
    // Done from the snoozed notification: the day's remaining meditation reminders go quiet.
    let done = p
        .store
        .write(|tx| mark_done(tx, &s2.id, later, zone))
        .unwrap();
    assert_eq!(
        (done.kind, done.local_date.to_string().as_str()),
        (ActivityKind::Meditation, "2027-05-03")
    );
    assert_eq!(done.notification_id.as_deref(), Some(fired.id.as_str()));
    let plan = p.plan_at(later);
    assert!(
        plan.iter()
            .all(|n| n.local_date != "2027-05-03" && !n.snoozed),
        "{plan:?}"
    );
}

#[test]
fn snooze_and_done_refuse_unknown_ids_bad_minutes_and_quiet_hours() {
    let mut p = Profile::new();
    let mut r = new(ActivityKind::Checkin, &["21:30"], false);
    r.quiet_hours = Some(QuietHours {
        start: "22:00".into(),
        end: "07:00".into(),
    });
    p.try_add(&r).unwrap();
    let id = p.plan()[0].id.clone();
    let (at, zone) = (utc("2027-05-03T20:30:00Z"), p.zone); // 21:30 London, when it fires
    for minutes in [0, 1441, 45] {
        assert_eq!(
            p.fails(|tx| snooze(tx, &id, minutes, at, zone)),
            invalid("minutes"),
            "{minutes}"
        );
    }
    assert!(p.store.write(|tx| snooze(tx, &id, 15, at, zone)).is_ok());
    for bad in ["rem_0000000000000000", "nonsense"] {
        assert_eq!(
            p.fails(|tx| snooze(tx, bad, 5, at, zone)).0,
            ErrorKind::NotFound
        );
        assert_eq!(
            p.fails(|tx| mark_done(tx, bad, at, zone)).0,
            ErrorKind::NotFound
        );
    }
}

#[test]
fn an_activity_done_in_the_app_silences_skip_if_done_reminders_for_that_day() {
    let mut p = Profile::new();
    p.add(ActivityKind::Checkin, &["09:00"], true);
    p.add(ActivityKind::Journal, &["09:00"], true);
    let (now, zone) = (p.now, p.zone);
    let done = p
        .store
        .write(|tx| record_activity(tx, ActivityKind::Checkin, now, zone))
        .unwrap();
    assert_eq!(done.local_date, "2027-05-03");
    let plan = p.plan();
    let today: Vec<_> = plan
        .iter()
        .filter(|n| n.local_date == "2027-05-03")
        .map(|n| n.kind)
        .collect();
    assert_eq!(today, [ActivityKind::Journal]);
    assert_eq!(plan.len(), 13);
}
