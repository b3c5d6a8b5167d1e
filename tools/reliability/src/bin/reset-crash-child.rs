//! The process the crash harness kills. Opens a profile through the real `Companion`
//! facade and works, printing the protocol lines of [`reset_reliability::workload`].
//!
//! Usage:
//!   reset-crash-child writes  <db> <key-hex> <first-op> <max-ops> <all|appends>
//!   reset-crash-child restore <db> <key-hex> <backup> <passphrase>
//!   reset-crash-child migrate <db> <key-hex>
//!   reset-crash-child auto-backup <db> <key-hex> <folder> <recovery-key> <now-unix-ms>
//!   reset-crash-child rotate <db> <key-hex> <folder> <key-file> <pending-key-file> <now-unix-ms>
//!
//! Exits 0 after `DONE`; 2 with the error kind on stderr if a call fails.

use std::sync::Arc;

use reset_reliability::workload::{self, Mix, SteppingClock, say, say_ack};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Err(e) = run(&args) {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn key(hex_text: &str) -> Result<Vec<u8>, String> {
    (0..hex_text.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(hex_text.get(i..i + 2).unwrap_or("x"), 16).map_err(|e| e.to_string())
        })
        .collect()
}

fn run(args: &[String]) -> Result<(), String> {
    let arg = |i: usize| {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| format!("missing argument {i}"))
    };
    let (mode, db, key) = (arg(0)?, std::path::PathBuf::from(arg(1)?), key(arg(2)?)?);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let clock = Arc::new(SteppingClock::default());
    let err = |e: reset_ffi::ResetError| format!("{}: {e}", e.kind().as_str());
    match mode {
        "writes" => {
            let first: u64 = arg(3)?.parse().map_err(|_| "first-op")?;
            let max: u64 = arg(4)?.parse().map_err(|_| "max-ops")?;
            let mix = if arg(5)? == "appends" {
                Mix::Appends
            } else {
                Mix::All
            };
            clock.at_op(first);
            let c = workload::open(&db, &key, clock.clone()).map_err(err)?;
            say(&mut out, "OPEN");
            for n in first..first + max {
                clock.at_op(n);
                let ack = workload::op(&c, n, mix).map_err(err)?;
                say_ack(&mut out, &ack);
            }
        }
        "restore" => {
            let c = workload::open(&db, &key, clock.clone()).map_err(err)?;
            say(&mut out, "OPEN");
            c.restore_backup(arg(3)?.into(), arg(4)?.into(), None)
                .map_err(err)?;
            say(&mut out, "RESTORED");
        }
        "migrate" => {
            let c = workload::open(&db, &key, clock.clone()).map_err(err)?;
            say(
                &mut out,
                &format!("OPEN {}", c.status().map_err(err)?.schema_version),
            );
        }
        "auto-backup" => {
            let now: i64 = arg(5)?.parse().map_err(|_| "now")?;
            let at = reset_core::time::from_unix_ms(now, "now").map_err(|e| e.to_string())?;
            let fixed = Arc::new(reset_core::time::FixedClock(at));
            let c = workload::open(&db, &key, fixed).map_err(err)?;
            say(&mut out, "OPEN");
            let run = c
                .run_auto_backup_if_due(arg(3)?.into(), arg(4)?.into())
                .map_err(err)?;
            if let Some(file) = run.file {
                say(&mut out, &format!("WRITTEN {}", file.name));
            }
        }
        "rotate" => {
            // What a shell does: prepare, store the new key as pending, commit, promote it.
            let now: i64 = arg(6)?.parse().map_err(|_| "now")?;
            let at = reset_core::time::from_unix_ms(now, "now").map_err(|e| e.to_string())?;
            let fixed = Arc::new(reset_core::time::FixedClock(at));
            let (folder, key_file, pending_file) = (arg(3)?, arg(4)?, arg(5)?);
            let c = workload::open(&db, &key, fixed).map_err(err)?;
            say(&mut out, "OPEN");
            let current = std::fs::read_to_string(key_file).map_err(|e| e.to_string())?;
            let current = current.trim().to_string();
            let prepared = c
                .prepare_recovery_key_rotation(folder.into(), current.clone())
                .map_err(err)?;
            say(&mut out, "PREPARED");
            write_synced(pending_file, &prepared.recovery_key)?;
            say(&mut out, "STORED");
            c.commit_recovery_key_rotation(folder.into(), current, prepared.recovery_key)
                .map_err(err)?;
            say(&mut out, "COMMITTED");
            std::fs::rename(pending_file, key_file).map_err(|e| e.to_string())?;
            sync_parent(key_file);
            say(&mut out, "PROMOTED");
        }
        other => return Err(format!("unknown mode {other}")),
    }
    say(&mut out, "DONE");
    Ok(())
}

/// Writes `text` to `path` as a shell stores a key: a temporary file, synced, renamed in.
fn write_synced(path: &str, text: &str) -> Result<(), String> {
    use std::io::Write;
    let temp = format!("{path}.new");
    let mut f = std::fs::File::create(&temp).map_err(|e| e.to_string())?;
    f.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
    f.sync_all().map_err(|e| e.to_string())?;
    std::fs::rename(&temp, path).map_err(|e| e.to_string())?;
    sync_parent(path);
    Ok(())
}

fn sync_parent(path: &str) {
    if let Some(dir) = std::path::Path::new(path).parent() {
        reset_core::outfile::sync_folder(dir);
    }
}
