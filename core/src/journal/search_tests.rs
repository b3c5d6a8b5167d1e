//! Search and erasure against a real encrypted store, including the privacy canaries.

use std::path::Path;

use super::*;
use crate::checkin::tests::{count, instant, london, open_store};
use crate::checkin::{self, CheckInInput};
use crate::journal::tests::{add_body, fixture};
use crate::store::{Store, profile_files};

fn hits(store: &Store, q: &str) -> Vec<SearchHit> {
    search::search(store.conn(), q, None).unwrap()
}

/// Every byte of the database, its WAL, SHM and rollback journal.
fn raw_bytes(path: &Path) -> Vec<u8> {
    profile_files(path)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .flatten()
        .collect()
}

/// A decrypted logical copy (every table and index, no free pages): what the data *holds*.
fn plaintext_copy(store: &Store, dir: &Path) -> Vec<u8> {
    let out = dir.join("plain-copy.db");
    let _ = std::fs::remove_file(&out);
    let conn = store.conn();
    conn.execute(
        &format!("ATTACH DATABASE '{}' AS plaintext KEY ''", out.display()),
        [],
    )
    .unwrap();
    conn.query_row("SELECT sqlcipher_export('plaintext')", [], |_| Ok(()))
        .unwrap();
    conn.execute("DETACH DATABASE plaintext", []).unwrap();
    std::fs::read(&out).unwrap()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn the_bundled_sqlcipher_has_fts5() {
    let (_d, store) = open_store();
    let options: Vec<String> = store
        .conn()
        .prepare("PRAGMA compile_options")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert!(options.iter().any(|o| o == "ENABLE_FTS5"), "{options:?}");
}

#[test]
fn search_is_ranked_prefixed_and_case_and_accent_insensitive_with_bracketed_snippets() {
    let (_d, mut store) = open_store();
    let weak = add_body(
        &mut store,
        JournalBody::from_text(
            JournalKind::Free,
            &format!(
                "{} and then the exam came up once.",
                "Long day at work. ".repeat(20)
            ),
        ),
        "2027-03-01T09:00:00Z",
    );
    let strong = add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Thought, "Exam tomorrow, exam nerves."),
        "2027-03-02T09:00:00Z",
    );
    let found = hits(&store, "EXAM");
    assert_eq!(
        found.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(),
        [strong.id.as_str(), weak.id.as_str()]
    );
    assert_eq!(found[0].kind, "thought");
    assert_eq!(found[0].local_date, "2027-03-02");
    assert!(found[0].snippet.contains("[Exam]"), "{}", found[0].snippet);
    assert!(
        found[1].snippet.starts_with("..."),
        "a cut snippet is marked: {}",
        found[1].snippet
    );

    add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Gratitude, "Café with a naïve, anxious friend"),
        "2027-03-03T09:00:00Z",
    );
    for q in ["cafe", "CAFÉ", "naive", "anx*", "\"naive anxious\""] {
        assert_eq!(hits(&store, q).len(), 1, "{q}");
    }
    assert_eq!(hits(&store, "exam -nerves").len(), 1);
    assert_eq!(hits(&store, "cafe OR nerves").len(), 2);
}

#[test]
fn vocabulary_words_tags_and_check_in_notes_are_searchable() {
    let (_d, mut store) = open_store();
    let body = input::parse_record(JournalKind::Thought, &fixture(JournalKind::Thought)).unwrap();
    let e = add_body(&mut store, body, "2027-03-01T09:00:00Z");
    assert_eq!(hits(&store, "fortune telling")[0].id, e.id);
    assert_eq!(hits(&store, "ashamed")[0].id, e.id);
    let c = store
        .write(|tx| {
            checkin::add(
                tx,
                CheckInInput {
                    mood: 2,
                    note: Some("Headache after the commute".into()),
                    tags: vec!["migraine".into()],
                    ..Default::default()
                },
                instant("2027-03-04T08:00:00Z"),
                london(),
            )
        })
        .unwrap();
    let found = hits(&store, "headache");
    assert_eq!(
        (found[0].id.as_str(), found[0].kind.as_str()),
        (c.id.as_str(), "checkin")
    );
    assert_eq!(hits(&store, "migraine")[0].id, c.id);
}

#[test]
fn a_malformed_query_is_invalid_input_and_never_a_crash() {
    let (_d, mut store) = open_store();
    add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Free, "anything"),
        "2027-03-01T09:00:00Z",
    );
    for q in ["\"unclosed", "OR", "", "*", "-x", "a OR", "(", "()*"] {
        let err = search::search(store.conn(), q, None).unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { ref field, .. } if field == "query"),
            "{q:?}: {err:?}"
        );
    }
    // FTS5 operators typed by a person are only words, never syntax.
    for q in [
        "NEAR(anything",
        "anything AND",
        "text:anything",
        "{text} : x",
        "anything^",
        "NOT",
        "a\\b",
    ] {
        search::search(store.conn(), q, None).unwrap();
    }
}

#[test]
fn canary_text_through_every_kind_never_reaches_the_file_and_is_gone_after_delete() {
    let (dir, mut store) = open_store();
    let path = store.path().to_path_buf();
    let mut ids = Vec::new();
    let mut canaries = Vec::new();
    for kind in JournalKind::ALL {
        let canary = format!("Canary{}Xq7z", kind.code());
        let body = JournalBody::from_text(kind, &format!("private words {canary} here"));
        let e = store
            .write(|tx| {
                entries::add(
                    tx,
                    JournalInput {
                        body,
                        tags: vec![format!("tag{canary}")],
                        shared_with_therapist: true,
                        at: None,
                    },
                    instant("2027-05-01T12:00:00Z"),
                    london(),
                )
            })
            .unwrap();
        ids.push(e.id);
        canaries.push(canary);
    }
    let note_canary = "CanaryNoteXq7z".to_string();
    let check_in = store
        .write(|tx| {
            checkin::add(
                tx,
                CheckInInput {
                    mood: 5,
                    note: Some(note_canary.clone()),
                    ..Default::default()
                },
                instant("2027-05-01T12:00:00Z"),
                london(),
            )
        })
        .unwrap();
    canaries.push(note_canary);

    let everything = |c: &String| [c.clone(), c.to_lowercase()];
    for c in &canaries {
        assert_eq!(hits(&store, c).len(), 1, "{c} is searchable before delete");
        for needle in everything(c) {
            assert!(
                !contains(&raw_bytes(&path), &needle),
                "{needle} in the WAL or file"
            );
        }
    }
    store.checkpoint().unwrap();
    let plain = plaintext_copy(&store, dir.path());
    for c in &canaries {
        for needle in everything(c) {
            assert!(
                !contains(&raw_bytes(&path), &needle),
                "{needle} in the file after checkpoint"
            );
        }
        assert!(
            contains(&plain, &c.to_lowercase()),
            "the decrypted copy holds the index term for {c}"
        );
    }

    for id in &ids {
        store.write(|tx| entries::delete(tx, id)).unwrap();
    }
    store.write(|tx| checkin::delete(tx, &check_in.id)).unwrap();
    store.checkpoint().unwrap();
    assert_eq!(
        count(&store, "journal_entries")
            + count(&store, "journal_fts")
            + count(&store, "check_in_fts"),
        0
    );
    let plain = plaintext_copy(&store, dir.path());
    for c in &canaries {
        assert!(hits(&store, c).is_empty(), "{c} still found by search");
        for needle in everything(c) {
            assert!(
                !contains(&raw_bytes(&path), &needle),
                "{needle} in the file after delete"
            );
            assert!(
                !contains(&plain, &needle),
                "{needle} still held by the database (table or index) after delete"
            );
        }
    }
}

#[test]
fn when_thousands_of_entries_match_the_newest_are_ranked_and_the_rest_stay_findable() {
    let (_d, mut store) = open_store();
    let n = search::RANK_WINDOW as i64 + 50;
    let old_id = store
        .write(|tx| {
            let mut first = String::new();
            for i in 0..n {
                // The oldest entry says "walk" three times: the best BM25 match, but outside the window.
                let text = if i == 0 {
                    "walk walk walk"
                } else {
                    "a walk in the park today"
                };
                let at = instant("2020-01-01T09:00:00Z") + chrono::Duration::hours(i);
                let e = entries::add(
                    tx,
                    JournalInput {
                        body: JournalBody::from_text(JournalKind::Free, text),
                        tags: vec![],
                        shared_with_therapist: false,
                        at: None,
                    },
                    at,
                    london(),
                )?;
                if i == 0 {
                    first = e.id;
                }
            }
            Ok(first)
        })
        .unwrap();
    let found = search::search(store.conn(), "walk", Some(5)).unwrap();
    assert_eq!(found.len(), 5);
    assert!(
        found.iter().all(|h| h.id != old_id),
        "outside the ranking window"
    );
    // A more specific query still reaches it.
    assert_eq!(hits(&store, "\"walk walk\"")[0].id, old_id);
}

/// Found by `fuzz/fuzz_targets/search_query.rs` (issue 11): control characters (NUL above
/// all) passed the parser and made FTS5 fail with a syntax error. They now separate words,
/// as the unicode61 tokenizer treats them.
#[test]
fn control_characters_in_a_query_separate_words_and_never_reach_fts5_raw() {
    let (_d, mut store) = open_store();
    let body = input::parse_record(JournalKind::Free, &fixture(JournalKind::Free)).unwrap();
    add_body(&mut store, body, "2027-03-01T09:00:00Z");
    for q in [
        "\rex\u{1}\0\0\0\0\0\0\u{10}",
        "river\0walk",
        "\"river\u{7f}\"",
        "sam\u{1b}[0m",
    ] {
        assert!(search::search(store.conn(), q, None).is_ok(), "{q:?}");
    }
    assert_eq!(hits(&store, "river\0").len(), 1);
    assert_eq!(
        search::to_fts_expression("river\0lunch").unwrap(),
        r#"("river") AND ("lunch")"#
    );
}
