//! The safety plan and the app lock through `Companion` (issue 20).
//!
//! Thin: the core validates and stores; these calls hand it the session's clock and zone.

use reset_core::ResetError;
use reset_core::lock::{self, ClockReading, LockPolicy, LockSettings};
use reset_core::safety_plan::{self, SafetyPlan, SafetyPlanInput, SafetyPlanPrompt};

use crate::companion::{Companion, guarded};

#[uniffi::export]
impl Companion {
    /// Validates the plan in full and saves it as a new version (nothing is saved if any
    /// field is invalid; the error names the field, never its text). Returns the saved plan.
    pub fn save_safety_plan(&self, plan: SafetyPlanInput) -> Result<SafetyPlan, ResetError> {
        self.with(|s| {
            let (now, zone) = (s.now()?, s.zone);
            s.store.write(|tx| safety_plan::save(tx, plan, now, zone))
        })
    }

    /// The newest version of the plan with the region's crisis lines, or `None` if none yet.
    pub fn safety_plan(&self) -> Result<Option<SafetyPlan>, ResetError> {
        self.with(|s| safety_plan::current(s.store.conn(), s.zone))
    }

    /// Every saved version of the plan, newest first.
    pub fn safety_plan_history(&self) -> Result<Vec<SafetyPlan>, ResetError> {
        self.with(|s| safety_plan::history(s.store.conn(), s.zone))
    }

    /// The app lock settings (off, plan hidden while locked, by default).
    pub fn app_lock_settings(&self) -> Result<LockSettings, ResetError> {
        self.with(|s| lock::settings(s.store.conn()))
    }

    /// Stores the app lock settings. Authenticate with the OS before turning the lock on.
    pub fn set_app_lock_settings(&self, settings: LockSettings) -> Result<(), ResetError> {
        self.with(|s| s.store.write(|tx| lock::set_settings(tx, settings)))
    }
}

/// The seven steps' prompts, in order (Stanley & Brown 2012; NHS "Staying Safe").
#[uniffi::export]
pub fn safety_plan_prompts() -> Vec<SafetyPlanPrompt> {
    safety_plan::prompts()
}

/// Whether the app must lock now. `last_active` is `None` when unknown (a new process or a
/// reboot); pass uptime where the OS gives it so a wall clock set back cannot delay the lock.
#[uniffi::export]
pub fn should_lock(
    policy: LockPolicy,
    last_active: Option<ClockReading>,
    now: ClockReading,
) -> bool {
    lock::should_lock(policy, last_active, now)
}

/// Parses a plan from JSON (the CLI's `edit` input); errors give a position, never the text.
#[uniffi::export]
pub fn parse_safety_plan(json: String) -> Result<SafetyPlanInput, ResetError> {
    guarded(|| safety_plan::parse_input(&json))
}
