//! The lock policy: grace periods, clock changes and reboots, and the stored preference.

use proptest::prelude::*;

use super::*;

const MIN: i64 = 60_000;

/// A reading from Unix milliseconds and milliseconds since boot (never negative).
fn at(wall_ms: i64, uptime_ms: Option<i64>) -> ClockReading {
    let ms = |m: i64| std::time::Duration::from_millis(m.unsigned_abs());
    let wall = if wall_ms >= 0 {
        std::time::UNIX_EPOCH + ms(wall_ms)
    } else {
        std::time::UNIX_EPOCH - ms(wall_ms)
    };
    assert!(uptime_ms.is_none_or(|u| u >= 0), "uptime is never negative");
    ClockReading {
        wall,
        uptime: uptime_ms.map(ms),
    }
}

#[test]
fn off_never_locks_and_each_grace_period_is_honoured_at_its_edge() {
    let t0 = 1_800_000_000_000;
    assert!(!should_lock(LockPolicy::Off, None, at(t0, None)));
    assert!(!should_lock(
        LockPolicy::Off,
        Some(at(t0, None)),
        at(t0 - MIN, None)
    ));
    assert!(should_lock(
        LockPolicy::Immediately,
        Some(at(t0, None)),
        at(t0, None)
    ));
    for (policy, grace) in [
        (LockPolicy::AfterOneMinute, MIN),
        (LockPolicy::AfterFiveMinutes, 5 * MIN),
        (LockPolicy::AfterFifteenMinutes, 15 * MIN),
    ] {
        let last = Some(at(t0, Some(10_000)));
        assert!(!should_lock(
            policy,
            last,
            at(t0 + grace - 1, Some(10_000 + grace - 1))
        ));
        assert!(should_lock(
            policy,
            last,
            at(t0 + grace, Some(10_000 + grace))
        ));
    }
}

#[test]
fn unknown_last_activity_a_clock_set_back_or_a_reboot_locks() {
    let t0 = 1_800_000_000_000;
    let p = LockPolicy::AfterFifteenMinutes;
    assert!(should_lock(p, None, at(t0, None)), "fresh process");
    assert!(
        should_lock(p, Some(at(t0, None)), at(t0 - 1, None)),
        "wall clock went back"
    );
    assert!(
        should_lock(p, Some(at(t0, Some(9 * MIN))), at(t0 + MIN, Some(MIN))),
        "uptime restarted: rebooted"
    );
    // Wall clock set back 10 minutes after 16 minutes away: uptime still counts 16.
    assert!(should_lock(
        p,
        Some(at(t0, Some(MIN))),
        at(t0 + 6 * MIN, Some(17 * MIN))
    ));
    // Wall clock jumped forward (zone or manual change) with little real time: locks early,
    // which is the safe direction.
    assert!(should_lock(
        p,
        Some(at(t0, Some(MIN))),
        at(t0 + 60 * MIN, Some(2 * MIN))
    ));
    // Extreme values do not overflow.
    assert!(should_lock(p, Some(at(i64::MIN, None)), at(i64::MAX, None)));
    assert!(should_lock(p, Some(at(i64::MAX, None)), at(i64::MIN, None)));
}

proptest! {
    #[test]
    fn the_lock_never_opens_early(
        last_wall in -1_000_000_000_000i64..4_000_000_000_000,
        last_up in proptest::option::of(100_000_000i64..1_100_000_000),
        dwall in -100_000_000i64..100_000_000,
        dup in -100_000_000i64..100_000_000,
        policy in proptest::sample::select(LockPolicy::ALL.to_vec()),
    ) {
        let last = at(last_wall, last_up);
        let now = at(last_wall + dwall, last_up.map(|u| u + dup));
        let locked = should_lock(policy, Some(last), now);
        match policy.grace_ms() {
            None => prop_assert!(!locked),
            Some(grace) => {
                // Unlocked only if every clock we have moved forward by less than the grace.
                if !locked {
                    prop_assert!((0..grace).contains(&dwall));
                    if last_up.is_some() {
                        prop_assert!((0..grace).contains(&dup));
                    }
                }
                // Any clock past the grace locks.
                if dwall >= grace || (last_up.is_some() && dup >= grace) {
                    prop_assert!(locked);
                }
            }
        }
    }

    #[test]
    fn later_is_never_less_locked(
        base in 0i64..4_000_000_000_000,
        d1 in 0i64..100_000_000,
        d2 in 0i64..100_000_000,
        policy in proptest::sample::select(LockPolicy::ALL.to_vec()),
    ) {
        let (a, b) = (d1.min(d2), d1.max(d2));
        let last = Some(at(base, None));
        if should_lock(policy, last, at(base + a, None)) {
            prop_assert!(should_lock(policy, last, at(base + b, None)));
        }
    }
}

#[test]
fn settings_default_to_off_round_trip_and_reject_bad_spellings() {
    let dir = tempfile::TempDir::new().unwrap();
    let store = crate::store::Store::open(
        &dir.path().join("p.db"),
        &crate::store::DatabaseKey::from_bytes(&[5; 32]).unwrap(),
    )
    .unwrap();
    assert_eq!(settings(store.conn()).unwrap(), LockSettings::default());
    assert_eq!(LockSettings::default().policy, LockPolicy::Off);
    let on = LockSettings {
        policy: LockPolicy::AfterFiveMinutes,
        safety_plan_visible_when_locked: true,
    };
    set_settings(store.conn(), on).unwrap();
    assert_eq!(settings(store.conn()).unwrap(), on);
    for p in LockPolicy::ALL {
        assert_eq!(LockPolicy::parse(p.as_str()).unwrap(), p);
    }
    assert!(matches!(
        LockPolicy::parse("10m"),
        Err(Error::InvalidInput { ref field, .. }) if field == "policy"
    ));
    crate::preferences::set(store.conn(), LOCK_PREFERENCE, "sometimes").unwrap();
    assert!(matches!(settings(store.conn()), Err(Error::Corrupt { .. })));
}
