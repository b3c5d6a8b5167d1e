//! `reset dev …`: developer tools that are not part of the product. `dev generate` fills a
//! new profile with years of a heavy user's history (issue 10), deterministic from a seed,
//! anchored at `--now`, for benchmarks, demos and trying screens on a long history.

use clap::Subcommand;
use reset_ffi::ResetError;

use crate::Ctx;
use crate::output::Output;

/// The dev subcommands.
#[derive(Subcommand)]
pub enum DevCommand {
    /// Fill a new, empty profile with a heavy user's history: three check-ins a day, a journal
    /// entry most days, fortnightly GAD-7/PHQ-9, daily practice, programmes, a dozen reminders,
    /// trips abroad and DST changes. The same --seed and --now give the same profile.
    Generate {
        /// Years of history, 1–30, ending at --now.
        #[arg(long, default_value_t = 1)]
        years: u32,
        /// Fixes every random choice.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

/// Runs a dev subcommand.
pub fn run(ctx: &Ctx, command: &DevCommand) -> Result<Output, ResetError> {
    match command {
        DevCommand::Generate { years, seed } => {
            let summary = ctx.open()?.dev_generate_dataset(*years, *seed)?;
            let mut human = format!(
                "generated {} year(s) for seed {}: {} to {}\n",
                summary.years, summary.seed, summary.first_day, summary.last_day
            );
            for c in &summary.counts {
                human.push_str(&format!("{}: {}\n", c.table, c.rows));
            }
            let json = serde_json::to_value(&summary).unwrap_or_default();
            Ok(Output::new(json, human))
        }
    }
}
