import Foundation

/// One recognised word with its confidence (0–100) and box.
public struct Word: Codable, Equatable, Sendable {
    public var text: String
    public var confidence: Double
    public var box: BoundingBox

    public init(text: String, confidence: Double, box: BoundingBox) {
        self.text = text
        self.confidence = confidence
        self.box = box
    }
}

/// The text of one page as the ingest or OCR stage produced it.
///
/// `lines` is the page's text split into lines (no trailing newline); `words` is filled only
/// when OCR ran. Line numbers used for provenance elsewhere are 1-based indexes into `lines`.
public struct PageText: Codable, Equatable, Sendable {
    /// 1-based page number within its source.
    public var number: Int
    public var method: PageMethod
    public var lines: [String]
    public var words: [Word]
    /// Mean word confidence (0–100) when OCR ran, otherwise nil.
    public var meanConfidence: Double?
    /// Problems met on this page (deadline, pixel cap…), for the record and the log.
    public var warnings: [String]

    public init(
        number: Int, method: PageMethod, lines: [String], words: [Word] = [],
        meanConfidence: Double? = nil, warnings: [String] = []
    ) {
        self.number = number
        self.method = method
        self.lines = lines
        self.words = words
        self.meanConfidence = meanConfidence
        self.warnings = warnings
    }

    /// The page's text: its lines joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

extension PageText {
    /// The pages of a text dump, as `convert` reads a text file: NFC, CRLF and CR read as
    /// newlines, pages split at form feeds (numbered from 1; a form feed ending the text starts
    /// no new page), lines at newlines (a final newline ends the last line, it adds none).
    public static func pages(fromText text: String) -> [PageText] {
        let normalised = VietnameseText.nfc(text)
            .replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
        var chunks = normalised.split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        if chunks.count > 1, chunks.last!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            chunks.removeLast()
        }
        return chunks.enumerated().map { index, chunk in
            var lines = chunk.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return PageText(number: index + 1, method: .textFile, lines: lines)
        }
    }
}
