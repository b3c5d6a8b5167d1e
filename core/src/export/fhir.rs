//! The FHIR R4 export: one `Bundle` of type `collection` holding a pseudonymous `Patient`, a
//! `Questionnaire` per instrument used, a `QuestionnaireResponse` per assessment, an
//! `Observation` per total with the severity band as a coded `interpretation` and `hasMember`
//! links to one `Observation` per item, and an `Observation` per crisis signpost shown — so a
//! system reading only Observations still sees every PHQ-9 item 9 answer and every signpost
//! (shared/reference/clinical.md, "FHIR R4 conventions"). Every coding carries a `display`.
//!
//! Owns the code tables (LOINC for GAD-7, PHQ-9 and the PHQ-2 panel and total — only the
//! codes listed in clinical.md — and the project's own code system for everything without a
//! verified LOINC code: PSS-10, WSAS, the GAD-2, the PHQ-2 items) and the deterministic
//! `urn:uuid` identifiers. Must never put a name, a note or a journal entry in the Bundle:
//! the Patient carries only the profile's random pseudonym.

use serde_json::{Value, json};
use uuid::Uuid;

use super::snapshot::Snapshot;
use crate::assessment::{self, Answer, AssessmentRecord, Instrument, SafetyEvent};
use crate::error::Result;
use crate::time;

/// LOINC's system URI.
pub const LOINC: &str = "http://loinc.org";
/// The base of the project's own identifiers (code systems, questionnaires, pseudonyms).
/// A namespace, not a promise that the address resolves.
pub const PROJECT_BASE: &str = "https://resetcompanion.app/fhir";
/// The R4 core extension carrying an answer's score.
pub const ORDINAL_VALUE: &str = "http://hl7.org/fhir/StructureDefinition/ordinalValue";
/// The R4 core extension saying why a value is missing.
const DATA_ABSENT_REASON: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
/// The data-absent-reason code system (HL7 terminology).
const DATA_ABSENT_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
/// Observation categories (HL7 terminology).
pub(super) const OBSERVATION_CATEGORY: &str =
    "http://terminology.hl7.org/CodeSystem/observation-category";
/// HL7 v3 ObservationInterpretation (the R4 binding of `Observation.interpretation`).
const V3_INTERPRETATION: &str =
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

/// The identifier system for `what` (`assessment`, `safety-event`, `check-in` …): its value is
/// the record's `id` in the CSV export, so a system can join the two.
pub fn identifier_system(what: &str) -> String {
    format!("{PROJECT_BASE}/identifier/{what}")
}

/// A one-element `identifier` list for a record of kind `what`.
fn identifier(what: &str, value: &str) -> Value {
    json!([{"system": identifier_system(what), "value": value}])
}

/// The category of a crisis-signpost Observation. None of R4's observation-category codes
/// (social-history, vital-signs, imaging, laboratory, procedure, survey, exam, therapy,
/// activity — http://hl7.org/fhir/R4/valueset-observation-category.html) describes "the app
/// showed crisis lines"; the binding is *preferred*, so a local code is allowed and honest.
fn safety_category() -> Value {
    json!([{"coding": [{"system": project_system("observation-category"), "code": "safety-event", "display": "Safety event"}]}])
}

/// The codes one instrument is exported with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InstrumentCodes {
    /// Instrument id (`gad7`).
    pub instrument: &'static str,
    /// Panel (questionnaire) code: LOINC where clinical.md lists one.
    pub panel: Option<&'static str>,
    /// Total-score code: LOINC where clinical.md lists one.
    pub total: Option<&'static str>,
    /// Item codes in item order: LOINC where clinical.md lists them.
    pub items: Option<&'static [&'static str]>,
    /// Whether the answers use LOINC's answer list LA6568-5…LA6571-9 (0–3 "Not at all" …).
    pub loinc_answers: bool,
}

/// LOINC answer codes for 0/1/2/3 (clinical.md: "answers 0/1/2/3").
pub const LOINC_ANSWERS: [&str; 4] = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];

/// The code table, from shared/reference/clinical.md ("LOINC codes"). Nothing else is LOINC.
pub const CODES: &[InstrumentCodes] = &[
    InstrumentCodes {
        instrument: "gad7",
        panel: Some("69737-5"),
        total: Some("70274-6"),
        items: Some(&[
            "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7",
        ]),
        loinc_answers: true,
    },
    InstrumentCodes {
        instrument: "phq9",
        panel: Some("44249-1"),
        total: Some("44261-6"),
        items: Some(&[
            "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3",
            "44260-8",
        ]),
        loinc_answers: true,
    },
    // PHQ-2: panel and total are listed; its items are not, so they use the project's codes.
    InstrumentCodes {
        instrument: "phq2",
        panel: Some("55757-9"),
        total: Some("55758-7"),
        items: None,
        loinc_answers: true,
    },
    // GAD-2 shares GAD-7's answer wording (clinical.md) but has no listed panel or total code.
    InstrumentCodes {
        instrument: "gad2",
        panel: None,
        total: None,
        items: None,
        loinc_answers: true,
    },
    InstrumentCodes {
        instrument: "pss10",
        panel: None,
        total: None,
        items: None,
        loinc_answers: false,
    },
    InstrumentCodes {
        instrument: "wsas",
        panel: None,
        total: None,
        items: None,
        loinc_answers: false,
    },
];

/// The codes for `instrument`; an instrument missing from the table gets project codes only.
pub fn codes(instrument: &str) -> InstrumentCodes {
    CODES
        .iter()
        .copied()
        .find(|c| c.instrument == instrument)
        .unwrap_or(InstrumentCodes {
            instrument: "",
            panel: None,
            total: None,
            items: None,
            loinc_answers: false,
        })
}

/// The project's code system for `what` (`instruments`, `items`, `pss10-answers`, …).
pub fn project_system(what: &str) -> String {
    format!("{PROJECT_BASE}/CodeSystem/{what}")
}

/// A deterministic UUID for `key` within the profile `pseudonym` (RFC 9562 name-based v5):
/// the same profile and record always give the same `urn:uuid`, different profiles differ.
pub fn stable_uuid(pseudonym: &str, key: &str) -> Uuid {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, PROJECT_BASE.as_bytes());
    Uuid::new_v5(&namespace, format!("{pseudonym}/{key}").as_bytes())
}

/// A generated narrative (dom-6): a short summary a person can read in any FHIR viewer.
fn narrative(text: &str) -> Value {
    let escaped = text
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    json!({"status": "generated", "div": format!("<div xmlns=\"http://www.w3.org/1999/xhtml\">{escaped}</div>")})
}

fn urn(uuid: Uuid) -> String {
    format!("urn:uuid:{uuid}")
}

/// Builds the Bundle for `snap`: assessments, the crisis signposts shown (always: risk is
/// safety information) and, when included, check-ins; practice, programmes and journal have
/// no FHIR form here, and the export's counts say so.
pub fn bundle(snap: &Snapshot) -> Result<Value> {
    let pseudonym = snap.pseudonym.as_str();
    let patient_url = urn(stable_uuid(pseudonym, "patient"));
    let mut entries = vec![json!({"fullUrl": patient_url, "resource": patient(pseudonym)})];
    for (id, _) in snap.by_instrument() {
        let ins = assessment::instrument(id)?;
        entries.push(json!({
            "fullUrl": urn(stable_uuid(pseudonym, &format!("questionnaire/{}/{}", ins.id, ins.version))),
            "resource": questionnaire(ins),
        }));
    }
    let mut responses = std::collections::BTreeMap::new();
    for record in &snap.assessments {
        let ins = assessment::instrument(&record.instrument)?;
        // The row number, not the `as_` id: a resource keeps the UUID it had in exports made
        // before schema v7, so a receiver that de-duplicates by fullUrl still can.
        let key = format!(
            "assessment/{}/{}",
            record.legacy_id,
            record.taken.at.unix_ms()
        );
        let qr_url = urn(stable_uuid(pseudonym, &format!("{key}/response")));
        responses.insert(record.id.as_str(), qr_url.clone());
        entries.push(json!({"fullUrl": qr_url, "resource": response(ins, record, &patient_url)}));
        let members: Vec<String> = (0..record.answers.len())
            .map(|i| urn(stable_uuid(pseudonym, &format!("{key}/item/{}", i + 1))))
            .collect();
        entries.push(json!({
            "fullUrl": urn(stable_uuid(pseudonym, &format!("{key}/total"))),
            "resource": observation(ins, record, &patient_url, &qr_url, &members),
        }));
        for (i, url) in members.iter().enumerate() {
            entries.push(json!({
                "fullUrl": url,
                "resource": item_observation(ins, record, i, &patient_url, &qr_url),
            }));
        }
    }
    for c in &snap.check_ins {
        entries.push(json!({
            "fullUrl": urn(stable_uuid(pseudonym, &format!("checkin/{}", c.id))),
            "resource": super::fhir_checkin::observation(c, &patient_url),
        }));
    }
    for e in &snap.safety_events {
        let qr = e
            .assessment_id
            .as_deref()
            .and_then(|id| responses.get(id))
            .map(String::as_str);
        entries.push(json!({
            "fullUrl": urn(stable_uuid(pseudonym, &format!("safety/{}/{}", e.legacy_id, e.occurred.at.unix_ms()))),
            "resource": signpost_observation(e, &patient_url, qr),
        }));
    }
    if let Some(plan) = &snap.safety_plan {
        entries.push(json!({
            "fullUrl": urn(stable_uuid(pseudonym, &format!("safety-plan/{}", plan.version))),
            "resource": safety_plan(plan, &patient_url),
        }));
    }
    let (from, to) = snap.scope.bounds();
    let bundle_id = stable_uuid(
        pseudonym,
        &format!(
            "bundle/{from}/{to}/{}",
            snap.scope.generated_at.timestamp_millis()
        ),
    );
    Ok(json!({
        "resourceType": "Bundle",
        "identifier": {"system": "urn:ietf:rfc:3986", "value": urn(bundle_id)},
        "type": "collection",
        "timestamp": time::format_local(snap.scope.generated_at, snap.scope.zone),
        "entry": entries,
    }))
}

/// The minimal pseudonymous Patient: a random per-profile identifier, nothing else.
fn patient(pseudonym: &str) -> Value {
    json!({
        "resourceType": "Patient",
        "text": narrative("Pseudonymous patient: a self-help app profile, no identifying details."),
        "meta": {"security": [{
            "system": "http://terminology.hl7.org/CodeSystem/v3-ObservationValue",
            "code": "PSEUDED",
            "display": "pseudonymized"
        }]},
        "identifier": [{"system": format!("{PROJECT_BASE}/pseudonym"), "value": pseudonym}],
    })
}

/// The canonical URL of an instrument's Questionnaire.
pub fn questionnaire_url(ins: &Instrument) -> String {
    format!("{PROJECT_BASE}/Questionnaire/{}", ins.id)
}

/// A coding for the panel, a total or an item: LOINC when listed, else the project's code;
/// `display` always (the concept's name from clinical.md, or the item's text).
fn coding(loinc: Option<&str>, project_what: &str, project_code: &str, display: &str) -> Value {
    match loinc {
        Some(code) => json!({"system": LOINC, "code": code, "display": display}),
        None => {
            json!({"system": project_system(project_what), "code": project_code, "display": display})
        }
    }
}

fn item_link_id(ins: &Instrument, index: usize) -> String {
    match codes(&ins.id).items.and_then(|items| items.get(index)) {
        Some(code) => (*code).to_string(),
        None => format!("{}.{}", ins.id, index + 1),
    }
}

/// The answer coding for `value` (as printed) on item `index`, with its scored weight.
fn answer_coding(ins: &Instrument, index: usize, value: u8) -> Value {
    let (lo, hi) = ins.score_range();
    let reversed = ins.items.get(index).is_some_and(|i| i.reverse_scored);
    let weight = if reversed {
        lo + hi - value.min(hi)
    } else {
        value
    };
    let label = ins
        .options
        .iter()
        .find(|o| o.score == value)
        .map(|o| o.label.as_str())
        .unwrap_or("");
    let mut coding = match (
        codes(&ins.id).loinc_answers,
        LOINC_ANSWERS.get(usize::from(value)),
    ) {
        (true, Some(code)) => json!({"system": LOINC, "code": code}),
        _ => {
            json!({"system": project_system(&format!("{}-answers", ins.id)), "code": value.to_string()})
        }
    };
    // Every coding has a display; WSAS's unlabelled middle points show their number.
    coding["display"] = json!(if label.is_empty() {
        value.to_string()
    } else {
        label.to_string()
    });
    coding["extension"] = json!([{"url": ORDINAL_VALUE, "valueDecimal": weight}]);
    coding
}

fn questionnaire(ins: &Instrument) -> Value {
    let codes = codes(&ins.id);
    let items: Vec<Value> = ins
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let options: Vec<Value> = ins
                .options
                .iter()
                .map(|o| json!({"valueCoding": answer_coding(ins, i, o.score)}))
                .collect();
            json!({
                "linkId": item_link_id(ins, i),
                "code": [coding(codes.items.and_then(|c| c.get(i)).copied(), "items", &format!("{}.{}", ins.id, i + 1), &item.text)],
                "text": item.text,
                "type": "choice",
                "required": !(item.allows_decline || item.allows_not_applicable),
                "answerOption": options,
            })
        })
        .collect();
    json!({
        "resourceType": "Questionnaire",
        "text": narrative(&format!("{} ({}), version {}", ins.title, ins.name, ins.version)),
        "url": questionnaire_url(ins),
        "version": ins.version.to_string(),
        "name": ins.title.replace('-', "").to_uppercase(),
        "title": ins.name,
        "status": "active",
        "subjectType": ["Patient"],
        "code": [coding(codes.panel, "instruments", &ins.id, &format!("{} panel", ins.title))],
        "item": items,
    })
}

fn response(ins: &Instrument, record: &AssessmentRecord, patient_url: &str) -> Value {
    let items: Vec<Value> = record
        .answers
        .iter()
        .enumerate()
        .map(|(i, answer)| {
            let mut item = json!({"linkId": item_link_id(ins, i)});
            if let Some(text) = ins
                .items
                .get(i)
                .map(|it| it.text.as_str())
                .filter(|t| !t.is_empty())
            {
                item["text"] = json!(text);
            }
            match answer {
                Answer::Score { value } => {
                    item["answer"] = json!([{"valueCoding": answer_coding(ins, i, *value)}])
                }
                Answer::NotApplicable => item["extension"] = absent("not-applicable"),
                Answer::Declined => item["extension"] = absent("asked-declined"),
            }
            item
        })
        .collect();
    json!({
        "resourceType": "QuestionnaireResponse",
        "identifier": {"system": identifier_system("assessment"), "value": record.id.to_string()},
        "text": narrative(&format!("{} answers, {}", ins.title, record.taken.local_time())),
        "questionnaire": format!("{}|{}", questionnaire_url(ins), ins.version),
        "status": "completed",
        "subject": {"reference": patient_url},
        "authored": record.taken.local_time(),
        "author": {"reference": patient_url},
        "source": {"reference": patient_url},
        "item": items,
    })
}

fn absent(reason: &str) -> Value {
    json!([{"url": DATA_ABSENT_REASON, "valueCode": reason}])
}

fn observation(
    ins: &Instrument,
    record: &AssessmentRecord,
    patient_url: &str,
    qr_url: &str,
    members: &[String],
) -> Value {
    let codes = codes(&ins.id);
    let band = ins.band_for(record.total);
    let mut note = match band {
        Some(b) => format!("{} band: {} ({}–{}).", ins.title, b.label, b.min, b.max),
        None => format!("{} band: {}.", ins.title, record.severity),
    };
    if record.prorated {
        note.push_str(" Total prorated from the answered items (one item missing).");
    }
    if let Some(n) = &ins.bands_note {
        note.push(' ');
        note.push_str(n);
    }
    json!({
        "resourceType": "Observation",
        "identifier": identifier("assessment", &record.id.to_string()),
        "text": narrative(&format!("{} total {} of {}, {}", ins.title, record.total, ins.max_total, record.taken.local_time())),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": {
            "coding": [coding(codes.total, "instruments", &format!("{}.total", ins.id), &format!("{} total score", ins.title))],
            "text": format!("{} total score", ins.title),
        },
        "subject": {"reference": patient_url},
        "effectiveDateTime": record.taken.local_time(),
        "performer": [{"reference": patient_url}],
        "valueInteger": record.total,
        "interpretation": [{
            "coding": [{
                "system": project_system("severity-bands"),
                "code": format!("{}-{}", ins.id, record.severity),
                "display": band.map_or_else(|| record.severity.replace('_', " "), |b| b.label.clone()),
            }],
            "text": band.map_or_else(|| record.severity.clone(), |b| format!("{} ({}–{})", b.label, b.min, b.max)),
        }],
        "note": [{"text": note}],
        "hasMember": members.iter().map(|m| json!({"reference": m})).collect::<Vec<_>>(),
        "derivedFrom": [{"reference": qr_url}],
    })
}

/// One item's answer as its own Observation (code = the item's LOINC or project code), so a
/// reader of Observations alone sees every answer — PHQ-9 item 9 included.
fn item_observation(
    ins: &Instrument,
    record: &AssessmentRecord,
    index: usize,
    patient_url: &str,
    qr_url: &str,
) -> Value {
    let codes = codes(&ins.id);
    let text = ins.items.get(index).map_or("", |i| i.text.as_str());
    let mut obs = json!({
        "resourceType": "Observation",
        "identifier": identifier("assessment-item", &format!("{}.{}", record.id, index + 1)),
        "text": narrative(&format!("{} item {}, {}", ins.title, index + 1, record.taken.local_time())),
        "status": "final",
        "category": [{"coding": [{"system": OBSERVATION_CATEGORY, "code": "survey", "display": "Survey"}]}],
        "code": {
            "coding": [coding(codes.items.and_then(|c| c.get(index)).copied(), "items", &format!("{}.{}", ins.id, index + 1), text)],
            "text": format!("{} item {}", ins.title, index + 1),
        },
        "subject": {"reference": patient_url},
        "effectiveDateTime": record.taken.local_time(),
        "performer": [{"reference": patient_url}],
        "derivedFrom": [{"reference": qr_url}],
    });
    match record.answers.get(index) {
        Some(Answer::Score { value }) => {
            let mut c = answer_coding(ins, index, *value);
            if let Some(map) = c.as_object_mut() {
                map.remove("extension");
            }
            let label = c["display"].clone();
            obs["valueCodeableConcept"] = json!({"coding": [c], "text": label});
        }
        Some(Answer::Declined) => {
            obs["dataAbsentReason"] = json!({"coding": [{"system": DATA_ABSENT_SYSTEM, "code": "asked-declined", "display": "Asked But Declined"}]});
        }
        _ => {
            obs["dataAbsentReason"] = json!({"coding": [{"system": DATA_ABSENT_SYSTEM, "code": "not-applicable", "display": "Not Applicable"}]});
        }
    }
    if let Some(flag) = item9_interpretation(ins, record, index) {
        obs["interpretation"] = flag;
    }
    obs
}

/// PHQ-9 item 9 flagged for a system that reads only Observations (clinical.md: "any answer
/// above 0 needs a safety response regardless of the total"): above 0 is v3 `A` (abnormal)
/// with the reason in words; a decline is the project's `item9-declined`, because a decline is
/// not an answer and must not read as one.
fn item9_interpretation(
    ins: &Instrument,
    record: &AssessmentRecord,
    index: usize,
) -> Option<Value> {
    if ins.id != "phq9" || index != 8 {
        return None;
    }
    match record.answers.get(index)? {
        Answer::Score { value } if *value > 0 => Some(json!([{
            "coding": [{"system": V3_INTERPRETATION, "code": "A", "display": "Abnormal"}],
            "text": "Item 9 answered above 0: needs a safety response regardless of the total",
        }])),
        Answer::Declined => Some(json!([{
            "coding": [{"system": project_system("item9-flags"), "code": "item9-declined", "display": "Item 9 declined to answer"}],
            "text": "Item 9 declined (not answered): ask about it in person",
        }])),
        _ => None,
    }
}

/// A crisis signpost shown, as an Observation (the reason coded, never the answers).
fn signpost_observation(e: &SafetyEvent, patient_url: &str, qr_url: Option<&str>) -> Value {
    let reason = match e.reason {
        assessment::SignpostReason::SelfHarmThoughts => {
            "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) answered above 0"
        }
        assessment::SignpostReason::Item9Declined => {
            "PHQ-9 item 9 (thoughts of being better off dead or of self-harm) declined to answer"
        }
        assessment::SignpostReason::SevereTotal => "PHQ-9 total in the severe band",
    };
    let mut obs = json!({
        "resourceType": "Observation",
        "identifier": identifier("safety-event", &e.id.to_string()),
        "text": narrative(&format!("Crisis signpost shown, {}: {reason}", e.occurred.local_time())),
        "status": "final",
        "category": safety_category(),
        "code": {
            "coding": [{"system": project_system("safety"), "code": "crisis-signpost-shown", "display": "Crisis signpost shown"}],
            "text": "Crisis signpost shown",
        },
        "subject": {"reference": patient_url},
        "effectiveDateTime": e.occurred.local_time(),
        "valueCodeableConcept": {
            "coding": [{"system": project_system("signpost-reasons"), "code": e.reason.as_str(), "display": reason}],
            "text": reason,
        },
        "note": [{"text": format!("Crisis resources for region {} (version {}) were shown.", e.region, e.resources_version)}],
    });
    if let Some(qr) = qr_url {
        obs["derivedFrom"] = json!([{"reference": qr}]);
    }
    obs
}

/// The person's safety plan (only when included) as a `CarePlan`: status active, intent plan,
/// one note per step in the person's own words.
fn safety_plan(plan: &crate::safety_plan::SafetyPlan, patient_url: &str) -> Value {
    let lines = super::plan_text::lines(plan);
    let mut notes: Vec<Value> = Vec::new();
    let mut step = 0;
    for l in &lines {
        let item = if l.reach.is_empty() {
            l.text.clone()
        } else {
            format!("{} ({})", l.text, l.reach)
        };
        if l.step == step {
            if let Some(last) = notes.last_mut() {
                let text = format!("{}; {item}", last["text"].as_str().unwrap_or_default());
                last["text"] = json!(text);
            }
        } else {
            step = l.step;
            notes.push(json!({"text": format!("{}. {}: {item}", l.step, l.title)}));
        }
    }
    json!({
        "resourceType": "CarePlan",
        "identifier": [{"system": identifier_system("safety-plan-version"), "value": plan.version.to_string()}],
        "text": narrative(&format!("Safety plan, version {}, saved {}", plan.version, plan.saved_at)),
        "status": "active",
        "intent": "plan",
        "title": "Safety plan",
        "description": "A personal safety plan in the person's own words (Safety Planning Intervention, Stanley & Brown 2012).",
        "subject": {"reference": patient_url},
        "created": plan.saved_at,
        "author": {"reference": patient_url},
        "note": notes,
    })
}

#[cfg(test)]
#[path = "fhir_tests.rs"]
mod tests;
