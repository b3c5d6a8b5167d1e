//! The personal safety plan: a short plan, written in advance in the person's own words, for
//! getting through a crisis (issue 20).
//!
//! Structure: the Safety Planning Intervention (Stanley B, Brown GK. *Cognitive and Behavioral
//! Practice* 2012;19(2):256–264), the same steps as the NHS-recommended "Staying Safe" plan —
//! (1) warning signs, (2) things I can do on my own, (3) people and places that help me feel
//! better, (4) people I can ask for help, (5) professionals and services, (6) making my
//! surroundings safer, (7) reasons for living. Prompts are in [`prompts`]; notes in
//! `docs/safety-plan.md`.
//!
//! Every save is a new version (plans are revised, often with a therapist); the newest is the
//! plan. The region's crisis lines are *referenced*, not stored: each read attaches them from
//! the versioned crisis-resources data, so a corrected number reaches every plan.
//!
//! Must never: put plan text in an error (errors name the field and index only), or store a
//! plan that failed validation (nothing is written unless every field is valid).

pub mod prompts;
mod validate;

#[cfg(test)]
mod tests;

use crate::time::Tz;
use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::assessment::{self as signpost, CrisisResource};
use crate::error::{Error, Result};
use crate::time;

pub use prompts::{SafetyPlanPrompt, prompts};
pub use validate::{MAX_CONTACT_FIELD, MAX_ITEM_CHARS, MAX_ITEMS, MAX_PLAN_BYTES};

/// Someone to contact: a name and at least one way to reach them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyContact {
    /// Who (`Sam`, `Dr Patel, GP`).
    pub name: String,
    /// A number to call (digits, spaces, `+ - ( )`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// A number to text, if different from `phone` or the only way.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms: Option<String>,
    /// Any other way (an email, an app, "knock next door").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<String>,
}

/// The seven steps as the person writes them. Every list may be empty, but not all of them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlanInput {
    /// Step 1: thoughts, feelings, situations that signal a crisis may be starting.
    #[serde(default)]
    pub warning_signs: Vec<String>,
    /// Step 2: things I can do on my own to take my mind off things.
    #[serde(default)]
    pub coping_strategies: Vec<String>,
    /// Step 3: people and places that help me feel better (distraction).
    #[serde(default)]
    pub distractions: Vec<String>,
    /// Step 4: people I can ask for help.
    #[serde(default)]
    pub support_contacts: Vec<SafetyContact>,
    /// Step 5: the person's own professionals and services (GP, therapist, care team).
    #[serde(default)]
    pub professionals: Vec<SafetyContact>,
    /// Step 6: making my surroundings safer.
    #[serde(default)]
    pub safer_surroundings: Vec<String>,
    /// Step 7: my reasons for living.
    #[serde(default)]
    pub reasons_for_living: Vec<String>,
}

/// One saved version of the plan, with the region's crisis lines attached when read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SafetyPlan {
    /// 1 for the first save, then +1 per save.
    pub version: u32,
    /// When this version was saved (RFC 3339 UTC in JSON).
    pub saved_at: time::Timestamp,
    /// The IANA zone at the save.
    pub zone: String,
    /// The seven steps.
    pub steps: SafetyPlanInput,
    /// The region whose crisis lines are listed under step 5 (`GB`, `US`, `IE`).
    pub crisis_region: String,
    /// That region's crisis lines, most urgent first, from the crisis-resources data (not
    /// stored in the plan).
    pub crisis_lines: Vec<CrisisResource>,
}

/// Parses a plan from JSON (the CLI's `edit` input). Errors give the position and the kind of
/// problem only, never the text (serde's own messages can quote a value).
pub fn parse_input(json: &str) -> Result<SafetyPlanInput> {
    crate::json_keys::refuse_duplicates("input", json)?;
    serde_json::from_str(json).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => {
                "does not have the safety plan's shape (see `reset safety-plan edit --help`)"
            }
            serde_json::error::Category::Eof => "ends too early",
            _ => "is not valid JSON",
        };
        Error::invalid(
            "input",
            format!("{what} at line {} column {}", e.line(), e.column()),
        )
    })
}

/// Validates `input` as [`save`] does, without storing anything: the trimmed plan, or the
/// first invalid field (by path, never its text). The CLI's step-by-step editor checks each
/// entry with it as it is typed, so one bad entry never loses the rest.
pub fn validated(input: SafetyPlanInput) -> Result<SafetyPlanInput> {
    validate::clean(input)
}

/// Validates `input` in full and stores it as the next version. Returns the stored plan.
pub fn save(
    tx: &Transaction<'_>,
    input: SafetyPlanInput,
    now: DateTime<Utc>,
    zone: Tz,
) -> Result<SafetyPlan> {
    let steps = validate::clean(input)?;
    let json = serde_json::to_string(&steps)?;
    if json.len() > MAX_PLAN_BYTES {
        return Err(Error::invalid(
            "plan",
            format!("is larger than {MAX_PLAN_BYTES} bytes"),
        ));
    }
    let saved_at = time::format_utc(now);
    let next: i64 = tx.query_row(
        "SELECT COALESCE(MAX(version), 0) + 1 FROM safety_plan_versions",
        [],
        |r| r.get(0),
    )?;
    tx.execute(
        "INSERT INTO safety_plan_versions (version, saved_at, zone, plan) VALUES (?1, ?2, ?3, ?4)",
        (next, &saved_at, zone.name(), &json),
    )?;
    read_version(tx, next, zone)?.ok_or_else(|| Error::internal("saved plan not found"))
}

/// The newest version, with the crisis lines for the person's region (preference, else `zone`).
pub fn current(conn: &Connection, zone: Tz) -> Result<Option<SafetyPlan>> {
    let newest: Option<i64> =
        conn.query_row("SELECT MAX(version) FROM safety_plan_versions", [], |r| {
            r.get(0)
        })?;
    match newest {
        Some(v) => read_version(conn, v, zone),
        None => Ok(None),
    }
}

/// Every version, newest first.
pub fn history(conn: &Connection, zone: Tz) -> Result<Vec<SafetyPlan>> {
    let region = signpost::region_for(conn, None, zone)?;
    let mut stmt = conn.prepare(
        "SELECT version, saved_at, zone, plan FROM safety_plan_versions ORDER BY version DESC",
    )?;
    let rows = stmt.query_map([], row)?;
    rows.map(|r| with_lines(r?, region)).collect()
}

type Row = (i64, String, String, String);

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
}

fn read_version(conn: &Connection, version: i64, zone: Tz) -> Result<Option<SafetyPlan>> {
    let mut stmt = conn.prepare(
        "SELECT version, saved_at, zone, plan FROM safety_plan_versions WHERE version = ?1",
    )?;
    let mut rows = stmt.query_map([version], row)?;
    match rows.next() {
        Some(r) => {
            let region = signpost::region_for(conn, None, zone)?;
            Ok(Some(with_lines(r?, region)?))
        }
        None => Ok(None),
    }
}

fn with_lines(
    (version, saved_at, zone, plan): Row,
    region: &signpost::Region,
) -> Result<SafetyPlan> {
    let steps: SafetyPlanInput = serde_json::from_str(&plan).map_err(|_| Error::Corrupt {
        reason: format!("safety plan version {version} does not parse"),
    })?;
    let saved_at = time::parse_instant(&saved_at, "saved_at").map_err(|_| Error::Corrupt {
        reason: format!("safety plan version {version} has no valid save time"),
    })?;
    Ok(SafetyPlan {
        version: u32::try_from(version).map_err(|_| Error::internal("plan version"))?,
        saved_at: time::Timestamp(saved_at),
        zone,
        steps,
        crisis_region: region.code.clone(),
        crisis_lines: region.resources.clone(),
    })
}
