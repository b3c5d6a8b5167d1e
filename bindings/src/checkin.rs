//! Mood check-ins through `Companion` (issue 5): store, list, delete, and the HealthKit
//! vocabulary and valence helpers.
//!
//! Thin: each call validates nothing itself and hands the session's clock and zone to the
//! core, which does the work inside one transaction.

use reset_core::ResetError;
use reset_core::checkin::{self, CheckIn, CheckInInput, EmotionLabel, LifeArea, mood};
use reset_core::time::{DateRange, LocalDay};

use crate::companion::{Companion, guarded};

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

    /// Check-ins whose local day lies between `from` and `to` (either open), newest first.
    pub fn check_ins(
        &self,
        from: Option<LocalDay>,
        to: Option<LocalDay>,
    ) -> Result<Vec<CheckIn>, ResetError> {
        self.with(|s| checkin::list(s.store.conn(), &DateRange::new(from, to)?))
    }

    /// Deletes a check-in (and its note from the search index). Throws `NotFound` if missing.
    pub fn delete_check_in(&self, id: String) -> Result<(), ResetError> {
        self.with(|s| s.store.write(|tx| checkin::delete(tx, &id)))
    }
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
