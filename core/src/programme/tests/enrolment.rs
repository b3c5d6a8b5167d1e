//! Specifications for enrolments, stored in a real encrypted database.

use crate::time::Tz;
use chrono::{DateTime, Duration, Utc};

use crate::Result;
use crate::error::Error;
use crate::programme::enrolment::{self, ProgrammeProgress, ProgrammeToday, StepCompletion};
use crate::programme::{Catalogue, ProgrammeState, StepStatus};
use crate::store::{DatabaseKey, Store};
use crate::time::{parse_instant, parse_zone};

/// A fresh profile, the real catalogue, and the zone the person is in (London by default).
struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    cat: Catalogue,
    zone: Tz,
}

impl Fixture {
    fn new() -> Self {
        let dir = tempfile::TempDir::new().unwrap();
        let key = DatabaseKey::from_bytes(&[7; 32]).unwrap();
        let store = Store::open(&dir.path().join("p.db"), &key).unwrap();
        let cat = Catalogue::load().unwrap();
        let zone = parse_zone("Europe/London").unwrap();
        Fixture {
            _dir: dir,
            store,
            cat,
            zone,
        }
    }

    fn start(&mut self, id: &str, at: &str) -> Result<ProgrammeProgress> {
        let (cat, zone) = (&self.cat, self.zone);
        self.store
            .write(|tx| enrolment::start(tx, cat, id, utc(at), zone))
    }

    fn complete(&mut self, step: &str, at: &str) -> Result<StepCompletion> {
        let (cat, zone) = (&self.cat, self.zone);
        self.store
            .write(|tx| enrolment::complete(tx, cat, step, utc(at), zone))
    }

    fn leave(&mut self, at: &str) -> Option<String> {
        self.store
            .write(|tx| enrolment::leave(tx, utc(at)))
            .unwrap()
    }

    fn resume(&mut self, at: &str) -> ProgrammeProgress {
        let (cat, zone) = (&self.cat, self.zone);
        self.store
            .write(|tx| enrolment::resume(tx, cat, utc(at), zone))
            .unwrap()
    }

    fn restart(&mut self, id: Option<&str>, at: &str) -> Result<ProgrammeProgress> {
        let (cat, zone) = (&self.cat, self.zone);
        self.store
            .write(|tx| enrolment::restart(tx, cat, id, utc(at), zone))
    }

    fn today(&self, now: &str) -> ProgrammeToday {
        enrolment::today(self.store.conn(), &self.cat, utc(now), self.zone).unwrap()
    }

    fn progress(&self, now: &str) -> Option<ProgrammeProgress> {
        enrolment::progress(self.store.conn(), &self.cat, utc(now), self.zone).unwrap()
    }

    fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT count(*) FROM {table}");
        self.store.conn().query_row(&sql, [], |r| r.get(0)).unwrap()
    }
}

fn utc(s: &str) -> DateTime<Utc> {
    parse_instant(s, "t").unwrap()
}

#[test]
fn enrolling_shows_day_one_available_and_completing_it_locks_day_two_until_midnight() {
    let mut f = Fixture::new();
    let p = f.start("meditation-7-day", "2027-06-01T07:00:00Z").unwrap();
    assert_eq!(p.state, ProgrammeState::Active);
    assert_eq!((p.completed_steps, p.total_steps), (0, 7));
    assert_eq!(p.enrolled_at.local_time(), "2027-06-01T08:00:00+01:00");

    let t = f.today("2027-06-01T07:30:00Z");
    assert_eq!(t.programme.as_deref(), Some("meditation-7-day"));
    let steps: Vec<(&str, StepStatus)> =
        t.steps.iter().map(|s| (s.id.as_str(), s.status)).collect();
    assert_eq!(steps, [("day-1", StepStatus::Available)]);

    let c = f.complete("day-1", "2027-06-01T08:00:00Z").unwrap();
    assert!(!c.already_completed);
    assert_eq!(c.completed.local_date, "2027-06-01");
    let next = c.next.unwrap();
    assert_eq!(
        (next.id.as_str(), next.status),
        ("day-2", StepStatus::Locked)
    );
    assert_eq!(
        next.unlocks_at.as_ref().map(|c| c.local_time()).as_deref(),
        Some("2027-06-02T00:00:00+01:00")
    );
}

#[test]
fn completing_a_locked_step_is_a_conflict_and_stores_nothing() {
    let mut f = Fixture::new();
    f.start("anxiety-reset", "2027-03-01T20:00:00Z").unwrap();
    f.complete("session-1", "2027-03-01T21:00:00Z").unwrap();
    let before = f.count("programme_completions");
    let err = f.complete("session-2", "2027-03-04T21:00:00Z").unwrap_err();
    assert!(
        matches!(err, Error::Conflict { ref reason } if reason.contains("2027-03-08T00:00:00+00:00")),
        "{err:?}"
    );
    assert_eq!(f.count("programme_completions"), before);
    // On the following Monday it goes through.
    f.complete("session-2", "2027-03-08T09:00:00Z").unwrap();
    assert_eq!(f.count("programme_completions"), before + 1);
}

#[test]
fn completing_twice_stores_one_completion_and_keeps_the_first_time() {
    let mut f = Fixture::new();
    f.start("meditation-7-day", "2027-06-01T07:00:00Z").unwrap();
    f.complete("day-1", "2027-06-01T08:00:00Z").unwrap();
    let again = f.complete("day-1", "2027-06-03T08:00:00Z").unwrap();
    assert!(again.already_completed);
    assert_eq!(again.completed.local_time(), "2027-06-01T09:00:00+01:00");
    assert_eq!(f.count("programme_completions"), 1);
}

#[test]
fn one_structured_programme_at_a_time_and_starting_it_again_changes_nothing() {
    let mut f = Fixture::new();
    f.start("stress-reset", "2027-06-01T07:00:00Z").unwrap();
    let err = f
        .start("anxiety-reset", "2027-06-01T08:00:00Z")
        .unwrap_err();
    assert!(matches!(err, Error::Conflict { ref reason } if reason.contains("stress-reset")));
    f.start("stress-reset", "2027-06-02T07:00:00Z").unwrap();
    assert_eq!(f.count("programme_enrolments"), 1);
    let unknown = f.start("nope", "2027-06-02T07:00:00Z").unwrap_err();
    assert!(matches!(unknown, Error::NotFound { .. }));
}

#[test]
fn leaving_keeps_progress_and_starting_again_picks_it_up() {
    let mut f = Fixture::new();
    f.start("meditation-7-day", "2027-06-01T07:00:00Z").unwrap();
    f.complete("day-1", "2027-06-01T08:00:00Z").unwrap();
    assert_eq!(
        f.leave("2027-06-02T08:00:00Z").as_deref(),
        Some("meditation-7-day")
    );
    assert_eq!(
        f.leave("2027-06-02T08:00:00Z"),
        None,
        "leaving twice is harmless"
    );
    assert_eq!(f.today("2027-06-02T09:00:00Z").programme, None);
    // Free to try something else meanwhile, then come back.
    f.start("stress-reset", "2027-06-03T08:00:00Z").unwrap();
    f.leave("2027-06-04T08:00:00Z");
    let back = f.start("meditation-7-day", "2027-06-20T08:00:00Z").unwrap();
    assert_eq!(back.completed_steps, 1);
    assert_eq!(back.next_step.as_deref(), Some("day-2"));
    assert_eq!(
        back.state,
        ProgrammeState::Active,
        "coming back restarts the rhythm, not the progress"
    );
}

#[test]
fn a_lapse_pauses_and_resume_clears_it_with_nothing_lost() {
    let mut f = Fixture::new();
    f.start("meditation-7-day", "2027-06-01T07:00:00Z").unwrap();
    f.complete("day-1", "2027-06-01T08:00:00Z").unwrap();
    let p = f.progress("2027-06-10T08:00:00Z").unwrap();
    assert_eq!((p.state, p.completed_steps), (ProgrammeState::Paused, 1));
    let resumed = f.resume("2027-06-10T08:00:00Z");
    assert_eq!(
        (resumed.state, resumed.completed_steps),
        (ProgrammeState::Active, 1)
    );
}

#[test]
fn restart_begins_again_and_keeps_the_earlier_run_as_history() {
    let mut f = Fixture::new();
    f.start("meditation-7-day", "2027-06-01T07:00:00Z").unwrap();
    f.complete("day-1", "2027-06-01T08:00:00Z").unwrap();
    let again = f.restart(None, "2027-06-05T08:00:00Z").unwrap();
    assert_eq!(again.completed_steps, 0);
    assert_eq!(f.count("programme_enrolments"), 2);
    assert_eq!(f.count("programme_completions"), 1);
    let other = f
        .restart(Some("anxiety-reset"), "2027-06-05T09:00:00Z")
        .unwrap_err();
    assert!(matches!(other, Error::Conflict { .. }));
}

#[test]
fn finishing_every_step_frees_the_slot_and_today_still_shows_the_finished_programme() {
    let mut f = Fixture::new();
    f.start("meditation-7-day", "2027-06-01T07:00:00Z").unwrap();
    for day in 1..=7 {
        let c = f
            .complete(
                &format!("day-{day}"),
                &format!("2027-06-{day:02}T08:00:00Z"),
            )
            .unwrap();
        assert_eq!(c.state == ProgrammeState::Finished, day == 7);
    }
    let t = f.today("2027-06-07T20:00:00Z");
    assert_eq!(t.state, Some(ProgrammeState::Finished));
    assert_eq!(
        t.steps.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        ["day-7"]
    );
    f.start("stress-reset", "2027-06-08T08:00:00Z").unwrap();
}

#[test]
fn a_step_completed_abroad_unlocks_by_the_zone_it_was_completed_in() {
    let mut f = Fixture::new();
    f.zone = parse_zone("Asia/Tokyo").unwrap();
    f.start("meditation-7-day", "2027-05-10T00:00:00Z").unwrap();
    f.complete("day-1", "2027-05-10T20:00:00Z").unwrap();
    // Back in London the next morning (08:00Z on the 11th): still locked until Tokyo's
    // midnight at 15:00Z, because that is where the day was completed.
    f.zone = parse_zone("Europe/London").unwrap();
    let t = f.today("2027-05-11T08:00:00Z");
    let day2 = t.steps.iter().find(|s| s.id == "day-2").unwrap();
    assert_eq!(
        day2.unlocks_at.as_ref().map(|c| c.local_time()).as_deref(),
        Some("2027-05-12T00:00:00+09:00")
    );
}

#[test]
fn progress_survives_closing_and_reopening_the_encrypted_file() {
    let mut f = Fixture::new();
    f.start("anxiety-reset", "2027-03-01T20:00:00Z").unwrap();
    f.complete("session-1", "2027-03-01T21:00:00Z").unwrap();
    let path = f.store.path().to_path_buf();
    let Fixture {
        _dir,
        store,
        cat,
        zone,
    } = f;
    drop(store);
    let key = DatabaseKey::from_bytes(&[7; 32]).unwrap();
    let store = Store::open(&path, &key).unwrap();
    let f = Fixture {
        _dir,
        store,
        cat,
        zone,
    };
    let p = f.progress("2027-03-02T09:00:00Z").unwrap();
    assert_eq!(
        (p.programme.as_str(), p.completed_steps),
        ("anxiety-reset", 1)
    );
    let next = &p.steps[1];
    assert_eq!(
        next.unlocks_at.as_ref().map(|c| c.local_time()).as_deref(),
        Some("2027-03-08T00:00:00+00:00")
    );
}

#[derive(serde::Deserialize)]
struct Vectors {
    cases: Vec<Vector>,
}

#[derive(serde::Deserialize)]
struct Vector {
    name: String,
    zone: String,
    programme: String,
    completed: String,
    completed_at: String,
    next: String,
    unlocks_at: String,
}

/// The golden unlock vectors shared with the Swift and Kotlin tests.
#[test]
fn the_shared_unlock_vectors_hold_through_the_store() {
    let json = include_str!("../../../../tests/fixtures/programmes/unlock_vectors.json");
    let vectors: Vectors = serde_json::from_str(json).unwrap();
    assert!(vectors.cases.len() >= 6);
    for v in vectors.cases {
        let mut f = Fixture::new();
        f.zone = parse_zone(&v.zone).unwrap();
        let at = utc(&v.completed_at);
        let later = crate::time::format_utc(at + Duration::minutes(1));
        f.start(
            &v.programme,
            &crate::time::format_utc(at - Duration::hours(1)),
        )
        .unwrap();
        f.complete(&v.completed, &v.completed_at).unwrap();
        let p = f.progress(&later).unwrap();
        let next = p.steps.iter().find(|s| s.id == v.next).unwrap();
        assert_eq!(next.status, StepStatus::Locked, "{}", v.name);
        assert_eq!(
            next.unlocks_at.as_ref().map(|c| c.local_time()).as_deref(),
            Some(v.unlocks_at.as_str()),
            "{}",
            v.name
        );
        let err = f.complete(&v.next, &later).unwrap_err();
        assert!(
            matches!(err, Error::Conflict { ref reason } if reason.contains(&v.unlocks_at)),
            "{}",
            v.name
        );
        f.complete(&v.next, &v.unlocks_at).unwrap();
    }
}
