//! Safety plan: round trip, versions, validation naming fields only, crisis lines by reference,
//! the plan in the canonical dump, and erase (backups: `backup::tests::a_multi_year_profile_round_trips_exactly`).

use crate::time::Tz;
use chrono::{DateTime, TimeZone, Utc};

use super::*;
use crate::store::{DatabaseKey, Store};

const CANARY: &str = "zebra-canary-7731";

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(
        &dir.path().join("p.db"),
        &DatabaseKey::from_bytes(&[3; 32]).unwrap(),
    )
    .unwrap()
}

fn at(min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2027, 3, 1, 20, min, 0).unwrap()
}

const LONDON: Tz = Tz::known("Europe/London");

pub(crate) fn sample() -> SafetyPlanInput {
    SafetyPlanInput {
        warning_signs: vec![format!("  Not sleeping {CANARY} ")],
        coping_strategies: vec!["Walk round the block".into()],
        distractions: vec!["The library".into()],
        support_contacts: vec![SafetyContact {
            name: "Sam".into(),
            phone: Some("+44 7700 900123".into()),
            sms: None,
            other: Some("   ".into()),
        }],
        professionals: vec![SafetyContact {
            name: "Dr Patel (GP)".into(),
            phone: Some("020 7946 0000".into()),
            ..Default::default()
        }],
        safer_surroundings: vec!["Give the tablets to Sam".into()],
        reasons_for_living: vec!["My cat".into()],
    }
}

#[test]
fn a_plan_round_trips_trimmed_with_the_regions_crisis_lines() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = open(&dir);
    assert_eq!(current(store.conn(), LONDON).unwrap(), None);
    let saved = store.write(|tx| save(tx, sample(), at(0), LONDON)).unwrap();
    assert_eq!(saved.version, 1);
    assert_eq!(saved.saved_at, "2027-03-01T20:00:00Z");
    assert_eq!(
        saved.steps.warning_signs,
        [format!("Not sleeping {CANARY}")]
    );
    assert_eq!(
        saved.steps.support_contacts[0].other, None,
        "blank becomes none"
    );
    assert_eq!(saved.crisis_region, "GB");
    assert!(
        saved
            .crisis_lines
            .iter()
            .any(|c| c.name.contains("Samaritans"))
    );
    assert_eq!(current(store.conn(), LONDON).unwrap(), Some(saved));
    // The lines are referenced, not copied: the stored JSON holds none of them.
    let raw: String = store
        .conn()
        .query_row("SELECT plan FROM safety_plan_versions", [], |r| r.get(0))
        .unwrap();
    assert!(
        !raw.contains("Samaritans") && !raw.contains("116 123"),
        "{raw}"
    );
    // A region preference changes the lines of the same stored plan.
    crate::preferences::set(store.conn(), "region", "US").unwrap();
    let us = current(store.conn(), LONDON).unwrap().unwrap();
    assert_eq!(us.crisis_region, "US");
    assert!(
        us.crisis_lines
            .iter()
            .any(|c| c.phone.as_deref() == Some("988"))
    );
}

#[test]
fn every_save_is_a_new_version_and_history_is_newest_first() {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = open(&dir);
    store.write(|tx| save(tx, sample(), at(0), LONDON)).unwrap();
    let mut revised = sample();
    revised
        .reasons_for_living
        .push("Seeing my niece grow up".into());
    store
        .write(|tx| save(tx, revised.clone(), at(5), LONDON))
        .unwrap();
    let third = store.write(|tx| save(tx, revised, at(9), LONDON)).unwrap();
    assert_eq!(third.version, 3);
    let h = history(store.conn(), LONDON).unwrap();
    assert_eq!(h.iter().map(|p| p.version).collect::<Vec<_>>(), [3, 2, 1]);
    assert_eq!(h[2].steps.reasons_for_living, ["My cat"]);
    assert_eq!(h[1].steps.reasons_for_living.len(), 2);
    assert_eq!(current(store.conn(), LONDON).unwrap().unwrap(), h[0]);
}

fn invalid_field(input: SafetyPlanInput) -> (String, String) {
    let dir = tempfile::TempDir::new().unwrap();
    let mut store = open(&dir);
    let err = store
        .write(|tx| save(tx, input, at(0), LONDON))
        .unwrap_err();
    let count: i64 = store
        .conn()
        .query_row("SELECT COUNT(*) FROM safety_plan_versions", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(count, 0, "nothing stored on error");
    assert!(!err.to_string().contains(CANARY), "{err}");
    match err {
        Error::InvalidInput { field, reason } => (field, reason),
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

#[test]
fn bad_plans_are_refused_naming_the_field_and_never_the_text() {
    assert_eq!(invalid_field(SafetyPlanInput::default()).0, "plan");
    let mut p = sample();
    p.coping_strategies.push("   ".into());
    assert_eq!(invalid_field(p).0, "coping_strategies[1]");
    let mut p = sample();
    p.warning_signs
        .push(format!("{CANARY}{}", "x".repeat(MAX_ITEM_CHARS)));
    let (field, reason) = invalid_field(p);
    assert_eq!(field, "warning_signs[1]");
    assert!(reason.contains("500"), "{reason}");
    let mut p = sample();
    p.distractions = vec!["a".into(); MAX_ITEMS + 1];
    assert_eq!(invalid_field(p).0, "distractions");
    let mut p = sample();
    p.support_contacts[0].phone = Some(format!("call {CANARY}"));
    assert_eq!(invalid_field(p).0, "support_contacts[0].phone");
    let mut p = sample();
    p.professionals[0].phone = None;
    assert_eq!(invalid_field(p).0, "professionals[0]");
    let mut p = sample();
    p.support_contacts[0].name = " ".into();
    assert_eq!(invalid_field(p).0, "support_contacts[0].name");
    let mut p = sample();
    p.reasons_for_living = vec![format!("bell\u{7}{CANARY}")];
    assert_eq!(invalid_field(p).0, "reasons_for_living[0]");
}

#[test]
fn json_input_errors_give_a_position_never_the_value() {
    let ok = parse_input(
        r#"{"warning_signs": ["a"], "support_contacts": [{"name": "Sam", "sms": "07700 900123"}]}"#,
    )
    .unwrap();
    assert_eq!(ok.support_contacts[0].sms.as_deref(), Some("07700 900123"));
    for bad in [
        format!(r#"{{"warning_signs": "{CANARY}"}}"#),
        format!(r#"{{"{CANARY}": []}}"#),
        format!(r#"{{"warning_signs": [{CANARY}]}}"#),
        format!(r#"{{"warning_signs": ["{CANARY}""#),
    ] {
        let err = parse_input(&bad).unwrap_err();
        let text = err.to_string();
        assert!(!text.contains(CANARY), "{text}");
        assert!(matches!(err, Error::InvalidInput { ref field, .. } if field == "input"));
        assert!(text.contains("line 1"), "{text}");
    }
}

#[test]
fn prompts_cover_the_seven_steps_in_order_and_name_real_fields() {
    let p = prompts();
    assert_eq!(
        p.iter().map(|s| s.step).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6, 7]
    );
    let fields = serde_json::to_value(SafetyPlanInput::default()).unwrap();
    let keys: Vec<&String> = fields.as_object().unwrap().keys().collect();
    for s in &p {
        assert!(keys.contains(&&s.field), "{}", s.field);
        assert!(!s.prompt.is_empty() && !s.title.is_empty());
    }
    assert_eq!(p.len(), keys.len());
}

#[test]
fn the_plan_is_in_the_canonical_dump_and_erase_removes_it() {
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("p.db");
    let key = DatabaseKey::from_bytes(&[3; 32]).unwrap();
    let mut store = Store::open(&path, &key).unwrap();
    store.write(|tx| save(tx, sample(), at(0), LONDON)).unwrap();
    store.write(|tx| save(tx, sample(), at(1), LONDON)).unwrap();
    let dump = crate::dump::to_string(store.conn()).unwrap();
    assert!(dump.contains("\"safety_plan_versions\""), "table dumped");
    assert!(dump.contains(CANARY), "plan text dumped");
    store.erase().unwrap();
    let store = Store::open(&path, &key).unwrap();
    assert_eq!(
        current(store.conn(), LONDON).unwrap(),
        None,
        "erase removes it"
    );
}
