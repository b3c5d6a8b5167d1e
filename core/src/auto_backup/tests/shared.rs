//! A folder two profiles share (hostile review 3, F2), a clock that was wrong once (F3), and
//! what a restore does to the automatic-backup settings (F16, F25).

use super::*;
use crate::auto_backup::rotation::{commit, prepare};
use crate::backup::{BackupOptions, KdfParams, Passphrase};

/// Phone `b` writing its backups into `a`'s folder.
fn run_into(b: &Phone, folder: &Path, rk: &RecoveryKey, now: DateTime<Utc>) -> AutoBackupRun {
    run(&b.store, &b.key, folder, rk, now, ZONE, false, &Silent).unwrap()
}

#[test]
fn two_profiles_in_one_folder_count_prune_rotate_and_delete_only_their_own() {
    let mut a = Phone::new(60, 3);
    let mut b = Phone::new(61, 3);
    let folder = a.folder();
    let rk_a = turn_on(&mut a.store, None).unwrap();
    let rk_b = turn_on(&mut b.store, None).unwrap();
    // Twelve days of A: the keep rule has something to prune.
    for day in 0..12 {
        a.run(&rk_a, t0() + Duration::days(day));
    }
    let a_files = list_owned(&folder, &rk_a).unwrap();
    assert!(a_files.len() < 12, "A's keep rule pruned some");
    // B's first run the same day as A's last: due, because A's file is not B's.
    let b_first = run_into(
        &b,
        &folder,
        &rk_b,
        t0() + Duration::days(11) + Duration::hours(2),
    );
    assert_eq!(b_first.outcome, AutoBackupOutcome::Written);
    assert!(
        b_first.removed.is_empty(),
        "B's keep rule never prunes A's files"
    );
    for day in 12..20 {
        run_into(&b, &folder, &rk_b, t0() + Duration::days(day));
    }
    assert_eq!(
        list_owned(&folder, &rk_a).unwrap(),
        a_files,
        "A's files untouched"
    );
    let b_status = status_for(
        b.store.conn(),
        Some(&folder),
        t0() + Duration::days(20),
        ZONE,
        Some(&rk_b),
    )
    .unwrap();
    assert!(
        b_status
            .files
            .iter()
            .all(|f| opens_with(&folder, &f.name, &rk_b))
    );
    assert_eq!(
        b_status.files.len(),
        list_owned(&folder, &rk_b).unwrap().len()
    );

    // B rotates: only what B's old key opens goes.
    let (new_b, _) = prepare(&mut b.store, &folder, &rk_b).unwrap();
    let done = commit(&mut b.store, &folder, &rk_b, &new_b).unwrap();
    assert!(!done.removed.is_empty());
    assert!(
        done.removed
            .iter()
            .all(|n| !a_files.iter().any(|f| &f.name == n))
    );
    assert_eq!(list_owned(&folder, &rk_a).unwrap(), a_files);
    assert_eq!(list_owned(&folder, &new_b).unwrap().len(), 1);

    // B deletes its own: A's stay.
    let (removed, left) = remove_owned(&folder, &new_b).unwrap();
    assert_eq!(removed.len(), 1);
    assert_eq!(left.len(), a_files.len());
    assert_eq!(list(&folder).unwrap(), a_files);
}

#[test]
fn a_file_dated_in_the_future_is_never_the_newest() {
    let mut phone = Phone::new(62, 3);
    let rk = turn_on(&mut phone.store, None).unwrap();
    let future = phone.run(&rk, t0() + Duration::days(1500)).file.unwrap();
    let mut last = None;
    for day in 0..3 {
        last = phone.run(&rk, t0() + Duration::days(day)).file;
    }
    let last = last.unwrap();
    let now = t0() + Duration::days(3);
    let s = status(phone.store.conn(), Some(&phone.folder()), now, ZONE).unwrap();
    assert_eq!(s.last_backup, Some(last.created_at));
    assert_eq!(s.files.last().unwrap().name, future.name, "listed last");
    let mut other = Phone::new(63, 0);
    let restored = restore_newest(
        &mut other.store,
        &other.key,
        &phone.folder(),
        &rk,
        now,
        &Silent,
    )
    .unwrap();
    assert_eq!(restored.name, last.name);
}

fn settings_of(phone: &Phone) -> (AutoBackupSettings, Option<String>) {
    (
        settings(phone.store.conn()).unwrap(),
        preferences::get(
            phone.store.conn(),
            crate::auto_backup::rotation::ROTATION_PREFERENCE,
        )
        .unwrap(),
    )
}

#[test]
fn a_restore_keeps_the_profiles_own_automatic_backup_settings() {
    let pass = Passphrase::new("correct horse battery staple").unwrap();
    let options = BackupOptions::with_kdf(KdfParams::cheap_for_tests());
    // The backup: made while automatic backups were off (F25), from a profile that later
    // pointed them at its own folder (F16).
    let mut source = Phone::new(64, 3);
    let manual = source.dir.path().join("manual.rcbackup");
    crate::backup::create_file(
        &source.store,
        &source.key,
        &manual,
        &pass,
        t0(),
        &options,
        &Silent,
    )
    .unwrap();
    let rk_source = turn_on(&mut source.store, Some("/elsewhere/auto")).unwrap();
    source.run(&rk_source, t0());

    let mut target = Phone::new(65, 3);
    turn_on(&mut target.store, Some("/mine/auto")).unwrap();
    let before = settings_of(&target);
    crate::backup::restore_file(&mut target.store, &target.key, &manual, &pass, &Silent).unwrap();
    assert_eq!(settings_of(&target), before, "on, its own folder");

    // Off stays off, whatever the backup held.
    let mut off = Phone::new(66, 3);
    turn_off(&mut off.store, None, false).unwrap();
    let auto_file = source
        .folder()
        .join(&list(&source.folder()).unwrap()[0].name);
    let secret = BackupSecret::RecoveryKey(&rk_source);
    crate::backup::restore_file_with(&mut off.store, &off.key, &auto_file, secret, &Silent)
        .unwrap();
    assert!(!settings(off.store.conn()).unwrap().enabled);

    // A new phone restoring with the recovery key continues the backups that restored it.
    let mut fresh = Phone::new(67, 0);
    let secret = BackupSecret::RecoveryKey(&rk_source);
    crate::backup::restore_file_with(&mut fresh.store, &fresh.key, &auto_file, secret, &Silent)
        .unwrap();
    let continued = settings(fresh.store.conn()).unwrap();
    assert!(continued.enabled);
    assert_eq!(continued.folder.as_deref(), Some("/elsewhere/auto"));
}
