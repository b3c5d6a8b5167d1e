//! `reset remind …`: reminder rules, the notification plan, reconciliation, snooze and done
//! (issue 7), and the tour step that adds a morning meditation reminder.
//!
//! The flags and JSON shapes are a contract checked from outside. Like a phone shell, this
//! module only calls the `Companion` facade; the device zone is the global `--tz`.

use clap::{Args, Subcommand};
use reset_core::reminder::{
    ActivityDone, ActivityKind, NewReminderRule, PlanOptions, PlannedNotification, Platform,
    QuietWindow, ReminderDays, ReminderRule, parse_time_of_day,
};
use reset_core::time::{LocalDay, WallTime, format_with_offset};
use reset_ffi::{Companion, ResetError};
use serde_json::{Value, json};

use crate::Ctx;
use crate::output::Output;
use crate::tour::Tour;

/// The reminder subcommands.
#[derive(Subcommand)]
pub enum RemindCommand {
    /// Create a reminder rule.
    Add(AddArgs),
    /// List reminder rules.
    List,
    /// Delete a reminder rule; on a terminal it asks first.
    Remove {
        /// The rule's id.
        id: String,
        /// Delete without asking (off a terminal nothing is asked either way).
        #[arg(long)]
        yes: bool,
    },
    /// Pause a rule: it fires again on DATE.
    Pause {
        /// The rule's id.
        id: String,
        /// The local date it resumes on.
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: String,
    },
    /// End a pause now.
    Resume {
        /// The rule's id.
        id: String,
    },
    /// Turn a rule back on.
    Enable {
        /// The rule's id.
        id: String,
    },
    /// Turn a rule off without deleting it.
    Disable {
        /// The rule's id.
        id: String,
    },
    /// The notifications the phone would schedule, soonest first.
    Plan(PlanArgs),
    /// Given the ids the OS holds, what to add and what to cancel.
    Reconcile(ReconcileArgs),
    /// Snooze a notification: a one-shot N minutes from now, with its own id.
    Snooze {
        /// The notification's id.
        notification_id: String,
        /// Minutes from now (1–1440).
        #[arg(long)]
        minutes: u32,
    },
    /// "Done" on a notification: marks that activity done for its local day, then re-plans.
    Done {
        /// The notification's id.
        notification_id: String,
    },
}

/// `reset remind add`.
#[derive(Args)]
pub struct AddArgs {
    /// meditation, checkin, journal, programme or assessment.
    #[arg(long)]
    kind: String,
    /// Wall-clock times, comma-separated (HH:MM,HH:MM).
    #[arg(long, value_delimiter = ',', required = true, value_name = "HH:MM")]
    at: Vec<String>,
    /// daily, weekdays, weekends or days such as mon,wed,fri.
    #[arg(long, default_value = "daily")]
    days: String,
    /// Stay silent on a day the activity is already done.
    #[arg(long)]
    skip_if_done: bool,
    /// Quiet hours; a time inside them is refused.
    #[arg(long, value_name = "HH:MM-HH:MM")]
    quiet: Option<String>,
    /// Your own name for it (shown in the app, never on the lock screen).
    #[arg(long)]
    label: Option<String>,
}

/// Where the plan goes.
#[derive(Args)]
pub struct TargetArgs {
    /// At most N notifications, soonest first.
    #[arg(long)]
    limit: Option<u32>,
    /// ios (at most 60 pending) or android.
    #[arg(long)]
    platform: Option<String>,
    /// Android: the person granted exact alarms (canScheduleExactAlarms()).
    #[arg(long)]
    exact_alarms: bool,
}

/// `reset remind plan`.
#[derive(Args)]
pub struct PlanArgs {
    /// Start of the window (default: now).
    #[arg(long, value_name = "RFC3339")]
    from: Option<String>,
    /// End of the window (default: from + 7 days).
    #[arg(long, value_name = "RFC3339")]
    until: Option<String>,
    #[command(flatten)]
    target: TargetArgs,
}

/// `reset remind reconcile`.
#[derive(Args)]
pub struct ReconcileArgs {
    /// The reminder ids the OS holds now, comma-separated (empty: none).
    #[arg(long, value_delimiter = ',', value_name = "ID,ID,...")]
    pending: Vec<String>,
    /// End of the window (default: now + 7 days).
    #[arg(long, value_name = "RFC3339")]
    until: Option<String>,
    #[command(flatten)]
    target: TargetArgs,
}

/// Said after `add`: a reminder set here never pops up by itself.
const NO_NOTIFICATIONS: &str = "Saved. The terminal app can't pop up reminders: the phone apps use this rule.\n\
`reset remind plan` lists when they would come; a desktop reminder needs your own tool\n\
(e.g. a cron line running `notify-send`).\n";

/// Runs one `reset remind` subcommand.
pub fn run(ctx: &Ctx, command: &RemindCommand) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    match command {
        RemindCommand::Add(args) => {
            let rule = c.add_reminder(new_rule(args)?)?;
            // The terminal app shows no notifications (new-user review 3, F14): say so.
            let human = format!("Added {}\n{NO_NOTIFICATIONS}", describe(&rule));
            Ok(Output::new(to_json(&rule), human))
        }
        RemindCommand::List => {
            let rules = c.reminders()?;
            let human: String = rules.iter().map(|r| format!("{}\n", describe(r))).collect();
            let human = if rules.is_empty() {
                "No reminders yet.\n".into()
            } else {
                human
            };
            Ok(Output::new(json!({"rules": to_json(&rules)}), human))
        }
        RemindCommand::Remove { id, yes } => {
            crate::ask::confirm(
                *yes,
                &format!("this deletes the reminder {id} and its planned notifications"),
                "Delete it?",
                crate::ask::WithoutYes::Proceed,
            )?;
            c.remove_reminder(id.clone())?;
            Ok(Output::new(
                json!({"removed": id}),
                format!("Removed {id}\n"),
            ))
        }
        RemindCommand::Pause { id, until } => {
            let until = LocalDay::parse(until, "until")?;
            rule_output(c.pause_reminder(id.clone(), until)?, "Paused")
        }
        RemindCommand::Resume { id } => rule_output(c.resume_reminder(id.clone())?, "Resumed"),
        RemindCommand::Enable { id } => {
            rule_output(c.set_reminder_enabled(id.clone(), true)?, "Enabled")
        }
        RemindCommand::Disable { id } => {
            rule_output(c.set_reminder_enabled(id.clone(), false)?, "Disabled")
        }
        RemindCommand::Plan(args) => {
            let options = PlanOptions {
                from: super::instant_arg(args.from.as_deref(), "from")?,
                until: super::instant_arg(args.until.as_deref(), "until")?,
                ..target(&args.target)?
            };
            let plan = c.reminder_plan(options)?;
            Ok(Output::new(
                json!({"notifications": to_json(&plan)}),
                plan_text(&plan),
            ))
        }
        RemindCommand::Reconcile(args) => {
            let options = PlanOptions {
                until: super::instant_arg(args.until.as_deref(), "until")?,
                ..target(&args.target)?
            };
            let r = c.reconcile_reminders(args.pending.clone(), options)?;
            let mut human = format!("add {}, cancel {}\n", r.add.len(), r.cancel.len());
            human.push_str(&plan_text(&r.add));
            for id in &r.cancel {
                human.push_str(&format!("cancel {id}\n"));
            }
            Ok(Output::new(to_json(&r), human))
        }
        RemindCommand::Snooze {
            notification_id,
            minutes,
        } => {
            let n = c.snooze_reminder(notification_id.clone(), *minutes)?;
            let human = format!("Snoozed: {} at {} ({})\n", n.kind.as_str(), local(&n), n.id);
            Ok(Output::new(to_json(&n), human))
        }
        RemindCommand::Done { notification_id } => {
            let done = c.reminder_done(notification_id.clone())?;
            let plan = c.reminder_plan(PlanOptions::default())?;
            let human = format!("{}\n\nNext:\n{}", done_text(&done), plan_text(&plan));
            Ok(Output::new(
                json!({"done": to_json(&done), "notifications": to_json(&plan)}),
                human,
            ))
        }
    }
}

fn new_rule(args: &AddArgs) -> Result<NewReminderRule, ResetError> {
    Ok(NewReminderRule {
        kind: ActivityKind::parse(&args.kind)?,
        times: args
            .at
            .iter()
            .map(|t| parse_time_of_day(t, "times").map(WallTime))
            .collect::<Result<_, _>>()?,
        days: ReminderDays::parse(&args.days)?,
        skip_if_done: args.skip_if_done,
        quiet_hours: args
            .quiet
            .as_deref()
            .map(QuietWindow::parse)
            .transpose()?
            .map(QuietWindow::record),
        label: args.label.clone(),
    })
}

fn target(args: &TargetArgs) -> Result<PlanOptions, ResetError> {
    Ok(PlanOptions {
        from: None,
        until: None,
        limit: args.limit,
        platform: args
            .platform
            .as_deref()
            .map(Platform::parse)
            .transpose()?
            .unwrap_or_default(),
        exact_alarms_allowed: args.exact_alarms,
    })
}

/// The fire instant in the wall time where it fires, with offset (`2027-03-28T02:30:00+01:00`).
fn local(n: &PlannedNotification) -> String {
    format_with_offset(n.fire_at.instant(), n.utc_offset_seconds)
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn rule_output(rule: ReminderRule, verb: &str) -> Result<Output, ResetError> {
    let human = format!("{verb} {}\n", describe(&rule));
    Ok(Output::new(to_json(&rule), human))
}

/// One line about a rule: `rule_… meditation at 08:00, daily, skip if done`.
fn describe(r: &ReminderRule) -> String {
    let mut s = format!(
        "{} {} at {}, {}",
        r.id,
        r.kind.as_str(),
        r.times
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        r.days.to_text()
    );
    if r.skip_if_done {
        s.push_str(", skip if done");
    }
    if let Some(q) = &r.quiet_hours {
        s.push_str(&format!(", quiet {}-{}", q.start, q.end));
    }
    if let Some(p) = &r.paused_until {
        s.push_str(&format!(", paused until {p}"));
    }
    if !r.enabled {
        s.push_str(", off");
    }
    if let Some(l) = &r.label {
        s.push_str(&format!(" — {l}"));
    }
    s
}

fn plan_text(plan: &[PlannedNotification]) -> String {
    if plan.is_empty() {
        return "Nothing planned.\n".into();
    }
    plan.iter()
        .map(|n| {
            let snoozed = if n.snoozed { " (snoozed)" } else { "" };
            format!(
                "{}  {:<10} {}{snoozed}  {}\n",
                local(n),
                n.kind.as_str(),
                n.title,
                n.id
            )
        })
        .collect()
}

fn done_text(d: &ActivityDone) -> String {
    format!("Marked {} done for {}.", d.kind.as_str(), d.local_date)
}

/// Tour: a morning meditation reminder (reused if one exists) and the next week's plan.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let existing = companion
        .reminders()?
        .into_iter()
        .find(|r| r.kind == ActivityKind::Meditation && r.times.iter().any(|t| t == "08:00"));
    let rule = match existing {
        Some(rule) => rule,
        None => companion.add_reminder(NewReminderRule {
            kind: ActivityKind::Meditation,
            times: vec![WallTime(parse_time_of_day("08:00", "times")?)],
            days: ReminderDays::Daily,
            skip_if_done: true,
            quiet_hours: None,
            label: Some("Morning meditation".into()),
        })?,
    };
    let plan = companion.reminder_plan(PlanOptions::default())?;
    tour.say(
        "Added a morning meditation reminder",
        format!(
            "{}\nthe next week's reminders (they follow you when you change time zone):\n{}",
            describe(&rule),
            plan_text(&plan).trim_end()
        ),
        json!({"rule": to_json(&rule), "notifications": to_json(&plan)}),
    );
    Ok(())
}
