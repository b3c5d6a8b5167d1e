//! The data of one export, read in ONE read transaction so every format shows a consistent
//! snapshot even if the app writes while the export runs (DESIGN §3).
//!
//! Reads through the capabilities' own query functions where they exist (assessment history
//! and safety events, check-ins, journal entries, practice sessions) and plain SQL where none
//! does (programme completions across every enrolment, not only the current one). Must never hold what an export may
//! not show: check-in notes and tags are dropped here, and only journal entries marked
//! shared with the therapist are kept — so no format can leak them by mistake.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::clinical::{self, EpisodeBaseline, RiskHistory};
use super::options::{ExportPreview, ExportSection, Scope};
use crate::assessment::{self, AssessmentRecord, SafetyEvent};
use crate::checkin::{self, EmotionLabel, LifeArea, MoodKind};
use crate::error::{Error, Result};
use crate::journal::JournalEntry;
use crate::journal::entries::{self, JournalFilter};
use crate::practice::{self, PracticeSession};
use crate::programme;
use crate::time;
use crate::time::DateRange;

/// A check-in as exports show it: no note, no tags (free text without a sharing choice).
#[derive(Debug, Clone, PartialEq)]
pub struct MoodPoint {
    /// The check-in's id.
    pub id: String,
    /// The instant in RFC 3339 with the offset of the zone it was captured in.
    pub at: String,
    /// Unix milliseconds UTC (for ordering and charts).
    pub at_ms: i64,
    /// The local day it belongs to.
    pub local_date: String,
    /// The IANA zone at capture.
    pub zone: String,
    /// Momentary emotion or daily mood.
    pub kind: MoodKind,
    /// 1 very unpleasant … 7 very pleasant.
    pub mood: i32,
    /// Emotion words.
    pub labels: Vec<EmotionLabel>,
    /// Life areas.
    pub areas: Vec<LifeArea>,
}

/// One completed programme step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepDone {
    /// Step id.
    pub step_id: String,
    /// Step title from the content pack (the id when the pack no longer has it).
    pub title: String,
    /// When, RFC 3339 with its zone's offset.
    pub completed_at: String,
    /// The local day it counts for.
    pub local_date: String,
    /// The IANA zone it was completed in.
    pub time_zone: String,
}

/// One enrolment with the steps completed in the range.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgrammeRun {
    /// The enrolment's id.
    pub enrolment_id: i64,
    /// Programme id.
    pub programme_id: String,
    /// Programme title (the id when the catalogue no longer has it).
    pub title: String,
    /// `active`, `finished`, `left` or `restarted`.
    pub state: String,
    /// Enrolled at, RFC 3339 with its zone's offset.
    pub started_at: String,
    /// Steps in the programme.
    pub total_steps: u32,
    /// Steps completed in this enrolment, ever.
    pub completed_steps: u32,
    /// Steps completed within the range, oldest first.
    pub steps_in_range: Vec<StepDone>,
}

/// Everything one export shows, already filtered to the scope.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The resolved choices.
    pub scope: Scope,
    /// A random per-profile id for the pseudonymous FHIR Patient (never a name).
    pub pseudonym: String,
    /// Assessments in the range, oldest first.
    pub assessments: Vec<AssessmentRecord>,
    /// Safety signposts shown in the range, oldest first (always read: risk is safety
    /// information, whatever the sections).
    pub safety_events: Vec<SafetyEvent>,
    /// PHQ-9 item 9 answered above 0 or declined: in the range, and the latest before it.
    pub risk: RiskHistory,
    /// The treatment episode the range ends in, with its first and last scores.
    pub episode: Option<EpisodeBaseline>,
    /// Earlier treatment episodes whose scores reach into the range, oldest first, each
    /// paired over its own span (second-round review L4).
    pub earlier_episodes: Vec<EpisodeBaseline>,
    /// Each assessment's episode and whether it is that episode's baseline, by assessment id.
    pub episode_marks: BTreeMap<i64, clinical::EpisodeMark>, // by legacy_id (row number)
    /// Check-ins in the range, oldest first.
    pub check_ins: Vec<MoodPoint>,
    /// The core's insights over the range's check-ins (calendar, weekday, time of day, emotion
    /// words and life areas) when check-ins are included — tag associations and everything
    /// from journal entries removed, since those are not the person's to share here.
    pub insights: Option<crate::insights::Insights>,
    /// Practice sessions in the range, oldest first.
    pub practice: Vec<PracticeSession>,
    /// Enrolments with a step completed in the range, or started in it.
    pub programmes: Vec<ProgrammeRun>,
    /// Journal entries marked shared, in the range, oldest first.
    pub journal: Vec<JournalEntry>,
    /// Journal entries in the range left out because they are not shared (a count only).
    pub private_journal_entries: u64,
    /// The person's current safety plan — only when they included it (issue 20).
    pub safety_plan: Option<crate::safety_plan::SafetyPlan>,
    /// The newest plan version and its local save day, when it was saved after the range's
    /// end (therapist review M2: the report shows the version in force at `to`).
    pub safety_plan_newer: Option<(u32, chrono::NaiveDate)>,
}

/// The setting holding the pseudonym (created on the first export, kept in backups).
pub const PSEUDONYM_SETTING: &str = "export.pseudonym";

/// Returns the profile's pseudonym, creating it (128 bits from SQLite's CSPRNG) if absent.
pub fn ensure_pseudonym(conn: &Connection) -> Result<String> {
    if let Some(p) = read_pseudonym(conn)? {
        return Ok(p);
    }
    let fresh: String = conn.query_row("SELECT lower(hex(randomblob(16)))", [], |r| r.get(0))?;
    crate::preferences::set(conn, PSEUDONYM_SETTING, &fresh)?;
    Ok(fresh)
}

fn read_pseudonym(conn: &Connection) -> Result<Option<String>> {
    crate::preferences::get(conn, PSEUDONYM_SETTING)
}

/// Reads everything `scope` includes in one read transaction (`BEGIN DEFERRED`).
pub fn read(conn: &Connection, scope: Scope) -> Result<Snapshot> {
    let tx = conn.unchecked_transaction()?;
    let range = DateRange {
        from: Some(scope.from),
        to: Some(scope.to),
    };
    let in_range = |d: &str| scope.contains(d);

    // Risk (item 9 and the crisis signposts shown) is safety information: it is read whatever
    // the person chose to include (therapist read-through, finding 4; docs/report-read-through.md).
    let all = assessment::history(&tx, None)?;
    let risk = clinical::risk_history(&all, scope.from, scope.to);
    let mut safety_events = assessment::safety_events(&tx)?;
    safety_events.retain(|e| in_range(&e.occurred.local_date.to_string()));
    let (assessments, episode, earlier_episodes, episode_marks) =
        if scope.has(ExportSection::Assessments) {
            let next_start = assessment::next_episode_start(&tx, scope.to)?;
            let (episode, earlier) = match assessment::episode_at(&tx, scope.to)? {
                Some(e) => {
                    let earlier = clinical::earlier_episodes(&all, &e, scope.from, |d| {
                        assessment::episode_at(&tx, d)
                    })?;
                    (
                        Some(clinical::baseline(&all, e, scope.to, next_start)?),
                        earlier,
                    )
                }
                None => (None, Vec::new()),
            };
            let marks =
                clinical::episode_marks(&tx, &all, |r| in_range(&r.taken.local_date.to_string()))?;
            let mut a = all;
            a.retain(|r| in_range(&r.taken.local_date.to_string()));
            (a, episode, earlier, marks)
        } else {
            (Vec::new(), None, Vec::new(), BTreeMap::new())
        };

    let check_ins = if scope.has(ExportSection::CheckIns) {
        let mut points: Vec<MoodPoint> = checkin::list(&tx, &range)?
            .into_iter()
            .map(mood_point)
            .collect::<Result<_>>()?;
        points.sort_by_key(|p| p.at_ms);
        points
    } else {
        Vec::new()
    };

    let insights = if scope.has(ExportSection::CheckIns) {
        let mut i = crate::insights::compute(&tx, scope.from, scope.to)?;
        i.associations
            .retain(|a| a.source != crate::insights::AssociationSource::Tag);
        (i.thought_record_count, i.distortions, i.emotion_changes) = (0, Vec::new(), Vec::new());
        Some(i)
    } else {
        None
    };

    let practice = if scope.has(ExportSection::Practice) {
        practice::session::list(&tx, Some(scope.from), Some(scope.to))?
    } else {
        Vec::new()
    };
    let programmes = if scope.has(ExportSection::Programmes) {
        programme_runs(&tx, &scope)?
    } else {
        Vec::new()
    };

    let (private_journal_entries, journal) = if scope.has(ExportSection::Journal) {
        let (from, to) = scope.bounds();
        let _ = (from, to);
        let filter = JournalFilter {
            from: Some(scope.from.into()),
            to: Some(scope.to.into()),
            kind: None,
        };
        let all = entries::list(&tx, &filter)?;
        let total = all.len() as u64;
        let mut shared: Vec<JournalEntry> = all
            .into_iter()
            .filter(|e| e.shared_with_therapist)
            .collect();
        shared.reverse();
        (total - shared.len() as u64, shared)
    } else {
        (0, Vec::new())
    };
    let (safety_plan, safety_plan_newer) = if scope.has(ExportSection::SafetyPlan) {
        plan_in_force(
            crate::safety_plan::history(&tx, scope.zone)?,
            scope.to,
            scope.zone,
        )
    } else {
        (None, None)
    };
    let pseudonym = read_pseudonym(&tx)?.unwrap_or_default();
    tx.finish()?;
    Ok(Snapshot {
        scope,
        pseudonym,
        assessments,
        safety_events,
        risk,
        episode,
        earlier_episodes,
        episode_marks,
        check_ins,
        insights,
        practice,
        programmes,
        journal,
        private_journal_entries,
        safety_plan,
        safety_plan_newer,
    })
}

/// The local day `plan` was saved, in the zone it was saved in (`fallback` if unknown).
fn saved_day(plan: &crate::safety_plan::SafetyPlan, fallback: crate::time::Tz) -> NaiveDate {
    let zone = plan.zone.parse().unwrap_or(fallback);
    crate::time::local_date(plan.saved_at.0, zone)
}

/// From `history` (newest first): the latest version saved on or before `to`, and the newest
/// version with its day when that one was saved after `to`.
pub(crate) fn plan_in_force(
    history: Vec<crate::safety_plan::SafetyPlan>,
    to: NaiveDate,
    zone: crate::time::Tz,
) -> (
    Option<crate::safety_plan::SafetyPlan>,
    Option<(u32, NaiveDate)>,
) {
    let newer = history
        .first()
        .map(|p| (p.version, saved_day(p, zone)))
        .filter(|(_, day)| *day > to);
    let in_force = history.into_iter().find(|p| saved_day(p, zone) <= to);
    (in_force, newer)
}

fn mood_point(c: checkin::CheckIn) -> Result<MoodPoint> {
    // Whole seconds, as the export has always placed check-ins on its charts.
    let at_ms = c.captured.at.unix_ms().div_euclid(1000) * 1000;
    Ok(MoodPoint {
        id: c.id,
        at: c.captured.local_time(),
        at_ms,
        local_date: c.captured.local_date.to_string(),
        zone: c.captured.time_zone,
        kind: c.kind,
        mood: c.mood,
        labels: c.labels,
        areas: c.areas,
    })
}

/// Formats a stored instant in its stored zone, RFC 3339 with offset.
fn local_instant(ms: i64, zone: &str) -> Result<String> {
    let at = time::from_unix_ms(ms, "instant")?;
    let tz = time::parse_zone(zone).map_err(|_| Error::Corrupt {
        reason: "a stored time zone is not a known IANA zone".into(),
    })?;
    Ok(time::format_local(at, tz))
}

fn programme_runs(conn: &Connection, scope: &Scope) -> Result<Vec<ProgrammeRun>> {
    let (from, to) = scope.bounds();
    let cat = programme::catalogue()?;
    let mut enrolments = conn.prepare_cached(
        "SELECT e.id, e.programme_id, e.state, e.started_ms, e.time_zone,
                (SELECT count(*) FROM programme_completions c WHERE c.enrolment_id = e.id)
         FROM programme_enrolments e
         WHERE e.local_date BETWEEN ?1 AND ?2
            OR EXISTS (SELECT 1 FROM programme_completions c
                       WHERE c.enrolment_id = e.id AND c.local_date BETWEEN ?1 AND ?2)
         ORDER BY e.started_ms, e.id",
    )?;
    let rows = enrolments.query_map([&from, &to], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, u32>(5)?,
        ))
    })?;
    let mut steps = conn.prepare_cached(
        "SELECT step_id, at_ms, time_zone, local_date FROM programme_completions
         WHERE enrolment_id = ?1 AND local_date BETWEEN ?2 AND ?3 ORDER BY at_ms, step_id",
    )?;
    let mut out = Vec::new();
    for row in rows {
        let (id, programme_id, state, started_ms, zone, completed_steps) = row?;
        let content = cat.get(&programme_id).ok();
        let mut steps_in_range = Vec::new();
        let done = steps.query_map(rusqlite::params![id, from, to], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for d in done {
            let (step_id, at_ms, step_zone, local_date) = d?;
            let title = content
                .and_then(|p| p.step(&step_id))
                .map_or_else(|| step_id.clone(), |s| s.title.clone());
            steps_in_range.push(StepDone {
                completed_at: local_instant(at_ms, &step_zone)?,
                time_zone: step_zone,
                step_id,
                title,
                local_date,
            });
        }
        out.push(ProgrammeRun {
            enrolment_id: id,
            title: content.map_or_else(|| programme_id.clone(), |p| p.title.clone()),
            total_steps: content.map_or(0, |p| u32::try_from(p.steps.len()).unwrap_or(u32::MAX)),
            programme_id,
            state,
            started_at: local_instant(started_ms, &zone)?,
            completed_steps,
            steps_in_range,
        });
    }
    Ok(out)
}

impl Snapshot {
    /// Mean mood (1–7) of the check-ins in the range, or `None` when there are none.
    pub fn mean_mood(&self) -> Option<f64> {
        let n = self.check_ins.len();
        (n > 0).then(|| {
            self.check_ins
                .iter()
                .map(|c| f64::from(c.mood))
                .sum::<f64>()
                / n as f64
        })
    }

    /// Assessments grouped by instrument id, each oldest first.
    pub fn by_instrument(&self) -> BTreeMap<&str, Vec<&AssessmentRecord>> {
        let mut map: BTreeMap<&str, Vec<&AssessmentRecord>> = BTreeMap::new();
        for a in &self.assessments {
            map.entry(a.instrument.as_str()).or_default().push(a);
        }
        map
    }

    /// The latest assessment of `instrument` in the range.
    pub fn latest(&self, instrument: &str) -> Option<&AssessmentRecord> {
        self.assessments
            .iter()
            .rev()
            .find(|a| a.instrument == instrument)
    }

    /// The first assessment of `instrument` in the range.
    pub fn first(&self, instrument: &str) -> Option<&AssessmentRecord> {
        self.assessments.iter().find(|a| a.instrument == instrument)
    }

    /// What the snapshot holds, counted as the preview counts it.
    pub fn counts(&self) -> ExportPreview {
        ExportPreview {
            from: self.scope.from.into(),
            to: self.scope.to.into(),
            sections: self.scope.sections.iter().copied().collect(),
            assessments: self.assessments.len() as u64,
            safety_events: self.safety_events.len() as u64,
            check_ins: self.check_ins.len() as u64,
            practice_sessions: self.practice.len() as u64,
            practice_minutes: self.practice_minutes(),
            programme_steps: self
                .programmes
                .iter()
                .map(|p| p.steps_in_range.len() as u64)
                .sum(),
            shared_journal_entries: self.journal.len() as u64,
            private_journal_entries: self.private_journal_entries,
            safety_plan_version: self.safety_plan.as_ref().map(|p| p.version),
        }
    }

    /// Total practice minutes in the range.
    pub fn practice_minutes(&self) -> u64 {
        self.practice
            .iter()
            .map(|s| u64::from(s.actual_minutes))
            .sum()
    }
}
