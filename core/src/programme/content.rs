//! The content model: what a programme and its steps are, as the app and the FFI see them,
//! and the pack file format they are read from (`core/content/programmes/*.json`).
//!
//! Owns the shape of content. Must never hold a person's progress: that lives in
//! [`super::enrolment`], keyed by the step ids declared here.

use serde::{Deserialize, Serialize};

use crate::practice::PracticeTechnique;

/// The pack file format this build reads. A pack declaring a newer format is refused.
pub const PACK_FORMAT: u32 = 1;

/// A structured programme: a sequence of steps with unlock rules, written as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Programme {
    /// Stable id, e.g. `anxiety-reset`; progress is stored against it.
    pub id: String,
    /// The content version; bumped whenever the text or steps change.
    pub version: u32,
    /// Display title.
    pub title: String,
    /// One or two sentences on what the programme is.
    pub summary: String,
    /// Who it is for (and who it is not for).
    pub audience: String,
    /// The "complement, not replacement" notice shown before enrolling.
    pub notice: String,
    /// The steps in the order they are taken.
    pub steps: Vec<ProgrammeStep>,
}

/// One step of a programme: a lesson, a practice, an exercise, a reflection or a check-in.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProgrammeStep {
    /// Stable id within the programme, e.g. `day-3` or `session-4`.
    pub id: String,
    /// Display title.
    pub title: String,
    /// What the step asks of the person.
    pub kind: StepKind,
    /// About how long the step takes, in minutes.
    pub minutes: u32,
    /// The step's text, in Markdown.
    pub body: String,
    /// A practice to do as part of the step (e.g. 10 minutes of breathing).
    pub practice_target: Option<PracticeTarget>,
    /// A journal kind to open from the step: `free`, `thought`, `gratitude`, `worry`,
    /// `exposure` or `activity`.
    pub journal_kind: Option<String>,
    /// Questionnaires to take at this measurement point (`gad7`, `phq9`, …).
    pub instruments: Vec<String>,
    /// Steps that must be completed before this one can open.
    pub requires: Vec<String>,
    /// Local days to wait after the prerequisites were completed: the step opens at local
    /// midnight that many days after the day they were finished (0 = straight away).
    pub min_gap_days: u32,
    /// Why the step waits, shown while it is locked (e.g. "the week is for practice").
    pub wait_note: Option<String>,
}

/// What a step asks of the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum StepKind {
    /// Read or listen: an idea explained.
    Learn,
    /// A guided practice such as meditation or breathing.
    Practice,
    /// A written or behavioural exercise (a thought record, worry time…).
    Exercise,
    /// Looking back and noticing what changed.
    Reflect,
    /// A measurement point: one or more questionnaires.
    Assess,
}

impl StepKind {
    /// Every kind, in the order the docs list them.
    pub const ALL: [StepKind; 5] = [
        StepKind::Learn,
        StepKind::Practice,
        StepKind::Exercise,
        StepKind::Reflect,
        StepKind::Assess,
    ];

    /// The snake_case name used in pack files and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            StepKind::Learn => "learn",
            StepKind::Practice => "practice",
            StepKind::Exercise => "exercise",
            StepKind::Reflect => "reflect",
            StepKind::Assess => "assess",
        }
    }

    /// Reads a kind name; `None` if unknown.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A practice a step asks for: which technique and for how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PracticeTarget {
    /// The technique to practise.
    pub technique: PracticeTechnique,
    /// Minutes to aim for.
    pub minutes: u32,
}

/// A short summary of a programme for lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ProgrammeSummary {
    /// Stable id.
    pub id: String,
    /// Display title.
    pub title: String,
    /// One or two sentences on what it is.
    pub summary: String,
    /// Who it is for.
    pub audience: String,
    /// Number of steps.
    pub steps: u32,
    /// Content version.
    pub version: u32,
}

impl Programme {
    /// The list-view summary of this programme.
    pub fn summary(&self) -> ProgrammeSummary {
        ProgrammeSummary {
            id: self.id.clone(),
            title: self.title.clone(),
            summary: self.summary.clone(),
            audience: self.audience.clone(),
            steps: u32::try_from(self.steps.len()).unwrap_or(u32::MAX),
            version: self.version,
        }
    }

    /// The step with `id`, if the programme has one.
    pub fn step(&self, id: &str) -> Option<&ProgrammeStep> {
        self.steps.iter().find(|s| s.id == id)
    }
}

// ---- The pack file format ---------------------------------------------------------------
//
// Kept separate from the model above so that every string in a file (a kind, a technique,
// a prerequisite) is checked by the validator, which names the step, rather than rejected
// by serde with only a line and column.

/// A pack file as written on disk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackFile {
    pub format: u32,
    pub id: String,
    pub version: u32,
    pub title: String,
    pub summary: String,
    pub audience: String,
    pub notice: Text,
    #[serde(default)]
    pub unlock: PackUnlock,
    #[serde(default)]
    pub wait_note: Option<Text>,
    pub steps: Vec<PackStep>,
}

/// The programme-wide unlock rule: each step follows the previous one, after a gap.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackUnlock {
    #[serde(default = "yes")]
    pub sequential: bool,
    #[serde(default)]
    pub min_gap_days: u32,
}

impl Default for PackUnlock {
    fn default() -> Self {
        PackUnlock {
            sequential: true,
            min_gap_days: 0,
        }
    }
}

fn yes() -> bool {
    true
}

/// One step as written on disk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackStep {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub minutes: u32,
    pub body: Text,
    #[serde(default)]
    pub practice: Option<PackTarget>,
    #[serde(default)]
    pub journal: Option<String>,
    #[serde(default)]
    pub instruments: Vec<String>,
    #[serde(default)]
    pub unlock: Option<PackStepUnlock>,
    #[serde(default)]
    pub wait_note: Option<Text>,
}

/// A step's own unlock rule, overriding the programme's.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackStepUnlock {
    #[serde(default)]
    pub after: Option<Vec<String>>,
    #[serde(default)]
    pub min_gap_days: Option<u32>,
}

/// A practice target as written on disk.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PackTarget {
    pub technique: String,
    pub minutes: u32,
}

/// Text written either as one string or as a list of lines (easier to read in JSON).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum Text {
    One(String),
    Lines(Vec<String>),
}

impl Text {
    /// The text as one Markdown string, lines joined with newlines.
    pub fn joined(&self) -> String {
        match self {
            Text::One(s) => s.clone(),
            Text::Lines(lines) => lines.join("\n"),
        }
    }
}
