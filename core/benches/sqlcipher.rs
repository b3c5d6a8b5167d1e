//! SQLCipher page-crypto cost (ADR 0004): every page written is AES-256-CBC encrypted and
//! HMAC-SHA512 signed, every page read from the file is verified and decrypted, so these
//! timings move with the crypto provider (libtomcrypt on Linux/Android, CommonCrypto on
//! Apple). Run: `cargo bench -p reset-core --bench sqlcipher` (prints JSON lines).
//!
//! - `bulk_write_2000_rows`: one transaction inserting 2,000 rows of 500 bytes (~300 pages).
//! - `single_row_commit`: one small row in its own transaction, the "save a check-in" path.
//! - `cold_open_and_scan`: a fresh connection (empty page cache) reading every page of the
//!   file, the worst case for the first screen after launch.
//!
//! The long ones are reported twice: wall time, and (`_cpu`, Linux) the thread's own CPU time
//! from `/proc/thread-self/schedstat` (tick-granular), which a busy machine disturbs far less.

mod support;
use support::report;

use std::time::{Duration, Instant};

use reset_core::preferences;
use reset_core::store::{DatabaseKey, Store};

const ROW: usize = 500;
const ROWS_PER_TX: usize = 2000;

fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let key = DatabaseKey::from_bytes(&[42; 32]).expect("key");
    let path = dir.path().join("crypto.db");
    let mut store = Store::open(&path, &key).expect("create");
    let provider: String = store
        .conn()
        .query_row("PRAGMA cipher_provider", [], |r| r.get(0))
        .expect("provider");
    println!("{{\"cipher_provider\":\"{provider}\"}}");

    let value = filler(ROW);
    let mut bulk = Samples::default();
    for round in 0..20 {
        bulk.time(|| {
            store
                .write(|tx| {
                    for i in 0..ROWS_PER_TX {
                        preferences::set(tx, &format!("bulk.{round}.{i}"), &value)?;
                    }
                    Ok(())
                })
                .expect("bulk write");
        });
    }
    bulk.report("bulk_write_2000_rows", 100.0);

    // Wall time only: a commit is shorter than the scheduler tick that updates schedstat.
    let mut single = Vec::new();
    for i in 0..200 {
        let t = Instant::now();
        store
            .write(|tx| preferences::set(tx, &format!("one.{i}"), "a short value"))
            .expect("single write");
        single.push(t.elapsed());
    }
    report("single_row_commit", single, 8.0);

    store.checkpoint().expect("checkpoint");
    drop(store);
    let mb = std::fs::metadata(&path).expect("size").len() as f64 / 1e6;
    println!("{{\"database_mb\":{mb:.1}}}");
    let mut cold = Samples::default();
    for _ in 0..20 {
        cold.time(|| {
            let store = Store::open(&path, &key).expect("open");
            let total: i64 = store
                .conn()
                .query_row("SELECT sum(length(value)) FROM settings", [], |r| r.get(0))
                .expect("scan");
            assert!(total > 0);
        });
    }
    cold.report("cold_open_and_scan", 1000.0);
}

/// Wall and thread-CPU durations of repeated runs.
#[derive(Default)]
struct Samples {
    wall: Vec<Duration>,
    cpu: Vec<Duration>,
}

impl Samples {
    fn time(&mut self, f: impl FnOnce()) {
        let cpu = thread_cpu();
        let wall = Instant::now();
        f();
        self.wall.push(wall.elapsed());
        if let (Some(before), Some(after)) = (cpu, thread_cpu()) {
            self.cpu.push(after.saturating_sub(before));
        }
    }

    fn report(self, name: &str, budget_ms: f64) {
        report(name, self.wall, budget_ms);
        if !self.cpu.is_empty() {
            report(&format!("{name}_cpu"), self.cpu, budget_ms);
        }
    }
}

/// CPU time this thread has run, on Linux (first field of schedstat, in nanoseconds).
fn thread_cpu() -> Option<Duration> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// `len` bytes of deterministic text that does not repeat within a page.
fn filler(len: usize) -> String {
    let mut x: u32 = 2_463_534_242;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            char::from(b'a' + (x % 26) as u8)
        })
        .collect()
}
