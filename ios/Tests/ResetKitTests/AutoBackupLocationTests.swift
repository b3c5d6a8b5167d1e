import Foundation
import XCTest

@testable import ResetKit

/// The automatic backups' folder is a sibling of the profile's, never inside it, so the
/// profile's backup exclusion cannot cover it.
final class AutoBackupLocationTests: XCTestCase {
    func testTheFolderIsASiblingOfTheExcludedProfileFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("loc-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let profile = ProfileLocation(directory: base.appendingPathComponent(ProfileLocation.directoryName))
        let backups = AutoBackupLocation(directory: base.appendingPathComponent(AutoBackupLocation.directoryName))
        XCTAssertTrue(backups.isSeparate(from: profile))
        try backups.prepare()
        var isDir: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: backups.directory.path, isDirectory: &isDir))
        XCTAssertTrue(isDir.boolValue)

        let inside = AutoBackupLocation(directory: profile.directory.appendingPathComponent("AutoBackups"))
        XCTAssertFalse(inside.isSeparate(from: profile), "inside the excluded folder it would never be backed up")
        let around = AutoBackupLocation(directory: base)
        XCTAssertFalse(around.isSeparate(from: profile))
    }
}
