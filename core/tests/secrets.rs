//! Issue 11, key and secret hygiene: the types that hold the database key or a backup
//! passphrase never print it (`Debug`), and no error — wrong key, malformed key, short
//! passphrase, wrong passphrase — quotes the secret it was given, in any form (hex, raw
//! bytes as `Debug` prints them, or the text).

use reset_core::ResetError;
use reset_core::backup::{self, BackupOptions, KdfParams, Passphrase};
use reset_core::progress::Silent;
use reset_core::store::{DatabaseKey, Store};

const RAW: [u8; 32] = [
    0xde, 0xad, 0xbe, 0xef, 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0x10, 0x32, 0x54, 0x76,
    0x98, 0xba, 0xdc, 0xfe, 0x0f, 0x1e, 0x2d, 0x3c, 0x4b, 0x5a, 0x69, 0x78, 0x87, 0x96, 0xa5, 0xb4,
];
const HEX: &str = "deadbeef0123456789abcdef1032547698badcfe0f1e2d3c4b5a69788796a5b4";
const PASS: &str = "canary passphrase 7f3a";

/// Every way `text` could betray the key or the passphrase.
fn assert_secret_free(text: &str) {
    let lower = text.to_lowercase();
    assert!(!lower.contains(HEX), "key hex in {text}");
    assert!(!lower.contains(&HEX[..16]), "part of the key hex in {text}");
    assert!(!text.contains("222, 173, 190, 239"), "key bytes in {text}");
    assert!(!text.contains("0xde"), "key bytes in {text}");
    assert!(!lower.contains("canary passphrase"), "passphrase in {text}");
    assert!(!lower.contains("7f3a"), "part of the passphrase in {text}");
}

fn both_forms(e: reset_core::Error) {
    assert_secret_free(&e.to_string());
    assert_secret_free(&format!("{e:?}"));
    let public = ResetError::from(e);
    assert_secret_free(&public.to_string());
    assert_secret_free(&format!("{public:?}"));
}

#[test]
fn debug_of_every_secret_holding_type_is_redacted() {
    let key = DatabaseKey::from_bytes(&RAW).unwrap();
    assert_secret_free(&format!("{key:?} {key:#?}"));
    assert_eq!(DatabaseKey::from_hex(HEX).unwrap().expose_bytes(), &RAW);
    let pass = Passphrase::new(PASS).unwrap();
    assert_secret_free(&format!("{pass:?} {pass:#?}"));
    let dir = tempfile::TempDir::new().unwrap();
    let store = Store::open(&dir.path().join("profile.db"), &key).unwrap();
    assert_secret_free(&format!("{store:?} {store:#?}"));
    assert_secret_free(&format!(
        "{:?}",
        BackupOptions::with_kdf(KdfParams::cheap_for_tests())
    ));
}

#[test]
fn malformed_keys_and_passphrases_are_refused_without_quoting_them() {
    for bad in [
        &HEX[..63],
        &format!("{HEX}00"),
        &format!("{}zz", &HEX[..62]),
    ] {
        both_forms(DatabaseKey::from_hex(bad).unwrap_err());
    }
    both_forms(DatabaseKey::from_bytes(&RAW[..31]).unwrap_err());
    both_forms(Passphrase::new("7f3a").unwrap_err());
    both_forms(Passphrase::new(&format!("canary passphrase {}", "x".repeat(1100))).unwrap_err());
}

#[test]
fn wrong_key_and_wrong_passphrase_errors_quote_neither() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("profile.db");
    let right = DatabaseKey::from_bytes(&[7; 32]).unwrap();
    let mut store = Store::open(&path, &right).unwrap();
    let err = Store::open(&path, &DatabaseKey::from_bytes(&RAW).unwrap()).unwrap_err();
    assert_eq!(err.kind(), reset_core::ErrorKind::WrongKey);
    both_forms(err);

    let options = BackupOptions::with_kdf(KdfParams::cheap_for_tests());
    let now = reset_core::time::parse_instant("2027-03-28T09:00:00Z", "now").unwrap();
    let (file, _) = backup::create(
        &store,
        &right,
        &Passphrase::new(PASS).unwrap(),
        now,
        &options,
        &Silent,
    )
    .unwrap();
    assert!(!file.windows(PASS.len()).any(|w| w == PASS.as_bytes()));
    let wrong = Passphrase::new("canary passphrase 7f3a but wrong").unwrap();
    let err = backup::restore(&mut store, &right, &file, &wrong, &Silent).unwrap_err();
    assert_eq!(err.kind(), reset_core::ErrorKind::WrongKey);
    both_forms(err);
}
