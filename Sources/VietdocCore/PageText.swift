import Foundation

/// One recognised word with its confidence (0–100), box and place in the page's structure.
///
/// `block`, `paragraph` and `line` are page-wide running numbers (from 1) of the text block,
/// paragraph and line the word belongs to, as tesseract or the PDF text layer grouped them;
/// nil when the source gives no structure. Words with equal `line` share one text line.
public struct Word: Codable, Equatable, Sendable {
    public var text: String
    public var confidence: Double
    public var box: BoundingBox
    public var block: Int?
    public var paragraph: Int?
    public var line: Int?

    public init(
        text: String, confidence: Double, box: BoundingBox, block: Int? = nil, paragraph: Int? = nil,
        line: Int? = nil
    ) {
        self.text = text
        self.confidence = confidence
        self.box = box
        self.block = block
        self.paragraph = paragraph
        self.line = line
    }
}

/// The text of one page as the ingest or OCR stage produced it.
///
/// `lines` is the page's text split into lines (no trailing newline); `words` is filled when
/// OCR ran or the text layer gave word boxes. Line numbers used for provenance elsewhere are
/// 1-based indexes into `lines`. `layout` is set by the layout stage, which also puts `lines`
/// in reading order (left column of a band before the right) and takes stamp text out of them.
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
    /// The page's regions, once the layout stage ran; nil before.
    public var layout: PageLayout?
    /// The preprocessing steps applied to the page image before OCR (`color-filter`,
    /// `smooth`, `upscale`, `deskew(…)`, `rotate-…`), in order; empty for text pages.
    public var preprocessing: [String] = []
    /// The pixel frame the word boxes refer to (the image OCR read), nil when no image was read.
    /// Not part of the record; the archival outputs (PDF, ALTO, hOCR, review page) use it.
    public var frame: PageFrame?
    /// The digital signatures of the PDF's signature fields on this page (`PageAnnotations`),
    /// for the record's `digital_signatures`; empty for other inputs.
    public var signatureFields: [DigitalSignature] = []

    public init(
        number: Int, method: PageMethod, lines: [String], words: [Word] = [],
        meanConfidence: Double? = nil, warnings: [String] = [], layout: PageLayout? = nil,
        frame: PageFrame? = nil
    ) {
        self.number = number
        self.method = method
        self.lines = lines
        self.words = words
        self.meanConfidence = meanConfidence
        self.warnings = warnings
        self.layout = layout
        self.frame = frame
    }

    /// The page's text: its lines joined by newlines.
    public var text: String { lines.joined(separator: "\n") }
}

/// The size and resolution of the page image a page's boxes are measured in.
public struct PageFrame: Codable, Equatable, Hashable, Sendable {
    public var width: Int
    public var height: Int
    public var dpi: Int

    public init(width: Int, height: Int, dpi: Int) {
        self.width = width
        self.height = height
        self.dpi = dpi
    }
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
