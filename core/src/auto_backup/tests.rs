//! Automatic backups as specifications: on/off, a run a day, the keep rule on disk, restore
//! newest-first with fallback, and nothing but our own files touched; key rotation in
//! [`rotation`].

use std::path::{Path, PathBuf};

use crate::time::Tz;
use chrono::{DateTime, Duration, Utc};
use tempfile::TempDir;

mod rotation;
mod shared;

use super::*;
use crate::backup::tests::profile;
use crate::progress::Silent;

const ZONE: Tz = Tz::known("Europe/London");
/// A "now" after every file the tests write.
const LATER: DateTime<Utc> = DateTime::<Utc>::MAX_UTC;

struct Phone {
    dir: TempDir,
    key: DatabaseKey,
    store: Store,
}

impl Phone {
    fn new(byte: u8, days: u32) -> Phone {
        let dir = TempDir::new().unwrap();
        let key = DatabaseKey::from_bytes(&[byte; 32]).unwrap();
        let mut store = Store::open(&dir.path().join("profile.db"), &key).unwrap();
        if days > 0 {
            profile::generate(&mut store, days);
        }
        Phone { dir, key, store }
    }

    fn folder(&self) -> PathBuf {
        self.dir.path().join("auto")
    }

    fn dump(&self) -> String {
        crate::dump::to_string(self.store.conn()).unwrap()
    }

    fn run(&self, rk: &RecoveryKey, now: DateTime<Utc>) -> AutoBackupRun {
        run(
            &self.store,
            &self.key,
            &self.folder(),
            rk,
            now,
            ZONE,
            false,
            &Silent,
        )
        .unwrap()
    }
}

fn t0() -> DateTime<Utc> {
    profile::end(30) + Duration::days(1)
}

fn names(folder: &Path) -> Vec<String> {
    list(folder).unwrap().into_iter().map(|f| f.name).collect()
}

#[test]
fn off_by_default_and_a_run_while_off_writes_nothing() {
    let phone = Phone::new(1, 3);
    assert_eq!(
        settings(phone.store.conn()).unwrap(),
        AutoBackupSettings::default()
    );
    let run = phone.run(&RecoveryKey::from_bytes([1; 16]), t0());
    assert_eq!(run.outcome, AutoBackupOutcome::Off);
    assert!(!phone.folder().exists());
}

#[test]
fn turning_on_returns_a_key_once_and_stores_no_key() {
    let mut phone = Phone::new(2, 3);
    let rk = turn_on(&mut phone.store, Some("/some/folder")).unwrap();
    let s = settings(phone.store.conn()).unwrap();
    assert!(s.enabled);
    assert_eq!(s.folder.as_deref(), Some("/some/folder"));
    let err = turn_on(&mut phone.store, None).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let dump = phone.dump();
    let shown = rk.display();
    assert!(!dump.contains(shown.as_str()));
    assert!(!dump.contains(&shown.replace('-', "")));
    assert!(!dump.contains(&hex::encode(rk.as_bytes())));
}

#[test]
fn one_backup_a_local_day_and_the_second_run_that_day_is_not_due() {
    let mut phone = Phone::new(3, 10);
    let rk = turn_on(&mut phone.store, None).unwrap();
    let first = phone.run(&rk, t0());
    assert_eq!(first.outcome, AutoBackupOutcome::Written);
    let file = first.file.unwrap();
    assert_eq!(file.name, file_name(t0()));
    assert_eq!(first.summary.unwrap().format_version, 2);
    assert_eq!(
        phone.run(&rk, t0() + Duration::hours(3)).outcome,
        AutoBackupOutcome::NotDue
    );
    let status = status(phone.store.conn(), Some(&phone.folder()), t0(), ZONE).unwrap();
    assert!(status.enabled && !status.due);
    assert_eq!(status.last_backup, Some(Timestamp(t0())));
    assert_eq!(status.files.len(), 1);
    let next = phone.run(&rk, t0() + Duration::days(1));
    assert_eq!(next.outcome, AutoBackupOutcome::Written);
    assert_eq!(names(&phone.folder()).len(), 2);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = phone.folder().join(&file.name);
        assert_eq!(
            std::fs::metadata(path).unwrap().permissions().mode() & 0o777,
            0o600
        );
        let dir = std::fs::metadata(phone.folder()).unwrap();
        assert_eq!(dir.permissions().mode() & 0o777, 0o700);
    }
}

#[test]
fn forty_days_of_runs_keep_seven_daily_and_four_weekly_and_nothing_else_is_touched() {
    let mut phone = Phone::new(4, 2);
    let rk = turn_on(&mut phone.store, None).unwrap();
    std::fs::create_dir_all(phone.folder()).unwrap();
    let theirs = [
        "notes.txt",
        "reset-auto-latest.rcbackup",
        "tour-backup.rcbackup",
    ];
    for name in theirs {
        std::fs::write(phone.folder().join(name), b"not ours").unwrap();
    }
    let mut removed = 0;
    for day in 0..40 {
        let run = phone.run(&rk, t0() + Duration::days(day));
        assert_eq!(run.outcome, AutoBackupOutcome::Written);
        removed += run.removed.len();
    }
    let files = list(&phone.folder()).unwrap();
    let stamps: Vec<Timestamp> = files.iter().map(|f| f.created_at).collect();
    assert_eq!(
        files_to_keep(&stamps, Timestamp(t0() + Duration::days(39)), ZONE),
        stamps
    );
    assert!(files.len() <= KEEP_DAILY + KEEP_WEEKLY && files.len() >= KEEP_DAILY + 2);
    assert_eq!(removed + files.len(), 40);
    for name in theirs {
        assert!(phone.folder().join(name).exists(), "{name} untouched");
    }
}

#[test]
fn restore_takes_the_newest_and_falls_back_past_a_damaged_one_saying_so() {
    let mut phone = Phone::new(5, 20);
    let rk = turn_on(&mut phone.store, None).unwrap();
    phone.run(&rk, t0());
    let older = phone.dump();
    crate::preferences::set(phone.store.conn(), "region", "IE").unwrap();
    let newer = phone.dump();
    let second = phone.run(&rk, t0() + Duration::days(1)).file.unwrap();

    // A new phone with the folder the platform restored.
    let mut fresh = Phone::new(6, 0);
    copy_folder(&phone.folder(), &fresh.folder());
    let folder = fresh.folder();
    let summary =
        restore_newest(&mut fresh.store, &fresh.key, &folder, &rk, LATER, &Silent).unwrap();
    assert_eq!(summary.name, second.name);
    assert!(summary.skipped.is_empty());
    assert_eq!(fresh.dump(), newer);

    // The newest damaged: the one before it is restored, and the damage is named.
    let path = fresh.folder().join(&second.name);
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    std::fs::write(&path, bytes).unwrap();
    let mut other = Phone::new(7, 0);
    let summary = restore_newest(
        &mut other.store,
        &other.key,
        &fresh.folder(),
        &rk,
        LATER,
        &Silent,
    )
    .unwrap();
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].name, second.name);
    assert_eq!(summary.skipped[0].kind, ErrorKind::Corrupt);
    assert_ne!(summary.name, second.name);
    assert_eq!(other.dump(), older);
}

#[test]
fn a_wrong_key_is_wrong_key_and_changes_nothing() {
    let mut phone = Phone::new(8, 5);
    let rk = turn_on(&mut phone.store, None).unwrap();
    phone.run(&rk, t0());
    phone.run(&rk, t0() + Duration::days(1));
    let mut other = Phone::new(9, 3);
    let before = other.dump();
    let wrong = RecoveryKey::from_bytes([0x55; 16]);
    let err = restore_newest(
        &mut other.store,
        &other.key,
        &phone.folder(),
        &wrong,
        LATER,
        &Silent,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongKey);
    assert_eq!(
        err.to_string(),
        "the recovery key does not open this backup"
    );
    assert_eq!(other.dump(), before);
    let empty = other.dir.path().join("empty");
    let err =
        restore_newest(&mut other.store, &other.key, &empty, &rk, LATER, &Silent).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
}

#[test]
fn every_file_damaged_is_corrupt_and_changes_nothing() {
    let mut phone = Phone::new(10, 5);
    let rk = turn_on(&mut phone.store, None).unwrap();
    phone.run(&rk, t0());
    phone.run(&rk, t0() + Duration::days(1));
    for f in list(&phone.folder()).unwrap() {
        let path = phone.folder().join(&f.name);
        let bytes = std::fs::read(&path).unwrap();
        std::fs::write(&path, &bytes[..bytes.len() - 100]).unwrap();
    }
    let mut other = Phone::new(11, 2);
    let before = other.dump();
    let err = restore_newest(
        &mut other.store,
        &other.key,
        &phone.folder(),
        &rk,
        LATER,
        &Silent,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Corrupt);
    assert_eq!(other.dump(), before);
}

#[test]
fn turning_off_keeps_the_files_unless_asked_to_delete_them() {
    let mut phone = Phone::new(14, 2);
    let rk = turn_on(&mut phone.store, None).unwrap();
    phone.run(&rk, t0());
    let folder = phone.folder();
    assert!(
        turn_off(&mut phone.store, Some(&folder), false)
            .unwrap()
            .is_empty()
    );
    assert!(!settings(phone.store.conn()).unwrap().enabled);
    assert_eq!(names(&phone.folder()).len(), 1);
    assert_eq!(
        phone.run(&rk, t0() + Duration::days(1)).outcome,
        AutoBackupOutcome::Off
    );
    let removed = turn_off(&mut phone.store, Some(&folder), true).unwrap();
    assert_eq!(removed.len(), 1);
    assert!(names(&phone.folder()).is_empty());
}

#[test]
fn a_killed_runs_temporary_file_is_never_listed_and_the_next_run_sweeps_it() {
    let mut phone = Phone::new(15, 2);
    let rk = turn_on(&mut phone.store, None).unwrap();
    std::fs::create_dir_all(phone.folder()).unwrap();
    // No writer holds its lock: what a SIGKILL leaves (outfile_sweep).
    let temp = phone.folder().join(".reset-00112233445566778899aabb.tmp");
    std::fs::write(&temp, b"half a backup").unwrap();
    assert!(list(&phone.folder()).unwrap().is_empty());
    phone.run(&rk, t0());
    assert!(!temp.exists());
    assert_eq!(list(&phone.folder()).unwrap().len(), 1);
}

#[test]
fn the_folder_must_be_a_folder() {
    let mut phone = Phone::new(16, 1);
    let rk = turn_on(&mut phone.store, None).unwrap();
    std::fs::write(phone.folder(), b"a file").unwrap();
    let err = run(
        &phone.store,
        &phone.key,
        &phone.folder(),
        &rk,
        t0(),
        ZONE,
        false,
        &Silent,
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}
