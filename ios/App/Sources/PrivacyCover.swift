import ResetFeatures
import SwiftUI
import UIKit

/// Covers every window and sheet while the app is not in the foreground, so the app-switcher
/// snapshot shows nothing private (journal text, moods, scores, a note being typed in a sheet),
/// and while the app lock is locked (issue 20), when the cover is the lock screen itself.
///
/// An overlay on the root view cannot do this: sheets are presented above it. So the cover is a
/// window of its own at a window level above alerts, shown when the scene resigns active or the
/// app is locked, and hidden otherwise. Sheets and drafts underneath stay as they were, so
/// locking never loses a half-written entry. It is created lazily for the app's window scene.
@MainActor
final class PrivacyCover {
    static let shared = PrivacyCover()
    private var window: UIWindow?
    private let state = CoverState()

    /// Shows or hides the cover for the scene's phase and the app lock.
    func update(phase: ScenePhase, lock: AppLockModel?, store: ResetStore?) {
        state.lock = lock
        state.store = store
        state.isActive = phase == .active
        let locked = lock.map { !$0.showsPersonalData } ?? false
        if phase == .active && !locked {
            if window?.isHidden == false {
                appWindow?.accessibilityElementsHidden = false
                appWindow?.makeKey()
            }
            window?.isHidden = true
            return
        }
        if locked {
            // The keyboard's window sits above any app window: end editing underneath, so no
            // keyboard (with suggestions from the hidden entry) shows over the lock screen and
            // no keystroke reaches the locked editor; the text stays in its model (review 2, L2).
            UIApplication.shared.sendAction(#selector(UIResponder.resignFirstResponder), to: nil, from: nil, for: nil)
        }
        guard let scene = Self.activeScene else { return }
        if window == nil || window?.windowScene !== scene {
            let cover = UIWindow(windowScene: scene)
            cover.windowLevel = .alert + 1
            cover.rootViewController = UIHostingController(rootView: CoverView(state: state))
            window = cover
        }
        // The cover swallows every tap while the data is hidden (also while the lock settings
        // load, review 2, L5); only the app-switcher snapshot cover of an unlocked app is inert.
        window?.isUserInteractionEnabled = locked
        // Modal for VoiceOver: nothing underneath can be read or reached (review 2, L3).
        window?.rootViewController?.view.accessibilityViewIsModal = true
        appWindow?.accessibilityElementsHidden = true
        if locked {
            window?.makeKeyAndVisible()
            UIAccessibility.post(notification: .screenChanged, argument: nil)
        } else {
            window?.isHidden = false
        }
    }

    /// The app's own window (the one the cover hides).
    private var appWindow: UIWindow? {
        Self.activeScene?.windows.first { $0 !== window }
    }

    private static var activeScene: UIWindowScene? {
        UIApplication.shared.connectedScenes.compactMap { $0 as? UIWindowScene }.first
    }
}

/// What the cover window shows: the lock model and store of the open profile.
@MainActor
@Observable
final class CoverState {
    var lock: AppLockModel?
    var store: ResetStore?
    /// Whether the scene is active: the system can only show its Face ID prompt then.
    var isActive = false
}

/// The lock screen while locked, else the app's name on a plain material (the snapshot).
struct CoverView: View {
    let state: CoverState

    var body: some View {
        if let lock = state.lock, lock.isLocked, let store = state.store {
            LockScreen(lock: lock, store: store, isActive: state.isActive)
        } else {
            PrivacyCoverView()
        }
    }
}

/// What the snapshot shows: the app's name on a plain material, nothing else.
struct PrivacyCoverView: View {
    var body: some View {
        ZStack {
            Rectangle().fill(.regularMaterial)
            Label("Reset Companion", systemImage: "leaf.circle")
                .font(.title2)
                .foregroundStyle(.secondary)
        }
        .ignoresSafeArea()
        .accessibilityHidden(true)
    }
}

/// Locked: nothing of the person's data; Unlock with the device, and "Get help now" (crisis
/// lines always; the safety plan only if the person chose so) without unlocking.
struct LockScreen: View {
    let lock: AppLockModel
    let store: ResetStore
    let isActive: Bool
    @State private var showingCrisis = false

    var body: some View {
        ZStack {
            Rectangle().fill(.regularMaterial).ignoresSafeArea()
            VStack(spacing: 20) {
                Label("Reset Companion is locked", systemImage: "lock.fill").font(.title2)
                // Help first, above Unlock and first for VoiceOver (review 2, L6).
                Button {
                    showingCrisis = true
                } label: {
                    Label("Get help now", systemImage: "lifepreserver")
                }
                .buttonStyle(.bordered)
                .accessibilityHint(lock.showsSafetyPlan ? "Crisis lines and your safety plan" : "Crisis phone lines and text services")
                .accessibilitySortPriority(1)
                if let message = lock.message { MessageView(message: message).padding(.horizontal) }
                Button("Unlock") { Task { await lock.unlock() } }
                    .buttonStyle(.borderedProminent)
                    .disabled(lock.state != .locked)
            }
            .padding()
        }
        // The system can show Face ID only while the app is active (review 2, L4).
        .task(id: [lock.state == .locked, isActive]) { if isActive { await lock.unlockAutomatically() } }
        .sheet(isPresented: $showingCrisis) {
            CrisisView(store: store, includesSafetyPlan: lock.showsSafetyPlan, editable: false)
        }
    }
}

extension View {
    /// Shows `PrivacyCover` whenever `phase` is not `.active` (inactive: app switcher, Control
    /// Centre, a system alert; background: locked or another app) or the app lock is locked.
    func privacyCover(phase: ScenePhase, app: AppModel) -> some View {
        onChange(of: phase, initial: true) { _, phase in
            // Decide the lock before the cover comes down, so nothing flashes between the app
            // becoming active and locking (AppModel.sceneDidBecomeActive asks again: no-op).
            if phase == .active { app.lock?.sceneDidBecomeActive() }
            PrivacyCover.shared.update(phase: phase, lock: app.lock, store: app.store)
        }
        .onChange(of: app.lock?.state) { _, _ in
            PrivacyCover.shared.update(phase: phase, lock: app.lock, store: app.store)
        }
    }
}
