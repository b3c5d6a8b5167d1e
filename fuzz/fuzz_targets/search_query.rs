//! Search queries against a real (small, encrypted) profile: the sanitiser turns any text into
//! either `invalid_input` or an FTS5 expression SQLite accepts — an FTS syntax error reaching
//! SQLite would surface as a `storage` error, which is the bug this target hunts.
#![no_main]

mod common;

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use reset_core::ErrorKind;
use reset_core::journal::input::parse_record;
use reset_core::journal::{JournalInput, JournalKind, entries, search};

thread_local! {
    static PROFILE: RefCell<common::Scratch> = RefCell::new(seeded());
}

/// A profile with a few entries, so queries match, rank and make snippets.
fn seeded() -> common::Scratch {
    let mut scratch = common::Scratch::new();
    let texts = [
        r#"{"text": "Slept badly, but the walk by the river at lunch helped. Café au lait with Sam."}"#,
        r#"{"text": "Worried about the exam; breathing exercise at 3pm, then tea."}"#,
        r#"{"text": "Naïve plan: run 5 km, call Mum, write 3 good things — 嬉しい"}"#,
    ];
    for text in texts {
        let body = parse_record(JournalKind::Free, text).expect("seed entry");
        let input = JournalInput {
            body,
            tags: vec!["seed".into(), "river-walk".into()],
            shared_with_therapist: false,
            at: None,
        };
        scratch
            .store
            .write(|tx| {
                entries::add(
                    tx,
                    input,
                    common::now(),
                    reset_core::time::Tz::known("Europe/London"),
                )
            })
            .expect("store seed entry");
    }
    scratch
}

fuzz_target!(|query: &str| {
    PROFILE.with(|p| {
        let p = p.borrow();
        let accepted = search::to_fts_expression(query).is_ok();
        match search::search(p.store.conn(), query, Some(5)) {
            Ok(_) => assert!(accepted),
            Err(e) => {
                assert_eq!(
                    e.kind(),
                    ErrorKind::InvalidInput,
                    "query reached SQLite badly"
                );
                assert!(!accepted);
            }
        }
    });
});
