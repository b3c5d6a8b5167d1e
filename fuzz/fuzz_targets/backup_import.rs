//! Backup import. The first byte picks how the rest is read:
//! - even: the bytes are a whole backup file, restored with the fixture passphrase (reaches
//!   the header, checksum, KDF bounds and the AEAD);
//! - odd: `[schema version][manifest length u16 BE][manifest JSON][SQLite image]`, sealed
//!   properly first (`backup::fuzzing`), so the fuzzer reaches what only someone who knows
//!   the passphrase could: decompression, the manifest, SQLite reading the image, migration.
//!
//! Never panics; a refusal leaves the profile's integrity intact, and an accepted restore
//! yields a profile that passes SQLite's integrity check.
#![no_main]

mod common;

use std::cell::RefCell;

use libfuzzer_sys::fuzz_target;
use reset_core::ErrorKind;
use reset_core::backup::{self, Passphrase};
use reset_core::progress::Silent;

thread_local! {
    static PROFILE: RefCell<common::Scratch> = RefCell::new(common::Scratch::new());
}

const PASS: &str = "fixture passphrase";

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let passphrase = Passphrase::new(PASS).expect("passphrase");
    let file = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        let [schema, hi, lo, tail @ ..] = rest else {
            return;
        };
        let len = usize::from(u16::from_be_bytes([*hi, *lo])).min(tail.len());
        let (manifest, image) = tail.split_at(len);
        match backup::fuzzing::seal_contents(
            manifest,
            image,
            i64::from(*schema),
            &passphrase,
            common::now(),
        ) {
            Ok(file) => file,
            Err(_) => return,
        }
    };
    PROFILE.with(|p| {
        let mut p = p.borrow_mut();
        let key = p.key.clone();
        match backup::restore(&mut p.store, &key, &file, &passphrase, &Silent) {
            Ok(_) => p
                .store
                .integrity_check()
                .expect("restored profile is sound"),
            Err(e) => {
                assert!(
                    matches!(
                        e.kind(),
                        ErrorKind::Corrupt | ErrorKind::WrongKey | ErrorKind::UnsupportedVersion
                    ),
                    "unexpected kind {:?}",
                    e.kind()
                );
            }
        }
    });
});
