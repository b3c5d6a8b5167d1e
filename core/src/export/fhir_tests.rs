//! The FHIR Bundle's structure and codes. The full R4 validation runs in the JVM test
//! project with HAPI's validator (tests/kotlin, `ExportTest`).

use serde_json::Value;

use super::*;
use crate::export::tests::{Fixture, SECRET, all_of_2027_q1, fixture, snapshot};

fn bundle_of(f: &mut Fixture) -> Value {
    bundle(&snapshot(f, &all_of_2027_q1())).unwrap()
}

fn resources<'a>(b: &'a Value, kind: &str) -> Vec<&'a Value> {
    b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == kind)
        .collect()
}

/// clinical.md "LOINC codes", copied here by hand so a slip in the table fails a test.
#[test]
fn the_loinc_codes_are_exactly_the_reference_table() {
    let gad7 = codes("gad7");
    assert_eq!((gad7.panel, gad7.total), (Some("69737-5"), Some("70274-6")));
    assert_eq!(
        gad7.items.unwrap(),
        [
            "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"
        ]
    );
    let phq9 = codes("phq9");
    assert_eq!((phq9.panel, phq9.total), (Some("44249-1"), Some("44261-6")));
    assert_eq!(
        phq9.items.unwrap(),
        [
            "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
            "44260-8"
        ]
    );
    let phq2 = codes("phq2");
    assert_eq!(
        (phq2.panel, phq2.total, phq2.items),
        (Some("55757-9"), Some("55758-7"), None)
    );
    for unverified in ["gad2", "pss10", "wsas"] {
        let c = codes(unverified);
        assert_eq!(
            (c.panel, c.total, c.items),
            (None, None, None),
            "{unverified} has no verified LOINC code"
        );
    }
    assert_eq!(
        LOINC_ANSWERS,
        ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"]
    );
    // Every instrument in the catalogue has a row, and item tables match the item counts.
    for ins in crate::assessment::catalogue().unwrap() {
        let c = codes(&ins.id);
        assert_eq!(c.instrument, ins.id);
        if let Some(items) = c.items {
            assert_eq!(items.len(), ins.items.len(), "{}", ins.id);
        }
    }
}

#[test]
fn a_collection_bundle_holds_a_patient_questionnaires_responses_and_observations() {
    let mut f = fixture();
    let b = bundle_of(&mut f);
    assert_eq!(b["resourceType"], "Bundle");
    assert_eq!(b["type"], "collection");
    assert_eq!(b["timestamp"], "2027-03-31T10:00:00+01:00");
    assert_eq!(resources(&b, "Patient").len(), 1);
    assert_eq!(resources(&b, "Questionnaire").len(), 4);
    assert_eq!(resources(&b, "QuestionnaireResponse").len(), 7);
    // 7 totals, one Observation per item (2 × GAD-7, 3 × PHQ-9, PSS-10, WSAS), 1 signpost,
    // 2 check-ins.
    assert_eq!(
        resources(&b, "Observation").len(),
        7 + 14 + 27 + 10 + 5 + 1 + 2
    );
    for e in b["entry"].as_array().unwrap() {
        let url = e["fullUrl"].as_str().unwrap();
        assert!(url.starts_with("urn:uuid:") && url.len() == 45, "{url}");
    }
    let patient = resources(&b, "Patient")[0];
    assert!(patient.get("name").is_none() && patient.get("birthDate").is_none());
    assert!(!b.to_string().contains(SECRET));
}

#[test]
fn gad7_answers_carry_loinc_item_and_answer_codes_with_ordinal_values() {
    let mut f = fixture();
    let b = bundle_of(&mut f);
    let qr = resources(&b, "QuestionnaireResponse")[0];
    assert_eq!(qr["status"], "completed");
    assert_eq!(qr["authored"], "2027-01-04T10:00:00+00:00");
    assert_eq!(qr["item"][0]["linkId"], "69725-0");
    let coding = &qr["item"][0]["answer"][0]["valueCoding"];
    assert_eq!(
        (coding["system"].as_str(), coding["code"].as_str()),
        (Some(LOINC), Some("LA6570-1"))
    );
    assert_eq!(coding["display"], "More than half the days");
    assert_eq!(coding["extension"][0]["url"], ORDINAL_VALUE);
    assert_eq!(coding["extension"][0]["valueDecimal"], 2);
}

#[test]
fn each_total_is_a_survey_observation_derived_from_its_response() {
    let mut f = fixture();
    let b = bundle_of(&mut f);
    let entries = b["entry"].as_array().unwrap();
    let obs: Vec<&Value> = entries
        .iter()
        .filter(|e| e["resource"]["resourceType"] == "Observation")
        .collect();
    let phq9 = obs
        .iter()
        .find(|o| o["resource"]["code"]["coding"][0]["code"] == "44261-6")
        .unwrap();
    let r = &phq9["resource"];
    assert_eq!(r["status"], "final");
    assert_eq!(r["category"][0]["coding"][0]["code"], "survey");
    assert_eq!(r["valueInteger"], 12);
    assert_eq!(r["effectiveDateTime"], "2027-01-04T10:05:00+00:00");
    let source = r["derivedFrom"][0]["reference"].as_str().unwrap();
    let qr = entries.iter().find(|e| e["fullUrl"] == source).unwrap();
    assert_eq!(qr["resource"]["resourceType"], "QuestionnaireResponse");
    // PSS-10 and WSAS use the project's code system, never an invented LOINC code.
    let wsas = obs
        .iter()
        .find(|o| o["resource"]["code"]["text"] == "WSAS total score")
        .unwrap();
    assert_eq!(
        wsas["resource"]["code"]["coding"][0]["system"],
        project_system("instruments")
    );
    assert_eq!(wsas["resource"]["valueInteger"], 10);
}

#[test]
fn missing_items_carry_a_data_absent_reason_and_reverse_scored_items_their_weight() {
    let mut f = fixture();
    let b = bundle_of(&mut f);
    let qrs = resources(&b, "QuestionnaireResponse");
    let wsas = qrs
        .iter()
        .find(|q| q["questionnaire"].as_str().unwrap().contains("/wsas|"))
        .unwrap();
    assert!(wsas["item"][0].get("answer").is_none());
    assert_eq!(
        wsas["item"][0]["extension"][0]["valueCode"],
        "not-applicable"
    );
    let pss = qrs
        .iter()
        .find(|q| q["questionnaire"].as_str().unwrap().contains("/pss10|"))
        .unwrap();
    // Item 4 is reverse-scored: answered 0 ("Never"), it weighs 4.
    let item4 = &pss["item"][3]["answer"][0]["valueCoding"];
    assert_eq!(
        (item4["code"].as_str(), item4["display"].as_str()),
        (Some("0"), Some("Never"))
    );
    assert_eq!(item4["extension"][0]["valueDecimal"], 4);
    assert_eq!(
        pss["item"][0]["answer"][0]["valueCoding"]["extension"][0]["valueDecimal"],
        0
    );
}

#[test]
fn identifiers_are_deterministic_per_profile() {
    let mut f = fixture();
    let a = bundle_of(&mut f);
    let b = bundle_of(&mut f);
    assert_eq!(a, b, "same profile and clock give the same Bundle");
    assert_ne!(stable_uuid("one", "patient"), stable_uuid("two", "patient"));
    assert_eq!(stable_uuid("one", "patient").get_version_num(), 5);
}

fn every_coding(v: &Value, out: &mut Vec<Value>) {
    match v {
        Value::Object(m) => {
            // A Quantity (system + code + value) is not a Coding and has no display.
            if m.contains_key("system") && m.contains_key("code") && !m.contains_key("value") {
                out.push(v.clone());
            }
            m.values().for_each(|x| every_coding(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| every_coding(x, out)),
        _ => {}
    }
}

/// Issue 17: item-level Observations linked from each total, the band as a coded
/// interpretation, `display` on every coding, item 9 and the signpost visible to a reader of
/// Observations alone.
#[test]
fn totals_link_item_observations_with_a_coded_band_and_item_9_is_an_observation() {
    let mut f = fixture();
    let b = bundle_of(&mut f);
    let mut codings = Vec::new();
    every_coding(&b, &mut codings);
    assert!(codings.len() > 100);
    for c in &codings {
        assert!(
            c["display"].as_str().is_some_and(|d| !d.is_empty()),
            "a coding without a display: {c}"
        );
    }
    let obs = resources(&b, "Observation");
    let urls: std::collections::BTreeMap<&str, &Value> = b["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["fullUrl"].as_str().unwrap(), &e["resource"]))
        .collect();
    let phq9_feb = obs
        .iter()
        .find(|o| {
            o["code"]["coding"][0]["code"] == "44261-6"
                && o["effectiveDateTime"] == "2027-02-01T10:00:00+00:00"
        })
        .unwrap();
    assert_eq!(
        phq9_feb["interpretation"][0]["coding"][0]["code"],
        "phq9-mild"
    );
    assert_eq!(
        phq9_feb["interpretation"][0]["coding"][0]["display"],
        "Mild"
    );
    let members: Vec<&Value> = phq9_feb["hasMember"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| urls[m["reference"].as_str().unwrap()])
        .collect();
    assert_eq!(members.len(), 9);
    let item9 = members[8];
    assert_eq!(item9["code"]["coding"][0]["code"], "44260-8");
    assert_eq!(
        item9["valueCodeableConcept"]["coding"][0]["code"],
        "LA6569-3"
    );
    assert_eq!(
        item9["valueCodeableConcept"]["coding"][0]["display"],
        "Several days"
    );
    let signpost = obs
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "crisis-signpost-shown")
        .unwrap();
    assert_eq!(
        signpost["valueCodeableConcept"]["coding"][0]["code"],
        "self_harm_thoughts"
    );
    assert_eq!(
        signpost["derivedFrom"][0]["reference"],
        phq9_feb["derivedFrom"][0]["reference"]
    );
}

/// Therapist read-through (FHIR): item 9 above 0 carries a coded interpretation, the signpost
/// is a local "safety-event" category (not "survey"), and every resource made from a record
/// names that record's CSV id.
#[test]
fn item_9_is_flagged_signposts_are_safety_events_and_identifiers_match_the_csv_ids() {
    let mut f = fixture();
    let snap = snapshot(&mut f, &all_of_2027_q1());
    let b = bundle(&snap).unwrap();
    let obs = resources(&b, "Observation");
    let item9 = obs
        .iter()
        .find(|o| {
            o["code"]["coding"][0]["code"] == "44260-8"
                && o["effectiveDateTime"] == "2027-02-01T10:00:00+00:00"
        })
        .unwrap();
    assert_eq!(item9["interpretation"][0]["coding"][0]["code"], "A");
    assert_eq!(
        item9["interpretation"][0]["coding"][0]["system"],
        "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"
    );
    let quiet = obs
        .iter()
        .find(|o| {
            o["code"]["coding"][0]["code"] == "44260-8"
                && o["effectiveDateTime"] == "2027-03-01T10:05:00+00:00"
        })
        .unwrap();
    assert!(quiet.get("interpretation").is_none(), "{quiet}");
    let signpost = obs
        .iter()
        .find(|o| o["code"]["coding"][0]["code"] == "crisis-signpost-shown")
        .unwrap();
    assert_eq!(signpost["category"][0]["coding"][0]["code"], "safety-event");
    assert_ne!(signpost["category"][0]["coding"][0]["code"], "survey");
    assert_eq!(
        signpost["identifier"][0]["value"],
        snap.safety_events[0].id.to_string()
    );
    let feb = snap
        .assessments
        .iter()
        .find(|a| a.taken.local_date == "2027-02-01")
        .unwrap();
    let qr = resources(&b, "QuestionnaireResponse")
        .into_iter()
        .find(|q| q["authored"] == "2027-02-01T10:00:00+00:00")
        .unwrap();
    assert_eq!(qr["identifier"]["value"], feb.id.to_string());
    assert_eq!(
        qr["identifier"]["system"],
        identifier_system("assessment").as_str()
    );
    assert_eq!(item9["identifier"][0]["value"], format!("{}.9", feb.id));
}

/// Therapist read-through (FHIR): with check-ins included, one Observation per check-in, its
/// mood coded with the project's code system (no LOINC exists in shared/reference for it),
/// and never the note.
#[test]
fn check_ins_are_observations_with_a_project_code_when_included() {
    let mut f = fixture();
    let snap = snapshot(&mut f, &all_of_2027_q1());
    let b = bundle(&snap).unwrap();
    let moods: Vec<&Value> = resources(&b, "Observation")
        .into_iter()
        .filter(|o| o["code"]["coding"][0]["code"] == "mood")
        .collect();
    assert_eq!(moods.len(), snap.check_ins.len());
    assert!(moods.len() >= 2);
    for m in &moods {
        let coding = &m["code"]["coding"][0];
        assert_eq!(coding["system"], project_system("checkins").as_str());
        assert_ne!(coding["system"], LOINC);
    }
    let first = moods
        .iter()
        .find(|m| m["identifier"][0]["value"] == snap.check_ins[0].id.as_str())
        .unwrap();
    assert_eq!(first["valueInteger"], 3);
    assert!(first.to_string().contains("anxious"), "{first}");
    assert!(!b.to_string().contains(SECRET));
    let without = snapshot(
        &mut f,
        &crate::export::ExportOptions {
            include: Some(vec![crate::export::ExportSection::Assessments]),
            ..all_of_2027_q1()
        },
    );
    let b = bundle(&without).unwrap();
    assert!(
        resources(&b, "Observation")
            .iter()
            .all(|o| o["code"]["coding"][0]["code"] != "mood")
    );
}
