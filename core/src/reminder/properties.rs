//! Property tests for the planner across every IANA zone (Tz::all()).
//!
//! Zones with offset transitions in 2026–2031 (DST, Lord Howe's 30 minutes, Chatham's
//! +12:45/+13:45…) get windows and wall times clustered around their transitions; the others
//! get ordinary windows. Every case is checked against an oracle that resolves wall times from
//! the zone's UTC→offset table (the opposite direction from `resolve_wall_time`).
//! `RESET_REMINDER_CASES` sets the cases per DST zone (default 48).

use std::collections::{BTreeSet, HashSet};

use crate::time::Tz;
use chrono::{
    DateTime, Days, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Timelike, Utc,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use super::test_support::utc;
use super::*;
use crate::time::local_date;

/// An offset change: at `at` the offset goes from `before` to `after` (seconds east of UTC).
#[derive(Debug, Clone, Copy)]
struct Transition {
    at: DateTime<Utc>,
    before: i32,
    after: i32,
}

fn offset_at(zone: Tz, u: DateTime<Utc>) -> i32 {
    zone.offset_from_utc_datetime(&u.naive_utc())
        .fix()
        .local_minus_utc()
}

/// Every transition in `[start, end)`: daily samples, then bisection to the second.
fn transitions(zone: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<Transition> {
    let mut out = Vec::new();
    let (mut t, mut off) = (start, offset_at(zone, start));
    while t < end {
        let next = t + Duration::days(1);
        let o2 = offset_at(zone, next);
        if o2 != off {
            // Transitions fall on whole seconds: bisect on Unix seconds.
            let (mut lo, mut hi) = (t.timestamp(), next.timestamp());
            let at = |s: i64| DateTime::from_timestamp(s, 0).unwrap_or(start);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset_at(zone, at(mid)) == off {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            out.push(Transition {
                at: at(hi),
                before: off,
                after: o2,
            });
        }
        (t, off) = (next, o2);
    }
    out
}

/// RFC 5545 resolution computed independently: a time inside a gap takes the offset before
/// the gap; otherwise the earliest instant whose local time is `w`.
fn oracle(zone: Tz, trans: &[Transition], date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let w = NaiveDateTime::new(date, time);
    let secs = |o: i32| Duration::seconds(i64::from(o));
    for tr in trans.iter().filter(|tr| tr.after > tr.before) {
        let at = tr.at.naive_utc();
        if at + secs(tr.before) <= w && w < at + secs(tr.after) {
            return (w - secs(tr.before)).and_utc();
        }
    }
    let mut offsets: BTreeSet<i32> = [offset_at(zone, (w - Duration::hours(30)).and_utc())].into();
    offsets.insert(offset_at(zone, (w + Duration::hours(30)).and_utc()));
    for tr in trans
        .iter()
        .filter(|tr| (tr.at.naive_utc() - w).abs() < Duration::days(3))
    {
        offsets.extend([tr.before, tr.after]);
    }
    offsets
        .into_iter()
        .map(|o| ((w - secs(o)).and_utc(), o))
        .filter(|(u, o)| offset_at(zone, *u) == *o)
        .map(|(u, _)| u)
        .min()
        .unwrap_or_else(|| panic!("{zone}: {w} neither exists nor falls in a known gap"))
}

#[derive(Debug, Clone)]
struct Case {
    rules: Vec<Rule>,
    snoozes: Vec<Snooze>,
    done: Vec<DoneFact>,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
    limit: Option<usize>,
    platform: Platform,
    exact: bool,
}

fn minute(m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(m / 60 % 24, m % 60, 0).unwrap_or(NaiveTime::MIN)
}

/// Inputs for one zone: windows near its transitions (or anywhere in 2027 without any).
fn case_strategy(zone: Tz, trans: &[Transition]) -> BoxedStrategy<Case> {
    let anchors: Vec<DateTime<Utc>> = if trans.is_empty() {
        (0..12)
            .map(|m| utc("2027-01-05T00:00:00Z") + Duration::days(30 * m))
            .collect()
    } else {
        trans.iter().map(|t| t.at).collect()
    };
    // Wall minutes around each transition's local time, so gaps and overlaps are hit often.
    let mut near: Vec<u32> = Vec::new();
    for tr in trans {
        let local = tr.at.naive_utc() + Duration::seconds(i64::from(tr.before));
        let m0 = i64::from(local.time().num_seconds_from_midnight() / 60);
        near.extend(
            (-120..=120)
                .step_by(5)
                .map(|d| (m0 + d).rem_euclid(1440) as u32),
        );
    }
    near.push(8 * 60);
    let time = prop_oneof![0u32..1440, proptest::sample::select(near)];
    let rule = (
        0usize..5,
        proptest::collection::vec(time, 1..=4),
        1u8..=127,
        any::<bool>(),
    )
        .prop_flat_map(|(k, ts, mask, skip)| {
            (
                Just((k, ts, mask, skip)),
                proptest::option::weighted(0.2, -2i64..8),
                proptest::bool::weighted(0.9),
            )
        });
    let window = (
        proptest::sample::select(anchors),
        -72i64 * 60..24 * 60,
        60i64..10 * 24 * 60,
    );
    (
        window,
        proptest::collection::vec(rule, 1..=4),
        proptest::collection::vec((0usize..5, 0u64..11, 0u32..1440), 0..=4),
        proptest::collection::vec((0usize..4, 0i64..10 * 24 * 60), 0..=2),
        proptest::option::weighted(0.5, 1usize..80),
        (0usize..3, any::<bool>()),
    )
        .prop_map(
            move |((anchor, start, len), rules, done, snoozes, limit, (p, exact))| {
                let from = anchor + Duration::minutes(start);
                let until = from + Duration::minutes(len);
                let day0 = local_date(from, zone);
                let rules: Vec<Rule> = rules
                    .into_iter()
                    .enumerate()
                    .map(|(i, ((k, ts, mask, skip), pause, enabled))| {
                        let mut times: Vec<NaiveTime> = ts.into_iter().map(minute).collect();
                        times.sort();
                        times.dedup();
                        Rule {
                            id: format!("rule_{i:016x}"),
                            kind: ActivityKind::ALL[k],
                            times,
                            days: DaySet::from_mask(mask).unwrap_or(DaySet::ALL),
                            skip_if_done: skip,
                            quiet: None,
                            paused_until: pause.map(|d| day0 + Duration::days(d)),
                            enabled,
                            label: None,
                            created_at: from,
                        }
                    })
                    .collect();
                let done = done
                    .into_iter()
                    .map(|(k, d, m)| {
                        let date = day0 + Days::new(d);
                        DoneFact {
                            kind: ActivityKind::ALL[k],
                            local_date: date,
                            at: crate::time::resolve_wall_time(date, minute(m), zone),
                            notification_id: None,
                        }
                    })
                    .collect();
                let snoozes = snoozes
                    .into_iter()
                    .map(|(r, off)| {
                        let rule = &rules[r % rules.len()];
                        let fire_at = from + Duration::minutes(off);
                        let local_date = local_date(fire_at, zone);
                        let source_id = occurrence_id(&rule.id, local_date, rule.times[0]);
                        Snooze {
                            id: snooze_id(&source_id, fire_at),
                            rule_id: rule.id.clone(),
                            kind: rule.kind,
                            local_date,
                            fire_at,
                            source_id,
                        }
                    })
                    .collect();
                let platform = [Platform::Any, Platform::Ios, Platform::Android][p];
                Case {
                    rules,
                    snoozes,
                    done,
                    from,
                    until,
                    limit,
                    platform,
                    exact,
                }
            },
        )
        .boxed()
}

fn input(case: &Case, zone: Tz) -> PlanInput<'_> {
    PlanInput {
        rules: &case.rules,
        snoozes: &case.snoozes,
        done: &case.done,
        zone,
        from: case.from,
        until: case.until,
        limit: case.limit,
        platform: case.platform,
        exact_alarms_allowed: case.exact,
    }
}

/// The plan a careful person would write by hand: (fire, snoozed, id, kind) in order.
fn expected(case: &Case, zone: Tz, trans: &[Transition]) -> Vec<String> {
    let silenced = |kind, skip: bool, date, fire: DateTime<Utc>| {
        skip && case
            .done
            .iter()
            .any(|f| f.kind == kind && f.local_date == date && f.at <= fire)
    };
    let mut all: Vec<(DateTime<Utc>, bool, String, ActivityKind)> = Vec::new();
    let (d0, d1) = (
        local_date(case.from, zone) - Days::new(2),
        local_date(case.until, zone) + Days::new(2),
    );
    for r in case.rules.iter().filter(|r| r.enabled) {
        for date in d0.iter_days().take_while(|d| *d <= d1) {
            if !r.days.contains(chrono::Datelike::weekday(&date))
                || r.paused_until.is_some_and(|p| date < p)
            {
                continue;
            }
            for &t in &r.times {
                let fire = oracle(zone, trans, date, t);
                if fire >= case.from
                    && fire < case.until
                    && !silenced(r.kind, r.skip_if_done, date, fire)
                {
                    all.push((fire, false, occurrence_id(&r.id, date, t), r.kind));
                }
            }
        }
    }
    for s in &case.snoozes {
        let skip = case
            .rules
            .iter()
            .any(|r| r.id == s.rule_id && r.skip_if_done);
        if s.fire_at >= case.from
            && s.fire_at < case.until
            && !silenced(s.kind, skip, s.local_date, s.fire_at)
        {
            all.push((s.fire_at, true, s.id.clone(), s.kind));
        }
    }
    all.sort();
    let mut seen = HashSet::new();
    all.retain(|(fire, _, _, kind)| seen.insert((*kind, *fire)));
    let cap = case
        .limit
        .unwrap_or(usize::MAX)
        .min(if case.platform == Platform::Ios {
            IOS_PENDING_CAP
        } else {
            usize::MAX
        });
    all.into_iter().take(cap).map(|(_, _, id, _)| id).collect()
}

fn check(case: &Case, zone: Tz, trans: &[Transition]) -> Result<(), TestCaseError> {
    let plan1 = plan(&input(case, zone));
    prop_assert_eq!(&plan1, &plan(&input(case, zone)), "same input, same plan");
    // Sorted, no duplicate ids, one per kind and instant, never past the limits.
    prop_assert!(
        plan1
            .windows(2)
            .all(|w| (w[0].fire_at.unix_ms(), w[0].snoozed, &w[0].id)
                < (w[1].fire_at.unix_ms(), w[1].snoozed, &w[1].id))
    );
    prop_assert_eq!(
        plan1.iter().map(|n| &n.id).collect::<HashSet<_>>().len(),
        plan1.len()
    );
    prop_assert_eq!(
        plan1
            .iter()
            .map(|n| (n.kind, n.fire_at.unix_ms()))
            .collect::<HashSet<_>>()
            .len(),
        plan1.len()
    );
    prop_assert!(plan1.len() <= case.limit.unwrap_or(usize::MAX));
    prop_assert!(case.platform != Platform::Ios || plan1.len() <= IOS_PENDING_CAP);
    for n in &plan1 {
        let fire = n.fire_at.instant();
        prop_assert!(fire >= case.from && fire < case.until);
        prop_assert_eq!(
            crate::time::parse_instant(&n.local(), "local").ok(),
            Some(fire)
        );
        prop_assert_eq!(n.exact, case.platform != Platform::Android || case.exact);
        let date = n.local_date.date();
        let rule = case
            .rules
            .iter()
            .find(|r| r.id == n.rule)
            .ok_or_else(|| TestCaseError::fail("unknown rule"))?;
        // skip_if_done respected.
        prop_assert!(
            !(rule.skip_if_done
                && case
                    .done
                    .iter()
                    .any(|f| f.kind == n.kind && f.local_date == date && f.at <= fire))
        );
        if !n.snoozed {
            let t = n.time.time();
            // Maps back to the rule's wall time or its RFC 5545 resolution; id from rule+date+time.
            prop_assert!(
                rule.times.contains(&t) && rule.days.contains(chrono::Datelike::weekday(&date))
            );
            prop_assert_eq!(
                fire,
                oracle(zone, trans, date, t),
                "{} {} {}",
                n.rule,
                n.local_date,
                n.time
            );
            prop_assert_eq!(&n.id, &occurrence_id(&rule.id, date, t));
        }
    }
    let ids: Vec<String> = plan1.iter().map(|n| n.id.clone()).collect();
    prop_assert_eq!(
        ids,
        expected(case, zone, trans),
        "complete and soonest-first"
    );
    // Ids are stable when the window moves: an earlier start re-derives the same ids.
    let mut wider = case.clone();
    (wider.from, wider.limit, wider.platform) =
        (case.from - Duration::days(1), None, Platform::Any);
    let wide: HashSet<(String, i64)> = plan(&input(&wider, zone))
        .into_iter()
        .map(|n| (n.id, n.fire_at.unix_ms()))
        .collect();
    prop_assert!(
        plan1
            .iter()
            .all(|n| wide.contains(&(n.id.clone(), n.fire_at.unix_ms())))
    );
    Ok(())
}

#[test]
fn the_plan_is_right_in_every_iana_zone() {
    let per_dst_zone: u32 = std::env::var("RESET_REMINDER_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    let (start, end) = (utc("2025-06-01T00:00:00Z"), utc("2032-06-01T00:00:00Z"));
    let (test_start, test_end) = (utc("2026-01-01T00:00:00Z"), utc("2032-01-01T00:00:00Z"));
    let (mut cases, mut dst_zones) = (0u64, Vec::new());
    for zone in Tz::all() {
        let all = transitions(zone, start, end);
        let in_range: Vec<Transition> = all
            .iter()
            .copied()
            .filter(|t| t.at >= test_start && t.at < test_end)
            .collect();
        let n = if in_range.is_empty() {
            (per_dst_zone / 8).max(2)
        } else {
            per_dst_zone
        };
        if !in_range.is_empty() {
            dst_zones.push(zone.name());
        }
        let config = Config {
            cases: n,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        let result = runner.run(&case_strategy(zone, &in_range), |case| {
            check(&case, zone, &all)
        });
        if let Err(e) = result {
            panic!("{}: {e}", zone.name());
        }
        cases += u64::from(n);
    }
    for must in [
        "Australia/Lord_Howe",
        "Pacific/Chatham",
        "Europe/London",
        "America/Santiago",
    ] {
        assert!(dst_zones.contains(&must), "{must} should have transitions");
    }
    eprintln!(
        "reminder planner properties: {cases} cases over {} zones ({} with transitions in 2026–2031, {per_dst_zone} cases each)",
        Tz::all().count(),
        dst_zones.len()
    );
}
