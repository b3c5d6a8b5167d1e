//! The fixed list of cognitive distortions a thought record can name.
//!
//! The list follows the common CBT teaching set (Beck 1976; Burns, *Feeling Good*, 1980), with
//! "jumping to conclusions" split into mind reading and fortune telling and "blaming" added,
//! as most CBT worksheets do. Descriptions are this project's own words. A fixed list keeps
//! insights countable; adding a word is a data change here plus its doc line.

use std::str::FromStr;

use crate::error::{Error, Result};

/// An unhelpful thinking pattern a person can spot in an automatic thought.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CognitiveDistortion {
    /// Seeing things in black and white: anything short of perfect is a failure.
    AllOrNothing,
    /// One bad event becomes a never-ending pattern ("always", "never").
    Overgeneralization,
    /// Dwelling on one negative detail until it colours everything.
    MentalFilter,
    /// Good things "don't count", so a negative belief survives contrary evidence.
    DisqualifyingThePositive,
    /// Assuming you know what others think about you, without checking.
    MindReading,
    /// Predicting things will turn out badly as if it were fact.
    FortuneTelling,
    /// Expecting the worst, or blowing a problem out of proportion.
    Catastrophizing,
    /// Shrinking your own strengths or the good things that happen.
    Minimization,
    /// "I feel it, so it must be true."
    EmotionalReasoning,
    /// Rigid rules about how you or others should or must behave.
    ShouldStatements,
    /// Summing up a whole person, yourself included, with one harsh label.
    Labeling,
    /// Taking responsibility for things outside your control.
    Personalization,
    /// Holding others wholly responsible for your feelings or problems.
    Blaming,
}

/// (distortion, snake_case code, display name): the documented list, declared once.
pub const DISTORTIONS: &[(CognitiveDistortion, &str, &str)] = &[
    (
        CognitiveDistortion::AllOrNothing,
        "all_or_nothing",
        "all-or-nothing thinking",
    ),
    (
        CognitiveDistortion::Overgeneralization,
        "overgeneralization",
        "overgeneralization",
    ),
    (
        CognitiveDistortion::MentalFilter,
        "mental_filter",
        "mental filter",
    ),
    (
        CognitiveDistortion::DisqualifyingThePositive,
        "disqualifying_the_positive",
        "disqualifying the positive",
    ),
    (
        CognitiveDistortion::MindReading,
        "mind_reading",
        "mind reading",
    ),
    (
        CognitiveDistortion::FortuneTelling,
        "fortune_telling",
        "fortune telling",
    ),
    (
        CognitiveDistortion::Catastrophizing,
        "catastrophizing",
        "catastrophizing",
    ),
    (
        CognitiveDistortion::Minimization,
        "minimization",
        "minimization",
    ),
    (
        CognitiveDistortion::EmotionalReasoning,
        "emotional_reasoning",
        "emotional reasoning",
    ),
    (
        CognitiveDistortion::ShouldStatements,
        "should_statements",
        "should statements",
    ),
    (CognitiveDistortion::Labeling, "labeling", "labeling"),
    (
        CognitiveDistortion::Personalization,
        "personalization",
        "personalization",
    ),
    (CognitiveDistortion::Blaming, "blaming", "blaming"),
];

impl CognitiveDistortion {
    fn entry(self) -> &'static (CognitiveDistortion, &'static str, &'static str) {
        // The table lists every variant (pinned by a test), so the fallback is never used.
        DISTORTIONS
            .iter()
            .find(|(d, _, _)| *d == self)
            .unwrap_or(&DISTORTIONS[0])
    }

    /// The snake_case code used in JSON and the database.
    pub fn code(self) -> &'static str {
        self.entry().1
    }

    /// A readable name, also indexed for search ("mind reading").
    pub fn name(self) -> &'static str {
        self.entry().2
    }
}

impl FromStr for CognitiveDistortion {
    type Err = Error;
    /// Accepts the code in any case, with `-` or spaces for `_`.
    fn from_str(text: &str) -> Result<Self> {
        let wanted = text.trim().to_lowercase().replace(['-', ' '], "_");
        DISTORTIONS
            .iter()
            .find(|(_, code, _)| *code == wanted)
            .map(|(d, _, _)| *d)
            .ok_or_else(|| {
                Error::invalid(
                    "distortions",
                    "not a known cognitive distortion; see journal::distortion",
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_lists_every_distortion_once_with_its_json_code() {
        assert_eq!(DISTORTIONS.len(), 13);
        for (d, code, _) in DISTORTIONS {
            assert_eq!(serde_json::to_value(d).unwrap(), *code);
            assert_eq!(code.parse::<CognitiveDistortion>().unwrap(), *d);
            assert_eq!(d.code(), *code);
        }
        assert_eq!(
            "Mind Reading".parse::<CognitiveDistortion>().unwrap(),
            CognitiveDistortion::MindReading
        );
        assert!("mindreading-ish".parse::<CognitiveDistortion>().is_err());
    }
}
