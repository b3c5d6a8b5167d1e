//! Specification tests: the shared golden vectors (tests/fixtures/assessment/golden.json,
//! also read by the Swift and Kotlin tests) and property tests over every instrument.

use proptest::prelude::*;
use serde::Deserialize;
use serde_json::Value;

use crate::time::Tz;

use super::*;
use crate::error::Error;

const GOLDEN: &str = include_str!("../../../tests/fixtures/assessment/golden.json");

#[derive(Deserialize)]
struct Golden {
    scoring: Vec<ScoringCase>,
    outcomes: Vec<OutcomeCase>,
}

#[derive(Deserialize)]
struct ScoringCase {
    name: String,
    instrument: String,
    answers: String,
    region: String,
    expect: Option<Value>,
    error: Option<ExpectedError>,
}

#[derive(Deserialize)]
struct ExpectedError {
    kind: String,
    field: String,
}

#[derive(Deserialize)]
struct OutcomeCase {
    name: String,
    phq9: [u32; 2],
    gad7: [u32; 2],
    expect: Value,
    /// The indicators that hold, warnings first (issue 17).
    met: Vec<String>,
}

fn golden() -> Golden {
    serde_json::from_str(GOLDEN).unwrap()
}

fn london() -> crate::time::Tz {
    Tz::known("Europe/London")
}

/// What the fixture compares: the CLI's contract fields plus `prorated`, with the signpost
/// reduced to reason, region and phone numbers.
fn observable(r: &AssessmentResult) -> Value {
    let signpost = r.signpost.as_ref().map(|s| {
        serde_json::json!({
            "reason": s.reason.as_str(),
            "region": s.region,
            "phones": s.resources.iter().filter_map(|c| c.phone.clone()).collect::<Vec<_>>(),
        })
    });
    serde_json::json!({
        "total": r.total, "max": r.max, "severity": r.severity, "flags": r.flags,
        "prorated": r.prorated, "signpost": signpost,
    })
}

fn run_case(case: &ScoringCase) -> crate::Result<AssessmentResult> {
    let region = resolve_region(Some(&case.region), None, london())?;
    score(&case.instrument, &parse_answers(&case.answers)?, region)
}

#[test]
fn golden_scoring_vectors() {
    let g = golden();
    assert!(g.scoring.len() > 60);
    for case in &g.scoring {
        match (run_case(case), &case.expect, &case.error) {
            (Ok(result), Some(expect), None) => {
                assert_eq!(&observable(&result), expect, "{}", case.name);
                assert_eq!(result.instrument, case.instrument, "{}", case.name);
            }
            (Err(err), None, Some(expected)) => {
                assert_eq!(err.kind().as_str(), expected.kind, "{}", case.name);
                match err {
                    Error::InvalidInput { field, .. } => {
                        assert_eq!(field, expected.field, "{}", case.name)
                    }
                    other => panic!("{}: {other:?}", case.name),
                }
            }
            (got, _, _) => panic!("{}: unexpected {got:?}", case.name),
        }
    }
}

#[test]
fn golden_vectors_cover_every_band_edge_and_an_error_for_every_instrument() {
    let g = golden();
    for ins in catalogue().unwrap() {
        let totals: Vec<(u64, &str)> = g
            .scoring
            .iter()
            .filter(|c| c.instrument == ins.id)
            .filter_map(|c| c.expect.as_ref())
            .map(|e| {
                (
                    e["total"].as_u64().unwrap(),
                    e["severity"].as_str().unwrap(),
                )
            })
            .collect();
        for band in &ins.bands {
            for edge in [band.min, band.max] {
                assert!(
                    totals.contains(&(u64::from(edge), band.id.as_str())),
                    "{}: no golden vector for total {edge} ({})",
                    ins.id,
                    band.id
                );
            }
        }
        assert!(
            g.scoring
                .iter()
                .any(|c| c.instrument == ins.id && c.error.is_some()),
            "{}: no invalid answer set in the golden vectors",
            ins.id
        );
    }
}

#[test]
fn golden_outcome_truth_table() {
    for case in golden().outcomes {
        let s = summarise(&OutcomeScores {
            phq9_first: case.phq9[0],
            phq9_last: case.phq9[1],
            gad7_first: case.gad7[0],
            gad7_last: case.gad7[1],
        })
        .unwrap();
        let got = serde_json::to_value(&s).unwrap();
        let expect = case.expect.as_object().unwrap();
        for (key, want) in expect {
            assert_eq!(&got[key], want, "{}: {key}", case.name);
        }
        let met: Vec<&str> = s.met().iter().map(|i| i.indicator.as_str()).collect();
        assert_eq!(met, case.met, "{}", case.name);
        // Every indicator is listed, each with its own explanation.
        assert_eq!(
            got["indicators"].as_array().unwrap().len(),
            4,
            "{}",
            case.name
        );
    }
}

#[test]
fn positive_screens_offer_the_full_instrument() {
    let gb = resolve_region(Some("GB"), None, london()).unwrap();
    let positive = score("gad2", &parse_answers("2,1").unwrap(), gb).unwrap();
    assert_eq!(positive.follow_up.as_deref(), Some("gad7"));
    let negative = score("phq2", &parse_answers("1,1").unwrap(), gb).unwrap();
    assert_eq!(negative.follow_up, None);
}

#[test]
fn an_error_never_quotes_the_answers() {
    let gb = resolve_region(Some("GB"), None, london()).unwrap();
    let err = score("gad7", &parse_answers("0,0,0,77,0,0,0").unwrap(), gb).unwrap_err();
    assert!(!err.to_string().contains("77"), "{err}");
}

/// Any answer an item could be given, valid or not.
fn any_answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        8 => (0u8..=10).prop_map(Answer::score),
        1 => Just(Answer::NotApplicable),
        1 => Just(Answer::Declined),
    ]
}

/// A valid answer set for `ins`: scores in range, with allowed items sometimes missing.
fn valid_answers(ins: &'static Instrument) -> impl Strategy<Value = Vec<Answer>> {
    let hi = ins.score_range().1;
    let per_item: Vec<BoxedStrategy<Answer>> = ins
        .items
        .iter()
        .map(|item| {
            let mut options = vec![(0..=hi).prop_map(Answer::score).boxed()];
            if item.allows_decline {
                options.push(Just(Answer::Declined).boxed());
            }
            if item.allows_not_applicable {
                options.push(Just(Answer::NotApplicable).boxed());
            }
            proptest::strategy::Union::new(options).boxed()
        })
        .collect();
    per_item
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn totals_always_lie_between_zero_and_the_maximum(
        (ins, answers) in (0usize..6).prop_flat_map(|i| {
            let ins: &'static Instrument = &catalogue().unwrap()[i];
            valid_answers(ins).prop_map(move |a| (ins, a))
        }),
    ) {
        match evaluate(ins, &answers) {
            Ok(scored) => {
                prop_assert!(scored.total <= ins.max_total);
                let band = &ins.bands[scored.band];
                prop_assert!(band.min <= scored.total && scored.total <= band.max);
                prop_assert_eq!(scored.prorated, answers.iter().any(|a| a.is_missing()));
            }
            // Only too many missing items may refuse a set built from allowed answers.
            Err(Error::InvalidInput { .. }) => {
                let missing = answers.iter().filter(|a| a.is_missing()).count();
                prop_assert!(missing as u32 > ins.max_missing);
            }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn arbitrary_answer_sets_score_within_range_or_name_a_field(
        index in 0usize..6,
        answers in prop::collection::vec(any_answer(), 0..12),
    ) {
        let ins = &catalogue().unwrap()[index];
        match evaluate(ins, &answers) {
            Ok(scored) => prop_assert!(scored.total <= ins.max_total),
            Err(Error::InvalidInput { field, .. }) => prop_assert!(field.starts_with("answers")),
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn phq9_signposts_exactly_when_item_9_is_positive_or_declined_or_the_total_is_severe(
        answers in valid_answers(instrument("phq9").unwrap()),
    ) {
        let scored = evaluate(instrument("phq9").unwrap(), &answers).unwrap();
        let item9 = !matches!(answers[8], Answer::Score { value: 0 });
        let expected = if item9 {
            Some(SignpostReason::SelfHarmThoughts)
        } else if scored.total >= 20 {
            Some(SignpostReason::SevereTotal)
        } else {
            None
        };
        prop_assert_eq!(scored.signpost, expected);
    }
}
