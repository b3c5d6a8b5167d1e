//! Concurrent access (issue 11): the app and its notification handler each hold a
//! `Companion` on the same file, in two threads and in two processes. Nothing acknowledged
//! may be lost or torn; SQLITE_BUSY is absorbed by the store's bounded wait (busy_timeout,
//! `store::BUSY_TIMEOUT` = 3 s) and surfaces as a typed `storage` error past it, never a hang.

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reset_core::ErrorKind;
use reset_reliability::fixture;
use reset_reliability::verify::{self, Ledger};
use reset_reliability::workload::{self, Ack, Mix, SteppingClock};
use tempfile::TempDir;

fn companion(db: &Path, first_op: u64) -> (Arc<reset_ffi::Companion>, Arc<SteppingClock>) {
    let clock = Arc::new(SteppingClock::default());
    clock.at_op(first_op);
    (
        workload::open(db, &fixture::key(), clock.clone()).unwrap(),
        clock,
    )
}

/// Runs ops `first..first + n` on `c`, reading between writes, and returns the ACKs.
fn work(c: &reset_ffi::Companion, clock: &SteppingClock, first: u64, n: u64) -> Vec<Ack> {
    let mut acks = Vec::new();
    for op in first..first + n {
        clock.at_op(op);
        acks.push(workload::op(c, op, Mix::Appends).unwrap_or_else(|e| panic!("op {op}: {e:?}")));
        if op.is_multiple_of(4) {
            c.check_ins(None, None).unwrap();
            c.status().unwrap();
        }
    }
    acks
}

fn assert_all_present(db: &Path, acks: Vec<Ack>) {
    let total = acks.len() as i64;
    let mut ledger = Ledger::default();
    let extra = verify::check_writes(db, &fixture::key(), &mut ledger, acks).unwrap();
    assert_eq!(extra, 0, "no write may appear that was not acknowledged");
    let raw = verify::raw_check(db, &fixture::key()).unwrap();
    assert_eq!(
        raw.counts["check_ins"] + raw.counts["journal_entries"],
        total
    );
}

#[test]
fn two_companions_in_two_threads_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("profile.db");
    let (app, app_clock) = companion(&db, 0);
    let (handler, handler_clock) = companion(&db, 100_000);
    let a = std::thread::spawn(move || work(&app, &app_clock, 0, 150));
    let b = std::thread::spawn(move || work(&handler, &handler_clock, 100_000, 150));
    let mut acks = a.join().unwrap();
    acks.extend(b.join().unwrap());
    assert_eq!(acks.len(), 300);
    assert_all_present(&db, acks);
}

#[test]
fn two_processes_on_one_file_lose_nothing() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("profile.db");
    // Create and migrate first, so both children race on writes rather than on creation.
    drop(companion(&db, 0));
    let key: String = fixture::key().iter().map(|b| format!("{b:02x}")).collect();
    let spawn = |first: u64| {
        Command::new(env!("CARGO_BIN_EXE_reset-crash-child"))
            .args([
                "writes",
                &db.display().to_string(),
                &key,
                &first.to_string(),
                "120",
                "appends",
            ])
            .output()
            .unwrap()
    };
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| spawn(0));
        let b = s.spawn(|| spawn(500_000));
        (a.join().unwrap(), b.join().unwrap())
    });
    let mut acks = Vec::new();
    for out in [a, b] {
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            out.status.success(),
            "child failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(text.lines().any(|l| l == "DONE"));
        acks.extend(text.lines().filter_map(Ack::parse));
    }
    assert_eq!(acks.len(), 240);
    assert_all_present(&db, acks);
}

#[test]
fn a_held_write_lock_gives_a_storage_error_after_the_bound_not_a_hang() {
    let dir = TempDir::new().unwrap();
    let db = dir.path().join("profile.db");
    let (c, clock) = companion(&db, 0);
    let before = work(&c, &clock, 0, 4);
    // Another connection (a second process, say) takes the write lock and keeps it.
    let holder = fixture::raw_connection(&db, &fixture::key()).unwrap();
    holder
        .execute_batch("BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('held', 'x');")
        .unwrap();

    // Reads are not blocked by a writer in WAL mode.
    let t = Instant::now();
    assert_eq!(c.check_ins(None, None).unwrap().len(), 2);
    assert!(
        t.elapsed() < Duration::from_millis(500),
        "a read waited for the writer"
    );

    clock.at_op(10);
    let t = Instant::now();
    let err = workload::op(&c, 10, Mix::Appends).unwrap_err();
    let waited = t.elapsed();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
    assert!(err.to_string().contains("busy"), "{err}");
    // The bound is 3 s: it waited for it (retrying), and gave up soon after it.
    assert!(
        waited >= Duration::from_millis(2_900),
        "gave up after {waited:?}"
    );
    assert!(
        waited < Duration::from_secs(6),
        "waited {waited:?}: the bound was not honoured"
    );
    eprintln!("busy: gave up after {waited:?}");

    // Once the other writer is done, the same write goes through and nothing was lost.
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    let after = workload::op(&c, 10, Mix::Appends).unwrap();
    c.close();
    let mut acks = before;
    acks.push(after);
    assert_all_present(&db, acks);
}

#[test]
fn restore_refuses_while_another_companion_holds_the_profile() {
    let dir = TempDir::new().unwrap();
    let (db, source, backup) = (
        dir.path().join("profile.db"),
        dir.path().join("source.db"),
        dir.path().join("b.backup"),
    );
    fixture::build_profile(&source, &fixture::key(), 1000, 10, Mix::All).unwrap();
    fixture::make_backup(&source, &fixture::key(), &backup).unwrap();
    let (app, clock) = companion(&db, 0);
    let acks = work(&app, &clock, 0, 6);
    let (handler, _) = companion(&db, 0);
    let err = app
        .restore_backup(
            backup.display().to_string(),
            fixture::PASSPHRASE.into(),
            None,
        )
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Storage, "{err:?}");
    // Both still work on the untouched profile.
    assert_eq!(handler.check_ins(None, None).unwrap().len(), 3);
    clock.at_op(6);
    let more = workload::op(&app, 6, Mix::Appends).unwrap();
    drop((app, handler));
    let mut all = acks;
    all.push(more);
    assert_all_present(&db, all);
}
