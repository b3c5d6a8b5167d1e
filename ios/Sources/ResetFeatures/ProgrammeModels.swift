import Foundation
import Observation

/// The programme browser: what is on offer and the one in progress.
@MainActor
@Observable
public final class ProgrammeBrowserModel {
    public private(set) var programmes: Loadable<[ProgrammeSummary]> = .idle
    /// The programme in progress (active or paused), if any.
    public private(set) var progress: ProgrammeProgress?
    public private(set) var error: UserMessage?

    private let store: ResetStore

    public init(store: ResetStore) { self.store = store }

    /// Loads the catalogue and the current progress.
    public func load() async {
        if programmes.value == nil { programmes = .loading }
        do {
            programmes = .loaded(try await store.programmes())
            progress = try await store.programmeProgress()
        } catch {
            programmes = .failed(UserMessage(error))
        }
    }

    /// Whether `id` is the programme in progress.
    public func isCurrent(_ id: String) -> Bool { progress?.programme == id }

    /// Starts (or picks up) a programme. While another is in progress the core refuses, and the
    /// screen offers to set that one aside first.
    public func start(_ id: String) async {
        await run { self.progress = try await self.store.startProgramme(id) }
    }

    /// Sets the current programme aside; its progress is kept.
    public func leave() async {
        await run {
            try await self.store.leaveProgramme()
            self.progress = try await self.store.programmeProgress()
        }
    }

    /// Resumes after a pause (or picks up the programme left most recently).
    public func resume() async {
        await run { self.progress = try await self.store.resumeProgramme() }
    }

    private func run(_ body: () async throws -> Void) async { error = await failure(of: body) }
}

/// One step: its text, its state, and marking it done.
@MainActor
@Observable
public final class ProgrammeStepModel {
    public let programmeID: String
    public let stepID: String
    /// The step's content (Markdown body, practice target, instruments).
    public private(set) var step: ProgrammeStep?
    /// Its state now: available, locked (with when it opens), or done.
    public private(set) var progress: StepProgress?
    public private(set) var completion: StepCompletion?
    public private(set) var error: UserMessage?

    private let store: ResetStore
    private weak var observer: ActivityObserver?

    public init(store: ResetStore, programmeID: String, stepID: String, observer: ActivityObserver? = nil) {
        self.store = store
        self.programmeID = programmeID
        self.stepID = stepID
        self.observer = observer
    }

    /// The questionnaires this step asks for, from the core's catalogue, in the step's order.
    public private(set) var linkedInstruments: [Instrument] = []

    /// The journal exercise this step opens (its `journal` kind), if any.
    public var linkedJournalKind: JournalKind? {
        guard let code = step?.journalKind else { return nil }
        return Self.journalKinds.first { String(describing: $0) == code }
    }

    private static let journalKinds: [JournalKind] = [.free, .thought, .gratitude, .worry, .exposure, .activity]

    /// Loads the step's content and state.
    public func load() async {
        do {
            step = try await store.programme(programmeID).steps.first { $0.id == stepID }
            let catalogue = try await store.instruments()
            linkedInstruments = (step?.instruments ?? []).compactMap { id in catalogue.first { $0.id == id } }
            let current = try await store.programmeProgress()
            progress = current?.programme == programmeID ? current?.steps.first { $0.id == stepID } : nil
            if step == nil { error = UserMessage(title: "Not found", detail: "This step isn't in the programme.") }
        } catch {
            self.error = UserMessage(error)
        }
    }

    /// Whether the step can be marked done now (the core decides availability).
    public var canComplete: Bool { progress?.status == .available }

    /// Marks the step done; a locked step is refused by the core with when it opens.
    public func complete() async {
        do {
            completion = try await store.completeStep(stepID)
            error = nil
            await observer?.activityRecorded()
            await load()
        } catch {
            self.error = UserMessage(error)
        }
    }
}
