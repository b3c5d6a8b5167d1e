//! The seven steps' prompts, as data, in our own words.
//!
//! Structure from the Safety Planning Intervention (Stanley B, Brown GK. *Cognitive and
//! Behavioral Practice* 2012;19(2):256–264), whose steps the NHS-recommended "Staying Safe"
//! plan follows (see `docs/safety-plan.md` and `../shared/reference/clinical.md`). The wording
//! is ours, not quoted from either source.

use serde::Serialize;

/// One step of the plan as the apps and the CLI present it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlanPrompt {
    /// Position in the plan, 1–7, in the order the steps are used in a crisis.
    pub step: u8,
    /// The field of `SafetyPlanInput` this step fills (`warning_signs`, …).
    pub field: String,
    /// A short heading.
    pub title: String,
    /// The question that helps the person fill it in, in plain words.
    pub prompt: String,
}

/// (field, title, prompt) in step order.
const STEPS: &[(&str, &str, &str)] = &[
    (
        "warning_signs",
        "My warning signs",
        "What tells you a hard time is starting? Thoughts, feelings, situations or things you do.",
    ),
    (
        "coping_strategies",
        "Things I can do on my own",
        "What can you do by yourself to take your mind off things for a while, even a little?",
    ),
    (
        "distractions",
        "People and places that help me feel better",
        "Who could you be around, or where could you go, that takes your mind off things?",
    ),
    (
        "support_contacts",
        "People I can ask for help",
        "Who could you tell that you are struggling? Add how to reach them.",
    ),
    (
        "professionals",
        "Professionals and services",
        "Your GP, therapist or care team and how to reach them. Crisis lines for your region are always listed here too.",
    ),
    (
        "safer_surroundings",
        "Making my surroundings safer",
        "What could you move, lock away or hand to someone to make where you are safer?",
    ),
    (
        "reasons_for_living",
        "My reasons for living",
        "What matters to you and is worth staying safe for?",
    ),
];

/// The seven prompts in step order.
pub fn prompts() -> Vec<SafetyPlanPrompt> {
    STEPS
        .iter()
        .enumerate()
        .map(|(i, (field, title, prompt))| SafetyPlanPrompt {
            step: i as u8 + 1,
            field: (*field).into(),
            title: (*title).into(),
            prompt: (*prompt).into(),
        })
        .collect()
}
