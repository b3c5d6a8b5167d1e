//! Issue 20: the safety plan is in a therapist export only when the person includes it —
//! a canary from the plan appears in the PDF's text, the CSV and the FHIR Bundle with
//! `SafetyPlan` chosen, and in none of them by default or with any other choice.

use super::tests::{LONDON, NOW, all_of_2027_q1, fixture, utc};
use super::*;
use crate::progress::Silent;

const CANARY: &str = "kestrel-plan-canary-4410";

fn with_plan() -> super::tests::Fixture {
    let mut f = fixture();
    f.store
        .write(|tx| {
            crate::safety_plan::save(
                tx,
                crate::safety_plan::SafetyPlanInput {
                    warning_signs: vec![format!("Not sleeping {CANARY}")],
                    support_contacts: vec![crate::safety_plan::SafetyContact {
                        name: "Sam Quillfeather".into(),
                        phone: Some("+44 7700 900123".into()),
                        ..Default::default()
                    }],
                    reasons_for_living: vec!["My dog".into()],
                    ..Default::default()
                },
                utc("2027-03-01T20:00:00Z"),
                LONDON,
            )
            .map(|_| ())
        })
        .unwrap();
    f
}

/// Every byte an export of `format` with `options` writes, as text (PDF: its text layer).
fn exported(
    f: &mut super::tests::Fixture,
    format: ExportFormat,
    options: &ExportOptions,
) -> String {
    let out = f._dir.path().join(format!("out-{}", rand_name()));
    let out = match format {
        ExportFormat::Csv => out.with_extension("zip"),
        _ => out,
    };
    let s = export(
        &mut f.store,
        format,
        options,
        &out,
        utc(NOW),
        LONDON,
        &Silent,
    )
    .unwrap();
    match format {
        ExportFormat::Pdf => {
            let text = std::process::Command::new("pdftotext")
                .arg(&out)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils) is needed");
            String::from_utf8(text.stdout).unwrap().replace('\n', " ")
        }
        ExportFormat::Csv => {
            let mut z = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
            let mut all = String::new();
            for name in &s.files {
                use std::io::Read;
                z.by_name(name).unwrap().read_to_string(&mut all).unwrap();
            }
            all
        }
        ExportFormat::Fhir => std::fs::read_to_string(&out).unwrap(),
    }
}

fn rand_name() -> String {
    let mut b = [0u8; 6];
    getrandom::fill(&mut b).unwrap();
    hex::encode(b)
}

#[test]
fn the_plan_appears_only_when_the_person_includes_it() {
    let mut f = with_plan();
    let without = [
        ExportOptions {
            include: None,
            ..all_of_2027_q1()
        },
        ExportOptions {
            include: Some(ExportSection::DEFAULT.to_vec()),
            ..all_of_2027_q1()
        },
    ];
    let with = ExportOptions {
        include: Some(vec![ExportSection::Assessments, ExportSection::SafetyPlan]),
        ..all_of_2027_q1()
    };
    for format in [ExportFormat::Pdf, ExportFormat::Csv, ExportFormat::Fhir] {
        for options in &without {
            let text = exported(&mut f, format, options);
            assert!(!text.contains(CANARY), "{format:?} leaked the plan");
            assert!(
                !text.contains("Quillfeather"),
                "{format:?} leaked a contact"
            );
        }
        let text = exported(&mut f, format, &with);
        assert!(
            text.contains(CANARY),
            "{format:?} without the plan:\n{text}"
        );
        assert!(text.contains("+44 7700 900123"), "{format:?}");
    }
    let p = preview(&f.store, &with, utc(NOW), LONDON).unwrap();
    assert_eq!(p.safety_plan_version, Some(1));
    let p = preview(&f.store, &without[0], utc(NOW), LONDON).unwrap();
    assert_eq!(p.safety_plan_version, None);
}

#[test]
fn the_plan_section_names_its_steps_in_the_pdf() {
    let mut f = with_plan();
    let text = exported(
        &mut f,
        ExportFormat::Pdf,
        &ExportOptions {
            include: Some(vec![ExportSection::SafetyPlan]),
            ..all_of_2027_q1()
        },
    );
    for expected in [
        "Safety plan (included by the person)",
        "Version 1",
        "1. My warning signs",
        "4. People I can ask for help",
        "Sam Quillfeather — phone +44 7700 900123",
        "7. My reasons for living",
        // Review L4: no doubled numbers, and a text line says "text".
        "NHS 111, option 2;",
        "Shout: text SHOUT to 85258",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    // Third therapist review F7: an empty step is named and said to be empty, in order.
    for expected in [
        "2. Things I can do on my own Not filled in yet.",
        "3. People and places that help me feel better Not filled in yet.",
        "6. Making my surroundings safer Not filled in yet.",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    assert!(!text.contains("1. My warning signs Not filled"), "{text}");
    assert_eq!(text.matches("Not filled in yet.").count(), 4, "{text}");
    // Review L6: with only the plan included there is no empty "Summary" heading.
    assert!(!text.contains("Summary"), "{text}");
    assert!(
        !text.contains("option 2 111") && !text.contains("Shout SHOUT"),
        "{text}"
    );
}

/// Therapist review M2 (and L5): a date-ranged report shows the version in force at `to` —
/// the latest saved on or before it — and one line naming a newer version without its
/// content; before any save it says so. Save times are in the plan's zone with the offset.
#[test]
fn a_ranged_report_shows_the_plan_in_force_at_its_end() {
    const NEWER: &str = "osprey-newer-plan-7781";
    let mut f = with_plan();
    f.store
        .write(|tx| {
            crate::safety_plan::save(
                tx,
                crate::safety_plan::SafetyPlanInput {
                    warning_signs: vec![format!("Pacing at night {NEWER}")],
                    ..Default::default()
                },
                utc("2027-03-29T11:00:00Z"),
                LONDON,
            )
            .map(|_| ())
        })
        .unwrap();
    let ranged = |to: &str| ExportOptions {
        to: Some(to.into()),
        include: Some(vec![ExportSection::SafetyPlan]),
        ..all_of_2027_q1()
    };
    let text = exported(&mut f, ExportFormat::Pdf, &ranged("2027-03-10"));
    assert!(text.contains(CANARY), "{text}");
    assert!(!text.contains(NEWER), "{text}");
    for expected in [
        "Version 1, saved 2027-03-01 20:00:00+00:00 (Europe/London): the version in force at the end of this range (2027-03-10).",
        "A newer version exists: version 2, saved on 2027-03-29, after this range; it is not shown here.",
    ] {
        assert!(text.contains(expected), "missing {expected:?}:\n{text}");
    }
    let text = exported(&mut f, ExportFormat::Pdf, &ranged("2027-03-31"));
    assert!(text.contains(NEWER) && !text.contains(CANARY), "{text}");
    assert!(
        text.contains("Version 2, saved 2027-03-29 12:00:00+01:00 (Europe/London)"),
        "{text}"
    );
    assert!(!text.contains("A newer version exists"), "{text}");
    let text = exported(&mut f, ExportFormat::Pdf, &ranged("2027-02-15"));
    assert!(!text.contains(CANARY) && !text.contains(NEWER), "{text}");
    assert!(
        text.contains("No safety plan had been saved by 2027-02-15, the end of this range. It was saved only after this range (newest: version 2, on 2027-03-29)"),
        "{text}"
    );
}

/// The preview names the version the export will show: the one in force at `to`, none when
/// the plan was saved only after the range, none when the person leaves it out.
#[test]
fn the_preview_names_the_version_in_force_at_the_end_of_the_range() {
    let mut f = with_plan();
    f.store
        .write(|tx| {
            crate::safety_plan::save(
                tx,
                crate::safety_plan::SafetyPlanInput {
                    warning_signs: vec!["Pacing at night".into()],
                    ..Default::default()
                },
                utc("2027-03-29T11:00:00Z"),
                LONDON,
            )
            .map(|_| ())
        })
        .unwrap();
    let version = |to: &str, include: Option<Vec<ExportSection>>| {
        let options = ExportOptions {
            to: Some(to.into()),
            include,
            ..all_of_2027_q1()
        };
        preview(&f.store, &options, utc(NOW), LONDON)
            .unwrap()
            .safety_plan_version
    };
    let plan = || Some(vec![ExportSection::SafetyPlan]);
    assert_eq!(version("2027-03-10", plan()), Some(1));
    assert_eq!(version("2027-03-31", plan()), Some(2));
    assert_eq!(version("2027-02-15", plan()), None);
    assert_eq!(version("2027-03-31", None), None, "never by default");
}
