//! The heavy-user dataset (issue 10): years of realistic history, generated deterministically
//! from a seed, for benchmarks, demos and manual testing of screens on a long history.
//!
//! Owns the *plan* of a heavy user — three check-ins a day with labels and tags, a journal
//! entry most days across every kind, fortnightly GAD-7 and PHQ-9 on a plausible trajectory,
//! daily practice, programmes completed and restarted, a dozen reminder rules, trips to New
//! York and Tokyo and the London DST changes — and writes it through the domain modules'
//! own insert functions, so every invariant the app keeps holds for generated data too.
//!
//! Must never: read the OS clock or random source (the seed and the injected end instant fix
//! every byte, ids included), write into a profile that already holds check-ins, or be
//! compiled into the phone library (it sits behind the `dev` cargo feature).

mod day;
pub mod rng;
mod text;
mod zones;

use chrono::{DateTime, Duration, Utc};

use crate::dump::TableRows;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::time;

pub use zones::HOME;

/// What to generate: `years` of history for the person `seed`, ending at `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatasetPlan {
    /// Length of the history, 1–30 years.
    pub years: u32,
    /// Fixes every choice the generator makes; the same seed gives the same profile.
    pub seed: u64,
    /// The last instant of the history (the session's "now").
    pub end: DateTime<Utc>,
}

/// What was generated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DatasetSummary {
    /// Years of history.
    pub years: u32,
    /// The seed used.
    pub seed: u64,
    /// First local day with data (home zone), `YYYY-MM-DD`.
    pub first_day: crate::time::LocalDay,
    /// Last local day with data (home zone), `YYYY-MM-DD`.
    pub last_day: crate::time::LocalDay,
    /// Rows per kind of record after generation, sorted by name.
    pub counts: Vec<TableRows>,
}

/// The longest history the generator accepts (a bound on the time and disk it may take).
pub const MAX_YEARS: u32 = 30;

/// Fills the empty profile in `store` with the history `plan` describes.
///
/// One write transaction per generated year, so a failure leaves whole years, never half
/// a day. Refuses (`Conflict`) a profile that already holds check-ins: generated history
/// mixed into a real one could not be told apart.
pub fn generate(store: &mut Store, plan: &DatasetPlan) -> Result<DatasetSummary> {
    if plan.years == 0 || plan.years > MAX_YEARS {
        return Err(Error::invalid("years", "choose 1 to 30 years"));
    }
    let existing: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM check_ins", [], |r| r.get(0))?;
    if existing > 0 {
        return Err(Error::conflict(
            "this profile already holds check-ins; generate into a new, empty profile",
        ));
    }
    let last = time::local_date(plan.end, HOME);
    let days = i64::from(plan.years) * 365 + i64::from(plan.years / 4);
    let first = last - Duration::days(days - 1);
    let mut person = day::Person::new(plan, first)?;
    store.write(|tx| person.settle_in(tx))?;
    let mut date = first;
    while date <= last {
        let year_end = (date + Duration::days(364)).min(last);
        store.write(|tx| {
            let mut d = date;
            while d <= year_end {
                person.live(tx, d)?;
                d += Duration::days(1);
            }
            Ok(())
        })?;
        date = year_end + Duration::days(1);
    }
    store.write(|tx| day::fix_ids(tx, plan.seed))?;
    Ok(DatasetSummary {
        years: plan.years,
        seed: plan.seed,
        first_day: first.into(),
        last_day: last.into(),
        counts: store
            .counts()?
            .into_iter()
            .map(|(table, rows)| TableRows { table, rows })
            .collect(),
    })
}

#[cfg(test)]
mod tests;
