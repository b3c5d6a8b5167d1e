//! What goes into a therapist export: the date range, the sections, the page size, and a
//! preview that counts what would be included before anything is written.
//!
//! Owns the defaults (every section, including the journal entries the person marked shared;
//! the range ends today) and the resolved
//! [`Scope`] every format works from. Must never count or include a journal entry that is
//! not marked shared with the therapist.

use std::collections::BTreeSet;
use std::str::FromStr;

use crate::time::Tz;
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::time::{self, LocalDay};

/// A kind of data a person can include in an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ExportSection {
    /// Questionnaire results (item-level answers, totals, bands) and the crisis signposts shown.
    Assessments,
    /// Mood check-ins (mood, emotion words, life areas; never the free-text note).
    #[serde(rename = "checkins")]
    CheckIns,
    /// Practice sessions (technique and minutes).
    Practice,
    /// Programme enrolments and the steps completed.
    Programmes,
    /// Journal entries the person marked "shared with my therapist" (and only those).
    Journal,
    /// The person's current safety plan (issue 20): only when they include it — never by
    /// default, because it names the people they would call.
    SafetyPlan,
}

impl ExportSection {
    /// Every section, in report order.
    pub const ALL: [ExportSection; 6] = [
        ExportSection::Assessments,
        ExportSection::CheckIns,
        ExportSection::Practice,
        ExportSection::Programmes,
        ExportSection::Journal,
        ExportSection::SafetyPlan,
    ];

    /// Included when the person does not choose: every section but the safety plan. Journal
    /// entries are in by default because each one appears only when the person already marked
    /// it "shared with my therapist" (issue 17); the safety plan only when the person includes
    /// it (issue 20); `include` narrows or adds.
    pub const DEFAULT: [ExportSection; 5] = [
        ExportSection::Assessments,
        ExportSection::CheckIns,
        ExportSection::Practice,
        ExportSection::Programmes,
        ExportSection::Journal,
    ];

    /// The name used by the CLI's `--include` (`assessments`, `checkins`, …).
    pub fn code(self) -> &'static str {
        match self {
            ExportSection::Assessments => "assessments",
            ExportSection::CheckIns => "checkins",
            ExportSection::Practice => "practice",
            ExportSection::Programmes => "programmes",
            ExportSection::Journal => "journal",
            ExportSection::SafetyPlan => "safety-plan",
        }
    }

    /// Parses a comma-separated list such as `assessments,checkins`; empty items are ignored.
    pub fn parse_list(text: &str) -> Result<Vec<ExportSection>> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(ExportSection::from_str)
            .collect()
    }
}

impl FromStr for ExportSection {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        let wanted = text.trim().to_ascii_lowercase().replace(['_', '-'], "");
        ExportSection::ALL
            .into_iter()
            .find(|s| s.code().replace('-', "") == wanted)
            .ok_or_else(|| {
                Error::invalid(
                    "include",
                    "expected a list of assessments, checkins, practice, programmes, journal, safety-plan",
                )
            })
    }
}

/// Paper size of the PDF report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PageSize {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in PDF points (1/72 in).
    pub fn points(self) -> (f32, f32) {
        match self {
            PageSize::A4 => (595.28, 841.89),
            PageSize::Letter => (612.0, 792.0),
        }
    }
}

impl FromStr for PageSize {
    type Err = Error;
    fn from_str(text: &str) -> Result<Self> {
        match text.trim().to_ascii_lowercase().as_str() {
            "a4" => Ok(PageSize::A4),
            "letter" | "us-letter" | "us_letter" => Ok(PageSize::Letter),
            _ => Err(Error::invalid("page_size", "expected a4 or letter")),
        }
    }
}

/// What the person chose on the export screen.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ExportOptions {
    /// First local day included; `None` = from the first record.
    pub from: Option<LocalDay>,
    /// Last local day included; `None` = today.
    pub to: Option<LocalDay>,
    /// Sections to include; `None` = [`ExportSection::DEFAULT`] (every section; only
    /// entries marked shared ever appear).
    pub include: Option<Vec<ExportSection>>,
    /// A name for the PDF cover only (never in CSV or FHIR, whose Patient is pseudonymous).
    pub name: Option<String>,
    /// Paper size of the PDF.
    pub page_size: PageSize,
    /// Platform font files for text the embedded Latin font lacks (Greek, Arabic, CJK,
    /// emoji …), in order of preference; `None` = none (such characters show as boxes).
    #[serde(default)]
    #[cfg_attr(feature = "ffi", uniffi(default = None))]
    pub fonts: Option<Vec<crate::export::report::ReportFont>>,
    /// CSV into an existing folder: replace files of the same names already there. Off by
    /// default — such a folder is refused, naming the first clash, and nothing is written.
    #[serde(default)]
    #[cfg_attr(feature = "ffi", uniffi(default = false))]
    pub replace_existing: bool,
}

/// The resolved choices every format works from.
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// First local day included.
    pub from: NaiveDate,
    /// Last local day included.
    pub to: NaiveDate,
    /// The sections included.
    pub sections: BTreeSet<ExportSection>,
    /// The cover name, trimmed; `None` when empty.
    pub name: Option<String>,
    /// PDF paper size.
    pub page_size: PageSize,
    /// When the export was made (the injected clock).
    pub generated_at: DateTime<Utc>,
    /// The zone the person is in now (for "generated at").
    pub zone: Tz,
    /// Platform fonts for the PDF, in order of preference.
    pub fonts: Vec<crate::export::report::ReportFont>,
}

/// The longest cover name accepted, in characters.
const MAX_NAME: usize = 120;

impl Scope {
    /// Whether `section` is included.
    pub fn has(&self, section: ExportSection) -> bool {
        self.sections.contains(&section)
    }

    /// Whether the local day `date` (`YYYY-MM-DD`) lies in the range.
    pub fn contains(&self, date: &str) -> bool {
        NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok_and(|d| self.from <= d && d <= self.to)
    }

    /// `from` and `to` as `YYYY-MM-DD`, for SQL `BETWEEN`.
    pub fn bounds(&self) -> (String, String) {
        (self.from.to_string(), self.to.to_string())
    }
}

/// Resolves `options` against the data (`conn`, for the first record's day), the clock and
/// the zone. An open start begins at the first record; an open end is today.
pub fn resolve(
    conn: &Connection,
    options: &ExportOptions,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<Scope> {
    let today = time::local_date(now, zone);
    let to = options.to.map_or(today, LocalDay::date);
    let from = match options.from {
        Some(f) => f.date(),
        None => first_day(conn)?.map_or(to, |d| d.min(to)),
    };
    if from > to {
        return Err(Error::invalid("from", "is after `to`"));
    }
    let sections: BTreeSet<ExportSection> = match &options.include {
        Some(list) if list.is_empty() => {
            return Err(Error::invalid("include", "choose at least one section"));
        }
        Some(list) => list.iter().copied().collect(),
        None => ExportSection::DEFAULT.into_iter().collect(),
    };
    let name = options
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    if name.is_some_and(|n| n.chars().count() > MAX_NAME) {
        return Err(Error::invalid(
            "name",
            format!("at most {MAX_NAME} characters"),
        ));
    }
    Ok(Scope {
        from,
        to,
        sections,
        name: name.map(str::to_string),
        page_size: options.page_size,
        generated_at: now,
        zone,
        fonts: options.fonts.clone().unwrap_or_default(),
    })
}

/// The earliest local day holding any record an export can include.
fn first_day(conn: &Connection) -> Result<Option<NaiveDate>> {
    let first: Option<String> = conn.query_row(
        "SELECT min(d) FROM (
             SELECT min(local_date) AS d FROM assessments
             UNION ALL SELECT min(local_date) FROM safety_events
             UNION ALL SELECT min(local_date) FROM check_ins
             UNION ALL SELECT min(local_date) FROM practice_sessions
             UNION ALL SELECT min(local_date) FROM programme_completions
             UNION ALL SELECT min(local_date) FROM journal_entries WHERE shared_with_therapist = 1)",
        [],
        |r| r.get(0),
    )?;
    first
        .map(|d| time::parse_date(&d, "local_date"))
        .transpose()
}

/// What an export would contain: shown to the person before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ExportPreview {
    /// First local day included.
    pub from: LocalDay,
    /// Last local day included.
    pub to: LocalDay,
    /// The sections included.
    pub sections: Vec<ExportSection>,
    /// Questionnaires completed in the range.
    pub assessments: u64,
    /// Crisis signposts shown in the range (always: risk is in every export).
    pub safety_events: u64,
    /// Mood check-ins.
    pub check_ins: u64,
    /// Practice sessions.
    pub practice_sessions: u64,
    /// Minutes of practice in those sessions.
    pub practice_minutes: u64,
    /// Programme steps completed.
    pub programme_steps: u64,
    /// Journal entries marked shared with the therapist.
    pub shared_journal_entries: u64,
    /// Journal entries in the range that stay out because they are not marked shared.
    pub private_journal_entries: u64,
    /// The version of the safety plan the export shows (the one in force at `to`); `None`
    /// when not included or none was saved by then.
    pub safety_plan_version: Option<u32>,
}

/// Counts what `scope` includes, in one read transaction.
pub fn preview(conn: &Connection, scope: &Scope) -> Result<ExportPreview> {
    let tx = conn.unchecked_transaction()?;
    let (from, to) = scope.bounds();
    let count = |section: ExportSection, sql: &str| -> Result<u64> {
        if !scope.has(section) {
            return Ok(0);
        }
        let n: i64 = tx.query_row(sql, [&from, &to], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    use ExportSection::*;
    let preview = ExportPreview {
        from: LocalDay(scope.from),
        to: LocalDay(scope.to),
        sections: scope.sections.iter().copied().collect(),
        assessments: count(
            Assessments,
            "SELECT count(*) FROM assessments WHERE local_date BETWEEN ?1 AND ?2",
        )?,
        // Always counted: the risk section (and safety_events.csv, the signpost Observations)
        // is in every export, whatever the sections (it is safety information).
        safety_events: {
            let n: i64 = tx.query_row(
                "SELECT count(*) FROM safety_events WHERE local_date BETWEEN ?1 AND ?2",
                [&from, &to],
                |r| r.get(0),
            )?;
            u64::try_from(n).unwrap_or(0)
        },
        check_ins: count(
            CheckIns,
            "SELECT count(*) FROM check_ins WHERE local_date BETWEEN ?1 AND ?2",
        )?,
        practice_sessions: count(
            Practice,
            "SELECT count(*) FROM practice_sessions WHERE local_date BETWEEN ?1 AND ?2",
        )?,
        practice_minutes: count(
            Practice,
            "SELECT coalesce(sum(actual_minutes), 0) FROM practice_sessions WHERE local_date BETWEEN ?1 AND ?2",
        )?,
        programme_steps: count(
            Programmes,
            "SELECT count(*) FROM programme_completions WHERE local_date BETWEEN ?1 AND ?2",
        )?,
        shared_journal_entries: count(
            Journal,
            "SELECT count(*) FROM journal_entries WHERE shared_with_therapist = 1 AND local_date BETWEEN ?1 AND ?2",
        )?,
        private_journal_entries: count(
            Journal,
            "SELECT count(*) FROM journal_entries WHERE shared_with_therapist = 0 AND local_date BETWEEN ?1 AND ?2",
        )?,
        // The version the export will show: the one in force at `to` (therapist review M2),
        // not simply the newest.
        safety_plan_version: if scope.has(SafetyPlan) {
            super::snapshot::plan_in_force(
                crate::safety_plan::history(&tx, scope.zone)?,
                scope.to,
                scope.zone,
            )
            .0
            .map(|p| p.version)
        } else {
            None
        },
    };
    tx.finish()?;
    Ok(preview)
}
