//! Assessment timings: scoring throughput, and the current episode's outcome (what
//! `reset assess outcome` computes) over 10 years of fortnightly PHQ-9 and GAD-7 history.
//! Run: `cargo bench -p reset-core --bench assessment` (prints JSON lines; budget: outcome
//! p95 < 2 ms).

mod support;
use support::report;

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reset_core::assessment::{
    Answer, TakenAt, due, episode_outcome, evaluate, instrument, parse_answers, resolve_region,
    score, take,
};
use reset_core::store::{DatabaseKey, Store};

fn throughput(name: &str, calls: u64, elapsed: Duration) {
    let per_call_ns = elapsed.as_secs_f64() * 1e9 / calls as f64;
    println!(
        "{{\"bench\":\"{name}\",\"calls\":{calls},\"ns_per_call\":{per_call_ns:.1},\"per_second\":{:.0}}}",
        1e9 / per_call_ns
    );
}

fn main() {
    let zone = reset_core::time::Tz::known("Europe/London");
    let gb = resolve_region(Some("GB"), None, zone).expect("region");
    let sets: Vec<(&str, Vec<Answer>)> = [
        ("gad7", "3,2,2,2,1,1,1"),
        ("phq9", "1,1,1,1,0,0,0,0,decline"),
        ("phq9", "2,2,2,1,1,1,1,0,0"),
        ("pss10", "2,2,2,4,4,2,4,2,2,2"),
        ("wsas", "na,2,2,2,2"),
        ("gad2", "2,1"),
    ]
    .iter()
    .map(|(id, a)| (*id, parse_answers(a).expect("answers")))
    .collect();

    // Scoring: the pure rules only, then the public call with lookup and signpost.
    let rounds = 200_000u64;
    let resolved: Vec<_> = sets
        .iter()
        .map(|(id, a)| (instrument(id).expect("id"), a))
        .collect();
    let t = Instant::now();
    for _ in 0..rounds {
        for (ins, answers) in &resolved {
            black_box(evaluate(ins, black_box(answers)).expect("score"));
        }
    }
    throughput("score_rules_only", rounds * sets.len() as u64, t.elapsed());
    let t = Instant::now();
    for _ in 0..rounds {
        for (id, answers) in &sets {
            black_box(score(id, black_box(answers), gb).expect("score"));
        }
    }
    throughput(
        "score_by_id_with_signpost",
        rounds * sets.len() as u64,
        t.elapsed(),
    );

    // Ten years of fortnightly PHQ-9 and GAD-7: 261 of each.
    let dir = tempfile::TempDir::new().expect("temp dir");
    let mut store = Store::open(
        &dir.path().join("history.db"),
        &DatabaseKey::from_bytes(&[9; 32]).expect("key"),
    )
    .expect("store");
    let start: DateTime<Utc> = "2017-01-02T09:00:00Z".parse().expect("start");
    let now = start + chrono::Duration::days(3653);
    let phq9 = parse_answers("2,2,1,1,1,1,1,0,0").expect("phq9");
    let gad7 = parse_answers("2,1,1,1,1,1,1").expect("gad7");
    let fortnights = 3653 / 14;
    store
        .write(|tx| {
            for k in 0..=fortnights {
                let at = start + chrono::Duration::days(14 * k);
                let when = TakenAt { at, now, zone };
                take(tx, "phq9", &phq9, gb, when)?;
                take(tx, "gad7", &gad7, gb, when)?;
            }
            Ok(())
        })
        .expect("fill");
    let stored = store.counts().expect("counts")["assessments"];

    let mut samples = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        let out = episode_outcome(store.conn()).expect("outcome");
        samples.push(t.elapsed());
        assert!(out.summary.is_some());
    }
    println!("{{\"history_rows\":{stored}}}");
    report("assess_outcome_10y_fortnightly", samples, 2.0);

    let today = now.date_naive();
    let mut samples = Vec::new();
    for _ in 0..500 {
        let t = Instant::now();
        black_box(due(store.conn(), today, &[]).expect("due"));
        samples.push(t.elapsed());
    }
    report("assess_due_10y_fortnightly", samples, 2.0);
}
