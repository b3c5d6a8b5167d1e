//! `reset safety-plan show|edit|history` and `reset lock status|set` (issue 20). `edit` takes
//! JSON from a file or standard input, as the issue says; on a terminal without `--input` it
//! asks the seven steps one at a time (`safety_plan_guided.rs`).
//!
//! The plan is the person's own words: it is printed only on stdout, never in an error, and
//! `edit` never echoes the input file's name or contents when the input is refused.

use clap::Subcommand;
use reset_core::Error;
use reset_core::assessment::CrisisRegion;
use reset_core::lock::{LockPolicy, LockSettings};
use reset_core::safety_plan::{SafetyContact, SafetyPlan, prompts};
use reset_ffi::ResetError;
use serde_json::{Value, json};

use super::crisis::lines_text;
use crate::Ctx;
use crate::output::Output;

#[path = "safety_plan_guided.rs"]
mod guided;
#[path = "safety_plan_merge.rs"]
mod merge;

/// The `edit` input shape, printed in `--help`.
const SHAPE: &str = r#"Input (JSON; every key optional; the saved plan must have at least one step filled in):
  {
    "warning_signs":      ["…"],
    "coping_strategies":  ["…"],
    "distractions":       ["…"],
    "support_contacts":   [{"name": "…", "phone": "…", "sms": "…", "other": "…"}],
    "professionals":      [{"name": "…", "phone": "…", "sms": "…", "other": "…"}],
    "safer_surroundings": ["…"],
    "reasons_for_living": ["…"]
  }
A contact needs a name and at least one of phone, sms or other. Up to 20 entries per step,
500 characters per entry. Every save is kept as a new version (see `history`).

Editing is a merge over your newest version: a key you give replaces that whole step; a key
you leave out keeps that step as it is; a key set to null or [] empties that step.
`--replace` saves exactly the input instead (absent keys become empty).
See an old version with `show --version N`; bring it back with `restore N`."#;

/// The safety-plan subcommands.
#[derive(Subcommand)]
pub enum SafetyPlanCommand {
    /// Show the current plan (or an older version), with your region's crisis lines.
    Show {
        /// Show this saved version instead of the newest (see `history`).
        #[arg(long, value_name = "N")]
        version: Option<u32>,
    },
    /// Save a new version. On a terminal, `reset safety-plan edit` alone asks each step in
    /// turn; `--input` takes the changes as JSON (the steps given replace those steps).
    #[command(after_help = SHAPE)]
    Edit {
        /// The changes as JSON: a file, or `-` for standard input. Without it, on a terminal,
        /// the steps are asked one at a time.
        #[arg(long, value_name = "FILE|-")]
        input: Option<String>,
        /// Save exactly the input as the plan: steps left out become empty.
        #[arg(long)]
        replace: bool,
    },
    /// Every saved version, newest first.
    History,
    /// Save an older version again as the newest (nothing is deleted).
    Restore {
        /// The version number to bring back (see `history`).
        version: u32,
    },
}

/// The lock subcommands.
#[derive(Subcommand)]
pub enum LockCommand {
    /// The app lock policy and whether the safety plan is readable while locked.
    Status,
    /// Set the policy: off, immediately, 1m, 5m or 15m. Whether the safety plan can be read
    /// while locked stays as it is unless `--plan-visible` or `--plan-hidden` is given.
    Set {
        /// off, immediately, 1m, 5m or 15m.
        policy: String,
        /// Let the safety plan be read without unlocking (crisis lines always can be).
        #[arg(long, conflicts_with = "plan_hidden")]
        plan_visible: bool,
        /// Keep the safety plan behind the lock (crisis lines are still always shown).
        #[arg(long)]
        plan_hidden: bool,
    },
}

/// Runs a safety-plan subcommand.
pub fn run(ctx: &Ctx, command: &SafetyPlanCommand) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    match command {
        SafetyPlanCommand::Show { version } => {
            // `crisis`: the lines shown now, for the region used now, in JSON too (new-user
            // review 3, F6: with no plan the lines were missing from `--json`).
            let region = c.crisis_region(None)?;
            let plan = match version {
                Some(n) => Some(find_version(&c.safety_plan_history()?, *n)?),
                None => c.safety_plan()?,
            };
            let crisis = super::crisis::region_json(&region);
            Ok(match plan {
                Some(plan) => Output::new(
                    json!({"plan": plan_json(&plan), "crisis": crisis}),
                    describe(&plan, &region),
                ),
                None => {
                    // Help first: the lines lead, the invitation to write a plan follows.
                    let mut human = lines_text(&region);
                    human.push_str(
                        "\nYou have no safety plan yet. `reset safety-plan edit` writes one with you,\n\
                         step by step (or from a JSON file: `reset safety-plan edit --help`).\n",
                    );
                    Output::new(json!({"plan": null, "crisis": crisis}), human)
                }
            })
        }
        SafetyPlanCommand::Edit { input, replace } => {
            let current = if *replace { None } else { c.safety_plan()? };
            let (plan, changed) = match input {
                Some(input) => {
                    let text = read_input(input)?;
                    merge::merged(&text, current.as_ref().map(|p| &p.steps))?
                }
                None if crate::ask::interactive() => {
                    let Some(plan) = guided::ask_plan(current.as_ref().map(|p| &p.steps))? else {
                        return Ok(Output::new(
                            json!({"plan": null, "saved": false}),
                            "Nothing was saved.\n".to_string(),
                        ));
                    };
                    let changed = merge::changed_steps(current.as_ref().map(|p| &p.steps), &plan);
                    (plan, changed)
                }
                None => {
                    return Err(Error::invalid(
                        "input",
                        "is required off a terminal: give --input FILE or --input - (JSON; see \
                         `reset safety-plan edit --help`); on a terminal the steps are asked one at a time",
                    )
                    .into());
                }
            };
            if current.as_ref().is_some_and(|p| p.steps == plan) && input.is_none() {
                return Ok(Output::new(
                    json!({"plan": current.as_ref().map(plan_json), "saved": false}),
                    "Nothing changed, so no new version was saved.\n".to_string(),
                ));
            }
            let saved = c.save_safety_plan(plan)?;
            let note = match (&current, changed.is_empty()) {
                (Some(_), false) => format!(
                    "Changed: {}. Every other step was kept.\n",
                    changed.join(", ")
                ),
                (Some(_), true) => "Nothing changed; every step was kept.\n".to_string(),
                (None, _) => String::new(),
            };
            let human = format!(
                "Saved version {} of your safety plan.\n{note}\n{}",
                saved.version,
                describe(&saved, &c.crisis_region(None)?)
            );
            Ok(Output::new(json!({"plan": plan_json(&saved)}), human))
        }
        SafetyPlanCommand::History => {
            let versions = c.safety_plan_history()?;
            let mut human = String::new();
            if versions.is_empty() {
                human.push_str("No safety plan saved yet.\n");
            }
            for v in &versions {
                human.push_str(&format!(
                    "version {} saved {} ({} entries)\n",
                    v.version,
                    v.saved_at,
                    merge::entries(&v.steps)
                ));
            }
            if !versions.is_empty() {
                human.push_str(
                    "\nSee one: reset safety-plan show --version N\n\
                     Bring one back as the newest: reset safety-plan restore N\n",
                );
            }
            let all: Vec<Value> = versions.iter().map(plan_json).collect();
            Ok(Output::new(json!({"versions": all}), human))
        }
        SafetyPlanCommand::Restore { version } => {
            let old = find_version(&c.safety_plan_history()?, *version)?;
            let saved = c.save_safety_plan(old.steps)?;
            let human = format!(
                "Saved version {} of your safety plan: a copy of version {version}. \
                 Nothing was deleted; every version is still in `history`.\n\n{}",
                saved.version,
                describe(&saved, &c.crisis_region(None)?)
            );
            Ok(Output::new(
                json!({"plan": plan_json(&saved), "restored_from": version}),
                human,
            ))
        }
    }
}

fn find_version(versions: &[SafetyPlan], n: u32) -> Result<SafetyPlan, ResetError> {
    versions
        .iter()
        .find(|v| v.version == n)
        .cloned()
        .ok_or_else(|| {
            Error::invalid(
                "version",
                format!("there is no version {n} (see `reset safety-plan history`)"),
            )
            .into()
        })
}

/// Runs a lock subcommand.
pub fn lock(ctx: &Ctx, command: &LockCommand) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    let current = c.app_lock_settings()?;
    let (settings, plan_note) = match command {
        LockCommand::Status => (current, ""),
        LockCommand::Set {
            policy,
            plan_visible,
            plan_hidden,
        } => {
            // Neither flag keeps the person's choice (new-user review F25): changing how soon
            // the app locks must never hide a plan they chose to keep reachable.
            let (visible, note) = match (*plan_visible, *plan_hidden) {
                (true, _) => (true, ""),
                (_, true) => (false, ""),
                (false, false) => (
                    current.safety_plan_visible_when_locked,
                    " (unchanged; --plan-visible or --plan-hidden changes it)",
                ),
            };
            let settings = LockSettings {
                policy: LockPolicy::parse(policy)?,
                safety_plan_visible_when_locked: visible,
            };
            c.set_app_lock_settings(settings)?;
            (settings, note)
        }
    };
    // The terminal app has no lock of its own (new-user review 3, F20): say so, every time.
    let human = format!(
        "app lock: {}\nsafety plan while locked: {}{plan_note}\n\
         crisis lines while locked: always shown\n\n\
         This setting is for the phone apps. The terminal app has no lock: anyone who can use\n\
         this computer account can open your profile here (its key is in {}).\n",
        policy_words(settings.policy),
        if settings.safety_plan_visible_when_locked {
            "shown"
        } else {
            "hidden"
        },
        crate::output::shown_path(&crate::profile::key_path(&ctx.db))
    );
    let json = json!({
        "policy": settings.policy.as_str(),
        "safety_plan_visible_when_locked": settings.safety_plan_visible_when_locked,
    });
    Ok(Output::new(json, human))
}

/// The policy as a person reads it (the JSON keeps `LockPolicy::as_str`).
fn policy_words(policy: LockPolicy) -> &'static str {
    match policy {
        LockPolicy::Off => "off",
        LockPolicy::Immediately => "on, as soon as you leave the app",
        LockPolicy::AfterOneMinute => "on, after 1 minute away",
        LockPolicy::AfterFiveMinutes => "on, after 5 minutes away",
        LockPolicy::AfterFifteenMinutes => "on, after 15 minutes away",
    }
}

fn read_input(input: &str) -> Result<String, ResetError> {
    // Capped at 1 MiB, FIFOs and devices refused (hostile review F6/F7); the file name may
    // itself be personal, so errors never repeat it.
    let bytes = crate::input::file("input", std::path::Path::new(input))?;
    String::from_utf8(bytes).map_err(|_| Error::invalid("input", "is not valid UTF-8").into())
}

/// The `--json` shape of one version.
fn plan_json(p: &SafetyPlan) -> Value {
    let lines: Vec<Value> = p
        .crisis_lines
        .iter()
        .map(|c| json!({"name": c.name, "phone": c.phone, "text": c.text, "url": c.url}))
        .collect();
    json!({
        "version": p.version,
        "saved_at": p.saved_at,
        "zone": p.zone,
        "steps": p.steps,
        "crisis_region": p.crisis_region,
        "crisis_lines": lines,
    })
}

fn contact(c: &SafetyContact) -> String {
    let how: Vec<String> = [
        c.phone.as_ref().map(|p| format!("call {p}")),
        c.sms.as_ref().map(|p| format!("text {p}")),
        c.other.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    format!("{} — {}", c.name, how.join(", "))
}

/// Human text: the seven steps in order, the crisis lines under step 5.
/// The crisis lines come from `region` (the person's now), with the honest line first when it
/// is only the fallback region (new-user review F30).
fn describe(p: &SafetyPlan, region: &CrisisRegion) -> String {
    let s = &p.steps;
    let mut out = format!(
        "My safety plan (version {}, saved {})\n",
        p.version, p.saved_at
    );
    // Where the lines are, said first: a person in crisis reads the top (review 3, F6, F11).
    if region.region_is_fallback {
        out.push_str(&format!(
            "If you are in danger, call your local emergency number now. We have no crisis lines\n\
             for your time zone; step 5 lists {}'s, not your country's.\n",
            region.region_name
        ));
    } else {
        out.push_str(&format!(
            "Crisis lines ({}) are under step 5; `reset help-now` shows them alone.\n",
            region.region_name
        ));
    }
    for step in prompts() {
        out.push_str(&format!("\n{}. {}\n", step.step, step.title));
        let entries: Vec<String> = match step.field.as_str() {
            "warning_signs" => s.warning_signs.clone(),
            "coping_strategies" => s.coping_strategies.clone(),
            "distractions" => s.distractions.clone(),
            "support_contacts" => s.support_contacts.iter().map(contact).collect(),
            "professionals" => s.professionals.iter().map(contact).collect(),
            "safer_surroundings" => s.safer_surroundings.clone(),
            "reasons_for_living" => s.reasons_for_living.clone(),
            _ => Vec::new(),
        };
        if entries.is_empty() {
            out.push_str("   (not filled in yet)\n");
        }
        for e in entries {
            out.push_str(&format!("   • {e}\n"));
        }
        if step.field == "professionals" {
            for line in lines_text(region).lines() {
                out.push_str(&format!("   {line}\n"));
            }
        }
    }
    out
}

/// An example plan for the tour's demo profile (invented; the number is in Ofcom's range
/// reserved for drama, 020 7946 0xxx, so it reaches nobody).
const TOUR_PLAN: &str = r#"{
  "warning_signs": ["Not sleeping, skipping meals, staying in"],
  "coping_strategies": ["A slow walk round the block", "Breathing exercise, four counts in and six out"],
  "support_contacts": [{"name": "A friend (example)", "phone": "020 7946 0123"}],
  "reasons_for_living": ["The people who would miss me"]
}"#;

/// Tour: saves an example safety plan in the demo profile and shows it with the crisis lines.
pub fn tour_step(
    companion: &reset_ffi::Companion,
    tour: &mut crate::tour::Tour,
) -> Result<(), ResetError> {
    let plan = reset_ffi::safety_plan::parse_safety_plan(TOUR_PLAN.to_string())?;
    let saved = companion.save_safety_plan(plan)?;
    tour.say(
        "Wrote a safety plan (an invented example)",
        format!(
            "version {}; `reset safety-plan show` shows it, `reset safety-plan edit` asks each step to save a new version (or `--input FILE` from JSON)\n{}",
            saved.version,
            describe(&saved, &companion.crisis_region(None)?).trim_end()
        ),
        json!({"plan": plan_json(&saved)}),
    );
    Ok(())
}
