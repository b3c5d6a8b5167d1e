//! Insights computed from real stored check-ins and thought records.

use super::*;
use crate::checkin::tests::{instant, london, open_store};
use crate::checkin::{self, CheckInInput, EmotionLabel, LifeArea};
use crate::journal::tests::add_body;
use crate::journal::{CognitiveDistortion, EmotionRating, JournalBody, ThoughtRecord};
use crate::store::Store;

fn check_in(store: &mut Store, at: &str, mood: i32, tags: &[&str], labels: &[EmotionLabel]) {
    store
        .write(|tx| {
            checkin::add(
                tx,
                CheckInInput {
                    mood,
                    labels: labels.to_vec(),
                    areas: vec![LifeArea::Work],
                    tags: tags.iter().map(|t| (*t).to_string()).collect(),
                    at: Some(at.into()),
                    ..Default::default()
                },
                instant(at),
                london(),
            )
        })
        .unwrap();
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn the_calendar_has_one_row_per_local_day_with_mean_min_max_and_count() {
    let (_d, mut store) = open_store();
    check_in(&mut store, "2027-01-04T08:00:00Z", 2, &[], &[]);
    check_in(&mut store, "2027-01-04T20:00:00Z", 5, &[], &[]);
    check_in(&mut store, "2027-01-06T12:00:00Z", 7, &[], &[]);
    check_in(&mut store, "2027-02-01T12:00:00Z", 1, &[], &[]);
    let days = calendar(store.conn(), d("2027-01-01"), d("2027-01-31")).unwrap();
    assert_eq!(
        days,
        vec![
            MoodDay {
                date: "2027-01-04".into(),
                average: 3.5,
                min: 2,
                max: 5,
                count: 2
            },
            MoodDay {
                date: "2027-01-06".into(),
                average: 7.0,
                min: 7,
                max: 7,
                count: 1
            },
        ]
    );
}

#[test]
fn weekday_and_time_of_day_averages_use_the_local_day_and_time_at_capture() {
    let (_d, mut store) = open_store();
    // Monday 4 Jan 2027: 08:00 (morning) and 13:00 (afternoon) London = UTC in winter.
    check_in(&mut store, "2027-01-04T08:00:00Z", 2, &[], &[]);
    check_in(&mut store, "2027-01-04T13:00:00Z", 4, &[], &[]);
    // Sunday 10 Jan 23:30 (night).
    check_in(&mut store, "2027-01-10T23:30:00Z", 6, &[], &[]);
    let i = compute(store.conn(), d("2027-01-01"), d("2027-01-31")).unwrap();
    assert_eq!(i.check_in_count, 3);
    assert_eq!(i.average_mood, Some(4.0));
    assert_eq!(i.by_weekday[0].name, "monday");
    assert_eq!(
        (i.by_weekday[0].count, i.by_weekday[0].average),
        (2, Some(3.0))
    );
    assert_eq!(
        (i.by_weekday[6].name.as_str(), i.by_weekday[6].average),
        ("sunday", Some(6.0))
    );
    assert_eq!(i.by_weekday[2].average, None);
    let parts: Vec<(String, u32)> = i
        .by_time_of_day
        .iter()
        .map(|b| (b.name.clone(), b.count))
        .collect();
    assert_eq!(
        parts,
        [
            ("morning".into(), 1),
            ("afternoon".into(), 1),
            ("evening".into(), 0),
            ("night".into(), 1)
        ]
    );
}

#[test]
fn associations_need_five_on_each_side_and_small_differences_are_not_called() {
    let (_d, mut store) = open_store();
    // Mornings: mood 6 with a walk; evenings: mood 3. "calm" on all twelve; "tea" on a mix.
    for day in 1..=6 {
        let tea = day <= 2;
        let morning: &[&str] = if tea { &["walk", "tea"] } else { &["walk"] };
        let evening: &[&str] = if tea { &["tea"] } else { &[] };
        check_in(
            &mut store,
            &format!("2027-03-{day:02}T09:00:00Z"),
            6,
            morning,
            &[EmotionLabel::Calm],
        );
        check_in(
            &mut store,
            &format!("2027-03-{day:02}T18:00:00Z"),
            3,
            evening,
            &[EmotionLabel::Calm],
        );
    }
    for day in 7..=10 {
        let tags: &[&str] = if day == 7 {
            &["rain", "tea"]
        } else {
            &["rain"]
        };
        check_in(
            &mut store,
            &format!("2027-03-{day:02}T09:00:00Z"),
            2,
            tags,
            &[],
        );
    }
    let i = compute(store.conn(), d("2027-03-01"), d("2027-03-31")).unwrap();
    let walk = i.associations.iter().find(|a| a.name == "walk").unwrap();
    assert_eq!(
        (walk.source, walk.count_with, walk.count_without),
        (AssociationSource::Tag, 6, 10)
    );
    assert_eq!(walk.direction, MoodDirection::Better);
    assert!((walk.average_without - 2.6).abs() < 1e-9 && (walk.difference - 3.4).abs() < 1e-9);
    // tea: 5 check-ins averaging 4.0 against 11 averaging 3.82 — too close to call.
    let tea = i.associations.iter().find(|a| a.name == "tea").unwrap();
    assert_eq!((tea.count_with, tea.count_without), (5, 11));
    assert_eq!(tea.direction, MoodDirection::NoClearDifference);
    // 4 check-ins with "rain" is below the sample size: not reported at all.
    assert!(i.associations.iter().all(|a| a.name != "rain"));
    // "calm" is missing from only 4 check-ins, and "work" from none: nothing fair to compare.
    assert!(
        i.associations
            .iter()
            .all(|a| a.name != "calm" && a.name != "work")
    );
    assert_eq!(i.associations[0].name, "walk", "largest difference first");
    assert_eq!(i.min_sample, 5);
    assert!(i.caveat.contains("not causes"));
}

#[test]
fn thought_records_give_distortion_counts_and_emotion_change() {
    let (_d, mut store) = open_store();
    for (before, after, distortions) in [
        (
            80,
            Some(40),
            vec![
                CognitiveDistortion::Catastrophizing,
                CognitiveDistortion::MindReading,
            ],
        ),
        (60, Some(50), vec![CognitiveDistortion::Catastrophizing]),
        (90, None, vec![]),
    ] {
        let record = ThoughtRecord {
            automatic_thoughts: "it will go wrong".into(),
            emotions: vec![EmotionRating {
                label: EmotionLabel::Anxious,
                before,
                after,
            }],
            distortions,
            ..Default::default()
        };
        add_body(
            &mut store,
            JournalBody::Thought { record },
            "2027-04-01T10:00:00Z",
        );
    }
    let i = compute(store.conn(), d("2027-04-01"), d("2027-04-01")).unwrap();
    assert_eq!(i.thought_record_count, 3);
    assert_eq!(
        i.distortions,
        vec![
            DistortionCount {
                distortion: CognitiveDistortion::Catastrophizing,
                count: 2
            },
            DistortionCount {
                distortion: CognitiveDistortion::MindReading,
                count: 1
            },
        ]
    );
    assert_eq!(
        i.emotion_changes,
        vec![EmotionChange {
            label: EmotionLabel::Anxious,
            count: 2,
            average_before: 70.0,
            average_after: 45.0,
            average_change: -25.0
        }]
    );
}

#[test]
fn the_default_range_is_the_thirty_days_up_to_today() {
    let (from, to) = resolve_range(&DateRange::default(), d("2027-03-31"));
    assert_eq!((from, to), (d("2027-03-02"), d("2027-03-31")));
    let r = DateRange::parse(None, Some("2027-01-30")).unwrap();
    assert_eq!(resolve_range(&r, d("2027-03-31")).0, d("2027-01-01"));
}
