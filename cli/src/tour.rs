//! `reset tour`: a non-interactive walk through everything that exists, on the real profile.
//!
//! It grows with every capability: each capability's CLI module adds a `tour_step` called
//! from [`run`]. Each step prints what it did and where files went.

use std::sync::Arc;

use serde_json::{Value, json};

use crate::Ctx;
use crate::output::{self, Output};
use reset_ffi::{Companion, ResetError};

/// Collects the steps of the tour in both human and JSON form.
#[derive(Default)]
pub struct Tour {
    human: String,
    steps: Vec<Value>,
}

impl Tour {
    /// Records one step: a title, a human explanation (may span lines) and its data.
    pub fn say(&mut self, title: &str, text: impl AsRef<str>, data: Value) {
        self.human.push_str(&format!(
            "• {title}\n  {}\n",
            text.as_ref().replace('\n', "\n  ")
        ));
        self.steps.push(json!({"step": title, "data": data}));
    }
}

/// Runs the tour and reports each step.
pub fn run(ctx: &Ctx) -> Result<Output, ResetError> {
    let mut tour = Tour::default();
    let companion = ctx.open()?;
    foundation(ctx, &companion, &mut tour)?;
    crate::cmd::journal::tour_step(&companion, &mut tour)?;
    crate::cmd::assess::tour_step(&companion, &mut tour)?;
    crate::cmd::programme::tour_step(&companion, &mut tour)?;
    crate::cmd::remind::tour_step(&companion, &mut tour)?;
    crate::cmd::export::tour_step(&companion, &mut tour)?;
    crate::cmd::backup::tour_step(&companion, &mut tour)?;

    let status = companion.status()?;
    tour.say(
        "Where everything is",
        format!("profile: {}", status.path),
        output::status_json(&status),
    );
    let mut human = String::from("Reset Companion — tour\n\n");
    human.push_str(&tour.human);
    human.push_str("\nThis app is a complement to professional care, never a replacement.\n");
    Ok(Output::new(
        json!({"database": status.path, "steps": tour.steps}),
        human,
    ))
}

fn foundation(ctx: &Ctx, companion: &Arc<Companion>, tour: &mut Tour) -> Result<(), ResetError> {
    let status = companion.status()?;
    let key_source = if std::env::var(crate::profile::KEY_ENV).is_ok() {
        "from RESET_KEY".to_string()
    } else {
        format!(
            "in {} (mode 0600)",
            crate::profile::key_path(&ctx.db).display()
        )
    };
    tour.say(
        "Opened your encrypted profile",
        format!(
            "database: {}\nkey: {key_source}\nschema version {}, time zone {}",
            status.path, status.schema_version, status.time_zone
        ),
        json!({"path": status.path, "schema_version": status.schema_version}),
    );

    let header: Vec<u8> = std::fs::read(&ctx.db)
        .map(|b| b.into_iter().take(16).collect())
        .unwrap_or_default();
    let plain = header.starts_with(b"SQLite format 3");
    tour.say(
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
    tour.say(
        "Read the injected clock and zone",
        format!("today is {today} in {}", status.time_zone),
        json!({"today": today, "time_zone": status.time_zone}),
    );
    Ok(())
}
