//! Reading what a person supplies beyond a flag's value: files (`--input F.json`, `programme
//! validate FILE`) and standard input (`--note -`, `--text -`, `--input -`).
//!
//! Sensitive free text can come from standard input because command-line arguments are
//! visible to every other process on the machine (`ps`, `/proc/<pid>/cmdline`) and are kept
//! in shell history. Everything read is capped at [`MAX_INPUT_BYTES`] before it is read in
//! full, so `--input /dev/zero` is refused instead of filling memory.

use std::ffi::OsString;
use std::io::Read;
use std::path::Path;

use reset_core::{Error, ResetError};

/// The most any one input may hold: 1 MiB, far more than any entry or content pack.
pub const MAX_INPUT_BYTES: u64 = 1 << 20;

/// The flag value that means "read it from standard input".
pub const STDIN: &str = "-";

/// A flag's text, or standard input's when the value is `-` (one trailing newline dropped).
pub fn text(field: &str, value: &OsString) -> Result<String, ResetError> {
    if value == STDIN {
        let bytes = capped(field, std::io::stdin().lock())?;
        let mut text = String::from_utf8(bytes)
            .map_err(|_| Error::invalid(field, "standard input is not valid UTF-8"))?;
        if text.ends_with('\n') {
            text.pop();
            if text.ends_with('\r') {
                text.pop();
            }
        }
        return Ok(text);
    }
    value
        .clone()
        .into_string()
        .map_err(|_| Error::invalid(field, "is not valid UTF-8").into())
}

/// The bytes of `path` (standard input for `-`), at most [`MAX_INPUT_BYTES`], without a
/// leading UTF-8 byte-order mark (editors on Windows add one; JSON parsers refuse it).
pub fn file(field: &str, path: &Path) -> Result<Vec<u8>, ResetError> {
    let mut bytes = file_raw(field, path)?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    Ok(bytes)
}

fn file_raw(field: &str, path: &Path) -> Result<Vec<u8>, ResetError> {
    if path.as_os_str() == STDIN {
        return capped(field, std::io::stdin().lock());
    }
    let meta =
        std::fs::metadata(path).map_err(|_| Error::invalid(field, "cannot read that file"))?;
    if meta.is_dir() {
        return Err(Error::invalid(field, "is a folder, not a file").into());
    }
    // A FIFO or device would block or never end on open/read: refuse it before opening (use
    // `-` to read standard input).
    if !meta.is_file() {
        return Err(Error::invalid(
            field,
            "is not a regular file (use - to read standard input)",
        )
        .into());
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_large(field));
    }
    let f =
        std::fs::File::open(path).map_err(|_| Error::invalid(field, "cannot read that file"))?;
    capped(field, f)
}

fn capped(field: &str, reader: impl Read) -> Result<Vec<u8>, ResetError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| Error::invalid(field, "could not be read"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(field));
    }
    Ok(bytes)
}

fn too_large(field: &str) -> ResetError {
    Error::invalid(field, "is larger than 1 MiB; nothing was read in full").into()
}
