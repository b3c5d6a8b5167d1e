//! Errors: a rich internal [`Error`] used everywhere inside the core, and the small public
//! [`ResetError`] whose variants are the cases an app can act on (DESIGN §4).
//!
//! Two tiers, as in application-services: the internal error keeps what caused it (SQLite's
//! error, the I/O error, the JSON error as `#[source]`) and names distinct causes distinctly
//! (the database key is not the backup passphrase); [`to_public`] is the one place that maps
//! it to the public error, and nothing rewords an error after that. The list of public kinds
//! is written once, in the [`public_errors!`] table below.
//!
//! Must never: carry user content. Messages name fields, ids and limits — never journal text,
//! answers or moods — because they end up in logs, crash reports and the CLI's stderr.

use rusqlite::ErrorCode;

/// The core's internal error. Convert to [`ResetError`] at the API edge ([`to_public`]).
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value supplied by the caller failed validation; `field` names it.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// JSON supplied by the caller did not decode (serde_json quotes at most a type or a
    /// position, never the input text).
    #[error("invalid json: {source}")]
    Json {
        #[source]
        source: serde_json::Error,
    },
    /// The thing asked for does not exist.
    #[error("{what} not found")]
    NotFound { what: String },
    /// The request contradicts the current state (a locked step, a duplicate rule…).
    #[error("{reason}")]
    Conflict { reason: String },
    /// The database key does not decrypt the profile (or the file is not a Reset Companion database).
    #[error("the key does not open this database")]
    WrongKey,
    /// The passphrase does not open a backup (its key check did not match).
    #[error("the passphrase does not open this backup")]
    WrongPassphrase,
    /// The recovery key does not open an automatic backup (its key check did not match).
    #[error("the recovery key does not open this backup")]
    WrongRecoveryKey,
    /// The secret given is of the other kind than the one the backup needs.
    #[error("this backup opens only with {needs}")]
    WrongBackupSecret { needs: &'static str },
    /// A file failed its integrity checks.
    #[error("corrupt: {reason}")]
    Corrupt { reason: String },
    /// A database or file written by a newer version of the app.
    #[error("{what} version {found} is newer than this build supports ({supported})")]
    UnsupportedVersion {
        what: &'static str,
        found: i64,
        supported: i64,
    },
    /// The file system or storage failed for a reason the core itself detected.
    #[error("storage: {reason}")]
    Storage { reason: String },
    /// SQLite failed; `kind` is what its code means (full, busy, corrupt, …), `reason` a safe
    /// summary. rusqlite's error is kept as the source (its text names tables, columns and
    /// constraints, never bound values).
    #[error("{}: {reason}", kind.as_str().replace('_', " "))]
    Sqlite {
        kind: ErrorKind,
        reason: String,
        #[source]
        source: rusqlite::Error,
    },
    /// The file system failed. Only the error's kind is shown (a path could appear in the
    /// source's text; paths are ours, but shared logs get the kind alone).
    #[error("storage: file system: {}", source.kind())]
    Io {
        #[source]
        source: std::io::Error,
    },
    /// A bug: an invariant the code relies on did not hold.
    #[error("internal: {reason}")]
    Internal { reason: String },
}

/// Shorthand used across the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// An [`Error::InvalidInput`] for `field`.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// An [`Error::NotFound`] describing `what`.
    pub fn not_found(what: impl Into<String>) -> Self {
        Error::NotFound { what: what.into() }
    }

    /// An [`Error::Conflict`] with a user-safe explanation.
    pub fn conflict(reason: impl Into<String>) -> Self {
        Error::Conflict {
            reason: reason.into(),
        }
    }

    /// An [`Error::Internal`] for a broken invariant.
    pub fn internal(reason: impl Into<String>) -> Self {
        Error::Internal {
            reason: reason.into(),
        }
    }

    /// The stable kind shared by the FFI, the CLI's JSON and the docs.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } | Error::Json { .. } => ErrorKind::InvalidInput,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::WrongKey
            | Error::WrongPassphrase
            | Error::WrongRecoveryKey
            | Error::WrongBackupSecret { .. } => ErrorKind::WrongKey,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::UnsupportedVersion { .. } => ErrorKind::UnsupportedVersion,
            Error::Storage { .. } | Error::Io { .. } => ErrorKind::Storage,
            Error::Sqlite { kind, .. } => *kind,
            Error::Internal { .. } => ErrorKind::Internal,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        let sqlite = |kind: ErrorKind, reason: String, source| Error::Sqlite {
            kind,
            reason,
            source,
        };
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                ErrorCode::NotADatabase => Error::WrongKey,
                ErrorCode::DatabaseCorrupt => sqlite(ErrorKind::Corrupt, e.to_string(), e),
                ErrorCode::DiskFull => sqlite(ErrorKind::Storage, "the disk is full".into(), e),
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => sqlite(
                    ErrorKind::Storage,
                    "the database is busy in another process".into(),
                    e,
                ),
                ErrorCode::ReadOnly => {
                    sqlite(ErrorKind::Storage, "the database is read-only".into(), e)
                }
                ErrorCode::CannotOpen => sqlite(
                    ErrorKind::Storage,
                    "the database file cannot be opened".into(),
                    e,
                ),
                ErrorCode::SystemIoFailure => {
                    sqlite(ErrorKind::Storage, "an I/O error occurred".into(), e)
                }
                ErrorCode::PermissionDenied => {
                    sqlite(ErrorKind::Storage, "permission denied".into(), e)
                }
                _ => sqlite(ErrorKind::Storage, e.to_string(), e),
            },
            rusqlite::Error::QueryReturnedNoRows => Error::not_found("record"),
            _ => sqlite(ErrorKind::Internal, format!("sqlite: {e}"), e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        Error::Io { source }
    }
}

impl From<serde_json::Error> for Error {
    fn from(source: serde_json::Error) -> Self {
        Error::Json { source }
    }
}

/// A name the person supplied (a JSON key, say), fit to appear in an error: control, bidi
/// and zero-width characters (ESC included) become `\u{…}` escapes and it is cut to 40
/// characters, so no terminal sequence and no long text reaches stderr or a log.
pub fn shown_name(name: &str) -> String {
    const MAX: usize = 40;
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if i == MAX {
            out.push('…');
            break;
        }
        push_shown(&mut out, c);
    }
    out
}

/// Pushes `c` onto `out`, or its `\u{…}` escape when it is a control, bidi or zero-width
/// character — the one rule for every name and path a message shows.
pub fn push_shown(out: &mut String, c: char) {
    let hidden = c.is_control()
        || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}' | '\u{feff}');
    if hidden {
        out.push_str(&format!("\\u{{{:04x}}}", c as u32));
    } else {
        out.push(c);
    }
}

/// The one mapping from the internal error to the public one. The public `reason` is the
/// internal error's message (for `InvalidInput`, the field and the reason apart), so the
/// CLI, Swift and Kotlin all show the same words; nothing rewords it afterwards.
pub fn to_public(e: Error) -> ResetError {
    let reason = e.to_string();
    match e {
        Error::InvalidInput { field, reason } => ResetError::InvalidInput { field, reason },
        // serde's own message can quote a value or a key the person wrote: only the kind of
        // problem and its position are shown.
        Error::Json { source } => ResetError::InvalidInput {
            field: "json".into(),
            reason: format!(
                "{} at line {}, column {}",
                match source.classify() {
                    serde_json::error::Category::Data => "does not have the expected shape",
                    serde_json::error::Category::Eof => "ends too early",
                    _ => "is not valid JSON",
                },
                source.line(),
                source.column()
            ),
        },
        other => ResetError::of_kind(other.kind(), reason),
    }
}

impl From<Error> for ResetError {
    fn from(e: Error) -> Self {
        to_public(e)
    }
}

/// The public kinds, written once: each row makes an [`ErrorKind`] case with its snake_case
/// name and a [`ResetError`] variant with the same doc. `InvalidInput` also carries `field`.
macro_rules! public_errors {
    (
        $(#[doc = $idoc:literal])* InvalidInput = $iname:literal,
        $( $(#[doc = $doc:literal])* $kind:ident = $name:literal ),+ $(,)?
    ) => {
        /// The stable error kinds: the contract shared by Swift, Kotlin and the CLI's JSON.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
        pub enum ErrorKind {
            $(#[doc = $idoc])* InvalidInput,
            $( $(#[doc = $doc])* $kind, )+
        }

        impl ErrorKind {
            /// Every kind, in the documented order.
            pub const ALL: &'static [ErrorKind] = &[ErrorKind::InvalidInput, $( ErrorKind::$kind ),+];

            /// The snake_case name used in JSON and docs (`invalid_input`, `wrong_key`, …).
            pub fn as_str(self) -> &'static str {
                match self {
                    ErrorKind::InvalidInput => $iname,
                    $( ErrorKind::$kind => $name, )+
                }
            }
        }

        /// The one public error that crosses the FFI: a Swift `Error`, a Kotlin exception.
        ///
        /// Each variant is a case an app can act on; `reason` is safe to log (no user content).
        /// (Not `message`: Kotlin exceptions already have a `message` property.)
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
        #[cfg_attr(feature = "ffi", derive(uniffi::Error))]
        pub enum ResetError {
            $(#[doc = $idoc])*
            /// `field` names it (e.g. `answers[3]`, `time_zone`).
            #[error("invalid {field}: {reason}")]
            InvalidInput { field: String, reason: String },
            $( $(#[doc = $doc])* #[error("{reason}")] $kind { reason: String }, )+
        }

        impl ResetError {
            /// The stable kind of this error.
            pub fn kind(&self) -> ErrorKind {
                match self {
                    ResetError::InvalidInput { .. } => ErrorKind::InvalidInput,
                    $( ResetError::$kind { .. } => ErrorKind::$kind, )+
                }
            }

            /// The public error of `kind` with a safe `reason` (`InvalidInput` names no field).
            pub fn of_kind(kind: ErrorKind, reason: String) -> ResetError {
                match kind {
                    ErrorKind::InvalidInput => ResetError::InvalidInput {
                        field: String::new(),
                        reason,
                    },
                    $( ErrorKind::$kind => ResetError::$kind { reason }, )+
                }
            }
        }
    };
}

// `InvalidInput` comes first: its `ResetError` variant also carries the `field`.
public_errors! {
    /// A value failed validation; the error names the field.
    InvalidInput = "invalid_input",
    /// No such record.
    NotFound = "not_found",
    /// Contradicts the current state (e.g. a step that is still locked).
    Conflict = "conflict",
    /// The key or passphrase does not open the database or backup; nothing was changed.
    WrongKey = "wrong_key",
    /// A database or backup failed its integrity checks; nothing was changed.
    Corrupt = "corrupt",
    /// Written by a newer version of the app; refused without modification.
    UnsupportedVersion = "unsupported_version",
    /// The disk is full, the database is busy, or another I/O failure; nothing was lost.
    Storage = "storage",
    /// A bug inside the core (including a caught panic); the app should report it.
    Internal = "internal",
}

impl serde::Serialize for ErrorKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_public_variant_of_the_same_kind_and_a_distinct_name() {
        let mut names: Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        for k in ErrorKind::ALL {
            assert_eq!(ResetError::of_kind(*k, "r".into()).kind(), *k);
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
        names.dedup();
        assert_eq!(names.len(), 8);
    }

    #[test]
    fn the_database_key_and_the_backup_passphrase_are_distinct_causes_of_one_public_kind() {
        let key = to_public(Error::WrongKey);
        let pass = to_public(Error::WrongPassphrase);
        assert_eq!(
            (key.kind(), pass.kind()),
            (ErrorKind::WrongKey, ErrorKind::WrongKey)
        );
        assert_eq!(key.to_string(), "the key does not open this database");
        assert_eq!(pass.to_string(), "the passphrase does not open this backup");
    }

    #[test]
    fn sqlite_and_io_errors_keep_their_source_and_their_old_words() {
        use std::error::Error as _;
        let full = Error::from(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        ));
        assert_eq!(full.kind(), ErrorKind::Storage);
        assert_eq!(full.to_string(), "storage: the disk is full");
        assert!(full.source().is_some());
        let io = Error::from(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(io.to_string(), "storage: file system: permission denied");
        assert!(io.source().is_some());
        let json = Error::from(serde_json::from_str::<u8>("x").unwrap_err());
        assert!(
            matches!(to_public(json), ResetError::InvalidInput { ref field, .. } if field == "json")
        );
    }
}
