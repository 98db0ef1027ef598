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
    /// The preprocessing steps applied to the page image before OCR (`color-filter`,
    /// `smooth`, `upscale`, `deskew(…)`, `rotate-…`), in order; empty for text pages.
    public var preprocessing: [String] = []

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
