//! Specifications for the pure unlock and pacing rules, over the real packs.

use crate::time::Tz;
use chrono::{DateTime, Duration, NaiveTime, Utc};
use proptest::prelude::*;

use crate::error::Error;
use crate::programme::progress::*;
use crate::programme::{Catalogue, Programme};
use crate::time::{format_local, format_utc, local_date, parse_instant, parse_zone};

fn programme(id: &str) -> Programme {
    Catalogue::load().unwrap().get(id).unwrap().clone()
}

fn utc(s: &str) -> DateTime<Utc> {
    parse_instant(s, "t").unwrap()
}

fn zone(name: &str) -> Tz {
    parse_zone(name).unwrap()
}

fn done(step: &str, at: &str, z: &str) -> Completion {
    Completion::new(step, utc(at), zone(z))
}

fn unlocks_at(p: &Programme, step: &str, completions: &[Completion], now: &str) -> Option<String> {
    step_progress(p.step(step).unwrap(), completions, utc(now))
        .unlocks_at
        .map(|c| c.local_time())
}

#[test]
fn a_meditation_day_opens_at_the_local_midnight_after_the_previous_one() {
    let p = programme("meditation-7-day");
    let d = [done("day-1", "2027-06-01T18:00:00Z", "Europe/London")];
    assert_eq!(
        unlocks_at(&p, "day-2", &d, "2027-06-01T18:00:01Z").as_deref(),
        Some("2027-06-02T00:00:00+01:00")
    );
    let day2 = p.step("day-2").unwrap();
    assert_eq!(
        status_at(day2, &d, utc("2027-06-01T22:59:59Z")),
        StepStatus::Locked
    );
    assert_eq!(
        status_at(day2, &d, utc("2027-06-01T23:00:00Z")),
        StepStatus::Available
    );
}

#[test]
fn completing_just_before_local_midnight_still_opens_the_next_day_at_that_midnight() {
    let p = programme("meditation-7-day");
    // 23:30 BST on 1 June is 22:30Z: the next day opens thirty minutes later.
    let d = [done("day-1", "2027-06-01T22:30:00Z", "Europe/London")];
    assert_eq!(
        unlocks_at(&p, "day-2", &d, "2027-06-01T22:45:00Z").as_deref(),
        Some("2027-06-02T00:00:00+01:00")
    );
}

#[test]
fn the_unlock_uses_the_zone_the_person_was_in_when_they_completed() {
    let p = programme("meditation-7-day");
    // Completed at 05:00 on 11 May in Tokyo; they fly to London afterwards.
    let d = [done("day-1", "2027-05-10T20:00:00Z", "Asia/Tokyo")];
    let day2 = p.step("day-2").unwrap();
    match gate(day2, &d) {
        Gate::OpensAt { at, .. } => assert_eq!(format_utc(at), "2027-05-11T15:00:00Z"),
        other => panic!("{other:?}"),
    }
    assert_eq!(
        unlocks_at(&p, "day-2", &d, "2027-05-11T08:00:00Z").as_deref(),
        Some("2027-05-12T00:00:00+09:00")
    );
}

#[test]
fn a_midnight_lost_to_a_spring_forward_gap_opens_when_the_clocks_have_jumped() {
    let p = programme("meditation-7-day");
    // Havana springs forward at 00:00 on Sunday 14 March 2027 (00:00 → 01:00). RFC 5545
    // reads the missing midnight with the offset before the gap (−05:00): 05:00Z, which is
    // 01:00 local daylight time.
    let d = [done("day-1", "2027-03-13T20:00:00Z", "America/Havana")];
    let day2 = p.step("day-2").unwrap();
    let Gate::OpensAt { at, .. } = gate(day2, &d) else {
        panic!("expected a time")
    };
    assert_eq!(format_utc(at), "2027-03-14T05:00:00Z");
    assert_eq!(
        format_local(at, zone("America/Havana")),
        "2027-03-14T01:00:00-04:00"
    );
}

#[test]
fn an_anxiety_session_finished_on_a_monday_opens_the_next_on_the_following_monday() {
    let p = programme("anxiety-reset");
    // Monday 1 March 2027, 21:00 in London.
    let d = [done("session-1", "2027-03-01T21:00:00Z", "Europe/London")];
    assert_eq!(
        unlocks_at(&p, "session-2", &d, "2027-03-02T09:00:00Z").as_deref(),
        Some("2027-03-08T00:00:00+00:00")
    );
    let s2 = p.step("session-2").unwrap();
    let monday = utc("2027-03-08T00:00:00Z");
    assert_eq!(
        status_at(s2, &d, monday - Duration::seconds(1)),
        StepStatus::Locked
    );
    assert_eq!(status_at(s2, &d, monday), StepStatus::Available);
    let view = step_progress(s2, &d, utc("2027-03-02T09:00:00Z"));
    assert!(
        view.wait_note
            .unwrap()
            .contains("That week is for practice")
    );
}

#[test]
fn a_weekly_session_across_the_clock_change_opens_at_local_not_utc_midnight() {
    let p = programme("anxiety-reset");
    // Monday 22 March (GMT) → Monday 29 March, by then on BST.
    let d = [done("session-1", "2027-03-22T10:00:00Z", "Europe/London")];
    assert_eq!(
        unlocks_at(&p, "session-2", &d, "2027-03-23T10:00:00Z").as_deref(),
        Some("2027-03-29T00:00:00+01:00")
    );
}

#[test]
fn completing_a_locked_step_is_a_conflict_naming_the_unlock_time() {
    let p = programme("anxiety-reset");
    let d = [done("session-1", "2027-03-01T21:00:00Z", "Europe/London")];
    let err = admit(&p, &d, "session-2", utc("2027-03-05T12:00:00Z")).unwrap_err();
    match err {
        Error::Conflict { reason } => {
            assert!(reason.contains("2027-03-08T00:00:00+00:00"), "{reason}");
            assert!(reason.contains("nothing was saved"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let err = admit(&p, &d, "session-3", utc("2027-03-05T12:00:00Z")).unwrap_err();
    assert!(matches!(err, Error::Conflict { ref reason } if reason.contains("session-2")));
}

#[test]
fn completing_twice_is_idempotent_and_unknown_steps_are_not_found() {
    let p = programme("meditation-7-day");
    let d = [done("day-1", "2027-06-01T18:00:00Z", "Europe/London")];
    assert_eq!(
        admit(&p, &d, "day-1", utc("2027-06-05T18:00:00Z")).unwrap(),
        Admission::AlreadyDone(d[0].clone())
    );
    assert_eq!(
        admit(&p, &[], "day-1", utc("2027-06-01T18:00:00Z")).unwrap(),
        Admission::Allowed
    );
    assert!(matches!(
        admit(&p, &d, "day-9", utc("2027-06-05T18:00:00Z")),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn today_shows_what_was_done_today_and_what_comes_next() {
    let p = programme("meditation-7-day");
    let london = zone("Europe/London");
    let d = [done("day-1", "2027-06-01T08:00:00Z", "Europe/London")];
    let same_day: Vec<(String, StepStatus)> = today(&p, &d, utc("2027-06-01T20:00:00Z"), london)
        .into_iter()
        .map(|s| (s.id, s.status))
        .collect();
    assert_eq!(
        same_day,
        [
            ("day-1".into(), StepStatus::Done),
            ("day-2".into(), StepStatus::Locked)
        ]
    );
    let next_day: Vec<(String, StepStatus)> = today(&p, &d, utc("2027-06-02T07:00:00Z"), london)
        .into_iter()
        .map(|s| (s.id, s.status))
        .collect();
    assert_eq!(next_day, [("day-2".into(), StepStatus::Available)]);
}

#[test]
fn a_missed_day_pauses_and_resuming_or_completing_clears_it_without_losing_anything() {
    let p = programme("meditation-7-day");
    let london = zone("Europe/London");
    let enrolled = utc("2027-06-01T07:00:00Z");
    let d = vec![done("day-1", "2027-06-01T08:00:00Z", "Europe/London")];
    // Day 2 opens at midnight on 2 June; 2 June passes without it.
    let on_2nd = utc("2027-06-02T20:00:00Z");
    let on_3rd = utc("2027-06-03T09:00:00Z");
    assert_eq!(
        state(&p, &d, enrolled, None, on_2nd, london),
        ProgrammeState::Active
    );
    assert_eq!(
        state(&p, &d, enrolled, None, on_3rd, london),
        ProgrammeState::Paused
    );
    // Resuming on the 3rd clears the pause; progress is untouched.
    assert_eq!(
        state(&p, &d, enrolled, Some(on_3rd), on_3rd, london),
        ProgrammeState::Active
    );
    assert_eq!(
        status_at(p.step("day-1").unwrap(), &d, on_3rd),
        StepStatus::Done
    );
    // So does simply carrying on, a month later.
    let mut later = d.clone();
    later.push(done("day-2", "2027-07-03T09:00:00Z", "Europe/London"));
    assert_eq!(
        state(
            &p,
            &later,
            enrolled,
            None,
            utc("2027-07-03T10:00:00Z"),
            london
        ),
        ProgrammeState::Active
    );
}

#[test]
fn a_weekly_programme_pauses_only_after_a_missed_week() {
    let p = programme("anxiety-reset");
    let london = zone("Europe/London");
    let d = [done("session-1", "2027-03-01T21:00:00Z", "Europe/London")];
    let enrolled = utc("2027-03-01T20:00:00Z");
    // Session 2 opens Monday 8 March.
    assert_eq!(
        state(&p, &d, enrolled, None, utc("2027-03-14T12:00:00Z"), london),
        ProgrammeState::Active
    );
    assert_eq!(
        state(&p, &d, enrolled, None, utc("2027-03-15T12:00:00Z"), london),
        ProgrammeState::Paused
    );
}

#[test]
fn a_programme_with_every_step_done_is_finished() {
    let p = programme("meditation-7-day");
    let london = zone("Europe/London");
    let start = utc("2027-06-01T08:00:00Z");
    let d: Vec<Completion> = p
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| Completion::new(&s.id, start + Duration::days(i as i64), london))
        .collect();
    assert_eq!(
        state(&p, &d, start, None, start + Duration::days(30), london),
        ProgrammeState::Finished
    );
}

const ZONES: &[&str] = &[
    "Europe/London",
    "America/New_York",
    "America/Havana",
    "America/Santiago",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
];

proptest! {
    /// For any completion instant in any zone, the next day opens at the first instant of
    /// the following local day in that zone: after the completion, on the next local date,
    /// at local midnight (or, if midnight is skipped, at the wall time the gap jumps to).
    #[test]
    fn the_next_day_opens_at_the_start_of_the_next_local_day(
        secs in 1_700_000_000i64..2_100_000_000,
        z in 0usize..ZONES.len(),
        gap in 1u32..9,
    ) {
        let tz = zone(ZONES[z]);
        let at = DateTime::from_timestamp(secs, 0).unwrap();
        let c = Completion::new("a", at, tz);
        let opens = opens_after(&c, gap);
        prop_assert!(opens > at);
        let local = opens.with_timezone(&tz);
        prop_assert_eq!(local.date_naive(), c.local_date + chrono::Days::new(u64::from(gap)));
        prop_assert!(local.time() < NaiveTime::from_hms_opt(2, 0, 0).unwrap());
        // Nothing earlier on that local date exists: one second before is the previous day.
        prop_assert!(local_date(opens - Duration::seconds(1), tz) < local.date_naive());
    }

    /// Completing steps in order, whenever the person likes after each opens, never turns an
    /// earlier step back from done, and every step opens no earlier than its prerequisite.
    #[test]
    fn progress_only_moves_forward(
        waits in proptest::collection::vec(0i64..(40 * 86_400), 7),
        z in 0usize..ZONES.len(),
    ) {
        let p = programme("meditation-7-day");
        let tz = zone(ZONES[z]);
        let mut now = utc("2027-01-01T12:00:00Z");
        let mut d: Vec<Completion> = Vec::new();
        for (i, step) in p.steps.iter().enumerate() {
            if let Gate::OpensAt { at, .. } = gate(step, &d) {
                prop_assert!(at > d.last().unwrap().at);
                now = now.max(at);
            }
            now += Duration::seconds(waits[i]);
            prop_assert_eq!(admit(&p, &d, &step.id, now).unwrap(), Admission::Allowed);
            d.push(Completion::new(&step.id, now, tz));
            for earlier in &p.steps[..=i] {
                prop_assert_eq!(status_at(earlier, &d, now), StepStatus::Done);
            }
        }
        prop_assert_eq!(state(&p, &d, now, None, now, tz), ProgrammeState::Finished);
    }
}
