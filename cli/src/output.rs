//! Printing: human text by default, JSON with `--json`, and the error contract on stderr.

use reset_core::ErrorKind;
use reset_ffi::Status;
use serde_json::{Value, json};

/// What a command produced, in both forms.
pub struct Output {
    pub json: Value,
    pub human: String,
}

impl Output {
    /// Pairs the JSON value with its human rendering.
    pub fn new(json: Value, human: impl Into<String>) -> Self {
        Output {
            json,
            human: human.into(),
        }
    }

    /// Prints one form to stdout. A closed pipe (`reset … | head`) ends output quietly
    /// instead of panicking, like other Unix tools.
    pub fn print(&self, as_json: bool) {
        use std::io::Write;
        let text = if as_json {
            serde_json::to_string_pretty(&self.json).unwrap_or_else(|_| "null".into()) + "\n"
        } else {
            self.human.clone()
        };
        let _ = std::io::stdout().lock().write_all(text.as_bytes());
    }
}

/// A one-line message on stderr; with `--json` also `{"error":{"kind":…,"message":…}}`.
pub fn print_error(kind: ErrorKind, message: &str, as_json: bool) {
    eprintln!("reset: {}: {message}", kind.as_str());
    if as_json {
        eprintln!(
            "{}",
            json!({"error": {"kind": kind.as_str(), "message": message}})
        );
    }
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
