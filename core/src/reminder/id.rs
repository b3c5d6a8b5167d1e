//! Stable notification ids: the same rule, local date and time give the same id on every run,
//! every device and every build, so reconciling with the OS is a set difference.
//!
//! Uses 64-bit FNV-1a, a fixed public algorithm, never std's randomly seeded hasher (whose
//! output changes per process). Must never feed user content (labels) into an id.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};

use super::rule::format_time_of_day;

/// Prefix of every notification id, so shells can tell reminders from other notifications.
pub const NOTIFICATION_PREFIX: &str = "rem_";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a (Fowler–Noll–Vo) of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME)
    })
}

fn id_from(input: &str) -> String {
    format!("{NOTIFICATION_PREFIX}{:016x}", fnv1a64(input.as_bytes()))
}

/// The id of one occurrence: rule `rule_id` on local date `date` at wall time `time`.
pub fn occurrence_id(rule_id: &str, date: NaiveDate, time: NaiveTime) -> String {
    id_from(&format!("{rule_id}|{date}|{}", format_time_of_day(time)))
}

/// The id of a snooze of `source_id` that fires at `fire_at` (its own id, never the source's).
pub fn snooze_id(source_id: &str, fire_at: DateTime<Utc>) -> String {
    id_from(&format!("snooze|{source_id}|{}", fire_at.timestamp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a64_matches_the_published_test_vectors() {
        // From the FNV reference test suite (draft-eastlake-fnv, "FNV-1a 64").
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn occurrence_ids_are_a_pure_function_of_rule_date_and_time() {
        let d = NaiveDate::from_ymd_opt(2027, 3, 28).unwrap();
        let t = NaiveTime::from_hms_opt(1, 30, 0).unwrap();
        // Golden: shared with the Swift and Kotlin tests through tests/fixtures/reminders.
        assert_eq!(occurrence_id("rule_0000000000000001", d, t), "rem_3c6fc2e4c6b9e3cd");
        assert_ne!(
            occurrence_id("rule_0000000000000001", d.succ_opt().unwrap(), t),
            occurrence_id("rule_0000000000000001", d, t)
        );
        assert!(occurrence_id("r", d, t).starts_with(NOTIFICATION_PREFIX));
        assert_eq!(occurrence_id("r", d, t).len(), NOTIFICATION_PREFIX.len() + 16);
    }
}
