//! Journal behaviour against a real encrypted store: every kind, edits, sharing, bad input.

use std::path::Path;

use super::*;
use crate::checkin::tests::{count, instant, london, open_store};
use crate::checkin::vocabulary::EmotionLabel;
use crate::store::Store;

pub(crate) fn fixture(kind: JournalKind) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../tests/fixtures/journal/{}.json", kind.code()));
    std::fs::read_to_string(path).unwrap()
}

pub(crate) fn add_body(store: &mut Store, body: JournalBody, at: &str) -> JournalEntry {
    store
        .write(|tx| {
            entries::add(
                tx,
                JournalInput {
                    body,
                    tags: vec![],
                    shared_with_therapist: false,
                    at: Some(at.into()),
                },
                instant(at),
                london(),
            )
        })
        .unwrap()
}

fn field_of(err: Error) -> String {
    match err {
        Error::InvalidInput { field, .. } => field,
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn every_kinds_fixture_parses_stores_and_reads_back_identically() {
    let (_d, mut store) = open_store();
    for kind in JournalKind::ALL {
        let body = input::parse_record(kind, &fixture(kind)).unwrap();
        assert_eq!(body.kind(), kind);
        let e = add_body(&mut store, body.clone(), "2027-04-02T18:00:00Z");
        assert!(e.id.starts_with("je_"));
        assert_eq!(e.kind, kind);
        assert_eq!(e.body, body);
        assert!(!e.shared_with_therapist, "sharing is off by default");
        assert_eq!(entries::get(store.conn(), &e.id).unwrap(), e);
        // The JSON printed for an entry carries the record back in the fixture's shape.
        let printed = serde_json::to_value(&e).unwrap();
        let original: serde_json::Value = serde_json::from_str(&fixture(kind)).unwrap();
        for (k, v) in original.as_object().unwrap() {
            assert_eq!(&printed["record"][k], v, "{kind:?}.{k}");
        }
    }
    assert_eq!(count(&store, "journal_entries"), 6);
}

#[test]
fn text_fills_the_main_field_of_each_kind() {
    let thought = JournalBody::from_text(JournalKind::Thought, "I will fail");
    let JournalBody::Thought { record } = &thought else {
        panic!()
    };
    assert_eq!(record.automatic_thoughts, "I will fail");
    let JournalBody::Gratitude { record } = JournalBody::from_text(JournalKind::Gratitude, "tea")
    else {
        panic!()
    };
    assert_eq!(record.items, vec!["tea"]);
    for kind in JournalKind::ALL {
        JournalBody::from_text(kind, "something")
            .validate()
            .unwrap();
        let err = JournalBody::from_text(kind, "  ").validate().unwrap_err();
        assert_eq!(field_of(err), kind.main_field());
    }
}

#[test]
fn bad_records_are_invalid_input_naming_the_field() {
    let cases: &[(JournalKind, &str, &str)] = &[
        (
            JournalKind::Thought,
            r#"{"automatic_thoughts":"x","distortions":["labeling","crystal_ball"]}"#,
            "distortions[1]",
        ),
        (
            JournalKind::Thought,
            r#"{"automatic_thoughts":"x","emotions":[{"label":"zen","before":5}]}"#,
            "emotions[0].label",
        ),
        (
            JournalKind::Thought,
            r#"{"automatic_thoughts":"x","emotions":[{"label":"sad","before":101}]}"#,
            "emotions[0].before",
        ),
        (
            JournalKind::Thought,
            r#"{"automatic_thoughts":"x","emotions":[{"label":"sad"}]}"#,
            "emotions[0].before",
        ),
        (
            JournalKind::Thought,
            r#"{"automatic_thoughts":"x","belief_after":-1}"#,
            "belief_after",
        ),
        (
            JournalKind::Thought,
            r#"{"situation":"only"}"#,
            "automatic_thoughts",
        ),
        (
            JournalKind::Activity,
            r#"{"activity":"walk","mastery":11}"#,
            "mastery",
        ),
        (
            JournalKind::Activity,
            r#"{"activity":"walk","status":"maybe"}"#,
            "status",
        ),
        (
            JournalKind::Exposure,
            r#"{"situation":"lift","distress_peak":250}"#,
            "distress_peak",
        ),
        (
            JournalKind::Worry,
            r#"{"worry":"w","worry_type":"imaginary"}"#,
            "worry_type",
        ),
        (JournalKind::Gratitude, r#"{"items":[]}"#, "items"),
        // An unknown key is never named: it is the caller's text (hostile review F11).
        (JournalKind::Free, r#"{"text":"a","mood":3}"#, "input"),
        (JournalKind::Free, r#"{"text":"#, "input"),
        (JournalKind::Free, r#"["text"]"#, "input"),
        (JournalKind::Free, r#"{"text":42}"#, "input"),
    ];
    for (kind, json, field) in cases {
        let err = input::parse_record(*kind, json).unwrap_err();
        let message = err.to_string();
        assert_eq!(field_of(err), *field, "{json}");
        for secret in ["crystal_ball", "zen", "maybe", "imaginary", "only"] {
            assert!(!message.contains(secret), "{message:?} echoes input");
        }
    }
    let huge = format!(
        r#"{{"automatic_thoughts":"x","evidence_for":"{}"}}"#,
        "y".repeat(1024 * 1024)
    );
    assert_eq!(
        field_of(input::parse_record(JournalKind::Thought, &huge).unwrap_err()),
        "evidence_for"
    );
}

#[test]
fn a_rejected_entry_leaves_no_row_and_no_index_entry() {
    let (_d, mut store) = open_store();
    let mut record = ThoughtRecord {
        automatic_thoughts: "fine".into(),
        ..Default::default()
    };
    record.emotions.push(EmotionRating {
        label: EmotionLabel::Sad,
        before: 50,
        after: Some(900),
    });
    let err = store
        .write(|tx| {
            entries::add(
                tx,
                JournalInput {
                    body: JournalBody::Thought { record },
                    tags: vec![],
                    shared_with_therapist: false,
                    at: None,
                },
                instant("2027-01-01T00:00:00Z"),
                london(),
            )
        })
        .unwrap_err();
    assert_eq!(field_of(err), "emotions[0].after");
    assert_eq!(count(&store, "journal_entries"), 0);
    assert_eq!(count(&store, "journal_fts"), 0);
}

#[test]
fn edit_keeps_created_sets_updated_and_reindexes_the_text() {
    let (_d, mut store) = open_store();
    let e = add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Free, "marmalade morning"),
        "2027-02-01T08:00:00Z",
    );
    let later = instant("2027-02-03T10:00:00Z");
    let edited = store
        .write(|tx| {
            entries::edit(
                tx,
                &e.id,
                JournalEdit {
                    body: Some(JournalBody::from_text(
                        JournalKind::Free,
                        "porridge morning",
                    )),
                    tags: Some(vec!["Breakfast".into()]),
                    at: None,
                    replace: false,
                },
                later,
                london(),
            )
        })
        .unwrap();
    assert_eq!(edited.created_at, e.created_at);
    assert_eq!(edited.updated_at, "2027-02-03T10:00:00Z");
    assert_eq!(
        edited.captured.local_date, e.captured.local_date,
        "editing text does not move the entry"
    );
    assert_eq!(edited.tags, vec!["breakfast"]);
    assert!(
        search::search(store.conn(), "marmalade", None)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        search::search(store.conn(), "porridge", None).unwrap()[0].id,
        e.id
    );
    assert_eq!(
        search::search(store.conn(), "breakfast", None).unwrap()[0].id,
        e.id
    );
    // A bad edit changes nothing.
    let bad = JournalEdit {
        body: Some(JournalBody::from_text(JournalKind::Free, "")),
        ..Default::default()
    };
    assert!(
        store
            .write(|tx| entries::edit(tx, &e.id, bad, later, london()))
            .is_err()
    );
    assert_eq!(entries::get(store.conn(), &e.id).unwrap(), edited);
}

#[test]
fn sharing_is_a_flag_that_does_not_count_as_an_edit() {
    let (_d, mut store) = open_store();
    let e = add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Worry, "the boiler"),
        "2027-02-01T08:00:00Z",
    );
    let shared = store
        .write(|tx| entries::set_shared(tx, &e.id, true))
        .unwrap();
    assert!(shared.shared_with_therapist);
    assert_eq!(shared.updated_at, e.updated_at);
    assert!(
        !store
            .write(|tx| entries::set_shared(tx, &e.id, false))
            .unwrap()
            .shared_with_therapist
    );
    assert!(matches!(
        store.write(|tx| entries::set_shared(tx, "je_missing", true)),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn list_filters_by_local_day_and_kind_newest_first() {
    let (_d, mut store) = open_store();
    add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Free, "one"),
        "2027-01-01T09:00:00Z",
    );
    add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Worry, "two"),
        "2027-01-02T09:00:00Z",
    );
    add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Free, "three"),
        "2027-01-03T09:00:00Z",
    );
    let all = entries::list(store.conn(), &JournalFilter::default()).unwrap();
    assert_eq!(
        all.iter()
            .map(|e| e.captured.local_date.to_string())
            .collect::<Vec<_>>(),
        ["2027-01-03", "2027-01-02", "2027-01-01"]
    );
    let filter = JournalFilter {
        from: Some("2027-01-02".into()),
        to: None,
        kind: Some(JournalKind::Free),
    };
    let some = entries::list(store.conn(), &filter).unwrap();
    assert_eq!(some.len(), 1);
    assert_eq!(some[0].captured.local_date, "2027-01-03");
    let bad = JournalFilter {
        from: Some("2027-02-01".into()),
        to: Some("2027-01-01".into()),
        kind: None,
    };
    assert_eq!(
        field_of(entries::list(store.conn(), &bad).unwrap_err()),
        "from"
    );
}

#[test]
fn an_edit_that_changes_nothing_is_refused_and_updated_at_is_kept() {
    let (_d, mut store) = open_store();
    let e = add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Free, "same words"),
        "2027-02-01T08:00:00Z",
    );
    let later = instant("2027-02-03T10:00:00Z");
    for edit in [
        JournalEdit::default(),
        JournalEdit {
            body: Some(JournalBody::from_text(JournalKind::Free, "same words")),
            ..Default::default()
        },
        JournalEdit {
            at: Some("2027-02-01T08:00:00Z".into()),
            tags: Some(vec![]),
            ..Default::default()
        },
    ] {
        let err = store
            .write(|tx| entries::edit(tx, &e.id, edit, later, london()))
            .unwrap_err();
        assert_eq!(field_of(err), "edit");
    }
    assert_eq!(entries::get(store.conn(), &e.id).unwrap(), e);
}

#[test]
fn a_kind_change_that_would_drop_a_records_fields_needs_replace() {
    let (_d, mut store) = open_store();
    let thought =
        input::parse_record(JournalKind::Thought, &fixture(JournalKind::Thought)).unwrap();
    let e = add_body(&mut store, thought.clone(), "2027-02-01T08:00:00Z");
    let later = instant("2027-02-03T10:00:00Z");
    let to_free = |replace| JournalEdit {
        body: Some(JournalBody::from_text(JournalKind::Free, "hi")),
        replace,
        ..Default::default()
    };
    let err = store
        .write(|tx| entries::edit(tx, &e.id, to_free(false), later, london()))
        .unwrap_err();
    assert_eq!(field_of(err), "kind");
    assert_eq!(entries::get(store.conn(), &e.id).unwrap().body, thought);
    let replaced = store
        .write(|tx| entries::edit(tx, &e.id, to_free(true), later, london()))
        .unwrap();
    assert_eq!(replaced.kind, JournalKind::Free);
    // A record holding only its main text changes kind freely.
    let plain = add_body(
        &mut store,
        JournalBody::from_text(JournalKind::Worry, "rent"),
        "2027-02-01T09:00:00Z",
    );
    assert!(
        store
            .write(|tx| entries::edit(tx, &plain.id, to_free(false), later, london()))
            .is_ok()
    );
}

#[test]
fn entries_before_1900_or_in_the_future_are_refused() {
    let (_d, mut store) = open_store();
    let now = instant("2027-03-28T09:00:00Z");
    for at in [
        "0001-01-01T00:00:00Z",
        "1899-12-31T23:59:59Z",
        "2027-03-28T09:05:01Z",
        "9999-12-31T00:00:00Z",
    ] {
        let err = store
            .write(|tx| {
                entries::add(
                    tx,
                    JournalInput {
                        body: JournalBody::from_text(JournalKind::Free, "x"),
                        tags: vec![],
                        shared_with_therapist: false,
                        at: Some(at.into()),
                    },
                    now,
                    london(),
                )
            })
            .unwrap_err();
        assert_eq!(field_of(err), "at", "{at}");
    }
    // The bounds themselves are allowed: 1900-01-01 and five minutes of clock skew.
    for at in ["1900-01-01T00:00:00Z", "2027-03-28T09:05:00Z"] {
        assert!(
            store
                .write(|tx| entries::add(
                    tx,
                    JournalInput {
                        body: JournalBody::from_text(JournalKind::Free, "x"),
                        tags: vec![],
                        shared_with_therapist: false,
                        at: Some(at.into()),
                    },
                    now,
                    london(),
                ))
                .is_ok(),
            "{at}"
        );
    }
}
