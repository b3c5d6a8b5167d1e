import Foundation

#if canImport(CoreText)
    import CoreText
#endif

// The platform's fonts for the therapist PDF (issue 19; ADR 0006): the core embeds a Latin font
// only and draws every other script with font files the shell names at export time (Android:
// /system/fonts; the CLI: fontconfig). On iOS, CoreText picks the system font that covers a
// sample of each script (`CTFontCreateForStringWithLanguage`) and says where its file is
// (`kCTFontURLAttribute`); a collection (`.ttc`) also needs the face's index, which this file
// reads from the collection's own `name` tables by PostScript name. That part is plain Swift
// and tested on Linux; the CoreText lookup is Apple-only and verified on a device only.

/// One script the report may need, with a sample CoreText matches a font to.
public struct ReportFontProbe: Equatable, Sendable {
    /// BCP 47 language, so Han characters get the right regional forms (ja, zh-Hans, ko).
    public let language: String
    /// A few characters of the script.
    public let sample: String

    /// In the core's order of preference, as the CLI's fontconfig patterns (cli/src/fonts.rs):
    /// Greek, Cyrillic, Arabic, Hebrew, Devanagari, symbols, Japanese, Chinese, Korean, Thai.
    public static let all: [ReportFontProbe] = [
        ReportFontProbe(language: "el", sample: "αβγ"),
        ReportFontProbe(language: "ru", sample: "абв"),
        ReportFontProbe(language: "ar", sample: "عربي"),
        ReportFontProbe(language: "he", sample: "עברית"),
        ReportFontProbe(language: "hi", sample: "हिन्दी"),
        ReportFontProbe(language: "en", sample: "✓★→"),
        ReportFontProbe(language: "ja", sample: "あア日本"),
        ReportFontProbe(language: "zh-Hans", sample: "中文汉字"),
        ReportFontProbe(language: "ko", sample: "한국어"),
        ReportFontProbe(language: "th", sample: "ภาษาไทย"),
    ]
}

/// A system font CoreText chose: its file and the PostScript name of the face.
public struct SystemFontFace: Equatable, Sendable {
    public let url: URL
    public let postScriptName: String

    public init(url: URL, postScriptName: String) {
        self.url = url
        self.postScriptName = postScriptName
    }
}

/// Turns the faces CoreText chose into the core's `ReportFont` list.
public enum ReportFonts {
    /// Colour-bitmap fonts draw nothing in the PDF (the core skips fonts without outlines) and
    /// Apple Color Emoji is large, so it is never offered: emoji show as boxes (ADR 0006).
    static let skippedPostScriptNames: Set<String> = ["AppleColorEmoji"]

    /// In order, without repeats or skipped fonts; a collection's face index is looked up by
    /// PostScript name (a face not found in its collection is left out rather than guessed).
    /// `read` maps a file (memory-mapped: only the header and name tables are touched).
    public static func fonts(for faces: [SystemFontFace], read: (URL) -> Data? = Self.mappedFile) -> [ReportFont] {
        var out: [ReportFont] = []
        for face in faces where !skippedPostScriptNames.contains(face.postScriptName) {
            guard let data = read(face.url) else { continue }
            let index: UInt32
            if SfntCollection.isCollection(data) {
                guard let found = SfntCollection.faceIndex(in: data, postScriptName: face.postScriptName) else { continue }
                index = found
            } else {
                index = 0
            }
            let font = ReportFont(path: face.url.path, index: index)
            if !out.contains(font) { out.append(font) }
        }
        return out
    }

    /// The file's bytes, memory-mapped.
    public static func mappedFile(_ url: URL) -> Data? { try? Data(contentsOf: url, options: .alwaysMapped) }

    /// The system fonts for every script in `ReportFontProbe.all` (empty where CoreText does
    /// not exist, e.g. Linux: such text then shows as boxes and the report says so).
    public static func platform() -> [ReportFont] { fonts(for: systemFaces()) }

    /// The face CoreText uses for each probe's sample.
    public static func systemFaces(_ probes: [ReportFontProbe] = ReportFontProbe.all) -> [SystemFontFace] {
        #if canImport(CoreText)
            let base = CTFontCreateWithName("Helvetica" as CFString, 12, nil)
            return probes.compactMap { probe in
                let sample = probe.sample as CFString
                let font = CTFontCreateForStringWithLanguage(
                    base, sample, CFRange(location: 0, length: CFStringGetLength(sample)), probe.language as CFString)
                guard let url = CTFontCopyAttribute(font, kCTFontURLAttribute) as? URL else { return nil }
                return SystemFontFace(url: url, postScriptName: CTFontCopyPostScriptName(font) as String)
            }
        #else
            return []
        #endif
    }
}

/// Just enough of the OpenType collection format (`ttcf` header, then each face's table
/// directory and `name` table) to find which face has a given PostScript name (name ID 6).
enum SfntCollection {
    static func isCollection(_ data: Data) -> Bool { data.count >= 12 && data.prefix(4) == Data("ttcf".utf8) }

    /// The index of the face whose PostScript name is `name`, if any.
    static func faceIndex(in data: Data, postScriptName name: String) -> UInt32? {
        guard isCollection(data), let count = data.u32(8), count <= 1_000 else { return nil }
        for index in 0..<count {
            guard let offset = data.u32(12 + Int(index) * 4) else { return nil }
            if postScriptNames(face: Int(offset), in: data).contains(name) { return index }
        }
        return nil
    }

    /// Every PostScript name (name ID 6) in the `name` table of the face at `face`.
    static func postScriptNames(face: Int, in data: Data) -> [String] {
        guard let tables = data.u16(face + 4) else { return [] }
        var nameTable: Int?
        for t in 0..<Int(tables) {
            let record = face + 12 + t * 16
            if data.slice(record, 4) == Data("name".utf8) { nameTable = data.u32(record + 8).map(Int.init) }
        }
        guard let table = nameTable, let count = data.u16(table + 2), let storage = data.u16(table + 4) else { return [] }
        var names: [String] = []
        for r in 0..<Int(count) {
            let record = table + 6 + r * 12
            guard let platform = data.u16(record), let nameID = data.u16(record + 6), nameID == 6,
                let length = data.u16(record + 8), let offset = data.u16(record + 10),
                let bytes = data.slice(table + Int(storage) + Int(offset), Int(length))
            else { continue }
            // Windows and Unicode platforms store UTF-16BE; Macintosh Roman is ASCII for PS names.
            let text = platform == 1 ? String(data: bytes, encoding: .ascii) : String(data: bytes, encoding: .utf16BigEndian)
            if let text { names.append(text) }
        }
        return names
    }
}

extension Data {
    fileprivate func slice(_ at: Int, _ length: Int) -> Data? {
        guard at >= 0, length >= 0, at + length <= count else { return nil }
        let start = startIndex + at
        return self[start..<start + length]
    }

    fileprivate func u16(_ at: Int) -> UInt16? { slice(at, 2).map { $0.reduce(0) { $0 << 8 | UInt16($1) } } }
    fileprivate func u32(_ at: Int) -> UInt32? { slice(at, 4).map { $0.reduce(0) { $0 << 8 | UInt32($1) } } }
}
