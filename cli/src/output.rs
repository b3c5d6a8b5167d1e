//! Printing: human text by default, JSON with `--json`, and the error contract on stderr.

use std::path::PathBuf;

use reset_core::{ErrorKind, ResetError};
use reset_ffi::Status;
use serde_json::{Value, json};

/// What a command produced, in both forms.
pub struct Output {
    pub json: Value,
    pub human: String,
    /// A file that is useless unless this output is seen — a backup sealed with a generated
    /// passphrase that is printed here and stored nowhere. If the output cannot be written
    /// out, the file is deleted and the command fails ([`Output::print`]).
    pub shown_once: Option<ShownOnce>,
}

/// A file written under a staging name that becomes `target` only once its output was seen.
pub struct ShownOnce {
    /// Where the file was written (beside `target`).
    pub staged: PathBuf,
    /// Where it goes after the output was written out: what was at this path before stays
    /// untouched until then, so a failed output loses nothing (hostile review 3, F4).
    pub target: PathBuf,
    /// The profile whose output guard the target passes again just before the rename.
    pub profile: PathBuf,
}

impl Output {
    /// Pairs the JSON value with its human rendering.
    pub fn new(json: Value, human: impl Into<String>) -> Self {
        Output {
            json,
            human: human.into(),
            shown_once: None,
        }
    }

    /// Prints one form to stdout. A closed pipe (`reset … | head`) ends output quietly
    /// instead of panicking, like other Unix tools — unless the output holds something shown
    /// once ([`Output::shown_once`]): then a write that fails (a full disk, a closed pipe) or
    /// goes nowhere (stdout closed or `/dev/null`) deletes that file and is a `storage` error.
    pub fn print(&self, as_json: bool) -> Result<(), ResetError> {
        use std::io::Write;
        let text = if as_json {
            serde_json::to_string_pretty(&self.json).unwrap_or_else(|_| "null".into()) + "\n"
        } else {
            self.human.clone()
        };
        let mut stdout = std::io::stdout().lock();
        let written = stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush());
        let Some(once) = &self.shown_once else {
            return Ok(());
        };
        if written.is_ok() && stdout_can_show().is_ok() {
            // Seen: only now does the new file take the target's place.
            let checked = reset_core::outfile::check_target(
                &once.profile,
                &once.target,
                "out",
                reset_core::outfile::Writing::Backup,
            )
            .map_err(ResetError::from)
            .and_then(|target| {
                std::fs::rename(&once.staged, target)
                    .map_err(|e| ResetError::from(reset_core::Error::from(e)))
            });
            return match checked {
                Ok(()) => {
                    if let Some(dir) = once.target.parent() {
                        reset_core::outfile::sync_folder(dir);
                    }
                    Ok(())
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&once.staged);
                    Err(e)
                }
            };
        }
        let removed = std::fs::remove_file(&once.staged).is_ok();
        Err(reset_core::Error::Storage {
            reason: format!(
                "the generated passphrase could not be written to standard output (closed, full or a pipe that was closed), so the backup sealed with it {}; anything already at the --out path was left as it was",
                if removed {
                    "was deleted; run the command again with standard output on a terminal or a file"
                } else {
                    "could not be deleted: it cannot be opened by anyone, delete it"
                }
            ),
        }
        .into())
    }
}

/// Refuses, before anything is written, a standard output that shows nothing: closed (`>&-`,
/// which the Rust runtime points at `/dev/null`) or `/dev/null` itself. For output that is
/// shown once and stored nowhere (a generated passphrase).
pub fn stdout_can_show() -> Result<(), ResetError> {
    use std::os::fd::AsFd;
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let null = std::fs::metadata("/dev/null").ok();
    let out = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .and_then(|fd| std::fs::File::from(fd).metadata().ok());
    // A descriptor open only for reading (`1<file`) takes nothing, yet Rust's stdout swallows
    // the EBADF, so a zero-length write asks the kernel directly (hostile review 3, F5).
    let read_only = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .ok()
        .map(std::fs::File::from)
        .is_some_and(|mut f| {
            use std::io::Write;
            f.write(&[])
                .is_err_and(|e| e.raw_os_error() == Some(9 /* EBADF */))
        });
    let goes_nowhere = read_only
        || match (out, null) {
            (None, _) => true,
            (Some(out), Some(null)) => {
                out.file_type().is_char_device() && out.rdev() == null.rdev()
            }
            (Some(_), None) => false,
        };
    if goes_nowhere {
        return Err(reset_core::Error::invalid(
            "generate_passphrase",
            "standard output is closed, read-only or /dev/null, so the generated passphrase would be lost; nothing was written",
        )
        .into());
    }
    Ok(())
}

/// A path as printed in a message: control characters (a newline, ESC) and invisible
/// text-direction controls escaped (`\u{000a}`), so a path can never break or forge a line.
pub fn shown_path(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        reset_core::error::push_shown(&mut out, c);
    }
    out
}

/// A one-line message on stderr; with `--json` also `{"error":{"kind":…,"message":…}}`
/// (and `"field"` for `invalid_input`). The kind is printed once: a message that begins
/// with its own kind (`corrupt: …`) loses that prefix. A closed or broken stderr is ignored:
/// the exit code still tells the caller.
pub fn print_error(kind: ErrorKind, field: Option<&str>, message: &str, as_json: bool) {
    use std::io::Write;
    let message = message
        .strip_prefix(kind.as_str())
        .and_then(|m| m.strip_prefix(": "))
        .unwrap_or(message);
    let mut text = format!("reset: {}: {message}\n", kind.as_str());
    if as_json {
        let mut error = json!({"kind": kind.as_str(), "message": message});
        if let Some(field) = field {
            error["field"] = json!(field);
        }
        text.push_str(&format!("{}\n", json!({ "error": error })));
    }
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// [`print_error`] for a [`ResetError`].
pub fn print_reset_error(e: &ResetError, as_json: bool) {
    let field = match e {
        ResetError::InvalidInput { field, .. } => Some(field.as_str()),
        _ => None,
    };
    print_error(e.kind(), field, &e.to_string(), as_json);
}

/// The `status --json` shape: path, schema version, zone and counts.
pub fn status_json(s: &Status) -> Value {
    let counts: serde_json::Map<String, Value> = s
        .counts
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({
        "path": s.path,
        "schema_version": s.schema_version,
        "time_zone": s.time_zone,
        "counts": counts,
    })
}

/// With `RESET_REPORT_PEAK_RSS` set, one more stderr line at exit: `reset: peak_rss_kib=N`,
/// the process's resident-memory high-water mark (`VmHWM`, Linux). The memory-bound tests
/// read it: a parent's `wait4` figure also counts the parent's own memory, because a spawned
/// child shares the parent's address space until it execs.
pub fn report_peak_memory() {
    use std::io::Write;
    if std::env::var_os("RESET_REPORT_PEAK_RSS").is_none() {
        return;
    }
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        });
    if let Some(kib) = peak {
        let _ = writeln!(std::io::stderr().lock(), "reset: peak_rss_kib={kib}");
    }
}
