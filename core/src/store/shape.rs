//! What a file on disk evidently is, told from its size and first bytes alone — never by
//! opening it as a database, so looking changes nothing.
//!
//! Three decisions rest on it: the output guard refuses to replace anything that has the shape
//! of a profile or a backup (`outfile`), `erase` deletes only what has the shape of an
//! encrypted profile, and a `--db` that is not a database at all is reported as `corrupt`
//! rather than as a wrong key (an encrypted database and random bytes cannot be told apart,
//! anything else can).
//!
//! Must never: read more than the first bytes of a file, follow a symlink, or block on a pipe.

use std::path::Path;

/// SQLite's plaintext header; an encrypted (SQLCipher) database starts with a random salt.
pub const PLAIN_SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Every database page size is a multiple of this, so a database file always is too.
const MIN_PAGE: u64 = 512;

/// What a regular file evidently is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileShape {
    /// No bytes at all.
    Empty,
    /// A plaintext SQLite database ("SQLite format 3").
    PlainSqlite,
    /// An encrypted backup (`RCBACKUP` magic).
    Backup,
    /// A SQLite write-ahead log (its magic number).
    WriteAheadLog,
    /// Something else recognisable by its first bytes; names what (a PDF, a zip, a text file).
    Other(&'static str),
    /// Whole database pages with no recognisable header: the shape of an encrypted database
    /// (SQLCipher's pages look random; random bytes of that size look the same).
    Pages,
    /// Binary data that is not whole pages.
    NotPages,
}

impl FileShape {
    /// Why a file of this shape cannot be an encrypted profile, or `None` when it can be.
    pub fn not_a_profile(self) -> Option<&'static str> {
        Some(match self {
            FileShape::Pages => return None,
            FileShape::Empty => "it is empty",
            FileShape::PlainSqlite => "it is a plaintext SQLite database, not an encrypted profile",
            FileShape::Backup => "it is an encrypted backup; restore it with `backup restore`",
            FileShape::WriteAheadLog => "it is a database's write-ahead log",
            FileShape::Other(what) => what,
            FileShape::NotPages => "its size is not whole database pages",
        })
    }
}

/// The shape of the regular file at `path` (a symlink is not followed: it is `None`, as is a
/// folder, pipe, device or a file that cannot be read).
pub fn of(path: &Path) -> Option<FileShape> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.file_type().is_file() {
        return None;
    }
    if meta.len() == 0 {
        return Some(FileShape::Empty);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let mut head = [0u8; 16];
    let mut read = 0;
    let mut file = options.open(path).ok()?;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(classify(&head[..read], meta.len()))
}

/// The shape of a file of `len` bytes that starts with `head` (up to 16 bytes).
pub fn classify(head: &[u8], len: u64) -> FileShape {
    if len == 0 {
        return FileShape::Empty;
    }
    if head.starts_with(PLAIN_SQLITE_HEADER) {
        return FileShape::PlainSqlite;
    }
    if head.starts_with(crate::backup::MAGIC) {
        return FileShape::Backup;
    }
    if head.starts_with(&[0x37, 0x7f, 0x06, 0x82]) || head.starts_with(&[0x37, 0x7f, 0x06, 0x83]) {
        return FileShape::WriteAheadLog;
    }
    for (magic, what) in [
        (&b"%PDF-"[..], "it is a PDF"),
        (&b"PK\x03\x04"[..], "it is a zip"),
        (&b"PK\x05\x06"[..], "it is a zip"),
        (&b"\xEF\xBB\xBF"[..], "it is a text file"),
    ] {
        if head.starts_with(magic) {
            return FileShape::Other(what);
        }
    }
    // Text: SQLCipher's first 16 bytes are a random salt, all printable about once in ten
    // million files.
    let text = head.len() == 16
        && head
            .iter()
            .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
    if text || (len < 16 && head.iter().all(|b| b.is_ascii() && *b != 0)) {
        return FileShape::Other("it is a text file");
    }
    if len.is_multiple_of(MIN_PAGE) {
        FileShape::Pages
    } else {
        FileShape::NotPages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_is_told_from_its_first_bytes_and_size() {
        let random = [0x8fu8, 3, 200, 17, 0, 99, 250, 1, 2, 3, 4, 5, 6, 7, 8, 9];
        assert_eq!(classify(&random, 0), FileShape::Empty);
        assert_eq!(classify(&random, 4096), FileShape::Pages);
        assert_eq!(classify(&random, 4097), FileShape::NotPages);
        assert_eq!(classify(b"SQLite format 3\0", 4096), FileShape::PlainSqlite);
        assert_eq!(
            classify(b"RCBACKUP\x01\x00\x00\x00", 4096),
            FileShape::Backup
        );
        assert_eq!(
            classify(&[0x37, 0x7f, 0x06, 0x82, 0, 0], 4152),
            FileShape::WriteAheadLog
        );
        assert_eq!(
            classify(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0", 1024),
            FileShape::Other("it is a PDF")
        );
        assert_eq!(
            classify(b"{\n  \"format\": \"r", 1024),
            FileShape::Other("it is a text file")
        );
        assert_eq!(classify(b"hi\n", 3), FileShape::Other("it is a text file"));
        assert!(FileShape::Pages.not_a_profile().is_none());
        assert!(FileShape::Backup.not_a_profile().is_some());
    }
}
