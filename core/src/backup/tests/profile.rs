//! A generated multi-year profile written through the real domain APIs (check-ins with notes
//! and tags, journal entries of every kind, practice sessions, scored assessments with their
//! safety events, settings), so backups carry the rows, indexes and FTS data a phone would.

use crate::time::Tz;
use chrono::{DateTime, Duration, TimeZone, Utc};

use crate::assessment::{self, Answer, TakenAt};
use crate::checkin::{self, CheckInInput, MoodKind};
use crate::journal::{self, JournalBody, JournalInput, JournalKind};
use crate::practice::{PracticeSessionInput, PracticeTechnique};
use crate::store::Store;

/// Where the generated person lives.
pub const ZONE: Tz = Tz::known("Europe/London");

/// The first day of every generated profile.
pub fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2015, 1, 1, 8, 0, 0).unwrap()
}

/// The clock after `days` of use.
pub fn end(days: u32) -> DateTime<Utc> {
    start() + Duration::days(i64::from(days))
}

const WORDS: &[&str] = &[
    "walked",
    "slept",
    "worried",
    "friends",
    "work",
    "calm",
    "tired",
    "rain",
    "garden",
    "call",
    "breathing",
    "deadline",
    "family",
    "coffee",
    "music",
    "anxious",
    "proud",
    "café",
    "ran",
    "quiet",
];

fn sentence(seed: u64, words: usize) -> String {
    (0..words)
        .map(|i| WORDS[((seed.wrapping_mul(31) + i as u64 * 7) % WORDS.len() as u64) as usize])
        .collect::<Vec<_>>()
        .join(" ")
}

/// Fills `store` with `days` of daily use: two check-ins a day, a journal entry every other
/// day, practice on two days in three, GAD-7 and PHQ-9 every fortnight, and a few settings.
/// Deterministic apart from ids.
pub fn generate(store: &mut Store, days: u32) {
    let now = end(days);
    let region = assessment::resolve_region(Some("GB"), None, ZONE).unwrap();
    let catalogue = crate::programme::catalogue().unwrap();
    let kinds = [
        JournalKind::Free,
        JournalKind::Thought,
        JournalKind::Gratitude,
        JournalKind::Worry,
        JournalKind::Exposure,
        JournalKind::Activity,
    ];
    // One transaction per 100 days keeps generation fast without one giant transaction.
    for block in (0..days).step_by(100) {
        store
            .write(|tx| {
                for day in block..(block + 100).min(days) {
                    let seed = u64::from(day);
                    let morning = start() + Duration::days(i64::from(day));
                    if day % 180 == 0 {
                        // The safety plan, revised twice a year: one version per save.
                        let plan = crate::safety_plan::SafetyPlanInput {
                            warning_signs: vec![sentence(seed, 8)],
                            reasons_for_living: vec![sentence(seed + 1, 6)],
                            ..Default::default()
                        };
                        crate::safety_plan::save(tx, plan, morning, ZONE)?;
                    }
                    for (slot, hours) in [(0u64, 0i64), (1, 11)] {
                        let at = morning
                            + Duration::hours(hours)
                            + Duration::minutes((seed % 50) as i64);
                        let input = CheckInInput {
                            mood: 1 + ((seed * 3 + slot) % 7) as i32,
                            kind: if slot == 0 {
                                MoodKind::DailyMood
                            } else {
                                MoodKind::default()
                            },
                            note: (seed % 3 == 0).then(|| sentence(seed + slot, 12)),
                            tags: if seed % 4 == 0 {
                                vec!["sleep".into()]
                            } else {
                                vec![]
                            },
                            at: Some(at.into()),
                            ..CheckInInput::default()
                        };
                        checkin::add(tx, input, now, ZONE)?;
                    }
                    if day % 2 == 0 {
                        let kind = kinds[(seed / 2 % kinds.len() as u64) as usize];
                        let input = JournalInput {
                            body: JournalBody::from_text(kind, &sentence(seed, 60)),
                            tags: vec!["evening".into()],
                            shared_with_therapist: day % 10 == 0,
                            at: Some((morning + Duration::hours(13)).into()),
                        };
                        journal::entries::add(tx, input, now, ZONE)?;
                    }
                    if day % 3 != 2 {
                        let input = PracticeSessionInput {
                            technique: if day % 2 == 0 {
                                PracticeTechnique::Meditation
                            } else {
                                PracticeTechnique::Breathing
                            },
                            actual_minutes: 5 + (day % 15),
                            planned_minutes: Some(10),
                            completed: day % 7 != 0,
                            started_at: Some((morning + Duration::hours(12)).into()),
                            step_id: None,
                        };
                        crate::programme::log_practice(tx, catalogue, &input, now, ZONE)?;
                    }
                    if day % 14 == 0 {
                        let when = TakenAt {
                            at: morning + Duration::hours(1),
                            now,
                            zone: ZONE,
                        };
                        let gad: Vec<Answer> = (0..7)
                            .map(|i| Answer::Score {
                                value: ((seed + i) % 4) as u8,
                            })
                            .collect();
                        assessment::take(tx, "gad7", &gad, region, when)?;
                        let phq: Vec<Answer> = (0..9)
                            .map(|i| Answer::Score {
                                value: if i == 8 {
                                    u8::from(day % 140 == 0)
                                } else {
                                    ((seed + i) % 4) as u8
                                },
                            })
                            .collect();
                        assessment::take(tx, "phq9", &phq, region, when)?;
                    }
                }
                Ok(())
            })
            .unwrap();
    }
    store
        .write(|tx| {
            crate::preferences::set(tx, "region", "GB")?;
            crate::preferences::set(tx, "streaks_hidden", "true")
        })
        .unwrap();
}
