//! The heavy-user dataset generator through `Companion` (issue 10), for the CLI's
//! `reset dev generate` and the benchmarks. Compiled only with the `dev` feature, so the
//! phone libraries never carry it. Thin: the core plans and writes the history.

use reset_core::ResetError;
use reset_core::dataset::{self, DatasetPlan, DatasetSummary};

use crate::companion::Companion;

#[uniffi::export]
impl Companion {
    /// Dev only: fills this (empty) profile with `years` (1–30) of a heavy user's history,
    /// ending now, fixed entirely by `seed`. Throws `Conflict` if the profile already has
    /// check-ins and `InvalidInput` on `years` outside 1–30.
    pub fn dev_generate_dataset(
        &self,
        years: u32,
        seed: u64,
    ) -> Result<DatasetSummary, ResetError> {
        self.with(|s| {
            let plan = DatasetPlan {
                years,
                seed,
                end: s.now()?,
            };
            dataset::generate(&mut s.store, &plan)
        })
    }
}
