//! `reset`: the terminal shell over the same `Companion` facade the phones use.
//!
//! Its flags and `--json` output are a contract that outside checks drive (see the issues
//! and `docs/cli.md`). Like a phone shell it injects the clock (`--now`) and zone (`--tz`).

mod ask;
mod cmd;
mod erase;
mod fonts;
mod input;
mod menu;
mod output;
mod profile;
mod tour;
mod usage;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use reset_core::ResetError;
use reset_core::time::parse_instant;
use reset_ffi::{Companion, CompanionConfig, open_companion};

use output::Output;

/// Reset Companion: mood check-ins, a journal, questionnaires, programmes and a safety plan,
/// kept private on this computer — a complement to professional care, never a replacement.
#[derive(Parser)]
#[command(name = "reset", version, long_about = None, after_help = menu::HELP_FOOTER)]
struct Cli {
    /// Database file (default: $XDG_DATA_HOME/reset-companion/profile.db).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// IANA time zone the person is in now (default: $TZ or the system zone).
    #[arg(long, global = true, value_name = "ZONE")]
    tz: Option<String>,
    /// For tests: pretend it is this moment (an RFC 3339 instant such as 2027-03-28T09:00:00Z).
    #[arg(long, global = true, value_name = "RFC3339")]
    now: Option<String>,
    /// Print machine-readable JSON (errors also go to stderr as {"error":{…}}).
    #[arg(long, global = true)]
    json: bool,
    /// Without a command: a short menu, help first (new-user review 3, F29).
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Path, schema version and record counts.
    Status,
    /// A demo of everything the app can do, on its own demo profile (`tour/` beside the
    /// database; never your own profile).
    Tour,
    /// Encrypted backup of the whole profile: create, or restore (verified before it replaces anything).
    Backup {
        #[command(subcommand)]
        command: cmd::backup::BackupCommand,
    },
    /// Write the profile out: `json` is the canonical dump of every table.
    Export {
        #[command(subcommand)]
        command: cmd::export::ExportCommand,
    },
    /// Record how you feel: mood 1 (very unpleasant) to 7 (very pleasant), labels, areas, note, tags.
    /// `reset checkin list` reads them back, with their notes.
    #[command(
        after_help = cmd::checkin::words_help(),
        subcommand_negates_reqs = true,
        args_conflicts_with_subcommands = true
    )]
    Checkin(cmd::checkin::CheckinArgs),
    /// Journal entries: add, list, show, edit, delete, share, search.
    Journal {
        #[command(subcommand)]
        command: cmd::journal::JournalCommand,
    },
    /// Patterns in your check-ins and thought records over a date range.
    Insights(cmd::checkin::InsightsArgs),
    /// Questionnaires (GAD-7, PHQ-9, GAD-2, PHQ-2, PSS-10, WSAS): score, take, history, due, outcome.
    Assess {
        #[command(subcommand)]
        command: cmd::assess::AssessCommand,
    },
    /// Structured programmes (the Reset Series): list, show, start, today, complete, progress, leave, resume, restart, validate.
    Programme {
        #[command(subcommand)]
        command: cmd::programme::ProgrammeCommand,
    },
    /// Reminders: add, list, remove, pause, plan, reconcile, snooze, done.
    Remind {
        #[command(subcommand)]
        command: cmd::remind::RemindCommand,
    },
    /// Log a meditation, breathing, body-scan or other practice session; list sessions.
    Session {
        #[command(subcommand)]
        command: cmd::programme::SessionCommand,
    },
    /// Your practice: minutes per day and week, days practised this week, habit strength, streak.
    Practice {
        #[command(subcommand)]
        command: cmd::programme::PracticeCommand,
    },
    /// Your safety plan for a bad night: `reset safety-plan` shows it; edit (asked step by step
    /// on a terminal, or from JSON), history of versions.
    #[command(name = "safety-plan", visible_alias = "plan")]
    SafetyPlan {
        #[command(subcommand)]
        command: Option<cmd::safety_plan::SafetyPlanCommand>,
    },
    /// Crisis lines for your region, now (the phone apps' "Get help now"). Also: `reset crisis`.
    #[command(
        name = "help-now",
        visible_alias = "crisis",
        aliases = menu::CRISIS_WORDS
    )]
    HelpNow,
    /// The region whose crisis lines are shown: show, set GB|US|IE, or auto (the time zone decides).
    Region {
        #[command(subcommand)]
        command: cmd::crisis::RegionCommand,
    },
    /// App lock: when the phone apps ask for the device's authentication again (status, set).
    Lock {
        #[command(subcommand)]
        command: cmd::safety_plan::LockCommand,
    },
    /// Delete the profile (database, WAL, key file) — only a file that is evidently one. Needs --yes.
    Erase {
        /// Confirm: this cannot be undone.
        #[arg(long)]
        yes: bool,
        /// Also remove what Reset Companion wrote beside the profile (the tour's demo profile,
        /// reports and backups older tours wrote, temporary files).
        #[arg(long)]
        everything: bool,
        /// Also erase a file shaped like an encrypted profile, with a key file beside it, that
        /// its key does not open (the key lost, damaged or another profile's). Without this
        /// flag such a file is refused and left untouched.
        #[arg(long)]
        unreadable: bool,
    },
    /// Developer tools: `dev generate --years N --seed S` fills a new profile with test history.
    Dev {
        #[command(subcommand)]
        command: cmd::dev::DevCommand,
    },
}

/// Everything a command needs to reach the profile.
pub struct Ctx {
    pub db: PathBuf,
    pub zone: String,
    pub now: Option<chrono::DateTime<chrono::Utc>>,
    /// Whether `RESET_KEY` may supply the key (never for the tour's demo profile).
    pub key_from_env: bool,
    /// Whether `db` is the default location (first run there may make its folders).
    pub default_db: bool,
}

impl Ctx {
    /// Opens the profile, or makes a new one: at the default location its folders are made on
    /// first use; at a `--db` path the folder must already exist (a mistyped path is refused,
    /// not turned into a new empty profile in new folders).
    pub fn open(&self) -> Result<Arc<Companion>, ResetError> {
        profile::check_db_path(&self.db)?;
        if !self.default_db && !self.db.exists() {
            profile::check_new_profile_folder(&self.db)?;
        }
        self.open_inner()
    }

    /// Opens an existing profile for a command that only writes it out (`export`,
    /// `backup create`): a missing profile is `not_found`, and
    /// nothing is created.
    pub fn open_existing(&self) -> Result<Arc<Companion>, ResetError> {
        profile::check_db_path(&self.db)?;
        if !self.db.exists() {
            return Err(reset_core::Error::not_found(format!(
                "a profile at {} (nothing was created; check --db, or record something first, e.g. `reset checkin --mood 4`) was",
                output::shown_path(&self.db)
            ))
            .into());
        }
        self.open_inner()
    }

    fn open_inner(&self) -> Result<Arc<Companion>, ResetError> {
        let key = profile::load_or_create_key(&self.db, self.key_from_env)?;
        let config = CompanionConfig {
            database_path: self.db.display().to_string(),
            key: key.expose_bytes().to_vec(),
            time_zone: self.zone.clone(),
        };
        open_companion(config, profile::clock(self.now))
    }
}

fn main() -> ExitCode {
    let code = run_main();
    output::report_peak_memory();
    code
}

fn run_main() -> ExitCode {
    let json_requested = std::env::args_os().any(|a| a == "--json");
    let cli = match Cli::try_parse_from(menu::crisis_help_to_help_now(std::env::args_os())) {
        Ok(cli) => cli,
        Err(e) if !e.use_stderr() => {
            // --help and --version
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            output::print_reset_error(&usage::error(&e), json_requested);
            return ExitCode::FAILURE;
        }
    };
    match run(&cli) {
        Ok(out) => match out.print(cli.json) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                output::print_reset_error(&e, cli.json);
                ExitCode::FAILURE
            }
        },
        Err(e) => {
            output::print_reset_error(&e, cli.json);
            ExitCode::FAILURE
        }
    }
}

fn run(cli: &Cli) -> Result<Output, ResetError> {
    // Nothing typed after `reset`: the menu, which needs no profile (never creates one).
    let Some(command) = &cli.command else {
        return Ok(menu::menu());
    };
    let ctx = Ctx {
        default_db: cli.db.is_none(),
        db: match &cli.db {
            Some(p) => p.clone(),
            None => {
                let db = profile::default_db_path()?;
                profile::tighten_data_folder(&db);
                db
            }
        },
        zone: profile::zone_name(cli.tz.clone()),
        now: cli.now.as_deref().map(now_flag).transpose()?,
        key_from_env: true,
    };
    let out = dispatch(&ctx, command, cli.json)?;
    // Day-to-day use writes the day's automatic backup when it is due (issue 21); backup,
    // erase, the tour and the no-profile commands never do.
    if matches!(
        command,
        Command::Status
            | Command::Checkin(_)
            | Command::Journal { .. }
            | Command::Insights(_)
            | Command::Assess { .. }
            | Command::Programme { .. }
            | Command::Session { .. }
            | Command::Practice { .. }
            | Command::SafetyPlan { .. }
            | Command::Remind { .. }
    ) && let Some(note) = cmd::backup_auto::after_use(&ctx)
    {
        eprint!("{note}");
    }
    Ok(out)
}

fn dispatch(ctx: &Ctx, command: &Command, json: bool) -> Result<Output, ResetError> {
    match command {
        Command::Status => status(ctx),
        Command::Erase {
            yes,
            everything,
            unreadable,
        } => erase::run(ctx, *yes, *everything, *unreadable),
        Command::Tour => tour::run(ctx),
        Command::Backup { command } => cmd::backup::run(ctx, command, json),
        Command::Export { command } => cmd::export::run(ctx, command),
        Command::Checkin(args) => cmd::checkin::run(ctx, args),
        Command::Journal { command } => cmd::journal::run(ctx, command),
        Command::Insights(args) => cmd::checkin::insights(ctx, args),
        Command::Assess { command } => cmd::assess::run(ctx, command),
        Command::Programme { command } => cmd::programme::run(ctx, command),
        Command::Remind { command } => cmd::remind::run(ctx, command),
        Command::Session { command } => cmd::programme::session(ctx, command),
        Command::Practice { command } => cmd::programme::practice(ctx, command),
        Command::SafetyPlan { command } => cmd::safety_plan::run(
            ctx,
            command
                .as_ref()
                .unwrap_or(&cmd::safety_plan::SafetyPlanCommand::Show { version: None }),
        ),
        Command::Lock { command } => cmd::safety_plan::lock(ctx, command),
        Command::HelpNow => cmd::crisis::help_now(ctx),
        Command::Region { command } => cmd::crisis::region(ctx, command),
        Command::Dev { command } => cmd::dev::run(ctx, command),
    }
}

/// `--now`: an RFC 3339 instant within 1900-01-01 … 2200-01-01 (a clock outside that range
/// is a typo, and would otherwise be blamed on whichever record used it).
fn now_flag(text: &str) -> Result<chrono::DateTime<chrono::Utc>, ResetError> {
    let now = parse_instant(text, "now")?;
    let earliest = chrono::DateTime::parse_from_rfc3339("1900-01-01T00:00:00Z").map(|t| t.to_utc());
    let latest = chrono::DateTime::parse_from_rfc3339("2200-01-01T00:00:00Z").map(|t| t.to_utc());
    match (earliest, latest) {
        (Ok(earliest), Ok(latest)) if now >= earliest && now < latest => Ok(now),
        _ => Err(reset_core::Error::invalid(
            "now",
            "must be between 1900-01-01 and 2200-01-01 (UTC)",
        )
        .into()),
    }
}

fn status(ctx: &Ctx) -> Result<Output, ResetError> {
    // `status` is also how a person makes an empty profile on purpose (the first run); a
    // mistyped --db folder is still refused by `open`. When it makes one it says so (new-user
    // review 3, F3): the first thing a newcomer types must not create files silently.
    let existed = ctx.db.exists();
    let c = ctx.open()?;
    let s = c.status()?;
    let region = c.crisis_region(None)?;
    let mut counts: Vec<_> = s.counts.iter().collect();
    counts.sort();
    let mut human = String::new();
    if !existed {
        human.push_str(&format!(
            "Made a new, empty encrypted profile (there was none at this path before).\n\
             Its key is in {}:\nlose the key and the profile is lost, so make a backup once you \
             have written something\n(`reset backup create --out FILE`).\n\n",
            output::shown_path(&profile::key_path(&ctx.db))
        ));
    }
    human.push_str(&format!(
        "profile: {}\nschema version: {}\ntime zone: {}\ncrisis lines for: {}{}\n",
        s.path,
        s.schema_version,
        s.time_zone,
        region.region_name,
        if region.region_is_fallback {
            " (no lines for your time zone; `reset help-now` says more)"
        } else {
            ""
        }
    ));
    for (k, v) in &counts {
        human.push_str(&format!("{k}: {v}\n"));
    }
    human.push_str(&format!("\n{}\n", profile::PRIVACY));
    let mut json = output::status_json(&s);
    json["created"] = serde_json::json!(!existed);
    json["crisis_region"] = serde_json::json!(region.region);
    Ok(Output::new(json, human))
}
