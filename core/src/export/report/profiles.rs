//! Test profiles a clinician reads the report through (issue 17's read-through): improving,
//! deteriorating, not at caseness, a risk history and a multilingual one, each built on a real
//! encrypted store with the capabilities' own write functions.

use chrono::{DateTime, Duration, Utc};
use tempfile::TempDir;

use crate::assessment::{TakenAt, parse_answers, region_for, take};
use crate::checkin::{self, CheckInInput, EmotionLabel, LifeArea};
use crate::export::options::{ExportOptions, ExportSection, PageSize};
use crate::export::snapshot::Snapshot;
use crate::export::tests::{LONDON, utc};
use crate::journal::{JournalBody, JournalInput, JournalKind, entries};
use crate::store::{DatabaseKey, Store};

/// Answers for `instrument` (`phq9` or `gad7`) summing to `total`, with PHQ-9 item 9 set to
/// `item9` (`"0"`, `"2"`, `"decline"` …), spread over the other items (each 0–3).
pub(crate) fn answers_for(instrument: &str, total: u32, item9: &str) -> String {
    let (items, fixed) = match instrument {
        "phq9" => (8, item9.parse::<u32>().unwrap_or(0)),
        _ => (7, 0),
    };
    let mut left = total.saturating_sub(fixed);
    let mut out: Vec<String> = (0..items)
        .map(|_| {
            let v = left.min(3);
            left -= v;
            v
        })
        .map(|v| v.to_string())
        .collect();
    if instrument == "phq9" {
        out.push(item9.to_string());
    }
    out.join(",")
}

/// (mood 1–7, labels, areas, instant, zone) of one check-in.
pub(crate) type MoodAt = (
    i32,
    Vec<EmotionLabel>,
    Vec<LifeArea>,
    DateTime<Utc>,
    crate::time::Tz,
);

/// One profile's data.
#[derive(Default)]
pub(crate) struct Profile {
    /// (instrument, total, item 9, instant).
    pub assessments: Vec<(&'static str, u32, &'static str, DateTime<Utc>)>,
    /// (mood 1–7, labels, areas, instant, zone).
    pub check_ins: Vec<MoodAt>,
    /// (text, instant), all shared.
    pub journal: Vec<(String, DateTime<Utc>)>,
    /// The zone the journal entries are written in (London when `None`).
    pub journal_zone: Option<crate::time::Tz>,
    /// Tags typed with every check-in (free text the report must leave out).
    pub check_in_tags: Vec<String>,
    /// (minutes, instant) of breathing practice sessions.
    pub practice: Vec<(u32, DateTime<Utc>)>,
    /// First days of stored treatment episodes (`YYYY-MM-DD`), each started on that day.
    pub episodes: Vec<&'static str>,
}

/// A store holding `p`, written "now" = `now`.
pub(crate) fn store_for(p: &Profile, now: DateTime<Utc>) -> (TempDir, Store) {
    // Records are written as of the latest of them (a record more than five minutes after the
    // clock is refused); the export itself still runs at `now`.
    let latest = p
        .assessments
        .iter()
        .map(|a| a.3)
        .chain(p.check_ins.iter().map(|c| c.3))
        .chain(p.journal.iter().map(|j| j.1))
        .chain(p.practice.iter().map(|s| s.1))
        .max();
    let now = latest.map_or(now, |l| l.max(now));
    let dir = TempDir::new().unwrap();
    let mut store = Store::open(
        &dir.path().join("profile.db"),
        &DatabaseKey::from_bytes(&[9; 32]).unwrap(),
    )
    .unwrap();
    store
        .write(|tx| {
            let region = region_for(tx, Some("GB"), LONDON)?;
            for start in &p.episodes {
                let day = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap();
                crate::assessment::start_episode(tx, day, day, utc(&format!("{start}T08:00:00Z")))?;
            }
            for (id, total, item9, at) in &p.assessments {
                let when = TakenAt {
                    at: *at,
                    now,
                    zone: LONDON,
                };
                let answers = parse_answers(&answers_for(id, *total, item9))?;
                take(tx, id, &answers, region, when)?;
            }
            for (mood, labels, areas, at, zone) in &p.check_ins {
                checkin::add(
                    tx,
                    CheckInInput {
                        mood: *mood,
                        labels: labels.clone(),
                        areas: areas.clone(),
                        tags: p.check_in_tags.clone(),
                        at: Some((*at).into()),
                        ..Default::default()
                    },
                    now,
                    *zone,
                )?;
            }
            let cat = crate::programme::catalogue()?;
            for (minutes, at) in &p.practice {
                let input = crate::practice::PracticeSessionInput {
                    technique: crate::practice::PracticeTechnique::Breathing,
                    actual_minutes: *minutes,
                    planned_minutes: Some(*minutes),
                    completed: true,
                    started_at: Some((*at).into()),
                    step_id: None,
                };
                crate::programme::log_practice(tx, cat, &input, now, LONDON)?;
            }
            for (text, at) in &p.journal {
                entries::add(
                    tx,
                    JournalInput {
                        body: JournalBody::from_text(JournalKind::Free, text),
                        tags: vec![],
                        shared_with_therapist: true,
                        at: Some((*at).into()),
                    },
                    now,
                    p.journal_zone.unwrap_or(LONDON),
                )?;
            }
            Ok(())
        })
        .unwrap();
    (dir, store)
}

/// Every `days` days from `start`, `n` times.
pub(crate) fn every(start: &str, days: i64, n: usize) -> Vec<DateTime<Utc>> {
    let t = utc(start);
    (0..n)
        .map(|i| t + Duration::days(days * i as i64))
        .collect()
}

/// A snapshot of `p` for `from`–`to`, every section, optional cover name.
pub(crate) fn snapshot_of(
    p: &Profile,
    from: &str,
    to: &str,
    name: Option<&str>,
) -> (TempDir, Snapshot) {
    snapshot_with(p, from, to, name, ExportSection::DEFAULT.to_vec())
}

/// A snapshot of `p` for `from`–`to` with only the sections in `include`.
pub(crate) fn snapshot_with(
    p: &Profile,
    from: &str,
    to: &str,
    name: Option<&str>,
    include: Vec<ExportSection>,
) -> (TempDir, Snapshot) {
    let now = utc(&format!("{to}T20:00:00Z"));
    let (dir, mut store) = store_for(p, now);
    let options = ExportOptions {
        from: Some(from.into()),
        to: Some(to.into()),
        include: Some(include),
        name: name.map(Into::into),
        page_size: PageSize::A4,
        fonts: None,
        replace_existing: false,
    };
    let snap = crate::export::read(&mut store, &options, now, LONDON).unwrap();
    (dir, snap)
}

/// PHQ-9 `phq` and GAD-7 `gad` totals, fortnightly from `start`, item 9 from `item9`.
pub(crate) fn series(
    start: &str,
    phq: &[u32],
    gad: &[u32],
    item9: &[&'static str],
) -> Vec<(&'static str, u32, &'static str, DateTime<Utc>)> {
    let mut out = Vec::new();
    for (i, at) in every(start, 14, phq.len().max(gad.len()))
        .into_iter()
        .enumerate()
    {
        if let Some(t) = phq.get(i) {
            out.push(("phq9", *t, item9.get(i).copied().unwrap_or("0"), at));
        }
        if let Some(t) = gad.get(i) {
            out.push(("gad7", *t, "0", at + Duration::minutes(5)));
        }
    }
    out
}

#[test]
fn answers_for_hits_the_total_and_item_9() {
    assert_eq!(answers_for("phq9", 9, "1"), "3,3,2,0,0,0,0,0,1");
    assert_eq!(answers_for("phq9", 3, "decline"), "3,0,0,0,0,0,0,0,decline");
    assert_eq!(answers_for("gad7", 8, "0"), "3,3,2,0,0,0,0");
}
