//! Two-phase key rotation as specifications: nothing a restore reads changes before the
//! commit, a commit finishes from every state a kill can leave, and a rotation whose key the
//! shell never stored is discarded with the old key still opening everything.
//! (`tools/reliability`'s `rotation` mode kills a real process between and inside the phases.)

use super::*;
use crate::auto_backup::rotation::{self, RotationSettlement, commit, discard, prepare, settle};

/// The phone's folder, borrowed apart from its store.
fn auto(dir: &TempDir) -> PathBuf {
    dir.path().join("auto")
}

fn pending_files(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| rotation::is_pending_file_name(n))
        .collect();
    names.sort();
    names
}

/// A phone with backups on days 0, 1 and 2, and its recovery key.
fn three_days(byte: u8) -> (Phone, RecoveryKey) {
    let mut phone = Phone::new(byte, 8);
    let old = turn_on(&mut phone.store, None).unwrap();
    for day in 0..3 {
        phone.run(&old, t0() + Duration::days(day));
    }
    (phone, old)
}

/// Restores the newest backup of `phone`'s folder into a new profile with `key`.
fn restore_with(phone: &Phone, key: &RecoveryKey) -> Result<(String, AutoRestoreSummary)> {
    let mut other = Phone::new(99, 0);
    let summary = restore_newest(
        &mut other.store,
        &other.key,
        &phone.folder(),
        key,
        LATER,
        &Silent,
    )?;
    Ok((other.dump(), summary))
}

#[test]
fn until_the_commit_every_backup_and_every_run_stays_under_the_old_key() {
    let (mut phone, old) = three_days(40);
    let before = names(&phone.folder());
    let stranger = RecoveryKey::from_bytes([7; 16]);
    let err = prepare(&mut phone.store, &auto(&phone.dir), &stranger).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::WrongKey);
    assert!(pending_files(&phone.folder()).is_empty(), "nothing written");
    assert!(!rotation::is_pending(phone.store.conn()).unwrap());

    let (new, prepared) = prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap();
    assert_ne!(new, old);
    let pending = prepared.pending.unwrap();
    assert_eq!(
        pending.created_at,
        list(&phone.folder()).unwrap()[0].created_at
    );
    assert_eq!(pending_files(&phone.folder()), vec![pending.name.clone()]);
    assert_eq!(names(&phone.folder()), before, "no backup touched");
    let status = status(phone.store.conn(), Some(&phone.folder()), t0(), ZONE).unwrap();
    assert!(status.rotation_pending);
    assert_eq!(
        status.files.len(),
        3,
        "the pending file is not listed as a backup"
    );
    assert!(
        restore_with(&phone, &old).is_ok(),
        "the old key still opens it"
    );
    assert_eq!(
        restore_with(&phone, &new).unwrap_err().kind(),
        ErrorKind::WrongKey,
        "the new key opens no backup before the commit"
    );
    let err = run(
        &phone.store,
        &phone.key,
        &phone.folder(),
        &new,
        t0() + Duration::days(3),
        ZONE,
        false,
        &Silent,
    )
    .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::Conflict,
        "no backup under an uncommitted key"
    );
    let again = prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap_err();
    assert_eq!(again.kind(), ErrorKind::Conflict, "one rotation at a time");

    // A run between the phases uses the old key; the commit re-seals that newer backup.
    let day3 = phone.run(&old, t0() + Duration::days(3)).file.unwrap();
    let newest = phone.dump();
    let done = commit(&mut phone.store, &auto(&phone.dir), &old, &new).unwrap();
    assert_eq!(done.file.as_ref().unwrap().name, day3.name);
    assert_eq!(done.removed.len(), 3);
    assert_eq!(names(&phone.folder()), vec![day3.name.clone()]);
    assert!(pending_files(&phone.folder()).is_empty());
    assert!(!rotation::is_pending(phone.store.conn()).unwrap());
    let (dump, summary) = restore_with(&phone, &new).unwrap();
    assert_eq!(dump, newest);
    assert_eq!(summary.name, day3.name);
    assert_eq!(
        restore_with(&phone, &old).unwrap_err().kind(),
        ErrorKind::WrongKey
    );
    // Daily runs go on under the new key.
    let next = phone.run(&new, t0() + Duration::days(4));
    assert_eq!(next.outcome, AutoBackupOutcome::Written);
}

#[test]
fn the_commit_renames_the_prepared_file_over_the_backup_it_reseals_and_is_idempotent() {
    let (mut phone, old) = three_days(41);
    let newest_name = names(&phone.folder())[0].clone();
    let newest = phone.dump();
    let (new, _) = prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap();
    let pending = std::fs::read(phone.folder().join(&pending_files(&phone.folder())[0])).unwrap();
    let done = commit(&mut phone.store, &auto(&phone.dir), &old, &new).unwrap();
    assert_eq!(done.file.unwrap().name, newest_name);
    assert_eq!(
        std::fs::read(phone.folder().join(&newest_name)).unwrap(),
        pending,
        "the prepared bytes, renamed, not sealed again"
    );
    let again = commit(&mut phone.store, &auto(&phone.dir), &old, &new).unwrap();
    assert!(again.removed.is_empty() && again.skipped.is_empty());
    assert_eq!(again.file.unwrap().name, newest_name);
    assert_eq!(restore_with(&phone, &new).unwrap().0, newest);
}

/// A kill after the new key was stored but before the person confirmed it leaves the rotation
/// only prepared: settling waits for the resumed ceremony and changes nothing. Every state a
/// kill inside the commit can leave (the record marked committing; then the pending file
/// renamed; then the old files deleted; then the record cleared) is finished by settling.
#[test]
fn a_commit_killed_at_any_step_is_finished_by_the_next_settle() {
    for step in 0..5 {
        let (mut phone, old) = three_days(42 + step);
        let newest = phone.dump();
        let folder = phone.folder();
        let newest_name = names(&folder)[0].clone();
        let (new, _) = prepare(&mut phone.store, &folder, &old).unwrap();
        let before = std::fs::read(folder.join(&newest_name)).unwrap();
        let pending = folder.join(&pending_files(&folder)[0]);
        if step == 0 {
            let settled = settle(&mut phone.store, &folder, &old, Some(&new)).unwrap();
            assert_eq!(settled, RotationSettlement::AwaitingConfirmation);
            assert_eq!(std::fs::read(folder.join(&newest_name)).unwrap(), before);
            assert!(rotation::is_pending(phone.store.conn()).unwrap());
            // The person confirms the key in the resumed ceremony.
            commit(&mut phone.store, &folder, &old, &new).unwrap();
        }
        if step >= 1 {
            let record = preferences::get(phone.store.conn(), rotation::ROTATION_PREFERENCE)
                .unwrap()
                .unwrap();
            let committing = record.replacen("prepared:", "committing:", 1);
            phone
                .store
                .write(|tx| preferences::set(tx, rotation::ROTATION_PREFERENCE, &committing))
                .unwrap();
        }
        if step >= 2 {
            std::fs::rename(&pending, folder.join(&newest_name)).unwrap();
        }
        if step >= 3 {
            for name in names(&folder).into_iter().skip(1) {
                std::fs::remove_file(folder.join(name)).unwrap();
            }
        }
        if step >= 4 {
            phone
                .store
                .write(|tx| preferences::remove(tx, rotation::ROTATION_PREFERENCE))
                .unwrap();
        }
        if step >= 1 {
            let settled = settle(&mut phone.store, &folder, &old, Some(&new)).unwrap();
            let RotationSettlement::Committed { rotation } = settled else {
                panic!("step {step}: {settled:?}");
            };
            assert_eq!(rotation.file.unwrap().name, newest_name, "step {step}");
        }
        assert_eq!(names(&folder), vec![newest_name.clone()], "step {step}");
        assert!(pending_files(&folder).is_empty(), "step {step}");
        assert!(!rotation::is_pending(phone.store.conn()).unwrap());
        assert_eq!(restore_with(&phone, &new).unwrap().0, newest, "step {step}");
        assert_eq!(
            restore_with(&phone, &old).unwrap_err().kind(),
            ErrorKind::WrongKey,
            "step {step}"
        );
    }
}

#[test]
fn a_rotation_whose_key_the_shell_never_stored_is_discarded_and_the_old_key_opens_everything() {
    let (mut phone, old) = three_days(46);
    let before: Vec<Vec<u8>> = names(&phone.folder())
        .iter()
        .map(|n| std::fs::read(phone.folder().join(n)).unwrap())
        .collect();
    let (lost, _) = prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap();
    let settled = settle(&mut phone.store, &auto(&phone.dir), &old, None).unwrap();
    let RotationSettlement::Discarded { removed } = settled else {
        panic!("{settled:?}");
    };
    assert_eq!(removed.len(), 1);
    assert!(pending_files(&phone.folder()).is_empty());
    assert!(!rotation::is_pending(phone.store.conn()).unwrap());
    let after: Vec<Vec<u8>> = names(&phone.folder())
        .iter()
        .map(|n| std::fs::read(phone.folder().join(n)).unwrap())
        .collect();
    assert_eq!(after, before, "every backup byte for byte");
    assert!(restore_with(&phone, &old).is_ok());
    // The lost key can no longer be committed, and nothing pending is left to settle.
    let err = commit(&mut phone.store, &auto(&phone.dir), &old, &lost).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    assert_eq!(
        settle(&mut phone.store, &auto(&phone.dir), &old, None).unwrap(),
        RotationSettlement::NothingPending
    );
    // A stale pending key (from a rotation discarded since) is dropped, not committed.
    let settled = settle(&mut phone.store, &auto(&phone.dir), &old, Some(&lost)).unwrap();
    assert!(matches!(settled, RotationSettlement::Discarded { .. }));
    assert_eq!(names(&phone.folder()).len(), 3);
    assert!(prepare(&mut phone.store, &auto(&phone.dir), &old).is_ok());
}

#[test]
fn a_prepare_killed_before_it_recorded_itself_leaves_a_stray_that_settling_deletes() {
    let (mut phone, old) = three_days(47);
    let newest = list(&phone.folder()).unwrap()[0].created_at;
    let stray = phone.folder().join(rotation_file(newest));
    std::fs::write(&stray, b"a re-sealed file nobody recorded").unwrap();
    assert_eq!(
        settle(&mut phone.store, &auto(&phone.dir), &old, None).unwrap(),
        RotationSettlement::NothingPending
    );
    assert!(!stray.exists());
    assert_eq!(names(&phone.folder()).len(), 3);
}

fn rotation_file(at: Timestamp) -> String {
    pending_file_name(at.0)
}

#[test]
fn a_rotation_prepared_on_an_empty_folder_commits_the_first_run_under_the_new_key() {
    let mut phone = Phone::new(48, 3);
    let old = turn_on(&mut phone.store, None).unwrap();
    let (new, prepared) = prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap();
    assert_eq!(prepared.pending, None);
    phone.run(&old, t0());
    // The backup holds the profile as it was, the rotation's record too (a restored phone
    // holds no pending key, so its first settle discards it).
    let at_run = phone.dump();
    let done = commit(&mut phone.store, &auto(&phone.dir), &old, &new).unwrap();
    assert!(done.file.is_some() && done.removed.is_empty());
    assert_eq!(restore_with(&phone, &new).unwrap().0, at_run);
}

#[test]
fn turning_off_or_discarding_deletes_the_pending_file_and_the_record() {
    let (mut phone, old) = three_days(49);
    prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap();
    let folder = phone.folder();
    let removed = turn_off(&mut phone.store, Some(&folder), false).unwrap();
    assert_eq!(removed.len(), 1, "the pending file, not the backups");
    assert!(pending_files(&folder).is_empty());
    assert!(!rotation::is_pending(phone.store.conn()).unwrap());
    assert_eq!(names(&folder).len(), 3);
    assert!(discard(&mut phone.store, Some(&folder)).unwrap().is_empty());
}

#[test]
fn prepare_needs_backups_on_and_the_record_holds_no_key() {
    let mut phone = Phone::new(50, 1);
    let err = prepare(
        &mut phone.store,
        &auto(&phone.dir),
        &RecoveryKey::from_bytes([1; 16]),
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Conflict);
    let old = turn_on(&mut phone.store, None).unwrap();
    let (new, _) = prepare(&mut phone.store, &auto(&phone.dir), &old).unwrap();
    let record = preferences::get(phone.store.conn(), rotation::ROTATION_PREFERENCE)
        .unwrap()
        .unwrap();
    let shown = new.display().to_string();
    for needle in [
        shown.clone(),
        shown.replace('-', ""),
        hex::encode(new.as_bytes()),
    ] {
        assert!(!record.contains(&needle) && !phone.dump().contains(&needle));
    }
    assert!(rotation::is_prepared_key(phone.store.conn(), &new).unwrap());
    assert!(!rotation::is_prepared_key(phone.store.conn(), &old).unwrap());
    let err = preferences::set_by_app(phone.store.conn(), rotation::ROTATION_PREFERENCE, "x")
        .unwrap_err();
    assert_eq!(
        err.kind(),
        ErrorKind::InvalidInput,
        "the app cannot forge one"
    );
}
