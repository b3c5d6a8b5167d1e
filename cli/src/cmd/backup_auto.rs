//! `reset backup auto on|off|status|run|rotate` and `reset backup restore PATH --recovery-key`:
//! automatic encrypted backups opened with a recovery key (issue 21), and the tour step.
//!
//! The CLI keeps the recovery key where a phone keeps it in the Keychain / Keystore: beside the
//! profile, in `<database file name>.recovery-key` (`profile.db.recovery-key`), mode 0600, like
//! the profile key; a key kept under the older stem name (`profile.recovery-key`, which
//! `profile.sqlite` beside it shared) is moved there when it is provably this profile's
//! ([`recovery_key_file`]). The key is printed once, by `on` and `rotate`; it is read from that file by `run`, and
//! from standard input or a prompt without echo by `restore --recovery-key` — never from a
//! command-line argument (visible to every process and kept in shell history). The folder
//! defaults to `auto-backups/` beside the profile and is remembered in the profile. Several
//! profiles may share a folder: every count, prune, rotation and deletion looks only at the
//! files this profile's recovery key opens (hostile review 3, F2).

use std::io::{IsTerminal, Read, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use clap::Subcommand;
use reset_core::Error;
use reset_core::auto_backup::rotation::RotationSettlement;
use reset_core::auto_backup::{AutoBackupFile, AutoBackupRun, AutoRestoreSummary};
use reset_ffi::{Companion, ResetError};
use serde_json::{Value, json};
use zeroize::Zeroizing;

use super::backup::{path_text, tables_json};
use crate::Ctx;
use crate::output::Output;
use crate::tour::Tour;

/// The automatic-backup subcommands.
#[derive(Subcommand)]
pub enum AutoCommand {
    /// Turn automatic backups on: make a recovery key (printed once, kept in <profile>.recovery-key, 0600) and write the first backup.
    On {
        /// The folder to write into (default: auto-backups/ beside the profile).
        #[arg(long, value_name = "DIR")]
        folder: Option<PathBuf>,
    },
    /// Turn automatic backups off (the files stay unless --delete, which also removes the recovery key file).
    Off {
        /// Also delete every automatic backup in the folder and the recovery key file (on a
        /// terminal it asks first).
        #[arg(long)]
        delete: bool,
        /// With --delete: delete without asking (off a terminal nothing is asked either way).
        #[arg(long)]
        yes: bool,
    },
    /// Whether automatic backups are on, the files (newest first) and whether one is due.
    Status,
    /// Write today's backup if it is due (after the first use each local day), keeping 7 daily + 4 weekly.
    Run,
    /// Make a new recovery key (printed once), re-seal the newest backup for it and delete the files only the old key opens (two phases: a kill in between is settled by the next run or rotate).
    Rotate,
}

/// The recovery key file beside the profile: `profile.db` → `profile.db.recovery-key`.
pub fn recovery_key_path(db: &Path) -> PathBuf {
    reset_core::outfile::recovery_key_file(db)
}

/// What `auto on` must say in a terminal (new-user review 3, F17): nothing here runs the daily
/// backup by itself, and a folder beside the profile dies with the same disk.
fn no_scheduler(db: &Path, beside_profile: bool) -> String {
    // Cron runs in the home folder with a minimal shell: the line needs absolute paths, quoted
    // (hostile review 4, F11: a relative --db made a new empty profile in $HOME).
    let quoted = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        format!("'{}'", crate::output::shown_path(&p).replace('\'', "'\\''"))
    };
    let exe = std::env::current_exe()
        .map(|p| quoted(&p))
        .unwrap_or_else(|_| "reset".into());
    let mut out = format!(
        "\nThe terminal app has no scheduler: the day's backup is written by the first command that uses\n\
         the profile each day (a check-in, a journal entry, `status` …) or by `reset backup auto run`\n\
         (the phone apps run it for you). For one each day even when you don't use it, add a line like\n\
         this with `crontab -e`:\n  \
         0 12 * * * {exe} --db {} backup auto run\n",
        quoted(db)
    );
    if beside_profile {
        out.push_str(
            "These backups sit beside your profile, on the same disk: `--folder` on another disk or a\n\
             USB stick keeps them safe if this one fails.\n",
        );
    }
    out
}

/// The recovery key file of the profile at `db` whose automatic backups go to `folder`, after
/// moving a key kept under the older stem name (`profile.recovery-key`) to it — only when that
/// key is provably this profile's: it opens a backup in `folder`, or no other database beside
/// this one shares the stem. A key no profile can be shown to own is left where it is.
pub fn recovery_key_file(db: &Path, folder: Option<&Path>) -> PathBuf {
    let key_file = recovery_key_path(db);
    let legacy = reset_core::outfile::legacy_recovery_key_file(db);
    let is_file = |p: &Path| std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file());
    if legacy == key_file || is_file(&key_file) || !is_file(&legacy) {
        return key_file;
    }
    let opens_a_backup = || -> bool {
        let (Some(folder), Ok(text)) = (folder, read_key_file(&legacy)) else {
            return false;
        };
        reset_core::backup::RecoveryKey::parse(&text)
            .ok()
            .and_then(|key| reset_core::auto_backup::list_owned(folder, &key).ok())
            .is_some_and(|files| !files.is_empty())
    };
    let unshared = || crate::erase::same_key_profiles(db, &crate::profile::key_path(db)).is_empty();
    if opens_a_backup() || unshared() {
        // Same folder, one rename each: the key is never missing from both names.
        if std::fs::rename(&legacy, &key_file).is_ok() {
            let pending = reset_core::outfile::legacy_pending_recovery_key_file(db);
            if is_file(&pending) {
                let _ =
                    std::fs::rename(&pending, reset_core::outfile::pending_recovery_key_file(db));
            }
            if let Some(dir) = key_file.parent() {
                reset_core::outfile::sync_folder(dir);
            }
        }
    }
    key_file
}

/// The default folder: `auto-backups/` beside the profile.
fn default_folder(db: &Path) -> PathBuf {
    db.with_file_name("auto-backups")
}

/// Runs an automatic-backup subcommand.
pub fn run(ctx: &Ctx, command: &AutoCommand) -> Result<Output, ResetError> {
    let companion = ctx.open()?;
    let remembered = companion.preference(reset_core::auto_backup::FOLDER_PREFERENCE.into())?;
    let key_file = recovery_key_file(&ctx.db, remembered.as_deref().map(Path::new));
    match command {
        AutoCommand::On { folder } => {
            let beside = folder.is_none();
            let folder = absolute(folder.clone().unwrap_or_else(|| default_folder(&ctx.db)))?;
            let mut out = turn_on(&companion, &key_file, &folder)?;
            out.human.push_str(&no_scheduler(&ctx.db, beside));
            Ok(out)
        }
        AutoCommand::Off { delete, yes } => {
            // The remembered folder, on or off: `off --delete` after `off` must delete the
            // backups before the key that opens them, never the key alone (hostile 3, F26).
            let folder = remembered;
            if *delete {
                crate::ask::confirm(
                    *yes,
                    "this deletes every automatic backup and the recovery key file; only a backup you made by hand will be left",
                    "Delete them?",
                    crate::ask::WithoutYes::Proceed,
                )?;
            }
            let mut removed = companion.turn_off_auto_backup(folder.clone(), false)?;
            // Only this profile's backups — those its recovery key opens — are deleted; another
            // profile's in a shared folder, or any file nothing shows is this one's, stay
            // (hostile review 3, F2). The key goes last, after the backups it opens.
            let mut left = Vec::new();
            if let (true, Some(folder)) = (*delete, folder.as_deref()) {
                let owned = match read_key_file(&key_file) {
                    Ok(text) => Some(
                        reset_core::backup::RecoveryKey::parse(&text).map_err(ResetError::from)?,
                    ),
                    Err(_) => None,
                };
                match owned {
                    Some(key) => {
                        let (gone, kept) =
                            reset_core::auto_backup::remove_owned(Path::new(folder), &key)
                                .map_err(ResetError::from)?;
                        removed.extend(gone);
                        left = kept;
                    }
                    None => {
                        left = reset_core::auto_backup::list(Path::new(folder))
                            .map_err(ResetError::from)?
                            .into_iter()
                            .map(|f| f.name)
                            .collect();
                    }
                }
            }
            let key_removed = *delete && key_file.exists();
            if key_removed {
                reset_core::store::erase_file(&key_file).map_err(ResetError::from)?;
            }
            // Turning off discards a prepared rotation: its pending key opens nothing.
            let pending_file = reset_core::outfile::pending_recovery_key_file(&ctx.db);
            if std::fs::symlink_metadata(&pending_file).is_ok() {
                reset_core::store::erase_file(&pending_file).map_err(ResetError::from)?;
            }
            let mut human = format!(
                "automatic backups are off; {} file(s) deleted\n",
                removed.len()
            );
            if !*delete {
                human.push_str("the backups already written stay (encrypted); `--delete` removes them and the recovery key file\n");
            }
            if !left.is_empty() {
                human.push_str(&format!(
                    "left {} file(s) in the folder that this profile's recovery key does not open (another profile's, or damaged)\n",
                    left.len()
                ));
            }
            Ok(Output::new(
                json!({"enabled": false, "folder": folder, "removed": removed, "left": left, "recovery_key_file_removed": key_removed}),
                human,
            ))
        }
        AutoCommand::Status => {
            // This profile's files only, when its key is at hand (the folder may be shared).
            let s = match read_key_file(&key_file) {
                Ok(key) => companion.auto_backup_status_owned(None, key.to_string())?,
                Err(_) => companion.auto_backup_status(None)?,
            };
            let key_present = key_file.is_file();
            let mut human = format!(
                "automatic backups: {}\nfolder: {}\nrecovery key file: {}\n",
                if s.enabled { "on" } else { "off" },
                s.folder.as_deref().unwrap_or("(none chosen)"),
                if key_present {
                    key_file.display().to_string()
                } else {
                    "(none)".into()
                },
            );
            match &s.last_backup {
                Some(t) => {
                    human.push_str(&format!("last backup: {t} ({} file(s))\n", s.files.len()))
                }
                None => human.push_str("last backup: none yet\n"),
            }
            human.push_str(&format!("due now: {}\n", if s.due { "yes" } else { "no" }));
            Ok(Output::new(
                json!({
                    "enabled": s.enabled,
                    "folder": s.folder,
                    "recovery_key_file": key_present.then(|| key_file.display().to_string()),
                    "last_backup": s.last_backup,
                    "due": s.due,
                    "rotation_pending": s.rotation_pending,
                    "files": files_json(&s.files),
                }),
                human,
            ))
        }
        AutoCommand::Run => {
            let folder = stored_folder(&companion)?.ok_or_else(|| {
                Error::conflict("automatic backups are off; `reset backup auto on` first")
            })?;
            let settled = settle(&companion, &ctx.db, &folder)?;
            let key = read_key_file(&key_file)?;
            let run = companion.run_auto_backup_if_due(folder.clone(), key.to_string())?;
            let mut output = run_output(&folder, &run);
            output.json["rotation_settled"] = json!(settled);
            if let Some(what) = settled {
                output.human.insert_str(
                    0,
                    &format!("an interrupted key rotation was {what} first\n"),
                );
            }
            Ok(output)
        }
        AutoCommand::Rotate => {
            let folder = stored_folder(&companion)?.ok_or_else(|| {
                Error::conflict("automatic backups are off; `reset backup auto on` first")
            })?;
            // A copied profile still names the original's folder, and its key opens the
            // original's backups: rotating would re-seal and delete them (hostile review 4, F12).
            if crate::erase::another_profiles_folder(
                Path::new(&folder),
                &recovery_key_path(&ctx.db),
            ) {
                return Err(Error::conflict(format!(
                    "the automatic-backup folder {folder} belongs to another profile (a recovery key file beside it holds this profile's key: this profile looks like a copy of that one); nothing was changed. Rotate from that profile, or turn automatic backups off here and on again with a folder of this profile's own (`reset backup auto off`, then `reset backup auto on --folder DIR`)"
                ))
                .into());
            }
            settle(&companion, &ctx.db, &folder)?;
            rotate(&companion, &ctx.db, &folder)
        }
    }
}

/// Two-phase rotation: prepare (the newest backup re-sealed into a pending file), the new key
/// into `<profile>.recovery-key.pending`, commit, and only then the pending key file renamed
/// over the key file. A kill anywhere is settled by the next `run` or `rotate` ([`settle`]).
fn rotate(companion: &Companion, db: &Path, folder: &str) -> Result<Output, ResetError> {
    let key_file = recovery_key_path(db);
    let pending_file = reset_core::outfile::pending_recovery_key_file(db);
    let old = read_key_file(&key_file)?;
    let prepared = companion.prepare_recovery_key_rotation(folder.to_string(), old.to_string())?;
    let new = Zeroizing::new(prepared.recovery_key);
    // The new key is stored (synced) before any backup changes; if it cannot be, the rotation
    // is undone and every backup still opens with the current key (hostile review 3, F17).
    if let Err(e) = replace_key_file(&pending_file, &new) {
        let _ = companion.discard_recovery_key_rotation(folder.to_string());
        let _ = std::fs::remove_file(&pending_file);
        return Err(explained(
            e,
            &format!(
                "the new recovery key could not be stored in {}, so the rotation was undone: nothing changed and the current key still opens every backup",
                crate::output::shown_path(&pending_file)
            ),
        ));
    }
    let unfinished = |e: ResetError| {
        explained(
            e,
            &format!(
                "the key rotation did not finish; the new key is kept in {} and the next `reset backup auto run` or `rotate` settles it — finishing it if backups were already re-sealed for that key (then it becomes the key file), else undoing it",
                crate::output::shown_path(&pending_file)
            ),
        )
    };
    let r = companion
        .commit_recovery_key_rotation(folder.to_string(), old.to_string(), new.to_string())
        .map_err(unfinished)?;
    promote(&pending_file, &key_file).map_err(unfinished)?;
    let mut skipped = prepared.prepared.skipped;
    for s in r.skipped {
        if !skipped.iter().any(|k| k.name == s.name) {
            skipped.push(s);
        }
    }
    let human = format!(
        "new recovery key (shown once; also in {}): {}\nre-sealed: {}\ndeleted (only the old key opened them): {}\n",
        key_file.display(),
        new.as_str(),
        r.file
            .as_ref()
            .map_or("(no backup yet)".to_string(), |f| f.name.clone()),
        r.removed.len()
    );
    Ok(Output::new(
        json!({
            "recovery_key": new.as_str(),
            "recovery_key_file": key_file.display().to_string(),
            "file": r.file.as_ref().map(file_json),
            "removed": r.removed,
            "skipped": skipped,
        }),
        human,
    ))
}

/// `e` with `what` happened put first, keeping its kind.
fn explained(e: ResetError, what: &str) -> ResetError {
    ResetError::of_kind(e.kind(), format!("{what} ({e})"))
}

/// Settles a key rotation a kill left between or inside its phases: with a pending key file and
/// a commit that had begun, the rotation is committed (again) and the pending key becomes the
/// key file; otherwise (no pending key file, a stale one, or a rotation only prepared, whose
/// key was never printed) it is discarded and the pending key file deleted. Returns what it
/// did (`"committed"` / `"discarded"`), `None` when nothing was pending.
fn settle(
    companion: &Companion,
    db: &Path,
    folder: &str,
) -> Result<Option<&'static str>, ResetError> {
    let key_file = recovery_key_path(db);
    let pending_file = reset_core::outfile::pending_recovery_key_file(db);
    let pending = match std::fs::symlink_metadata(&pending_file) {
        Ok(_) => Some(read_key_file(&pending_file)?),
        Err(_) => None,
    };
    let current = read_key_file(&key_file)?;
    let settled = companion.settle_recovery_key_rotation(
        folder.to_string(),
        current.to_string(),
        pending.as_ref().map(|p| p.to_string()),
    )?;
    Ok(match settled {
        RotationSettlement::NothingPending => None,
        // The CLI prints a new key only after its commit, so a rotation still only prepared
        // was never shown to anyone: it is discarded and the key that opens the backups stays.
        RotationSettlement::AwaitingConfirmation => {
            companion.discard_recovery_key_rotation(folder.to_string())?;
            reset_core::store::erase_file(&pending_file).map_err(ResetError::from)?;
            Some("discarded")
        }
        RotationSettlement::Committed { .. } => {
            promote(&pending_file, &key_file)?;
            Some("committed")
        }
        RotationSettlement::Discarded { .. } => {
            if pending.is_some() {
                reset_core::store::erase_file(&pending_file).map_err(ResetError::from)?;
            }
            Some("discarded")
        }
    })
}

/// The pending key file becomes the key file (one rename; the folder synced).
fn promote(pending_file: &Path, key_file: &Path) -> Result<(), ResetError> {
    std::fs::rename(pending_file, key_file).map_err(|e| ResetError::from(Error::from(e)))?;
    if let Some(dir) = key_file.parent() {
        reset_core::outfile::sync_folder(dir);
    }
    Ok(())
}

fn turn_on(companion: &Companion, key_file: &Path, folder: &Path) -> Result<Output, ResetError> {
    if std::fs::symlink_metadata(key_file).is_ok() {
        return Err(Error::conflict(format!(
            "a recovery key from an earlier `on` is still at {} (it opens the backups already written); move it away or run `reset backup auto off --delete` first",
            key_file.display()
        ))
        .into());
    }
    let folder_text = path_text(folder)?;
    // A mistyped folder is not made with every missing parent (hostile review 3, F15).
    if !folder.is_dir() && !folder.parent().is_some_and(Path::is_dir) {
        return Err(Error::invalid(
            "folder",
            "neither it nor the folder it would be made in exists; nothing was changed",
        )
        .into());
    }
    let previous_folder =
        companion.preference(reset_core::auto_backup::FOLDER_PREFERENCE.into())?;
    let key = Zeroizing::new(companion.turn_on_auto_backup(Some(folder_text.clone()))?);
    if let Err(e) = write_new_key_file(key_file, &key) {
        let _ = companion.turn_off_auto_backup(None, false);
        return Err(e);
    }
    // The first backup failing (an unusable folder, a full disk) undoes the whole `on`: off
    // again, the new key file gone — never "on" with a key nobody was shown (F15).
    let run = match companion.run_auto_backup_if_due(folder_text.clone(), key.to_string()) {
        Ok(run) => run,
        Err(e) => {
            let _ = companion.undo_turn_on_auto_backup(previous_folder);
            let _ = reset_core::store::erase_file(key_file);
            return Err(e);
        }
    };
    let mut output = run_output(&folder_text, &run);
    output.human = format!(
        "automatic backups are on\nrecovery key (128 bits; write it down now and keep the paper safe — a copy is kept in {}\nfor the daily runs, but that copy is lost with this folder):\n  {}\nwithout it nobody can open these backups: there is no company or server that could open them for you\n{}",
        key_file.display(),
        key.as_str(),
        output.human
    );
    output.json = json!({
        "enabled": true,
        "folder": folder_text,
        "recovery_key": key.as_str(),
        "recovery_key_bits": reset_core::backup::RECOVERY_KEY_BITS,
        "recovery_key_file": key_file.display().to_string(),
        "first_backup": output.json,
    });
    Ok(output)
}

fn run_output(folder: &str, run: &AutoBackupRun) -> Output {
    let outcome = serde_json::to_value(run.outcome).unwrap_or(Value::Null);
    let human = match &run.file {
        Some(f) => format!(
            "wrote {} ({} bytes) in {folder}; {} older file(s) deleted (7 daily + 4 weekly are kept)\n",
            f.name,
            f.bytes,
            run.removed.len()
        ),
        None => format!(
            "{}\n",
            match run.outcome {
                reset_core::auto_backup::AutoBackupOutcome::NotDue =>
                    "not due: today's automatic backup is already written",
                _ => "automatic backups are off; nothing written",
            }
        ),
    };
    Output::new(
        json!({
            "outcome": outcome,
            "folder": folder,
            "file": run.file.as_ref().map(file_json),
            "tables": run.summary.as_ref().map(|s| tables_json(&s.tables)),
            "removed": run.removed,
        }),
        human,
    )
}

fn file_json(f: &AutoBackupFile) -> Value {
    json!({"name": f.name, "created_at": f.created_at, "bytes": f.bytes})
}

fn files_json(files: &[AutoBackupFile]) -> Value {
    Value::Array(files.iter().map(file_json).collect())
}

/// `reset backup restore PATH --recovery-key`: PATH is a folder of automatic backups (the
/// newest usable one) or one file. The JSON adds `file` and `skipped` to the manual restore's.
pub fn restored(path: &Path, s: &AutoRestoreSummary) -> Output {
    let r = &s.restored;
    let rows: u64 = r.tables.iter().map(|t| t.rows).sum();
    let mut human = String::new();
    for skip in &s.skipped {
        human.push_str(&format!(
            "skipped {} ({}: {}); trying the one before it\n",
            skip.name,
            skip.kind.as_str(),
            skip.reason
        ));
    }
    human.push_str(&format!(
        "restored the automatic backup {} made {} from {} ({rows} rows in {} tables, schema {} → {})\n",
        s.name,
        r.created_at,
        path.display(),
        r.tables.len(),
        r.backup_schema_version,
        r.schema_version
    ));
    Output::new(
        json!({
            "path": path.display().to_string(),
            "file": s.name,
            "created_at": r.created_at,
            "backup_schema_version": r.backup_schema_version,
            "schema_version": r.schema_version,
            "tables": tables_json(&r.tables),
            "skipped": s.skipped,
        }),
        human,
    )
}

/// The recovery key typed by the person: standard input when it is not a terminal, else a
/// prompt without echo. Never an argument.
pub fn read_recovery_key() -> Result<Zeroizing<String>, ResetError> {
    let text =
        if std::io::stdin().is_terminal() {
            Zeroizing::new(rpassword::prompt_password("Recovery key: ").map_err(|_| {
                Error::invalid("recovery_key", "could not read it from the terminal")
            })?)
        } else {
            let mut text = Zeroizing::new(String::new());
            std::io::stdin()
                .take(4096)
                .read_to_string(&mut text)
                .map_err(|_| Error::invalid("recovery_key", "standard input is not text"))?;
            text
        };
    if text.trim().is_empty() {
        return Err(Error::invalid(
            "recovery_key",
            "give it on standard input or type it at the prompt",
        )
        .into());
    }
    Ok(text)
}

/// After a restore with the recovery key: if the restored profile has automatic backups on and
/// no recovery key file is beside it, the key just typed becomes its key file, so the daily
/// runs go on (as a phone keeps the typed key in its Keychain / Keystore).
pub fn keep_key_after_restore(
    ctx: &Ctx,
    companion: &Companion,
    typed: &str,
    output: &mut Output,
) -> Result<(), ResetError> {
    let on = companion.auto_backup_status(None)?.enabled;
    let folder = companion.preference(reset_core::auto_backup::FOLDER_PREFERENCE.into())?;
    let key_file = recovery_key_file(&ctx.db, folder.as_deref().map(Path::new));
    let mut kept = on && std::fs::symlink_metadata(&key_file).is_err();
    let key = Zeroizing::new(reset_ffi::auto_backup::normalize_recovery_key(
        typed.to_string(),
    )?);
    // A second profile on this machine restored from a live profile's automatic backups does
    // not take over that profile's folder and key: both would be one backup stream, each
    // owning (and pruning, rotating, restoring) the other's files (hostile review 4, F5).
    let shared = match folder.as_deref() {
        Some(f) if kept => crate::erase::folder_keyed_elsewhere(Path::new(f), &key, &key_file),
        _ => false,
    };
    if shared {
        companion.turn_off_auto_backup(None, false)?;
        kept = false;
        output.human.push_str(&format!(
            "automatic backups are off for this profile: their folder {} is another profile's (its recovery key file is beside it), and sharing it would mix the two profiles' backups. Turn them on with a folder of this profile's own: `reset backup auto on --folder DIR`\n",
            folder.as_deref().unwrap_or_default()
        ));
    }
    output.json["automatic_backups_adopted"] = json!(!shared);
    if kept {
        write_new_key_file(&key_file, &key)?;
        output.human.push_str(&format!(
            "automatic backups stay on with the same recovery key (kept in {})\n",
            key_file.display()
        ));
    }
    output.json["recovery_key_file"] = json!(kept.then(|| key_file.display().to_string()));
    Ok(())
}

fn stored_folder(companion: &Companion) -> Result<Option<String>, ResetError> {
    let status = companion.auto_backup_status(None)?;
    Ok(status.enabled.then_some(status.folder).flatten())
}

fn absolute(folder: PathBuf) -> Result<PathBuf, ResetError> {
    if folder.is_absolute() {
        return Ok(folder);
    }
    let here = std::env::current_dir().map_err(|e| ResetError::from(Error::from(e)))?;
    Ok(here.join(folder))
}

pub(crate) fn read_key_file(key_file: &Path) -> Result<Zeroizing<String>, ResetError> {
    let meta = std::fs::symlink_metadata(key_file).map_err(|_| {
        Error::not_found(format!(
            "the recovery key file {} (turn automatic backups off and on again to make a new key) was",
            key_file.display()
        ))
    })?;
    if !meta.is_file() || meta.len() > 4096 {
        return Err(Error::Corrupt {
            reason: format!("the recovery key file {} is damaged", key_file.display()),
        }
        .into());
    }
    let text = Zeroizing::new(
        std::fs::read_to_string(key_file).map_err(|_| Error::Corrupt {
            reason: format!("the recovery key file {} is not text", key_file.display()),
        })?,
    );
    Ok(text)
}

/// A new 0600 file that must not exist yet.
fn write_new_key_file(key_file: &Path, key: &str) -> Result<(), ResetError> {
    let write = || -> std::io::Result<()> {
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(key_file)?; // O_CREAT | O_EXCL: never through a symlink
        f.write_all(key.as_bytes())?;
        f.write_all(b"\n")?;
        f.sync_all()
    };
    write().map_err(|e| ResetError::from(Error::from(e)))
}

/// Replaces a key file atomically: a new 0600 file beside it, synced, renamed over it.
fn replace_key_file(key_file: &Path, key: &str) -> Result<(), ResetError> {
    let mut temp = key_file.as_os_str().to_owned();
    temp.push(".new");
    let temp = PathBuf::from(temp);
    let _ = std::fs::remove_file(&temp);
    write_new_key_file(&temp, key)?;
    std::fs::rename(&temp, key_file).map_err(|e| ResetError::from(Error::from(e)))?;
    if let Some(dir) = key_file.parent() {
        reset_core::outfile::sync_folder(dir);
    }
    Ok(())
}

/// Tour: turns automatic backups on for the demo profile, writes its first backup, and shows
/// the recovery key and how to restore with it.
pub fn tour_step(companion: &Companion, tour: &mut Tour) -> Result<(), ResetError> {
    let status = companion.status()?;
    let db = Path::new(&status.path);
    let folder = default_folder(db);
    let key_file = recovery_key_path(db);
    let on = turn_on(companion, &key_file, &folder)?;
    let file = on.json["first_backup"]["file"]["name"]
        .as_str()
        .unwrap_or("")
        .to_string();
    let key = on.json["recovery_key"].as_str().unwrap_or("").to_string();
    tour.say(
        "Turned on automatic backups",
        format!(
            "folder: {} (first file {file})\nrecovery key (128 bits, shown once, kept in {}): {key}\none backup after the first use each day, 7 daily + 4 weekly kept; HKDF-SHA256 + XChaCha20-Poly1305.\nrestore on a new phone with\n`reset --db {} backup restore {} --recovery-key < key.txt`",
            folder.display(),
            key_file.display(),
            db.display(),
            folder.display()
        ),
        json!({"folder": folder.display().to_string(), "file": file, "recovery_key": key, "recovery_key_file": key_file.display().to_string()}),
    );
    Ok(())
}

/// The day's automatic backup after the first use each local day (issue 21): the terminal has
/// no background task, so a command that used the profile writes it when it is due. Never
/// fails the command that ran; returns a line for standard error when it wrote a file or
/// could not (standard output, and its `--json`, stay the command's own).
pub fn after_use(ctx: &Ctx) -> Option<String> {
    if !ctx.db.is_file() {
        return None;
    }
    let companion = ctx.open().ok()?;
    let folder = stored_folder(&companion).ok()??;
    // A key rotation left half done is settled by `run`/`rotate`, which say what they did.
    if std::fs::symlink_metadata(reset_core::outfile::pending_recovery_key_file(&ctx.db)).is_ok() {
        return Some(
            "today's automatic backup was not written: a key rotation is unfinished; `reset backup auto run` settles it\n"
                .into(),
        );
    }
    let key_file = recovery_key_file(&ctx.db, Some(Path::new(&folder)));
    let written = read_key_file(&key_file)
        .and_then(|key| companion.run_auto_backup_if_due(folder.clone(), key.to_string()));
    match written {
        Ok(run) => run.file.map(|f| {
            format!(
                "today's automatic backup: wrote {} in {}\n",
                f.name,
                crate::output::shown_path(Path::new(&folder))
            )
        }),
        Err(e) => Some(format!(
            "today's automatic backup was not written ({}); `reset backup auto run` says more\n",
            e.kind().as_str()
        )),
    }
}
