import Foundation
import XCTest

@testable import ResetFeatures

/// The device's authentication, scripted by the test.
@MainActor
final class FakeAuthenticator: DeviceAuthenticating {
    var available: AuthenticationAvailability = .available
    var outcomes: [AuthenticationOutcome] = []
    var reasons: [String] = []
    func availability() -> AuthenticationAvailability { available }
    func authenticate(reason: String) async -> AuthenticationOutcome {
        reasons.append(reason)
        return outcomes.isEmpty ? .cancelled : outcomes.removeFirst()
    }
}

/// Wall time and uptime, moved by the test.
final class ManualLockClock: LockClock {
    var wall = fixedNow
    var uptime: TimeInterval? = 5_000
    func reading() -> ClockReading { ClockReading(date: wall, uptime: uptime) }
    func advance(_ seconds: TimeInterval) {
        wall += seconds
        uptime = uptime.map { $0 + seconds }
    }
}

/// Issue 20: the lock flow as the app drives it — background past the grace period, unlock,
/// failed attempts, and crisis access while locked.
@MainActor
final class AppLockTests: XCTestCase {
    private func make(
        _ store: ResetStore, _ auth: FakeAuthenticator = FakeAuthenticator(), _ clock: ManualLockClock = ManualLockClock()
    ) -> AppLockModel {
        AppLockModel(store: store, authenticator: auth, clock: clock)
    }

    func testOffByDefaultTheAppNeverLocks() async throws {
        let store = try openStore(try Scratch())
        let clock = ManualLockClock()
        let lock = make(store, FakeAuthenticator(), clock)
        XCTAssertFalse(lock.showsPersonalData, "nothing drawn before the settings are read")
        await lock.load()
        XCTAssertEqual(lock.state, .unlocked)
        lock.sceneDidEnterBackground()
        clock.advance(86_400)
        lock.sceneDidBecomeActive()
        XCTAssertEqual(lock.state, .unlocked)
    }

    func testTurningTheLockOnNeedsASuccessfulAuthentication() async throws {
        let store = try openStore(try Scratch())
        let auth = FakeAuthenticator()
        let lock = make(store, auth)
        await lock.load()
        auth.outcomes = [.failed]
        await lock.setPolicy(.afterOneMinute)
        XCTAssertEqual(lock.settings.policy, .off)
        XCTAssertEqual(lock.message?.title, "The app lock is still off")
        let stored = try await store.appLockSettings()
        XCTAssertEqual(stored.policy, .off, "nothing stored without authentication")
        auth.outcomes = [.success]
        await lock.setPolicy(.afterOneMinute)
        XCTAssertEqual(lock.settings.policy, .afterOneMinute)
        XCTAssertNil(lock.message)
        let after = try await store.appLockSettings()
        XCTAssertEqual(after.policy, .afterOneMinute)
        // Any later change asks again (as on Android): a held, unlocked phone cannot weaken it.
        auth.outcomes = [.cancelled]
        await lock.setPolicy(.off)
        XCTAssertEqual(lock.settings.policy, .afterOneMinute, "not turned off without the owner")
        XCTAssertEqual(lock.message?.title, "Nothing was changed")
        auth.outcomes = [.success]
        await lock.setPolicy(.afterFiveMinutes)
        XCTAssertEqual(lock.settings.policy, .afterFiveMinutes)
        auth.outcomes = [.failed]
        await lock.setSafetyPlanVisibleWhenLocked(true)
        XCTAssertFalse(lock.settings.safetyPlanVisibleWhenLocked)
        auth.outcomes = [.success]
        await lock.setSafetyPlanVisibleWhenLocked(true)
        XCTAssertTrue(lock.settings.safetyPlanVisibleWhenLocked)
        XCTAssertEqual(auth.reasons.count, 6)
    }

    func testADeviceWithoutAPasscodeIsToldSoAndNothingPretendsToLock() async throws {
        let store = try openStore(try Scratch())
        let auth = FakeAuthenticator()
        auth.available = .noPasscode
        let lock = make(store, auth)
        await lock.load()
        await lock.setPolicy(.immediately)
        XCTAssertEqual(lock.message?.title, "No passcode is set on this device")
        XCTAssertEqual(lock.settings.policy, .off)
        XCTAssertTrue(auth.reasons.isEmpty, "no prompt that cannot succeed")
        let stored = try await store.appLockSettings()
        XCTAssertEqual(stored.policy, .off)
    }

    func testItLocksInTheBackgroundOnlyPastTheGracePeriodAndUnlocksWithTheDevice() async throws {
        let store = try openStore(try Scratch())
        let auth = FakeAuthenticator()
        let clock = ManualLockClock()
        let lock = make(store, auth, clock)
        await lock.load()
        auth.outcomes = [.success]
        await lock.setPolicy(.afterFiveMinutes)
        lock.sceneDidEnterBackground()
        clock.advance(4 * 60)
        lock.sceneDidBecomeActive()
        XCTAssertEqual(lock.state, .unlocked, "inside the grace period")
        lock.sceneDidEnterBackground()
        clock.advance(5 * 60)
        lock.sceneDidBecomeActive()
        XCTAssertEqual(lock.state, .locked)
        XCTAssertFalse(lock.showsPersonalData)
        auth.outcomes = [.success]
        await lock.unlockAutomatically()
        XCTAssertEqual(lock.state, .unlocked)
        XCTAssertTrue(lock.showsPersonalData)
    }

    /// Review 2, L1: with "Immediately" the app locks as it leaves, so nothing of the content
    /// can show on the way back before the lock is decided.
    func testImmediatelyLocksAsTheAppLeavesNotOnReturn() async throws {
        let store = try openStore(try Scratch())
        let auth = FakeAuthenticator()
        let lock = make(store, auth)
        await lock.load()
        auth.outcomes = [.success]
        await lock.setPolicy(.immediately)
        lock.sceneDidEnterBackground()
        XCTAssertEqual(lock.state, .locked, "locked before the app-switcher snapshot and the return")
        XCTAssertFalse(lock.showsPersonalData)
    }

    /// Review 2, L4: a prompt the system could not show (app not active) does not use up the
    /// automatic prompt.
    func testAPromptTheSystemCouldNotShowIsTriedAgain() async throws {
        let store = try openStore(try Scratch())
        try await store.setAppLockSettings(LockSettings(policy: .immediately, safetyPlanVisibleWhenLocked: false))
        let auth = FakeAuthenticator()
        let lock = make(store, auth)
        await lock.load()
        auth.outcomes = [.notNow, .success]
        await lock.unlockAutomatically()
        XCTAssertEqual(lock.state, .locked)
        XCTAssertEqual(lock.failedAttempts, 0)
        await lock.unlockAutomatically()
        XCTAssertEqual(lock.state, .unlocked, "prompted again once the app could show it")
    }

    func testAWallClockSetBackCannotDelayTheLock() async throws {
        let store = try openStore(try Scratch())
        try await store.setAppLockSettings(LockSettings(policy: .afterOneMinute, safetyPlanVisibleWhenLocked: false))
        let auth = FakeAuthenticator()
        let clock = ManualLockClock()
        let lock = make(store, auth, clock)
        await lock.load()
        auth.outcomes = [.success]
        await lock.unlock()
        lock.sceneDidEnterBackground()
        clock.advance(120)
        clock.wall -= 3_600  // the clock was set back an hour
        lock.sceneDidBecomeActive()
        XCTAssertEqual(lock.state, .locked)
    }

    func testANewProcessWithTheLockOnStartsLocked() async throws {
        let store = try openStore(try Scratch())
        try await store.setAppLockSettings(LockSettings(policy: .afterFifteenMinutes, safetyPlanVisibleWhenLocked: false))
        let lock = make(store)
        await lock.load()
        XCTAssertEqual(lock.state, .locked, "no known last activity: locked, whatever the grace period")
    }

    func testFailedAttemptsAreCountedAndTheDataStaysHidden() async throws {
        let store = try openStore(try Scratch())
        try await store.setAppLockSettings(LockSettings(policy: .immediately, safetyPlanVisibleWhenLocked: false))
        let auth = FakeAuthenticator()
        let lock = make(store, auth)
        await lock.load()
        auth.outcomes = [.failed, .cancelled, .lockedOut]
        await lock.unlockAutomatically()
        XCTAssertEqual(lock.state, .locked)
        XCTAssertEqual(lock.failedAttempts, 1)
        XCTAssertEqual(lock.message?.title, "Not unlocked")
        await lock.unlockAutomatically()
        XCTAssertEqual(auth.reasons.count, 1, "the lock screen prompts by itself once, then waits for the button")
        await lock.unlock()
        XCTAssertEqual(lock.failedAttempts, 1, "a cancel is not a failed attempt")
        await lock.unlock()
        XCTAssertEqual(lock.failedAttempts, 2)
        XCTAssertEqual(lock.message?.title, "Too many attempts")
        XCTAssertFalse(lock.showsPersonalData)
        auth.outcomes = [.success]
        await lock.unlock()
        XCTAssertEqual(lock.state, .unlocked)
        XCTAssertEqual(lock.failedAttempts, 0)
        XCTAssertNil(lock.message)
    }

    func testAPasscodeRemovedAfterTurningTheLockOnTurnsItOffInsteadOfLockingThePersonOut() async throws {
        let store = try openStore(try Scratch())
        try await store.setAppLockSettings(LockSettings(policy: .immediately, safetyPlanVisibleWhenLocked: true))
        let auth = FakeAuthenticator()
        let lock = make(store, auth)
        await lock.load()
        auth.outcomes = [.noPasscode]
        await lock.unlock()
        XCTAssertEqual(lock.state, .unlocked)
        XCTAssertEqual(lock.message?.title, "No passcode is set on this device")
        let stored = try await store.appLockSettings()
        XCTAssertEqual(stored, LockSettings(policy: .off, safetyPlanVisibleWhenLocked: true))
    }

    func testWhileLockedCrisisLinesAreReachableAndThePlanOnlyIfChosen() async throws {
        let store = try openStore(try Scratch())
        try await store.saveSafetyPlan(
            SafetyPlanInput(
                warningSigns: ["Not sleeping"], copingStrategies: [], distractions: [], supportContacts: [], professionals: [],
                saferSurroundings: [], reasonsForLiving: []))
        try await store.setAppLockSettings(LockSettings(policy: .immediately, safetyPlanVisibleWhenLocked: false))
        let lock = make(store)
        await lock.load()
        XCTAssertTrue(lock.isLocked)
        XCTAssertFalse(lock.showsSafetyPlan)
        let hidden = CrisisModel(store: store, includesSafetyPlan: lock.showsSafetyPlan)
        await hidden.load()
        XCTAssertFalse(hidden.resources.isEmpty, "crisis lines without unlocking")
        XCTAssertNil(hidden.safetyPlan, "the plan stays hidden unless the person chose otherwise")

        try await store.setAppLockSettings(LockSettings(policy: .immediately, safetyPlanVisibleWhenLocked: true))
        let chosen = make(store)
        await chosen.load()
        XCTAssertTrue(chosen.isLocked)
        XCTAssertTrue(chosen.showsSafetyPlan)
        let shown = CrisisModel(store: store, includesSafetyPlan: chosen.showsSafetyPlan)
        await shown.load()
        XCTAssertEqual(shown.safetyPlan?.steps.warningSigns, ["Not sleeping"])
        XCTAssertFalse(shown.resources.isEmpty)
    }
}

final class LocalAuthenticationMappingTests: XCTestCase {
    func testTheSystemsErrorCodesMapToWhatThePersonIsTold() {
        XCTAssertEqual(AuthenticationOutcome(localAuthenticationErrorCode: -5), .noPasscode)
        XCTAssertEqual(AuthenticationOutcome(localAuthenticationErrorCode: -8), .lockedOut)
        XCTAssertEqual(AuthenticationOutcome(localAuthenticationErrorCode: -1), .failed)
        for cancel in [-2, -3, -9] { XCTAssertEqual(AuthenticationOutcome(localAuthenticationErrorCode: cancel), .cancelled) }
        for notNow in [-4, -1004] { XCTAssertEqual(AuthenticationOutcome(localAuthenticationErrorCode: notNow), .notNow) }
        XCTAssertEqual(AuthenticationAvailability(localAuthenticationErrorCode: -5), .noPasscode)
        guard case .unavailable = AuthenticationAvailability(localAuthenticationErrorCode: -10) else { return XCTFail() }
    }
}
