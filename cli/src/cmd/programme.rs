//! `reset programme …`, `reset session …` and `reset practice …`: the Reset Series
//! programmes, practice sessions and the practice summary, plus their tour step.
//!
//! Every command goes through the `Companion` facade; the JSON shapes are the issue-6 contract.

use std::path::PathBuf;

use clap::Subcommand;
use reset_core::Error;
use reset_core::practice::{PracticeSessionInput, PracticeTechnique};
use reset_core::programme::{
    ProgrammeProgress, ProgrammeState, ProgrammeToday, StepProgress, StepStatus,
};
use reset_core::time::{Captured, Timestamp, format_with_offset};
use reset_ffi::{Companion, ResetError};
use serde::Serialize;
use serde_json::{Value, json};

use crate::Ctx;
use crate::output::Output;
use crate::tour::Tour;

/// `reset programme` subcommands.
#[derive(Subcommand)]
pub enum ProgrammeCommand {
    /// The programmes on offer.
    List,
    /// One programme with every step's text.
    Show {
        /// Programme id, e.g. anxiety-reset.
        id: String,
    },
    /// Enrol in a programme (one at a time; free practice is always open).
    Start {
        /// Programme id.
        id: String,
        /// When you enrolled (default: now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
    /// Today's steps: done today, open now, or opening next.
    Today,
    /// Mark a step done (doing it twice is harmless).
    Complete {
        /// Step id, e.g. day-1 or session-2.
        step_id: String,
        /// When you did it (default: now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
    },
    /// Every step of the current programme and where you are.
    Progress,
    /// Set the current programme aside; its progress is kept.
    Leave,
    /// Pick up again after a break (nothing was lost).
    Resume,
    /// Begin a programme again from the first step; the earlier run is kept.
    Restart {
        /// Programme id (default: the current one).
        id: Option<String>,
    },
    /// Check a programme pack file as the app checks its own.
    Validate {
        /// The pack's JSON file.
        file: PathBuf,
    },
}

/// `reset session` subcommands.
#[derive(Subcommand)]
pub enum SessionCommand {
    /// Log a practice session.
    Log {
        /// meditation, breathing, body_scan or other.
        #[arg(long)]
        kind: String,
        /// Minutes practised.
        #[arg(long)]
        minutes: u32,
        /// Minutes you had planned.
        #[arg(long)]
        planned: Option<u32>,
        /// The session was cut short (it still counts).
        #[arg(long)]
        interrupted: bool,
        /// When it started (default: it ended just now).
        #[arg(long, value_name = "RFC3339")]
        at: Option<String>,
        /// A step of your current programme it belongs to.
        #[arg(long, value_name = "STEP_ID")]
        step: Option<String>,
    },
    /// Sessions logged, with the fields Apple Health and Health Connect need.
    List {
        /// First local day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Last local day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
    },
    /// One session, by its id (`ps_…`) or the number it had before (`3`).
    Show {
        /// The session's id as `log` and `list` print it (`uid`), or its old number (`id`).
        id: String,
    },
}

/// `reset practice` subcommands.
#[derive(Subcommand)]
pub enum PracticeCommand {
    /// Minutes per day and week, days practised this week, habit strength, streak.
    Summary {
        /// First local day (default: four weeks before --to).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Last local day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
    },
    /// Hide or show the streak in the summary.
    Streak {
        /// Hide it.
        #[arg(long, conflicts_with = "show")]
        hide: bool,
        /// Show it again.
        #[arg(long)]
        show: bool,
    },
}

fn to_json<T: Serialize>(value: &T) -> Result<Value, ResetError> {
    serde_json::to_value(value).map_err(|e| Error::internal(format!("json: {e}")).into())
}

fn at_arg(at: &Option<String>) -> Result<Option<Timestamp>, ResetError> {
    super::instant_arg(at.as_deref(), "at")
}

/// Runs a `reset programme` command.
pub fn run(ctx: &Ctx, command: &ProgrammeCommand) -> Result<Output, ResetError> {
    if let ProgrammeCommand::Validate { file } = command {
        return validate(file);
    }
    let c = ctx.open()?;
    match command {
        ProgrammeCommand::List => {
            let list = c.programmes()?;
            let human: String = list
                .iter()
                .map(|p| {
                    format!(
                        "{:<20} {} ({} steps)\n  {}\n",
                        p.id, p.title, p.steps, p.summary
                    )
                })
                .collect();
            Ok(Output::new(json!({"programmes": to_json(&list)?}), human))
        }
        ProgrammeCommand::Show { id } => {
            let p = c.programme(id.clone())?;
            // The notice points to "the app's Help screen": here, the lines themselves (F21).
            let mut human = format!(
                "# {}\n\n{}\n\n{}\n\n_{}_\n\n{}",
                p.title,
                p.summary,
                p.audience,
                p.notice,
                super::crisis::lines_text(&c.crisis_region(None)?)
            );
            for s in &p.steps {
                human.push_str(&format!(
                    "\n## {} ({} min, {})\n\n{}\n",
                    s.title,
                    s.minutes,
                    s.kind.as_str(),
                    s.body
                ));
            }
            Ok(Output::new(to_json(&p)?, human))
        }
        ProgrammeCommand::Start { id, at } => {
            let p = c.start_programme(id.clone(), at_arg(at)?)?;
            let notice = c.programme(id.clone())?.notice;
            let lines = super::crisis::lines_text(&c.crisis_region(None)?);
            Ok(Output::new(
                to_json(&p)?,
                format!(
                    "{}\n\n{notice}\n\n{lines}(Any time: reset help-now)\n",
                    describe_progress(&p)
                ),
            ))
        }
        ProgrammeCommand::Today => {
            let t = c.programme_today()?;
            let mut human = describe_today(&t);
            // The first open step in full, with its id and what to run (new-user review 3,
            // F15): a session is read before it is marked done.
            let open = t.steps.iter().find(|s| s.status == StepStatus::Available);
            if let (Some(id), Some(step)) = (&t.programme, open)
                && let Some(content) = c
                    .programme(id.clone())?
                    .steps
                    .iter()
                    .find(|s| s.id == step.id)
            {
                human.push_str(&today_step_text(step, &content.body));
            }
            Ok(Output::new(to_json(&t)?, human))
        }
        ProgrammeCommand::Complete { step_id, at } => {
            let done = c.complete_programme_step(step_id.clone(), at_arg(at)?)?;
            let mut human = if done.already_completed {
                format!(
                    "{} was already done ({}): nothing changed.\n",
                    done.step_id,
                    done.completed.local_time()
                )
            } else {
                format!(
                    "Done: {} on {}. Well done.\n",
                    done.step_id, done.completed.local_date
                )
            };
            if let Some(next) = &done.next {
                human.push_str(&describe_step(next));
            }
            Ok(Output::new(to_json(&done)?, human))
        }
        ProgrammeCommand::Progress => match c.programme_progress()? {
            Some(p) => Ok(Output::new(to_json(&p)?, describe_progress(&p))),
            None => Ok(Output::new(
                json!({"programme": null}),
                "No programme in progress. `reset programme list` shows what's on offer.\n",
            )),
        },
        ProgrammeCommand::Leave => {
            let left = c.leave_programme()?;
            let human = match &left {
                Some(id) => format!(
                    "Set {id} aside. Your progress is kept: `reset programme start {id}` picks it up.\n"
                ),
                None => "No programme was in progress.\n".to_string(),
            };
            Ok(Output::new(json!({"left": left}), human))
        }
        ProgrammeCommand::Resume => {
            let p = c.resume_programme()?;
            Ok(Output::new(
                to_json(&p)?,
                format!("Welcome back.\n{}", describe_progress(&p)),
            ))
        }
        ProgrammeCommand::Restart { id } => {
            let p = c.restart_programme(id.clone())?;
            Ok(Output::new(to_json(&p)?, describe_progress(&p)))
        }
        ProgrammeCommand::Validate { .. } => {
            Err(Error::internal("validate is handled above").into())
        }
    }
}

fn validate(file: &std::path::Path) -> Result<Output, ResetError> {
    let text = String::from_utf8(crate::input::file("file", file)?)
        .map_err(|_| Error::invalid("file", "is not valid UTF-8"))?;
    let summary = reset_ffi::programme::validate_programme_pack(text)?;
    let human = format!(
        "{}: valid programme `{}` with {} steps\n",
        file.display(),
        summary.id,
        summary.steps
    );
    Ok(Output::new(
        json!({"valid": true, "programme": to_json(&summary)?}),
        human,
    ))
}

/// Runs a `reset session` command.
pub fn session(ctx: &Ctx, command: &SessionCommand) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    match command {
        SessionCommand::Log {
            kind,
            minutes,
            planned,
            interrupted,
            at,
            step,
        } => {
            let technique = PracticeTechnique::parse(kind).ok_or_else(|| {
                Error::invalid("kind", "use meditation, breathing, body_scan or other")
            })?;
            let s = c.log_practice_session(PracticeSessionInput {
                technique,
                actual_minutes: *minutes,
                planned_minutes: *planned,
                completed: !interrupted,
                started_at: at_arg(at)?,
                step_id: step.clone(),
            })?;
            let human = format!(
                "Logged {} minutes of {} on {}{}.\n",
                s.actual_minutes,
                s.technique.as_str().replace('_', " "),
                s.started.local_date,
                if s.completed {
                    ""
                } else {
                    " (interrupted — it still counts)"
                }
            );
            Ok(Output::new(to_json(&s)?, human))
        }
        SessionCommand::List { from, to } => {
            let list = c.practice_sessions(
                super::day_arg(from.as_deref(), "from")?,
                super::day_arg(to.as_deref(), "to")?,
            )?;
            let human: String = list
                .iter()
                .map(|s| {
                    format!(
                        "{}  {:>3} min  {}\n",
                        s.started.local_time(),
                        s.actual_minutes,
                        s.technique.as_str()
                    )
                })
                .collect();
            Ok(Output::new(json!({"sessions": to_json(&list)?}), human))
        }
        SessionCommand::Show { id } => {
            let s = c.practice_session(id.clone())?;
            let human = format!(
                "{}  {} min  {} [{}, before: {}]\n",
                s.started.local_time(),
                s.actual_minutes,
                s.technique.as_str(),
                s.id,
                s.legacy_id
            );
            Ok(Output::new(to_json(&s)?, human))
        }
    }
}

/// Runs a `reset practice` command.
pub fn practice(ctx: &Ctx, command: &PracticeCommand) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    match command {
        PracticeCommand::Summary { from, to } => {
            let s = c.practice_summary(
                super::day_arg(from.as_deref(), "from")?,
                super::day_arg(to.as_deref(), "to")?,
            )?;
            let mut human = format!(
                "{} to {}: {} minutes in {} sessions\nThis week: {} practised, {} minutes\nHabit strength: {:.0}%\n",
                s.from,
                s.to,
                s.total_minutes,
                s.sessions,
                days(s.days_practised_this_week),
                s.minutes_this_week,
                s.habit_strength * 100.0
            );
            if let Some(streak) = s.streak {
                human.push_str(&format!("Streak: {}\n", days(streak)));
            }
            Ok(Output::new(to_json(&s)?, human))
        }
        PracticeCommand::Streak { hide, show } => {
            if !hide && !show {
                return Err(Error::invalid("hide", "pass --hide or --show").into());
            }
            c.set_streak_hidden(*hide)?;
            let human = if *hide {
                "The streak is hidden.\n"
            } else {
                "The streak is shown.\n"
            };
            Ok(Output::new(json!({"streak_hidden": hide}), human))
        }
    }
}

fn days(n: u32) -> String {
    if n == 1 {
        "1 day".into()
    } else {
        format!("{n} days")
    }
}

fn describe_step(s: &StepProgress) -> String {
    let mut line = match (s.status, &s.unlocks_at) {
        (StepStatus::Done, _) => format!("  [done]   {}\n", s.title),
        (StepStatus::Available, _) => format!("  [open]   {} (about {} min)\n", s.title, s.minutes),
        (StepStatus::Locked, Some(at)) => {
            format!("  [locked] {} — opens {}\n", s.title, at.local_time())
        }
        (StepStatus::Locked, None) => {
            format!("  [locked] {} — after the steps before it\n", s.title)
        }
    };
    if let Some(note) = &s.wait_note {
        line.push_str(&format!("           {note}\n"));
    }
    line
}

/// Today's open step: its text as plain words (the content's light Markdown marks dropped),
/// the commands it links to, and how to mark it done by its id.
fn today_step_text(step: &StepProgress, body: &str) -> String {
    let mut out = format!("\nToday: {}\n\n", step.title);
    for line in body.lines() {
        let plain: Vec<String> = line
            .trim_start_matches('#')
            .trim_start()
            .replace("**", "")
            .split(' ')
            .map(unitalic)
            .collect();
        let plain = plain.join(" ");
        out.push_str(&format!("  {}\n", plain.trim_end()));
    }
    let mut actions: Vec<String> = step
        .instruments
        .iter()
        .map(|i| format!("reset assess take {i}"))
        .collect();
    if let Some(kind) = &step.journal_kind {
        actions.push(format!("reset journal add --kind {kind}"));
    }
    if !actions.is_empty() {
        out.push_str(&format!("\nTo do it here: {}\n", actions.join(" · ")));
    }
    out.push_str(&format!(
        "When you have done it: reset programme complete {}\n",
        step.id
    ));
    out
}

/// `_word_,` → `word,`: Markdown italics marks at a word's edges, never an inner `_`
/// (`body_scan`).
fn unitalic(word: &str) -> String {
    let word = word.strip_prefix('_').unwrap_or(word);
    let end = word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '_');
    let tail = &word[end.len()..];
    format!("{}{tail}", end.strip_suffix('_').unwrap_or(end))
}

fn describe_today(t: &ProgrammeToday) -> String {
    let (Some(title), Some(state)) = (&t.title, t.state) else {
        return "No programme in progress. `reset programme list` shows what's on offer; free practice is always open.\n"
            .into();
    };
    let mut out = format!("{title} — {}\n", state.as_str());
    if state == ProgrammeState::Paused {
        out.push_str("Nothing is lost: carry on with the next step whenever you're ready.\n");
    }
    for s in &t.steps {
        out.push_str(&describe_step(s));
    }
    out
}

fn describe_progress(p: &ProgrammeProgress) -> String {
    let mut out = format!(
        "{} — {} of {} steps done\n",
        p.title, p.completed_steps, p.total_steps
    );
    if p.state == ProgrammeState::Paused {
        out.push_str(
            "Paused: nothing is lost. Pick up whenever you're ready (`reset programme resume`).\n",
        );
    }
    for s in &p.steps {
        out.push_str(&describe_step(s));
    }
    out
}

/// The tour step: enrol in the seven-day meditation course, complete day 1, log a session.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let enrolled = match companion.start_programme("meditation-7-day".into(), None) {
        Ok(p) => Some(p),
        // Someone already following another programme: the tour leaves it alone.
        Err(ResetError::Conflict { reason }) => {
            tour.say(
                "Programmes",
                format!("{reason}\n(the tour left your programme as it is)"),
                json!({"skipped": true}),
            );
            None
        }
        Err(e) => return Err(e),
    };
    let mut step = None;
    if enrolled.is_some() {
        let done = companion.complete_programme_step("day-1".into(), None)?;
        let next = done.next.as_ref().map(describe_step).unwrap_or_default();
        tour.say(
            "Enrolled in Seven days of meditation and completed day 1",
            format!("day-1 done on {}\n{}", done.completed.local_date, next.trim_end()),
            json!({"programme": done.programme, "step": done.step_id, "next": done.next.as_ref().map(|n| json!({"id": n.id, "status": n.status, "unlocks_at": n.unlocks_at.as_ref().map(Captured::local_time)}))}),
        );
        step = Some("day-1".to_string());
    }
    let s = companion.log_practice_session(PracticeSessionInput {
        technique: PracticeTechnique::Meditation,
        actual_minutes: 5,
        planned_minutes: Some(5),
        completed: true,
        started_at: None,
        step_id: step,
    })?;
    let summary = companion.practice_summary(None, None)?;
    tour.say(
        "Logged a 5-minute meditation",
        format!(
            "{} → {} ({})\nthis week: {} practised, habit strength {:.0}%",
            s.started.local_time(),
            format_with_offset(s.ended_at.instant(), s.end_utc_offset_seconds),
            s.started.local_date,
            days(summary.days_practised_this_week),
            summary.habit_strength * 100.0
        ),
        json!({"session": s.legacy_id, "session_uid": s.id, "health_connect_type": s.health_connect_type, "days_practised_this_week": summary.days_practised_this_week, "habit_strength": summary.habit_strength}),
    );
    Ok(())
}
