//! Foundation timings: opening an existing encrypted store and creating a new one (all
//! migrations). Run: `cargo bench -p reset-core --bench foundation` (prints JSON lines).

mod support;
use support::report;

use std::time::Instant;

use reset_core::store::{DatabaseKey, Store};

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
