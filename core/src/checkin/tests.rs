//! Check-in behaviour against a real encrypted store. Helpers here are shared with the
//! journal and insights tests.

use super::*;
use crate::store::{DatabaseKey, Store};
use crate::time;
use tempfile::TempDir;

/// A fresh encrypted store in a temporary folder.
pub(crate) fn open_store() -> (TempDir, Store) {
    let dir = TempDir::new().unwrap();
    let store = Store::open(
        &dir.path().join("profile.db"),
        &DatabaseKey::from_bytes(&[3; 32]).unwrap(),
    )
    .unwrap();
    (dir, store)
}

pub(crate) fn instant(s: &str) -> DateTime<Utc> {
    time::parse_instant(s, "t").unwrap()
}

pub(crate) fn london() -> Tz {
    time::parse_zone("Europe/London").unwrap()
}

pub(crate) fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn input(mood: i32) -> CheckInInput {
    CheckInInput {
        mood,
        ..Default::default()
    }
}

#[test]
fn a_check_in_round_trips_with_its_healthkit_mapping_and_local_day() {
    let (_d, mut store) = open_store();
    let now = instant("2027-06-30T23:30:00Z");
    let c = store
        .write(|tx| {
            add(
                tx,
                CheckInInput {
                    mood: 6,
                    kind: MoodKind::DailyMood,
                    labels: vec![
                        EmotionLabel::Calm,
                        EmotionLabel::Grateful,
                        EmotionLabel::Calm,
                    ],
                    areas: vec![LifeArea::Family, LifeArea::SelfCare],
                    note: Some("Dinner with Gran".into()),
                    tags: vec!["Family".into(), "cooking".into()],
                    at: None,
                },
                now,
                london(),
            )
        })
        .unwrap();
    assert!(c.id.starts_with("ci_"));
    assert_eq!(c.mood, 6);
    assert_eq!(c.valence, 2.0 / 3.0);
    assert_eq!(c.valence_classification, ValenceClassification::Pleasant);
    assert_eq!(c.labels, vec![EmotionLabel::Calm, EmotionLabel::Grateful]);
    assert_eq!(c.areas, vec![LifeArea::Family, LifeArea::SelfCare]);
    assert_eq!(c.tags, vec!["family", "cooking"]);
    // 23:30 UTC on 30 June is 00:30 BST on 1 July.
    assert_eq!(c.captured.local_date, "2027-07-01");
    assert_eq!(c.captured.local_time(), "2027-07-01T00:30:00+01:00");
    assert_eq!(c.captured.at, "2027-06-30T23:30:00Z");
    assert_eq!(get(store.conn(), &c.id).unwrap(), c);
}

#[test]
fn at_overrides_the_instant_and_later_travel_never_moves_the_day() {
    let (_d, mut store) = open_store();
    let now = instant("2027-05-11T08:00:00Z");
    let c = store
        .write(|tx| {
            let mut i = input(3);
            i.at = Some("2027-05-10T22:30:00Z".into());
            add(tx, i, now, time::parse_zone("Asia/Tokyo").unwrap())
        })
        .unwrap();
    assert_eq!(c.captured.local_date, "2027-05-11");
    assert_eq!(c.captured.time_zone, "Asia/Tokyo");
    // Listing from another zone later still finds it on the Tokyo day.
    let range = DateRange::parse(Some("2027-05-11"), Some("2027-05-11")).unwrap();
    assert_eq!(list(store.conn(), &range).unwrap().len(), 1);
}

#[test]
fn bad_moods_and_oversized_notes_are_invalid_input_and_store_nothing() {
    let (_d, mut store) = open_store();
    let now = instant("2027-01-01T12:00:00Z");
    for (bad, field) in [
        (input(0), "mood"),
        (input(8), "mood"),
        (
            CheckInInput {
                note: Some("x".repeat(1024 * 1024)),
                ..input(4)
            },
            "note",
        ),
        (
            CheckInInput {
                tags: vec!["ok".into(), "no,commas".into()],
                ..input(4)
            },
            "tags[1]",
        ),
    ] {
        let err = store.write(|tx| add(tx, bad, now, london())).unwrap_err();
        match err {
            Error::InvalidInput { field: f, .. } => assert_eq!(f, field),
            other => panic!("expected invalid input, got {other:?}"),
        }
    }
    assert_eq!(count(&store, "check_ins"), 0);
    assert_eq!(count(&store, "check_in_fts"), 0);
}

#[test]
fn several_check_ins_a_day_list_newest_first_and_delete_removes_one() {
    let (_d, mut store) = open_store();
    let ids: Vec<String> = [
        "2027-03-01T08:00:00Z",
        "2027-03-01T13:00:00Z",
        "2027-03-01T20:00:00Z",
    ]
    .iter()
    .enumerate()
    .map(|(i, at)| {
        store
            .write(|tx| {
                add(
                    tx,
                    CheckInInput {
                        at: Some((*at).into()),
                        ..input(i as i32 + 2)
                    },
                    instant(at),
                    london(),
                )
            })
            .unwrap()
            .id
    })
    .collect();
    let all = list(store.conn(), &DateRange::default()).unwrap();
    assert_eq!(
        all.iter().map(|c| c.mood).collect::<Vec<_>>(),
        vec![4, 3, 2]
    );
    store.write(|tx| delete(tx, &ids[1])).unwrap();
    assert!(matches!(
        get(store.conn(), &ids[1]),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.write(|tx| delete(tx, &ids[1])),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(list(store.conn(), &DateRange::default()).unwrap().len(), 2);
}
