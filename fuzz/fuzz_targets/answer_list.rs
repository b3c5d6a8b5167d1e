//! `--answers` lists (`1,2,na,decline`): never panics, and whatever parses prints back to a
//! text that parses to the same answers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reset_core::ErrorKind;
use reset_core::assessment::{format_answers, parse_answers};

fuzz_target!(|text: &str| {
    match parse_answers(text) {
        Ok(answers) => {
            let again = parse_answers(&format_answers(&answers)).expect("printed answers parse");
            assert_eq!(again, answers);
        }
        Err(e) => assert_eq!(e.kind(), ErrorKind::InvalidInput),
    }
});
