//! Storage tests on real encrypted SQLite files: history, safety events, episodes, due dates.

use crate::time::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use tempfile::TempDir;

use super::*;
use crate::error::Error;
use crate::store::{DatabaseKey, Store};
use crate::time::{parse_date, parse_instant};

struct Profile {
    _dir: TempDir,
    store: Store,
}

fn profile() -> Profile {
    let dir = TempDir::new().unwrap();
    let store = Store::open(
        &dir.path().join("p.db"),
        &DatabaseKey::from_bytes(&[4; 32]).unwrap(),
    )
    .unwrap();
    Profile { _dir: dir, store }
}

fn utc(s: &str) -> DateTime<Utc> {
    parse_instant(s, "t").unwrap()
}

fn day(s: &str) -> NaiveDate {
    parse_date(s, "d").unwrap()
}

const LONDON: Tz = Tz::known("Europe/London");
const NOW: &str = "2027-06-30T23:30:00Z";

impl Profile {
    fn take_at(&mut self, id: &str, answers: &str, at: &str) -> crate::Result<TakenAssessment> {
        let answers = parse_answers(answers)?;
        let when = TakenAt {
            at: utc(at),
            now: utc(NOW),
            zone: LONDON,
        };
        self.store.write(|tx| {
            let region = region_for(tx, None, LONDON)?;
            take(tx, id, &answers, region, when)
        })
    }

    fn count(&self, table: &str) -> u64 {
        self.store.counts().unwrap()[table]
    }
}

#[test]
fn a_stored_assessment_keeps_answers_instant_zone_and_local_date() {
    let mut p = profile();
    // 23:30 UTC on 30 June is 00:30 on 1 July in London: the local date is 1 July.
    let taken = p
        .take_at("wsas", "na,2,2,2,2", "2027-06-30T23:30:00Z")
        .unwrap();
    assert_eq!(
        (taken.result.total, taken.result.severity.as_str()),
        (10, "significant")
    );
    let history = history(p.store.conn(), None).unwrap();
    assert_eq!(history, std::slice::from_ref(&taken.record));
    let r = &history[0];
    assert_eq!(format_answers(&r.answers), "na,2,2,2,2");
    assert_eq!(
        r.taken.at.unix_ms(),
        utc("2027-06-30T23:30:00Z").timestamp_millis()
    );
    assert_eq!(r.taken.local_time(), "2027-07-01T00:30:00+01:00");
    assert_eq!(
        (
            r.taken.time_zone.as_str(),
            r.taken.local_date.to_string().as_str()
        ),
        ("Europe/London", "2027-07-01")
    );
    assert!(r.prorated && r.signpost.is_none());
    assert_eq!(p.count("assessments"), 1);
}

#[test]
fn answers_that_do_not_score_store_nothing() {
    let mut p = profile();
    let err = p.take_at("phq9", "0,0,0,0,0,0,0,0,na", NOW).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "answers[8]"));
    let err = p
        .take_at("gad7", "0,0,0,0,0,0,0", "2027-07-01T00:00:00Z")
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "taken_at"));
    assert_eq!((p.count("assessments"), p.count("safety_events")), (0, 0));
}

#[test]
fn a_signposted_result_records_a_safety_event_without_the_answers() {
    let mut p = profile();
    p.take_at("gad7", "3,3,3,3,3,3,3", "2027-06-01T09:00:00Z")
        .unwrap();
    let taken = p
        .take_at("phq9", "0,0,0,0,0,0,0,0,decline", "2027-06-02T09:00:00Z")
        .unwrap();
    let signpost = taken.result.signpost.as_ref().unwrap();
    assert_eq!(
        (signpost.reason, signpost.region.as_str()),
        (SignpostReason::SelfHarmThoughts, "GB")
    );
    assert_eq!(
        taken.record.signpost,
        Some(SignpostReason::SelfHarmThoughts)
    );
    let events = safety_events(p.store.conn()).unwrap();
    assert_eq!(events.len(), 1, "GAD-7 never signposts, even at 21");
    let e = &events[0];
    assert_eq!(
        (
            e.instrument.as_str(),
            e.reason,
            e.region.as_str(),
            e.assessment_id.clone()
        ),
        (
            "phq9",
            // A decline reads back as its own reason (therapist read-through, finding 5).
            SignpostReason::Item9Declined,
            "GB",
            Some(taken.record.id.clone())
        )
    );
    assert_eq!(
        (
            e.occurred.local_time().as_str(),
            e.occurred.local_date.to_string().as_str()
        ),
        ("2027-06-02T10:00:00+01:00", "2027-06-02")
    );
    let columns: Vec<String> = p
        .store
        .conn()
        .prepare("SELECT name FROM pragma_table_info('safety_events')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(!columns.iter().any(|c| c.contains("answer")), "{columns:?}");
}

#[test]
fn the_region_preference_chooses_the_signpost_resources() {
    let mut p = profile();
    p.store
        .write(|tx| crate::preferences::set(tx, REGION_PREFERENCE, "US"))
        .unwrap();
    let taken = p.take_at("phq9", "3,3,3,3,3,3,2,0,0", NOW).unwrap();
    let signpost = taken.result.signpost.unwrap();
    assert_eq!(
        (signpost.reason, signpost.region.as_str()),
        (SignpostReason::SevereTotal, "US")
    );
    assert_eq!(signpost.resources[0].phone.as_deref(), Some("988"));
}

#[test]
fn history_is_oldest_first_and_filters_by_instrument() {
    let mut p = profile();
    p.take_at("gad7", "1,1,1,1,1,1,1", "2027-06-15T09:00:00Z")
        .unwrap();
    p.take_at("phq9", "1,1,1,1,1,1,1,1,0", "2027-06-01T09:00:00Z")
        .unwrap();
    p.take_at("gad7", "0,0,0,0,0,0,0", "2027-06-01T09:00:00Z")
        .unwrap();
    let all: Vec<(String, u32)> = history(p.store.conn(), None)
        .unwrap()
        .into_iter()
        .map(|r| (r.instrument, r.total))
        .collect();
    assert_eq!(
        all,
        [("phq9".into(), 8), ("gad7".into(), 0), ("gad7".into(), 7)]
    );
    assert_eq!(history(p.store.conn(), Some("gad7")).unwrap().len(), 2);
    assert!(matches!(
        history(p.store.conn(), Some("bdi")),
        Err(Error::InvalidInput { ref field, .. }) if field == "instrument"
    ));
}

#[test]
fn the_episode_starts_at_the_first_assessment_and_compares_first_with_latest() {
    let mut p = profile();
    let empty = episode_outcome(p.store.conn()).unwrap();
    assert_eq!((empty.episode, empty.summary), (None, None));
    p.take_at("phq9", "2,2,2,2,2,2,2,2,0", "2027-04-01T09:00:00Z")
        .unwrap(); // 16
    p.take_at("gad7", "2,2,2,2,1,1,1", "2027-04-01T09:05:00Z")
        .unwrap(); // 11
    let one_measure = p.take_at("phq9", "1,1,1,1,1,1,1,1,0", "2027-04-15T09:00:00Z");
    assert_eq!(one_measure.unwrap().result.total, 8);
    p.take_at("gad7", "1,1,1,1,1,1,0", "2027-04-15T09:05:00Z")
        .unwrap(); // 6
    p.take_at("phq9", "1,1,1,0,0,0,0,0,0", "2027-04-29T09:00:00Z")
        .unwrap(); // 3
    let out = episode_outcome(p.store.conn()).unwrap();
    assert_eq!(out.episode.as_ref().unwrap().start_date, "2027-04-01");
    assert_eq!(out.episode.as_ref().unwrap().id, None);
    assert_eq!(
        (out.phq9_first, out.phq9_latest, out.phq9_count),
        (Some(16), Some(3), 3)
    );
    assert_eq!(
        (out.gad7_first, out.gad7_latest, out.gad7_count),
        (Some(11), Some(6), 2)
    );
    let summary = out.summary.unwrap();
    assert_eq!(summary.category, OutcomeCategory::ReliableRecovery);

    // A new episode (a programme starting) compares only what falls inside it.
    let started = p
        .store
        .write(|tx| start_episode(tx, day("2027-04-15"), day("2027-07-01"), utc(NOW)))
        .unwrap();
    assert_eq!(current_episode(p.store.conn()).unwrap(), Some(started));
    let out = episode_outcome(p.store.conn()).unwrap();
    assert_eq!(
        (out.phq9_first, out.phq9_latest, out.gad7_first),
        (Some(8), Some(3), Some(6))
    );
    assert_eq!(out.summary.unwrap().category, OutcomeCategory::NotCaseness);
}

#[test]
fn an_episode_needs_both_measures_and_cannot_start_in_the_future() {
    let mut p = profile();
    p.take_at("phq9", "2,2,2,2,2,2,2,2,0", "2027-04-01T09:00:00Z")
        .unwrap();
    let out = episode_outcome(p.store.conn()).unwrap();
    assert_eq!(
        (out.phq9_first, out.gad7_first, out.summary),
        (Some(16), None, None)
    );
    let err = p
        .store
        .write(|tx| start_episode(tx, day("2027-07-02"), day("2027-07-01"), utc(NOW)))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "start_date"));
}

fn due_ids(report: &[DueAssessment]) -> Vec<(String, String, DueReason)> {
    report
        .iter()
        .map(|d| (d.instrument.clone(), d.due_date.to_string(), d.reason))
        .collect()
}

#[test]
fn gad7_and_phq9_are_due_every_14_days_by_default() {
    let mut p = profile();
    let today = day("2027-07-01");
    let fresh = due(p.store.conn(), today, &[]).unwrap();
    assert_eq!(
        due_ids(&fresh.due),
        want(&[
            ("gad7", "2027-07-01", DueReason::NeverTaken),
            ("phq9", "2027-07-01", DueReason::NeverTaken)
        ])
    );
    p.take_at("gad7", "0,0,0,0,0,0,0", "2027-06-17T09:00:00Z")
        .unwrap();
    p.take_at("phq9", "0,0,0,0,0,0,0,0,0", "2027-06-20T09:00:00Z")
        .unwrap();
    let report = due(p.store.conn(), today, &[]).unwrap();
    assert_eq!(
        due_ids(&report.due),
        want(&[("gad7", "2027-07-01", DueReason::Cadence)])
    );
    assert_eq!(
        due_ids(&report.upcoming),
        want(&[("phq9", "2027-07-04", DueReason::Cadence)])
    );
    assert_eq!(report.due[0].last_taken, Some("2027-06-17".into()));
}

#[test]
fn a_cadence_can_be_changed_or_switched_off_and_is_stored() {
    let mut p = profile();
    p.take_at("phq9", "0,0,0,0,0,0,0,0,0", "2027-06-20T09:00:00Z")
        .unwrap();
    p.store
        .write(|tx| set_cadence(tx, "phq9", Some(7)))
        .unwrap();
    p.store.write(|tx| set_cadence(tx, "gad7", None)).unwrap();
    p.store
        .write(|tx| set_cadence(tx, "wsas", Some(28)))
        .unwrap();
    let report = due(p.store.conn(), day("2027-07-01"), &[]).unwrap();
    assert_eq!(
        due_ids(&report.due),
        want(&[
            ("phq9", "2027-06-27", DueReason::Cadence),
            ("wsas", "2027-07-01", DueReason::NeverTaken)
        ])
    );
    let c = cadences(p.store.conn()).unwrap();
    let of = |id: &str| c.iter().find(|c| c.instrument == id).unwrap().clone();
    assert_eq!(
        (of("phq9").every_days, of("phq9").is_default),
        (Some(7), false)
    );
    assert_eq!(
        (of("gad7").every_days, of("gad7").is_default),
        (None, false)
    );
    assert_eq!(
        (of("pss10").every_days, of("pss10").is_default),
        (None, true)
    );
    let err = p
        .store
        .write(|tx| set_cadence(tx, "phq9", Some(0)))
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "every_days"));
}

#[test]
fn programme_measurement_points_add_due_dates_until_met() {
    let mut p = profile();
    p.take_at("gad7", "0,0,0,0,0,0,0", "2027-06-25T09:00:00Z")
        .unwrap();
    p.take_at("phq9", "0,0,0,0,0,0,0,0,0", "2027-06-25T09:00:00Z")
        .unwrap();
    let point = |id: &str, date: &str| MeasurementPoint {
        instrument: id.into(),
        date: date.into(),
        source: "programme:test".into(),
    };
    let points = [
        point("pss10", "2027-06-28"),
        point("gad7", "2027-06-20"),
        point("phq9", "2027-07-03"),
    ];
    let report = due(p.store.conn(), day("2027-07-01"), &points).unwrap();
    // gad7's point (20 June) was met by the GAD-7 on 25 June.
    assert_eq!(
        due_ids(&report.due),
        want(&[("pss10", "2027-06-28", DueReason::MeasurementPoint)])
    );
    assert_eq!(report.due[0].source.as_deref(), Some("programme:test"));
    assert_eq!(
        due_ids(&report.upcoming),
        want(&[
            ("phq9", "2027-07-03", DueReason::MeasurementPoint),
            ("gad7", "2027-07-09", DueReason::Cadence)
        ])
    );
    let err = due(
        p.store.conn(),
        day("2027-07-01"),
        &[point("bdi", "2027-07-01")],
    )
    .unwrap_err();
    assert!(
        matches!(err, Error::InvalidInput { ref field, .. } if field == "points[0].instrument")
    );
}

#[test]
fn assessments_stored_at_schema_v2_still_read_after_every_later_migration() {
    let sql = include_str!("../../../tests/fixtures/schema/v0002.sql");
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v2.db");
    let key = DatabaseKey::from_bytes(&[6; 32]).unwrap();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        key.apply(&conn).unwrap();
        conn.execute_batch(sql).unwrap();
    }
    let store = Store::open(&path, &key).unwrap();
    let records = history(store.conn(), None).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(
        format_answers(&records[0].answers),
        "1,1,1,1,0,0,0,0,decline"
    );
    assert_eq!(records[0].signpost, Some(SignpostReason::SelfHarmThoughts));
    assert_eq!((records[1].total, records[1].prorated), (10, true));
    // Schema v7 gave every stored row a prefixed id; the row number it had is still accepted.
    assert!(
        records
            .iter()
            .all(|r| r.id.len() == 27 && r.id.starts_with("as_"))
    );
    assert_ne!(records[0].id, records[1].id);
    assert_eq!(records[0].legacy_id, 1);
    assert_eq!(find(store.conn(), "1").unwrap(), records[0]);
    assert_eq!(find(store.conn(), &records[1].id).unwrap(), records[1]);
    assert!(matches!(
        find(store.conn(), "99"),
        Err(Error::NotFound { .. })
    ));
    let events = safety_events(store.conn()).unwrap();
    assert_eq!(
        events[0].assessment_id.as_deref(),
        Some(records[0].id.as_str())
    );
    assert!(events[0].id.starts_with("se_") && events[0].legacy_id == 1);
    let episode = current_episode(store.conn()).unwrap().unwrap();
    assert!(
        episode
            .id
            .as_deref()
            .is_some_and(|id| id.starts_with("ep_"))
    );
    assert_eq!(episode.legacy_id, Some(1));
    assert_eq!(
        current_episode(store.conn()).unwrap().unwrap().start_date,
        "2027-06-01"
    );
    let c = cadences(store.conn()).unwrap();
    assert_eq!((c[0].instrument.as_str(), c[0].every_days), ("gad7", None));
    assert_eq!(
        (c[1].instrument.as_str(), c[1].every_days),
        ("phq9", Some(7))
    );
}

fn want(rows: &[(&str, &str, DueReason)]) -> Vec<(String, String, DueReason)> {
    rows.iter()
        .map(|(i, d, r)| (i.to_string(), d.to_string(), *r))
        .collect()
}

/// Therapist read-through, finding 5: a declined item 9 is not an endorsement. The stored row
/// keeps the issue 4 id; every safety event read back for a decline says `item9_declined`,
/// an endorsement stays `self_harm_thoughts`, and a severe total `severe_total`.
#[test]
fn a_declined_item_9_reads_back_as_its_own_reason_and_an_endorsement_does_not() {
    let mut p = profile();
    p.take_at("phq9", "0,0,0,0,0,0,0,0,decline", "2027-06-01T09:00:00Z")
        .unwrap();
    p.take_at("phq9", "0,0,0,0,0,0,0,0,2", "2027-06-02T09:00:00Z")
        .unwrap();
    p.take_at("phq9", "3,3,3,3,3,3,3,2,0", "2027-06-03T09:00:00Z")
        .unwrap();
    let reasons: Vec<&str> = safety_events(p.store.conn())
        .unwrap()
        .iter()
        .map(|e| e.reason.as_str())
        .collect();
    assert_eq!(
        reasons,
        ["item9_declined", "self_harm_thoughts", "severe_total"]
    );
    assert_eq!(
        SignpostReason::parse("item9_declined"),
        Some(SignpostReason::Item9Declined)
    );
}
