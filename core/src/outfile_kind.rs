//! What the output guard will not replace, whichever profile it belongs to: the rule behind
//! `--out` (hostile review F1) and behind the CSV export's refusal of a profile's folder (F10).
//!
//! The guard knows the open profile's own files by path and inode; this module recognises
//! every other profile's and the product's own files by name and shape, so a mistyped `--out`
//! can never destroy another profile (the default one included), its key, or a backup:
//!
//! - never replaced, by anything: a file named like a key file (`*.key`) or a recovery key
//!   file (`*.recovery-key`), a side file of a database beside it (`<db>-wal`, `-shm`,
//!   `-journal`, `.lock`), a file holding a key (64 hex characters), a SQLite database
//!   (plaintext header), a write-ahead log, and a file of whole database pages with no
//!   recognisable header — the shape of an encrypted profile;
//! - an encrypted backup is replaced only by another backup (a plaintext export over it would
//!   swap the person's recovery copy for plaintext; the CLI asks for `--force` even then);
//! - anything else (an earlier export, a text file, an empty file) is replaced as before.
//!
//! Must never: read more than a few KiB of a file, or follow a symlink.

use std::path::Path;

use super::Writing;
use crate::store::shape::{self, FileShape};

/// Side files SQLite and the product keep beside a database, by suffix of its name.
const SIDE_SUFFIXES: [&str; 4] = ["-wal", "-shm", "-journal", ".lock"];

/// The largest key file the product reads (as the CLI's key loader).
const MAX_KEY_FILE: u64 = 4096;

/// Why `target` (a resolved path, existing or not) must not be written by `writing` (a
/// message for `invalid_input` on the output path), or `None` when it may be.
pub fn managed_kind(target: &Path, writing: Writing) -> Option<String> {
    let what = managed(target, writing)?;
    Some(if what.contains("backup") {
        format!("{what}; choose another name")
    } else {
        format!("{what}: the app never replaces it with an export or a backup; choose another name")
    })
}

fn managed(target: &Path, writing: Writing) -> Option<String> {
    let name = target.file_name()?.to_string_lossy().to_lowercase();
    // By name, whether or not the file exists: a new `x.key` or `x.db-wal` would be taken
    // for the key or the log of a profile beside it.
    if name.ends_with(".key") {
        return Some("is named like a profile's key file (.key)".into());
    }
    if name.ends_with(".recovery-key") || name.ends_with(".recovery-key.pending") {
        return Some("is named like a recovery key file (.recovery-key)".into());
    }
    let original = target.file_name()?.to_string_lossy().into_owned();
    for suffix in SIDE_SUFFIXES {
        if let Some(base) = original.strip_suffix(suffix)
            && !base.is_empty()
            && target.with_file_name(base).is_file()
        {
            return Some(format!(
                "is a side file ({suffix}) of the database beside it"
            ));
        }
    }
    let what = match shape::of(target)? {
        FileShape::Empty => return None,
        FileShape::PlainSqlite => "is a SQLite database (perhaps another profile)",
        FileShape::WriteAheadLog => "is a database's write-ahead log",
        FileShape::Pages => "has the shape of an encrypted database (perhaps another profile)",
        FileShape::Backup if writing == Writing::Backup => return None,
        FileShape::Backup => {
            "is an encrypted backup, which a plaintext export never replaces (a new backup may, with --force)"
        }
        FileShape::Other(_) | FileShape::NotPages if holds_a_key(target) => {
            "holds a key (64 hex characters, a profile's key file)"
        }
        FileShape::Other(_) | FileShape::NotPages if holds_key_text(target) => {
            "holds a key (a recovery key, or a saved profile key such as RESET_KEY=…)"
        }
        FileShape::Other(_) | FileShape::NotPages => return None,
    };
    Some(what.into())
}

/// True when `file` is small and holds exactly 64 hex characters (and a line end): the
/// CLI's key file, whatever its name.
fn holds_a_key(file: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(file) else {
        return false;
    };
    if !meta.is_file() || meta.len() > MAX_KEY_FILE {
        return false;
    }
    std::fs::read(file).is_ok_and(|bytes| {
        let text = bytes.trim_ascii();
        text.len() == 64 && text.iter().all(u8::is_ascii_hexdigit)
    })
}

/// True when `file` is small and its text is a recovery key as the person would keep it (the
/// README's `key.txt`: seven groups of four, any spelling the restore accepts), or holds a run
/// of exactly 64 hex characters anywhere (`0x…`, `RESET_KEY=…`): a copy of a key, which an
/// export or backup must never replace (hostile review 3, F7).
fn holds_key_text(file: &Path) -> bool {
    let Ok(meta) = std::fs::symlink_metadata(file) else {
        return false;
    };
    if !meta.is_file() || meta.len() > MAX_KEY_FILE {
        return false;
    }
    let Ok(bytes) = std::fs::read(file) else {
        return false;
    };
    let bytes = zeroize::Zeroizing::new(bytes);
    if let Ok(text) = std::str::from_utf8(&bytes)
        && crate::backup::RecoveryKey::parse(text.trim()).is_ok()
    {
        return true;
    }
    bytes
        .split(|b| !b.is_ascii_hexdigit())
        .any(|run| run.len() == 64)
}

/// True when `folder` evidently holds a profile: a key file (`*.key` holding a key), a
/// recovery key file, or the lock file of an encrypted database beside it. The CSV export
/// never writes its plaintext files into such a folder (F10: the default profile's folder).
pub fn holds_a_profile(folder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    entries.filter_map(|e| e.ok()).any(|entry| {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_lowercase();
        if name.ends_with(".recovery-key") {
            return true;
        }
        if name.ends_with(".key") {
            return holds_a_key(&path);
        }
        let original = entry.file_name().to_string_lossy().into_owned();
        original.strip_suffix(".lock").is_some_and(|base| {
            !base.is_empty() && shape::of(&path.with_file_name(base)) == Some(FileShape::Pages)
        })
    })
}
