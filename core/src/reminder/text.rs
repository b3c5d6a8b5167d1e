//! What a reminder says on the lock screen, and where tapping it leads.
//!
//! One row per kind, declared as data. Must never contain a score, a mood, a label or journal
//! text (DESIGN §5): anyone glancing at the phone may read it.

use super::rule::ActivityKind;

/// The URL scheme the apps register for deep links.
pub const DEEP_LINK_SCHEME: &str = "resetcompanion";

/// Lock-screen-safe text for one kind.
pub struct NotificationText {
    pub title: &'static str,
    pub body: &'static str,
    /// The deep link, `resetcompanion://<kind>`.
    pub link: &'static str,
}

const TEXTS: [(ActivityKind, NotificationText); 5] = [
    (
        ActivityKind::Meditation,
        NotificationText {
            title: "Time for a pause",
            body: "A few quiet minutes are ready when you are.",
            link: "resetcompanion://meditation",
        },
    ),
    (
        ActivityKind::Checkin,
        NotificationText {
            title: "A moment to check in",
            body: "Take a few seconds to notice how today is going.",
            link: "resetcompanion://checkin",
        },
    ),
    (
        ActivityKind::Journal,
        NotificationText {
            title: "Your journal is here",
            body: "A few lines, whenever you are ready.",
            link: "resetcompanion://journal",
        },
    ),
    (
        ActivityKind::Programme,
        NotificationText {
            title: "Your next step is ready",
            body: "Pick up your programme where you left off.",
            link: "resetcompanion://programme",
        },
    ),
    (
        ActivityKind::Assessment,
        NotificationText {
            title: "A short questionnaire is due",
            body: "A few questions help you see how things are going over time.",
            link: "resetcompanion://assessment",
        },
    ),
];

/// The text for `kind`.
pub fn text_for(kind: ActivityKind) -> &'static NotificationText {
    // TEXTS is in ActivityKind::ALL order, checked by a test, so indexing cannot miss.
    &TEXTS[kind as usize].1
}

/// The deep link for `kind`, e.g. `resetcompanion://meditation`.
pub fn deep_link(kind: ActivityKind) -> String {
    text_for(kind).link.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_row_in_order() {
        for (i, kind) in ActivityKind::ALL.into_iter().enumerate() {
            assert_eq!(TEXTS[i].0, kind);
            assert_eq!(
                deep_link(kind),
                format!("resetcompanion://{}", kind.as_str())
            );
        }
    }

    #[test]
    fn lock_screen_text_mentions_no_score_mood_or_number() {
        for (_, t) in &TEXTS {
            let all = format!("{} {}", t.title, t.body).to_lowercase();
            assert!(!all.chars().any(|c| c.is_ascii_digit()), "{all}");
            for word in [
                "score", "mood", "phq", "gad", "depress", "anxi", "sad", "low",
            ] {
                assert!(!all.contains(word), "{word} in {all}");
            }
        }
    }
}
