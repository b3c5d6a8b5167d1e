import SwiftUI
import UIKit

/// Covers every window and sheet while the app is not in the foreground, so the app-switcher
/// snapshot shows nothing private (journal text, moods, scores, a note being typed in a sheet).
///
/// An overlay on the root view cannot do this: sheets are presented above it. So the cover is a
/// window of its own at a window level above alerts, shown when the scene resigns active and
/// hidden when it is active again. It is created lazily for the app's window scene.
@MainActor
final class PrivacyCover {
    static let shared = PrivacyCover()
    private var window: UIWindow?

    /// Shows the cover over everything in `scene`.
    func show(in scene: UIWindowScene?) {
        guard let scene = scene ?? Self.activeScene else { return }
        if window == nil || window?.windowScene !== scene {
            let cover = UIWindow(windowScene: scene)
            cover.windowLevel = .alert + 1
            cover.rootViewController = UIHostingController(rootView: PrivacyCoverView())
            cover.isUserInteractionEnabled = false
            window = cover
        }
        window?.isHidden = false
    }

    /// Removes the cover (the app is active again).
    func hide() { window?.isHidden = true }

    private static var activeScene: UIWindowScene? {
        UIApplication.shared.connectedScenes.compactMap { $0 as? UIWindowScene }.first
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

extension View {
    /// Shows `PrivacyCover` whenever `phase` is not `.active` (inactive: app switcher, Control
    /// Centre, a system alert; background: locked or another app).
    func privacyCover(phase: ScenePhase) -> some View {
        onChange(of: phase, initial: true) { _, phase in
            if phase == .active { PrivacyCover.shared.hide() } else { PrivacyCover.shared.show(in: nil) }
        }
    }
}
