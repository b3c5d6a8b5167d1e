import Foundation
import XCTest

@testable import ResetFeatures

/// The notification centre and its permission, in memory.
final class FakeNotifications: NotificationScheduling, NotificationAuthorizing, @unchecked Sendable {
    var pending: [String: ReminderRequest] = [:]
    var state: NotificationPermission = .notDetermined
    /// What the person answers to the system prompt.
    var answer: NotificationPermission = .authorized
    var prompts = 0

    func pendingRequestIDs() async -> [String] { Array(pending.keys) }
    func add(_ request: ReminderRequest) async throws { pending[request.id] = request }
    func removePendingRequests(withIdentifiers ids: [String]) async { for id in ids { pending[id] = nil } }
    func permission() async -> NotificationPermission { state }
    func requestPermission() async throws -> NotificationPermission {
        prompts += 1
        if state == .notDetermined { state = answer }
        return state
    }
}

@MainActor
final class ReminderSettingsModelTests: XCTestCase {
    private func make() throws -> (ReminderSettingsModel, FakeNotifications, ResetStore) {
        let store = try openStore(try Scratch())
        let centre = FakeNotifications()
        let model = ReminderSettingsModel(store: store, scheduler: ReminderScheduler(store: store, centre: centre), authorizer: centre)
        return (model, centre, store)
    }

    func testBeforePermissionRulesAreKeptButNothingIsScheduled() async throws {
        let (model, centre, _) = try make()
        await model.load()
        XCTAssertEqual(model.permission, .notDetermined)
        XCTAssertTrue(model.showsAllowButton)
        XCTAssertFalse(model.showsOpenSettings)
        XCTAssertTrue(model.permissionExplanation.contains("permission"))
        await model.add(.meditation, at: [wall("08:00")], days: .weekdays)
        XCTAssertEqual(model.rules.value?.count, 1)
        XCTAssertEqual(model.rules.value.map { $0.map(ReminderSettingsModel.summary) }, ["Meditation · 08:00 · Weekdays"])
        XCTAssertTrue(centre.pending.isEmpty)
        XCTAssertEqual(model.lastSync, .notAllowed(.notDetermined, cancelled: []))
    }

    func testAllowingAppliesTheCorePlanAndChangesResync() async throws {
        let (model, centre, _) = try make()
        await model.add(.checkin, at: [wall("20:00")])
        await model.requestPermission()
        XCTAssertEqual(model.permission, .authorized)
        XCTAssertEqual(centre.pending.count, 7, "a week of daily reminders")
        let rule = try XCTUnwrap(model.rules.value?.first)
        await model.setEnabled(rule.id, false)
        XCTAssertTrue(centre.pending.isEmpty, "a disabled rule's notifications are cancelled")
        await model.setEnabled(rule.id, true)
        XCTAssertEqual(centre.pending.count, 7)
        await model.pause(rule.id, until: DateComponents(year: 2027, month: 4, day: 1))
        XCTAssertTrue(centre.pending.values.allSatisfy { $0.fireDate >= ISO8601DateFormatter().date(from: "2027-03-31T23:00:00Z")! })
        await model.resume(rule.id)
        await model.remove(rule.id)
        XCTAssertTrue(centre.pending.isEmpty)
        XCTAssertEqual(model.rules.value?.count, 0)
    }

    func testDenialIsExplainedAndPointsToSettings() async throws {
        let (model, centre, _) = try make()
        centre.answer = .denied
        await model.requestPermission()
        XCTAssertEqual(model.permission, .denied)
        XCTAssertFalse(model.showsAllowButton)
        XCTAssertTrue(model.showsOpenSettings)
        XCTAssertTrue(model.permissionExplanation.contains("Settings"))
    }

    func testTheCoreRefusesABadTimeNamingTheField() async throws {
        let (model, _, _) = try make()
        await model.add(.journal, at: [wall("25:00")])
        // Refused as the FFI lifts it into a wall time, naming the value's type.
        XCTAssertEqual(model.error?.field, "time")
    }
}

@MainActor
final class ExportModelTests: XCTestCase {
    func testPreviewCountsThenAPdfIsWrittenForSharingAndCleanedUp() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 4)
        try await store.addJournalEntry(.text("private"))
        try await store.addJournalEntry(.text("for my therapist"), sharedWithTherapist: true)
        let model = ExportModel(store: store, folder: scratch.url.appendingPathComponent("exports"))
        await model.refreshPreview()
        XCTAssertEqual(model.preview?.checkIns, 1)
        XCTAssertEqual(model.preview?.sharedJournalEntries, 1, "shared entries are in by default")
        model.includesJournal = false
        await model.refreshPreview()
        XCTAssertEqual(model.preview?.sharedJournalEntries, 0)
        model.includesJournal = true
        await model.refreshPreview()
        XCTAssertEqual(model.preview?.sharedJournalEntries, 1)
        XCTAssertEqual(model.preview?.privateJournalEntries, 1)
        await model.write()
        let url = try XCTUnwrap(model.shareURL)
        XCTAssertEqual(url.lastPathComponent, "reset-report-2027-03-28.pdf")
        let data = try Data(contentsOf: url)
        XCTAssertEqual(data.prefix(5), Data("%PDF-".utf8))
        XCTAssertEqual(model.progress, 1)
        model.cleanUp()
        XCTAssertNil(model.shareURL)
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path), "exports are not left behind")
    }

    func testEachFormatGetsItsFileAndANewExportReplacesTheOld() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.take("phq9", answers: [1, 1, 1, 1, 1, 1, 1, 1, 0])
        let model = ExportModel(store: store, folder: scratch.url.appendingPathComponent("exports"))
        model.format = .fhir
        await model.write()
        let fhir = try XCTUnwrap(model.shareURL)
        XCTAssertEqual(fhir.pathExtension, "json")
        let bundle = try JSONSerialization.jsonObject(with: Data(contentsOf: fhir)) as? [String: Any]
        XCTAssertEqual(bundle?["resourceType"] as? String, "Bundle")
        model.format = .csv
        await model.write()
        XCTAssertEqual(model.shareURL?.pathExtension, "zip")
        XCTAssertFalse(FileManager.default.fileExists(atPath: fhir.path), "one export file at a time")
    }

    func testAnInvalidRangeIsShownOnItsField() async throws {
        let scratch = try Scratch()
        let model = ExportModel(store: try openStore(scratch), folder: scratch.url.appendingPathComponent("exports"))
        model.export.from = DateComponents(year: 2027, month: 3, day: 30)
        model.export.to = DateComponents(year: 2027, month: 3, day: 1)
        await model.refreshPreview()
        XCTAssertNil(model.preview)
        XCTAssertEqual(model.error?.field, "from")
    }
}

@MainActor
final class BackupModelTests: XCTestCase {
    func testAGeneratedPassphraseIsOfferedAndMakesABackup() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 5)
        let model = BackupModel(store: store, folder: scratch.url.appendingPathComponent("backups"))
        model.generatePassphrase()
        XCTAssertEqual(model.passphrase.count, 29, "five groups of five, ADR 0011")
        XCTAssertEqual(model.createBlocker, "The two passphrases don't match.", "typed back before use")
        model.confirmation = model.passphrase
        await model.createBackup()
        guard case .backedUp = model.state else { return XCTFail("\(model.state)") }
    }

    func testBackupNeedsMatchingPassphrasesThenRestoreNeedsConfirmation() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 6, note: "before the backup")
        var restoredCalls = 0
        let model = BackupModel(store: store, folder: scratch.url.appendingPathComponent("backups")) { restoredCalls += 1 }
        XCTAssertEqual(model.createBlocker, "Choose a passphrase.")
        model.passphrase = "correct horse battery"
        model.confirmation = "correct horse batery"
        XCTAssertEqual(model.createBlocker, "The two passphrases don't match.")
        await model.createBackup()
        XCTAssertEqual(model.state, .idle, "blocked: nothing written")
        model.confirmation = "correct horse battery"
        XCTAssertNil(model.createBlocker)
        await model.createBackup()
        guard case let .backedUp(url, summary) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertEqual(url.pathExtension, "resetbackup")
        XCTAssertGreaterThan(summary.totalRows, 0)
        XCTAssertEqual(model.progress, 1)
        XCTAssertEqual(model.confirmation, "", "the confirmation is cleared")

        // Change the profile, then restore: nothing happens until confirmed.
        try await store.checkIn(mood: 2)
        model.chooseRestore(url)
        XCTAssertEqual(model.state, .confirmingRestore(url))
        let before = try await store.checkIns()
        XCTAssertEqual(before.count, 2)
        await model.confirmRestore()
        guard case .restored = model.state else { return XCTFail("\(model.state)") }
        let after = try await store.checkIns()
        XCTAssertEqual(after.map(\.mood), [6])
        XCTAssertEqual(restoredCalls, 0, "the result stays on screen until Done; the app reloads after")
        XCTAssertEqual(model.passphrase, "", "the passphrase does not linger")
        await model.dismiss()
        XCTAssertEqual(model.state, .idle)
        XCTAssertEqual(restoredCalls, 1)
    }

    func testAWrongPassphraseAShortOneAndADamagedFileEachSayWhatHappened() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        let model = BackupModel(store: store, folder: scratch.url.appendingPathComponent("backups"))
        model.passphrase = "short"
        model.confirmation = "short"
        await model.createBackup()
        guard case let .failed(short) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertEqual(short.field, "passphrase", "the core's length rule, shown on the field")

        model.passphrase = "a long enough passphrase"
        model.confirmation = model.passphrase
        await model.createBackup()
        guard case let .backedUp(url, _) = model.state else { return XCTFail("\(model.state)") }
        model.passphrase = "not the right passphrase"
        model.chooseRestore(url)
        await model.confirmRestore()
        XCTAssertEqual(model.state, .failed(BackupModel.message(ResetError.WrongKey(reason: ""))))
        guard case let .failed(wrong) = model.state else { return XCTFail() }
        XCTAssertEqual(wrong.title, "Wrong passphrase")

        var bytes = try Data(contentsOf: url)
        bytes[bytes.count / 2] ^= 0xFF
        let damaged = scratch.url.appendingPathComponent("damaged.resetbackup")
        try bytes.write(to: damaged)
        model.passphrase = "a long enough passphrase"
        model.chooseRestore(damaged)
        await model.confirmRestore()
        guard case let .failed(corrupt) = model.state else { return XCTFail("\(model.state)") }
        XCTAssertEqual(corrupt.title, "This backup is damaged")
        await model.dismiss()
        XCTAssertEqual(model.state, .idle)
        model.cleanUp()
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }
}

@MainActor
final class SettingsModelTests: XCTestCase {
    func testCrisisResourcesComeFromTheCoreForTheRegion() async throws {
        let store = try openStore(try Scratch())
        let crisis = CrisisModel(store: store)
        await crisis.load()
        XCTAssertEqual(crisis.resources.first?.phone, "999", "London: the UK list, from the core's data")
        let settings = SettingsModel(store: store, keyProvider: InMemoryKeyProvider())
        await settings.setRegion("US")
        XCTAssertEqual(settings.region, "US")
        await crisis.load()
        XCTAssertEqual(crisis.resources.first?.phone, "988")
        await settings.setRegion("XX")
        XCTAssertNotNil(settings.error)
        XCTAssertEqual(settings.region, "US", "an unknown region is refused by the core")
    }

    func testCrisisActionsCallTextAndOpenTheCoreNumbers() async throws {
        let store = try openStore(try Scratch())
        let gb = try await store.crisisResources(region: "GB")
        let samaritans = try XCTUnwrap(gb.first { $0.phone == "116 123" })
        let actions = CrisisAction.actions(for: samaritans)
        XCTAssertEqual(actions.map(\.kind), [.call, .web])
        XCTAssertEqual(actions.first?.url.absoluteString, "tel:116123")
        XCTAssertEqual(actions.first?.title, "Call 116 123")
        let shout = try XCTUnwrap(gb.first { $0.smsTo != nil })
        let text = try XCTUnwrap(CrisisAction.actions(for: shout).first)
        XCTAssertEqual(text.kind, .text)
        XCTAssertEqual(text.url.absoluteString, "sms:85258&body=SHOUT")
        XCTAssertEqual(text.title, "Text SHOUT to 85258")
    }

    func testEraseAllAsksFirstThenDeletesTheProfileAndTheKey() async throws {
        let scratch = try Scratch()
        let key = InMemoryKeyProvider(key: Data(repeating: 0xC3, count: 32))
        let store = try ResetStore(databaseURL: scratch.database, keyProvider: key, timeZone: london, clock: FixedClock(fixedNow))
        try await store.checkIn(mood: 3)
        let settings = SettingsModel(store: store, keyProvider: key)
        await settings.confirmErase()
        XCTAssertEqual(settings.eraseState, .idle, "nothing is erased without the question")
        settings.requestErase()
        settings.cancelErase()
        XCTAssertEqual(settings.eraseState, .idle)
        settings.requestErase()
        await settings.confirmErase()
        XCTAssertEqual(settings.eraseState, .erased)
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.database.path))
        let freshKey = try key.databaseKey()
        XCTAssertNotEqual(freshKey, Data(repeating: 0xC3, count: 32), "the old key is gone")
    }

    func testStreakAndHealthSettings() async throws {
        let store = try openStore(try Scratch())
        let health = FakeHealth()
        let settings = SettingsModel(store: store, keyProvider: InMemoryKeyProvider(), health: HealthWriter(store: store, health: health))
        await settings.load()
        XCTAssertFalse(settings.streakHidden)
        XCTAssertFalse(settings.healthEnabled)
        XCTAssertTrue(settings.healthAvailable)
        await settings.setStreakHidden(true)
        await settings.setHealthEnabled(true)
        XCTAssertEqual(health.requested.count, 1)
        let reloaded = SettingsModel(store: store, keyProvider: InMemoryKeyProvider(), health: HealthWriter(store: store, health: health))
        await reloaded.load()
        XCTAssertTrue(reloaded.streakHidden)
        XCTAssertTrue(reloaded.healthEnabled)
    }
}

/// HealthKit in memory (the same decisions the app's HealthKitStore feeds).
final class FakeHealth: HealthStoring, @unchecked Sendable {
    var capabilities = HealthCapabilities(healthDataAvailable: true, hasIOS18Types: true)
    var granted: [HealthDataKind: HealthAuthorization] = [:]
    var requested: [Set<HealthDataKind>] = []
    var saved: [HealthSample] = []
    func authorization(for kind: HealthDataKind) -> HealthAuthorization { granted[kind] ?? .notDetermined }
    func requestAuthorization(for kinds: Set<HealthDataKind>) async throws {
        requested.append(kinds)
        for kind in kinds { granted[kind] = .authorized }
    }
    func save(_ samples: [HealthSample]) async throws { saved += samples }
}
