//! The 7-point mood scale and its lossless mapping onto HealthKit's `HKStateOfMind`.
//!
//! A mood `m` in 1…7 is the valence `(m − 4) / 3` (−1, −⅔, −⅓, 0, ⅓, ⅔, 1) and the valence
//! classification whose HealthKit raw value is `m` (1 very unpleasant … 7 very pleasant), so
//! mood → valence → mood is exact. Valences written by other apps are continuous; they are
//! read back as the nearest point of the scale. See `docs/healthkit-mood.md`.

use crate::error::{Error, Result};

/// The lowest mood (very unpleasant).
pub const MOOD_MIN: i32 = 1;
/// The highest mood (very pleasant).
pub const MOOD_MAX: i32 = 7;

/// Whether a check-in is a passing feeling or a summary of the day (`HKStateOfMind.Kind`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum MoodKind {
    /// How the person feels right now (HealthKit `momentaryEmotion`, raw value 1).
    #[default]
    MomentaryEmotion,
    /// How the day has been overall (HealthKit `dailyMood`, raw value 2).
    DailyMood,
}

impl MoodKind {
    /// The snake_case code stored and printed.
    pub fn code(self) -> &'static str {
        match self {
            MoodKind::MomentaryEmotion => "momentary_emotion",
            MoodKind::DailyMood => "daily_mood",
        }
    }

    /// The HealthKit raw value of `HKStateOfMind.Kind`.
    pub fn healthkit_raw(self) -> u8 {
        match self {
            MoodKind::MomentaryEmotion => 1,
            MoodKind::DailyMood => 2,
        }
    }

    /// Parses `momentary_emotion` / `daily_mood` (or the short `momentary` / `daily`).
    pub fn parse(text: &str) -> Result<Self> {
        match text {
            "momentary_emotion" | "momentary" => Ok(MoodKind::MomentaryEmotion),
            "daily_mood" | "daily" => Ok(MoodKind::DailyMood),
            _ => Err(Error::invalid(
                "kind",
                "expected momentary_emotion or daily_mood",
            )),
        }
    }
}

/// HealthKit's seven valence classes; the raw value equals the mood on our scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ValenceClassification {
    /// Mood 1, valence −1.
    VeryUnpleasant,
    /// Mood 2, valence −⅔.
    Unpleasant,
    /// Mood 3, valence −⅓.
    SlightlyUnpleasant,
    /// Mood 4, valence 0.
    Neutral,
    /// Mood 5, valence ⅓.
    SlightlyPleasant,
    /// Mood 6, valence ⅔.
    Pleasant,
    /// Mood 7, valence 1.
    VeryPleasant,
}

const CLASSES: [ValenceClassification; 7] = [
    ValenceClassification::VeryUnpleasant,
    ValenceClassification::Unpleasant,
    ValenceClassification::SlightlyUnpleasant,
    ValenceClassification::Neutral,
    ValenceClassification::SlightlyPleasant,
    ValenceClassification::Pleasant,
    ValenceClassification::VeryPleasant,
];

impl ValenceClassification {
    /// The HealthKit raw value (1 very unpleasant … 7 very pleasant).
    pub fn healthkit_raw(self) -> u8 {
        CLASSES
            .iter()
            .position(|c| *c == self)
            .map_or(4, |i| i as u8 + 1)
    }
}

/// Checks that `mood` is on the 1…7 scale, naming `field` otherwise.
pub fn check_mood(field: &str, mood: i32) -> Result<()> {
    if (MOOD_MIN..=MOOD_MAX).contains(&mood) {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "must be a whole number from 1 (very unpleasant) to 7 (very pleasant)",
        ))
    }
}

/// The HealthKit valence (−1…1) of a mood on the 1…7 scale.
pub fn valence(mood: i32) -> f64 {
    f64::from(mood - 4) / 3.0
}

/// The HealthKit valence classification of a mood on the 1…7 scale.
pub fn classification(mood: i32) -> ValenceClassification {
    let i = usize::try_from(mood.clamp(MOOD_MIN, MOOD_MAX) - 1).unwrap_or(3);
    CLASSES[i]
}

/// The nearest mood for a HealthKit valence; outside −1…1 (or NaN) is invalid input.
pub fn mood_from_valence(valence: f64) -> Result<i32> {
    if !(-1.0..=1.0).contains(&valence) {
        return Err(Error::invalid("valence", "must be between -1 and 1"));
    }
    // valence*3 lies in −3…3, so the cast cannot overflow.
    Ok((valence * 3.0).round() as i32 + 4)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_seven_moods_map_onto_thirds_of_the_valence_range_and_back_exactly() {
        let expected = [-1.0, -2.0 / 3.0, -1.0 / 3.0, 0.0, 1.0 / 3.0, 2.0 / 3.0, 1.0];
        for mood in MOOD_MIN..=MOOD_MAX {
            let v = valence(mood);
            assert_eq!(v, expected[(mood - 1) as usize]);
            assert_eq!(mood_from_valence(v).unwrap(), mood);
            assert_eq!(i32::from(classification(mood).healthkit_raw()), mood);
        }
        assert_eq!(classification(1), ValenceClassification::VeryUnpleasant);
        assert_eq!(classification(4), ValenceClassification::Neutral);
        assert_eq!(classification(7), ValenceClassification::VeryPleasant);
    }

    #[test]
    fn moods_off_the_scale_are_invalid_input() {
        for bad in [0, 8, -1, i32::MAX] {
            assert!(
                matches!(check_mood("mood", bad), Err(Error::InvalidInput { ref field, .. }) if field == "mood")
            );
        }
        assert!(mood_from_valence(1.01).is_err());
        assert!(mood_from_valence(f64::NAN).is_err());
    }

    proptest! {
        #[test]
        fn any_healthkit_valence_reads_back_as_the_nearest_mood(v in -1.0f64..=1.0) {
            let mood = mood_from_valence(v).unwrap();
            prop_assert!((MOOD_MIN..=MOOD_MAX).contains(&mood));
            prop_assert!((valence(mood) - v).abs() <= 1.0 / 6.0 + 1e-12);
        }
    }
}
