//! Shared structured journal entries as their own CSV files, one per kind, with each field in
//! its own column (`journal_thought.csv`, `journal_exposure.csv`, …), so a therapist can sort
//! thought records by belief change or exposures by peak distress. `shared_journal_entries.csv`
//! keeps every entry as one labelled text cell, as before.
//!
//! Owns the column names (a contract, only ever appended). The labels come from
//! `journal_text::fields`, so the PDF and the CSV name a field alike. Must never hold an entry
//! that is not shared (the snapshot holds no other).

use super::journal_text;
use crate::journal::{JournalEntry, JournalKind};

/// A structured kind's file name and its columns: (label in `journal_text::fields`, column).
pub struct KindColumns {
    /// The kind.
    pub kind: JournalKind,
    /// The file name.
    pub file: &'static str,
    /// (label, column name), in reading order.
    pub columns: &'static [(&'static str, &'static str)],
}

/// Every structured kind (a free entry is one text, so it stays in `shared_journal_entries.csv`).
pub const KINDS: &[KindColumns] = &[
    KindColumns {
        kind: JournalKind::Thought,
        file: "journal_thought_records.csv",
        columns: &[
            ("Situation", "situation"),
            ("Automatic thoughts", "automatic_thoughts"),
            ("Emotions (0–100)", "emotions_0_100"),
            ("Thinking patterns", "thinking_patterns"),
            ("Evidence for", "evidence_for"),
            ("Evidence against", "evidence_against"),
            ("Balanced thought", "balanced_thought"),
            ("Belief before", "belief_before_percent"),
            ("Belief after", "belief_after_percent"),
        ],
    },
    KindColumns {
        kind: JournalKind::Gratitude,
        file: "journal_gratitude.csv",
        columns: &[("Items", "items"), ("Reflection", "reflection")],
    },
    KindColumns {
        kind: JournalKind::Worry,
        file: "journal_worries.csv",
        columns: &[
            ("Worry", "worry"),
            ("Type", "worry_type"),
            ("What happened", "what_happened"),
        ],
    },
    KindColumns {
        kind: JournalKind::Exposure,
        file: "journal_exposures.csv",
        columns: &[
            ("Situation", "situation"),
            ("Prediction", "prediction"),
            ("Distress before (0–100)", "distress_before"),
            ("Distress at peak (0–100)", "distress_peak"),
            ("Distress after (0–100)", "distress_after"),
            ("Outcome", "outcome"),
            ("Learned", "learned"),
        ],
    },
    KindColumns {
        kind: JournalKind::Activity,
        file: "journal_activities.csv",
        columns: &[
            ("Activity", "activity"),
            ("Status", "status"),
            ("Mastery (0–10)", "mastery"),
            ("Pleasure (0–10)", "pleasure"),
        ],
    },
];

/// The header of `k`'s file: date columns, the fields, tags, id.
pub fn header(k: &KindColumns) -> Vec<String> {
    let mut h: Vec<String> = ["date", "local_date", "time_zone"]
        .map(String::from)
        .to_vec();
    h.extend(k.columns.iter().map(|(_, c)| c.to_string()));
    h.push("tags".into());
    h.push("id".into());
    h
}

/// One entry's row in `k`'s file; a percentage keeps only its number.
pub fn row(k: &KindColumns, e: &JournalEntry) -> Vec<String> {
    let fields = journal_text::fields(&e.body);
    let mut r = vec![
        e.captured.local_time(),
        e.captured.local_date.to_string(),
        e.captured.time_zone.clone(),
    ];
    for (label, _) in k.columns {
        let v = fields
            .iter()
            .find(|(l, _)| l == label)
            .map_or_else(String::new, |(_, v)| v.trim_end_matches('%').to_string());
        r.push(v);
    }
    r.push(e.tags.join(";"));
    r.push(e.id.clone());
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checkin::EmotionLabel;
    use crate::journal::*;

    fn full(kind: JournalKind) -> JournalBody {
        let t = || "x".to_string();
        match kind {
            JournalKind::Thought => JournalBody::Thought {
                record: ThoughtRecord {
                    situation: t(),
                    automatic_thoughts: t(),
                    emotions: vec![EmotionRating {
                        label: EmotionLabel::Anxious,
                        before: 80,
                        after: Some(40),
                    }],
                    distortions: vec![CognitiveDistortion::AllOrNothing],
                    evidence_for: t(),
                    evidence_against: t(),
                    balanced_thought: t(),
                    belief_before: Some(90),
                    belief_after: Some(30),
                },
            },
            JournalKind::Gratitude => JournalBody::Gratitude {
                record: GratitudeList {
                    items: vec![t()],
                    reflection: t(),
                },
            },
            JournalKind::Worry => JournalBody::Worry {
                record: WorryLog {
                    worry: t(),
                    worry_type: Some(WorryType::Practical),
                    what_happened: t(),
                },
            },
            JournalKind::Exposure => JournalBody::Exposure {
                record: ExposureRecord {
                    situation: t(),
                    prediction: t(),
                    distress_before: Some(1),
                    distress_peak: Some(2),
                    distress_after: Some(3),
                    outcome: t(),
                    learned: t(),
                },
            },
            JournalKind::Activity => JournalBody::Activity {
                record: ActivityRecord {
                    activity: t(),
                    status: ActivityStatus::Done,
                    mastery: Some(4),
                    pleasure: Some(5),
                },
            },
            JournalKind::Free => JournalBody::from_text(kind, "x"),
        }
    }

    /// Every field a structured kind can hold has its own column, so none is dropped.
    #[test]
    fn every_field_of_every_structured_kind_has_a_column() {
        for k in KINDS {
            let labels: Vec<&str> = k.columns.iter().map(|(l, _)| *l).collect();
            let fields = journal_text::fields(&full(k.kind));
            assert_eq!(fields.len(), labels.len(), "{:?}", k.kind);
            for (label, _) in fields {
                assert!(
                    labels.contains(&label),
                    "{label} of {:?} has no column",
                    k.kind
                );
            }
        }
    }
}
