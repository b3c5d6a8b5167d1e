import Foundation
import Observation

/// Settings: region, streaks, Health, and erase-all with a confirmation.
@MainActor
@Observable
public final class SettingsModel {
    public enum EraseState: Equatable {
        case idle
        /// "This deletes everything…" is on screen.
        case confirming
        case erasing
        /// The profile and its key are gone; the app returns to first launch.
        case erased
        case failed(UserMessage)
    }

    /// Regions with crisis resources in the core (`GB`, `US`, `IE`).
    public static let regions = ["GB", "US", "IE"]

    public private(set) var region: String?
    public private(set) var streakHidden = false
    public private(set) var healthEnabled = false
    public private(set) var eraseState: EraseState = .idle
    /// Bound to the confirmation dialog's `isPresented`. SwiftUI sets it to `false` when the
    /// dialog closes — *before* it runs the chosen button's action — so closing decides nothing:
    /// only `confirmErase()` and `cancelErase()` (the dialog's buttons) do.
    public var isEraseDialogPresented = false
    public private(set) var error: UserMessage?

    private let store: ResetStore
    private let keyProvider: DatabaseKeyProvider
    private let health: HealthWriter?
    private let onErased: (() async -> Void)?

    /// - Parameter onErased: runs once the profile and key are gone (the app removes pending
    ///   reminders and opens a fresh profile).
    public init(
        store: ResetStore, keyProvider: DatabaseKeyProvider, health: HealthWriter? = nil,
        onErased: (() async -> Void)? = nil
    ) {
        self.store = store
        self.keyProvider = keyProvider
        self.health = health
        self.onErased = onErased
    }

    /// Whether Health writing can be offered on this device.
    public var healthAvailable: Bool { health?.capabilities.healthDataAvailable ?? false }

    /// Loads the current settings.
    public func load() async {
        do {
            region = try await store.preference("region")
            streakHidden = try await store.practiceSummary().streakHidden
            healthEnabled = try await health?.isEnabled() ?? false
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// Sets the region whose crisis resources are shown (the core validates it), or with `nil`
    /// goes back to automatic: the preference is removed and the time zone decides again.
    public func setRegion(_ code: String?) async {
        await run {
            if let code {
                _ = try await self.store.crisisResources(region: code)
                try await self.store.setPreference("region", code)
            } else {
                try await self.store.clearPreference("region")
            }
            self.region = code
        }
    }

    /// The region picker's value: a region code, or `""` for "Automatic".
    public var regionChoice: String {
        get { region ?? "" }
        set {
            let code = newValue.isEmpty ? nil : newValue
            guard code != region else { return }
            Task { await setRegion(code) }
        }
    }

    /// Hides or shows the practice streak.
    public func setStreakHidden(_ hidden: Bool) async {
        await run {
            try await self.store.setStreakHidden(hidden)
            self.streakHidden = hidden
        }
    }

    /// Turns writing to Health on (asking HealthKit) or off.
    public func setHealthEnabled(_ enabled: Bool) async {
        guard let health else { return }
        await run {
            try await health.setEnabled(enabled)
            self.healthEnabled = try await health.isEnabled()
        }
    }

    /// Step one of erase-all: ask.
    public func requestErase() {
        guard eraseState != .erasing else { return }
        eraseState = .confirming
        isEraseDialogPresented = true
    }

    /// The dialog's Cancel button.
    public func cancelErase() {
        if eraseState == .confirming { eraseState = .idle }
        isEraseDialogPresented = false
    }

    /// Step two, the dialog's destructive button: deletes the profile's files, then the key
    /// (crypto-erase for anything left), then tells the app. Works whether or not the dialog has
    /// already closed.
    public func confirmErase() async {
        guard eraseState == .confirming else { return }
        eraseState = .erasing
        isEraseDialogPresented = false
        do {
            try await store.eraseAll()
            try keyProvider.deleteKey()
            eraseState = .erased
            await onErased?()
        } catch {
            eraseState = .failed(UserMessage(error))
        }
    }

    private func run(_ body: () async throws -> Void) async { error = await failure(of: body) }
}
