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
use rand::RngCore;
use reset_core::Error;
use reset_core::backup::{BackupSummary, RestoreSummary, TableRows};
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
        /// Where to write the backup file (replaced if it exists).
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// Replace the profile with a backup, after verifying all of it (the profile is untouched on any error).
    Restore {
        /// The backup file.
        path: PathBuf,
    },
}

/// Runs a backup subcommand.
pub fn run(ctx: &Ctx, command: &BackupCommand, as_json: bool) -> Result<Output, ResetError> {
    match command {
        BackupCommand::Create { out } => {
            let passphrase = passphrase(true)?;
            let companion = ctx.open()?;
            let summary = companion.create_backup(
                path_text(out)?,
                passphrase.to_string(),
                progress(as_json),
            )?;
            Ok(created(out, &summary))
        }
        BackupCommand::Restore { path } => {
            let passphrase = passphrase(false)?;
            let companion = ctx.open()?;
            let summary = companion.restore_backup(
                path_text(path)?,
                passphrase.to_string(),
                progress(as_json),
            )?;
            Ok(restored(path, &summary))
        }
    }
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
        out.display(),
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
        path.display(),
        s.tables.len(),
        s.backup_schema_version,
        s.schema_version
    );
    Output::new(json, human)
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

/// The passphrase from `RESET_PASSPHRASE`, else from the terminal without echo (asked twice
/// when creating, so a typo cannot lock the person out of their own backup).
fn passphrase(confirm: bool) -> Result<Zeroizing<String>, ResetError> {
    if let Ok(text) = std::env::var(PASSPHRASE_ENV) {
        return Ok(Zeroizing::new(text));
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::invalid(
            "passphrase",
            format!("set {PASSPHRASE_ENV} or run in a terminal to be asked for it"),
        )
        .into());
    }
    let first = Zeroizing::new(
        rpassword::prompt_password("Backup passphrase: ")
            .map_err(|_| Error::invalid("passphrase", "could not read it from the terminal"))?,
    );
    if confirm {
        let again =
            Zeroizing::new(rpassword::prompt_password("Repeat it: ").map_err(|_| {
                Error::invalid("passphrase", "could not read it from the terminal")
            })?);
        if *again != *first {
            return Err(Error::invalid("passphrase", "the two entries differ").into());
        }
    }
    Ok(first)
}

/// A percentage on stderr while a terminal is watching; nothing in JSON mode or in pipes.
struct Percent;

impl ProgressListener for Percent {
    fn on_progress(&self, done: u64, total: u64) {
        let pct = (done * 100).checked_div(total).unwrap_or(100);
        eprint!("\r{pct:3}%");
        if done >= total {
            eprint!("\r    \r");
        }
        let _ = std::io::stderr().flush();
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
    let (passphrase, source) = match std::env::var(PASSPHRASE_ENV) {
        Ok(text) => (Zeroizing::new(text), "from RESET_PASSPHRASE".to_string()),
        Err(_) => {
            let generated = generated_passphrase();
            let note = format!(
                "generated for this tour, shown once: {}\n(it is not stored anywhere — note it to try `reset backup restore`)",
                generated.as_str()
            );
            (generated, note)
        }
    };
    let summary = companion.create_backup(path_text(&out)?, passphrase.to_string(), None)?;
    let rows: u64 = summary.tables.iter().map(|t| t.rows).sum();
    tour.say(
        "Wrote an encrypted backup",
        format!(
            "file: {} ({} bytes, {rows} rows)\npassphrase: {source}\nArgon2id (64 MiB, 3 passes) + XChaCha20-Poly1305; restore with\n`RESET_PASSPHRASE=… reset backup restore {}`",
            out.display(),
            summary.bytes,
            out.display()
        ),
        json!({"path": out.display().to_string(), "bytes": summary.bytes, "tables": tables_json(&summary.tables)}),
    );
    Ok(())
}

/// Five groups of five letters and digits (about 124 bits), easy to read aloud and type.
fn generated_passphrase() -> Zeroizing<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let mut out = Zeroizing::new(String::with_capacity(29));
    for group in 0..5 {
        if group > 0 {
            out.push('-');
        }
        for _ in 0..5 {
            let i = (rng.next_u32() as usize) % ALPHABET.len();
            out.push(char::from(ALPHABET[i]));
        }
    }
    out
}
