//! Specifications for the content packs and the validator, run over the real packs.

use proptest::prelude::*;

use crate::error::Error;
use crate::programme::catalogue::PACKS;
use crate::programme::{Catalogue, Programme, parse_pack, validate};

fn real() -> Catalogue {
    Catalogue::load().unwrap()
}

fn programme(id: &str) -> Programme {
    real().get(id).unwrap().clone()
}

/// Asserts `result` is invalid input naming the JSON path of the step with id `step` in `p`
/// (`steps[i]…`) in its message, and never quoting the step's id.
fn assert_names_step(p: &Programme, result: crate::Result<()>, step: &str) {
    let i = p.steps.iter().rposition(|s| s.id == step).unwrap();
    let path = format!("steps[{i}].");
    match result {
        Err(Error::InvalidInput { field, reason }) => {
            assert!(
                field.starts_with("steps[") && reason.contains(&path),
                "`{field}: {reason}` should name {path}"
            );
            assert!(!reason.contains(&format!("`{step}`")), "{reason}");
        }
        other => panic!("expected invalid input naming {step}, got {other:?}"),
    }
}

#[test]
fn the_catalogue_offers_the_four_reset_series_programmes() {
    let cat = real();
    let ids: Vec<(&str, usize)> = cat
        .programmes()
        .iter()
        .map(|p| (p.id.as_str(), p.steps.len()))
        .collect();
    assert_eq!(
        ids,
        [
            ("anxiety-reset", 8),
            ("meditation-7-day", 7),
            ("mindfulness-8-week", 8),
            ("stress-reset", 14)
        ]
    );
}

#[test]
fn each_pack_file_is_named_after_its_programme_id() {
    for (file, json) in PACKS {
        let p = parse_pack(json).unwrap();
        assert_eq!(*file, format!("{}.json", p.id));
    }
}

#[test]
fn every_programme_says_it_complements_professional_care() {
    for p in real().programmes() {
        assert!(
            p.notice
                .contains("complement to professional care, not a replacement"),
            "{}",
            p.id
        );
        assert!(p.notice.contains("crisis line"), "{}", p.id);
    }
}

#[test]
fn anxiety_reset_measures_gad7_at_sessions_1_4_8_and_phq9_at_1_and_8() {
    let p = programme("anxiety-reset");
    let with = |instrument: &str| -> Vec<String> {
        p.steps
            .iter()
            .filter(|s| s.instruments.iter().any(|i| i == instrument))
            .map(|s| s.id.clone())
            .collect()
    };
    assert_eq!(with("gad7"), ["session-1", "session-4", "session-8"]);
    assert_eq!(with("phq9"), ["session-1", "session-8"]);
}

#[test]
fn anxiety_reset_sessions_are_a_week_apart_and_say_the_week_is_for_practice() {
    let p = programme("anxiety-reset");
    for (i, step) in p.steps.iter().enumerate() {
        if i == 0 {
            assert!(step.requires.is_empty());
            continue;
        }
        assert_eq!(step.requires, [p.steps[i - 1].id.clone()]);
        assert_eq!(step.min_gap_days, 7, "{}", step.id);
        let note = step.wait_note.as_deref().unwrap();
        assert!(
            note.contains("the week is for practice") || note.contains("That week is for practice")
        );
    }
    // Sessions 1–7 also say so in their own text, where the person reads it.
    for step in &p.steps[..7] {
        assert!(step.body.contains("week is for practice"), "{}", step.id);
    }
}

#[test]
fn meditation_builds_from_five_to_fifteen_minutes_one_day_at_a_time() {
    let p = programme("meditation-7-day");
    let minutes: Vec<u32> = p
        .steps
        .iter()
        .map(|s| s.practice_target.unwrap().minutes)
        .collect();
    assert_eq!(minutes.first(), Some(&5));
    assert_eq!(minutes.last(), Some(&15));
    assert!(minutes.windows(2).all(|w| w[0] <= w[1]));
    assert!(p.steps[1..].iter().all(|s| s.min_gap_days == 1));
}

#[test]
fn stress_reset_covers_its_fourteen_themes() {
    let p = programme("stress-reset");
    let text: String = p.steps.iter().map(|s| s.title.to_lowercase()).collect();
    for theme in [
        "breath",
        "body scan",
        "signals",
        "reframing",
        "worry time",
        "sleep",
        "caffeine",
        "plan",
    ] {
        assert!(text.contains(theme), "missing theme {theme}");
    }
}

#[test]
fn mindfulness_is_eight_weekly_themes_each_with_daily_home_practice() {
    let p = programme("mindfulness-8-week");
    assert!(p.steps[1..].iter().all(|s| s.min_gap_days == 7));
    assert!(p.steps.iter().all(|s| s.practice_target.is_some()));
}

#[test]
fn texts_stay_concise_and_make_no_promises_of_cure() {
    for p in real().programmes() {
        for s in &p.steps {
            assert!(
                s.body.len() < 1800,
                "{}/{} is {} bytes",
                p.id,
                s.id,
                s.body.len()
            );
            let words: Vec<String> = s
                .body
                .split(|c: char| !c.is_alphabetic())
                .map(str::to_lowercase)
                .collect();
            for banned in ["cure", "cures", "guarantee", "guaranteed"] {
                assert!(
                    !words.iter().any(|w| w == banned),
                    "{}/{}: {banned}",
                    p.id,
                    s.id
                );
            }
        }
    }
}

#[test]
fn a_duplicate_step_id_is_rejected_naming_the_step() {
    let mut p = programme("meditation-7-day");
    p.steps[3].id = "day-2".into();
    p.steps[3].requires.clear();
    assert_names_step(&p, validate(&p), "day-2");
}

#[test]
fn a_cycle_makes_its_steps_unreachable() {
    let mut p = programme("stress-reset");
    // day-3 now waits for day-5, which (via day-4) waits for day-3.
    p.steps[2].requires = vec!["day-5".into()];
    let err = validate(&p);
    assert_names_step(&p, err, "day-3");
    let unreachable = validate::unreachable(&p);
    assert_eq!(unreachable[..3], ["day-3", "day-4", "day-5"]);
    assert_eq!(
        unreachable.len(),
        12,
        "everything after the cycle is stuck too"
    );
}

#[test]
fn an_unknown_prerequisite_is_rejected_naming_the_step() {
    let mut p = programme("anxiety-reset");
    p.steps[4].requires = vec!["session-99".into()];
    assert_names_step(&p, validate(&p), "session-5");
}

#[test]
fn unknown_instruments_and_journal_kinds_are_rejected_naming_the_step() {
    let mut p = programme("anxiety-reset");
    p.steps[1].instruments = vec!["bdi".into()];
    assert_names_step(&p, validate(&p), "session-2");

    let mut p = programme("anxiety-reset");
    p.steps[2].journal_kind = Some("diary".into());
    assert_names_step(&p, validate(&p), "session-3");
}

#[test]
fn empty_text_is_rejected_naming_the_step() {
    let mut p = programme("mindfulness-8-week");
    p.steps[5].body = " \n ".into();
    assert_names_step(&p, validate(&p), "week-6");
}

#[test]
fn an_unknown_kind_in_a_file_is_rejected_naming_the_step() {
    let json = PACKS[1]
        .1
        .replacen("\"kind\": \"practice\"", "\"kind\": \"lecture\"", 1);
    let err = parse_pack(&json).unwrap_err();
    assert!(matches!(err, Error::InvalidInput { ref field, ref reason }
        if field == "steps[0].kind" && !reason.contains("lecture")));
}

#[test]
fn an_unknown_field_or_newer_format_is_refused() {
    let typo = PACKS[1]
        .1
        .replacen("\"minutes\": 5,", "\"minutes\": 5, \"minuets\": 5,", 1);
    assert!(
        matches!(parse_pack(&typo).map_err(crate::error::to_public), Err(crate::ResetError::InvalidInput { ref field, .. }) if field == "json")
    );
    let newer = PACKS[1].1.replacen("\"format\": 1", "\"format\": 2", 1);
    assert!(
        matches!(parse_pack(&newer), Err(Error::InvalidInput { ref field, .. }) if field == "format")
    );
}

/// One way to break a step, and whether it is expected to be caught.
#[derive(Debug, Clone)]
enum Damage {
    EmptyBody(String),
    EmptyTitle,
    UnknownJournal(String),
    UnknownInstrument(String),
    RequiresItself,
    ZeroMinutes,
}

fn damage() -> impl Strategy<Value = Damage> {
    prop_oneof![
        "[ \t\n]{0,4}".prop_map(Damage::EmptyBody),
        Just(Damage::EmptyTitle),
        "[a-z]{1,10}"
            .prop_filter("not a known kind", |k| !validate::known_journal_kinds()
                .contains(&k.as_str()))
            .prop_map(Damage::UnknownJournal),
        "[a-z0-9]{1,8}"
            .prop_filter("not a known instrument", |k| !validate::known_instruments()
                .unwrap()
                .contains(&k.as_str()))
            .prop_map(Damage::UnknownInstrument),
        Just(Damage::RequiresItself),
        Just(Damage::ZeroMinutes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any single damaged step in any real pack is rejected, and the error names that step.
    #[test]
    fn any_damaged_step_is_rejected_naming_it(which in 0usize..4, step in 0usize..14, d in damage()) {
        let mut p = real().programmes()[which].clone();
        let i = step % p.steps.len();
        let target = &mut p.steps[i];
        let id = target.id.clone();
        match d {
            Damage::EmptyBody(ws) => target.body = ws,
            Damage::EmptyTitle => target.title = String::new(),
            Damage::UnknownJournal(k) => target.journal_kind = Some(k),
            Damage::UnknownInstrument(k) => target.instruments.push(k),
            Damage::RequiresItself => target.requires.push(id.clone()),
            Damage::ZeroMinutes => target.minutes = 0,
        }
        assert_names_step(&p, validate(&p), &id);
    }

    /// Validation depends on the unlock rules, not on the order steps appear in the file:
    /// any shuffle of a real pack still validates with every step reachable.
    #[test]
    fn real_packs_validate_in_any_step_order(
        which in 0usize..4,
        order in Just((0usize..14).collect::<Vec<_>>()).prop_shuffle(),
    ) {
        let mut p = real().programmes()[which].clone();
        let steps = p.steps.clone();
        p.steps = order.iter().filter_map(|&i| steps.get(i).cloned()).collect();
        prop_assert!(validate(&p).is_ok());
        prop_assert!(validate::unreachable(&p).is_empty());
    }
}
