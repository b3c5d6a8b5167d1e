//! `reset checkin` and `reset insights`: the mood check-in and what the entries show.

use std::ffi::OsString;

use clap::Args;
use reset_core::Error;
use reset_core::checkin::{CheckIn, CheckInInput, EmotionLabel, LifeArea, MoodKind};
use reset_core::insights::{Insights, MoodDirection};
use reset_ffi::ResetError;

use crate::Ctx;
use crate::output::Output;

/// `reset checkin --mood N …`, or `reset checkin list` to read them back.
#[derive(Args)]
pub struct CheckinArgs {
    /// 1 very unpleasant … 4 neutral … 7 very pleasant.
    #[arg(
        long,
        allow_negative_numbers = true,
        value_name = "1-7",
        required = true
    )]
    pub mood: Option<String>,
    /// `list`: your check-ins with their notes, newest first.
    #[command(subcommand)]
    pub command: Option<CheckinCommand>,
    /// Emotion labels, comma-separated (calm, anxious, grateful, …; the list is below).
    #[arg(long, value_name = "a,b")]
    pub labels: Option<OsString>,
    /// Life areas, comma-separated (work, family, self_care, …).
    #[arg(long, value_name = "a,b")]
    pub areas: Option<OsString>,
    /// A short note (searchable, encrypted); `-` reads it from standard input, out of sight
    /// of other processes and shell history.
    #[arg(long)]
    pub note: Option<OsString>,
    /// Tags, comma-separated.
    #[arg(long, value_name = "a,b")]
    pub tags: Option<OsString>,
    /// When it was, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339")]
    pub at: Option<String>,
    /// `momentary` (default) or `daily` (the day's mood).
    #[arg(long, value_name = "momentary|daily")]
    pub kind: Option<String>,
}

/// Reading check-ins back (new-user review 3, F26): a mood diary you can't read is half a diary.
#[derive(clap::Subcommand)]
pub enum CheckinCommand {
    /// Your check-ins, newest first: day, time, mood in words, labels and note.
    List {
        /// First local day (default: 29 days before --to).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Last local day (default: no limit).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
    },
}

/// `reset insights [--from DATE] [--to DATE]`
#[derive(Args)]
pub struct InsightsArgs {
    /// First local day (default: 29 days before --to).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub from: Option<String>,
    /// Last local day (default: today).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub to: Option<String>,
}

/// `--mood` as a number; a word (`great`) gets the same message as a number off the scale
/// (new-user review F14), never a parser's.
fn mood(text: &str) -> Result<i32, ResetError> {
    text.parse::<i32>().map_err(|_| {
        Error::invalid(
            "mood",
            "must be a whole number from 1 (very unpleasant) to 7 (very pleasant)",
        )
        .into()
    })
}

/// The words `--labels` and `--areas` take, for `reset checkin --help` (F10).
pub fn words_help() -> String {
    let labels: Vec<&str> = EmotionLabel::ALL.iter().map(|w| w.code()).collect();
    let areas: Vec<&str> = LifeArea::ALL.iter().map(|w| w.code()).collect();
    format!(
        "Labels: {}\n\nAreas: {}",
        labels.join(", "),
        areas.join(", ")
    )
}

/// An argument as UTF-8, or `invalid_input` naming it (terminals can pass any bytes).
pub fn utf8(field: &str, value: &OsString) -> Result<String, ResetError> {
    value
        .clone()
        .into_string()
        .map_err(|_| Error::invalid(field, "is not valid UTF-8").into())
}

/// Splits `a,b` into trimmed, non-empty items.
pub fn list(field: &str, value: Option<&OsString>) -> Result<Vec<String>, ResetError> {
    let Some(value) = value else {
        return Ok(Vec::new());
    };
    Ok(utf8(field, value)?
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect())
}

fn words<T: std::str::FromStr<Err = Error> + PartialEq>(
    field: &str,
    value: Option<&OsString>,
) -> Result<Vec<T>, ResetError> {
    Ok(reset_core::checkin::vocabulary::parse_list(
        field,
        &list(field, value)?,
    )?)
}

/// Stores a check-in, or lists them (`reset checkin list`).
pub fn run(ctx: &Ctx, args: &CheckinArgs) -> Result<Output, ResetError> {
    if let Some(CheckinCommand::List { from, to }) = &args.command {
        return list_check_ins(ctx, from.as_deref(), to.as_deref());
    }
    let Some(mood_text) = &args.mood else {
        return Err(Error::invalid("mood", "is required").into());
    };
    let input = CheckInInput {
        mood: mood(mood_text)?,
        kind: args
            .kind
            .as_deref()
            .map(MoodKind::parse)
            .transpose()?
            .unwrap_or_default(),
        labels: words::<EmotionLabel>("labels", args.labels.as_ref())?,
        areas: words::<LifeArea>("areas", args.areas.as_ref())?,
        note: args
            .note
            .as_ref()
            .map(|n| crate::input::text("note", n))
            .transpose()?,
        tags: list("tags", args.tags.as_ref())?,
        at: super::instant_arg(args.at.as_deref(), "at")?,
    };
    let companion = ctx.open()?;
    let c = companion.check_in(input)?;
    let mut human = format!("{}\n", describe(&c));
    if needs_a_way_out(&c) {
        // The region's lines inline, named, with the fallback warning outside every covered
        // region (new-user review 3, F6 and F7): a number without a second command.
        let region = companion.crisis_region(None)?;
        if region.region_is_fallback {
            // The fallback text itself says to call the local emergency number first.
            human.push_str("That sounds like a hard day. You don't have to face it alone.\n");
        } else {
            human.push_str(HARD_DAY);
        }
        human.push_str(&super::crisis::lines_text(&region));
        human.push_str(PLAN_POINTER);
    }
    Ok(Output::new(to_json(&c)?, human))
}

/// Said after the lowest mood, or "hopeless" with a low one (new-user review F7): not a
/// diagnosis, only the way to help, as the questionnaires' signpost gives it.
const HARD_DAY: &str = "That sounds like a hard day. You don't have to face it alone: if you are in danger or\n\
thinking of harming yourself, call your local emergency number now.\n";

/// After the lines: where the person's own plan is (DESIGN §7: after the lines, never instead).
const PLAN_POINTER: &str =
    "Your own safety plan: reset safety-plan show (these lines again any time: reset help-now)\n";

fn needs_a_way_out(c: &CheckIn) -> bool {
    c.mood <= 1 || (c.mood <= 3 && c.labels.contains(&EmotionLabel::Hopeless))
}

/// `reset checkin list`: the person's own check-ins, notes included (printed on stdout only,
/// as `journal show` prints an entry). Without `--from`, the last 30 days.
fn list_check_ins(ctx: &Ctx, from: Option<&str>, to: Option<&str>) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    let to_day = super::day_arg(to, "to")?;
    let from_day = match super::day_arg(from, "from")? {
        Some(day) => Some(day),
        None => {
            let last = to_day.unwrap_or(c.today()?);
            Some(reset_core::time::LocalDay(
                last.0 - chrono::Duration::days(29),
            ))
        }
    };
    let list = c.check_ins(from_day, to_day)?;
    let mut human = String::new();
    if list.is_empty() {
        human.push_str("No check-ins in this range yet. `reset checkin --mood 4` records one.\n");
    }
    for ci in &list {
        let local = ci
            .captured
            .time_zone
            .parse::<reset_core::time::Tz>()
            .map(|z| {
                ci.captured
                    .at
                    .instant()
                    .with_timezone(&z)
                    .format("%H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        let class = serde_json::to_value(ci.valence_classification)
            .ok()
            .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
            .unwrap_or_default();
        let words: Vec<&str> = ci
            .labels
            .iter()
            .map(|l| l.code())
            .chain(ci.areas.iter().map(|a| a.code()))
            .collect();
        // Each record's own local time; its zone marked when it is not today's (review 4, F14).
        let local = if ci.captured.time_zone == ctx.zone {
            local
        } else {
            format!("{local} ({})", ci.captured.time_zone)
        };
        human.push_str(&format!(
            "{} {local}  mood {}/7 ({class}){}{}\n",
            ci.captured.local_date,
            ci.mood,
            if words.is_empty() {
                String::new()
            } else {
                format!(" · {}", words.join(", "))
            },
            if ci.kind == MoodKind::DailyMood {
                " · the day's mood"
            } else {
                ""
            }
        ));
        if let Some(note) = &ci.note {
            human.push_str(&format!("    “{note}”\n"));
        }
    }
    Ok(Output::new(
        serde_json::json!({"check_ins": to_json(&list)?}),
        human,
    ))
}

/// One line for a check-in: mood, day and words, never the note.
pub fn describe(c: &CheckIn) -> String {
    let words: Vec<&str> = c
        .labels
        .iter()
        .map(|l| l.code())
        .chain(c.areas.iter().map(|a| a.code()))
        .collect();
    let class = serde_json::to_value(c.valence_classification)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    format!(
        "checked in: mood {}/7 ({}) on {} [{}]{}",
        c.mood,
        class.replace('_', " "),
        c.captured.local_date,
        c.id,
        if words.is_empty() {
            String::new()
        } else {
            format!(" · {}", words.join(", "))
        }
    )
}

pub fn to_json<T: serde::Serialize>(value: &T) -> Result<serde_json::Value, ResetError> {
    serde_json::to_value(value)
        .map_err(|_| Error::internal("could not encode the result as JSON").into())
}

/// Computes insights for a range.
pub fn insights(ctx: &Ctx, args: &InsightsArgs) -> Result<Output, ResetError> {
    let (from, to) = (
        super::day_arg(args.from.as_deref(), "from")?,
        super::day_arg(args.to.as_deref(), "to")?,
    );
    let i = ctx.open()?.insights(from, to)?;
    Ok(Output::new(to_json(&i)?, human_insights(&i)))
}

fn human_insights(i: &Insights) -> String {
    let mut out = format!("Insights {} → {}\n", i.from, i.to);
    match i.average_mood {
        Some(avg) => out.push_str(&format!(
            "{} check-ins, average mood {avg:.1}/7 over {} days\n",
            i.check_in_count,
            i.calendar.len()
        )),
        None => out.push_str("no check-ins in this range yet\n"),
    }
    let fmt = |b: &reset_core::insights::MoodBucket| match b.average {
        Some(a) => format!("{} {a:.1} (n={})", b.name, b.count),
        None => format!("{} –", b.name),
    };
    if i.check_in_count > 0 {
        out.push_str(&format!(
            "by weekday: {}\n",
            i.by_weekday.iter().map(fmt).collect::<Vec<_>>().join(", ")
        ));
        out.push_str(&format!(
            "by time of day: {}\n",
            i.by_time_of_day
                .iter()
                .map(fmt)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    for a in i
        .associations
        .iter()
        .filter(|a| a.direction != MoodDirection::NoClearDifference)
        .take(8)
    {
        let dir = if a.direction == MoodDirection::Better {
            "higher"
        } else {
            "lower"
        };
        out.push_str(&format!(
            "  mood tends to be {dir} with {} ({:.1} vs {:.1}; {} with, {} without)\n",
            a.name, a.average_with, a.average_without, a.count_with, a.count_without
        ));
    }
    if i.thought_record_count > 0 {
        out.push_str(&format!("{} thought records\n", i.thought_record_count));
        for d in i.distortions.iter().take(5) {
            out.push_str(&format!("  {}: {}\n", d.distortion.name(), d.count));
        }
        for e in &i.emotion_changes {
            out.push_str(&format!(
                "  {} {:.0} → {:.0} (n={})\n",
                e.label.code(),
                e.average_before,
                e.average_after,
                e.count
            ));
        }
    }
    out.push_str(&format!("{}\n", i.caveat));
    out
}
