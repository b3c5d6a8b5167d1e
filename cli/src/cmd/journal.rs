//! `reset journal …`: add, list, show, edit, delete, share and search journal entries, and
//! the tour step for check-ins and journaling.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Args, Subcommand};
use reset_core::Error;
use reset_core::checkin::{CheckInInput, EmotionLabel, LifeArea};
use reset_core::journal::{
    CognitiveDistortion, EmotionRating, JournalBody, JournalEdit, JournalEntry, JournalFilter,
    JournalInput, JournalKind, ThoughtRecord,
};
use reset_ffi::{Companion, ResetError};
use serde_json::json;

use super::checkin::{describe, list, to_json, utf8};
use super::thought_record::ThoughtFields;
use crate::Ctx;
use crate::output::Output;
use crate::tour::Tour;

/// The journal subcommands.
#[derive(Subcommand)]
pub enum JournalCommand {
    /// Write an entry: free, thought, gratitude, worry, exposure or activity.
    #[command(after_help = super::thought_record::help())]
    Add(AddArgs),
    /// List entries, newest first.
    List {
        /// First local day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// Last local day.
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// Only this kind.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Show one entry in full, in words (`--json`: the stored record).
    Show {
        /// The entry's id.
        id: String,
    },
    /// Change an entry's text, record, tags or time (created time is kept).
    #[command(after_help = super::thought_record::help())]
    Edit(EditArgs),
    /// Delete an entry for good (also from the search index); on a terminal it asks first.
    Delete {
        /// The entry's id.
        id: String,
        /// Delete without asking (off a terminal nothing is asked either way).
        #[arg(long)]
        yes: bool,
    },
    /// Mark an entry as shared with your therapist (or not, with --off).
    Share {
        /// The entry's id.
        id: String,
        /// Stop sharing it.
        #[arg(long)]
        off: bool,
    },
    /// Search every entry and check-in note (prefix*, "phrases", OR, -exclude).
    Search {
        /// What to look for.
        query: OsString,
        /// At most this many hits (default 20).
        #[arg(long)]
        limit: Option<u32>,
    },
}

/// The content of an entry: `--text` or `--input`.
#[derive(Args)]
#[group(multiple = false)]
pub struct Content {
    /// Fills the kind's main field (thought: the automatic thoughts); `-` reads standard input.
    #[arg(long)]
    text: Option<OsString>,
    /// A JSON file holding the full typed record (one example per kind in
    /// docs/journal-input.md); `-` reads standard input. At most 1 MiB.
    #[arg(long, value_name = "FILE.json")]
    input: Option<PathBuf>,
}

/// `reset journal add`
#[derive(Args)]
pub struct AddArgs {
    /// free | thought | gratitude | worry | exposure | activity
    #[arg(long)]
    kind: String,
    #[command(flatten)]
    content: Content,
    #[command(flatten)]
    thought: ThoughtFields,
    /// Tags, comma-separated.
    #[arg(long, value_name = "a,b")]
    tags: Option<OsString>,
    /// Share this entry with your therapist (off by default).
    #[arg(long)]
    share: bool,
    /// When it was, RFC 3339 (default: now).
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
}

/// `reset journal edit ID`
#[derive(Args)]
pub struct EditArgs {
    /// The entry's id.
    id: String,
    /// With --input: the kind of the new record (default: the entry's kind).
    #[arg(long)]
    kind: Option<String>,
    #[command(flatten)]
    content: Content,
    #[command(flatten)]
    thought: ThoughtFields,
    /// New tags, comma-separated (replace the old ones).
    #[arg(long, value_name = "a,b")]
    tags: Option<OsString>,
    /// New time, RFC 3339.
    #[arg(long, value_name = "RFC3339")]
    at: Option<String>,
    /// Allow a change of kind that discards the old record's other fields.
    #[arg(long)]
    replace: bool,
}

fn kind(text: &str) -> Result<JournalKind, ResetError> {
    Ok(text.parse::<JournalKind>()?)
}

fn read_record(kind: JournalKind, path: &Path) -> Result<JournalBody, ResetError> {
    let bytes = crate::input::file("input", path)?;
    let json =
        String::from_utf8(bytes).map_err(|_| Error::invalid("input", "is not valid UTF-8"))?;
    reset_ffi::journal::journal_record_from_json(kind, json)
}

fn body(
    kind: JournalKind,
    content: &Content,
    thought: &ThoughtFields,
    current: Option<&JournalBody>,
) -> Result<Option<JournalBody>, ResetError> {
    if let Some(path) = &content.input {
        return read_record(kind, path).map(Some);
    }
    let base = match current {
        Some(b) if b.kind() == kind => b.clone(),
        _ => JournalBody::empty(kind),
    };
    let base = match &content.text {
        Some(text) => base.with_main_text(&crate::input::text("text", text)?),
        None if !thought.any() => return Ok(None),
        None => base,
    };
    if !thought.any() {
        return Ok(Some(base));
    }
    match base {
        JournalBody::Thought { record } => Ok(Some(JournalBody::Thought {
            record: thought.apply(record)?,
        })),
        _ => Err(Error::invalid(
            "kind",
            "the thought-record flags (--situation, --emotions, …) need --kind thought",
        )
        .into()),
    }
}

/// No content given: on a terminal a thought record is asked field by field (F9);
/// otherwise (and for the other kinds) `--text` or `--input` is needed, as always.
fn asked(kind: JournalKind) -> Result<JournalBody, ResetError> {
    if kind == JournalKind::Thought && crate::ask::interactive() {
        return Ok(JournalBody::Thought {
            record: super::thought_record::ask_record()?,
        });
    }
    Err(Error::invalid("text", "give --text or --input").into())
}

fn entry_output(e: &JournalEntry, verb: &str) -> Result<Output, ResetError> {
    let shared = if e.shared_with_therapist {
        ", shared with therapist"
    } else {
        ""
    };
    let human = format!(
        "{verb} {} entry {} on {}{shared}\n",
        e.kind.code(),
        e.id,
        e.captured.local_date
    );
    Ok(Output::new(to_json(e)?, human))
}

/// Runs one journal subcommand.
pub fn run(ctx: &Ctx, command: &JournalCommand) -> Result<Output, ResetError> {
    let companion = ctx.open()?;
    match command {
        JournalCommand::Add(a) => {
            let k = kind(&a.kind)?;
            let body = match body(k, &a.content, &a.thought, None)? {
                Some(body) => body,
                None => asked(k)?,
            };
            let input = JournalInput {
                body,
                tags: list("tags", a.tags.as_ref())?,
                shared_with_therapist: a.share,
                at: super::instant_arg(a.at.as_deref(), "at")?,
            };
            entry_output(&companion.add_journal_entry(input)?, "saved")
        }
        JournalCommand::List { from, to, kind: k } => {
            let filter = JournalFilter {
                from: super::day_arg(from.as_deref(), "from")?,
                to: super::day_arg(to.as_deref(), "to")?,
                kind: k.as_deref().map(kind).transpose()?,
            };
            let entries = companion.journal_entries(filter)?;
            let human: String = entries
                .iter()
                .map(|e| {
                    format!(
                        "{}  {}  {:<9} {}\n",
                        e.captured.local_date,
                        e.id,
                        e.kind.code(),
                        e.tags.join(",")
                    )
                })
                .collect();
            Ok(Output::new(
                json!({"entries": to_json(&entries)?}),
                if human.is_empty() {
                    "no entries\n".into()
                } else {
                    human
                },
            ))
        }
        JournalCommand::Show { id } => {
            let e = companion.journal_entry(id.clone())?;
            Ok(Output::new(to_json(&e)?, super::journal_view::render(&e)))
        }
        JournalCommand::Edit(a) => {
            let current = companion.journal_entry(a.id.clone())?;
            let k = a
                .kind
                .as_deref()
                .map(kind)
                .transpose()?
                .unwrap_or(current.kind);
            let edit = JournalEdit {
                body: body(k, &a.content, &a.thought, Some(&current.body))?,
                tags: a.tags.as_ref().map(|t| list("tags", Some(t))).transpose()?,
                at: super::instant_arg(a.at.as_deref(), "at")?,
                replace: a.replace,
            };
            entry_output(
                &companion.edit_journal_entry(a.id.clone(), edit)?,
                "updated",
            )
        }
        JournalCommand::Delete { id, yes } => {
            let e = companion.journal_entry(id.clone())?;
            crate::ask::confirm(
                *yes,
                &format!(
                    "this deletes the {} entry {} of {} for good, from the search index too",
                    e.kind.code(),
                    e.id,
                    e.captured.local_date
                ),
                "Delete it?",
                crate::ask::WithoutYes::Proceed,
            )?;
            companion.delete_journal_entry(id.clone())?;
            Ok(Output::new(
                json!({"deleted": true, "id": id}),
                format!("deleted {id}\n"),
            ))
        }
        JournalCommand::Share { id, off } => entry_output(
            &companion.share_journal_entry(id.clone(), !off)?,
            if *off { "unshared" } else { "shared" },
        ),
        JournalCommand::Search { query, limit } => {
            let hits = companion.search_journal(utf8("query", query)?, *limit)?;
            let human: String = hits
                .iter()
                .map(|h| format!("{}  {}  {:<9} {}\n", h.local_date, h.id, h.kind, h.snippet))
                .collect();
            Ok(Output::new(
                json!({"hits": to_json(&hits)?}),
                if human.is_empty() {
                    "no matches\n".into()
                } else {
                    human
                },
            ))
        }
    }
}

/// Tour: a check-in, a thought record, and a search that finds it.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let c = companion.check_in(CheckInInput {
        mood: 5,
        labels: vec![EmotionLabel::Calm, EmotionLabel::Hopeful],
        areas: vec![LifeArea::SelfCare],
        tags: vec!["tour".into()],
        ..Default::default()
    })?;
    tour.say(
        "Checked in",
        format!(
            "{}\n(the phone apps can also save it to Apple Health; the mapping is in the --json output)",
            describe(&c)
        ),
        json!({"id": c.id, "mood": c.mood, "valence": c.valence, "local_date": c.captured.local_date}),
    );
    let record = ThoughtRecord {
        situation: "Before the team presentation".into(),
        automatic_thoughts: "Everyone will notice I'm nervous and think I'm not up to it.".into(),
        emotions: vec![EmotionRating {
            label: EmotionLabel::Anxious,
            before: 75,
            after: Some(40),
        }],
        distortions: vec![
            CognitiveDistortion::MindReading,
            CognitiveDistortion::FortuneTelling,
        ],
        evidence_for: "My voice shook last time.".into(),
        evidence_against: "Afterwards two colleagues said the content was clear.".into(),
        balanced_thought: "Some nerves show, and people mostly listen to what I say.".into(),
        belief_before: Some(80),
        belief_after: Some(35),
    };
    let e = companion.add_journal_entry(JournalInput {
        body: JournalBody::Thought { record },
        tags: vec!["tour".into(), "work".into()],
        shared_with_therapist: false,
        at: None,
    })?;
    tour.say(
        "Wrote a thought record",
        format!("{} on {}: anxious 75 → 40, mind reading + fortune telling; not shared with a therapist", e.id, e.captured.local_date),
        json!({"id": e.id, "kind": "thought", "local_date": e.captured.local_date}),
    );
    let hits = companion.search_journal("present*".into(), Some(3))?;
    let first = hits.iter().find(|h| h.id == e.id).or(hits.first());
    tour.say(
        "Searched the encrypted index",
        format!(
            "`reset journal search 'present*'` → {} hit(s); {}",
            hits.len(),
            first.map_or("none".to_string(), |h| format!("{}: {}", h.id, h.snippet))
        ),
        json!({"query": "present*", "hits": to_json(&hits)?}),
    );
    Ok(())
}
