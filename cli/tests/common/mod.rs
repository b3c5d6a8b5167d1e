//! Runs the real `reset` binary against a scratch profile, as outside checks do.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

// Tests that open the database with rusqlite need SQLCipher's crypto provider linked in
// (ADR 0004); reset-core brings it.
use reset_core as _;

/// A scratch profile folder and helpers to run `reset` against it.
pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    pub fn new() -> Self {
        Cli {
            dir: tempfile::TempDir::new().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("profile.db")
    }

    /// Runs `reset --db <scratch> --tz Europe/London <args>` with a fixed clock unless `--now` is given.
    pub fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    /// Runs `reset --db <scratch> --tz ZONE <args>` with the fixed clock unless `--now` is given
    /// (the person's zone is the point of the crisis-region tests).
    pub fn run_in(&self, zone: &str, args: &[&str]) -> Output {
        self.command_in(zone, args).output().unwrap()
    }

    /// The command [`Cli::run`] runs, not yet started.
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_in("Europe/London", args)
    }

    /// [`Cli::command`] in the zone `zone`.
    pub fn command_in(&self, zone: &str, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
        cmd.arg("--db").arg(self.db()).arg("--tz").arg(zone);
        if !args.contains(&"--now") {
            cmd.args(["--now", "2027-03-28T09:00:00Z"]);
        }
        cmd.args(args).env_remove("RESET_KEY");
        cmd
    }

    /// Starts [`Cli::command`] on a terminal (see [`pty::Pty`]).
    pub fn on_terminal(&self, args: &[&str]) -> pty::Pty {
        pty::Pty::spawn(self.command(args))
    }

    /// Runs and parses stdout as JSON, asserting success.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "reset {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout of {args:?} is not JSON ({e}): {}",
                String::from_utf8_lossy(&out.stdout)
            )
        })
    }

    /// Runs expecting failure; returns the `{"error":{…}}` object from stderr.
    pub fn error(&self, args: &[&str]) -> serde_json::Value {
        error_json(&self.run(args), args)
    }

    /// Every byte of the profile's database, WAL and journal.
    pub fn profile_bytes(&self) -> Vec<u8> {
        ["", "-wal", "-journal", "-shm"]
            .iter()
            .filter_map(|s| std::fs::read(format!("{}{s}", self.db().display())).ok())
            .flatten()
            .collect()
    }
}

/// Asserts a run failed and returns the `{"error":{…}}` object it printed on stderr.
pub fn error_json(out: &Output, args: &[&str]) -> serde_json::Value {
    assert!(
        !out.status.success(),
        "reset {args:?} unexpectedly succeeded"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.starts_with("{\"error\""))
        .unwrap_or_else(|| panic!("no error JSON in stderr: {stderr}"));
    serde_json::from_str::<serde_json::Value>(line).unwrap()["error"].clone()
}

/// True when `needle` occurs in `haystack`.
pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Reads the CLI's key file beside `db`.
pub fn key_hex(db: &Path) -> String {
    std::fs::read_to_string(db.with_extension("key")).unwrap()
}

/// Runs `reset` against another database (the tour's demo profile, say), as [`Cli::run`] does.
pub fn run_db(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(db)
        .args(["--tz", "Europe/London", "--now", "2027-03-28T09:00:00Z"])
        .args(args)
        .env_remove("RESET_KEY")
        .output()
        .unwrap()
}

/// Every file under `dir` with its bytes and mode, sorted: a snapshot to prove "nothing changed".
pub fn tree(dir: &Path) -> Vec<(PathBuf, Vec<u8>, u32)> {
    use std::os::unix::fs::PermissionsExt;
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries {
            let p = e.unwrap().path();
            let meta = std::fs::symlink_metadata(&p).unwrap();
            if meta.is_dir() {
                stack.push(p.clone());
                out.push((p, Vec::new(), meta.permissions().mode()));
            } else if meta.is_file() {
                out.push((
                    p.clone(),
                    std::fs::read(&p).unwrap(),
                    meta.permissions().mode(),
                ));
            } else {
                out.push((p, Vec::new(), meta.permissions().mode()));
            }
        }
    }
    out.sort();
    out
}
