//! Therapist export timings and memory (issue 8): the PDF for one year and for ten years of
//! daily data, and the peak resident memory while the ten-year PDF is made.
//!
//! Run: `cargo bench -p reset-core --bench export` (prints JSON lines; set
//! `RESET_BENCH_OUT=<folder>` to keep the two PDFs). Peak memory is the
//! process's high-water mark (Linux `VmHWM`), reset just before the ten-year PDF through
//! `/proc/self/clear_refs`, so profile generation does not count.
//!
//! "Daily data": a check-in every day (two on weekends), a practice session every day,
//! GAD-7 and PHQ-9 every week, PSS-10 and WSAS every four weeks, a journal entry every three
//! days (every other one shared), a programme with its steps — all written through the
//! core's public functions on a real encrypted profile.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Duration as Span, Utc};
use reset_core::assessment::{self, TakenAt};
use reset_core::checkin::{self, CheckInInput};
use reset_core::export::{self, ExportFormat, ExportOptions, ExportSection, PageSize};
use reset_core::journal::{JournalBody, JournalInput, JournalKind, entries};
use reset_core::practice::{PracticeSessionInput, PracticeTechnique};
use reset_core::progress::Silent;
use reset_core::store::{DatabaseKey, Store};

const ZONE: reset_core::time::Tz = reset_core::time::Tz::known("Europe/London");

fn answers(len: usize, day: i64, max: u8) -> String {
    (0..len)
        .map(|i| ((day as usize / 7 + i) % (usize::from(max) + 1)).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// Fills a profile with `years` of daily data ending at `now`.
fn generate(store: &mut Store, years: i64, now: DateTime<Utc>) {
    let days = years * 365;
    let start = now - Span::days(days);
    store
        .write(|tx| {
            let region = assessment::region_for(tx, Some("GB"), ZONE)?;
            let cat = reset_core::programme::catalogue()?;
            for day in 0..days {
                let morning = start + Span::days(day) + Span::hours(8);
                let n = if day % 7 >= 5 { 2 } else { 1 };
                for k in 0..n {
                    let input = CheckInInput {
                        mood: 1 + ((day + k) % 7) as i32,
                        at: Some((morning + Span::hours(6 * k)).into()),
                        ..Default::default()
                    };
                    checkin::add(tx, input, now, ZONE)?;
                }
                let practice = PracticeSessionInput {
                    technique: PracticeTechnique::ALL[(day % 4) as usize],
                    actual_minutes: 5 + (day % 20) as u32,
                    planned_minutes: Some(10),
                    completed: true,
                    started_at: Some((morning + Span::hours(12)).into()),
                    step_id: None,
                };
                reset_core::programme::log_practice(tx, cat, &practice, now, ZONE)?;
                let when = TakenAt { at: morning + Span::hours(1), now, zone: ZONE };
                if day % 7 == 0 {
                    let gad7 = assessment::parse_answers(&answers(7, day, 3))?;
                    assessment::take(tx, "gad7", &gad7, region, when)?;
                    let phq9 = assessment::parse_answers(&answers(9, day, 3))?;
                    assessment::take(tx, "phq9", &phq9, region, when)?;
                }
                if day % 28 == 0 {
                    assessment::take(tx, "pss10", &assessment::parse_answers(&answers(10, day, 4))?, region, when)?;
                    assessment::take(tx, "wsas", &assessment::parse_answers(&answers(5, day, 8))?, region, when)?;
                }
                if day % 3 == 0 {
                    let text = "Noticed the worry, named it, and went for a walk anyway. Felt a little lighter after.";
                    let input = JournalInput {
                        body: JournalBody::from_text(JournalKind::Free, text),
                        tags: vec!["walk".into()],
                        shared_with_therapist: day % 6 == 0,
                        at: Some((morning + Span::hours(13)).into()),
                    };
                    entries::add(tx, input, now, ZONE)?;
                }
            }
            Ok(())
        })
        .expect("generate profile");
}

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn time_pdf(
    store: &mut Store,
    out: &Path,
    now: DateTime<Utc>,
    runs: usize,
) -> (Vec<Duration>, export::ExportSummary) {
    let options = ExportOptions {
        include: Some(ExportSection::ALL.to_vec()),
        page_size: PageSize::A4,
        ..Default::default()
    };
    let mut samples = Vec::new();
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let summary = export::export(store, ExportFormat::Pdf, &options, out, now, ZONE, &Silent)
            .expect("pdf");
        samples.push(t.elapsed());
        last = Some(summary);
    }
    (samples, last.expect("at least one run"))
}

fn report(name: &str, mut samples: Vec<Duration>, budget_ms: f64, summary: &export::ExportSummary) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = ms(samples[samples.len() / 2]);
    let worst = ms(samples[samples.len() - 1]);
    let c = &summary.counts;
    println!(
        "{{\"bench\":\"{name}\",\"n\":{},\"median_ms\":{median:.1},\"max_ms\":{worst:.1},\"budget_ms\":{budget_ms},\"within_budget\":{},\"pages\":{},\"bytes\":{},\"assessments\":{},\"check_ins\":{},\"practice_sessions\":{},\"shared_journal_entries\":{}}}",
        samples.len(),
        worst <= budget_ms,
        summary.pages,
        summary.bytes,
        c.assessments,
        c.check_ins,
        c.practice_sessions,
        c.shared_journal_entries
    );
}

fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let key = DatabaseKey::from_bytes(&[42; 32]).expect("key");
    let now: DateTime<Utc> = "2030-01-01T12:00:00Z".parse().expect("now");

    let mut one = Store::open(&dir.path().join("one-year.db"), &key).expect("open");
    generate(&mut one, 1, now);
    let (samples, summary) = time_pdf(&mut one, &dir.path().join("one-year.pdf"), now, 7);
    report("pdf_one_year_daily", samples, 500.0, &summary);
    drop(one);

    let mut ten = Store::open(&dir.path().join("ten-years.db"), &key).expect("open");
    generate(&mut ten, 10, now);
    // Reset the high-water mark so only the export is measured (Linux ≥ 4.0).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = rss_kib("VmRSS:");
    let (samples, summary) = time_pdf(&mut ten, &dir.path().join("ten-years.pdf"), now, 3);
    let peak = rss_kib("VmHWM:");
    report("pdf_ten_years_daily", samples, 3000.0, &summary);
    // RESET_BENCH_OUT=<folder> keeps the two reports for a person to look at.
    if let Ok(keep) = std::env::var("RESET_BENCH_OUT") {
        for name in ["one-year.pdf", "ten-years.pdf"] {
            let _ = std::fs::copy(dir.path().join(name), Path::new(&keep).join(name));
        }
    }
    println!(
        "{{\"bench\":\"pdf_ten_years_peak_rss\",\"peak_rss_mib\":{:.1},\"rss_before_mib\":{:.1},\"budget_mib\":100,\"within_budget\":{},\"high_water_mark_reset\":{reset}}}",
        peak as f64 / 1024.0,
        before as f64 / 1024.0,
        (peak as f64 / 1024.0) < 100.0
    );
}
