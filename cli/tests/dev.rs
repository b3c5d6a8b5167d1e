//! `reset dev generate` (issue 10): the heavy-user dataset is fixed by its seed and `--now`,
//! as the benchmarks and anyone reproducing a report rely on.

mod common;

use common::Cli;

const NOW: &str = "2030-06-15T18:00:00Z";

/// Generates one year for `seed` into a fresh profile and returns (summary, canonical dump).
fn generate(seed: &str) -> (serde_json::Value, String) {
    let cli = Cli::new();
    let summary = cli.json(&[
        "--now", NOW, "--json", "dev", "generate", "--years", "1", "--seed", seed,
    ]);
    let out = cli.dir.path().join("dump.json");
    cli.json(&[
        "--now",
        NOW,
        "--json",
        "export",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    (summary, std::fs::read_to_string(out).unwrap())
}

fn rows(summary: &serde_json::Value, table: &str) -> u64 {
    summary["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == table)
        .and_then(|c| c["rows"].as_u64())
        .unwrap_or(0)
}

#[test]
fn the_same_seed_dumps_identically_and_another_seed_differently() {
    let (summary, dump) = generate("42");
    let (_, again) = generate("42");
    let (_, other) = generate("43");
    assert_eq!(dump, again);
    assert_ne!(dump, other);
    assert_eq!(summary["last_day"], "2030-06-15");
    assert!(
        (3 * 364..=3 * 365).contains(&rows(&summary, "check_ins")),
        "{summary}"
    );
    assert_eq!(rows(&summary, "reminder_rules"), 12);
}

#[test]
fn generating_into_a_profile_with_check_ins_is_a_conflict() {
    let cli = Cli::new();
    cli.json(&["--json", "checkin", "--mood", "5"]);
    let err = cli.error(&["--json", "dev", "generate", "--years", "1", "--seed", "1"]);
    assert_eq!(err["kind"], "conflict", "{err}");
}
