import Foundation
import XCTest

@testable import ResetKit

/// Part 2 of issue 19: the pure half of handing iOS system fonts to the PDF report — finding a
/// face in a font collection by PostScript name, and the ordered, de-duplicated list. The
/// CoreText lookup itself (`ReportFonts.systemFaces`) only runs on Apple platforms.
final class ReportFontsTests: XCTestCase {
    /// The repository's embedded Latin font, a real single-face TrueType file.
    private let dejaVu = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("core/content/fonts/DejaVuSans.ttf")

    /// A minimal OpenType collection: each face has only a `name` table with its PostScript name
    /// (name ID 6, Windows platform, UTF-16BE), laid out as the format says.
    private func collection(_ names: [String]) -> Data {
        func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        func be32(_ v: Int) -> [UInt8] { [24, 16, 8, 0].map { UInt8(v >> $0 & 0xFF) } }
        let headerSize = 12 + 4 * names.count
        var faces: [[UInt8]] = []
        var offset = headerSize
        var offsets: [Int] = []
        for name in names {
            let text = Array(name.utf16).flatMap { be16(Int($0)) }
            let nameTableOffset = offset + 12 + 16  // this face's directory, then its name table
            var table = be16(0) + be16(1) + be16(6 + 12)  // format, count, string storage offset
            table += be16(3) + be16(1) + be16(0x409) + be16(6) + be16(text.count) + be16(0)
            table += text
            var face = be32(0x0001_0000) + be16(1) + be16(16) + be16(0) + be16(0)
            face += Array("name".utf8) + be32(0) + be32(nameTableOffset) + be32(table.count)
            face += table
            offsets.append(offset)
            offset += face.count
            faces.append(face)
        }
        var bytes = Array("ttcf".utf8) + be32(0x0001_0000) + be32(names.count)
        for o in offsets { bytes += be32(o) }
        return Data(bytes + faces.flatMap { $0 })
    }

    func testAFaceIsFoundInACollectionByItsPostScriptName() {
        let ttc = collection(["NotoSansCJKjp-Regular", "NotoSansCJKkr-Regular", "NotoSansCJKsc-Regular"])
        XCTAssertTrue(SfntCollection.isCollection(ttc))
        XCTAssertEqual(SfntCollection.faceIndex(in: ttc, postScriptName: "NotoSansCJKsc-Regular"), 2)
        XCTAssertEqual(SfntCollection.faceIndex(in: ttc, postScriptName: "NotoSansCJKjp-Regular"), 0)
        XCTAssertNil(SfntCollection.faceIndex(in: ttc, postScriptName: "PingFangSC-Regular"))
        XCTAssertNil(
            SfntCollection.faceIndex(in: ttc.prefix(40), postScriptName: "NotoSansCJKsc-Regular"), "a cut file finds nothing, no crash")
    }

    func testARealTrueTypeFileIsNotACollectionAndItsNameReads() throws {
        let data = try Data(contentsOf: dejaVu)
        XCTAssertFalse(SfntCollection.isCollection(data))
        XCTAssertTrue(SfntCollection.postScriptNames(face: 0, in: data).contains("DejaVuSans"))
    }

    func testTheListKeepsTheProbeOrderWithoutRepeatsUnreadableFilesOrColourEmoji() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fonts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let ttc = scratch.appendingPathComponent("PingFang.ttc")
        try collection(["PingFangHK-Regular", "PingFangSC-Regular"]).write(to: ttc)
        let faces = [
            SystemFontFace(url: dejaVu, postScriptName: "DejaVuSans"),
            SystemFontFace(url: ttc, postScriptName: "PingFangSC-Regular"),
            SystemFontFace(url: dejaVu, postScriptName: "DejaVuSans"),
            SystemFontFace(url: scratch.appendingPathComponent("AppleColorEmoji.ttc"), postScriptName: "AppleColorEmoji"),
            SystemFontFace(url: scratch.appendingPathComponent("gone.ttf"), postScriptName: "Gone"),
            SystemFontFace(url: ttc, postScriptName: "NotInThisFile"),
        ]
        XCTAssertEqual(
            ReportFonts.fonts(for: faces), [ReportFont(path: dejaVu.path, index: 0), ReportFont(path: ttc.path, index: 1)])
    }

    func testEveryScriptTheCliProbesIsProbedInTheSameOrder() {
        XCTAssertEqual(ReportFontProbe.all.map(\.language), ["el", "ru", "ar", "he", "hi", "en", "ja", "zh-Hans", "ko", "th"])
        XCTAssertTrue(ReportFontProbe.all.allSatisfy { !$0.sample.isEmpty })
        #if !canImport(CoreText)
            XCTAssertEqual(ReportFonts.platform(), [], "no CoreText here: no fonts, and the report says so")
        #endif
    }

    func testTheExportTakesTheFontListThroughToTheCore() async throws {
        let scratch = try Scratch()
        let store = try openStore(scratch)
        try await store.addJournalEntry(.free(record: FreeText(text: "Καλημέρα")), sharedWithTherapist: true)
        let out = scratch.url.appendingPathComponent("report.pdf")
        let export = TherapistExport(fonts: [ReportFont(path: dejaVu.path, index: 0), ReportFont(path: "/nonexistent.ttf", index: 0)])
        XCTAssertEqual(export.options.fonts, export.fonts, "the list reaches the core's options")
        try await store.exportForTherapist(.pdf, to: out, export)
        let pdf = try Data(contentsOf: out)
        XCTAssertEqual(pdf.prefix(5), Data("%PDF-".utf8), "an unusable font never stops the report")
    }
}
