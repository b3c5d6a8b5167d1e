//! Safety signposting: the crisis resources per region (the versioned data file
//! `core/content/crisis_resources.json`) and the choice of region for a person.
//!
//! Owns which resources a signpost lists (DESIGN §7, clinical.md "Crisis signposting"). Must
//! never block the person, contact anyone, or add a number that is not in the data file with
//! its official source.
//!
//! Region, in order: the one the caller passes (`--region`); else the `region` preference;
//! else the region whose time zones include the session's zone (Europe/Dublin → IE,
//! America/New_York → US, …); else GB, the file's `default_region` (the service this app is
//! designed around). An unsupported *passed* region is `invalid_input`; an unsupported stored
//! preference is skipped rather than refused, because a safety signpost must always show.

use std::sync::OnceLock;

use crate::time::Tz;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

const SOURCE: &str = include_str!("../../content/crisis_resources.json");

/// The preference (see [`crate::preferences`]) holding the person's region code.
pub const REGION_PREFERENCE: &str = "region";

/// Why a result carries a signpost. When both hold, `SelfHarmThoughts` wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SignpostReason {
    /// PHQ-9 item 9 answered above 0, or declined.
    SelfHarmThoughts,
    /// A total in a band marked for signposting (PHQ-9 severe, 20–27).
    SevereTotal,
    /// PHQ-9 item 9 declined (not answered): the same crisis lines, but a decline is not an
    /// endorsement and a clinician must be able to tell them apart. Only safety events read
    /// back carry it (derived from the stored answers, so old rows need no migration); a
    /// freshly scored result keeps `SelfHarmThoughts` (the issue 4 contract).
    Item9Declined,
}

impl SignpostReason {
    /// The snake_case id used in JSON and storage.
    pub fn as_str(self) -> &'static str {
        match self {
            SignpostReason::SelfHarmThoughts => "self_harm_thoughts",
            SignpostReason::SevereTotal => "severe_total",
            SignpostReason::Item9Declined => "item9_declined",
        }
    }

    /// Reads the stored id back.
    pub fn parse(id: &str) -> Option<Self> {
        match id {
            "self_harm_thoughts" => Some(SignpostReason::SelfHarmThoughts),
            "severe_total" => Some(SignpostReason::SevereTotal),
            "item9_declined" => Some(SignpostReason::Item9Declined),
            _ => None,
        }
    }
}

/// One place to get help now. Show `name` and `description`; offer tap-to-call on `phone`
/// and tap-to-text on `sms_to` (with `sms_body` prefilled).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CrisisResource {
    /// Who answers (`Samaritans`).
    pub name: String,
    /// One sentence: when to use it and what it costs.
    pub description: String,
    /// Number to call, written as in the reference (`116 123`).
    #[serde(default)]
    pub phone: Option<String>,
    /// How to text, as shown (`SHOUT to 85258`).
    #[serde(default)]
    pub text: Option<String>,
    /// Number to send a text message to.
    #[serde(default)]
    pub sms_to: Option<String>,
    /// Text to prefill in the message.
    #[serde(default)]
    pub sms_body: Option<String>,
    /// The organisation's website.
    #[serde(default)]
    pub url: Option<String>,
    /// Where this entry was checked.
    pub source: String,
}

/// A signpost: shown *before* the score, never blocking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Signpost {
    /// Why it is shown.
    pub reason: SignpostReason,
    /// The region whose resources are listed (`GB`, `US`, `IE`).
    pub region: String,
    /// The region's name, to let the person check it is theirs.
    pub region_name: String,
    /// The resources, most urgent first.
    pub resources: Vec<CrisisResource>,
    /// The version of the resources file they come from.
    pub resources_version: u32,
    /// True when no covered region matched the person (no chosen region, no `region`
    /// preference, a time zone outside every covered region), so these are the default
    /// region's services, not the person's: a shell must say so and tell them to call their
    /// local emergency number (new-user review F30: Sydney was shown UK lines as "help is
    /// available now").
    pub region_is_fallback: bool,
}

/// The crisis lines for a "get help now" screen, with the region they are for: the same choice
/// of region as a [`Signpost`], so a shell can say plainly when they are not the person's own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CrisisRegion {
    /// The region whose resources are listed (`GB`, `US`, `IE`).
    pub region: String,
    /// The region's name (`United Kingdom`).
    pub region_name: String,
    /// True when no covered region matched the person (see
    /// [`Signpost::region_is_fallback`]): the shell must say these are another country's
    /// services and to call the local emergency number (new-user review F30).
    pub region_is_fallback: bool,
    /// The resources, most urgent first.
    pub resources: Vec<CrisisResource>,
}

impl Region {
    /// This region's lines for a "get help now" screen.
    pub fn crisis_region(&self) -> CrisisRegion {
        CrisisRegion {
            region: self.code.clone(),
            region_name: self.name.clone(),
            region_is_fallback: self.fallback,
            resources: self.resources.clone(),
        }
    }
}

/// One region of the data file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// ISO 3166-1 alpha-2 code, upper case (`GB`).
    pub code: String,
    /// Display name.
    pub name: String,
    /// IANA zones that suggest this region when the person has not chosen one.
    pub zones: Vec<String>,
    /// The resources, most urgent first.
    pub resources: Vec<CrisisResource>,
    /// Set only on the copy of the default region used when nothing matched the person.
    #[serde(skip)]
    pub fallback: bool,
}

/// The default region, marked as a fallback (see [`Signpost::region_is_fallback`]).
fn fallback_region() -> Result<&'static Region> {
    static FALLBACK: OnceLock<Option<Region>> = OnceLock::new();
    let f = file()?;
    FALLBACK
        .get_or_init(|| {
            find(&f.default_region).ok().flatten().map(|r| Region {
                code: r.code.clone(),
                name: r.name.clone(),
                zones: Vec::new(),
                resources: r.resources.clone(),
                fallback: true,
            })
        })
        .as_ref()
        .ok_or_else(|| Error::internal("default region missing"))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ResourceFile {
    #[allow(dead_code)]
    about: String,
    version: u32,
    default_region: String,
    regions: Vec<Region>,
}

fn file() -> Result<&'static ResourceFile> {
    static FILE: OnceLock<Result<ResourceFile, String>> = OnceLock::new();
    FILE.get_or_init(|| {
        let f: ResourceFile = serde_json::from_str(SOURCE).map_err(|e| e.to_string())?;
        let ok = f.regions.iter().any(|r| r.code == f.default_region)
            && f.regions.iter().all(|r| !r.resources.is_empty());
        if ok {
            Ok(f)
        } else {
            Err("crisis_resources.json: missing default region or empty region".into())
        }
    })
    .as_ref()
    .map_err(|e| Error::internal(e.clone()))
}

/// The version of the crisis resources file.
pub fn resources_version() -> Result<u32> {
    Ok(file()?.version)
}

/// The codes of the supported regions (`GB`, `US`, `IE`).
pub fn region_codes() -> Result<Vec<&'static str>> {
    Ok(file()?.regions.iter().map(|r| r.code.as_str()).collect())
}

fn find(code: &str) -> Result<Option<&'static Region>> {
    Ok(file()?
        .regions
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code.trim())))
}

/// Chooses the region for a signpost (see the module docs for the order).
pub fn resolve_region(
    explicit: Option<&str>,
    preference: Option<&str>,
    zone: Tz,
) -> Result<&'static Region> {
    if let Some(code) = explicit {
        return find(code)?.ok_or_else(|| {
            let known = region_codes().unwrap_or_default().join(", ");
            Error::invalid("region", format!("crisis resources exist for {known}"))
        });
    }
    if let Some(region) = preference.map(find).transpose()?.flatten() {
        return Ok(region);
    }
    let f = file()?;
    if let Some(region) = f
        .regions
        .iter()
        .find(|r| r.zones.iter().any(|z| z == zone.name()))
    {
        return Ok(region);
    }
    fallback_region()
}

/// [`resolve_region`] with the person's stored `region` preference.
pub fn region_for(
    conn: &rusqlite::Connection,
    explicit: Option<&str>,
    zone: Tz,
) -> Result<&'static Region> {
    let preference = crate::preferences::get(conn, REGION_PREFERENCE)?;
    resolve_region(explicit, preference.as_deref(), zone)
}

/// Builds the signpost shown for `reason` in `region`.
pub fn signpost(reason: SignpostReason, region: &Region) -> Result<Signpost> {
    Ok(Signpost {
        reason,
        region: region.code.clone(),
        region_name: region.name.clone(),
        resources: region.resources.clone(),
        resources_version: resources_version()?,
        region_is_fallback: region.fallback,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(name: &str) -> Tz {
        name.parse().unwrap()
    }

    fn phones(code: &str) -> Vec<String> {
        find(code)
            .unwrap()
            .unwrap()
            .resources
            .iter()
            .filter_map(|r| r.phone.clone())
            .collect()
    }

    #[test]
    fn a_zone_outside_every_covered_region_is_marked_as_a_fallback_not_the_persons_region() {
        let sydney = resolve_region(None, None, zone("Australia/Sydney")).unwrap();
        assert!(sydney.fallback);
        let s = signpost(SignpostReason::SelfHarmThoughts, sydney).unwrap();
        assert!(s.region_is_fallback);
        for (explicit, pref, z) in [
            (None, None, "Europe/London"),
            (None, None, "America/New_York"),
            (Some("GB"), None, "Australia/Sydney"),
            (None, Some("IE"), "Asia/Tokyo"),
        ] {
            let r = resolve_region(explicit, pref, zone(z)).unwrap();
            assert!(!r.fallback, "{explicit:?} {pref:?} {z}");
            assert!(
                !signpost(SignpostReason::SevereTotal, r)
                    .unwrap()
                    .region_is_fallback
            );
        }
    }

    #[test]
    fn the_numbers_are_exactly_those_in_the_clinical_reference() {
        assert_eq!(region_codes().unwrap(), ["GB", "US", "IE"]);
        assert_eq!(phones("GB"), ["999", "111", "116 123"]);
        assert_eq!(phones("US"), ["988", "911"]);
        assert_eq!(phones("IE"), ["116 123", "112"]);
        let gb = find("GB").unwrap().unwrap();
        let shout = gb.resources.iter().find(|r| r.name == "Shout").unwrap();
        assert_eq!(
            (shout.sms_to.as_deref(), shout.sms_body.as_deref()),
            (Some("85258"), Some("SHOUT"))
        );
        assert!(gb.resources[1].description.contains("option 2"));
        let lifeline = &find("US").unwrap().unwrap().resources[0];
        assert_eq!(lifeline.sms_to.as_deref(), Some("988"));
        assert!(
            find("IE").unwrap().unwrap().resources[1]
                .description
                .contains("112 or 999")
        );
    }

    #[test]
    fn every_entry_names_its_source_and_every_zone_is_a_real_iana_zone() {
        for region in &file().unwrap().regions {
            for r in &region.resources {
                assert!(r.source.contains("clinical.md"), "{}", r.name);
                assert!(r.phone.is_some() || r.sms_to.is_some(), "{}", r.name);
            }
            for z in &region.zones {
                assert!(z.parse::<Tz>().is_ok(), "{z}");
            }
        }
    }

    #[test]
    fn the_passed_region_wins_then_the_preference_then_the_zone_then_gb() {
        let london = zone("Europe/London");
        assert_eq!(
            resolve_region(Some("us"), Some("IE"), london).unwrap().code,
            "US"
        );
        assert_eq!(resolve_region(None, Some("IE"), london).unwrap().code, "IE");
        assert_eq!(
            resolve_region(None, None, zone("Europe/Dublin"))
                .unwrap()
                .code,
            "IE"
        );
        assert_eq!(
            resolve_region(None, None, zone("America/Chicago"))
                .unwrap()
                .code,
            "US"
        );
        assert_eq!(
            resolve_region(None, None, zone("Asia/Tokyo")).unwrap().code,
            "GB"
        );
        // A stored preference we cannot serve is skipped, never an error: the signpost must show.
        assert_eq!(
            resolve_region(None, Some("FR"), zone("Europe/Dublin"))
                .unwrap()
                .code,
            "IE"
        );
    }

    #[test]
    fn an_unsupported_passed_region_is_invalid_input() {
        let err = resolve_region(Some("FR"), None, zone("Europe/Paris")).unwrap_err();
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "region"));
    }
}
