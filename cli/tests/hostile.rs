//! A hostile tester's inputs across every command (issue 16): each one is run against a
//! profile holding data, must end in a typed result (success, or exit 1 with one documented
//! error kind — never a panic, never a value echoed), and must lose nothing: after each, every
//! kind of record is still there and the profile opens. The outcomes are the table in
//! docs/hostile-inputs.md; `UPDATE_HOSTILE=1 cargo test -p reset-cli --test hostile`
//! rewrites it after a deliberate change.

mod common;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::Cli;

/// Put in every free-text value: it must never come back in an error.
const SECRET: &str = "SECRETWORD";
const KINDS: &[&str] = &[
    "invalid_input",
    "not_found",
    "conflict",
    "wrong_key",
    "corrupt",
    "unsupported_version",
    "storage",
];

struct Case {
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    env: Vec<(&'static str, String)>,
}

fn case(args: &[&str]) -> Case {
    Case {
        args: args.iter().map(|s| s.to_string()).collect(),
        stdin: None,
        env: Vec::new(),
    }
}

fn with_stdin(args: &[&str], stdin: Vec<u8>) -> Case {
    Case {
        stdin: Some(stdin),
        ..case(args)
    }
}

fn with_env(args: &[&str], key: &'static str, value: &str) -> Case {
    Case {
        env: vec![(key, value.to_string())],
        ..case(args)
    }
}

/// Files the cases point at, made in the scratch folder.
struct Files {
    dir: PathBuf,
}

impl Files {
    fn path(&self, name: &str) -> String {
        self.dir.join(name).display().to_string()
    }
}

fn make_files(dir: &Path) -> Files {
    let w = |name: &str, bytes: &[u8]| std::fs::write(dir.join(name), bytes).unwrap();
    w("empty.json", b"");
    w("not-json.json", b"SECRETWORD is not json");
    w("array.json", b"[1,2,3]");
    w("null.json", b"null");
    w("deep.json", "[".repeat(100_000).as_bytes());
    w(
        "wrong-type.json",
        br#"{"situation": 7, "automatic_thoughts": "SECRETWORD"}"#,
    );
    w(
        "unknown-field.json",
        br#"{"text": "SECRETWORD", "secretfield": 1}"#,
    );
    w("latin1.json", &[0x7b, 0x22, 0xe9, 0x22, 0x7d]);
    w("big.json", &vec![b' '; 2 * 1024 * 1024]);
    w("pack-empty.json", b"{}");
    w(
        "pack-bad.json",
        br#"{"format": 1, "id": "SECRETWORD", "steps": 5}"#,
    );
    w("not-a-backup.rcbackup", b"SECRETWORD");
    w("zero.rcbackup", b"");
    w("magic-only.rcbackup", b"RCBACKUP");
    w(
        "future.rcbackup",
        &[b"RCBACKUP".as_slice(), &[0, 9], &[0, 0, 0, 2], b"{}"].concat(),
    );
    std::fs::create_dir_all(dir.join("a-folder")).unwrap();
    Files {
        dir: dir.to_path_buf(),
    }
}

/// Every hostile input, in table order.
fn cases(f: &Files) -> Vec<Case> {
    let mut c: Vec<Case> = Vec::new();
    let bad_instants = [
        "yesterday",
        "",
        "2027-13-01T00:00:00Z",
        "2027-02-30T00:00:00Z",
        "2027-03-28 09:00",
        "0001-01-01T00:00:00Z",
        "1899-12-31T23:59:59Z",
        "9999-12-31T23:59:59Z",
        "2027-03-28T09:05:01Z",
        "2027-03-28T09:00:00+25:00",
        "+275760-09-13T00:00:00Z",
        "2027-03-28T09:00:00",
    ];
    let bad_dates = [
        "2027-02-30",
        "27-03-28",
        "2027/03/28",
        "",
        "tomorrow",
        "99999-01-01",
    ];
    let bad_ids = [
        "",
        "je_does_not_exist",
        "../../etc/passwd",
        "'; DROP TABLE journal_entries; --",
        "%",
        "*",
        "je_\u{1b}[2J",
    ];

    // --- check-ins
    for mood in [
        "0",
        "8",
        "-1",
        "3.5",
        "four",
        "",
        "99999999999999999999",
        "1e3",
        " 4",
        "0x4",
        "٣",
    ] {
        c.push(case(&["checkin", "--mood", mood]));
    }
    for labels in [
        "SECRETWORD",
        "happy,SECRETWORD",
        ",,,",
        &"calm,".repeat(200),
    ] {
        c.push(case(&["checkin", "--mood", "4", "--labels", labels]));
    }
    for areas in ["SECRETWORD", "work,work,SECRETWORD", " "] {
        c.push(case(&["checkin", "--mood", "4", "--areas", areas]));
    }
    for at in bad_instants {
        c.push(case(&["checkin", "--mood", "4", "--at", at]));
    }
    let long_note = format!("{SECRET} {}", "x".repeat(70_000));
    c.push(case(&["checkin", "--mood", "4", "--note", &long_note]));
    c.push(with_stdin(
        &["checkin", "--mood", "4", "--note", "-"],
        long_note.clone().into_bytes(),
    ));
    c.push(with_stdin(
        &["checkin", "--mood", "4", "--note", "-"],
        vec![0xff, 0xfe, b'S'],
    ));
    c.push(with_stdin(
        &["checkin", "--mood", "4", "--note", "-"],
        vec![b'a'; 2 * 1024 * 1024],
    ));
    c.push(case(&[
        "checkin",
        "--mood",
        "4",
        "--tags",
        &format!("{SECRET},{}", "t".repeat(500)),
    ]));
    c.push(case(&[
        "checkin", "--mood", "4", "--note", "I", "feel", SECRET,
    ]));
    c.push(case(&["checkin"]));
    c.push(case(&["checkin", "--mood"]));

    // --- journal
    for kind in ["diary", "", "FREE", "free ", "thought,free", SECRET] {
        c.push(case(&["journal", "add", "--kind", kind, "--text", "hi"]));
    }
    c.push(case(&["journal", "add", "--kind", "free"]));
    c.push(case(&["journal", "add", "--kind", "free", "--text", ""]));
    c.push(case(&["journal", "add", "--kind", "free", "--text", "   "]));
    c.push(case(&[
        "journal",
        "add",
        "--kind",
        "free",
        "--text",
        "a",
        "--input",
        &f.path("array.json"),
    ]));
    for input in [
        "empty.json",
        "not-json.json",
        "array.json",
        "null.json",
        "deep.json",
        "wrong-type.json",
        "unknown-field.json",
        "latin1.json",
        "big.json",
        "a-folder",
        "missing.json",
    ] {
        c.push(case(&[
            "journal",
            "add",
            "--kind",
            "thought",
            "--input",
            &f.path(input),
        ]));
    }
    c.push(case(&[
        "journal",
        "add",
        "--kind",
        "free",
        "--input",
        "/dev/zero",
    ]));
    c.push(case(&[
        "journal",
        "add",
        "--kind",
        "free",
        "--input",
        "/dev/null",
    ]));
    c.push(with_stdin(
        &["journal", "add", "--kind", "thought", "--input", "-"],
        b"{".to_vec(),
    ));
    c.push(with_stdin(
        &["journal", "add", "--kind", "free", "--text", "-"],
        Vec::new(),
    ));
    c.push(with_stdin(
        &["journal", "add", "--kind", "free", "--text", "-"],
        vec![0xc3, 0x28],
    ));
    for at in bad_instants {
        c.push(case(&[
            "journal", "add", "--kind", "free", "--text", "hi", "--at", at,
        ]));
    }
    for id in bad_ids {
        c.push(case(&["journal", "show", id]));
        c.push(case(&["journal", "delete", id]));
        c.push(case(&["journal", "share", id]));
        c.push(case(&["journal", "edit", id, "--text", "x"]));
    }
    c.push(case(&["journal", "edit", "ENTRY"]));
    c.push(case(&["journal", "edit", "ENTRY", "--kind", "free"]));
    c.push(case(&[
        "journal", "edit", "ENTRY", "--kind", "free", "--text", "hi",
    ]));
    c.push(case(&["journal", "edit", "ENTRY", "--kind", "worry"]));
    c.push(case(&["journal", "edit", "ENTRY", "--kind", "nonsense"]));
    c.push(case(&[
        "journal",
        "edit",
        "ENTRY",
        "--at",
        "0001-01-01T00:00:00Z",
    ]));
    c.push(case(&[
        "journal",
        "edit",
        "ENTRY",
        "--tags",
        &"t,".repeat(300),
    ]));
    for (from, to) in [
        ("2027-03-28", "2027-01-01"),
        ("x", "y"),
        ("2027-02-30", "2027-03-01"),
    ] {
        c.push(case(&["journal", "list", "--from", from, "--to", to]));
    }
    c.push(case(&["journal", "list", "--kind", "diary"]));
    for q in [
        "",
        "\"",
        "NEAR(",
        "AND",
        "a OR",
        "*",
        "-",
        "((((",
        "col:SECRETWORD",
        "\u{1b}[31m",
    ] {
        c.push(case(&["journal", "search", q]));
    }
    c.push(case(&["journal", "search", "x", "--limit", "0"]));
    c.push(case(&["journal", "search", "x", "--limit", "-5"]));
    c.push(case(&["journal", "search", "x", "--limit", "99999999999"]));

    // --- insights, practice, sessions
    for d in bad_dates {
        c.push(case(&["insights", "--from", d]));
        c.push(case(&["practice", "summary", "--to", d]));
        c.push(case(&["session", "list", "--from", d]));
    }
    c.push(case(&[
        "insights",
        "--from",
        "2027-03-01",
        "--to",
        "2027-01-01",
    ]));
    c.push(case(&["practice", "streak", "--hide", "--show"]));
    for kind in ["yoga", "", "MEDITATION"] {
        c.push(case(&["session", "log", "--kind", kind, "--minutes", "5"]));
    }
    for minutes in ["0", "-5", "181", "1441", "99999999999", "five", "2.5"] {
        c.push(case(&[
            "session",
            "log",
            "--kind",
            "meditation",
            "--minutes",
            minutes,
        ]));
    }
    for at in bad_instants {
        c.push(case(&[
            "session",
            "log",
            "--kind",
            "breathing",
            "--minutes",
            "5",
            "--at",
            at,
        ]));
    }
    c.push(case(&[
        "session",
        "log",
        "--kind",
        "meditation",
        "--minutes",
        "5",
        "--planned",
        "0",
    ]));
    c.push(case(&[
        "session",
        "log",
        "--kind",
        "meditation",
        "--minutes",
        "5",
        "--step",
        "day-99",
    ]));

    // --- assessments
    for (id, answers) in [
        ("gad7", "1,1,1"),
        ("gad7", "1,1,1,1,1,1,1,1"),
        ("gad7", "4,0,0,0,0,0,0"),
        ("gad7", "-1,0,0,0,0,0,0"),
        ("gad7", "a,b,c,d,e,f,g"),
        ("gad7", ""),
        ("gad7", ",,,,,,"),
        ("gad7", "decline,0,0,0,0,0,0"),
        ("gad7", "na,0,0,0,0,0,0"),
        ("phq9", "0,0,0,0,0,0,0,0"),
        ("phq9", "0,0,0,0,0,0,0,0,4"),
        ("wsas", "9,0,0,0,0"),
        ("pss10", "0,0,0,0,0,0,0,0,0,5"),
        ("bdi", "0,0"),
        ("GAD7", "0,0,0,0,0,0,0"),
        ("", "0"),
    ] {
        c.push(case(&["assess", "take", id, "--answers", answers]));
        c.push(case(&["assess", "score", id, "--answers", answers]));
    }
    for at in bad_instants {
        c.push(case(&[
            "assess",
            "take",
            "gad2",
            "--answers",
            "0,0",
            "--at",
            at,
        ]));
    }
    for region in ["XX", "", "gb ", "SECRETWORD"] {
        c.push(case(&[
            "assess",
            "score",
            "phq9",
            "--answers",
            "0,0,0,0,0,0,0,0,1",
            "--region",
            region,
        ]));
    }
    c.push(case(&["assess", "history", "bdi"]));
    for every in ["0", "-7", "9999", "weekly", ""] {
        c.push(case(&["assess", "cadence", "gad7", every]));
    }
    c.push(case(&["assess", "cadence", "bdi", "14"]));
    for pair in ["5", "5,", "a,b", "-1,5", "99,0"] {
        c.push(case(&["assess", "outcome", "--phq9", pair]));
    }
    for d in bad_dates {
        c.push(case(&["assess", "episode", "--start", d]));
    }

    // --- programmes
    for id in ["nope", "", "../meditation-7-day", "MEDITATION-7-DAY"] {
        c.push(case(&["programme", "show", id]));
        c.push(case(&["programme", "start", id]));
    }
    c.push(case(&["programme", "complete", "day-1"]));
    c.push(case(&["programme", "leave"]));
    c.push(case(&["programme", "resume"]));
    c.push(case(&["programme", "restart", "nope"]));
    c.push(case(&[
        "programme",
        "start",
        "meditation-7-day",
        "--at",
        "0001-01-01T00:00:00Z",
    ]));
    c.push(case(&[
        "programme",
        "start",
        "meditation-7-day",
        "--at",
        "2099-01-01T00:00:00Z",
    ]));
    for file in [
        "pack-empty.json",
        "pack-bad.json",
        "not-json.json",
        "deep.json",
        "big.json",
        "a-folder",
        "missing.json",
    ] {
        c.push(case(&["programme", "validate", &f.path(file)]));
    }
    c.push(case(&["programme", "validate", "/dev/zero"]));

    // --- reminders
    for at in ["25:00", "7", "07:60", "", "noon", "07:30,07:30", "-01:00"] {
        c.push(case(&["remind", "add", "--kind", "meditation", "--at", at]));
    }
    for kind in ["yoga", "", "SECRETWORD"] {
        c.push(case(&["remind", "add", "--kind", kind, "--at", "07:00"]));
    }
    for days in ["", "funday", "mon,mon,xyz", "weekdays,weekends,SECRETWORD"] {
        c.push(case(&[
            "remind", "add", "--kind", "checkin", "--at", "08:00", "--days", days,
        ]));
    }
    for quiet in ["22:00", "22:00-22:00", "25:00-07:00", "x-y", "07:00-09:00"] {
        c.push(case(&[
            "remind", "add", "--kind", "journal", "--at", "08:00", "--quiet", quiet,
        ]));
    }
    c.push(case(&[
        "remind",
        "add",
        "--kind",
        "journal",
        "--at",
        "08:00",
        "--label",
        &"L".repeat(5000),
    ]));
    for id in ["rr_nope", "", "'; --"] {
        c.push(case(&["remind", "remove", id]));
        c.push(case(&["remind", "pause", id, "--until", "2027-04-01"]));
        c.push(case(&["remind", "snooze", id, "--minutes", "10"]));
        c.push(case(&["remind", "done", id]));
    }
    c.push(case(&["remind", "pause", "RULE", "--until", "2020-01-01"]));
    c.push(case(&["remind", "pause", "RULE", "--until", "not-a-date"]));
    for m in ["0", "1441", "-3", "x"] {
        c.push(case(&["remind", "snooze", "NOTIFICATION", "--minutes", m]));
    }
    for (from, until) in [
        ("2027-03-28T09:00:00Z", "2027-03-27T09:00:00Z"),
        ("x", "y"),
        ("2027-03-28T09:00:00Z", "2029-03-28T09:00:00Z"),
    ] {
        c.push(case(&["remind", "plan", "--from", from, "--until", until]));
    }
    c.push(case(&["remind", "plan", "--limit", "0"]));
    c.push(case(&["remind", "plan", "--platform", "symbian"]));
    c.push(case(&[
        "remind",
        "reconcile",
        "--pending",
        &"x,".repeat(2000),
    ]));

    // --- exports and the output guard
    for (fmt, out) in [
        ("pdf", f.path("profile.db")),
        ("pdf", f.path("profile.key")),
        ("fhir", f.path("profile.db-wal")),
        ("json", f.path("profile.db")),
        ("csv", f.path("profile.key")),
        ("pdf", "/dev/full".to_string()),
        ("fhir", "/dev/null".to_string()),
        ("json", f.path("a-folder")),
        ("pdf", f.path("no/such/folder/r.pdf")),
        ("pdf", "/".to_string()),
        ("json", f.path(".reset-0000.tmp")),
        ("csv", f.path("not-a-folder.txt")),
    ] {
        c.push(case(&["export", fmt, "--out", &out]));
    }
    for (from, to) in [
        ("2027-03-28", "2027-01-01"),
        ("2027-02-30", "2027-03-01"),
        ("x", "y"),
    ] {
        c.push(case(&[
            "export",
            "pdf",
            "--from",
            from,
            "--to",
            to,
            "--out",
            &f.path("r.pdf"),
        ]));
    }
    for inc in ["moods", "", ",,", "journal,SECRETWORD"] {
        c.push(case(&[
            "export",
            "csv",
            "--include",
            inc,
            "--out",
            &f.path("c.zip"),
        ]));
    }
    c.push(case(&[
        "export",
        "pdf",
        "--paper",
        "a3",
        "--out",
        &f.path("r.pdf"),
    ]));
    c.push(case(&["export", "pdf", "--out"]));

    // --- backups
    for pass in [
        "password",
        "12345678",
        "aaaaaaaa",
        "short",
        "",
        "Password1!",
        "qwertyuiop",
    ] {
        c.push(with_env(
            &["backup", "create", "--out", &f.path("b.rcbackup")],
            "RESET_PASSPHRASE",
            pass,
        ));
    }
    c.push(with_env(
        &["backup", "create", "--out", &f.path("profile.db")],
        "RESET_PASSPHRASE",
        "correct horse battery staple tundra",
    ));
    c.push(with_env(
        &["backup", "create", "--out", &f.path("profile.key")],
        "RESET_PASSPHRASE",
        "correct horse battery staple tundra",
    ));
    c.push(case(&["backup", "create", "--out", &f.path("b.rcbackup")]));
    for file in [
        "not-a-backup.rcbackup",
        "zero.rcbackup",
        "magic-only.rcbackup",
        "future.rcbackup",
        "missing.rcbackup",
        "a-folder",
    ] {
        c.push(with_env(
            &["backup", "restore", &f.path(file), "--yes"],
            "RESET_PASSPHRASE",
            "x",
        ));
    }
    c.push(with_env(
        &["backup", "restore", "/dev/zero", "--yes"],
        "RESET_PASSPHRASE",
        "x",
    ));
    c.push(with_env(
        &["backup", "restore", "BACKUP"],
        "RESET_PASSPHRASE",
        "correct horse battery staple tundra",
    ));
    c.push(with_env(
        &["backup", "restore", "BACKUP", "--yes"],
        "RESET_PASSPHRASE",
        "x",
    ));
    c.push(with_env(
        &["backup", "restore", "BACKUP", "--yes"],
        "RESET_PASSPHRASE",
        "",
    ));
    c.push(with_env(
        &["backup", "restore", "BACKUP", "--yes"],
        "RESET_PASSPHRASE",
        "correct horse battery staple tundrA",
    ));

    // --- the profile, flags and the command line
    c.push(case(&["erase"]));
    c.push(case(&["--db", &f.path("a-folder"), "status"]));
    c.push(case(&["--db", "/dev/null", "status"]));
    c.push(case(&["--db", &f.path("other.key"), "status"]));
    c.push(case(&["--db", &f.path("not-json.json"), "erase", "--yes"]));
    c.push(case(&["--db", &f.path("a-folder"), "erase", "--yes"]));
    c.push(case(&["--db", "", "status"]));
    for tz in ["Mars/Olympus", "", "UTC+99", "SECRETWORD"] {
        c.push(case(&["--tz", tz, "status"]));
    }
    for now in ["never", "", "2027-13-01T00:00:00Z"] {
        c.push(case(&["--now", now, "status"]));
    }
    c.push(case(&[
        "--now",
        "0001-01-01T00:00:00Z",
        "checkin",
        "--mood",
        "4",
    ]));
    c.push(with_env(&["status"], "RESET_KEY", "zz"));
    c.push(with_env(&["status"], "RESET_KEY", &"00".repeat(32)));
    c.push(case(&["SECRETWORD"]));
    c.push(case(&[]));
    c.push(case(&["journal"]));
    c.push(case(&["status", "--bogus"]));
    c.push(case(&["status", "extra", SECRET]));
    c.push(case(&["dev", "generate", "--years", "0", "--seed", "1"]));
    c.push(case(&["dev", "generate", "--years", "1", "--seed", "1"]));
    c.push(case(&["dev", "generate", "--years", "-1", "--seed", "x"]));
    c
}

fn run(cli: &Cli, case: &Case) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_reset"));
    if !case.args.iter().any(|a| a == "--db") {
        cmd.arg("--db").arg(cli.db());
    }
    if !case.args.iter().any(|a| a == "--now") {
        cmd.args(["--now", "2027-03-28T09:00:00Z"]);
    }
    if !case.args.iter().any(|a| a == "--tz") {
        cmd.args(["--tz", "Europe/London"]);
    }
    cmd.arg("--json")
        .args(&case.args)
        .env_remove("RESET_KEY")
        .env_remove("RESET_PASSPHRASE");
    for (k, v) in &case.env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = case.stdin.clone().unwrap_or_default();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    let _ = writer.join();
    out
}

fn counts(cli: &Cli) -> serde_json::Value {
    cli.json(&["status", "--json"])["counts"].clone()
}

/// Fills ids the cases refer to (an entry, a rule, a notification, a backup).
fn substitute(cli: &Cli, case: &mut Case, ids: &[(&str, String)]) {
    for a in &mut case.args {
        for (name, value) in ids {
            if a == name {
                *a = value.clone();
            }
        }
    }
    let _ = cli;
}

#[test]
fn hostile_inputs_are_refused_with_typed_errors_and_nothing_is_lost() {
    let cli = Cli::new();
    let files = make_files(cli.dir.path());
    // A profile holding one of everything.
    cli.json(&[
        "checkin",
        "--mood",
        "5",
        "--note",
        "private words",
        "--json",
    ]);
    let entry = cli.json(&[
        "journal",
        "add",
        "--kind",
        "thought",
        "--input",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../tests/fixtures/journal/thought.json"
        ),
        "--json",
    ]);
    let entry = entry["id"].as_str().unwrap().to_string();
    cli.json(&[
        "assess",
        "take",
        "gad7",
        "--answers",
        "1,1,1,1,1,1,1",
        "--json",
    ]);
    cli.json(&[
        "session",
        "log",
        "--kind",
        "meditation",
        "--minutes",
        "5",
        "--json",
    ]);
    let rule = cli.json(&[
        "remind",
        "add",
        "--kind",
        "meditation",
        "--at",
        "07:30",
        "--json",
    ]);
    let rule = rule["id"].as_str().unwrap().to_string();
    let plan = cli.json(&["remind", "plan", "--json"]);
    let notification = plan["notifications"][0]["id"]
        .as_str()
        .unwrap_or("n_none")
        .to_string();
    let backup = files.path("good.rcbackup");
    let made = Command::new(env!("CARGO_BIN_EXE_reset"))
        .arg("--db")
        .arg(cli.db())
        .args(["backup", "create", "--out", &backup])
        .env("RESET_PASSPHRASE", "correct horse battery staple tundra")
        .env_remove("RESET_KEY")
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    std::fs::write(files.dir.join("other.key"), "00".repeat(32)).unwrap();
    let ids = [
        ("ENTRY", entry),
        ("RULE", rule),
        ("NOTIFICATION", notification),
        ("BACKUP", backup),
    ];

    let baseline = counts(&cli);
    let mut rows = Vec::new();
    let mut failures = Vec::new();
    for (n, mut case) in cases(&files).into_iter().enumerate() {
        let label = shown(&case, cli.dir.path());
        substitute(&cli, &mut case, &ids);
        let out = run(&cli, &case);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let outcome = match out.status.code() {
            Some(0) => "ok".to_string(),
            Some(1) => {
                let line = stderr.lines().find(|l| l.starts_with("{\"error\""));
                match line.and_then(|l| serde_json::from_str::<serde_json::Value>(l).ok()) {
                    Some(v) => {
                        let kind = v["error"]["kind"].as_str().unwrap_or("?").to_string();
                        if !KINDS.contains(&kind.as_str()) {
                            failures
                                .push(format!("#{n} {:?}: undocumented kind {kind}", case.args));
                        }
                        match v["error"]["field"].as_str() {
                            Some(field) => format!("{kind} ({field})"),
                            None => kind,
                        }
                    }
                    None => {
                        failures.push(format!("#{n} {:?}: no error JSON: {stderr}", case.args));
                        "?".into()
                    }
                }
            }
            other => {
                failures.push(format!("#{n} {:?}: exit {other:?}: {stderr}", case.args));
                format!("exit {other:?}")
            }
        };
        if stderr.contains(SECRET) {
            failures.push(format!(
                "#{n} {:?}: echoed the typed value: {stderr}",
                case.args
            ));
        }
        // Nothing lost: every kind of record still there, and the profile opens.
        let now = counts(&cli);
        for (kind, before) in baseline.as_object().unwrap() {
            if now[kind].as_u64() < before.as_u64() {
                failures.push(format!("#{n} {:?}: lost {kind}: {now}", case.args));
            }
        }
        rows.push(format!("| {} | `reset {label}` | {outcome} |", n + 1));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(rows.len() >= 250, "only {} hostile inputs", rows.len());

    let table = format!(
        "<!-- hostile-table: {} inputs -->\n| # | input | outcome |\n|---|---|---|\n{}\n<!-- /hostile-table -->",
        rows.len(),
        rows.join("\n")
    );
    let doc_path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../docs/hostile-inputs.md");
    let doc = std::fs::read_to_string(&doc_path).unwrap_or_default();
    let start = doc.find("<!-- hostile-table");
    let end = doc.find("<!-- /hostile-table -->");
    let current = match (start, end) {
        (Some(s), Some(e)) => &doc[s..e + "<!-- /hostile-table -->".len()],
        _ => "",
    };
    if std::env::var_os("UPDATE_HOSTILE").is_some() {
        let updated = match (start, end) {
            (Some(s), Some(e)) => format!(
                "{}{table}{}",
                &doc[..s],
                &doc[e + "<!-- /hostile-table -->".len()..]
            ),
            _ => format!("{doc}\n{table}\n"),
        };
        std::fs::write(&doc_path, updated).unwrap();
    } else {
        assert_eq!(
            current, table,
            "docs/hostile-inputs.md is out of date: run UPDATE_HOSTILE=1 cargo test -p reset-cli --test hostile"
        );
    }
}

/// The case as a reader would type it: scratch paths as `$DIR/name`, long values shortened,
/// control characters escaped, table pipes escaped.
fn shown(case: &Case, dir: &Path) -> String {
    let dir_text = dir.display().to_string();
    let parts: Vec<String> = case
        .args
        .iter()
        .map(|full| {
            let v = full.replace(&dir_text, "$DIR");
            let v = if v.chars().count() > 40 {
                format!(
                    "{}…({} chars)",
                    v.chars().take(20).collect::<String>(),
                    v.chars().count()
                )
            } else {
                v
            };
            let v = v
                .escape_debug()
                .to_string()
                .replace('|', "\\|")
                .replace('`', "'");
            if v.is_empty() || v.contains(' ') {
                format!("\"{v}\"")
            } else {
                v
            }
        })
        .collect();
    let mut text = parts.join(" ");
    if let Some(stdin) = &case.stdin {
        text.push_str(&format!(" < ({} bytes)", stdin.len()));
    }
    for (k, v) in &case.env {
        let v = if v.is_empty() {
            "\"\"".to_string()
        } else {
            v.clone()
        };
        text = format!("{k}={v} {text}");
    }
    text
}
