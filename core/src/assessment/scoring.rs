//! Scoring: answers in, total, band, flags and signpost out. Pure: no storage, no clock.
//!
//! Owns the generic rules every instrument's data plugs into (clinical.md): reverse scoring
//! (lowest + highest option − answer), the missing-item rule (up to `max_missing` items
//! declined or not applicable; the total is the answered items' mean × item count, rounded
//! half up — the PHQ-9 item 9 and WSAS rules), bands, flags and the safety signpost.
//! Must never return a partial result: an answer set that cannot be scored is
//! `invalid_input` naming the item, so nothing is stored.

use serde::Serialize;

use super::answer::Answer;
use super::instrument::{FlagCondition, Instrument, instrument};
use super::signpost::{self, Region, Signpost, SignpostReason};
use crate::error::{Error, Result};

/// The flag raised by PHQ-9 item 9 above 0 or declined (clinical.md).
pub const SELF_HARM_THOUGHTS: &str = "self_harm_thoughts";

/// A scored answer set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AssessmentResult {
    /// The instrument id (`gad7`).
    pub instrument: String,
    /// The total, after reverse scoring and prorating.
    pub total: u32,
    /// The highest possible total.
    pub max: u32,
    /// The band id (`moderate`; `positive` / `negative` for the two-item screens).
    pub severity: String,
    /// The band's label (`Moderately severe`).
    pub severity_label: String,
    /// Raised flags (`self_harm_thoughts`).
    pub flags: Vec<String>,
    /// Whether missing items were filled in from the mean of the answered ones.
    pub prorated: bool,
    /// An instrument to offer next (a positive GAD-2 → `gad7`).
    pub follow_up: Option<String>,
    /// Crisis resources to show *before* the score, when a safety rule holds.
    pub signpost: Option<Signpost>,
}

/// What scoring found, before a region's resources are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored {
    /// The instrument scored.
    pub instrument: &'static Instrument,
    /// Total after reverse scoring and prorating.
    pub total: u32,
    /// Index into `instrument.bands`.
    pub band: usize,
    /// Raised flag ids.
    pub flags: Vec<String>,
    /// Whether the total was prorated.
    pub prorated: bool,
    /// Why a signpost is due, if one is.
    pub signpost: Option<SignpostReason>,
}

/// Scores `answers` for the instrument `id`, attaching `region`'s resources if a signpost is due.
pub fn score(id: &str, answers: &[Answer], region: &Region) -> Result<AssessmentResult> {
    evaluate(instrument(id)?, answers)?.into_result(region)
}

/// Validates and scores without choosing crisis resources.
pub fn evaluate(ins: &'static Instrument, answers: &[Answer]) -> Result<Scored> {
    if answers.len() != ins.items.len() {
        return Err(Error::invalid(
            "answers",
            format!(
                "{} has {} items; got {} answers",
                ins.title,
                ins.items.len(),
                answers.len()
            ),
        ));
    }
    let (lo, hi) = ins.score_range();
    let mut sum = 0u32;
    let mut missing = 0u32;
    for (i, (answer, item)) in answers.iter().zip(&ins.items).enumerate() {
        let field = || format!("answers[{i}]");
        match *answer {
            Answer::Score { value } if (lo..=hi).contains(&value) => {
                let value = if item.reverse_scored {
                    lo + hi - value
                } else {
                    value
                };
                sum += u32::from(value);
            }
            Answer::Score { .. } => {
                return Err(Error::invalid(
                    field(),
                    format!("{} item {} takes {lo}–{hi}", ins.title, item.number),
                ));
            }
            Answer::NotApplicable if !item.allows_not_applicable => {
                return Err(Error::invalid(
                    field(),
                    format!(
                        "{} item {} cannot be not applicable",
                        ins.title, item.number
                    ),
                ));
            }
            Answer::Declined if !item.allows_decline => {
                return Err(Error::invalid(
                    field(),
                    format!("{} item {} cannot be declined", ins.title, item.number),
                ));
            }
            Answer::NotApplicable | Answer::Declined => {
                missing += 1;
                if missing > ins.max_missing {
                    return Err(Error::invalid(
                        field(),
                        format!(
                            "{} can be scored with at most {} missing item(s)",
                            ins.title, ins.max_missing
                        ),
                    ));
                }
            }
        }
    }
    let n = ins.items.len() as u32;
    let answered = n - missing;
    // Mean of the answered items × item count, rounded half up, in integers:
    // floor(sum·n/answered + ½) = (2·sum·n + answered) / (2·answered).
    let total = if missing == 0 {
        sum
    } else {
        (2 * sum * n + answered) / (2 * answered)
    };
    let band = ins
        .bands
        .iter()
        .position(|b| b.min <= total && total <= b.max)
        .ok_or_else(|| Error::internal(format!("{}: no band holds a total", ins.id)))?;
    let flags: Vec<String> = ins
        .flags
        .iter()
        .filter(|rule| {
            let answer = (rule.item as usize)
                .checked_sub(1)
                .and_then(|i| answers.get(i));
            match rule.when {
                FlagCondition::AboveZeroOrDeclined => match answer {
                    Some(Answer::Score { value }) => *value > lo,
                    Some(Answer::Declined) => true,
                    Some(Answer::NotApplicable) | None => false,
                },
            }
        })
        .map(|rule| rule.id.clone())
        .collect();
    let flag_signpost = ins
        .flags
        .iter()
        .any(|rule| rule.signpost && flags.contains(&rule.id));
    let signpost = if flag_signpost {
        Some(SignpostReason::SelfHarmThoughts)
    } else if ins.bands[band].signpost {
        Some(SignpostReason::SevereTotal)
    } else {
        None
    };
    Ok(Scored {
        instrument: ins,
        total,
        band,
        flags,
        prorated: missing > 0,
        signpost,
    })
}

impl Scored {
    /// The band the total falls in.
    pub fn severity(&self) -> &'static str {
        &self.instrument.bands[self.band].id
    }

    /// The public result, with `region`'s crisis resources when a signpost is due.
    pub fn into_result(self, region: &Region) -> Result<AssessmentResult> {
        let band = &self.instrument.bands[self.band];
        Ok(AssessmentResult {
            instrument: self.instrument.id.clone(),
            total: self.total,
            max: self.instrument.max_total,
            severity: band.id.clone(),
            severity_label: band.label.clone(),
            flags: self.flags,
            prorated: self.prorated,
            follow_up: band.follow_up.clone(),
            signpost: self
                .signpost
                .map(|reason| signpost::signpost(reason, region))
                .transpose()?,
        })
    }
}
