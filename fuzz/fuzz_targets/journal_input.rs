//! The journal's `--input FILE.json` records, one per kind (first byte picks the kind):
//! never panics, refusals are `invalid_input`, and an accepted record survives the JSON it is
//! stored as (what `journal_entries.record` holds must read back as the same record).
#![no_main]

use libfuzzer_sys::fuzz_target;
use reset_core::ErrorKind;
use reset_core::journal::JournalKind;
use reset_core::journal::input::parse_record;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = JournalKind::ALL[usize::from(pick) % JournalKind::ALL.len()];
    match parse_record(kind, text) {
        Ok(body) => {
            body.validate().expect("an accepted record is valid");
            let stored = body.to_json().expect("an accepted record serialises");
            let again = parse_record(kind, &stored).expect("the stored form parses");
            assert_eq!(again, body);
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidInput),
    }
});
