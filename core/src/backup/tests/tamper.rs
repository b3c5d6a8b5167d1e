//! Every kind of damage or forgery is refused with the kind a person can act on, and the
//! current profile stays byte-for-byte as it was, with no temp file left behind.

use proptest::prelude::*;
use serde_json::Value;

use super::*;

/// Restores `file` into `phone` expecting `kind`, and proves nothing changed.
fn refused(phone: &mut Profile, file: &[u8], passphrase: &str, kind: ErrorKind, case: &str) {
    let before = phone.fingerprint();
    let err = phone.restore(file, passphrase).expect_err(case);
    assert_eq!(err.kind(), kind, "{case}: {err}");
    assert_eq!(phone.fingerprint(), before, "{case}: the profile changed");
}

/// The file's header JSON, and the offset where its sealed payload starts.
fn header_of(file: &[u8]) -> (Value, usize) {
    let len = u32::from_be_bytes(file[10..14].try_into().unwrap()) as usize;
    (
        serde_json::from_slice(&file[14..14 + len]).unwrap(),
        14 + len + 32,
    )
}

/// `file` with its header JSON replaced; `fix_checksum` recomputes the checksum as a forger
/// who knows the format (but not the passphrase) would.
fn with_header(file: &[u8], header: &Value, fix_checksum: bool) -> Vec<u8> {
    let (_, payload_at) = header_of(file);
    let json = serde_json::to_vec(header).unwrap();
    let mut out = file[..10].to_vec();
    out.extend_from_slice(&(json.len() as u32).to_be_bytes());
    out.extend_from_slice(&json);
    let old_sum = &file[payload_at - 32..payload_at];
    if fix_checksum {
        out.extend_from_slice(&format::checksum(&out));
    } else {
        out.extend_from_slice(old_sum);
    }
    out.extend_from_slice(&file[payload_at..]);
    out
}

/// A changed value of the same type for a header field.
fn changed(value: &Value) -> Value {
    match value {
        Value::Number(n) => Value::from(n.as_u64().unwrap() + 1),
        Value::String(s) if s.chars().all(|c| c.is_ascii_hexdigit()) && !s.is_empty() => {
            let mut bytes = hex::decode(s).unwrap();
            bytes[0] ^= 1;
            Value::String(hex::encode(bytes))
        }
        Value::String(s) if s.ends_with('Z') => Value::String("2031-01-01T00:00:00Z".into()),
        Value::String(s) => Value::String(format!("{s}2")),
        other => panic!("unexpected header value {other}"),
    }
}

/// (path into the header, kind when the checksum is recomputed by a forger).
const FIELDS: &[(&str, &str, ErrorKind)] = &[
    ("kdf", "algorithm", ErrorKind::Corrupt),
    ("kdf", "version", ErrorKind::Corrupt),
    // A different salt or cost derives a different key: to the reader that is exactly a
    // wrong passphrase, and it is reported as one.
    ("kdf", "memory_kib", ErrorKind::WrongKey),
    ("kdf", "iterations", ErrorKind::WrongKey),
    ("kdf", "parallelism", ErrorKind::WrongKey),
    ("kdf", "salt", ErrorKind::WrongKey),
    ("", "key_check", ErrorKind::WrongKey),
    ("", "cipher", ErrorKind::Corrupt),
    // The rest are bound as associated data: the key is right, the tag fails.
    ("", "nonce", ErrorKind::Corrupt),
    ("", "compression", ErrorKind::Corrupt),
    ("", "payload_bytes", ErrorKind::Corrupt),
    ("", "created_at", ErrorKind::Corrupt),
    // A newer schema is refused as such before the key is even derived.
    ("", "schema_version", ErrorKind::UnsupportedVersion),
];

#[test]
fn every_header_field_is_covered_by_the_tests() {
    let phone = Profile::new(20);
    let (header, _) = header_of(&phone.backup());
    let mut listed: Vec<String> = FIELDS.iter().map(|(p, f, _)| format!("{p}.{f}")).collect();
    let mut actual = Vec::new();
    for (k, v) in header.as_object().unwrap() {
        match v.as_object() {
            Some(inner) => actual.extend(inner.keys().map(|f| format!("{k}.{f}"))),
            None => actual.push(format!(".{k}")),
        }
    }
    listed.sort();
    actual.sort();
    assert_eq!(listed, actual);
}

#[test]
fn each_tampered_header_field_is_refused_with_the_right_kind() {
    let mut phone = Profile::generated(21, 20);
    let file = phone.backup();
    let (header, _) = header_of(&file);
    // Control: re-encoding the unchanged header reproduces the file, which restores.
    assert_eq!(with_header(&file, &header, true), file);
    assert_eq!(with_header(&file, &header, false), file);
    for (parent, field, forged_kind) in FIELDS {
        let mut edited = header.clone();
        let slot = if parent.is_empty() {
            &mut edited[*field]
        } else {
            &mut edited[*parent][*field]
        };
        *slot = changed(slot);
        let case = format!("{parent}.{field}");
        // Damage (the checksum no longer matches) is always `corrupt`.
        refused(
            &mut phone,
            &with_header(&file, &edited, false),
            PASS,
            ErrorKind::Corrupt,
            &case,
        );
        // A forgery with a recomputed checksum still fails, with the kind listed.
        let forged = with_header(&file, &edited, true);
        refused(
            &mut phone,
            &forged,
            PASS,
            *forged_kind,
            &format!("{case} (forged)"),
        );
    }
    // An unknown extra field is not silently ignored.
    let mut extra = header.clone();
    extra["note"] = Value::from("hi");
    refused(
        &mut phone,
        &with_header(&file, &extra, true),
        PASS,
        ErrorKind::Corrupt,
        "extra field",
    );
}

#[test]
fn the_fixed_prefix_and_checksum_are_checked() {
    let mut phone = Profile::generated(22, 10);
    let file = phone.backup();
    let (_, payload_at) = header_of(&file);
    let edit = |at: usize, value: u8| {
        let mut f = file.clone();
        f[at] = value;
        f
    };
    refused(
        &mut phone,
        &edit(0, b'X'),
        PASS,
        ErrorKind::Corrupt,
        "magic",
    );
    refused(
        &mut phone,
        &edit(9, 3),
        PASS,
        ErrorKind::UnsupportedVersion,
        "newer format version",
    );
    // Format 2 exists (automatic backups) but its header checksum covers the version, and
    // its KDF must be HKDF: a manual backup relabelled 2 is damaged, not newer.
    refused(
        &mut phone,
        &edit(9, 2),
        PASS,
        ErrorKind::Corrupt,
        "relabelled format 2",
    );
    refused(
        &mut phone,
        &edit(8, 1),
        PASS,
        ErrorKind::UnsupportedVersion,
        "much newer format version",
    );
    refused(
        &mut phone,
        &edit(9, 0),
        PASS,
        ErrorKind::Corrupt,
        "format version 0",
    );
    refused(
        &mut phone,
        &edit(13, file[13] + 1),
        PASS,
        ErrorKind::Corrupt,
        "header length",
    );
    refused(
        &mut phone,
        &edit(10, 0xff),
        PASS,
        ErrorKind::Corrupt,
        "huge header length",
    );
    refused(
        &mut phone,
        &edit(payload_at - 1, file[payload_at - 1] ^ 0x80),
        PASS,
        ErrorKind::Corrupt,
        "checksum",
    );
}

#[test]
fn a_flipped_payload_bit_is_corrupt() {
    let mut phone = Profile::generated(23, 10);
    let file = phone.backup();
    let (_, payload_at) = header_of(&file);
    for at in [
        payload_at,
        payload_at + 1,
        (payload_at + file.len()) / 2,
        file.len() - 17,
        file.len() - 1,
    ] {
        let mut f = file.clone();
        f[at] ^= 0x04;
        refused(
            &mut phone,
            &f,
            PASS,
            ErrorKind::Corrupt,
            &format!("bit at {at}"),
        );
    }
    let mut appended = file.clone();
    appended.push(0);
    refused(
        &mut phone,
        &appended,
        PASS,
        ErrorKind::Corrupt,
        "a byte appended",
    );
}

#[test]
fn truncation_anywhere_is_corrupt() {
    let mut phone = Profile::generated(24, 10);
    let file = phone.backup();
    let (_, payload_at) = header_of(&file);
    for len in [
        0,
        1,
        8,
        10,
        13,
        14,
        40,
        payload_at - 33,
        payload_at - 1,
        payload_at,
        payload_at + 16,
        file.len() / 2,
        file.len() - 16,
        file.len() - 1,
    ] {
        refused(
            &mut phone,
            &file[..len],
            PASS,
            ErrorKind::Corrupt,
            &format!("truncated to {len}"),
        );
    }
}

#[test]
fn a_wrong_passphrase_is_wrong_key() {
    let mut phone = Profile::generated(25, 10);
    let file = phone.backup();
    refused(
        &mut phone,
        &file,
        "correct horse battery stapl3",
        ErrorKind::WrongKey,
        "wrong passphrase",
    );
    refused(
        &mut phone,
        &file,
        "CORRECT HORSE BATTERY STAPLE",
        ErrorKind::WrongKey,
        "other case",
    );
}

/// Seals `image` exactly as `create` would, so the tests can build well-formed files whose
/// contents are wrong in one precise way.
fn sealed(image: &Image, passphrase: &str) -> Vec<u8> {
    let meter = Meter::new(&Silent);
    seal(
        image,
        &pass(passphrase),
        now(),
        KdfParams::cheap_for_tests(),
        [5; SALT_LEN],
        [6; NONCE_LEN],
        &meter,
    )
    .unwrap()
}

#[test]
fn a_backup_from_a_newer_schema_is_unsupported_version() {
    let mut phone = Profile::generated(26, 10);
    let mut image = snapshot::take(phone.store.path(), &phone.key).unwrap();
    image.schema_version = SCHEMA_VERSION + 1;
    refused(
        &mut phone,
        &sealed(&image, PASS),
        PASS,
        ErrorKind::UnsupportedVersion,
        "newer schema",
    );
}

#[test]
fn authentic_files_with_wrong_contents_are_corrupt() {
    let mut phone = Profile::generated(27, 10);
    let good = snapshot::take(phone.store.path(), &phone.key).unwrap();

    let mut missing_rows = snapshot::take(phone.store.path(), &phone.key).unwrap();
    *missing_rows.manifest.tables.get_mut("check_ins").unwrap() += 1;
    refused(
        &mut phone,
        &sealed(&missing_rows, PASS),
        PASS,
        ErrorKind::Corrupt,
        "row counts differ",
    );

    let mut header_mismatch = snapshot::take(phone.store.path(), &phone.key).unwrap();
    header_mismatch.schema_version -= 1;
    refused(
        &mut phone,
        &sealed(&header_mismatch, PASS),
        PASS,
        ErrorKind::Corrupt,
        "schema differs",
    );

    let not_a_database = Image {
        bytes: zeroize::Zeroizing::new(vec![7; 8192]),
        manifest: good.manifest.clone(),
        schema_version: good.schema_version,
    };
    refused(
        &mut phone,
        &sealed(&not_a_database, PASS),
        PASS,
        ErrorKind::Corrupt,
        "not a database",
    );

    // Damage inside a page (past the 100-byte file header) that SQLite's checks catch.
    let mut damaged = snapshot::take(phone.store.path(), &phone.key).unwrap();
    let page = 4096;
    for b in &mut damaged.bytes[page * 2..page * 2 + 64] {
        *b = 0xA5;
    }
    refused(
        &mut phone,
        &sealed(&damaged, PASS),
        PASS,
        ErrorKind::Corrupt,
        "damaged page",
    );
}

#[test]
fn a_hostile_cost_in_the_header_is_corrupt_before_any_allocation() {
    let mut phone = Profile::new(28);
    let file = phone.backup();
    let (header, _) = header_of(&file);
    for (field, value) in [
        ("memory_kib", 4u64 << 20),
        ("iterations", 1000),
        ("parallelism", 64),
    ] {
        let mut edited = header.clone();
        edited["kdf"][field] = Value::from(value);
        refused(
            &mut phone,
            &with_header(&file, &edited, true),
            PASS,
            ErrorKind::Corrupt,
            field,
        );
    }
    let mut edited = header.clone();
    edited["payload_bytes"] = Value::from(format::MAX_PAYLOAD_BYTES + 1);
    refused(
        &mut phone,
        &with_header(&file, &edited, true),
        PASS,
        ErrorKind::Corrupt,
        "payload size",
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any single flipped byte is refused: `unsupported_version` only in the format-version
    /// field, `corrupt` everywhere else — never accepted, never an internal error.
    #[test]
    fn any_flipped_byte_is_refused(seed in any::<u64>(), mask in 1u8..=255) {
        thread_local! {
            static CASE: RefCell<Option<(Profile, Vec<u8>)>> = const { RefCell::new(None) };
        }
        CASE.with(|case| {
            let mut slot = case.borrow_mut();
            let (phone, file) = slot.get_or_insert_with(|| {
                let p = Profile::generated(29, 5);
                let f = p.backup();
                (p, f)
            });
            let at = (seed % file.len() as u64) as usize;
            let mut f = file.clone();
            f[at] ^= mask;
            let expected = if at == 8 || (at == 9 && f[9] > 2) { ErrorKind::UnsupportedVersion } else { ErrorKind::Corrupt };
            refused(phone, &f, PASS, expected, &format!("byte {at} ^ {mask:#x}"));
        });
    }
}
