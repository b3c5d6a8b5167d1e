//! Stable notification ids: the same rule, local date and time give the same id on every run,
//! every device and every build, so reconciling with the OS is a set difference.
//!
//! Uses 64-bit FNV-1a, a fixed public algorithm, never std's randomly seeded hasher (whose
//! output changes per process). Must never feed user content (labels) into an id.

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};

use super::format;

/// Prefix of every notification id, so shells can tell reminders from other notifications.
pub const NOTIFICATION_PREFIX: &str = "rem_";

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

fn fnv_extend(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME))
}

/// 64-bit FNV-1a (Fowler–Noll–Vo) of `bytes`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    fnv_extend(FNV_OFFSET, bytes)
}

/// The id text for a 64-bit key: `rem_` + 16 lowercase hex digits.
pub fn id_text(key: u64) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut id = String::with_capacity(NOTIFICATION_PREFIX.len() + 16);
    id.push_str(NOTIFICATION_PREFIX);
    for shift in (0..16).rev() {
        id.push(char::from(HEX[((key >> (shift * 4)) & 0xf) as usize]));
    }
    id
}

/// The 64-bit key of an id: the inverse of [`id_text`] for well-formed ids (so keys sort like
/// the ids), a hash of the text for anything else.
pub fn id_key(id: &str) -> u64 {
    id.strip_prefix(NOTIFICATION_PREFIX)
        .filter(|hex| {
            hex.len() == 16 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        })
        .and_then(|hex| u64::from_str_radix(hex, 16).ok())
        .unwrap_or_else(|| fnv1a64(id.as_bytes()))
}

/// The key of one occurrence: FNV-1a of the text `rule_id|YYYY-MM-DD|HH:MM`.
pub fn occurrence_key(rule_id: &str, date: NaiveDate, time: NaiveTime) -> u64 {
    OccurrenceKey::rule(rule_id).date(date).time(time)
}

/// [`occurrence_key`] hashed in stages: FNV-1a is a running state, so the planner hashes a
/// rule's id once, each date once per rule, and only `HH:MM` per time.
#[derive(Debug, Clone, Copy)]
pub struct OccurrenceKey(u64);

impl OccurrenceKey {
    /// The state after `rule_id|`.
    pub fn rule(rule_id: &str) -> Self {
        OccurrenceKey(fnv_extend(fnv_extend(FNV_OFFSET, rule_id.as_bytes()), b"|"))
    }

    /// The state after `rule_id|YYYY-MM-DD|`.
    pub fn date(self, date: NaiveDate) -> Self {
        let h = match format::date_bytes(date) {
            Some(bytes) => fnv_extend(self.0, &bytes),
            None => fnv_extend(self.0, date.to_string().as_bytes()),
        };
        OccurrenceKey(fnv_extend(h, b"|"))
    }

    /// The final key for `HH:MM`.
    pub fn time(self, time: NaiveTime) -> u64 {
        let (hh, mm) = (time.hour(), time.minute());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        fnv_extend(
            self.0,
            &[digit(hh / 10), digit(hh), b':', digit(mm / 10), digit(mm)],
        )
    }
}

/// The id of one occurrence: rule `rule_id` on local date `date` at wall time `time`.
pub fn occurrence_id(rule_id: &str, date: NaiveDate, time: NaiveTime) -> String {
    id_text(occurrence_key(rule_id, date, time))
}

/// The id of a snooze of `source_id` that fires at `fire_at` (its own id, never the source's).
pub fn snooze_id(source_id: &str, fire_at: DateTime<Utc>) -> String {
    id_text(fnv1a64(
        format!("snooze|{source_id}|{}", fire_at.timestamp()).as_bytes(),
    ))
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
        assert_eq!(
            occurrence_id("rule_0000000000000001", d, t),
            "rem_b6801df1b85f8783"
        );
        assert_ne!(
            occurrence_id("rule_0000000000000001", d.succ_opt().unwrap(), t),
            occurrence_id("rule_0000000000000001", d, t)
        );
        assert!(occurrence_id("r", d, t).starts_with(NOTIFICATION_PREFIX));
        assert_eq!(
            occurrence_id("r", d, t).len(),
            NOTIFICATION_PREFIX.len() + 16
        );
        // The key is the hash of the documented text, and ids and keys convert both ways.
        let text = "rule_0000000000000001|2027-03-28|01:30";
        assert_eq!(
            occurrence_key("rule_0000000000000001", d, t),
            fnv1a64(text.as_bytes())
        );
        let id = occurrence_id("r", d, t);
        assert_eq!(id_text(id_key(&id)), id);
        assert_eq!(id_key("not-an-id"), fnv1a64(b"not-an-id"));
    }
}
