import Foundation

// The personal safety plan and the app lock (issue 20) in Swift's idiom. The core validates and
// versions the plan, attaches the region's crisis lines, and decides when the app must lock
// (`should_lock`, a pure function); this file only moves the calls off the caller's actor and
// reads the device's clocks. Plan text must never be logged, printed or put in a file name.

extension ResetStore {
    /// Validates the plan in full and saves it as the next version (nothing is saved if a field
    /// is invalid; `ResetError.InvalidInput` names the field, e.g. `support_contacts[0].phone`,
    /// never its text). Returns the saved version with the region's crisis lines.
    @discardableResult
    public func saveSafetyPlan(_ plan: SafetyPlanInput) throws -> SafetyPlan { try companion.saveSafetyPlan(plan: plan) }

    /// The newest version of the plan with the region's crisis lines, or `nil` before the first save.
    public func safetyPlan() throws -> SafetyPlan? { try companion.safetyPlan() }

    /// Every saved version, newest first (a plan is often revised with a therapist).
    public func safetyPlanHistory() throws -> [SafetyPlan] { try companion.safetyPlanHistory() }

    /// The app lock settings: off, and the plan hidden while locked, until the person chooses.
    public func appLockSettings() throws -> LockSettings { try companion.appLockSettings() }

    /// Stores the app lock settings. The app authenticates with the device before turning the
    /// lock on (`AppLockModel`); the core only keeps the choice.
    public func setAppLockSettings(_ settings: LockSettings) throws { try companion.setAppLockSettings(settings: settings) }
}

extension SafetyPlanInput {
    /// An empty plan (every step empty), to start editing from.
    public static let empty = SafetyPlanInput(
        warningSigns: [], copingStrategies: [], distractions: [], supportContacts: [], professionals: [], saferSurroundings: [],
        reasonsForLiving: [])
}

extension LockPolicy {
    /// Every choice, in the order the settings screen lists them.
    public static let choices: [LockPolicy] = [.off, .immediately, .afterOneMinute, .afterFiveMinutes, .afterFifteenMinutes]

    /// Whether the app locks at all.
    public var isOn: Bool { self != .off }
}

extension ClockReading {
    /// A reading of the device's clocks: wall time and time since boot (`systemUptime`), so a
    /// wall clock set back cannot shorten the grace period and a reboot always locks.
    public init(date: Date, uptime: TimeInterval?) {
        self.init(wall: date, uptime: uptime)
    }

    /// Now, from the system clocks.
    public static func now() -> ClockReading { ClockReading(date: Date(), uptime: ProcessInfo.processInfo.systemUptime) }
}

/// The app lock's decision, from the core: whether the app must lock now given when it was last
/// active (`nil` when unknown — a new process or a reboot — which locks whenever the lock is on).
public func appMustLock(_ policy: LockPolicy, lastActive: ClockReading?, now: ClockReading) -> Bool {
    shouldLock(policy: policy, lastActive: lastActive, now: now)
}
