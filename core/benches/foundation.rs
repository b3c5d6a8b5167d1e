//! Foundation timings: opening an existing encrypted store and creating a new one (all
//! migrations). Run: `cargo bench -p reset-core --bench foundation` (prints JSON lines).

use std::time::{Duration, Instant};

use reset_core::store::{DatabaseKey, Store};

fn stats(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(samples[samples.len() / 2]);
    let p95 = ms(samples[(samples.len() * 95 / 100).min(samples.len() - 1)]);
    (median, p95)
}

fn report(name: &str, samples: Vec<Duration>, budget_ms: f64) {
    let n = samples.len();
    let (median, p95) = stats(samples);
    println!(
        "{{\"bench\":\"{name}\",\"n\":{n},\"median_ms\":{median:.3},\"p95_ms\":{p95:.3},\"budget_ms\":{budget_ms},\"within_budget\":{}}}",
        p95 <= budget_ms
    );
}

fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let key = DatabaseKey::from_bytes(&[42; 32]).expect("key");

    let mut create = Vec::new();
    for i in 0..30 {
        let path = dir.path().join(format!("new-{i}.db"));
        let t = Instant::now();
        let store = Store::open(&path, &key).expect("create");
        create.push(t.elapsed());
        drop(store);
    }
    report("open_new_store_with_migrations", create, 50.0);

    let path = dir.path().join("existing.db");
    {
        let mut store = Store::open(&path, &key).expect("create");
        store
            .write(|tx| {
                for i in 0..1000 {
                    reset_core::preferences::set(tx, &format!("k{i}"), "some value")?;
                }
                Ok(())
            })
            .expect("fill");
    }
    let mut open = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let store = Store::open(&path, &key).expect("open");
        store.counts().expect("first query");
        open.push(t.elapsed());
    }
    report("open_existing_store", open, 20.0);
}
