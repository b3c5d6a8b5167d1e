//! `reset assess …`: questionnaires (list, score, take, history, due, outcome, episode,
//! cadence) and the tour step that takes a GAD-7 and a PHQ-9.
//!
//! The JSON of `list`, `score`, `take` and `outcome` is the issue 4 contract, built here
//! field by field so the FFI records can grow without changing it. A signpost is always
//! printed before the score.

use clap::Subcommand;
use reset_core::Error;
use reset_core::assessment::{
    AssessmentRecord, AssessmentResult, EpisodeOutcome, IndicatorStatus, Instrument,
    OutcomeIndicator, OutcomeScores, OutcomeSummary, Signpost,
};
use reset_ffi::assessment::{
    assessment_instruments, assessment_outcome_for_scores, parse_assessment_answers,
};
use reset_ffi::{Companion, ResetError};
use serde_json::{Value, json};

use super::checkin::to_json;
use crate::Ctx;
use crate::output::Output;
use crate::tour::Tour;

/// The assessment subcommands.
#[derive(Subcommand)]
pub enum AssessCommand {
    /// The questionnaires available, with their bands and sources.
    List,
    /// Score answers without storing them (on a terminal without --answers: asks each question).
    Score {
        /// Instrument id: gad7, phq9, gad2, phq2, pss10, wsas.
        instrument: String,
        /// One answer per item in order: numbers, `na` (WSAS work item), `decline` (PHQ-9 item 9).
        /// Required off a terminal; on a terminal, leave it out to be asked each question.
        #[arg(long, value_name = "A,B,...", allow_hyphen_values = true)]
        answers: Option<String>,
        /// Crisis resources region: GB, US or IE (default: the `region` preference, the zone, GB).
        #[arg(long, value_name = "GB|US|IE")]
        region: Option<String>,
    },
    /// Score and store a completed questionnaire (on a terminal without --answers: asks each
    /// question, with its answer scale, one at a time).
    Take {
        /// Instrument id: gad7, phq9, gad2, phq2, pss10, wsas (`reset assess show ID` prints its questions).
        instrument: String,
        /// One answer per item in order. Required off a terminal; on a terminal, leave it out
        /// to be asked each question.
        #[arg(long, value_name = "A,B,...", allow_hyphen_values = true)]
        answers: Option<String>,
        /// When it was completed, RFC 3339 (default: now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// Crisis resources region: GB, US or IE.
        #[arg(long, value_name = "GB|US|IE")]
        region: Option<String>,
    },
    /// Stored results, oldest first.
    History {
        /// Only this instrument.
        instrument: Option<String>,
    },
    /// A questionnaire's questions and answer scale (`show gad7`), or one stored result by its
    /// id (`as_…`) or the number it had before (`12`).
    Show {
        /// An instrument id (gad7, phq9, …), or the assessment's id as `take` and `history`
        /// print it (`uid`), or its old number (`id`).
        id: String,
    },
    /// Which questionnaires are due today, and which come next.
    Due,
    /// NHS Talking Therapies outcome: from the given first and last totals, else the current episode.
    Outcome {
        /// PHQ-9 totals at the start and now.
        #[arg(long, value_name = "FIRST,LAST")]
        phq9: Option<String>,
        /// GAD-7 totals at the start and now.
        #[arg(long, value_name = "FIRST,LAST")]
        gad7: Option<String>,
    },
    /// Start a new episode of care (e.g. a programme or therapy begins); outcomes count from it.
    Episode {
        /// First day of the episode (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<String>,
    },
    /// Set how often an instrument is due: a number of days, or `off`.
    Cadence {
        /// Instrument id.
        instrument: String,
        /// Days between measurements (1–366) or `off`.
        every: String,
    },
}

/// Runs one `assess` subcommand.
pub fn run(ctx: &Ctx, command: &AssessCommand) -> Result<Output, ResetError> {
    match command {
        AssessCommand::List => list(),
        AssessCommand::Score {
            instrument,
            answers,
            region,
        } => {
            let answers = parse_assessment_answers(answers_or_ask(instrument, answers)?)?;
            let c = ctx.open()?;
            let r = c.score_assessment(instrument.clone(), answers.clone(), region.clone())?;
            let has_plan = c.safety_plan()?.is_some();
            Ok(Output::new(
                result_json(&r, None),
                describe(&r, &answers, has_plan),
            ))
        }
        AssessCommand::Take {
            instrument,
            answers,
            at,
            region,
        } => {
            let answers = parse_assessment_answers(answers_or_ask(instrument, answers)?)?;
            let at = super::instant_arg(at.as_deref(), "at")?;
            let c = ctx.open()?;
            let taken = c.take_assessment(instrument.clone(), answers, at, region.clone())?;
            let has_plan = c.safety_plan()?.is_some();
            let human = format!(
                "{}saved as assessment {} on {}\n",
                describe(&taken.result, &taken.record.answers, has_plan),
                taken.record.id,
                taken.record.taken.local_date
            );
            Ok(Output::new(
                result_json(&taken.result, Some(&taken.record)),
                human,
            ))
        }
        AssessCommand::Show { id } => {
            if let Some(instrument) = super::questionnaire::find(id) {
                return Ok(super::questionnaire::show(&instrument));
            }
            let r = ctx.open()?.assessment(id.clone())?;
            let human = format!(
                "{}  {} {}/{} {} [{}, before: {}]\n",
                r.taken.local_date, r.instrument, r.total, r.max, r.severity, r.id, r.legacy_id
            );
            Ok(Output::new(to_json(&r)?, human))
        }
        AssessCommand::History { instrument } => {
            let records = ctx.open()?.assessment_history(instrument.clone())?;
            let mut human = String::new();
            for r in &records {
                human.push_str(&format!(
                    "{}  {:<6} {:>2}/{:<2} {}{}\n",
                    r.taken.local_date,
                    r.instrument,
                    r.total,
                    r.max,
                    r.severity,
                    if r.signpost.is_some() {
                        "  (support resources shown)"
                    } else {
                        ""
                    }
                ));
            }
            if records.is_empty() {
                human.push_str("no assessments yet — try `reset assess take gad7 --answers …`\n");
            }
            Ok(Output::new(
                json!({"assessments": to_json(&records)?}),
                human,
            ))
        }
        AssessCommand::Due => {
            let report = ctx.open()?.assessments_due(Vec::new())?;
            let mut human = format!("today is {}\n", report.today);
            for d in &report.due {
                human.push_str(&format!("due: {} (since {})\n", d.title, d.due_date));
            }
            for d in &report.upcoming {
                human.push_str(&format!("next: {} on {}\n", d.title, d.due_date));
            }
            Ok(Output::new(to_json(&report)?, human))
        }
        AssessCommand::Outcome { phq9, gad7 } => outcome(ctx, phq9.as_deref(), gad7.as_deref()),
        AssessCommand::Episode { start } => {
            let start = super::day_arg(start.as_deref(), "start_date")?;
            let e = ctx.open()?.start_assessment_episode(start)?;
            let human = format!("a new episode starts on {}\n", e.start_date);
            Ok(Output::new(to_json(&e)?, human))
        }
        AssessCommand::Cadence { instrument, every } => {
            let days = match every.as_str() {
                "off" => None,
                n => Some(
                    n.parse::<u32>()
                        .map_err(|_| Error::invalid("every_days", "a number of days or off"))?,
                ),
            };
            let c = ctx
                .open()?
                .set_assessment_cadence(instrument.clone(), days)?;
            let human = match c.every_days {
                Some(d) => format!("{} is now due every {d} days\n", c.instrument),
                None => format!("{} is no longer scheduled\n", c.instrument),
            };
            Ok(Output::new(to_json(&c)?, human))
        }
    }
}

/// `--answers` as given, else (on a terminal) the answers to each question asked in turn.
/// An unknown instrument is refused by the core as before, before anything is asked.
fn answers_or_ask(instrument: &str, answers: &Option<String>) -> Result<String, ResetError> {
    if let Some(answers) = answers {
        return Ok(answers.clone());
    }
    if !crate::ask::interactive() {
        return Err(Error::invalid(
            "answers",
            "is required (or run it in a terminal to be asked each question)",
        )
        .into());
    }
    let i = reset_core::assessment::instrument(instrument)?;
    super::questionnaire::ask_answers(i)
}

fn list() -> Result<Output, ResetError> {
    let all = assessment_instruments()?;
    let mut human = String::new();
    for i in &all {
        human.push_str(&format!(
            "{:<6} {:<7} {} items, 0–{}  {}\n",
            i.id,
            i.title,
            i.items.len(),
            i.max_total,
            i.name
        ));
    }
    human.push_str("questions, answer scale, bands and source: reset assess show ID\n");
    let json: Vec<Value> = all.iter().map(instrument_json).collect();
    Ok(Output::new(json!({"instruments": json}), human))
}

/// The `assess list` object of one instrument.
pub fn instrument_json(i: &Instrument) -> Value {
    let bands: Vec<Value> = i
        .bands
        .iter()
        .map(|b| json!({"id": b.id, "label": b.label, "min": b.min, "max": b.max}))
        .collect();
    json!({
        "id": i.id,
        "title": i.title,
        "name": i.name,
        "items": i.items.len(),
        "max": i.max_total,
        "recall_period": i.recall_period,
        "bands": bands,
        "bands_note": i.bands_note,
        "citation": i.citation,
    })
}

/// The contract shape of a scored result; `take` adds the stored `id` (the row number, an
/// integer as it always was) and `uid` (the record's `as_…` id).
fn result_json(r: &AssessmentResult, stored: Option<&AssessmentRecord>) -> Value {
    let mut v = json!({
        "instrument": r.instrument,
        "total": r.total,
        "max": r.max,
        "severity": r.severity,
        "flags": r.flags,
        "signpost": r.signpost.as_ref().map(signpost_json),
    });
    if let (Some(record), Some(map)) = (stored, v.as_object_mut()) {
        map.insert("id".into(), json!(record.legacy_id));
        map.insert("uid".into(), json!(record.id));
    }
    v
}

fn signpost_json(s: &Signpost) -> Value {
    let resources: Vec<Value> = s
        .resources
        .iter()
        .map(|c| json!({"name": c.name, "phone": c.phone, "text": c.text, "url": c.url}))
        .collect();
    json!({"reason": s.reason.as_str(), "resources": resources, "region_is_fallback": s.region_is_fallback})
}

/// What the signpost says about PHQ-9 item 9 itself, after the crisis lines: a decline is not
/// an endorsement, and the more often the thoughts came the more urgent the words; either way
/// it suggests telling the therapist or GP (new-user review F16).
fn item9_words(
    r: &AssessmentResult,
    answers: &[reset_core::assessment::Answer],
) -> Option<&'static str> {
    use reset_core::assessment::Answer;
    if r.instrument != "phq9" {
        return None;
    }
    match answers.get(8)? {
        Answer::Declined => Some(
            "You chose not to answer question 9 (thoughts of being better off dead or of hurting\n\
             yourself). That is your choice. If those thoughts are there, please tell your therapist\n\
             or GP; they are used to hearing it.\n",
        ),
        Answer::Score { value: 1 } => Some(
            "You said you have had thoughts of being better off dead or of hurting yourself on several\n\
             days. Please tell your therapist or GP about them soon.\n",
        ),
        Answer::Score { value } if *value >= 2 => Some(
            "You said you have had thoughts of being better off dead or of hurting yourself on most\n\
             days. Please talk to your therapist or GP today, or to one of the lines above now.\n",
        ),
        _ => None,
    }
}

/// Human text: the signpost first (DESIGN §7), then the score. `has_plan`: whether the person
/// has a safety plan (the signpost shows it, or offers to write one step by step).
fn describe(
    r: &AssessmentResult,
    answers: &[reset_core::assessment::Answer],
    has_plan: bool,
) -> String {
    let mut out = String::new();
    if let Some(s) = &r.signpost {
        out.push_str(
            "You don't have to face this alone. If you are in danger or thinking of harming\n",
        );
        if s.region_is_fallback {
            // Never present another country's numbers as the person's own (review F30).
            out.push_str(
                "yourself, call your local emergency number now. This app has crisis lines only for\n\
                 the UK, the US and Ireland, and your time zone is in none of them.\n",
            );
            out.push_str(&super::crisis::not_your_country(&s.region_name));
        } else {
            out.push_str(&format!(
                "yourself, help is available now ({}):\n",
                s.region_name
            ));
        }
        if s.region_is_fallback {
            out.push_str(&super::crisis::labelled_lines(&s.resources, &s.region_name));
        } else {
            out.push_str(&super::crisis::resource_lines(&s.resources));
        }
        if let Some(words) = item9_words(r, answers) {
            out.push_str(words);
        }
        // After the crisis lines, never instead of them.
        out.push_str(if has_plan {
            "Your safety plan: reset safety-plan show\n"
        } else {
            "You have no safety plan yet: `reset safety-plan edit` writes one with you, step by step.\n"
        });
        out.push('\n');
    }
    out.push_str(&format!(
        "{}: {} of {} — {}",
        title(&r.instrument),
        r.total,
        r.max,
        r.severity_label
    ));
    if r.prorated {
        out.push_str(" (estimated from the answered items)");
    }
    out.push('\n');
    if let Some(next) = &r.follow_up {
        out.push_str(&format!(
            "You could take the full {} next: reset assess take {next} --answers …\n",
            title(next)
        ));
    }
    out
}

/// The instrument's short title (`GAD-7`), or its id if unknown.
fn title(id: &str) -> String {
    assessment_instruments()
        .ok()
        .and_then(|all| all.into_iter().find(|i| i.id == id).map(|i| i.title))
        .unwrap_or_else(|| id.to_string())
}

fn pair(field: &str, text: &str) -> Result<(u32, u32), ResetError> {
    let bad = || {
        ResetError::from(Error::invalid(
            field,
            "expected FIRST,LAST totals, e.g. 14,6",
        ))
    };
    let (a, b) = text.split_once(',').ok_or_else(bad)?;
    Ok((
        a.trim().parse().map_err(|_| bad())?,
        b.trim().parse().map_err(|_| bad())?,
    ))
}

fn outcome(ctx: &Ctx, phq9: Option<&str>, gad7: Option<&str>) -> Result<Output, ResetError> {
    let summary = match (phq9, gad7) {
        (Some(p), Some(g)) => {
            let (phq9_first, phq9_last) = pair("phq9", p)?;
            let (gad7_first, gad7_last) = pair("gad7", g)?;
            assessment_outcome_for_scores(OutcomeScores {
                phq9_first,
                phq9_last,
                gad7_first,
                gad7_last,
            })?
        }
        (None, None) => {
            let episode = ctx.open()?.assessment_outcome()?;
            let summary = episode.summary.clone().ok_or_else(|| {
                ResetError::from(Error::not_found(
                    "a PHQ-9 and a GAD-7 in the current episode",
                ))
            })?;
            return Ok(Output::new(
                to_json(&summary)?,
                describe_episode(&episode, &summary),
            ));
        }
        (Some(_), None) => {
            return Err(Error::invalid("gad7", "pass both --phq9 and --gad7, or neither").into());
        }
        (None, Some(_)) => {
            return Err(Error::invalid("phq9", "pass both --phq9 and --gad7, or neither").into());
        }
    };
    Ok(Output::new(to_json(&summary)?, describe_outcome(&summary)))
}

/// The indicators each on its own line, reliable deterioration first as a warning (in words
/// and with a sign, never by colour alone); the compatibility category is in the JSON only.
fn describe_outcome(s: &OutcomeSummary) -> String {
    let mut text = String::from(
        "Outcome (NHS Talking Therapies indicators, signs of progress, not a diagnosis):\n",
    );
    if let Some(w) = s.deterioration_warning() {
        text.push_str(&format!(
            "  \u{26a0} WARNING: {}: {}\n",
            warning_title(w),
            w.explanation
        ));
    }
    for i in s.indicators.iter().filter(|i| !i.warning) {
        let status = match i.status {
            IndicatorStatus::Met => "met",
            IndicatorStatus::NotMet => "not met",
            IndicatorStatus::NotApplicable => "not judged",
        };
        text.push_str(&format!(
            "  {}: {status}. {}\n",
            i.indicator.title().to_lowercase(),
            i.explanation
        ));
    }
    // Therapist review (second round) L12: no single category in the text a person or a
    // clinician reads — it let one indicator stand for all (clinical.md: separate measures).
    // The JSON keeps `category` for compatibility.
    text
}

/// `reliable deterioration` when the combined indicator holds, else `reliable rise on PHQ-9
/// (combined indicator not met)`: a per-measure rise is a warning either way.
fn warning_title(w: &OutcomeIndicator) -> String {
    if w.status == IndicatorStatus::Met {
        return w.indicator.title().to_lowercase();
    }
    let on: Vec<&str> = w.warning_measures.iter().map(|m| m.title()).collect();
    format!(
        "reliable rise on {} (the combined reliable-deterioration indicator is not met)",
        on.join(" and ")
    )
}

/// The indicators that hold, warnings first, as one phrase (`no indicator met` otherwise).
fn met_phrase(s: &OutcomeSummary) -> String {
    let met: Vec<String> = s
        .met()
        .iter()
        .map(|i| {
            let t = i.indicator.title().to_lowercase();
            if i.warning {
                format!("\u{26a0} {t} (warning)")
            } else {
                t
            }
        })
        .collect();
    if met.is_empty() {
        "no indicator met".into()
    } else {
        met.join(", ")
    }
}

fn describe_episode(e: &EpisodeOutcome, s: &OutcomeSummary) -> String {
    let start = e
        .episode
        .as_ref()
        .map_or_else(|| "?".to_string(), |e| e.start_date.to_string());
    let show = |v: Option<u32>| v.map_or("–".to_string(), |v| v.to_string());
    // One score on each measure: nothing has changed yet, so no indicator is judged — say so
    // instead of "recovery: not met" (new-user review F20).
    let outcome = if e.phq9_count <= 1 && e.gad7_count <= 1 {
        "Outcome: not enough scores yet. The indicators compare the first score of the episode with a later one; \
         take the PHQ-9 and GAD-7 again in a few weeks.\n"
            .to_string()
    } else {
        describe_outcome(s)
    };
    format!(
        "Episode since {start}: PHQ-9 {} → {} ({} taken), GAD-7 {} → {} ({} taken)\n{}",
        show(e.phq9_first),
        show(e.phq9_latest),
        e.phq9_count,
        show(e.gad7_first),
        show(e.gad7_latest),
        e.gad7_count,
        outcome
    )
}

/// Tour: takes a GAD-7 and a PHQ-9 with everyday (non-crisis) answers and shows the outcome.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let gad7 = companion.take_assessment(
        "gad7".into(),
        parse_assessment_answers("1,1,1,1,0,1,1".into())?,
        None,
        None,
    )?;
    let phq9 = companion.take_assessment(
        "phq9".into(),
        parse_assessment_answers("1,1,1,1,0,1,1,0,0".into())?,
        None,
        None,
    )?;
    let episode = companion.assessment_outcome()?;
    let due = companion.assessments_due(Vec::new())?;
    let mut text = format!(
        "{}{}",
        describe(&gad7.result, &gad7.record.answers, false),
        describe(&phq9.result, &phq9.record.answers, false)
    );
    if let Some(summary) = &episode.summary {
        text.push_str(&describe_episode(&episode, summary));
    }
    let example = OutcomeScores {
        phq9_first: 16,
        phq9_last: 8,
        gad7_first: 12,
        gad7_last: 6,
    };
    text.push_str(&format!(
        "for example, PHQ-9 16 → 8 with GAD-7 12 → 6 would be: {}\n",
        met_phrase(&assessment_outcome_for_scores(example)?)
    ));
    if let Some(next) = due.upcoming.first() {
        text.push_str(&format!(
            "next due: {} on {} (every 14 days by default)\n",
            next.title, next.due_date
        ));
    }
    text.push_str("try: reset assess list · reset assess history · reset assess outcome --phq9 16,8 --gad7 12,6");
    tour.say(
        "Took a GAD-7 and a PHQ-9",
        text,
        json!({
            "gad7": result_json(&gad7.result, Some(&gad7.record)),
            "phq9": result_json(&phq9.result, Some(&phq9.record)),
            "outcome": episode.summary.map(|s| to_json(&s)).transpose()?,
        }),
    );
    Ok(())
}
