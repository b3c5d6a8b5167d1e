//! App lock policy: when the app must ask for the device's own authentication again (issue 20).
//!
//! The decision is [`should_lock`], a pure function of the chosen [`LockPolicy`], the moment the
//! app was last in use and now; the shells only ask the OS to authenticate. It is written to
//! fail closed: an unknown last-active moment (a fresh process, after a reboot), a wall clock
//! that went backwards, or a monotonic clock that restarted (a reboot) all lock. When the
//! shell also passes a monotonic reading (uptime), the longer of the two elapsed times counts,
//! so setting the wall clock back cannot shorten the grace period.
//!
//! The policy is a preference ([`LOCK_PREFERENCE`]), off by default. Whether the safety plan
//! stays readable while locked is the person's choice ([`SAFETY_PLAN_PREFERENCE`]); crisis
//! lines are always reachable without unlocking (that is the shells' rule, not a setting).

use std::time::{Duration, SystemTime};

use rusqlite::Connection;

use crate::error::{Error, Result};
use crate::preferences;

/// The preference holding the policy (`off`, `immediately`, `1m`, `5m`, `15m`).
pub const LOCK_PREFERENCE: &str = "app_lock";
/// The preference saying whether the safety plan is readable while locked (`true`/`false`).
pub const SAFETY_PLAN_PREFERENCE: &str = "app_lock.safety_plan_visible";

/// How long the app may stay in the background before it locks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum LockPolicy {
    /// No lock (the default).
    #[default]
    Off,
    /// Lock whenever the app comes back from the background.
    Immediately,
    /// Lock after one minute in the background.
    AfterOneMinute,
    /// Lock after five minutes in the background.
    AfterFiveMinutes,
    /// Lock after fifteen minutes in the background.
    AfterFifteenMinutes,
}

impl LockPolicy {
    /// Every policy, in the order a settings screen lists them.
    pub const ALL: [LockPolicy; 5] = [
        LockPolicy::Off,
        LockPolicy::Immediately,
        LockPolicy::AfterOneMinute,
        LockPolicy::AfterFiveMinutes,
        LockPolicy::AfterFifteenMinutes,
    ];

    /// The stored and CLI spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LockPolicy::Off => "off",
            LockPolicy::Immediately => "immediately",
            LockPolicy::AfterOneMinute => "1m",
            LockPolicy::AfterFiveMinutes => "5m",
            LockPolicy::AfterFifteenMinutes => "15m",
        }
    }

    /// Parses [`as_str`](Self::as_str)'s spelling.
    pub fn parse(text: &str) -> Result<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.as_str() == text.trim())
            .ok_or_else(|| Error::invalid("policy", "use off, immediately, 1m, 5m or 15m"))
    }

    /// The grace period in milliseconds, or `None` when the lock is off.
    pub fn grace_ms(self) -> Option<i64> {
        match self {
            LockPolicy::Off => None,
            LockPolicy::Immediately => Some(0),
            LockPolicy::AfterOneMinute => Some(60_000),
            LockPolicy::AfterFiveMinutes => Some(5 * 60_000),
            LockPolicy::AfterFifteenMinutes => Some(15 * 60_000),
        }
    }
}

/// A reading of the shell's clocks: wall time and, where the OS offers one, time since boot
/// (`ProcessInfo.systemUptime`, `SystemClock.elapsedRealtime`). Typed across the FFI: the wall
/// reading is Swift `Date` / Kotlin `Instant`, the uptime Swift `TimeInterval` / Kotlin
/// `java.time.Duration`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ClockReading {
    /// The wall clock.
    pub wall: SystemTime,
    /// Time since the device booted, if known.
    pub uptime: Option<Duration>,
}

/// Whether the app must lock now, given when it was last active.
///
/// `last_active` is `None` when the shell does not know (a new process, after a reboot).
pub fn should_lock(
    policy: LockPolicy,
    last_active: Option<ClockReading>,
    now: ClockReading,
) -> bool {
    let Some(grace) = policy.grace_ms() else {
        return false;
    };
    let Some(last) = last_active else {
        return true;
    };
    let Ok(wall) = now.wall.duration_since(last.wall) else {
        return true; // the wall clock went backwards
    };
    let elapsed = match (last.uptime, now.uptime) {
        (Some(before), Some(after)) => match after.checked_sub(before) {
            Some(up) => wall.max(up),
            None => return true, // uptime restarted: the device rebooted
        },
        _ => wall,
    };
    elapsed >= Duration::from_millis(grace.unsigned_abs())
}

/// The person's lock settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct LockSettings {
    /// When to lock.
    pub policy: LockPolicy,
    /// Whether the safety plan can be read without unlocking (crisis lines always can).
    pub safety_plan_visible_when_locked: bool,
}

/// The stored settings (off, plan hidden, when never set).
pub fn settings(conn: &Connection) -> Result<LockSettings> {
    let policy = match preferences::get(conn, LOCK_PREFERENCE)? {
        Some(p) => LockPolicy::parse(&p).map_err(|_| Error::Corrupt {
            reason: format!("the {LOCK_PREFERENCE} preference is not a policy"),
        })?,
        None => LockPolicy::Off,
    };
    let visible = preferences::get(conn, SAFETY_PLAN_PREFERENCE)?.as_deref() == Some("true");
    Ok(LockSettings {
        policy,
        safety_plan_visible_when_locked: visible,
    })
}

/// Stores the settings. (The shell authenticates before turning the lock on.)
pub fn set_settings(conn: &Connection, settings: LockSettings) -> Result<()> {
    preferences::set(conn, LOCK_PREFERENCE, settings.policy.as_str())?;
    preferences::set(
        conn,
        SAFETY_PLAN_PREFERENCE,
        if settings.safety_plan_visible_when_locked {
            "true"
        } else {
            "false"
        },
    )
}

#[cfg(test)]
mod tests;
