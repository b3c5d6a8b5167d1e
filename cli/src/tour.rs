//! `reset tour`: a non-interactive walk through everything that exists, on its own demo
//! profile — never the person's.
//!
//! The demo lives in `tour/` beside the database (`profile.db` with its own `profile.key`,
//! `exports/`, `backups/` and a marker file saying what the folder is). A previous demo
//! (recognised by the marker) is erased first; a `tour/` folder without the marker is refused.
//! The invented scores therefore never reach a real profile or a therapist's report.
//!
//! It grows with every capability: each capability's CLI module adds a `tour_step` called
//! from [`run`]. Each step prints what it did and where files went; everything a step says in
//! text is in its `--json` step too (`text`), including the generated backup passphrase.

use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};
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
        self.steps
            .push(json!({"step": title, "text": text.as_ref(), "data": data}));
    }
}

/// The marker file that makes a `tour/` folder the tour's own.
pub const MARKER: &str = "TOUR-DEMO.txt";

/// Where the tour's demo profile lives for the profile at `db`: `tour/` beside it.
pub fn demo_folder(db: &Path) -> PathBuf {
    match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.join("tour"),
        _ => PathBuf::from("tour"),
    }
}

/// Runs the tour on a fresh demo profile and reports each step.
pub fn run(ctx: &Ctx) -> Result<Output, ResetError> {
    let folder = demo_folder(&ctx.db);
    let replaced = fresh_folder(&folder)?;
    let demo = Ctx {
        db: folder.join("profile.db"),
        zone: ctx.zone.clone(),
        now: ctx.now,
        key_from_env: false,
        default_db: false,
    };
    let mut tour = Tour::default();
    let companion = demo.open()?;
    tour.say(
        "Made a demo profile for this tour",
        format!(
            "folder: {}\nyour own profile ({}) is not opened or changed; {}\n`reset erase --yes --everything` removes the demo too",
            folder.display(),
            ctx.db.display(),
            if replaced {
                "the previous tour's demo was replaced"
            } else {
                "there was no earlier tour demo"
            }
        ),
        json!({"folder": folder.display().to_string(), "profile": ctx.db.display().to_string(), "replaced_previous_demo": replaced}),
    );
    foundation(&demo, &companion, &mut tour)?;
    crate::cmd::journal::tour_step(&companion, &mut tour)?;
    crate::cmd::assess::tour_step(&companion, &mut tour)?;
    crate::cmd::safety_plan::tour_step(&companion, &mut tour)?;
    crate::cmd::programme::tour_step(&companion, &mut tour)?;
    crate::cmd::remind::tour_step(&companion, &mut tour)?;
    crate::cmd::export::tour_step(&companion, &mut tour)?;
    crate::cmd::backup::tour_step(&companion, &mut tour)?;
    crate::cmd::backup_auto::tour_step(&companion, &mut tour)?;

    let status = companion.status()?;
    let mut files: Vec<String> = vec![format!("demo profile: {}", status.path)];
    for (what, sub) in [("reports", "exports"), ("backups", "backups")] {
        let dir = folder.join(sub);
        if dir.is_dir() {
            files.push(format!("demo {what}: {}", output::shown_path(&dir)));
        }
    }
    let region = companion.crisis_region(None)?;
    let real = if region.region_is_fallback {
        // Never "real" without saying whose (new-user review 3, F6).
        format!(
            "the crisis lines are real, but they are for {}, not your country: call your local emergency number first",
            region.region_name
        )
    } else {
        format!("the crisis lines are real ({})", region.region_name)
    };
    tour.say(
        "Where everything is",
        format!(
            "{}\nthe entries, scores and reminders above were invented for the demo; {real}",
            files.join("\n")
        ),
        output::status_json(&status),
    );
    let mut human = String::from("Reset Companion — tour\n\n");
    human.push_str(&tour.human);
    // What is on disk decides the sentence (new-user review 3, F3): an earlier command may
    // already have made the person's profile.
    let start = if ctx.db.exists() {
        format!(
            "To start for real: your own profile is already at {}; `reset checkin --mood 4` records in it",
            output::shown_path(&ctx.db)
        )
    } else {
        format!(
            "To start for real: `reset checkin --mood 4` makes your own encrypted profile at {}",
            output::shown_path(&ctx.db)
        )
    };
    human.push_str(&format!(
        "\n{start}\n\
         (then `reset assess take phq9`, `reset journal add --kind thought`, `reset safety-plan edit`,\n\
         and `reset backup create --out FILE` so a lost key does not lose everything).\n\
         {}\n\
         Need help now? `reset help-now` lists crisis lines for your region.\n\
         This app is a complement to professional care, never a replacement.\n",
        crate::profile::PRIVACY
    ));
    Ok(Output::new(
        json!({"database": status.path, "demo_folder": folder.display().to_string(), "steps": tour.steps}),
        human,
    ))
}

/// Prepares an empty demo folder (0700) with the marker; true when a previous demo was erased.
fn fresh_folder(folder: &Path) -> Result<bool, ResetError> {
    let io = |e: std::io::Error| ResetError::from(reset_core::Error::from(e));
    let replaced = match std::fs::symlink_metadata(folder) {
        Ok(meta) if meta.is_dir() && folder.join(MARKER).is_file() => {
            remove_demo(folder).map_err(io)?;
            true
        }
        Ok(_) => {
            return Err(reset_core::Error::conflict(format!(
                "{} exists and is not the tour's demo folder; move it away to run the tour",
                folder.display()
            ))
            .into());
        }
        Err(_) => false,
    };
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
        .map_err(io)?;
    std::fs::write(
        folder.join(MARKER),
        "Made by `reset tour`: a demo profile with invented entries, never your own.\n\
         Safe to delete; `reset erase --yes --everything` removes it.\n",
    )
    .map_err(io)?;
    Ok(replaced)
}

/// Deletes a previous demo folder: every file overwritten and unlinked, then the folders.
fn remove_demo(path: &Path) -> std::io::Result<()> {
    for entry in std::fs::read_dir(path)? {
        let entry = entry?;
        let p = entry.path();
        if entry.file_type()?.is_dir() {
            remove_demo(&p)?;
        } else if entry.file_type()?.is_file() {
            let _ = reset_core::store::erase_file(&p);
            let _ = std::fs::remove_file(&p);
        } else {
            std::fs::remove_file(&p)?;
        }
    }
    std::fs::remove_dir(path)
}

fn foundation(ctx: &Ctx, companion: &Arc<Companion>, tour: &mut Tour) -> Result<(), ResetError> {
    let status = companion.status()?;
    let key_source = format!(
        "in {} (mode 0600), made for the demo",
        crate::profile::key_path(&ctx.db).display()
    );
    tour.say(
        "Opened the encrypted demo profile",
        format!(
            "file: {}\nits key: {key_source} (without the key nobody can read the file, you included)\ntime zone: {}",
            status.path, status.time_zone
        ),
        json!({"path": status.path, "schema_version": status.schema_version}),
    );

    let header: Vec<u8> = std::fs::read(&ctx.db)
        .map(|b| b.into_iter().take(16).collect())
        .unwrap_or_default();
    let plain = header.starts_with(b"SQLite format 3");
    tour.say(
        "Checked encryption at rest",
        if plain {
            "the file is NOT encrypted: anyone who can read it can read your entries".to_string()
        } else {
            "the file is encrypted: without its key file it is unreadable bytes. The key file sits beside it,\nso anyone (or any program) using your computer account can read both; a copy of the database\nalone is unreadable".to_string()
        },
        json!({"encrypted": !plain, "header_hex": hex::encode(&header)}),
    );

    let today = companion.today()?;
    tour.say(
        "Read today's date where you are",
        format!("today is {today} in {}", status.time_zone),
        json!({"today": today, "time_zone": status.time_zone}),
    );
    Ok(())
}
