//! Issue 11's privacy audit, through the real binary: every scenario of the suite runs with a
//! unique canary string in every user-content field, and then everything the app leaves
//! behind is scanned — stderr (the CLI's only log), error messages, reminder notification text,
//! the names of every file under the data, export and temp folders, and the raw bytes of every
//! file under the data and temp folders. Canaries may appear only on stdout when the person
//! asked to see their entries, and inside the export files they asked for (scanned by name
//! only: exports are plaintext by design). The key and the backup passphrase are canaries too.
//! Positive controls (the dump holds every canary; the decrypted database holds the live ones)
//! prove the canaries were really stored, so the absence checks can fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Every canary starts with this, so one search finds them all.
const TAG: &str = "cnry7f3a";
const NOW: &str = "2027-03-28T09:00:00Z";

struct Audit {
    /// The data folder: profile, key, WAL — everything the app owns.
    data: tempfile::TempDir,
    /// `TMPDIR` for every run, so stray temp files are caught.
    tmp: tempfile::TempDir,
    /// Where the person asked exports and backups to go.
    exports: tempfile::TempDir,
    /// JSON input files the person wrote (their own plaintext, outside the data folder).
    inputs: tempfile::TempDir,
    next: usize,
    /// Canaries stored in live records.
    live: Vec<String>,
    /// Canaries the person deleted or overwrote.
    gone: Vec<String>,
    passphrase: String,
}

impl Audit {
    fn new() -> Audit {
        let mut a = Audit {
            data: tempfile::TempDir::new().unwrap(),
            tmp: tempfile::TempDir::new().unwrap(),
            exports: tempfile::TempDir::new().unwrap(),
            inputs: tempfile::TempDir::new().unwrap(),
            next: 0,
            live: Vec::new(),
            gone: Vec::new(),
            passphrase: String::new(),
        };
        a.passphrase = format!("{} passphrase", a.fresh());
        a
    }

    fn db(&self) -> PathBuf {
        self.data.path().join("profile.db")
    }

    /// A new canary (lower-case letters and digits, so tag normalisation keeps it intact).
    fn fresh(&mut self) -> String {
        self.next += 1;
        format!("{TAG}{:03}", self.next)
    }

    /// A new canary that a live record will hold.
    fn canary(&mut self) -> String {
        let c = self.fresh();
        self.live.push(c.clone());
        c
    }

    fn key_hex(&self) -> String {
        std::fs::read_to_string(self.db().with_extension("key"))
            .unwrap()
            .trim()
            .to_string()
    }

    /// Runs `reset --json …`; stderr must hold no canary and no key, whatever the outcome.
    fn run(&self, args: &[&str], env: &[(&str, &str)]) -> (bool, Value, String) {
        let out = Command::new(env!("CARGO_BIN_EXE_reset"))
            .arg("--db")
            .arg(self.db())
            .args(["--tz", "Europe/London", "--now", NOW, "--json"])
            .args(args)
            .env_remove("RESET_KEY")
            .env("RESET_PASSPHRASE", &self.passphrase)
            .env("TMPDIR", self.tmp.path())
            .envs(env.iter().copied())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_clean(&stderr, &format!("stderr of {args:?}"));
        assert!(!stderr.contains(&self.passphrase), "passphrase on stderr");
        if let Ok(key) = std::fs::read_to_string(self.db().with_extension("key")) {
            let key = key.trim();
            assert!(!stderr.contains(key), "key on stderr of {args:?}");
            assert!(
                !String::from_utf8_lossy(&out.stdout).contains(key),
                "key on stdout of {args:?}"
            );
        }
        let stdout = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
        (out.status.success(), stdout, stderr)
    }

    fn ok(&self, args: &[&str]) -> Value {
        let (ok, v, stderr) = self.run(args, &[]);
        assert!(ok, "reset {args:?} failed: {stderr}");
        v
    }

    /// Runs expecting an error; its message must not quote the canary it was given.
    fn refused(&self, args: &[&str], env: &[(&str, &str)]) {
        let (ok, _, stderr) = self.run(args, env);
        assert!(!ok, "reset {} unexpectedly succeeded", args[0]);
        assert!(stderr.contains("\"error\""), "no error JSON: {stderr}");
        for (_, value) in env {
            assert!(!stderr.contains(value), "error quotes its input: {stderr}");
        }
    }

    /// Writes a journal `--input` file: the fixture of `kind` with a canary in every free-text
    /// field (enum-valued fields keep their fixture values).
    fn input(&mut self, kind: &str) -> PathBuf {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/journal")
            .join(format!("{kind}.json"));
        let mut v: Value =
            serde_json::from_str(&std::fs::read_to_string(fixture).unwrap()).unwrap();
        self.plant(&mut v);
        let path = self.inputs.path().join(format!("{kind}.json"));
        std::fs::write(&path, v.to_string()).unwrap();
        path
    }

    fn plant(&mut self, v: &mut Value) {
        match v {
            Value::String(s) => *s = format!("words {} more", self.canary()),
            Value::Array(items) => items.iter_mut().for_each(|i| self.plant(i)),
            Value::Object(fields) => {
                for (k, field) in fields.iter_mut() {
                    if !["status", "label", "worry_type", "distortions"].contains(&k.as_str()) {
                        self.plant(field);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Fails if `text` holds any canary.
fn assert_clean(text: &str, what: &str) {
    assert!(!text.contains(TAG), "a canary leaked into {what}: {text}");
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        assert_clean(&path.display().to_string(), "a file name");
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Raw bytes of every file under `dir`: no canary, no passphrase, and the key only in its file.
fn assert_bytes_clean(dir: &Path, a: &Audit, key: &str) {
    for file in files(dir) {
        let bytes = std::fs::read(&file).unwrap();
        assert!(!contains(&bytes, TAG), "canary in the bytes of {file:?}");
        assert!(!contains(&bytes, &a.passphrase), "passphrase in {file:?}");
        if file.extension().is_none_or(|e| e != "key") {
            assert!(!contains(&bytes, key), "key in {file:?}");
            assert!(
                !contains(&bytes, "SQLite format 3"),
                "plaintext db {file:?}"
            );
        }
    }
}

/// Every scenario of the suite, with canaries in every user-content field.
fn scenarios(a: &mut Audit) {
    // Check-ins: note and tags (labels and areas are a fixed vocabulary).
    let (note, tag) = (a.canary(), a.canary());
    a.ok(&[
        "checkin", "--mood", "3", "--labels", "anxious", "--areas", "work", "--note", &note,
        "--tags", &tag,
    ]);
    let note = a.canary();
    a.ok(&["checkin", "--mood", "5", "--kind", "daily", "--note", &note]);
    // Journal: one entry of each kind from a canary-filled --input file, plus --text entries.
    for kind in [
        "free",
        "thought",
        "gratitude",
        "worry",
        "exposure",
        "activity",
    ] {
        let input = a.input(kind);
        let tag = a.canary();
        a.ok(&[
            "journal",
            "add",
            "--kind",
            kind,
            "--input",
            input.to_str().unwrap(),
            "--tags",
            &tag,
            "--share",
        ]);
    }
    let (old, tag) = (a.canary(), a.canary());
    let edited = a.ok(&[
        "journal", "add", "--kind", "free", "--text", &old, "--tags", &tag,
    ]);
    let new = a.canary();
    a.ok(&[
        "journal",
        "edit",
        edited["id"].as_str().unwrap(),
        "--text",
        &new,
    ]);
    a.live.retain(|c| *c != old);
    a.gone.push(old);
    let doomed_text = a.fresh();
    let doomed = a.ok(&["journal", "add", "--kind", "worry", "--text", &doomed_text]);
    a.ok(&["journal", "delete", doomed["id"].as_str().unwrap()]);
    a.gone.push(doomed_text);
    let hits = a.ok(&["journal", "search", &a.live[0].clone()]);
    assert!(
        hits.to_string().contains(&a.live[0]),
        "search finds a canary: {hits}"
    );
    // Questionnaires (a positive PHQ-9 item 9 stores a safety event), practice, programmes.
    a.ok(&["assess", "take", "gad7", "--answers", "1,2,1,0,1,2,1"]);
    a.ok(&[
        "assess",
        "take",
        "phq9",
        "--answers",
        "1,1,1,1,0,1,1,0,1",
        "--region",
        "GB",
    ]);
    a.ok(&["session", "log", "--kind", "breathing", "--minutes", "10"]);
    a.ok(&["programme", "start", "anxiety-reset"]);
    a.ok(&["programme", "today"]);
    // Reminders with the person's own labels; the lock-screen text must never carry them.
    for kind in [
        "meditation",
        "checkin",
        "journal",
        "programme",
        "assessment",
    ] {
        let label = a.canary();
        a.ok(&[
            "remind", "add", "--kind", kind, "--at", "20:00", "--label", &label,
        ]);
    }
    for platform in ["ios", "android"] {
        let plan = a.ok(&["remind", "plan", "--platform", platform]);
        let list = plan["notifications"].as_array().unwrap();
        assert!(!list.is_empty(), "a plan to audit");
        for n in list {
            assert_clean(
                &format!("{} {} {}", n["title"], n["body"], n["deep_link"]),
                "a notification",
            );
        }
    }
    // Mistakes: a canary given where it is refused must not be quoted back.
    a.refused(&["checkin", "--mood", "9"], &[]);
    let bad = a.fresh();
    a.refused(
        &["assess", "take", "gad7", "--answers", &format!("1,{bad},1")],
        &[],
    );
    a.refused(&["journal", "add", "--kind", "diary", "--text", &bad], &[]);
    a.refused(&["checkin", "--mood", "4", "--labels", &bad], &[]);
    a.refused(
        &[
            "remind", "add", "--kind", "journal", "--at", "25:61", "--label", &bad,
        ],
        &[],
    );
    a.refused(&["journal", "search", &format!("{bad} OR")], &[]);
    let broken = a.inputs.path().join("broken.json");
    std::fs::write(&broken, format!("{{\"text\": \"{bad}\", ")).unwrap();
    a.refused(
        &[
            "journal",
            "add",
            "--kind",
            "free",
            "--input",
            broken.to_str().unwrap(),
        ],
        &[],
    );
    a.refused(
        &["status"],
        &[("RESET_KEY", &format!("{bad}{}", "0".repeat(56)))],
    );
    let wrong = format!("{bad} wrong passphrase");
    let out = a.exports.path().join("b.rcbackup");
    a.refused(
        &["backup", "restore", out.to_str().unwrap(), "--yes"],
        &[("RESET_PASSPHRASE", &wrong)],
    );
}

/// Every export format, then a backup and its restore.
fn exports(a: &Audit) -> PathBuf {
    let dir = a.exports.path();
    let name = a.live[1].clone();
    let out = |f: &str| dir.join(f).display().to_string();
    a.ok(&["export", "json", "--out", &out("dump.json")]);
    let all = "assessments,checkins,practice,programmes,journal";
    a.ok(&[
        "export",
        "pdf",
        "--include",
        all,
        "--name",
        &name,
        "--out",
        &out("report.pdf"),
    ]);
    a.ok(&["export", "csv", "--include", all, "--out", &out("csv")]);
    a.ok(&[
        "export",
        "csv",
        "--include",
        all,
        "--out",
        &out("tables.zip"),
    ]);
    a.ok(&[
        "export",
        "fhir",
        "--include",
        all,
        "--out",
        &out("bundle.json"),
    ]);
    // Positive control: the plaintext dump the person asked for holds every live canary.
    let dump = std::fs::read_to_string(dir.join("dump.json")).unwrap();
    for c in &a.live {
        assert!(dump.contains(c.as_str()), "{c} was stored");
    }
    for c in &a.gone {
        assert!(!dump.contains(c.as_str()), "{c} was deleted");
    }
    let backup = dir.join("b.rcbackup");
    a.ok(&["backup", "create", "--out", backup.to_str().unwrap()]);
    a.ok(&["backup", "restore", backup.to_str().unwrap(), "--yes"]);
    backup
}

/// The decrypted database (a logical plaintext copy through SQLCipher) holds the live
/// canaries and none that were deleted or overwritten — in the tables or the search index.
fn assert_deleted_text_is_gone(a: &Audit, key: &str) {
    let conn = rusqlite::Connection::open(a.db()).unwrap();
    conn.execute_batch(&format!("PRAGMA key = \"x'{key}'\";"))
        .unwrap();
    let plain = a.tmp.path().join("plain.db");
    conn.execute_batch(&format!(
        "ATTACH DATABASE '{}' AS plain KEY ''; SELECT sqlcipher_export('plain'); DETACH DATABASE plain;",
        plain.display()
    ))
    .unwrap();
    drop(conn);
    let bytes = std::fs::read(&plain).unwrap();
    std::fs::remove_file(&plain).unwrap();
    for c in &a.live {
        assert!(contains(&bytes, c), "decrypted copy holds live {c}");
    }
    for c in &a.gone {
        assert!(
            !contains(&bytes, c),
            "deleted {c} remains in the decrypted database"
        );
    }
}

#[test]
fn no_canary_leaks_anywhere_and_erase_leaves_nothing() {
    let mut a = Audit::new();
    scenarios(&mut a);
    let backup = exports(&a);
    let key = a.key_hex();

    // The backup is ciphertext: no canary, no passphrase, no key.
    let sealed = std::fs::read(&backup).unwrap();
    assert!(
        !contains(&sealed, TAG) && !contains(&sealed, &a.passphrase) && !contains(&sealed, &key)
    );
    // Export and input files: names only (their contents are the person's plaintext).
    files(a.exports.path());
    files(a.inputs.path());
    // The data and temp folders: names and raw bytes.
    assert_bytes_clean(a.data.path(), &a, &key);
    assert_bytes_clean(a.tmp.path(), &a, &key);
    assert_deleted_text_is_gone(&a, &key);

    // Erase: nothing of the profile remains in the data folder, and no canary anywhere in it.
    a.ok(&["erase", "--yes"]);
    let left = files(a.data.path());
    assert!(left.is_empty(), "erase left {left:?}");
    assert_bytes_clean(a.tmp.path(), &a, &key);
}
