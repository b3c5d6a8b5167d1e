//! Instruments as data: the questionnaires declared in `core/content/instruments.json`,
//! parsed and checked once, then shared read-only.
//!
//! Owns the shape of an instrument (items, answer options, reverse scoring, missing-data rule,
//! bands, flags, citation) and the invariants the scorer relies on. Must never hold a cut-off
//! or rule in code that belongs in the data file: adding an instrument means adding data and
//! golden vectors, nothing else.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const SOURCE: &str = include_str!("../../content/instruments.json");

/// One point on an instrument's answer scale (`0 Not at all`, `1 Several days`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AnswerOption {
    /// The score as printed on the form, before any reverse scoring.
    pub score: u8,
    /// The anchor label; empty for unlabelled middle points (WSAS 1, 3, 5, 7).
    pub label: String,
}

/// One question of an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct InstrumentItem {
    /// 1-based position, as printed on the form.
    pub number: u32,
    /// The question text.
    pub text: String,
    /// Scored as (lowest + highest option − answer), e.g. PSS-10 items 4, 5, 7, 8.
    pub reverse_scored: bool,
    /// May be answered "not applicable" (the WSAS work item for someone retired).
    pub allows_not_applicable: bool,
    /// May be declined ("prefer not to answer", e.g. PHQ-9 item 9).
    pub allows_decline: bool,
}

/// A severity band: totals `min..=max` carry this `id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Band {
    /// Stable id used in JSON and storage (`moderately_severe`, `positive`, …).
    pub id: String,
    /// Human label (`Moderately severe`).
    pub label: String,
    /// Lowest total in the band, inclusive.
    pub min: u32,
    /// Highest total in the band, inclusive.
    pub max: u32,
    /// A total in this band brings up the crisis signpost (PHQ-9 severe).
    #[serde(default)]
    pub signpost: bool,
    /// The instrument to offer next (a positive GAD-2 offers the GAD-7).
    #[serde(default)]
    pub follow_up: Option<String>,
}

/// When a flag rule fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum FlagCondition {
    /// The item was answered above its lowest option, or declined.
    AboveZeroOrDeclined,
}

/// A rule that raises a named flag from one item's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct FlagRule {
    /// The flag's stable id (`self_harm_thoughts`).
    pub id: String,
    /// The 1-based item the rule reads.
    pub item: u32,
    /// When it fires.
    pub when: FlagCondition,
    /// A raised flag brings up the crisis signpost.
    #[serde(default)]
    pub signpost: bool,
}

/// A questionnaire, with everything needed to show it and score it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Instrument {
    /// Stable id (`gad7`, `phq9`, `gad2`, `phq2`, `pss10`, `wsas`).
    pub id: String,
    /// Bumped whenever the scoring changes; stored with each result.
    pub version: u32,
    /// Short title (`GAD-7`).
    pub title: String,
    /// Full name.
    pub name: String,
    /// What the person reads before the items.
    pub instructions: String,
    /// The period the answers describe (`the last 2 weeks`).
    pub recall_period: String,
    /// The answer scale shared by every item, lowest first.
    pub options: Vec<AnswerOption>,
    /// The items in order.
    pub items: Vec<InstrumentItem>,
    /// The highest possible total.
    pub max_total: u32,
    /// How many items may be missing (declined or not applicable) and still give a total;
    /// the total is then prorated from the answered items.
    pub max_missing: u32,
    /// Bands covering every total from 0 to `max_total`, lowest first.
    pub bands: Vec<Band>,
    /// A caveat to show with the bands (PSS-10: a convention, not the author's norms).
    pub bands_note: Option<String>,
    /// Rules that raise flags from single items.
    pub flags: Vec<FlagRule>,
    /// Days between measurements when nothing else is set; `None` = not scheduled by default.
    pub default_cadence_days: Option<u32>,
    /// Where the instrument and its rules come from.
    pub citation: String,
    /// Reproduction terms.
    pub licence: String,
}

impl Instrument {
    /// The lowest and highest option scores.
    pub fn score_range(&self) -> (u8, u8) {
        let lo = self.options.first().map_or(0, |o| o.score);
        let hi = self.options.last().map_or(0, |o| o.score);
        (lo, hi)
    }

    /// The band holding `total`, if any.
    pub fn band_for(&self, total: u32) -> Option<&Band> {
        self.bands.iter().find(|b| b.min <= total && total <= b.max)
    }
}

/// The file's shape: items are written compactly and expanded into [`InstrumentItem`]s.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    #[allow(dead_code)]
    about: String,
    instruments: Vec<InstrumentDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct InstrumentDef {
    id: String,
    version: u32,
    title: String,
    name: String,
    instructions: String,
    recall_period: String,
    options: Vec<AnswerOption>,
    items: Vec<ItemDef>,
    max_missing: u32,
    bands: Vec<Band>,
    #[serde(default)]
    bands_note: Option<String>,
    #[serde(default)]
    flags: Vec<FlagRule>,
    #[serde(default)]
    default_cadence_days: Option<u32>,
    citation: String,
    licence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemDef {
    text: String,
    #[serde(default)]
    reverse: bool,
    #[serde(default)]
    allow: Vec<Allowance>,
}

#[derive(Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
enum Allowance {
    NotApplicable,
    Declined,
}

impl InstrumentDef {
    fn build(self) -> Instrument {
        let hi = self.options.last().map_or(0, |o| u32::from(o.score));
        let items: Vec<InstrumentItem> = self
            .items
            .into_iter()
            .zip(1u32..)
            .map(|(item, number)| InstrumentItem {
                number,
                allows_not_applicable: item.allow.contains(&Allowance::NotApplicable),
                allows_decline: item.allow.contains(&Allowance::Declined),
                text: item.text,
                reverse_scored: item.reverse,
            })
            .collect();
        Instrument {
            max_total: hi * items.len() as u32,
            id: self.id,
            version: self.version,
            title: self.title,
            name: self.name,
            instructions: self.instructions,
            recall_period: self.recall_period,
            options: self.options,
            items,
            max_missing: self.max_missing,
            bands: self.bands,
            bands_note: self.bands_note,
            flags: self.flags,
            default_cadence_days: self.default_cadence_days,
            citation: self.citation,
            licence: self.licence,
        }
    }
}

/// Checks the invariants the scorer relies on; a failure is a bug in the data file.
fn validate(all: &[Instrument]) -> Result<()> {
    let bad = |id: &str, why: &str| Err(Error::internal(format!("instrument {id}: {why}")));
    for (i, ins) in all.iter().enumerate() {
        let id = ins.id.as_str();
        if id.is_empty() || all[..i].iter().any(|o| o.id == ins.id) {
            return bad(id, "empty or duplicate id");
        }
        let scores: Vec<u8> = ins.options.iter().map(|o| o.score).collect();
        if scores.is_empty() || scores.windows(2).any(|w| w[1] != w[0] + 1) || scores[0] != 0 {
            return bad(id, "options must be consecutive scores from 0");
        }
        if ins.items.is_empty() || ins.max_missing as usize >= ins.items.len() {
            return bad(
                id,
                "needs items, and fewer missing items allowed than items",
            );
        }
        let mut next = 0;
        for band in &ins.bands {
            if band.min != next || band.max < band.min {
                return bad(id, "bands must be contiguous from 0");
            }
            if let Some(f) = &band.follow_up
                && !all.iter().any(|o| &o.id == f)
            {
                return bad(id, "follow_up names an unknown instrument");
            }
            next = band.max + 1;
        }
        if next != ins.max_total + 1 {
            return bad(id, "bands must end at the maximum total");
        }
        if ins
            .flags
            .iter()
            .any(|f| f.item == 0 || f.item as usize > ins.items.len())
        {
            return bad(id, "a flag reads an item that does not exist");
        }
        // A signposting flag is shown with the reason `self_harm_thoughts`; another reason
        // needs a new `SignpostReason` first.
        if ins
            .flags
            .iter()
            .any(|f| f.signpost && f.id != "self_harm_thoughts")
        {
            return bad(id, "only self_harm_thoughts may bring up the signpost");
        }
        if ins.default_cadence_days == Some(0) {
            return bad(id, "a cadence must be at least one day");
        }
    }
    Ok(())
}

fn load() -> Result<Vec<Instrument>> {
    let file: CatalogueFile = serde_json::from_str(SOURCE)
        .map_err(|e| Error::internal(format!("instruments.json: {e}")))?;
    let all: Vec<Instrument> = file
        .instruments
        .into_iter()
        .map(InstrumentDef::build)
        .collect();
    validate(&all)?;
    Ok(all)
}

/// Every instrument, in the order of the data file.
pub fn catalogue() -> Result<&'static [Instrument]> {
    static CATALOGUE: OnceLock<Result<Vec<Instrument>, String>> = OnceLock::new();
    CATALOGUE
        .get_or_init(|| load().map_err(|e| e.to_string()))
        .as_deref()
        .map_err(|e| Error::internal(e.clone()))
}

/// The instrument with this id, or `invalid_input` naming `instrument`.
pub fn instrument(id: &str) -> Result<&'static Instrument> {
    catalogue()?.iter().find(|i| i.id == id).ok_or_else(|| {
        let known: Vec<&str> = catalogue()
            .map(|c| c.iter().map(|i| i.id.as_str()).collect())
            .unwrap_or_default();
        Error::invalid(
            "instrument",
            format!("unknown instrument; one of {}", known.join(", ")),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (band id, min, max), inclusive.
    type Bands = &'static [(&'static str, u32, u32)];

    /// The reference table in shared/reference/clinical.md: (id, items, per-item max, bands).
    const REFERENCE: &[(&str, usize, u8, Bands)] = &[
        (
            "gad7",
            7,
            3,
            &[
                ("minimal", 0, 4),
                ("mild", 5, 9),
                ("moderate", 10, 14),
                ("severe", 15, 21),
            ],
        ),
        (
            "phq9",
            9,
            3,
            &[
                ("minimal", 0, 4),
                ("mild", 5, 9),
                ("moderate", 10, 14),
                ("moderately_severe", 15, 19),
                ("severe", 20, 27),
            ],
        ),
        ("gad2", 2, 3, &[("negative", 0, 2), ("positive", 3, 6)]),
        ("phq2", 2, 3, &[("negative", 0, 2), ("positive", 3, 6)]),
        (
            "pss10",
            10,
            4,
            &[("low", 0, 13), ("moderate", 14, 26), ("high", 27, 40)],
        ),
        (
            "wsas",
            5,
            8,
            &[
                ("subclinical", 0, 9),
                ("significant", 10, 20),
                ("severe", 21, 40),
            ],
        ),
    ];

    #[test]
    fn the_catalogue_matches_the_clinical_reference_table() {
        let all = catalogue().unwrap();
        let ids: Vec<&str> = all.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["gad7", "phq9", "gad2", "phq2", "pss10", "wsas"]);
        for (id, items, per_item, bands) in REFERENCE {
            let ins = instrument(id).unwrap();
            assert_eq!(ins.items.len(), *items, "{id} items");
            assert_eq!(ins.score_range(), (0, *per_item), "{id} scale");
            let got: Vec<(&str, u32, u32)> = ins
                .bands
                .iter()
                .map(|b| (b.id.as_str(), b.min, b.max))
                .collect();
            assert_eq!(&got, bands, "{id} bands");
            assert!(!ins.citation.is_empty());
        }
    }

    #[test]
    fn pss10_reverses_items_4_5_7_8_and_labels_its_bands_a_convention() {
        let pss = instrument("pss10").unwrap();
        let reversed: Vec<u32> = pss
            .items
            .iter()
            .filter(|i| i.reverse_scored)
            .map(|i| i.number)
            .collect();
        assert_eq!(reversed, [4, 5, 7, 8]);
        assert!(pss.bands_note.as_deref().unwrap().contains("convention"));
    }

    #[test]
    fn only_the_documented_items_may_be_missing() {
        let allowed = |id: &str| -> Vec<(u32, bool, bool)> {
            instrument(id)
                .unwrap()
                .items
                .iter()
                .filter(|i| i.allows_decline || i.allows_not_applicable)
                .map(|i| (i.number, i.allows_not_applicable, i.allows_decline))
                .collect()
        };
        assert_eq!(allowed("phq9"), [(9, false, true)]);
        assert_eq!(allowed("gad7"), []);
        assert_eq!(
            allowed("wsas"),
            [
                (1, true, true),
                (2, false, true),
                (3, false, true),
                (4, false, true),
                (5, false, true)
            ]
        );
    }

    #[test]
    fn phq9_item_9_raises_the_self_harm_flag_and_severe_brings_the_signpost() {
        let phq9 = instrument("phq9").unwrap();
        assert_eq!(phq9.flags.len(), 1);
        assert_eq!(
            (phq9.flags[0].id.as_str(), phq9.flags[0].item),
            ("self_harm_thoughts", 9)
        );
        let signposting: Vec<&str> = phq9
            .bands
            .iter()
            .filter(|b| b.signpost)
            .map(|b| b.id.as_str())
            .collect();
        assert_eq!(signposting, ["severe"]);
        // No other instrument signposts: the safety rule is PHQ-9's (clinical.md).
        for other in catalogue().unwrap().iter().filter(|i| i.id != "phq9") {
            assert!(other.flags.is_empty() && other.bands.iter().all(|b| !b.signpost));
        }
    }

    #[test]
    fn screens_offer_the_full_instrument_when_positive() {
        assert_eq!(
            instrument("gad2").unwrap().bands[1].follow_up.as_deref(),
            Some("gad7")
        );
        assert_eq!(
            instrument("phq2").unwrap().bands[1].follow_up.as_deref(),
            Some("phq9")
        );
    }

    #[test]
    fn an_unknown_instrument_is_invalid_input_naming_the_field() {
        let err = instrument("bdi").unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "instrument"));
    }
}
