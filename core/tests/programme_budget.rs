//! Performance budgets for programmes (issue 6), measured on a release build:
//!
//! ```text
//! cargo test -p reset-core --release --test programme_budget -- --ignored --nocapture
//! ```
//!
//! - loading and validating every embedded pack at start-up: budget < 5 ms;
//! - `programme today` on a profile with ten years of history: budget < 2 ms.
//!
//! Ignored by default because a debug build is not what ships and timings on a shared CI
//! machine are noisy; the numbers are printed so a run can be quoted.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Datelike, Duration, Utc};
use reset_core::practice::{PracticeSessionInput, PracticeTechnique, summary};
use reset_core::programme::progress::{Completion, Gate, gate};
use reset_core::programme::{Catalogue, ProgrammeState, enrolment};
use reset_core::store::{DatabaseKey, Store};
use reset_core::time::Tz;
use reset_core::time::{local_date, parse_instant, parse_zone};
use rusqlite::Connection;

/// Median, 99th percentile and maximum of the samples.
fn spread(mut samples: Vec<StdDuration>) -> (StdDuration, StdDuration, StdDuration) {
    samples.sort();
    let n = samples.len();
    (
        samples[n / 2],
        samples[(n * 99 / 100).min(n - 1)],
        samples[n - 1],
    )
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn loading_and_validating_every_pack_takes_under_5_ms() {
    let mut samples = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let cat = Catalogue::load().unwrap();
        samples.push(t.elapsed());
        assert_eq!(cat.programmes().len(), 4);
    }
    let (median, p99, max) = spread(samples);
    println!(
        "packs: load + validate all 4: median {median:?}, p99 {p99:?}, max {max:?} (budget 5 ms)"
    );
    assert!(median < StdDuration::from_millis(5));
}

/// Works through `id` from `*at`, taking each step nine hours after it opens, for at most
/// `steps` steps.
fn work_through(
    tx: &Connection,
    cat: &Catalogue,
    id: &str,
    at: &mut DateTime<Utc>,
    zone: Tz,
    steps: usize,
) {
    enrolment::start(tx, cat, id, *at, zone).unwrap();
    let p = cat.get(id).unwrap();
    let mut done = Vec::new();
    for step in p.steps.iter().take(steps) {
        if let Gate::OpensAt { at: opens, .. } = gate(step, &done) {
            *at = (*at).max(opens) + Duration::hours(9);
        }
        enrolment::complete(tx, cat, &step.id, *at, zone).unwrap();
        done.push(Completion::new(&step.id, *at, zone));
    }
}

/// Ten years of someone working through every programme in turn and practising six days in
/// seven, now part-way through the anxiety programme. Returns "now".
fn ten_year_profile(store: &mut Store, cat: &Catalogue) -> DateTime<Utc> {
    let london = parse_zone("Europe/London").unwrap();
    let start = parse_instant("2017-01-02T08:00:00Z", "start").unwrap();
    let ten_years = start + Duration::days(3652);
    let cycle = [
        "meditation-7-day",
        "stress-reset",
        "mindfulness-8-week",
        "anxiety-reset",
    ];
    store
        .write(|tx| {
            let mut at = start;
            let mut round = 0;
            while at < ten_years - Duration::days(120) {
                work_through(
                    tx,
                    cat,
                    cycle[round % cycle.len()],
                    &mut at,
                    london,
                    usize::MAX,
                );
                round += 1;
                at += Duration::days(3);
            }
            if enrolment::progress(tx, cat, at, london)?
                .is_some_and(|p| p.state != ProgrammeState::Finished)
            {
                enrolment::leave(tx, at)?;
            }
            work_through(tx, cat, "anxiety-reset", &mut at, london, 3);
            let now = at + Duration::days(1);
            let mut day = start;
            while day < now {
                if !local_date(day, london).ordinal().is_multiple_of(7) {
                    let input = PracticeSessionInput {
                        technique: PracticeTechnique::ALL[(day - start).num_days() as usize % 4],
                        actual_minutes: 10,
                        planned_minutes: Some(10),
                        completed: true,
                        started_at: Some(day.into()),
                        step_id: None,
                    };
                    reset_core::programme::log_practice(tx, cat, &input, day, london)?;
                }
                day += Duration::days(1);
            }
            Ok(now)
        })
        .unwrap()
}

#[test]
#[ignore = "benchmark: run with --release -- --ignored --nocapture"]
fn programme_today_on_a_ten_year_history_takes_under_2_ms() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = Store::open(
        &dir.path().join("bench.db"),
        &DatabaseKey::from_bytes(&[9; 32]).unwrap(),
    )
    .unwrap();
    let cat = Catalogue::load().unwrap();
    let now = ten_year_profile(&mut store, &cat);
    let counts = store.counts().unwrap();
    println!("history: {counts:?}");
    let london = parse_zone("Europe/London").unwrap();

    let mut samples = Vec::new();
    for _ in 0..1000 {
        let t = Instant::now();
        let today = enrolment::today(store.conn(), &cat, now, london).unwrap();
        samples.push(t.elapsed());
        assert_eq!(today.programme.as_deref(), Some("anxiety-reset"));
    }
    let (median, p99, max) = spread(samples);
    println!(
        "programme today (10-year history): median {median:?}, p99 {p99:?}, max {max:?} (budget 2 ms)"
    );

    let mut summaries = Vec::new();
    for _ in 0..50 {
        let t = Instant::now();
        let s = summary::summary(store.conn(), None, None, local_date(now, london)).unwrap();
        summaries.push(t.elapsed());
        assert!(s.habit_strength > 0.5);
    }
    let (s_median, _, s_max) = spread(summaries);
    println!("practice summary (10-year history): median {s_median:?}, max {s_max:?}");
    assert!(p99 < StdDuration::from_millis(2));
}
