import Foundation

/// A programme step's Markdown body, split into the blocks a screen lays out one by one.
///
/// SwiftUI's `Text` renders only inline Markdown (bold, italic, links, code), and only when
/// handed an `AttributedString`; a `LocalizedStringKey` would also treat `%` as a format
/// specifier. So the view shows each block here as a paragraph, a heading, a bulleted or
/// numbered item or a quote, and parses only the block's inline text with
/// `AttributedString(markdown:options: .inlineOnlyPreservingWhitespace)` — the text appears as
/// written. (Foundation on Linux has no Markdown parser; this splitting is what is tested here.)
public struct MarkdownBlock: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case paragraph
        /// `#` … `######`.
        case heading(level: Int)
        /// `-`, `*` or `+` items.
        case bullet
        /// `1.` / `1)` items, with the number as written.
        case numbered(Int)
        /// `>` lines.
        case quote
    }

    public let kind: Kind
    /// The block's inline Markdown, markers removed, soft line breaks joined with a space.
    public let text: String

    public init(_ kind: Kind, _ text: String) {
        self.kind = kind
        self.text = text
    }

    /// Splits `markdown` into blocks: blank lines end paragraphs, every list item and heading
    /// is its own block, lines indented under an item continue it.
    public static func parse(_ markdown: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var kind: Kind?
        var lines: [String] = []

        func flush() {
            if let current = kind, !lines.isEmpty {
                blocks.append(MarkdownBlock(current, lines.joined(separator: " ")))
            }
            kind = nil
            lines = []
        }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty {
                flush()
                continue
            }
            if let (level, rest) = heading(line) {
                flush()
                blocks.append(MarkdownBlock(.heading(level: level), rest))
            } else if let rest = bullet(line) {
                flush()
                kind = .bullet
                lines = [rest]
            } else if let (number, rest) = numbered(line) {
                flush()
                kind = .numbered(number)
                lines = [rest]
            } else if line.hasPrefix(">") {
                let rest = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if kind != .quote { flush() }
                kind = .quote
                lines.append(rest)
            } else {
                // A continuation of the open block (an item's wrapped line), else a paragraph.
                if kind == nil || kind == .quote {
                    flush()
                    kind = .paragraph
                }
                lines.append(line)
            }
        }
        flush()
        return blocks
    }

    private static func heading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let rest = line.dropFirst(hashes)
        guard rest.first == " " else { return nil }
        return (hashes, rest.trimmingCharacters(in: .whitespaces))
    }

    private static func bullet(_ line: String) -> String? {
        guard let first = line.first, "-*+".contains(first), line.dropFirst().first == " " else { return nil }
        // `**bold**` at the start of a paragraph is not a bullet: that needs a space after one marker.
        return line.dropFirst(2).trimmingCharacters(in: .whitespaces)
    }

    private static func numbered(_ line: String) -> (Int, String)? {
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let number = Int(digits) else { return nil }
        let rest = line.dropFirst(digits.count)
        guard let marker = rest.first, marker == "." || marker == ")", rest.dropFirst().first == " " else { return nil }
        return (number, rest.dropFirst(2).trimmingCharacters(in: .whitespaces))
    }
}
