/// The record `vietdoc convert` writes for one input: where it came from, each page's text
/// provenance, the extracted plan and quality figures. Encoded with snake_case keys; the
/// JSON Schema in `schema/` is the published contract, versioned by `schemaVersion`.
public struct DocumentRecord: Codable, Equatable, Sendable {
    /// Bumped on any change to the encoded shape (major: breaking, minor: additive).
    public static let currentSchemaVersion = "1.1.0"

    public var schemaVersion: String
    public var vietdocVersion: String
    public var source: SourceInfo
    public var pages: [PageRecord]
    /// The plan extracted by segmentation; encoded inline (its keys sit at the top level).
    public var plan: PlanRecord
    public var quality: QualityInfo
    public var restoration: RestorationSummary?

    public init(
        vietdocVersion: String, source: SourceInfo, pages: [PageRecord], plan: PlanRecord = PlanRecord(),
        quality: QualityInfo = QualityInfo(), restoration: RestorationSummary? = nil
    ) {
        self.schemaVersion = Self.currentSchemaVersion
        self.vietdocVersion = vietdocVersion
        self.source = source
        self.pages = pages
        self.plan = plan
        self.quality = quality
        self.restoration = restoration
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, vietdocVersion, source, pages, quality, restoration
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schemaVersion = try c.decode(String.self, forKey: .schemaVersion)
        vietdocVersion = try c.decode(String.self, forKey: .vietdocVersion)
        source = try c.decode(SourceInfo.self, forKey: .source)
        pages = try c.decode([PageRecord].self, forKey: .pages)
        quality = try c.decode(QualityInfo.self, forKey: .quality)
        restoration = try c.decodeIfPresent(RestorationSummary.self, forKey: .restoration)
        plan = try PlanRecord(from: decoder)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(vietdocVersion, forKey: .vietdocVersion)
        try c.encode(source, forKey: .source)
        try plan.encode(to: encoder)
        try c.encode(pages, forKey: .pages)
        try c.encode(quality, forKey: .quality)
        try c.encodeIfPresent(restoration, forKey: .restoration)
    }
}

/// The input file: path as given, content hash, kind and page count.
public struct SourceInfo: Codable, Equatable, Sendable {
    public var path: String
    public var sha256: String
    public var kind: SourceKind
    public var pages: Int

    public init(path: String, sha256: String, kind: SourceKind, pages: Int) {
        self.path = path
        self.sha256 = sha256
        self.kind = kind
        self.pages = pages
    }
}

/// One page's provenance in the record: how its text was obtained, the words with boxes, and
/// the layout (regions and the method that found them).
public struct PageRecord: Codable, Equatable, Sendable {
    public var number: Int
    public var method: PageMethod
    public var meanConfidence: Double?
    public var lineCount: Int
    public var warnings: [String]
    public var words: [Word]
    /// The page's layout; absent in records written before schema 1.1.
    public var layout: PageLayout?

    public init(_ page: PageText) {
        number = page.number
        method = page.method
        meanConfidence = page.meanConfidence
        lineCount = page.lines.count
        warnings = page.warnings
        words = page.words
        layout = page.layout
    }
}

/// Quality figures for the whole document.
public struct QualityInfo: Codable, Equatable, Sendable {
    /// Mean word confidence over OCR'd pages, nil when no page was OCR'd.
    public var ocrMeanConfidence: Double?
    /// Tokens the restorer looked at, and how many it changed.
    public var restoredTokens: Int
    public var changedTokens: Int
    public var lowConfidenceSpans: [LowConfidenceSpan]

    public init(
        ocrMeanConfidence: Double? = nil, restoredTokens: Int = 0, changedTokens: Int = 0,
        lowConfidenceSpans: [LowConfidenceSpan] = []
    ) {
        self.ocrMeanConfidence = ocrMeanConfidence
        self.restoredTokens = restoredTokens
        self.changedTokens = changedTokens
        self.lowConfidenceSpans = lowConfidenceSpans
    }
}

/// A place in the document: 1-based page and line numbers (lines of the restored text).
public struct SourceSpan: Codable, Equatable, Hashable, Sendable {
    public var page: Int
    public var lineStart: Int
    public var lineEnd: Int
    /// The page of `lineEnd` when the span runs onto a later page; nil (not encoded) when the
    /// span stays on `page`.
    public var pageEnd: Int?

    public init(page: Int, lineStart: Int, lineEnd: Int) {
        self.page = page
        self.lineStart = lineStart
        self.lineEnd = lineEnd
    }

    /// A span from `lineStart` on `page` to `lineEnd` on `pageEnd`.
    public init(page: Int, lineStart: Int, lineEnd: Int, pageEnd: Int?) {
        self.init(page: page, lineStart: lineStart, lineEnd: lineEnd)
        self.pageEnd = pageEnd
    }
}
