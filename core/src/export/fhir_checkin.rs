//! Mood check-ins in the FHIR Bundle (when the person includes check-ins): one `Observation`
//! per check-in, coded with the project's own code system — shared/reference holds no LOINC
//! code for a 1–7 mood rating, and the project never invents one (clinical.md, "LOINC
//! codes"). The valence, the emotion words and the life areas are components; the free-text
//! note and tags never leave the snapshot (it does not hold them).

use serde_json::{Value, json};

use super::fhir::{OBSERVATION_CATEGORY, identifier_system, project_system};
use super::snapshot::MoodPoint;
use crate::checkin::mood;

fn concept(what: &str, code: &str, display: &str) -> Value {
    json!({"coding": [{"system": project_system(what), "code": code, "display": display}], "text": display})
}

/// The Observation for one check-in: `valueInteger` mood 1 (very unpleasant) … 7 (very
/// pleasant), components for valence, kind, labels and areas.
pub fn observation(c: &MoodPoint, patient_url: &str) -> Value {
    let mut components = vec![
        json!({
            "code": concept("checkins", "valence", "Valence (−1 very unpleasant … 1 very pleasant)"),
            // R4 components have no valueDecimal: a dimensionless UCUM quantity ("1").
            "valueQuantity": {
                "value": (mood::valence(c.mood) * 1000.0).round() / 1000.0,
                "unit": "valence",
                "system": "http://unitsofmeasure.org",
                "code": "1",
            },
        }),
        json!({
            "code": concept("checkins", "kind", "Kind of check-in"),
            "valueCodeableConcept": concept("mood-kinds", c.kind.code(), &c.kind.code().replace('_', " ")),
        }),
    ];
    for l in &c.labels {
        components.push(json!({
            "code": concept("checkins", "emotion-label", "Emotion word"),
            "valueCodeableConcept": concept("emotion-labels", l.code(), &l.code().replace('_', " ")),
        }));
    }
    for a in &c.areas {
        components.push(json!({
            "code": concept("checkins", "life-area", "Life area"),
            "valueCodeableConcept": concept("life-areas", a.code(), &a.code().replace('_', " ")),
        }));
    }
    json!({
        "resourceType": "Observation",
        "identifier": [{"system": identifier_system("check-in"), "value": c.id}],
        "text": {"status": "generated", "div": format!(
            "<div xmlns=\"http://www.w3.org/1999/xhtml\">Mood check-in {} of 7, {}</div>", c.mood, c.at)},
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": concept("checkins", "mood", "Mood check-in (1 very unpleasant … 7 very pleasant)"),
        "subject": {"reference": patient_url},
        "effectiveDateTime": c.at,
        "performer": [{"reference": patient_url}],
        "valueInteger": c.mood,
        "component": components,
    })
}
