//! The names of automatic backup files: `reset-auto-<UTC time to the millisecond>.rcbackup`,
//! e.g. `reset-auto-20261207T052600123Z.rcbackup`. The name carries when the file was written
//! and nothing about the person; a name that does not parse exactly is not ours and is never
//! listed, restored or deleted (the guarded writer's `.reset-<hex>.tmp` files included, so a
//! half-written backup is never presented as one).
//!
//! A key rotation's prepared file, the newest backup re-sealed for a key not yet in use, is
//! `reset-rotate-<the stamp of the backup it re-seals>.rcbackup`: never listed or restored as a
//! backup, renamed over that backup when the rotation commits, deleted when it is discarded.

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

/// What a pending rotation's re-sealed file's name starts with.
pub const PENDING_PREFIX: &str = "reset-rotate-";

/// The name of the pending rotation file that re-seals the backup written at `at`.
pub fn pending_file_name(at: DateTime<Utc>) -> String {
    format!("{PENDING_PREFIX}{}{SUFFIX}", at.format(STAMP))
}

/// The stamp of the backup a pending rotation file re-seals, or `None` if `name` is not one.
pub fn parse_pending(name: &str) -> Option<Timestamp> {
    let stamp = name.strip_prefix(PENDING_PREFIX)?;
    let at = parse(&format!("{PREFIX}{stamp}"))?;
    (pending_file_name(at.0) == name).then_some(at)
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

    #[test]
    fn a_pending_rotation_file_is_not_a_backup_and_a_backup_is_not_one() {
        let at = Utc.timestamp_millis_opt(1_796_621_160_123).unwrap();
        let pending = pending_file_name(at);
        assert_eq!(pending, "reset-rotate-20261207T052600123Z.rcbackup");
        assert_eq!(parse_pending(&pending), Some(Timestamp(at)));
        assert_eq!(parse(&pending), None);
        assert_eq!(parse_pending(&file_name(at)), None);
        assert_eq!(
            parse_pending("reset-rotate-20261207T052600123Z.rcbackup.tmp"),
            None
        );
    }

    proptest! {
        #[test]
        fn names_round_trip(ms in 0i64..4_102_444_800_000) {
            let at = Utc.timestamp_millis_opt(ms).unwrap();
            prop_assert_eq!(parse(&file_name(at)), Some(Timestamp(at)));
        }
    }
}
