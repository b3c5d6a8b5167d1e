//! `reset help-now` and `reset region show|set|auto`: the crisis lines for the person's region,
//! and the one place that region is chosen (new-user review F5, F21, F30).
//!
//! The lines come from the core's versioned data (`core/content/crisis_resources.json`); this
//! module only words them. Outside every covered region the core falls back to its default
//! region, and the text says so before the lines — never "help where you are".

use clap::Subcommand;
use reset_core::assessment::{CrisisRegion, REGION_PREFERENCE};
use reset_ffi::{Companion, ResetError};
use serde_json::json;

use crate::Ctx;
use crate::output::Output;

/// The region subcommands.
#[derive(Subcommand)]
pub enum RegionCommand {
    /// The region whose crisis lines are shown, and why (your choice, the time zone, or the default).
    Show,
    /// Choose the region for crisis lines: GB, US or IE.
    Set {
        /// GB, US or IE.
        code: String,
    },
    /// Forget the chosen region: the time zone decides again.
    Auto,
}

/// Runs `reset help-now`.
pub fn help_now(ctx: &Ctx) -> Result<Output, ResetError> {
    // Never blocked by the profile: with none yet (nothing is created here), or one that can't
    // be opened (a lost key), the lines for the time zone's region are listed all the same.
    let from_profile = if ctx.db.exists() {
        ctx.open().and_then(|c| c.crisis_region(None)).ok()
    } else {
        None
    };
    let region = match from_profile {
        Some(region) => region,
        None => reset_ffi::crisis::crisis_region_without_profile(None, ctx.zone.clone())?,
    };
    let mut human = lines_text(&region);
    human.push_str(
        "\nYour own safety plan: reset safety-plan show\n\
         Choose the region for these lines: reset region set GB|US|IE\n",
    );
    Ok(Output::new(region_json(&region), human))
}

/// Runs a region subcommand.
pub fn region(ctx: &Ctx, command: &RegionCommand) -> Result<Output, ResetError> {
    let c = ctx.open()?;
    match command {
        RegionCommand::Show => {}
        RegionCommand::Set { code } => {
            // The core refuses a region it has no lines for, naming `region`.
            let chosen = c.crisis_region(Some(code.clone()))?;
            c.set_preference(REGION_PREFERENCE.into(), chosen.region)?;
        }
        RegionCommand::Auto => c.clear_preference(REGION_PREFERENCE.into())?,
    }
    describe_region(&c)
}

fn describe_region(c: &Companion) -> Result<Output, ResetError> {
    let region = c.crisis_region(None)?;
    let chosen = c.preference(REGION_PREFERENCE.into())?;
    let source = match (&chosen, region.region_is_fallback) {
        (Some(code), _) if code.eq_ignore_ascii_case(&region.region) => "chosen",
        (_, true) => "default",
        _ => "time_zone",
    };
    let why = match source {
        "chosen" => "you chose it (`reset region auto` lets the time zone decide)".to_string(),
        "time_zone" => "from your time zone (`reset region set GB|US|IE` chooses one)".to_string(),
        _ => "no covered region matches your time zone, so these are the default region's \
              lines, not your country's (`reset region set GB|US|IE` chooses one)"
            .to_string(),
    };
    let human = format!(
        "crisis lines region: {} ({})\n  {why}\n",
        region.region_name, region.region
    );
    let mut json = region_json(&region);
    json["chosen"] = json!(chosen);
    json["source"] = json!(source);
    Ok(Output::new(json, human))
}

/// The `--json` shape of a region's lines (also `safety-plan show`'s `crisis`).
pub fn region_json(r: &CrisisRegion) -> serde_json::Value {
    json!({
        "region": r.region,
        "region_name": r.region_name,
        "region_is_fallback": r.region_is_fallback,
        "resources": r.resources,
    })
}

/// The lines as text, with the honest line first when they are not the person's region's.
pub fn lines_text(r: &CrisisRegion) -> String {
    let mut out = if r.region_is_fallback {
        format!(
            "We don't have crisis lines for where you are. If you are in danger, call your local\n\
             emergency number now. {}",
            not_your_country(&r.region_name)
        )
    } else {
        format!("Crisis lines, any time ({}):\n", r.region_name)
    };
    if r.region_is_fallback {
        out.push_str(&labelled_lines(&r.resources, &r.region_name));
    } else {
        out.push_str(&resource_lines(&r.resources));
    }
    out
}

/// Another country's lines, each marked as theirs (new-user review 4, F15): never a bare
/// "call 999" where 999 is not the emergency number.
pub fn labelled_lines(
    resources: &[reset_core::assessment::CrisisResource],
    region_name: &str,
) -> String {
    resource_lines(resources).replace("  • ", &format!("  • In {region_name} only: "))
}

/// The sentence every fallback list starts with, after "call your local emergency number":
/// whose lines these are, and how to choose a covered region (new-user review 3, F6).
pub fn not_your_country(region_name: &str) -> String {
    format!(
        "The lines below are for {region_name}, not your country\n\
         (`reset region set GB|US|IE` if you live in one of those).\n"
    )
}

/// One bullet a crisis resource: its name, how to reach it (call / text) and what it is for.
pub fn resource_lines(resources: &[reset_core::assessment::CrisisResource]) -> String {
    let mut out = String::new();
    for c in resources {
        let how: Vec<String> = c
            .phone
            .iter()
            .map(|p| format!("call {p}"))
            .chain(c.text.iter().map(|t| format!("text {t}")))
            .collect();
        out.push_str(&format!(
            "  • {}: {} — {}\n",
            c.name,
            how.join(" or "),
            c.description
        ));
    }
    out
}
