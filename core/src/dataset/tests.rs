//! The generator is a specification of a heavy user: these tests pin its determinism and
//! the shape of what it writes (one year, so they stay quick in debug builds).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::*;
use crate::checkin::tests::open_store;

fn end() -> DateTime<Utc> {
    "2030-06-15T18:00:00Z".parse().unwrap()
}

fn generated(seed: u64) -> (tempfile::TempDir, Store, DatasetSummary) {
    let (dir, mut store) = open_store();
    let plan = DatasetPlan {
        years: 1,
        seed,
        end: end(),
    };
    let summary = generate(&mut store, &plan).unwrap();
    (dir, store, summary)
}

fn counts(summary: &DatasetSummary) -> BTreeMap<&str, u64> {
    summary
        .counts
        .iter()
        .map(|c| (c.table.as_str(), c.rows))
        .collect()
}

#[test]
fn the_same_seed_gives_a_byte_identical_dump_and_another_seed_does_not() {
    let (_a, first, _) = generated(42);
    let (_b, again, _) = generated(42);
    let (_c, other, _) = generated(43);
    let dump = crate::dump::to_string(first.conn()).unwrap();
    assert_eq!(dump, crate::dump::to_string(again.conn()).unwrap());
    assert_ne!(dump, crate::dump::to_string(other.conn()).unwrap());
}

#[test]
fn a_year_holds_what_a_heavy_user_does_in_a_year() {
    let (_dir, store, summary) = generated(7);
    let n = counts(&summary);
    // Three check-ins a day (the last day is cut at the end instant).
    assert!((3 * 364..=3 * 365).contains(&n["check_ins"]), "{n:?}");
    // A journal entry on most days (85 %), practice on 90 % of days.
    assert!((270..=345).contains(&n["journal_entries"]), "{n:?}");
    assert!((300..=355).contains(&n["practice_sessions"]), "{n:?}");
    // GAD-7 and PHQ-9 every fourteen days.
    assert!((50..=54).contains(&n["assessments"]), "{n:?}");
    assert_eq!(n["reminder_rules"], 12);
    assert!(n["programme_enrolments"] >= 3, "{n:?}");
    assert!(n["programme_completions"] >= 30, "{n:?}");
    assert_eq!(summary.last_day, "2030-06-15");
    // Every journal kind appears.
    let kinds: i64 = store
        .conn()
        .query_row(
            "SELECT count(DISTINCT kind) FROM journal_entries",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kinds, 6);
}

#[test]
fn the_history_travels_and_crosses_daylight_saving_changes() {
    let (_dir, store, _) = generated(11);
    let zones: Vec<String> = store
        .conn()
        .prepare("SELECT DISTINCT time_zone FROM check_ins ORDER BY 1")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(zones, ["America/New_York", "Asia/Tokyo", "Europe/London"]);
    // London morning check-ins are at the same local time in winter (UTC+0) and summer
    // (UTC+1), so their UTC hour differs: the history spans both sides of a DST change.
    let utc_hours: i64 = store
        .conn()
        .query_row(
            "SELECT count(DISTINCT (at_ms / 3600000) % 24) FROM check_ins
             WHERE time_zone = 'Europe/London' AND local_minute BETWEEN 450 AND 470",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(utc_hours >= 2, "{utc_hours}");
}

#[test]
fn a_profile_that_already_has_check_ins_is_refused_untouched() {
    let (_dir, mut store, _) = generated(5);
    let before = crate::dump::to_string(store.conn()).unwrap();
    let plan = DatasetPlan {
        years: 1,
        seed: 5,
        end: end(),
    };
    let err = generate(&mut store, &plan).unwrap_err();
    assert_eq!(err.kind(), crate::ErrorKind::Conflict);
    assert_eq!(before, crate::dump::to_string(store.conn()).unwrap());
}

#[test]
fn years_outside_one_to_thirty_are_invalid_input() {
    let (_dir, mut store) = open_store();
    for years in [0, 31] {
        let plan = DatasetPlan {
            years,
            seed: 1,
            end: end(),
        };
        assert!(generate(&mut store, &plan).is_err());
    }
}
