import Foundation
import Observation

/// A contact being edited: a name and at least one way to reach them.
public struct ContactDraft: Equatable, Identifiable, Sendable {
    public var id = UUID()
    public var name = ""
    public var phone = ""
    public var sms = ""
    public var other = ""

    public init(name: String = "", phone: String = "", sms: String = "", other: String = "") {
        self.name = name
        self.phone = phone
        self.sms = sms
        self.other = other
    }

    init(_ contact: SafetyContact) {
        self.init(name: contact.name, phone: contact.phone ?? "", sms: contact.sms ?? "", other: contact.other ?? "")
    }

    /// Blank rows are left out when saving.
    var isBlank: Bool { [name, phone, sms, other].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }

    var contact: SafetyContact {
        func optional(_ text: String) -> String? { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : text }
        return SafetyContact(name: name, phone: optional(phone), sms: optional(sms), other: optional(other))
    }

    public static func == (lhs: ContactDraft, rhs: ContactDraft) -> Bool {
        (lhs.name, lhs.phone, lhs.sms, lhs.other) == (rhs.name, rhs.phone, rhs.sms, rhs.other)
    }
}

/// The seven steps being edited, as lines the person can add to and clear.
public struct SafetyPlanDraft: Equatable, Sendable {
    public var warningSigns: [String]
    public var copingStrategies: [String]
    public var distractions: [String]
    public var supportContacts: [ContactDraft]
    public var professionals: [ContactDraft]
    public var saferSurroundings: [String]
    public var reasonsForLiving: [String]

    public init(_ plan: SafetyPlanInput = .empty) {
        warningSigns = plan.warningSigns
        copingStrategies = plan.copingStrategies
        distractions = plan.distractions
        supportContacts = plan.supportContacts.map(ContactDraft.init)
        professionals = plan.professionals.map(ContactDraft.init)
        saferSurroundings = plan.saferSurroundings
        reasonsForLiving = plan.reasonsForLiving
    }

    /// The plan as the core takes it: blank lines and blank contacts left out (the core trims
    /// and validates the rest, and says which field is wrong).
    public var input: SafetyPlanInput {
        func lines(_ list: [String]) -> [String] { list.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
        return SafetyPlanInput(
            warningSigns: lines(warningSigns), copingStrategies: lines(copingStrategies), distractions: lines(distractions),
            supportContacts: supportContacts.filter { !$0.isBlank }.map(\.contact),
            professionals: professionals.filter { !$0.isBlank }.map(\.contact), saferSurroundings: lines(saferSurroundings),
            reasonsForLiving: lines(reasonsForLiving))
    }
}

/// The personal safety plan (issue 20): the newest version to read, an editor whose every save
/// is a new version, and the history. Structure and prompts from the core (Stanley & Brown
/// 2012; the NHS "Staying Safe" plan; docs/safety-plan.md). The plan's text is the person's:
/// it is never logged, and errors name the field only.
@MainActor
@Observable
public final class SafetyPlanModel {
    /// The newest version (with the region's crisis lines), or `nil` before the first save.
    public private(set) var plan: SafetyPlan?
    /// Every version, newest first (loaded by `loadHistory()`).
    public private(set) var history: [SafetyPlan] = []
    public private(set) var loaded = false
    /// The seven steps' headings and questions, in order (static data, read once).
    public let prompts: [SafetyPlanPrompt] = SafetyPlanModel.stepPrompts
    /// The prompts, read from the core once per process (not on every screen's init).
    public static let stepPrompts: [SafetyPlanPrompt] = safetyPlanPrompts()

    /// The editor's contents.
    public var draft = SafetyPlanDraft()
    public private(set) var isEditing = false
    public private(set) var saving = false
    public private(set) var error: UserMessage?
    /// Cancel, and the "Discard your changes?" question.
    public var exit = EditorExit()
    private var original = SafetyPlanDraft()

    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    /// The region the plan's crisis lines are for, and whether it is only the core's fallback
    /// (new-user review 3, F6): loaded with the plan.
    public private(set) var region: CrisisRegion?

    /// The line shown before the plan's crisis lines when they are another country's.
    public var fallbackNotice: String? {
        region.flatMap { CrisisRegionText.fallbackNotice(regionName: $0.regionName, isFallback: $0.regionIsFallback) }
    }

    /// "Lines for Ireland": which region's lines the plan lists.
    public var regionCaption: String? {
        region.map { CrisisRegionText.caption(regionName: $0.regionName, isFallback: $0.regionIsFallback) }
    }

    /// Loads the newest version and the region its crisis lines are for.
    public func load() async {
        do {
            plan = try await store.safetyPlan()
            region = try await store.crisisRegion()
            error = nil
        } catch {
            self.error = UserMessage(error)
        }
        loaded = true
    }

    /// Loads every version, newest first.
    public func loadHistory() async {
        do {
            history = try await store.safetyPlanHistory()
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// Opens the editor on the newest version (or an empty plan), with one empty line in
    /// every step so there is somewhere to start typing.
    public func edit() {
        var start = SafetyPlanDraft(plan?.steps ?? .empty)
        for path in [\SafetyPlanDraft.warningSigns, \.copingStrategies, \.distractions, \.saferSurroundings, \.reasonsForLiving]
        where start[keyPath: path].isEmpty {
            start[keyPath: path] = [""]
        }
        if start.supportContacts.isEmpty { start.supportContacts = [ContactDraft()] }
        if start.professionals.isEmpty { start.professionals = [ContactDraft()] }
        draft = start
        original = start
        exit = EditorExit()
        error = nil
        isEditing = true
    }

    /// Whether leaving the editor now would lose something.
    public var hasChanges: Bool { isEditing && draft.input != original.input }

    /// Saves the editor's contents as a new version. Nothing is stored if the core refuses a
    /// field; the error names it.
    public func save() async {
        guard isEditing, !saving else { return }
        saving = true
        defer { saving = false }
        do {
            plan = try await store.saveSafetyPlan(draft.input)
            error = nil
            isEditing = false
            exit = EditorExit()
            exit.discard()  // closes the editor
            if !history.isEmpty { await loadHistory() }
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// "Cancel": closes, or asks first when there are changes.
    public func cancel() {
        exit.cancel(hasChanges: hasChanges)
        if exit.shouldClose { isEditing = false }
    }

    /// "Discard" on the question.
    public func discard() {
        exit.discard()
        isEditing = false
    }

    /// "Keep editing" on the question.
    public func keepEditing() { exit.keepEditing() }

    /// "Version 2, saved 7 Dec 2026 at 21:04" for a version, in the person's zone and locale.
    public static func versionText(_ plan: SafetyPlan) -> String { "Version \(plan.version), saved \(savedText(plan.savedAt))" }

    /// The save time as the core types it: a `Date` (typed time across the FFI, ADR 0008) is
    /// formatted for the person; the earlier text form is shown as given, never parsed here.
    static func savedText(_ savedAt: Date) -> String {
        let format = DateFormatter()
        format.dateStyle = .medium
        format.timeStyle = .short
        return format.string(from: savedAt)
    }
    static func savedText(_ savedAt: String) -> String { savedAt }

    /// The lines of step `field` in the newest version (for reading; contacts excluded).
    public static func lines(_ steps: SafetyPlanInput, field: String) -> [String] {
        switch field {
        case "warning_signs": return steps.warningSigns
        case "coping_strategies": return steps.copingStrategies
        case "distractions": return steps.distractions
        case "safer_surroundings": return steps.saferSurroundings
        case "reasons_for_living": return steps.reasonsForLiving
        default: return []
        }
    }

    /// The contacts of step `field` (steps 4 and 5).
    public static func contacts(_ steps: SafetyPlanInput, field: String) -> [SafetyContact] {
        switch field {
        case "support_contacts": return steps.supportContacts
        case "professionals": return steps.professionals
        default: return []
        }
    }
}

extension CrisisAction {
    /// Call and text buttons for a contact in the plan (`tel:` / `sms:` links; the phone's own
    /// dialler and Messages do the rest, nothing is sent by the app). A contact with only a
    /// phone number can be texted on it too.
    public static func actions(for contact: SafetyContact) -> [CrisisAction] {
        // ASCII digits only (a number pasted as Arabic-Indic or full-width digits still dials),
        // and a leading "+" (review 2, S4).
        func digits(_ number: String) -> String {
            var out = ""
            for character in number {
                if character == "+" && out.isEmpty {
                    out.append("+")
                } else if let value = character.wholeNumberValue, (0...9).contains(value), character.isNumber {
                    out.append(String(value))
                }
            }
            return out
        }
        var actions: [CrisisAction] = []
        if let phone = contact.phone, !digits(phone).isEmpty, let url = URL(string: "tel:" + digits(phone)) {
            actions.append(CrisisAction(kind: .call, title: "Call \(contact.name)", url: url))
        }
        if let number = contact.sms ?? contact.phone, !digits(number).isEmpty, let url = URL(string: "sms:" + digits(number)) {
            actions.append(CrisisAction(kind: .text, title: "Message \(contact.name)", url: url))
        }
        return actions
    }
}
