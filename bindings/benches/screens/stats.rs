//! Timing, percentiles and the report: one row per measured call, printed as a table and
//! written as JSON (`target/bench/report.json`).

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::Serialize;

/// One line of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub name: String,
    pub years: u32,
    pub n: usize,
    pub median_ms: f64,
    pub p95_ms: f64,
    /// p95 of the CPU time the call used (excludes time the core was lent to other work).
    pub cpu_p95_ms: f64,
    /// The same data fetched with hand-written SQL on the same SQLCipher file; `None` when
    /// there is no meaningful floor.
    pub floor_median_ms: Option<f64>,
    pub floor_p95_ms: Option<f64>,
    /// `median_ms / floor_median_ms`.
    pub ratio: Option<f64>,
    pub budget_ms: f64,
    /// The ratio budget (2× the floor for screen calls), if any.
    pub ratio_budget: Option<f64>,
    pub pass: bool,
}

/// A measured run: wall-clock time and the time this thread was actually on a CPU.
#[derive(Debug, Clone, Copy)]
pub struct Sample {
    pub wall: Duration,
    pub cpu: Duration,
}

#[repr(C)]
struct Timespec {
    tv_sec: i64,
    tv_nsec: i64,
}

unsafe extern "C" {
    fn clock_gettime(clock: i32, ts: *mut Timespec) -> i32;
}

/// This thread's CPU time (Linux `CLOCK_THREAD_CPUTIME_ID`). On a loaded machine the wall
/// clock also counts the time other processes held the core; this does not.
fn thread_cpu() -> Duration {
    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;
    let mut ts = Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec (x86_64/aarch64 Linux layout).
    let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return Duration::ZERO;
    }
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Times one call of `f`.
pub fn measure<T>(f: impl FnOnce() -> T) -> Sample {
    let (c, t) = (thread_cpu(), Instant::now());
    black_box(f());
    Sample {
        wall: t.elapsed(),
        cpu: thread_cpu().saturating_sub(c),
    }
}

/// Median and p95 of `samples` in milliseconds.
pub fn percentiles(samples: &mut [Duration]) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let n = samples.len();
    let p95 = ((n * 95).div_ceil(100)).clamp(1, n) - 1;
    (ms(samples[n / 2]), ms(samples[p95]))
}

/// Runs `call` and `floor` alternately `n` times after `warm` warm-up rounds, so both see the
/// same machine load, and returns their samples.
pub fn paired<A, B>(
    warm: usize,
    n: usize,
    mut call: impl FnMut() -> A,
    mut floor: impl FnMut() -> B,
) -> (Vec<Sample>, Vec<Sample>) {
    for _ in 0..warm {
        black_box(call());
        black_box(floor());
    }
    let (mut a, mut b) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for _ in 0..n {
        a.push(measure(&mut call));
        b.push(measure(&mut floor));
    }
    (a, b)
}

/// Builds a row from samples; `pass` needs the p95 (CPU time for a `screen` call, wall time
/// for the rest, whose I/O and threads the CPU clock would miss) within budget and, when a ratio
/// budget is set, the median within that multiple of the floor's median. Why CPU time: on
/// the shared, loaded build machine a wall-clock tail measures the scheduler (a 4–10 ms
/// time slice lent to another process), not the call; both are reported.
pub fn row(
    name: &str,
    years: u32,
    call: Vec<Sample>,
    floor: Option<Vec<Sample>>,
    budget_ms: f64,
    ratio_budget: Option<f64>,
    screen: bool,
) -> Row {
    let n = call.len();
    let (median_ms, p95_ms) = percentiles(&mut call.iter().map(|s| s.wall).collect::<Vec<_>>());
    let (_, cpu_p95_ms) = percentiles(&mut call.iter().map(|s| s.cpu).collect::<Vec<_>>());
    let (floor_median_ms, floor_p95_ms) = match floor {
        Some(f) => {
            let (m, p) = percentiles(&mut f.iter().map(|s| s.wall).collect::<Vec<_>>());
            (Some(m), Some(p))
        }
        None => (None, None),
    };
    let ratio = floor_median_ms.map(|f| median_ms / f.max(1e-6));
    let ratio_ok = match (ratio, ratio_budget) {
        (Some(r), Some(b)) => r <= b,
        _ => true,
    };
    Row {
        name: name.to_string(),
        years,
        n,
        median_ms,
        p95_ms,
        cpu_p95_ms,
        floor_median_ms,
        floor_p95_ms,
        ratio,
        budget_ms,
        ratio_budget,
        pass: if screen { cpu_p95_ms } else { p95_ms } <= budget_ms && ratio_ok,
    }
}

/// A single measured value (cold open, memory, size) as a row: `value` against `budget`.
pub fn single(name: &str, years: u32, value: f64, budget: f64) -> Row {
    Row {
        name: name.to_string(),
        years,
        n: 1,
        median_ms: value,
        p95_ms: value,
        cpu_p95_ms: value,
        floor_median_ms: None,
        floor_p95_ms: None,
        ratio: None,
        budget_ms: budget,
        ratio_budget: None,
        pass: value <= budget,
    }
}

/// The human table.
pub fn print_table(rows: &[Row]) {
    println!(
        "{:<34} {:>5} {:>10} {:>10} {:>10} {:>10} {:>10} {:>7} {:>9} {:>5}",
        "call",
        "years",
        "median",
        "p95",
        "cpu p95",
        "floor med",
        "floor p95",
        "ratio",
        "budget",
        "pass"
    );
    for r in rows {
        let opt = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.3}"));
        println!(
            "{:<34} {:>5} {:>10.3} {:>10.3} {:>10.3} {:>10} {:>10} {:>7} {:>9} {:>5}",
            r.name,
            r.years,
            r.median_ms,
            r.p95_ms,
            r.cpu_p95_ms,
            opt(r.floor_median_ms),
            opt(r.floor_p95_ms),
            r.ratio.map_or("-".to_string(), |v| format!("{v:.2}")),
            r.budget_ms,
            if r.pass { "yes" } else { "NO" }
        );
    }
}
