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

/// What a crisis screen says about the region its lines are for (new-user review F30): when the
/// core fell back to its default region because none it covers matched the person, the lines
/// are another country's, and the screen says so before them, never as "help where you are".
public enum CrisisRegionText {
    /// The honest line above fallback lines, or `nil` when the lines are the person's region's.
    ///
    /// - Parameter canChooseRegion: whether Settings (and so the region picker) can be reached.
    public static func fallbackNotice(regionName: String, isFallback: Bool, canChooseRegion: Bool = true) -> String? {
        guard isFallback else { return nil }
        let choose = canChooseRegion ? " If you live in a country we cover, choose it in Settings, Region for crisis services." : ""
        return "We don't have crisis lines for where you are. If you are in danger, call your local emergency number now. "
            + "The lines below are for \(regionName), not your country.\(choose)"
    }

    /// The signpost's notice (before its lines), from the core's `regionIsFallback`.
    public static func fallbackNotice(for signpost: Signpost) -> String? {
        fallbackNotice(regionName: signpost.regionName, isFallback: signpost.regionIsFallback)
    }

    /// The signpost's opening words: "these services can help now" only when they are the
    /// person's region's.
    public static func signpostIntro(for signpost: Signpost) -> String {
        let opening = "Some of your answers suggest you may be going through a very hard time. You don't have to face it alone"
        return signpost.regionIsFallback ? opening + "." : opening + " — these services are free and can help now."
    }

    /// A short caption naming the region the lines are for, so the person can check it.
    public static func caption(regionName: String, isFallback: Bool) -> String {
        isFallback ? "Lines for \(regionName) (not your region)" : "Lines for \(regionName)"
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
    /// The region the lines are for, and whether it is only the core's fallback.
    public private(set) var region: CrisisRegion?
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

    /// The line shown before the lines when they are not for the person's region (F30).
    public var fallbackNotice: String? {
        region.flatMap {
            CrisisRegionText.fallbackNotice(regionName: $0.regionName, isFallback: $0.regionIsFallback, canChooseRegion: store != nil)
        }
    }

    /// "Lines for Ireland": which region's lines these are.
    public var regionCaption: String? {
        region.map { CrisisRegionText.caption(regionName: $0.regionName, isFallback: $0.regionIsFallback) }
    }

    /// Whether the sheet offers to open or make the plan.
    public var offersSafetyPlan: Bool { includesSafetyPlan }

    /// Loads the resources (the region preference, else the zone, else GB — the core decides),
    /// then the plan. A plan that fails to load never hides the lines.
    public func load() async {
        do {
            let region: CrisisRegion
            if let store {
                region = try await store.crisisRegion()
            } else {
                region = try await CrisisLines.regionWithoutProfile(timeZone: timeZone())
            }
            self.region = region
            resources = region.resources
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
        if includesSafetyPlan, let store {
            safetyPlan = try? await store.safetyPlan()
        }
    }
}
