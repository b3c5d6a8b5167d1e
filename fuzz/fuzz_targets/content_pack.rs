//! Programme content packs (the JSON files in `core/content/programmes/`): parsing and
//! validation never panic, and a refused pack is `invalid_input` or `corrupt`, never worse.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reset_core::ErrorKind;
use reset_core::programme::validate::parse_pack;

fuzz_target!(|text: &str| {
    if let Err(e) = parse_pack(text) {
        assert!(
            matches!(e.kind(), ErrorKind::InvalidInput | ErrorKind::Corrupt),
            "unexpected kind {:?}",
            e.kind()
        );
    }
});
