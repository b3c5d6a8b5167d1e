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

/// `explanation` (an indicator's words, quoting `PHQ-9 10 → 3 (−7)`) with `*` on each quoted
/// total that was prorated (third therapist review, F3): the mark must not stop at the
/// paired-scores line when the indicator lines repeat the numbers.
pub fn mark_quoted(
    explanation: &str,
    pairs: &[(&str, &AssessmentRecord, &AssessmentRecord)],
) -> String {
    let mut out = explanation.to_string();
    for (title, first, last) in pairs {
        if !(first.prorated || last.prorated) {
            continue;
        }
        let plain = format!("{title} {} \u{2192} {} (", first.total, last.total);
        let marked = format!("{title} {} \u{2192} {} (", total(first), total(last));
        out = out.replace(&plain, &marked);
    }
    out
}

/// The sum of the answers actually given (declined and not-applicable items left out).
fn answered_sum(r: &AssessmentRecord) -> u32 {
    r.answers
        .iter()
        .map(|a| match a {
            Answer::Score { value } => u32::from(*value),
            _ => 0,
        })
        .sum()
}

/// When a prorated total lands on the other side of a caseness cut-off than the answers given
/// (F3: `PHQ-9 10*` at caseness while the eight answers sum to 9), the words saying that
/// recovery is judged on the estimate; `None` when no caseness call depends on one.
/// `pairs` holds each measure's title, caseness cut-off and first and last record.
pub fn caseness_caveat(
    pairs: &[(&str, u32, &AssessmentRecord, &AssessmentRecord)],
) -> Option<String> {
    let mut parts = Vec::new();
    for (title, cut, first, last) in pairs {
        for (r, when) in [(first, "at the start"), (last, "at the end")] {
            if !r.prorated || (r.total >= *cut) == (answered_sum(r) >= *cut) {
                continue;
            }
            let side = if r.total >= *cut { "at" } else { "below" };
            parts.push(format!(
                "{title} is {side} caseness {when} only on its estimated total ({}*; the answers given sum to {}, caseness is {cut} or more)",
                r.total,
                answered_sum(r)
            ));
        }
    }
    (!parts.is_empty()).then(|| format!("{}.", parts.join("; ")))
}

/// Appended to the recovery lines when [`caseness_caveat`] found a call the estimate makes.
pub const UNCERTAIN: &str = "Uncertain: caseness rests on the estimate.";
