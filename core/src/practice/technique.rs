//! Practice techniques, stored by name, and how each maps onto the platform health stores.
//!
//! Names, never integers, are what is stored and what crosses the FFI: Health Connect's
//! integer constants differ between the Jetpack client and the platform API
//! (shared/reference/platform.md → clinical.md "Platform health stores").

use serde::{Deserialize, Serialize};

/// A kind of practice session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PracticeTechnique {
    /// Sitting (or walking) meditation.
    Meditation,
    /// A breathing exercise such as slow out-breaths.
    Breathing,
    /// Moving attention through the body.
    BodyScan,
    /// Anything else the person counts as practice.
    Other,
}

impl PracticeTechnique {
    /// Every technique.
    pub const ALL: [PracticeTechnique; 4] = [
        PracticeTechnique::Meditation,
        PracticeTechnique::Breathing,
        PracticeTechnique::BodyScan,
        PracticeTechnique::Other,
    ];

    /// The stored and JSON name: `meditation`, `breathing`, `body_scan`, `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            PracticeTechnique::Meditation => "meditation",
            PracticeTechnique::Breathing => "breathing",
            PracticeTechnique::BodyScan => "body_scan",
            PracticeTechnique::Other => "other",
        }
    }

    /// Reads a stored name; `None` if unknown.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == name)
    }

    /// The Health Connect `MindfulnessSessionRecord` session type constant, by name.
    ///
    /// A body scan is a meditation practice; "other" is the generic unknown type, which both
    /// the Jetpack client and the platform API define.
    pub fn health_connect_type(self) -> &'static str {
        match self {
            PracticeTechnique::Meditation | PracticeTechnique::BodyScan => {
                "MINDFULNESS_SESSION_TYPE_MEDITATION"
            }
            PracticeTechnique::Breathing => "MINDFULNESS_SESSION_TYPE_BREATHING",
            PracticeTechnique::Other => "MINDFULNESS_SESSION_TYPE_UNKNOWN",
        }
    }
}
