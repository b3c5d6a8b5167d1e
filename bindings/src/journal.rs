//! Check-ins, journal entries, search and insights through `Companion` (issue 5).
//!
//! Thin: each call validates nothing itself and hands the session's clock and zone to the
//! core, which does the work inside one transaction.

use reset_core::ResetError;
use reset_core::checkin::moment::DateRange;
use reset_core::checkin::{self, CheckIn, CheckInInput, EmotionLabel, LifeArea, mood};
use reset_core::insights::{self, Insights, MoodDay};
use reset_core::journal::distortion::DISTORTIONS;
use reset_core::journal::{
    CognitiveDistortion, JournalBody, JournalEdit, JournalEntry, JournalFilter, JournalInput,
    JournalKind, SearchHit, entries, input, search,
};
use reset_core::time;

use crate::companion::{Companion, Session, guarded};

fn range_for(
    s: &Session,
    from: Option<String>,
    to: Option<String>,
) -> reset_core::Result<(chrono::NaiveDate, chrono::NaiveDate)> {
    let range = DateRange::parse(from.as_deref(), to.as_deref())?;
    let today = time::local_date(s.now()?, s.zone);
    let (from, to) = insights::resolve_range(&range, today);
    if from > to {
        return Err(reset_core::Error::invalid("from", "is after `to`"));
    }
    Ok((from, to))
}

#[uniffi::export]
impl Companion {
    /// Stores a mood check-in (mood 1–7, optional labels, areas, note, tags, instant).
    ///
    /// The local day is computed now, from the session's zone, and never moves afterwards.
    pub fn check_in(&self, input: CheckInInput) -> Result<CheckIn, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| checkin::add(tx, input, now, zone))
        })
    }

    /// Check-ins whose local day lies between `from` and `to` (`YYYY-MM-DD`, either open), newest first.
    pub fn check_ins(
        &self,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<CheckIn>, ResetError> {
        self.with(|s| {
            checkin::list(
                s.store.conn(),
                &DateRange::parse(from.as_deref(), to.as_deref())?,
            )
        })
    }

    /// Deletes a check-in (and its note from the search index). Throws `NotFound` if missing.
    pub fn delete_check_in(&self, id: String) -> Result<(), ResetError> {
        self.with(|s| s.store.write(|tx| checkin::delete(tx, &id)))
    }

    /// Mood per local day between `from` and `to` (default: the 30 days up to today).
    pub fn mood_calendar(
        &self,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Vec<MoodDay>, ResetError> {
        self.with(|s| {
            let (from, to) = range_for(s, from, to)?;
            insights::calendar(s.store.conn(), from, to)
        })
    }

    /// Stores a journal entry of any kind, validated in full; nothing is stored if any field is bad.
    pub fn add_journal_entry(&self, input: JournalInput) -> Result<JournalEntry, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| entries::add(tx, input, now, zone))
        })
    }

    /// The journal entry with `id`. Throws `NotFound` if missing.
    pub fn journal_entry(&self, id: String) -> Result<JournalEntry, ResetError> {
        self.with(|s| entries::get(s.store.conn(), &id))
    }

    /// Journal entries matching `filter` (local-day range, kind), newest first.
    pub fn journal_entries(&self, filter: JournalFilter) -> Result<Vec<JournalEntry>, ResetError> {
        self.with(|s| entries::list(s.store.conn(), &filter))
    }

    /// Changes an entry's content, tags or instant; keeps `created_at`, sets `updated_at`.
    pub fn edit_journal_entry(
        &self,
        id: String,
        edit: JournalEdit,
    ) -> Result<JournalEntry, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| entries::edit(tx, &id, edit, now, zone))
        })
    }

    /// Permanently deletes an entry from the table and the search index (pages are zeroed).
    pub fn delete_journal_entry(&self, id: String) -> Result<(), ResetError> {
        self.with(|s| s.store.write(|tx| entries::delete(tx, &id)))
    }

    /// Turns "shared with my therapist" on or off for one entry (off by default).
    pub fn share_journal_entry(
        &self,
        id: String,
        shared: bool,
    ) -> Result<JournalEntry, ResetError> {
        self.with(|s| s.store.write(|tx| entries::set_shared(tx, &id, shared)))
    }

    /// Full-text search over journal entries and check-in notes, best first, with `[`…`]` snippets.
    ///
    /// Words are ANDed; `OR`, `"phrases"`, `prefix*` and `-excluded` work. A malformed query
    /// throws `InvalidInput` on `query`. `limit` defaults to 20 (at most 200).
    pub fn search_journal(
        &self,
        query: String,
        limit: Option<u32>,
    ) -> Result<Vec<SearchHit>, ResetError> {
        self.with(|s| search::search(s.store.conn(), &query, limit))
    }

    /// Insights between `from` and `to` (default: the 30 days up to today).
    pub fn insights(
        &self,
        from: Option<String>,
        to: Option<String>,
    ) -> Result<Insights, ResetError> {
        self.with(|s| {
            let (from, to) = range_for(s, from, to)?;
            insights::compute(s.store.conn(), from, to)
        })
    }
}

/// Parses the JSON record of one journal kind (the shape of `tests/fixtures/journal/<kind>.json`).
#[uniffi::export]
pub fn journal_record_from_json(
    kind: JournalKind,
    json: String,
) -> Result<JournalBody, ResetError> {
    guarded(|| input::parse_record(kind, &json))
}

/// A journal body of `kind` whose main field holds `text` (thought: the automatic thoughts).
#[uniffi::export]
pub fn journal_body_from_text(kind: JournalKind, text: String) -> JournalBody {
    JournalBody::from_text(kind, &text)
}

/// The HealthKit valence (−1…1) of a mood 1–7: `(mood − 4) / 3`.
#[uniffi::export]
pub fn mood_valence(mood: i32) -> Result<f64, ResetError> {
    guarded(|| {
        mood::check_mood("mood", mood)?;
        Ok(mood::valence(mood))
    })
}

/// The nearest mood 1–7 for a HealthKit valence (exact for valences this app wrote).
#[uniffi::export]
pub fn mood_from_valence(valence: f64) -> Result<i32, ResetError> {
    guarded(|| mood::mood_from_valence(valence))
}

/// Every emotion label, in HealthKit raw-value order.
#[uniffi::export]
pub fn all_emotion_labels() -> Vec<EmotionLabel> {
    EmotionLabel::ALL.to_vec()
}

/// Every life area, in HealthKit raw-value order.
#[uniffi::export]
pub fn all_life_areas() -> Vec<LifeArea> {
    LifeArea::ALL.to_vec()
}

/// Every cognitive distortion, in the documented order.
#[uniffi::export]
pub fn all_cognitive_distortions() -> Vec<CognitiveDistortion> {
    DISTORTIONS.iter().map(|(d, _, _)| *d).collect()
}

/// A readable name for a distortion ("mind reading").
#[uniffi::export]
pub fn cognitive_distortion_name(distortion: CognitiveDistortion) -> String {
    distortion.name().to_string()
}
