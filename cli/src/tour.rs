//! `reset tour`: a non-interactive walk through everything that exists, on the real profile.
//!
//! It grows with every capability. Each step prints what it did and where files went.

use serde_json::{Value, json};

use crate::Ctx;
use crate::output::{self, Output};
use reset_ffi::ResetError;

/// Runs the tour and reports each step.
pub fn run(ctx: &Ctx) -> Result<Output, ResetError> {
    let mut steps: Vec<Value> = Vec::new();
    let mut human = String::from("Reset Companion — tour\n\n");
    let mut say = |title: &str, text: String, data: Value| {
        human.push_str(&format!("• {title}\n  {}\n", text.replace('\n', "\n  ")));
        steps.push(json!({"step": title, "data": data}));
    };

    let companion = ctx.open()?;
    let status = companion.status()?;
    let key_file = crate::profile::key_path(&ctx.db);
    let key_source = if std::env::var(crate::profile::KEY_ENV).is_ok() {
        "from RESET_KEY".to_string()
    } else {
        format!("in {} (mode 0600)", key_file.display())
    };
    say(
        "Opened your encrypted profile",
        format!(
            "database: {}\nkey: {key_source}\nschema version {}, time zone {}",
            status.path, status.schema_version, status.time_zone
        ),
        output::status_json(&status),
    );

    let header = std::fs::read(&ctx.db)
        .map(|b| b.iter().take(16).copied().collect::<Vec<u8>>())
        .unwrap_or_default();
    let plain = header.starts_with(b"SQLite format 3");
    say(
        "Checked encryption at rest",
        format!(
            "the file starts with {} — {}",
            hex::encode(&header),
            if plain {
                "PLAIN SQLite (not encrypted!)"
            } else {
                "not the plain 'SQLite format 3' header: encrypted by SQLCipher"
            }
        ),
        json!({"encrypted": !plain}),
    );

    let today = companion.today()?;
    say(
        "Read the injected clock and zone",
        format!("today is {today} in {}", status.time_zone),
        json!({"today": today}),
    );

    human.push_str("\nThis app is a complement to professional care, never a replacement.\n");
    Ok(Output::new(
        json!({"database": status.path, "steps": steps}),
        human,
    ))
}
