//! Marks for prorated (estimated) totals on page 1 (therapist review M1): wherever a total,
//! or an indicator resting on one, was filled in for a missing answer, the number carries an
//! asterisk and the section says in words what the asterisk means — never colour alone.
//!
//! Must never leave a prorated total unmarked on page 1: a declined PHQ-9 item 9 is estimated
//! from the mean of the other eight answers, and caseness or recovery can depend on it.

use crate::assessment::{Answer, AssessmentRecord};

/// The footnote for a PHQ-9 whose item 9 was declined.
pub const ITEM9_NOTE: &str =
    "* estimated: item 9 was declined; the total is prorated from the other eight answers.";

/// The footnote for any other prorated total.
pub const OTHER_NOTE: &str =
    "* estimated: one answer was missing; the total is prorated from the other answers.";

/// `r`'s total, with `*` when it was prorated.
pub fn total(r: &AssessmentRecord) -> String {
    if r.prorated {
        format!("{}*", r.total)
    } else {
        r.total.to_string()
    }
}

/// Whether `r` is a PHQ-9 whose item 9 was declined (or left out).
fn item9_missing(r: &AssessmentRecord) -> bool {
    r.instrument == "phq9"
        && matches!(
            r.answers.get(8),
            Some(Answer::Declined | Answer::NotApplicable)
        )
}

/// The footnote lines for the prorated records among `shown` (none when none was prorated).
pub fn notes<'a>(shown: impl IntoIterator<Item = &'a AssessmentRecord>) -> Vec<&'static str> {
    let prorated: Vec<&AssessmentRecord> = shown.into_iter().filter(|r| r.prorated).collect();
    let mut out = Vec::new();
    if prorated.iter().any(|r| item9_missing(r)) {
        out.push(ITEM9_NOTE);
    }
    if prorated.iter().any(|r| !item9_missing(r)) {
        out.push(OTHER_NOTE);
    }
    out
}
