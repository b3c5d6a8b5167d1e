//! Specifications for practice sessions and the summary, in a real encrypted database.

use crate::time::Tz;
use chrono::{DateTime, Days, NaiveDate, Utc};

use super::session::list;
use super::summary::{DayTotal, streak, summarise, summary};
use super::*;
use crate::error::Error;
use crate::preferences;
use crate::programme::log_practice as log;
use crate::programme::{Catalogue, enrolment};
use crate::store::{DatabaseKey, Store};
use crate::time::{parse_date, parse_instant, parse_zone};

fn utc(s: &str) -> DateTime<Utc> {
    parse_instant(s, "t").unwrap()
}

fn d(s: &str) -> NaiveDate {
    parse_date(s, "d").unwrap()
}

fn open() -> (tempfile::TempDir, Store, Catalogue, Tz) {
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::open(
        &dir.path().join("p.db"),
        &DatabaseKey::from_bytes(&[3; 32]).unwrap(),
    )
    .unwrap();
    (
        dir,
        store,
        Catalogue::load().unwrap(),
        parse_zone("Europe/London").unwrap(),
    )
}

fn input(technique: PracticeTechnique, minutes: u32) -> PracticeSessionInput {
    PracticeSessionInput {
        technique,
        actual_minutes: minutes,
        planned_minutes: None,
        completed: true,
        started_at: None,
        step_id: None,
    }
}

#[test]
fn a_session_logged_without_a_start_ended_just_now_and_carries_health_store_fields() {
    let (_dir, mut store, cat, london) = open();
    let s = store
        .write(|tx| {
            log(
                tx,
                &cat,
                &input(PracticeTechnique::BodyScan, 10),
                utc("2027-06-01T08:10:00Z"),
                london,
            )
        })
        .unwrap();
    assert_eq!(s.technique, PracticeTechnique::BodyScan);
    assert_eq!(s.started.local_time(), "2027-06-01T09:00:00+01:00");
    assert_eq!(s.ended_local(), "2027-06-01T09:10:00+01:00");
    assert_eq!(s.ended_at.unix_ms() - s.started.at.unix_ms(), 600_000);
    assert_eq!(
        (s.start_utc_offset_seconds, s.end_utc_offset_seconds),
        (3600, 3600)
    );
    assert_eq!(s.started.local_date, "2027-06-01");
    assert_eq!(s.health_connect_type, "MINDFULNESS_SESSION_TYPE_MEDITATION");
    assert_eq!(s.external_id, format!("reset-practice-{}", s.id));
    assert!(s.id.starts_with("ps_") && s.id.len() == 27, "{}", s.id);
    assert_eq!(s.legacy_id, 1);
    assert_eq!(
        crate::practice::session::find(store.conn(), &s.id).unwrap(),
        s
    );
    assert_eq!(
        crate::practice::session::find(store.conn(), "1").unwrap(),
        s
    );
    let stored: String = store
        .conn()
        .query_row("SELECT technique FROM practice_sessions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        stored, "body_scan",
        "stored by name, never a platform integer"
    );
}

/// Review F3: a new profile (after an erase, or another phone) numbers its rows from 1 again;
/// the health-store id must still differ, or HealthKit / Health Connect would overwrite one
/// person's earlier session with a new one.
#[test]
fn the_first_session_of_two_profiles_has_two_different_health_store_ids() {
    let ids: Vec<(i64, String)> = (0..2)
        .map(|_| {
            let (_dir, mut store, cat, london) = open();
            let i = input(PracticeTechnique::Breathing, 5);
            let s = store
                .write(|tx| log(tx, &cat, &i, utc("2027-06-01T08:10:00Z"), london))
                .unwrap();
            (s.legacy_id, s.external_id)
        })
        .collect();
    assert_eq!((ids[0].0, ids[1].0), (1, 1), "both profiles start at row 1");
    assert_ne!(ids[0].1, ids[1].1);
}

#[test]
fn a_session_across_the_clock_change_reports_each_end_in_its_own_offset() {
    let (_dir, mut store, cat, london) = open();
    // 28 March 2027: clocks go forward at 01:00Z. An hour from 00:30 GMT ends at 02:30 BST.
    let mut i = input(PracticeTechnique::Meditation, 60);
    i.started_at = Some(utc("2027-03-28T00:30:00Z").into());
    let s = store
        .write(|tx| log(tx, &cat, &i, utc("2027-03-28T09:00:00Z"), london))
        .unwrap();
    assert_eq!(
        (s.start_utc_offset_seconds, s.end_utc_offset_seconds),
        (0, 3600)
    );
    assert_eq!(s.ended_local(), "2027-03-28T02:30:00+01:00");
}

#[test]
fn minutes_out_of_range_are_invalid_input_naming_the_field_and_nothing_is_stored() {
    let (_dir, mut store, cat, london) = open();
    let now = utc("2027-06-01T08:00:00Z");
    let err = store
        .write(|tx| {
            log(
                tx,
                &cat,
                &input(PracticeTechnique::Breathing, 0),
                now,
                london,
            )
        })
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "minutes"));
    let mut i = input(PracticeTechnique::Breathing, 5);
    i.planned_minutes = Some(721);
    let err = store
        .write(|tx| log(tx, &cat, &i, now, london))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "planned"));
    assert!(list(store.conn(), None, None).unwrap().is_empty());
}

#[test]
fn a_session_can_belong_to_a_step_of_the_active_programme_only() {
    let (_dir, mut store, cat, london) = open();
    let now = utc("2027-06-01T08:00:00Z");
    let mut i = input(PracticeTechnique::Meditation, 5);
    i.step_id = Some("day-1".into());
    let none = store
        .write(|tx| log(tx, &cat, &i, now, london))
        .unwrap_err();
    assert!(matches!(none, Error::Conflict { .. }));
    store
        .write(|tx| enrolment::start(tx, &cat, "meditation-7-day", now, london))
        .unwrap();
    let s = store.write(|tx| log(tx, &cat, &i, now, london)).unwrap();
    assert_eq!(
        (s.programme_id.as_deref(), s.step_id.as_deref()),
        (Some("meditation-7-day"), Some("day-1"))
    );
    i.step_id = Some("session-1".into());
    let wrong = store
        .write(|tx| log(tx, &cat, &i, now, london))
        .unwrap_err();
    assert!(matches!(wrong, Error::NotFound { .. }));
}

#[test]
fn the_summary_counts_minutes_per_day_and_week_and_days_practised_this_week() {
    let (_dir, mut store, cat, london) = open();
    // Monday 7 June 2027 is the start of "this week"; today is Wednesday 9 June.
    for (start, minutes, completed) in [
        ("2027-06-02T07:00:00Z", 10, true), // Wednesday last week
        ("2027-06-07T07:00:00Z", 5, true),  // Monday
        ("2027-06-07T19:00:00Z", 3, false), // Monday again, interrupted: still practice
        ("2027-06-09T06:00:00Z", 12, true), // Wednesday (today)
    ] {
        let mut i = input(PracticeTechnique::Meditation, minutes);
        i.completed = completed;
        i.started_at = Some(utc(start).into());
        store
            .write(|tx| log(tx, &cat, &i, utc(start), london))
            .unwrap();
    }
    let s = summary(store.conn(), Some(d("2027-06-01")), None, d("2027-06-09")).unwrap();
    assert_eq!(
        (s.from.to_string().as_str(), s.to.to_string().as_str()),
        ("2027-06-01", "2027-06-09")
    );
    assert_eq!(s.minutes_per_day.len(), 9);
    let monday = s
        .minutes_per_day
        .iter()
        .find(|p| p.date == "2027-06-07")
        .unwrap();
    assert_eq!((monday.minutes, monday.sessions), (8, 2));
    assert_eq!(
        s.minutes_per_day
            .iter()
            .find(|p| p.date == "2027-06-08")
            .unwrap()
            .minutes,
        0
    );
    let weeks: Vec<(String, u32, u32)> = s
        .minutes_per_week
        .iter()
        .map(|w| (w.week_start.to_string(), w.minutes, w.days_practised))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2027-05-31".to_string(), 10, 1),
            ("2027-06-07".to_string(), 20, 2)
        ]
    );
    assert_eq!((s.total_minutes, s.sessions), (30, 4));
    assert_eq!(s.this_week_start, "2027-06-07");
    assert_eq!((s.days_practised_this_week, s.minutes_this_week), (2, 20));
    assert_eq!(s.streak, Some(1));
    assert!(s.habit_strength > 0.0 && s.habit_strength < 0.5);
}

#[test]
fn the_streak_can_be_hidden_with_a_preference() {
    let (_dir, mut store, cat, london) = open();
    store
        .write(|tx| {
            log(
                tx,
                &cat,
                &input(PracticeTechnique::Other, 5),
                utc("2027-06-09T08:00:00Z"),
                london,
            )
        })
        .unwrap();
    store
        .write(|tx| preferences::set(tx, HIDE_STREAK_PREFERENCE, "true"))
        .unwrap();
    let s = summary(store.conn(), None, None, d("2027-06-09")).unwrap();
    assert_eq!((s.streak, s.streak_hidden), (None, true));
    assert_eq!(s.days_practised_this_week, 1, "the kind measures stay");
}

#[test]
fn a_streak_is_not_broken_until_the_day_is_over() {
    let days: Vec<NaiveDate> = (0..5).map(|i| d("2027-06-01") + Days::new(i)).collect();
    assert_eq!(streak(&days, d("2027-06-05")), 5);
    assert_eq!(streak(&days, d("2027-06-06")), 5, "today not practised yet");
    assert_eq!(streak(&days, d("2027-06-07")), 0);
}

#[test]
fn ranges_are_checked() {
    let one_day = [DayTotal {
        date: d("2027-01-01"),
        minutes: 4,
        sessions: 1,
    }];
    let s = summarise(
        &one_day,
        d("2027-01-01"),
        d("2027-01-01"),
        d("2027-01-01"),
        false,
    );
    assert_eq!(
        (s.minutes_per_day.len(), s.total_minutes, s.streak),
        (1, 4, Some(1))
    );
    let (_dir, store, _, _) = open();
    let backwards = summary(
        store.conn(),
        Some(d("2027-02-01")),
        Some(d("2027-01-01")),
        d("2027-02-01"),
    );
    assert!(matches!(backwards, Err(Error::InvalidInput { ref field, .. }) if field == "from"));
    let huge = summary(
        store.conn(),
        Some(d("2000-01-01")),
        Some(d("2027-01-01")),
        d("2027-02-01"),
    );
    assert!(matches!(huge, Err(Error::InvalidInput { ref field, .. }) if field == "to"));
    let ten_years = summary(
        store.conn(),
        Some(d("2017-01-01")),
        Some(d("2027-01-01")),
        d("2027-01-01"),
    );
    assert_eq!(ten_years.unwrap().minutes_per_day.len(), 3653);
}
