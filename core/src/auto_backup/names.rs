//! The names of automatic backup files: `reset-auto-<UTC time to the millisecond>.rcbackup`,
//! e.g. `reset-auto-20261207T052600123Z.rcbackup`. The name carries when the file was written
//! and nothing about the person; a name that does not parse exactly is not ours and is never
//! listed, restored or deleted (the guarded writer's `.reset-<hex>.tmp` files included, so a
//! half-written backup is never presented as one).

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::time::Timestamp;

/// What every automatic backup's name starts with.
pub const PREFIX: &str = "reset-auto-";
/// What every automatic backup's name ends with.
pub const SUFFIX: &str = ".rcbackup";
const STAMP: &str = "%Y%m%dT%H%M%S%3fZ";

/// The file name of an automatic backup written at `at`.
pub fn file_name(at: DateTime<Utc>) -> String {
    format!("{PREFIX}{}{SUFFIX}", at.format(STAMP))
}

/// When the automatic backup named `name` was written, or `None` if the name is not one.
pub fn parse(name: &str) -> Option<Timestamp> {
    let stamp = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    // 8 date digits, T, 6 time digits, 3 millisecond digits, Z.
    if stamp.len() != 19 || !stamp.is_ascii() {
        return None;
    }
    let naive = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?;
    let at = naive.and_utc();
    // Only the canonical spelling: one instant, one name.
    (file_name(at) == name).then_some(Timestamp(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    #[test]
    fn a_name_is_the_utc_write_time_to_the_millisecond() {
        let at = Utc.timestamp_millis_opt(1_796_621_160_123).unwrap();
        let name = file_name(at);
        assert_eq!(name, "reset-auto-20261207T052600123Z.rcbackup");
        assert_eq!(parse(&name), Some(Timestamp(at)));
    }

    #[test]
    fn other_names_are_not_automatic_backups() {
        for name in [
            "reset-auto-20261207T052600123Z.rcbackup.tmp",
            ".reset-0011223344556677.tmp",
            "reset-auto-20261207T0526001Z.rcbackup",
            "reset-auto-20261307T052600123Z.rcbackup",
            "reset-auto-2026-12-07T05:26:00Z.rcbackup",
            "tour-backup.rcbackup",
            "reset-auto-20261207T052600123z.rcbackup",
        ] {
            assert_eq!(parse(name), None, "{name}");
        }
    }

    proptest! {
        #[test]
        fn names_round_trip(ms in 0i64..4_102_444_800_000) {
            let at = Utc.timestamp_millis_opt(ms).unwrap();
            prop_assert_eq!(parse(&file_name(at)), Some(Timestamp(at)));
        }
    }
}
