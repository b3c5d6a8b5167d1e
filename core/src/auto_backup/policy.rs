//! When an automatic backup is due and which files to keep: pure functions of instants and the
//! person's zone, no I/O and no clock (the caller passes `now`).
//!
//! Due: a backup runs after the first use each local day — due when there is none yet, or the
//! newest was made on another local day than today in the zone the person is in now (another
//! day either way: a backup stamped in the future by a clock that was wrong never blocks
//! today's).
//!
//! Kept: the newest file of each of the 7 most recent local days that have a file ("7 daily")
//! and the newest of each of the 4 most recent ISO weeks that have one ("4 weekly"), the same
//! rule as restic's `--keep-daily 7 --keep-weekly 4`. A file stamped after `now` (the clock
//! moved back) is kept: nothing is deleted on the word of a clock that disagrees with it.

use std::collections::BTreeSet;

use crate::time::Tz;
use chrono::Datelike;

use crate::time::{Timestamp, local_date};

/// Daily files kept.
pub const KEEP_DAILY: usize = 7;
/// Weekly files kept.
pub const KEEP_WEEKLY: usize = 4;

/// The most bytes the kept files may take together: Android Auto Backup skips an app whose
/// data is over its 25 MB quota, so the folder stays under 20 MiB with room for the rest.
pub const MAX_FOLDER_BYTES: u64 = 20 * 1024 * 1024;

/// Of `kept` (newest first, each with its size), the newest files that fit in `budget` bytes
/// together: the newest is always kept, then each next one while the total stays within the
/// budget. A ten-year profile's 3.8 MB backups keep 5 files under [`MAX_FOLDER_BYTES`].
pub fn within_budget(kept: &[(Timestamp, u64)], budget: u64) -> Vec<Timestamp> {
    let mut total = 0u64;
    let mut out = Vec::new();
    for (i, (t, bytes)) in kept.iter().enumerate() {
        total = total.saturating_add(*bytes);
        if i > 0 && total > budget {
            break;
        }
        out.push(*t);
    }
    out
}

/// Whether an automatic backup is due at `now`, given when the newest was made.
pub fn is_backup_due(last_backup: Option<Timestamp>, now: Timestamp, zone: Tz) -> bool {
    match last_backup {
        None => true,
        Some(last) => local_date(last.0, zone) != local_date(now.0, zone),
    }
}

/// Which of `files` (each file's creation instant) to keep at `now`; the rest may be deleted.
/// Returned newest first, without duplicates.
pub fn files_to_keep(files: &[Timestamp], now: Timestamp, zone: Tz) -> Vec<Timestamp> {
    let mut past: Vec<Timestamp> = files.iter().copied().filter(|t| *t <= now).collect();
    past.sort_by(|a, b| b.cmp(a));
    past.dedup();
    let mut keep: BTreeSet<Timestamp> = files.iter().copied().filter(|t| *t > now).collect();
    keep.extend(newest_per(&past, KEEP_DAILY, |t| local_date(t.0, zone)));
    keep.extend(newest_per(&past, KEEP_WEEKLY, |t| {
        local_date(t.0, zone).iso_week()
    }));
    keep.into_iter().rev().collect()
}

/// The newest instant of each of the first `buckets` distinct keys of `newest_first`.
fn newest_per<K: PartialEq>(
    newest_first: &[Timestamp],
    buckets: usize,
    key: impl Fn(Timestamp) -> K,
) -> Vec<Timestamp> {
    let mut out: Vec<(K, Timestamp)> = Vec::new();
    for t in newest_first {
        let k = key(*t);
        if out.last().is_some_and(|(last, _)| *last == k) {
            continue;
        }
        if out.len() == buckets {
            break;
        }
        out.push((k, *t));
    }
    out.into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Duration, TimeZone, Utc};
    use proptest::prelude::*;

    const ZONES: [Tz; 4] = [
        Tz::UTC,
        Tz::known("Europe/London"),
        Tz::known("Pacific/Kiritimati"),
        Tz::known("America/Los_Angeles"),
    ];

    fn at(text: &str) -> Timestamp {
        Timestamp(
            DateTime::parse_from_rfc3339(text)
                .unwrap()
                .with_timezone(&Utc),
        )
    }

    fn instant(ms: i64) -> Timestamp {
        Timestamp(Utc.timestamp_millis_opt(ms).unwrap())
    }

    /// 2020-01-01 … 2030-01-01 in milliseconds.
    fn any_ms() -> impl Strategy<Value = i64> {
        1_577_836_800_000i64..1_893_456_000_000
    }

    #[test]
    fn the_first_use_of_a_local_day_is_due_and_later_uses_that_day_are_not() {
        let london = Tz::known("Europe/London");
        assert!(is_backup_due(None, at("2026-12-07T08:00:00Z"), london));
        let last = Some(at("2026-12-07T08:00:00Z"));
        assert!(!is_backup_due(last, at("2026-12-07T23:59:59Z"), london));
        assert!(is_backup_due(last, at("2026-12-08T00:00:00Z"), london));
        // Midnight is local: 06:00Z and 09:00Z on the 7th are one day in London and two in
        // Los Angeles (22:00 on the 6th, 01:00 on the 7th).
        let (early, late) = (Some(at("2026-12-07T06:00:00Z")), at("2026-12-07T09:00:00Z"));
        assert!(!is_backup_due(early, late, london));
        assert!(is_backup_due(early, late, Tz::known("America/Los_Angeles")));
        // A backup stamped tomorrow by a wrong clock does not block today's.
        assert!(is_backup_due(
            Some(at("2026-12-09T08:00:00Z")),
            at("2026-12-07T12:00:00Z"),
            london
        ));
    }

    #[test]
    fn a_daily_backup_for_sixty_days_keeps_seven_days_and_four_weeks() {
        let zone = Tz::UTC;
        let start = at("2026-01-01T09:00:00Z"); // a Thursday
        let mut files: Vec<Timestamp> = Vec::new();
        for day in 0..60 {
            files.push(Timestamp(start.0 + Duration::days(day)));
            let now = *files.last().unwrap();
            files = files_to_keep(&files, now, zone);
        }
        // Newest first: the 7 last days (Feb 23 … Mar 1), then the newest of two earlier weeks
        // (Sundays Feb 22 and Feb 15); the week of Feb 23 and the week ending Mar 1 are the same ISO week.
        let days: Vec<String> = files
            .iter()
            .map(|t| t.0.format("%m-%d").to_string())
            .collect();
        assert_eq!(
            days,
            [
                "03-01", "02-28", "02-27", "02-26", "02-25", "02-24", "02-23", "02-22", "02-15",
                "02-08"
            ]
        );
    }

    #[test]
    fn the_newest_files_that_fit_the_budget_are_kept_and_the_newest_always() {
        let t = |d: i64| Timestamp(at("2026-12-07T09:00:00Z").0 - Duration::days(d));
        let files: Vec<(Timestamp, u64)> = (0..11).map(|d| (t(d), 3_841_131)).collect();
        assert_eq!(
            within_budget(&files, MAX_FOLDER_BYTES),
            (0..5).map(t).collect::<Vec<_>>()
        );
        assert_eq!(
            within_budget(&[(t(0), 30 << 20), (t(1), 1)], MAX_FOLDER_BYTES),
            vec![t(0)]
        );
        assert!(within_budget(&[], MAX_FOLDER_BYTES).is_empty());
    }

    proptest! {
        #[test]
        fn a_budget_keeps_a_newest_first_prefix_within_it(
            sizes in proptest::collection::vec(0u64..(30 << 20), 0..12),
            budget in 0u64..(60 << 20),
        ) {
            let files: Vec<(Timestamp, u64)> = sizes.iter().enumerate()
                .map(|(i, b)| (instant(1_800_000_000_000 - i as i64 * 86_400_000), *b)).collect();
            let kept = within_budget(&files, budget);
            prop_assert!(kept.iter().zip(&files).all(|(k, f)| *k == f.0), "a prefix");
            prop_assert_eq!(kept.is_empty(), files.is_empty());
            let total: u64 = files[..kept.len()].iter().map(|f| f.1).sum();
            prop_assert!(kept.len() <= 1 || total <= budget);
            if kept.len() < files.len() && !kept.is_empty() {
                prop_assert!(total + files[kept.len()].1 > budget, "the next one would not fit");
            }
        }

        #[test]
        fn due_exactly_when_the_local_days_differ(last in any_ms(), now in any_ms(), z in 0usize..4) {
            let zone = ZONES[z];
            let (last, now) = (instant(last), instant(now));
            prop_assert!(is_backup_due(None, now, zone));
            prop_assert_eq!(
                is_backup_due(Some(last), now, zone),
                local_date(last.0, zone) != local_date(now.0, zone)
            );
            // Right after a backup, nothing more is due that day.
            prop_assert!(!is_backup_due(Some(now), now, zone));
        }

        #[test]
        fn kept_files_follow_the_rule(
            files in proptest::collection::vec(any_ms(), 0..60),
            now in any_ms(),
            z in 0usize..4,
        ) {
            let zone = ZONES[z];
            let now = instant(now);
            let files: Vec<Timestamp> = files.into_iter().map(instant).collect();
            let kept = files_to_keep(&files, now, zone);

            // Only files that were given, newest first, no duplicates.
            prop_assert!(kept.iter().all(|k| files.contains(k)));
            prop_assert!(kept.windows(2).all(|w| w[0] > w[1]));
            // Every file from the future is kept; at most 7 + 4 of the rest.
            let future = files.iter().filter(|t| **t > now).collect::<BTreeSet<_>>();
            prop_assert!(future.iter().all(|f| kept.contains(f)));
            prop_assert!(kept.len() - future.len() <= KEEP_DAILY + KEEP_WEEKLY);
            // The newest file (not in the future) is always kept.
            if let Some(newest) = files.iter().filter(|t| **t <= now).max() {
                prop_assert!(kept.contains(newest));
            }
            // The newest file of each of the 7 most recent days with a file is kept, and
            // of each such day nothing older than it.
            let mut days: Vec<_> = files.iter().filter(|t| **t <= now).map(|t| local_date(t.0, zone)).collect();
            days.sort();
            days.dedup();
            for day in days.iter().rev().take(KEEP_DAILY) {
                let of_day: Vec<&Timestamp> = files.iter().filter(|t| **t <= now && local_date(t.0, zone) == *day).collect();
                let newest = of_day.iter().max().unwrap();
                prop_assert!(kept.contains(newest));
            }
            // Keeping is stable: pruning what was kept keeps all of it.
            prop_assert_eq!(files_to_keep(&kept, now, zone), kept.clone());
            // Fewer than 8 days with files and no more than one file a day: nothing goes.
            if days.len() <= KEEP_DAILY && days.len() == files.iter().filter(|t| **t <= now).collect::<BTreeSet<_>>().len() {
                prop_assert_eq!(kept.len(), files.iter().collect::<BTreeSet<_>>().len());
            }
        }
    }
}
