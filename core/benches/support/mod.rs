//! Shared by the bench binaries: percentiles and the one-JSON-line report format.
#![allow(dead_code)]

use std::time::Duration;

/// Median and p95 of `samples`, in milliseconds.
pub fn percentiles(mut samples: Vec<Duration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(samples[samples.len() / 2]);
    let p95 = ms(samples[(samples.len() * 95 / 100).min(samples.len() - 1)]);
    (median, p95)
}

/// Prints `{"bench":…,"median_ms":…,"p95_ms":…,"budget_ms":…,"within_budget":…}`.
pub fn report(name: &str, samples: Vec<Duration>, budget_ms: f64) {
    let n = samples.len();
    let (median, p95) = percentiles(samples);
    println!(
        "{{\"bench\":\"{name}\",\"n\":{n},\"median_ms\":{median:.4},\"p95_ms\":{p95:.4},\"budget_ms\":{budget_ms},\"within_budget\":{}}}",
        p95 <= budget_ms
    );
}
