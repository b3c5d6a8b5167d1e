import Foundation
import Observation

/// A way to reach a crisis service, built from the core's crisis data (never typed in here).
public struct CrisisAction: Equatable, Sendable {
    public enum Kind: Equatable, Sendable { case call, text, web }
    public let kind: Kind
    /// Button text, e.g. "Call 116 123".
    public let title: String
    /// `tel:`, `sms:` or `https:` link for `openURL`.
    public let url: URL

    /// The actions one resource offers, in order: call, text, website.
    public static func actions(for resource: CrisisResource) -> [CrisisAction] {
        var actions: [CrisisAction] = []
        if let phone = resource.phone, let url = URL(string: "tel:" + phone.filter { $0.isNumber || $0 == "+" }) {
            actions.append(CrisisAction(kind: .call, title: "Call \(phone)", url: url))
        }
        if let number = resource.smsTo {
            var link = "sms:" + number.filter { $0.isNumber || $0 == "+" }
            if let body = resource.smsBody, let encoded = body.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) {
                link += "&body=" + encoded
            }
            if let url = URL(string: link) {
                // The core's `text` reads "SHOUT to 85258"; the button says what to do with it.
                actions.append(CrisisAction(kind: .text, title: "Text " + (resource.text ?? number), url: url))
            }
        }
        if let site = resource.url, let url = URL(string: site) {
            actions.append(CrisisAction(kind: .web, title: "Open website", url: url))
        }
        return actions
    }
}

/// "Get help now": the crisis resources for the person's region, one tap from every screen,
/// followed by the person's own safety plan (issue 20: after the lines, never instead of them).
/// When the profile cannot be opened (no store) it lists the lines for the region the device's
/// zone suggests, from the core's static data (issue 19, F5) — never an empty sheet.
@MainActor
@Observable
public final class CrisisModel {
    public private(set) var resources: [CrisisResource] = []
    /// The person's safety plan, when there is one and it may be shown (not while the app is
    /// locked, unless the person chose so).
    public private(set) var safetyPlan: SafetyPlan?
    public private(set) var error: UserMessage?
    /// Whether the plan is offered here (false while locked and hidden).
    public let includesSafetyPlan: Bool
    private let store: ResetStore?
    private let timeZone: () -> TimeZone

    /// - Parameters:
    ///   - store: the open profile, or `nil` when it cannot be opened.
    ///   - includesSafetyPlan: whether the plan may be shown (`AppLockModel.showsSafetyPlan`).
    public init(store: ResetStore?, includesSafetyPlan: Bool = true, timeZone: @escaping () -> TimeZone = { .current }) {
        self.store = store
        self.includesSafetyPlan = includesSafetyPlan && store != nil
        self.timeZone = timeZone
    }

    /// Whether the sheet offers to open or make the plan.
    public var offersSafetyPlan: Bool { includesSafetyPlan }

    /// Loads the resources (the region preference, else the zone, else GB — the core decides),
    /// then the plan. A plan that fails to load never hides the lines.
    public func load() async {
        do {
            if let store {
                resources = try await store.crisisResources()
            } else {
                resources = try await CrisisLines.withoutProfile(timeZone: timeZone())
            }
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
        if includesSafetyPlan, let store {
            safetyPlan = try? await store.safetyPlan()
        }
    }
}
