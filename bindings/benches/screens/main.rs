//! The screen benchmark suite (issue 10): every call a screen makes, through the `Companion`
//! facade as a phone makes it, on heavy-user profiles of 1, 3 and 10 years, each against
//! the raw-SQL floor in the same run; plus exports, backup and restore, cold open, the
//! PDF's peak memory and the stripped library size. Prints a table and writes JSON.
//!
//! Run through `scripts/bench.sh` (release build, library size, report in
//! `target/bench/report.json`). Flags: `--quick` (1 year, few runs: CI), `--check` (exit 1
//! when a budget is blown by more than 3×), `--years 1,3,10`, `--dir`, `--out`.

mod floors;
mod heavy;
mod stats;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use reset_core::reminder::{PlanOptions, Platform};
use reset_ffi::{Clock, Companion, CompanionConfig, open_companion};
use rusqlite::{Connection, ToSql};

use stats::{Row, paired, row};

/// The person every profile belongs to; the same seed gives the same data every run.
pub const SEED: u64 = 20261125;
/// The key every bench profile is encrypted with.
pub const KEY: [u8; 32] = [7; 32];
/// Every history ends here (a Saturday evening in London, summer time).
pub const END: &str = "2030-06-15T18:00:00Z";
pub const ZONE: &str = "Europe/London";
/// Budgets from issue 10, milliseconds.
pub const SCREEN_BUDGET_MS: f64 = 8.0;
pub const FLOOR_RATIO_BUDGET: f64 = 2.0;

/// The injected clock: always `END`.
struct Fixed(i64);

impl Clock for Fixed {
    fn instant(&self) -> std::time::SystemTime {
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(self.0.unsigned_abs())
    }
}

pub fn end() -> DateTime<Utc> {
    END.parse().expect("END parses")
}

/// Opens the profile at `path` through the facade, as the apps do.
pub fn open(path: &Path) -> Arc<Companion> {
    let config = CompanionConfig {
        database_path: path.display().to_string(),
        key: KEY.to_vec(),
        time_zone: ZONE.into(),
    };
    open_companion(config, Arc::new(Fixed(end().timestamp_millis()))).expect("open companion")
}

struct Args {
    quick: bool,
    check: bool,
    years: Vec<u32>,
    dir: PathBuf,
    out: PathBuf,
}

fn args() -> Args {
    let mut a = Args {
        quick: false,
        check: false,
        years: vec![1, 3, 10],
        dir: PathBuf::from("target/bench"),
        out: PathBuf::from("target/bench/report.json"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => a.quick = true,
            "--check" => a.check = true,
            "--years" => {
                let list = it.next().unwrap_or_default();
                a.years = list
                    .split(',')
                    .filter_map(|y| y.trim().parse().ok())
                    .collect();
            }
            "--dir" => a.dir = it.next().map(PathBuf::from).unwrap_or(a.dir),
            "--out" => a.out = it.next().map(PathBuf::from).unwrap_or(a.out),
            "--child-pdf" => heavy::child_pdf(it.next(), it.next()),
            _ => {} // `cargo bench` passes `--bench`.
        }
    }
    if a.quick {
        a.years = vec![1];
    }
    a
}

/// A fresh profile of `years` at `dir/heavy-<years>y.db`; returns its path and generation time.
fn generate(dir: &Path, years: u32) -> (PathBuf, f64) {
    let path = dir.join(format!("heavy-{years}y.db"));
    reset_core::store::erase_files(&path).expect("remove old profile");
    let companion = open(&path);
    let t = std::time::Instant::now();
    let summary = companion
        .dev_generate_dataset(years, SEED)
        .expect("generate");
    let ms = t.elapsed().as_secs_f64() * 1e3;
    companion.close();
    let counts: Vec<String> = summary
        .counts
        .iter()
        .map(|c| format!("{}={}", c.table, c.rows))
        .collect();
    eprintln!("generated {years} y in {ms:.0} ms: {}", counts.join(" "));
    (path, ms)
}

fn day(d: NaiveDate) -> String {
    d.to_string()
}

/// Every screen call on one profile, each paired with its floor.
fn screens(path: &Path, years: u32, n: usize) -> Vec<Row> {
    let c = open(path);
    let raw: Connection = floors::open(path, &KEY);
    let today = reset_core::time::local_date(end(), ZONE.parse().expect("zone"));
    let (t, month, year) = (
        day(today),
        day(today - Duration::days(29)),
        day(today - Duration::days(364)),
    );
    let some = |s: &String| Some(reset_core::time::LocalDay::parse(s, "day").expect("day"));
    let p2 = |a: &String, b: &String| -> [Box<dyn ToSql>; 2] {
        [Box::new(a.clone()), Box::new(b.clone())]
    };
    let fetch2 = |sql: &str, a: &String, b: &String| {
        let p = p2(a, b);
        floors::fetch(&raw, sql, &[p[0].as_ref(), p[1].as_ref()]).len()
    };
    let plan = PlanOptions {
        from: None,
        until: Some((end() + Duration::days(30)).into()),
        limit: None,
        platform: Platform::Any,
        exact_alarms_allowed: false,
    };
    let warm = 5;
    let mut rows = Vec::new();
    // A planner's floor is only its inputs' query, so its budget is the absolute 1 ms alone.
    let mut screen = |name: &str, budget: f64, samples: (Vec<_>, Vec<_>)| {
        let ratio = (name != "reminder_plan_30d").then_some(FLOOR_RATIO_BUDGET);
        rows.push(row(
            name,
            years,
            samples.0,
            Some(samples.1),
            budget,
            ratio,
            true,
        ));
    };
    screen(
        "today_check_ins",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || c.check_ins(some(&t), some(&t)).expect("today"),
            || fetch2(floors::CHECK_INS, &t, &t),
        ),
    );
    screen(
        "check_ins_month",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || c.check_ins(some(&month), some(&t)).expect("month"),
            || fetch2(floors::CHECK_INS, &month, &t),
        ),
    );
    screen(
        "mood_calendar_year",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || c.mood_calendar(some(&year), some(&t)).expect("calendar"),
            || fetch2(floors::CALENDAR, &year, &t),
        ),
    );
    screen(
        "insights_year",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || c.insights(some(&year), some(&t)).expect("insights"),
            || floors::insights(&raw, &year, &t),
        ),
    );
    screen(
        "assessment_history_outcome",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || {
                (
                    c.assessment_history(None).expect("history"),
                    c.assessment_outcome().expect("outcome"),
                )
            },
            || floors::fetch(&raw, floors::ASSESSMENTS, &[]).len() + floors::outcome(&raw),
        ),
    );
    screen(
        "programme_today",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || c.programme_today().expect("programme today"),
            || floors::programme_today(&raw),
        ),
    );
    screen(
        "reminder_plan_30d",
        1.0,
        paired(
            warm,
            n,
            || c.reminder_plan(plan.clone()).expect("plan"),
            || floors::reminder_inputs(&raw, &t),
        ),
    );
    screen(
        "search_journal",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || {
                c.search_journal("walk park".into(), Some(20))
                    .expect("search")
            },
            || floors::search(&raw, "walk park"),
        ),
    );
    screen(
        "search_journal_prefix",
        SCREEN_BUDGET_MS,
        paired(
            warm,
            n,
            || c.search_journal("anx*".into(), Some(20)).expect("search"),
            || floors::search(&raw, "anx*"),
        ),
    );
    c.close();
    rows
}

fn main() {
    let a = args();
    std::fs::create_dir_all(&a.dir).expect("bench dir");
    let n = if a.quick { 15 } else { 60 };
    let mut rows = Vec::new();
    let mut largest = None;
    for &years in &a.years {
        let (path, gen_ms) = generate(&a.dir, years);
        rows.push(stats::single("generate_dataset", years, gen_ms, 120_000.0));
        rows.extend(screens(&path, years, n));
        rows.push(heavy::cold_open(&path, years, if a.quick { 5 } else { 20 }));
        largest = Some((path, years));
    }
    if let Some((path, years)) = largest {
        rows.extend(heavy::exports(&path, years, &a.dir, a.quick));
        rows.extend(heavy::backup_restore(&path, years, &a.dir, a.quick));
        rows.push(heavy::pdf_peak_rss(&path, years, &a.dir));
    }
    if let Some(r) = heavy::library_size() {
        rows.push(r);
    }
    stats::print_table(&rows);
    let report = serde_json::json!({
        "machine": heavy::machine(),
        "seed": SEED,
        "end": END,
        "zone": ZONE,
        "quick": a.quick,
        "rows": rows,
    });
    let text = serde_json::to_string_pretty(&report).expect("json");
    std::fs::write(&a.out, text + "\n").expect("write report");
    eprintln!("report: {}", a.out.display());
    let failed: Vec<&Row> = rows.iter().filter(|r| !r.pass).collect();
    for r in &failed {
        eprintln!(
            "over budget: {} ({} y): p95 {:.3} ms, budget {} ms, ratio {:?}",
            r.name, r.years, r.p95_ms, r.budget_ms, r.ratio
        );
    }
    // --check fails only on a wide margin: a loaded 2-core CI box makes tails noisy.
    if a.check && rows.iter().any(|r| r.p95_ms > 3.0 * r.budget_ms) {
        std::process::exit(1);
    }
}
