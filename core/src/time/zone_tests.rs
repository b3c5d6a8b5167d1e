//! [`Tz`] against chrono-tz (a dev-dependency): the same zones, and the same offsets, gaps and
//! overlaps around every transition of every zone.

use chrono::{DateTime, MappedLocalTime, NaiveDateTime, Offset, TimeZone};
use chrono_tz::OffsetComponents as _;
use chrono_tz::OffsetName as _;

use super::{ABBREVIATIONS, AT, TABLES, Tz, ZONES, ZoneOffset};

fn theirs(zone: Tz) -> chrono_tz::Tz {
    zone.name().parse().unwrap()
}

/// An offset as both crates can describe it: total, base, DST and shown name.
fn ours_described(o: &ZoneOffset) -> (i32, i32, i32, String, Option<&'static str>) {
    (
        o.fix().local_minus_utc(),
        o.base_utc_seconds(),
        o.dst_seconds(),
        o.to_string(),
        o.abbreviation(),
    )
}

fn theirs_described(o: &chrono_tz::TzOffset) -> (i32, i32, i32, String, Option<&'static str>) {
    (
        o.fix().local_minus_utc(),
        i32::try_from(o.base_utc_offset().num_seconds()).unwrap(),
        i32::try_from(o.dst_offset().num_seconds()).unwrap(),
        o.to_string(),
        o.abbreviation()
            .map(|a| ABBREVIATIONS.iter().find(|b| **b == a).copied().unwrap()),
    )
}

fn local_ours(
    r: MappedLocalTime<ZoneOffset>,
) -> Vec<(i32, i32, i32, String, Option<&'static str>)> {
    match r {
        MappedLocalTime::Single(a) => vec![ours_described(&a)],
        MappedLocalTime::Ambiguous(a, b) => vec![ours_described(&a), ours_described(&b)],
        MappedLocalTime::None => vec![],
    }
}

fn local_theirs(
    r: MappedLocalTime<chrono_tz::TzOffset>,
) -> Vec<(i32, i32, i32, String, Option<&'static str>)> {
    match r {
        MappedLocalTime::Single(a) => vec![theirs_described(&a)],
        MappedLocalTime::Ambiguous(a, b) => vec![theirs_described(&a), theirs_described(&b)],
        MappedLocalTime::None => vec![],
    }
}

fn naive(secs: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(secs, 0).map(|t| t.naive_utc())
}

#[test]
fn every_chrono_tz_zone_is_here_by_the_same_name_and_no_other() {
    assert_eq!(super::TZDB_VERSION, chrono_tz::IANA_TZDB_VERSION);
    assert_eq!(Tz::all().count(), chrono_tz::TZ_VARIANTS.len());
    for theirs in chrono_tz::TZ_VARIANTS {
        let ours: Tz = theirs.name().parse().unwrap();
        assert_eq!(ours.name(), theirs.name());
        assert_eq!(ours.to_string(), theirs.to_string());
    }
    assert_eq!(Tz::UTC.name(), "UTC");
    assert_eq!(Tz::known("Europe/London").name(), "Europe/London");
    for bad in [
        "",
        "europe/london",
        "Europe/London ",
        "Mars/Olympus_Mons",
        "Europe",
    ] {
        assert!(bad.parse::<Tz>().is_err(), "{bad:?}");
    }
}

#[test]
fn names_are_sorted_so_lookup_finds_each_one() {
    assert!(
        ZONES
            .windows(2)
            .all(|w| w[0].0.as_bytes() < w[1].0.as_bytes())
    );
    for (i, zone) in Tz::all().enumerate() {
        assert_eq!(ZONES[i].0, zone.name());
        assert_eq!(zone.name().parse::<Tz>().unwrap(), zone);
    }
}

/// Every transition of every zone, one second either side, and local wall times around the
/// wall-clock moments each change lands on (before and after it), with gaps and overlaps.
#[test]
fn every_zone_gives_chrono_tz_offsets_gaps_and_overlaps_around_every_transition() {
    let mut checked = 0usize;
    for zone in Tz::all() {
        let tz = theirs(zone);
        let (start, count, _) = TABLES[usize::from(ZONES[usize::from(zone.0)].1)];
        let start = start as usize;
        let transitions = &AT[start..start + usize::from(count)];
        let probes = transitions.iter().copied().chain([
            i64::from(i32::MIN),
            0,
            1_800_000_000,
            2_200_000_000,
            4_000_000_000,
        ]);
        for t in probes {
            for utc in [t - 1, t, t + 1] {
                let Some(at) = naive(utc) else { continue };
                assert_eq!(
                    ours_described(&zone.offset_from_utc_datetime(&at)),
                    theirs_described(&tz.offset_from_utc_datetime(&at)),
                    "{zone} at UTC {at}"
                );
                checked += 1;
            }
            let before = zone.offset_from_utc_datetime(&naive(t - 1).unwrap_or_default());
            let after = zone.offset_from_utc_datetime(&naive(t).unwrap_or_default());
            for offset in [before.fix(), after.fix()] {
                let wall = t + i64::from(offset.local_minus_utc());
                for d in [-3601, -3600, -1801, -1, 0, 1, 1799, 3599, 3600, 7200] {
                    let Some(local) = naive(wall + d) else {
                        continue;
                    };
                    assert_eq!(
                        local_ours(zone.offset_from_local_datetime(&local)),
                        local_theirs(tz.offset_from_local_datetime(&local)),
                        "{zone} at local {local}"
                    );
                    let day = local.date();
                    assert_eq!(
                        local_ours(zone.offset_from_local_date(&day)),
                        local_theirs(tz.offset_from_local_date(&day)),
                        "{zone} on {day}"
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 500_000, "{checked}");
}

#[test]
fn a_london_summer_instant_reads_as_bst_and_converts_back() {
    let london = Tz::known("Europe/London");
    let t = DateTime::from_timestamp(1_751_299_200, 0).unwrap(); // 2025-06-30T16:00:00Z
    let local = t.with_timezone(&london);
    assert_eq!(local.to_rfc3339(), "2025-06-30T17:00:00+01:00");
    assert_eq!(local.offset().to_string(), "BST");
    assert_eq!(local.offset().dst_seconds(), 3600);
    assert_eq!(<Tz as TimeZone>::from_offset(local.offset()), london);
    assert_eq!(format!("{london:?}"), "Europe/London");
}

/// Links and aliases resolve (to the same rules as chrono-tz), and instants decades ahead
/// follow the recurring daylight-saving rule exactly as chrono-tz does (its transitions run to
/// 2099; after the last one the last offset holds, in both).
#[test]
fn links_and_far_future_instants_match_chrono_tz() {
    for name in [
        "US/Eastern",
        "Asia/Calcutta",
        "Asia/Kolkata",
        "Etc/GMT+5",
        "UTC",
        "GB",
        "Europe/London",
        "America/Argentina/Buenos_Aires",
    ] {
        let ours: Tz = name.parse().unwrap_or_else(|_| panic!("{name}"));
        assert_eq!(ours.name(), name);
    }
    let london = Tz::known("Europe/London");
    let july_2040 = DateTime::from_timestamp(2_225_000_000, 0).unwrap(); // 2040-07-04
    assert_eq!(july_2040.with_timezone(&london).offset().to_string(), "BST");
    for year in [2040, 2070, 2099, 2100, 2150] {
        for (month, day) in [(1, 15), (7, 15), (10, 30)] {
            let at = chrono::NaiveDate::from_ymd_opt(year, month, day)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap();
            for zone in Tz::all() {
                assert_eq!(
                    ours_described(&zone.offset_from_utc_datetime(&at)),
                    theirs_described(&theirs(zone).offset_from_utc_datetime(&at)),
                    "{zone} at {at}"
                );
                assert_eq!(
                    local_ours(zone.offset_from_local_datetime(&at)),
                    local_theirs(theirs(zone).offset_from_local_datetime(&at)),
                    "{zone} at local {at}"
                );
            }
        }
    }
}
