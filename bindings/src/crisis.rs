//! Crisis lines without an open profile (issue 19, F5).
//!
//! The crisis resources are static, versioned data in the core (`core/content/`); they do not
//! need the encrypted profile. When the profile cannot be opened (a wrong key, a damaged file,
//! the Keychain not yet readable after a restart) the "get help now" sheet still lists the
//! region's lines through this free function. Never reads or writes a profile.

use reset_core::ResetError;
use reset_core::assessment::{self, CrisisRegion, CrisisResource};
use reset_core::time;

use crate::companion::guarded;

/// The crisis resources for `region` (`GB`, `US`, `IE`), else for the region `time_zone`
/// suggests (an IANA name, e.g. `Europe/London`), else the default region — without a profile,
/// for a "get help now" button on a screen shown when the profile cannot be opened. A stored
/// region preference is not consulted (it is inside the profile). `InvalidInput` names
/// `region` (no resources for it) or `time_zone` (not an IANA name).
#[uniffi::export]
pub fn crisis_resources_without_profile(
    region: Option<String>,
    time_zone: String,
) -> Result<Vec<CrisisResource>, ResetError> {
    guarded(|| {
        let zone = time::parse_zone(&time_zone)?;
        let region = assessment::resolve_region(region.as_deref(), None, zone)?;
        Ok(region.resources.clone())
    })
}

/// [`crisis_resources_without_profile`] with the region they are for, and whether that region
/// is only the fallback (no covered region matched `time_zone`).
#[uniffi::export]
pub fn crisis_region_without_profile(
    region: Option<String>,
    time_zone: String,
) -> Result<CrisisRegion, ResetError> {
    guarded(|| {
        let zone = time::parse_zone(&time_zone)?;
        Ok(assessment::resolve_region(region.as_deref(), None, zone)?.crisis_region())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use reset_core::ErrorKind;

    fn names(resources: &[CrisisResource]) -> Vec<String> {
        resources.iter().map(|r| r.name.clone()).collect()
    }

    fn region(code: &str) -> Vec<String> {
        let zone = time::parse_zone("UTC").unwrap();
        names(
            &assessment::resolve_region(Some(code), None, zone)
                .unwrap()
                .resources,
        )
    }

    #[test]
    fn the_zone_chooses_the_region_when_none_is_given() {
        let london = crisis_resources_without_profile(None, "Europe/London".into()).unwrap();
        let new_york = crisis_resources_without_profile(None, "America/New_York".into()).unwrap();
        assert_eq!(names(&london), region("GB"));
        assert_eq!(names(&new_york), region("US"));
        assert_ne!(names(&london), names(&new_york));
        assert!(
            london.iter().any(|r| r.name.contains("Samaritans")),
            "the listening services, not only the emergency number: {:?}",
            names(&london)
        );
    }

    #[test]
    fn an_explicit_region_wins_over_the_zone() {
        let ireland =
            crisis_resources_without_profile(Some("ie".into()), "America/New_York".into()).unwrap();
        assert_eq!(names(&ireland), region("IE"));
    }

    #[test]
    fn a_zone_without_a_region_gets_the_default_region_not_nothing() {
        let tokyo = crisis_resources_without_profile(None, "Asia/Tokyo".into()).unwrap();
        assert!(!tokyo.is_empty());
    }

    #[test]
    fn the_region_comes_with_the_lines_and_says_when_it_is_only_the_fallback() {
        let tokyo = crisis_region_without_profile(None, "Asia/Tokyo".into()).unwrap();
        assert!(tokyo.region_is_fallback);
        assert_eq!(tokyo.region, "GB");
        assert_eq!(names(&tokyo.resources), region("GB"));
        let dublin = crisis_region_without_profile(None, "Europe/Dublin".into()).unwrap();
        assert!(!dublin.region_is_fallback);
        assert_eq!(
            (dublin.region.as_str(), dublin.region_name.as_str()),
            ("IE", "Ireland")
        );
        let chosen = crisis_region_without_profile(Some("US".into()), "Asia/Tokyo".into()).unwrap();
        assert!(
            !chosen.region_is_fallback,
            "a region the person chose is theirs"
        );
        let zone = crisis_region_without_profile(None, "Mars/Olympus".into()).unwrap_err();
        assert!(matches!(zone, ResetError::InvalidInput { ref field, .. } if field == "time_zone"));
    }

    #[test]
    fn bad_input_is_a_typed_error_naming_the_field() {
        let zone = crisis_resources_without_profile(None, "Mars/Olympus".into()).unwrap_err();
        assert_eq!(zone.kind(), ErrorKind::InvalidInput);
        assert!(matches!(zone, ResetError::InvalidInput { ref field, .. } if field == "time_zone"));
        let region = crisis_resources_without_profile(Some("ZZ".into()), "Europe/London".into())
            .unwrap_err();
        assert!(matches!(region, ResetError::InvalidInput { ref field, .. } if field == "region"));
    }
}
