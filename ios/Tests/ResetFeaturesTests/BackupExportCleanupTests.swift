import Foundation
import XCTest

@testable import ResetFeatures

/// F9: a tab switch keeps the screen (and its model) alive, so nothing may delete its files
/// then; the files go when the screen is closed for good and SwiftUI releases the model.
@MainActor
final class BackupExportCleanupTests: XCTestCase {
    func testAPendingRestoreCopySurvivesWhileTheModelLivesAndGoesWithIt() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 5)
        let folder = scratch.url.appendingPathComponent("backups")
        var model: BackupModel? = BackupModel(store: store, folder: folder)
        model?.passphrase = "a long enough passphrase"
        model?.confirmation = "a long enough passphrase"
        await model?.createBackup()
        guard case let .backedUp(url, _)? = model?.state else { return XCTFail("\(String(describing: model?.state))") }
        let saved = scratch.url.appendingPathComponent("in-files.resetbackup")
        try FileManager.default.copyItem(at: url, to: saved)
        model?.importForRestore(saved)
        guard case let .confirmingRestore(copy)? = model?.state else { return XCTFail() }
        // The person switches tabs and comes back: nothing is called on the model.
        XCTAssertTrue(FileManager.default.fileExists(atPath: copy.path))
        await model?.confirmRestore()
        guard case .restored? = model?.state else { return XCTFail("\(String(describing: model?.state))") }
        model?.passphrase = "x"
        await model?.createBackup()
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.path))
        model = nil  // the screen is popped
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "released with the screen")
    }

    func testAnExportStaysForTheShareSheetUntilTheScreenCloses() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.checkIn(mood: 5)
        let folder = scratch.url.appendingPathComponent("exports")
        var model: ExportModel? = ExportModel(store: store, folder: folder)
        model?.format = .csv
        await model?.write()
        let url = try XCTUnwrap(model?.shareURL)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "still there after a tab switch")
        model = nil
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.path), "an unencrypted export never outlives its screen")
    }
}
