import Foundation
import Observation

/// Whether the device can authenticate its owner (Face ID, Touch ID or the passcode).
public enum AuthenticationAvailability: Equatable, Sendable {
    case available
    /// No passcode is set, so there is nothing to lock with (`LAError.passcodeNotSet`).
    case noPasscode
    /// Something else (restrictions, an MDM policy); the words say what.
    case unavailable(String)
}

/// How one authentication ended.
public enum AuthenticationOutcome: Equatable, Sendable {
    case success
    /// The face, finger or passcode did not match (and the system gave up for now).
    case failed
    /// The person or the system cancelled (another app came forward, the person tapped Cancel).
    case cancelled
    /// Too many attempts: the device asks for its passcode in its own screen.
    case lockedOut
    case noPasscode
    /// The system could not show its prompt now (the app was not active: `notInteractive`,
    /// `systemCancel`); the automatic prompt is tried again when the app is active.
    case notNow
}

/// The device's own authentication: `LAContext` with `.deviceOwnerAuthentication` (biometrics
/// with the passcode as fallback) in the app, a fake in tests.
@MainActor
public protocol DeviceAuthenticating: AnyObject {
    func availability() -> AuthenticationAvailability
    /// Asks the device to authenticate its owner; `reason` is shown in the system's prompt.
    func authenticate(reason: String) async -> AuthenticationOutcome
}

/// The device's clocks for the lock: wall time and time since boot.
public protocol LockClock: AnyObject {
    func reading() -> ClockReading
}

/// The system clocks.
public final class SystemLockClock: LockClock {
    public init() {}
    public func reading() -> ClockReading { .now() }
}

/// The app lock (issue 20): off by default; when on, the app opens behind the device's own
/// authentication after the grace period the person chose. The decision is the core's
/// (`should_lock`, fail-closed: a new process, a reboot or a clock set back all lock); this model
/// holds the state the screens draw and asks the authenticator.
///
/// While locked nothing of the person's data is drawn (`showsPersonalData` is false; the app
/// shows its lock screen in a window above every sheet), the crisis lines stay reachable, and
/// the safety plan too if the person chose so. Turning the lock on needs a successful
/// authentication; a device without a passcode is told so and nothing is stored.
@MainActor
@Observable
public final class AppLockModel {
    public enum State: Equatable {
        /// The settings are not read yet: the app shows its cover, not the data.
        case checking
        case unlocked
        case locked
        /// The system's prompt is on screen.
        case authenticating
    }

    public private(set) var state: State = .checking
    public private(set) var settings = LockSettings(policy: .off, safetyPlanVisibleWhenLocked: false)
    /// Failed attempts since the app locked.
    public private(set) var failedAttempts = 0
    /// What to tell the person (a failed attempt, no passcode, a change that was not made).
    public private(set) var message: UserMessage?

    private let store: ResetStore
    private let authenticator: DeviceAuthenticating
    private let clock: LockClock
    /// When the app was last in use (left the foreground, or was unlocked); `nil` in a new process.
    private var lastActive: ClockReading?
    /// The lock screen prompts by itself once per lock; after that, only the Unlock button does.
    private var promptedThisLock = false

    public init(store: ResetStore, authenticator: DeviceAuthenticating, clock: LockClock = SystemLockClock()) {
        self.store = store
        self.authenticator = authenticator
        self.clock = clock
    }

    /// Whether the person's data may be drawn.
    public var showsPersonalData: Bool { state == .unlocked }
    /// Whether the lock screen is up.
    public var isLocked: Bool { state == .locked || state == .authenticating }
    /// Whether the safety plan may be shown now (always when unlocked; while locked only if the
    /// person chose so). Crisis lines are always reachable.
    public var showsSafetyPlan: Bool { showsPersonalData || (isLocked && settings.safetyPlanVisibleWhenLocked) }

    /// Reads the settings at launch: with the lock on, a new process starts locked.
    public func load() async {
        do {
            settings = try await store.appLockSettings()
        } catch {
            // Unreadable settings (rare: the profile did open): fail closed — keep the data
            // hidden and let the person unlock with the device.
            message = UserMessage(error)
            state = .locked
            return
        }
        state = appMustLock(settings.policy, lastActive: lastActive, now: clock.reading()) ? .locked : .unlocked
        promptedThisLock = false
    }

    /// The app left the foreground: the grace period starts now. With "Immediately" the app
    /// locks at once, so the return (and the app-switcher) shows the lock screen, never a
    /// frame of the content (review 2, L1).
    public func sceneDidEnterBackground() {
        guard state == .unlocked else { return }
        lastActive = clock.reading()
        if settings.policy == .immediately { lock() }
    }

    /// The app is back: lock if the grace period has passed.
    public func sceneDidBecomeActive() {
        guard state == .unlocked, settings.policy.isOn else { return }
        if appMustLock(settings.policy, lastActive: lastActive, now: clock.reading()) {
            lock()
        }
    }

    private func lock() {
        state = .locked
        failedAttempts = 0
        promptedThisLock = false
        message = nil
    }

    /// The lock screen appeared: prompt once by itself (not again after a failure or cancel).
    public func unlockAutomatically() async {
        guard state == .locked, !promptedThisLock else { return }
        promptedThisLock = true
        await unlock()
    }

    /// "Unlock": asks the device to authenticate its owner.
    public func unlock() async {
        guard state == .locked else { return }
        promptedThisLock = true
        state = .authenticating
        let outcome = await authenticator.authenticate(reason: "Unlock your journal and check-ins")
        guard state == .authenticating else { return }
        switch outcome {
        case .success:
            state = .unlocked
            failedAttempts = 0
            message = nil
            lastActive = clock.reading()
        case .failed:
            state = .locked
            failedAttempts += 1
            message = UserMessage(title: "Not unlocked", detail: "That didn't match. Try again, or use your passcode.")
        case .lockedOut:
            state = .locked
            failedAttempts += 1
            message = UserMessage(title: "Too many attempts", detail: "Unlock your device with its passcode, then try again.")
        case .cancelled:
            state = .locked
        case .notNow:
            // Not the person's answer: the automatic prompt is still due (review 2, L4).
            state = .locked
            promptedThisLock = false
        case .noPasscode:
            // The passcode was removed since the lock was turned on (which needs the passcode):
            // there is nothing left to lock with, so say so instead of locking the person out.
            await save(LockSettings(policy: .off, safetyPlanVisibleWhenLocked: settings.safetyPlanVisibleWhenLocked))
            state = .unlocked
            failedAttempts = 0
            message = Self.noPasscodeMessage
        }
    }

    /// Chooses when the app locks. Any change — turning it on, off, or a new grace period —
    /// needs a successful authentication first, like Android's (docs/safety-plan.md): someone
    /// holding an unlocked phone cannot quietly weaken the lock. Without a device passcode
    /// nothing is stored and the person is told why.
    public func setPolicy(_ policy: LockPolicy) async {
        guard state == .unlocked, policy != settings.policy else { return }
        guard await authorised(turningOn: policy.isOn && !settings.policy.isOn, reason: "Change the app lock") else { return }
        await save(LockSettings(policy: policy, safetyPlanVisibleWhenLocked: settings.safetyPlanVisibleWhenLocked))
        lastActive = clock.reading()
    }

    /// Whether the safety plan can be read from the lock screen (a change to the lock, so it
    /// needs authentication while the lock is on).
    public func setSafetyPlanVisibleWhenLocked(_ visible: Bool) async {
        guard state == .unlocked, visible != settings.safetyPlanVisibleWhenLocked else { return }
        if settings.policy.isOn {
            guard await authorised(turningOn: false, reason: "Change the app lock") else { return }
        }
        await save(LockSettings(policy: settings.policy, safetyPlanVisibleWhenLocked: visible))
    }

    /// Asks the device to confirm it's the owner; says why not when it can't.
    private func authorised(turningOn: Bool, reason: String) async -> Bool {
        message = nil
        switch authenticator.availability() {
        case .available: break
        case .noPasscode:
            message = Self.noPasscodeMessage
            // Without a passcode the lock can only be turned off or left off.
            return !turningOn && !settings.policy.isOn
        case let .unavailable(why):
            message = UserMessage(title: "The app lock isn't available", detail: why)
            return false
        }
        switch await authenticator.authenticate(reason: reason) {
        case .success: return true
        case .noPasscode:
            message = Self.noPasscodeMessage
            return false
        case .failed, .cancelled, .lockedOut, .notNow:
            message = UserMessage(
                title: turningOn ? "The app lock is still off" : "Nothing was changed",
                detail: "Changes to the lock need you to unlock with your device first.")
            return false
        }
    }

    private func save(_ new: LockSettings) async {
        do {
            try await store.setAppLockSettings(new)
            settings = new
        } catch {
            message = UserMessage(error)
        }
    }

    /// Said instead of pretending to lock.
    public static let noPasscodeMessage = UserMessage(
        title: "No passcode is set on this device",
        detail:
            "The app lock uses your device's passcode, Face ID or Touch ID. Set a passcode in the Settings app, then turn the lock on here."
    )
}

/// LocalAuthentication's error codes (`LAError.Code`, LAErrorDomain) as the lock reads them.
/// The raw values are Apple's (`LAError.h`: authenticationFailed −1, userCancel −2,
/// userFallback −3, systemCancel −4, passcodeNotSet −5, biometryNotAvailable −6,
/// biometryNotEnrolled −7, biometryLockout −8, appCancel −9, invalidContext −10,
/// notInteractive −1004); kept here so the mapping is tested on Linux.
public enum LocalAuthenticationCode {
    public static let authenticationFailed = -1
    public static let userCancel = -2
    public static let userFallback = -3
    public static let systemCancel = -4
    public static let passcodeNotSet = -5
    public static let biometryNotAvailable = -6
    public static let biometryNotEnrolled = -7
    public static let biometryLockout = -8
    public static let appCancel = -9
    public static let invalidContext = -10
    public static let notInteractive = -1004
}

extension AuthenticationOutcome {
    /// How `evaluatePolicy(.deviceOwnerAuthentication, …)` failed, from its error code. With
    /// the passcode as fallback, biometry not enrolled or unavailable never stops the person:
    /// the system asks for the passcode instead, so those codes are not expected here.
    public init(localAuthenticationErrorCode code: Int) {
        switch code {
        case LocalAuthenticationCode.passcodeNotSet: self = .noPasscode
        case LocalAuthenticationCode.biometryLockout: self = .lockedOut
        case LocalAuthenticationCode.systemCancel, LocalAuthenticationCode.notInteractive: self = .notNow
        case LocalAuthenticationCode.userCancel, LocalAuthenticationCode.appCancel, LocalAuthenticationCode.userFallback:
            self = .cancelled
        default: self = .failed
        }
    }
}

extension AuthenticationAvailability {
    /// Why `canEvaluatePolicy(.deviceOwnerAuthentication)` said no, from its error code.
    public init(localAuthenticationErrorCode code: Int) {
        switch code {
        case LocalAuthenticationCode.passcodeNotSet: self = .noPasscode
        default: self = .unavailable("This device can't confirm it's you right now, so the app lock can't be turned on.")
        }
    }
}
