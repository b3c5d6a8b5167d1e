//! `reset backup create|restore`: the encrypted whole-profile backup (issue 8), and the tour
//! step that writes one.
//!
//! The passphrase comes from `RESET_PASSPHRASE` or a prompt on the terminal without echo;
//! with neither it is `invalid_input` on `passphrase`, never a silent default. It is never
//! printed, except the one the tour generates, shown once so the person can keep it.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Subcommand;
use reset_core::backup::{BackupSummary, KindOverview, RestoreSummary, TableRows};
use reset_core::outfile::Writing;
use reset_core::{Error, ErrorKind};
use reset_ffi::backup::ProgressListener;
use reset_ffi::{Companion, ResetError};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use crate::Ctx;
use crate::output::Output;
use crate::tour::Tour;

/// The environment variable that supplies the backup passphrase.
pub const PASSPHRASE_ENV: &str = "RESET_PASSPHRASE";

/// The backup subcommands.
#[derive(Subcommand)]
pub enum BackupCommand {
    /// Write an encrypted backup of the whole profile (passphrase: $RESET_PASSPHRASE or a prompt).
    Create {
        /// Where to write the backup file. An existing backup there is replaced only with
        /// --force; a profile's database or key file, or another profile's, never.
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Generate a strong passphrase, use it, and print it (once, first) instead of asking.
        /// If it cannot be printed (standard output closed, full or /dev/null) the backup is
        /// deleted and the command fails.
        #[arg(long)]
        generate_passphrase: bool,
        /// Replace an existing encrypted backup at --out.
        #[arg(long)]
        force: bool,
    },
    /// Replace the profile with a backup, after verifying all of it (the profile is untouched on any error).
    Restore {
        /// The backup file (with --recovery-key also a folder of automatic backups: the newest usable one).
        path: PathBuf,
        /// Confirm replacing the current profile (needed when not asked on a terminal).
        #[arg(long)]
        yes: bool,
        /// Open an automatic backup with the recovery key, read from standard input or a prompt (never an argument).
        #[arg(long)]
        recovery_key: bool,
    },
    /// Automatic backups opened with a recovery key: on, off, status, run, rotate.
    Auto {
        #[command(subcommand)]
        command: super::backup_auto::AutoCommand,
    },
}

/// Runs a backup subcommand.
pub fn run(ctx: &Ctx, command: &BackupCommand, as_json: bool) -> Result<Output, ResetError> {
    match command {
        BackupCommand::Create {
            out,
            generate_passphrase,
            force,
        } => {
            if !force
                && reset_core::store::shape::of(out)
                    == Some(reset_core::store::shape::FileShape::Backup)
            {
                return Err(Error::invalid(
                    "out",
                    "is an existing encrypted backup; pass --force to replace it with the new one, or choose a new name",
                )
                .into());
            }
            if *generate_passphrase {
                // A passphrase shown to nobody makes a backup nobody can open (F8).
                crate::output::stdout_can_show()?;
            }
            let mut generated = generate_passphrase.then(generated_passphrase).transpose()?;
            let passphrase = match &generated {
                Some(g) => g.clone(),
                None => match passphrase(true)? {
                    Chosen::Typed(p) => p,
                    Chosen::Generated(g) => {
                        generated = Some(g.clone());
                        g
                    }
                },
            };
            let companion = ctx.open_existing()?;
            // A backup sealed with a generated passphrase is written beside the target and
            // takes its place only once the passphrase was shown ([`Output::print`]): until
            // then an earlier backup at `--out` stays as it was (hostile review 3, F4).
            let staged = match &generated {
                Some(_) => {
                    reset_core::outfile::check_target(&ctx.db, out, "out", Writing::Backup)?;
                    Some(staging_path(out)?)
                }
                None => None,
            };
            let summary = companion.create_backup(
                path_text(staged.as_deref().unwrap_or(out))?,
                passphrase.to_string(),
                progress(as_json),
            )?;
            let mut output = created(out, &summary);
            if let (Some(g), Some(staged)) = (generated, staged) {
                output.json["passphrase"] = json!(g.as_str());
                // First, so a reader that stops after a line or two still gets it.
                output.human = format!(
                    "generated passphrase (shown once, stored nowhere): {}\n{}",
                    g.as_str(),
                    output.human
                );
                output.shown_once = Some(crate::output::ShownOnce {
                    staged,
                    target: out.clone(),
                    profile: ctx.db.clone(),
                });
            }
            Ok(output)
        }
        BackupCommand::Auto { command } => super::backup_auto::run(ctx, command),
        BackupCommand::Restore {
            path,
            yes,
            recovery_key: true,
        } => {
            // A folder of automatic backups or one file; never a pipe, socket or device.
            if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
                return Err(Error::invalid(
                    "path",
                    "is not a regular file or a folder (a pipe, socket or device)",
                )
                .into());
            }
            refuse_linked_db(&ctx.db)?;
            let companion = ctx.open()?;
            let overview = companion.profile_overview()?;
            confirm_restore(&overview, *yes)?;
            let key = super::backup_auto::read_recovery_key()?;
            let summary = companion.restore_auto_backup(
                path_text(path)?,
                key.to_string(),
                progress(as_json),
            )?;
            let mut output = super::backup_auto::restored(path, &summary);
            super::backup_auto::keep_key_after_restore(ctx, &companion, &key, &mut output)?;
            output.json["replaced"] = overview_json(&overview);
            output
                .human
                .push_str(&format!("replaced: {}\n", describe(&overview)));
            Ok(output)
        }
        BackupCommand::Restore { path, yes, .. } => {
            // Before anything is asked: a pipe, socket or device is never a backup (and
            // opening a FIFO would wait for ever).
            if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
                return Err(Error::invalid(
                    "path",
                    "is not a regular file (a folder, pipe, socket or device)",
                )
                .into());
            }
            refuse_linked_db(&ctx.db)?;
            // A restore may make a profile at a new path (a new phone), but not in new folders.
            let companion = ctx.open()?;
            let overview = companion.profile_overview()?;
            confirm_restore(&overview, *yes)?;
            // On a terminal a mistyped passphrase is asked again (each try is verified in
            // full, the profile untouched), at most three times.
            let mut tries = 0;
            let summary = loop {
                tries += 1;
                let passphrase = passphrase(false)?.into_typed();
                match companion.restore_backup(
                    path_text(path)?,
                    passphrase.to_string(),
                    progress(as_json),
                ) {
                    Err(e) if e.kind() == ErrorKind::WrongKey && tries < 3 && asks() => {
                        crate::ask::say(
                            "That passphrase does not open this backup (nothing was changed); try again.\n",
                        );
                    }
                    result => break result?,
                }
            };
            let mut output = restored(path, &summary);
            output.json["replaced"] = overview_json(&overview);
            output
                .human
                .push_str(&format!("replaced: {}\n", describe(&overview)));
            Ok(output)
        }
    }
}

/// A new name beside `out` for a backup that is not yet `out`: hidden, random, never a name
/// the person chose (so it cannot replace anything).
fn staging_path(out: &Path) -> Result<PathBuf, ResetError> {
    use rand::RngCore;
    let mut bytes = [0u8; 8];
    rand::rng().fill_bytes(&mut bytes);
    let name = format!(".unconfirmed-backup-{}.rcbackup", hex::encode(bytes));
    Ok(match out.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(name),
        _ => PathBuf::from(name),
    })
}

fn created(out: &Path, s: &BackupSummary) -> Output {
    let rows: u64 = s.tables.iter().map(|t| t.rows).sum();
    let json = json!({
        "path": out.display().to_string(),
        "bytes": s.bytes,
        "format_version": s.format_version,
        "schema_version": s.schema_version,
        "created_at": s.created_at,
        "tables": tables_json(&s.tables),
    });
    let human = format!(
        "wrote an encrypted backup to {} ({} bytes, {rows} rows in {} tables)\nkeep the passphrase: without it nobody can open this file\n",
        crate::output::shown_path(out),
        s.bytes,
        s.tables.len()
    );
    Output::new(json, human)
}

fn restored(path: &Path, s: &RestoreSummary) -> Output {
    let rows: u64 = s.tables.iter().map(|t| t.rows).sum();
    let json = json!({
        "path": path.display().to_string(),
        "created_at": s.created_at,
        "backup_schema_version": s.backup_schema_version,
        "schema_version": s.schema_version,
        "tables": tables_json(&s.tables),
    });
    let human = format!(
        "restored the backup made {} from {} ({rows} rows in {} tables, schema {} → {})\n",
        s.created_at,
        crate::output::shown_path(path),
        s.tables.len(),
        s.backup_schema_version,
        s.schema_version
    );
    Output::new(json, human)
}

/// `{"kind": {"rows": n, "newest": t}, …}`.
fn overview_json(overview: &[KindOverview]) -> Value {
    Value::Object(
        overview
            .iter()
            .map(|k| (k.kind.clone(), json!({"rows": k.rows, "newest": k.newest})))
            .collect(),
    )
}

/// "3 check_ins (newest 2027-03-28T09:00:00Z), …", or "an empty profile".
fn describe(overview: &[KindOverview]) -> String {
    let parts: Vec<String> = overview
        .iter()
        .filter(|k| k.rows > 0)
        .map(|k| match &k.newest {
            Some(t) => format!("{} {} (newest {t})", k.rows, k.kind),
            None => format!("{} {}", k.rows, k.kind),
        })
        .collect();
    if parts.is_empty() {
        "an empty profile".into()
    } else {
        parts.join(", ")
    }
}

/// A restore replaces everything: a profile holding entries is replaced only after the person
/// saw what it holds and said yes — on a terminal by answering, elsewhere with `--yes`.
fn confirm_restore(overview: &[KindOverview], yes: bool) -> Result<(), ResetError> {
    if overview.iter().all(|k| k.rows == 0) {
        return Ok(());
    }
    crate::ask::confirm(
        yes,
        &format!(
            "restoring replaces this profile, which holds {}",
            describe(overview)
        ),
        "Replace it?",
        crate::ask::WithoutYes::Refuse,
    )
}

/// `{"table": rows, …}` in table-name order.
pub fn tables_json(tables: &[TableRows]) -> Value {
    Value::Object(
        tables
            .iter()
            .map(|t| (t.table.clone(), json!(t.rows)))
            .collect(),
    )
}

pub(crate) fn path_text(path: &Path) -> Result<String, ResetError> {
    path.to_str()
        .map(str::to_string)
        .ok_or_else(|| Error::invalid("path", "must be valid UTF-8").into())
}

/// A passphrase the person typed, or one generated for them at the prompt.
enum Chosen {
    Typed(Zeroizing<String>),
    Generated(Zeroizing<String>),
}

impl Chosen {
    fn into_typed(self) -> Zeroizing<String> {
        match self {
            Chosen::Typed(p) | Chosen::Generated(p) => p,
        }
    }
}

/// Whether the passphrase is asked on the terminal (no `RESET_PASSPHRASE`).
fn asks() -> bool {
    std::env::var_os(PASSPHRASE_ENV).is_none() && std::io::stdin().is_terminal()
}

fn prompt(text: &str) -> Result<Zeroizing<String>, ResetError> {
    Ok(Zeroizing::new(rpassword::prompt_password(text).map_err(
        |_| Error::invalid("passphrase", "could not read it from the terminal"),
    )?))
}

/// The passphrase from `RESET_PASSPHRASE`, else from the terminal without echo. For a new
/// backup (`create`) the rule is said before the prompt, checked after the first entry, and
/// the passphrase asked twice so a typo cannot lock the person out of their own backup; a
/// weak or mistyped one is asked again (three tries), and Enter alone generates one.
fn passphrase(create: bool) -> Result<Chosen, ResetError> {
    if let Ok(text) = std::env::var(PASSPHRASE_ENV) {
        // Set but empty is a slip (an unexported shell variable), not a passphrase to try.
        if text.is_empty() {
            return Err(
                Error::invalid("passphrase", format!("{PASSPHRASE_ENV} is set but empty")).into(),
            );
        }
        return Ok(Chosen::Typed(Zeroizing::new(text)));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "passphrase",
            format!("set {PASSPHRASE_ENV} or run in a terminal to be asked for it"),
        )
        .into());
    }
    if !create {
        return Ok(Chosen::Typed(prompt("Backup passphrase: ")?));
    }
    crate::ask::say(
        "Choose a passphrase for this backup: at least 8 characters and hard to guess (four or five\n\
         unrelated words work well). Without it nobody can open the backup, you included.\n\
         Press Enter on its own to have a strong one generated instead.\n",
    );
    for _ in 0..3 {
        let first = prompt("Backup passphrase: ")?;
        if first.is_empty() {
            // A passphrase shown to nobody makes a backup nobody can open (hostile F8).
            crate::output::stdout_can_show()?;
            return Ok(Chosen::Generated(generated_passphrase()?));
        }
        if let Err(e) = reset_core::backup::Passphrase::for_new_backup(first.to_string()) {
            let reason = match ResetError::from(e) {
                ResetError::InvalidInput { reason, .. } => reason,
                other => other.to_string(),
            };
            crate::ask::say(&format!("  That passphrase {reason}. Try again.\n"));
            continue;
        }
        if *prompt("Repeat it: ")? == *first {
            return Ok(Chosen::Typed(first));
        }
        crate::ask::say("  The two entries differ. Try again.\n");
    }
    Err(Error::invalid(
        "passphrase",
        "no usable passphrase after three tries; nothing was written",
    )
    .into())
}

/// A percentage on stderr while a terminal is watching; nothing in JSON mode or in pipes.
struct Percent;

impl ProgressListener for Percent {
    fn on_progress(&self, done: u64, total: u64) {
        let pct = (done * 100).checked_div(total).unwrap_or(100);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{pct:3}%");
        if done >= total {
            let _ = write!(err, "\r    \r");
        }
        let _ = err.flush();
    }
}

fn progress(as_json: bool) -> Option<Arc<dyn ProgressListener>> {
    (!as_json && std::io::stderr().is_terminal())
        .then(|| Arc::new(Percent) as Arc<dyn ProgressListener>)
}

/// Tour: writes a backup beside the profile and says where, and with which passphrase.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let status = companion.status()?;
    let folder = Path::new(&status.path).with_file_name("backups");
    std::fs::create_dir_all(&folder).map_err(|e| ResetError::from(Error::from(e)))?;
    let out = folder.join("tour-backup.rcbackup");
    // Always generated: the demo's backup never carries a passphrase the person uses for
    // their own backups, and the tour can show it in text and JSON alike.
    let passphrase = generated_passphrase()?;
    let source = format!(
        "generated for this tour: {}\n(it is not stored anywhere — note it to try `reset backup restore`)",
        passphrase.as_str()
    );
    let summary = companion.create_backup(path_text(&out)?, passphrase.to_string(), None)?;
    let rows: u64 = summary.tables.iter().map(|t| t.rows).sum();
    // Into the demo profile (never the person's: `--db` names it) and with the passphrase
    // asked for on the terminal, so it stays out of shell history.
    let restore = format!(
        "reset --db {} backup restore {}",
        shell_word(&status.path),
        shell_word(&out.display().to_string())
    );
    tour.say(
        "Wrote an encrypted backup",
        format!(
            "file: {} ({} bytes, {rows} rows)\npassphrase: {source}\nArgon2id (64 MiB, 3 passes) + XChaCha20-Poly1305; to try a restore into the demo profile:\n`{restore}`\n(it asks for the passphrase; it replaces the demo profile only)",
            crate::output::shown_path(&out),
            summary.bytes,
        ),
        json!({"path": out.display().to_string(), "bytes": summary.bytes, "passphrase": passphrase.as_str(), "tables": tables_json(&summary.tables), "restore_command": restore}),
    );
    Ok(())
}

/// `text` as one shell word: bare when it is plainly safe, else single-quoted.
fn shell_word(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/._-+:@%".contains(c));
    if plain {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// A strong generated passphrase (the core's generator, shared with the phones).
pub fn generated_passphrase() -> Result<Zeroizing<String>, ResetError> {
    Ok(reset_core::backup::generate_passphrase()?)
}

/// A restore replaces the file at `--db` by renaming a new one over that name: through a
/// symlink or one of several hard links it would replace the link, leave the real profile
/// un-restored and split one profile into two (hostile review 3, F24). Refused before anything
/// is read or asked, as erase refuses them.
fn refuse_linked_db(db: &std::path::Path) -> Result<(), ResetError> {
    use std::os::unix::fs::MetadataExt;
    match std::fs::symlink_metadata(db) {
        Ok(meta) if meta.file_type().is_symlink() => Err(Error::invalid(
            "db",
            "is a symbolic link; a restore would replace the link, not the profile it points to: give the profile's own path; nothing was touched",
        )
        .into()),
        Ok(meta) if meta.is_file() && meta.nlink() > 1 => Err(Error::invalid(
            "db",
            "has other hard links (another name shares the file); a restore would leave them on the old profile: give a path with one link; nothing was touched",
        )
        .into()),
        _ => Ok(()),
    }
}
