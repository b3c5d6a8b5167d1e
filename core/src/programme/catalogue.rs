//! The catalogue: the programme packs embedded in the binary at build time, loaded and
//! validated once per process.
//!
//! Owns which programmes exist. Must never read content from anywhere but the embedded
//! files (no network, no downloads): what ships is what the tests validated.

use std::sync::OnceLock;

use super::content::{Programme, ProgrammeSummary};
use super::validate::parse_pack;
use crate::error::{Error, Result};

/// The embedded packs as (file name, JSON text). Add a programme by adding a file here.
pub const PACKS: &[(&str, &str)] = &[
    (
        "anxiety-reset.json",
        include_str!("../../content/programmes/anxiety-reset.json"),
    ),
    (
        "meditation-7-day.json",
        include_str!("../../content/programmes/meditation-7-day.json"),
    ),
    (
        "mindfulness-8-week.json",
        include_str!("../../content/programmes/mindfulness-8-week.json"),
    ),
    (
        "stress-reset.json",
        include_str!("../../content/programmes/stress-reset.json"),
    ),
];

/// Every programme the app offers, sorted by id.
#[derive(Debug, Clone)]
pub struct Catalogue {
    programmes: Vec<Programme>,
}

impl Catalogue {
    /// Parses and validates every embedded pack (what start-up pays, measured in the bench).
    pub fn load() -> Result<Self> {
        let mut programmes = Vec::with_capacity(PACKS.len());
        for (file, json) in PACKS {
            let programme = parse_pack(json).map_err(|e| match e {
                Error::InvalidInput { field, reason } => {
                    Error::invalid(format!("{file}: {field}"), reason)
                }
                other => other,
            })?;
            if programmes.iter().any(|p: &Programme| p.id == programme.id) {
                return Err(Error::invalid(
                    format!("{file}: id"),
                    format!("two packs declare programme id `{}`", programme.id),
                ));
            }
            programmes.push(programme);
        }
        programmes.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Catalogue { programmes })
    }

    /// All programmes, sorted by id.
    pub fn programmes(&self) -> &[Programme] {
        &self.programmes
    }

    /// List summaries, sorted by id.
    pub fn summaries(&self) -> Vec<ProgrammeSummary> {
        self.programmes.iter().map(Programme::summary).collect()
    }

    /// The programme with `id`, or `not_found`.
    pub fn get(&self, id: &str) -> Result<&Programme> {
        self.programmes
            .iter()
            .find(|p| p.id == id)
            .ok_or_else(|| Error::not_found(format!("programme `{id}`")))
    }
}

/// The process-wide catalogue, loaded on first use.
///
/// The packs are validated by the tests, so a failure here is a build defect: it surfaces
/// as an `internal` error rather than a panic.
pub fn catalogue() -> Result<&'static Catalogue> {
    static CATALOGUE: OnceLock<std::result::Result<Catalogue, String>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| Catalogue::load().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|reason| Error::internal(format!("embedded programme packs: {reason}")))
}
