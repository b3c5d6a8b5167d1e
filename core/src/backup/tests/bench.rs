//! Timings for the issue 8 report: backup and restore of a ten-year profile (budget < 2 s
//! each, excluding the deliberate Argon2id cost, which is measured on its own).
//!
//! Run: `cargo test -p reset-core --release backup::tests::bench -- --ignored --nocapture`

use std::time::Instant;

use super::*;

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn bench_backup_and_restore_of_ten_years() {
    let days = 3650;
    let started = Instant::now();
    let phone = Profile::generated(50, days);
    let generated = started.elapsed();
    let rows: u64 = crate::dump::row_counts(phone.store.conn(), "main")
        .unwrap()
        .values()
        .sum();
    let db_bytes = std::fs::metadata(phone.store.path()).unwrap().len();
    let before = phone.dump();

    // The cheap KDF makes these the cost of everything except Argon2id. Median of five runs
    // (the machine is shared; the median is what a person would see).
    let median = |mut v: Vec<std::time::Duration>| {
        v.sort();
        v[v.len() / 2]
    };
    let mut backups = Vec::new();
    let mut restores = Vec::new();
    let mut file = Vec::new();
    let mut other = Profile::new(51);
    for _ in 0..5 {
        let t = Instant::now();
        file = create(
            &phone.store,
            &phone.key,
            &pass(PASS),
            now(),
            &cheap(),
            &Silent,
        )
        .unwrap()
        .0;
        backups.push(t.elapsed());
        let t = Instant::now();
        restore(&mut other.store, &other.key, &file, &pass(PASS), &Silent).unwrap();
        restores.push(t.elapsed());
    }
    assert_eq!(other.dump(), before);
    let (backup, restore_time) = (median(backups), median(restores));

    let t = Instant::now();
    let salt = [3; crypto::SALT_LEN];
    crypto::derive(
        BackupSecret::Passphrase(&pass(PASS)),
        &salt,
        &crypto::Kdf::Argon2id(KdfParams::PHONE),
    )
    .unwrap();
    let argon = t.elapsed();

    let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
    println!(
        "{{\"bench\":\"backup_ten_years\",\"days\":{days},\"rows\":{rows},\"database_bytes\":{db_bytes},\"backup_bytes\":{},\"generate_ms\":{:.0},\"backup_ms\":{:.1},\"restore_ms\":{:.1},\"argon2id_64MiB_t3_p4_ms\":{:.1},\"budget_ms\":2000}}",
        file.len(),
        ms(generated),
        ms(backup),
        ms(restore_time),
        ms(argon)
    );
    assert!(
        ms(backup) < 2000.0 && ms(restore_time) < 2000.0,
        "over the 2 s budget"
    );
}
