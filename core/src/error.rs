//! Errors: a rich internal [`Error`] used everywhere inside the core, and the small public
//! [`ResetError`] whose variants are the cases an app can act on (DESIGN §4).
//!
//! Must never: carry user content. Messages name fields, ids and limits — never journal text,
//! answers or moods — because they end up in logs, crash reports and the CLI's stderr.

use rusqlite::ErrorCode;

/// The core's internal error. Convert to [`ResetError`] at the API edge.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value supplied by the caller failed validation; `field` names it.
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// The thing asked for does not exist.
    #[error("{what} not found")]
    NotFound { what: String },
    /// The request contradicts the current state (a locked step, a duplicate rule…).
    #[error("{reason}")]
    Conflict { reason: String },
    /// The key does not decrypt the database (or the file is not a Reset Companion database).
    #[error("the key does not open this database")]
    WrongKey,
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
    /// SQLite or the file system failed (disk full, busy past the retry budget, I/O error).
    #[error("storage: {reason}")]
    Storage { reason: String },
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

    /// The stable kind string shared by the FFI, the CLI's JSON and the docs.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::WrongKey => ErrorKind::WrongKey,
            Error::Corrupt { .. } => ErrorKind::Corrupt,
            Error::UnsupportedVersion { .. } => ErrorKind::UnsupportedVersion,
            Error::Storage { .. } => ErrorKind::Storage,
            Error::Internal { .. } => ErrorKind::Internal,
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        // rusqlite's messages name tables, columns and constraints, never bound values, so
        // they are safe to carry; anything else is summarised by its code.
        match &e {
            rusqlite::Error::SqliteFailure(f, _) => match f.code {
                ErrorCode::NotADatabase => Error::WrongKey,
                ErrorCode::DatabaseCorrupt => Error::Corrupt {
                    reason: e.to_string(),
                },
                ErrorCode::DiskFull => Error::Storage {
                    reason: "the disk is full".into(),
                },
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => Error::Storage {
                    reason: "the database is busy in another process".into(),
                },
                ErrorCode::ReadOnly => Error::Storage {
                    reason: "the database is read-only".into(),
                },
                ErrorCode::CannotOpen => Error::Storage {
                    reason: "the database file cannot be opened".into(),
                },
                ErrorCode::SystemIoFailure => Error::Storage {
                    reason: "an I/O error occurred".into(),
                },
                ErrorCode::PermissionDenied => Error::Storage {
                    reason: "permission denied".into(),
                },
                _ => Error::Storage {
                    reason: e.to_string(),
                },
            },
            rusqlite::Error::QueryReturnedNoRows => Error::not_found("record"),
            _ => Error::Internal {
                reason: format!("sqlite: {e}"),
            },
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        // io::Error's Display may include a path; paths are ours (database, export target),
        // never user content, but keep only the kind to be safe in shared logs.
        Error::Storage {
            reason: format!("file system: {}", e.kind()),
        }
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        // serde_json messages quote at most a type or a position, never the input text.
        Error::invalid("json", e.to_string())
    }
}

/// The stable error kinds: the contract shared by Swift, Kotlin and the CLI's JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ErrorKind {
    /// Bad input; the error names the field.
    InvalidInput,
    /// No such record.
    NotFound,
    /// Contradicts the current state.
    Conflict,
    /// The key or passphrase is wrong.
    WrongKey,
    /// A file failed integrity checks.
    Corrupt,
    /// Written by a newer version.
    UnsupportedVersion,
    /// Storage or file-system failure.
    Storage,
    /// A bug in the core.
    Internal,
}

impl ErrorKind {
    /// The snake_case name used in JSON and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::NotFound => "not_found",
            ErrorKind::Conflict => "conflict",
            ErrorKind::WrongKey => "wrong_key",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::UnsupportedVersion => "unsupported_version",
            ErrorKind::Storage => "storage",
            ErrorKind::Internal => "internal",
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
    /// A value failed validation; `field` names it (e.g. `answers[3]`, `time_zone`).
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// The record asked for does not exist.
    #[error("{reason}")]
    NotFound { reason: String },
    /// The request contradicts the current state (e.g. a step that is still locked).
    #[error("{reason}")]
    Conflict { reason: String },
    /// The key or passphrase does not open the database or backup; nothing was changed.
    #[error("{reason}")]
    WrongKey { reason: String },
    /// A database or backup failed its integrity checks; nothing was changed.
    #[error("{reason}")]
    Corrupt { reason: String },
    /// Written by a newer version of the app; refused without modification.
    #[error("{reason}")]
    UnsupportedVersion { reason: String },
    /// The disk is full, the database is busy, or another I/O failure; nothing was lost.
    #[error("{reason}")]
    Storage { reason: String },
    /// A bug inside the core (including a caught panic); the app should report it.
    #[error("{reason}")]
    Internal { reason: String },
}

impl ResetError {
    /// The stable kind of this error.
    pub fn kind(&self) -> ErrorKind {
        match self {
            ResetError::InvalidInput { .. } => ErrorKind::InvalidInput,
            ResetError::NotFound { .. } => ErrorKind::NotFound,
            ResetError::Conflict { .. } => ErrorKind::Conflict,
            ResetError::WrongKey { .. } => ErrorKind::WrongKey,
            ResetError::Corrupt { .. } => ErrorKind::Corrupt,
            ResetError::UnsupportedVersion { .. } => ErrorKind::UnsupportedVersion,
            ResetError::Storage { .. } => ErrorKind::Storage,
            ResetError::Internal { .. } => ErrorKind::Internal,
        }
    }
}

impl From<Error> for ResetError {
    fn from(e: Error) -> Self {
        let reason = e.to_string();
        match e {
            Error::InvalidInput { field, reason } => ResetError::InvalidInput { field, reason },
            Error::NotFound { .. } => ResetError::NotFound { reason },
            Error::Conflict { .. } => ResetError::Conflict { reason },
            Error::WrongKey => ResetError::WrongKey { reason },
            Error::Corrupt { .. } => ResetError::Corrupt { reason },
            Error::UnsupportedVersion { .. } => ResetError::UnsupportedVersion { reason },
            Error::Storage { .. } => ResetError::Storage { reason },
            Error::Internal { .. } => ResetError::Internal { reason },
        }
    }
}
