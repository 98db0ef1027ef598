/// The record `vietdoc convert` writes for one input: where it came from, each page's text
/// provenance, the extracted plan and quality figures. Encoded with snake_case keys; the
/// JSON Schema in `schema/` is the published contract, versioned by `schemaVersion`.
public struct DocumentRecord: Codable, Equatable, Sendable {
    /// Bumped on any change to the encoded shape (major: breaking, minor: additive).
    public static let currentSchemaVersion = "1.4.0"

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
    /// The preprocessing steps applied before OCR; absent for text pages and in records written
    /// before schema 1.2.
    public var preprocessing: [String]?
    /// How far the page's text can be trusted; absent for text-layer pages and in older records.
    public var quality: PageQuality?

    public init(_ page: PageText, quality: PageQuality? = nil) {
        number = page.number
        method = page.method
        meanConfidence = page.meanConfidence
        lineCount = page.lines.count
        warnings = page.warnings
        words = page.words
        layout = page.layout
        preprocessing = page.method == .ocr ? page.preprocessing : nil
        self.quality = quality
    }
}

/// One OCR'd page's quality: tesseract's confidence and what restoration had to do. A page is
/// `poor` when any figure passes its threshold (see `PageQuality.assess`); `reasons` says which.
public struct PageQuality: Codable, Equatable, Sendable {
    /// Mean word confidence (0–100) over the page's words.
    public var meanWordConfidence: Double?
    /// Share of the page's words with confidence below `lowWordConfidence`.
    public var lowConfidenceWords: Double
    /// Share of the page's syllables that restoration changed (nil without restoration).
    public var changedShare: Double?
    /// Share of the page's syllables in changes restoration was unsure of.
    public var lowConfidenceShare: Double?
    public var poor: Bool
    public var reasons: [String]

    public init(
        meanWordConfidence: Double?, lowConfidenceWords: Double, changedShare: Double?, lowConfidenceShare: Double?,
        reasons: [String]
    ) {
        self.meanWordConfidence = meanWordConfidence
        self.lowConfidenceWords = lowConfidenceWords
        self.changedShare = changedShare
        self.lowConfidenceShare = lowConfidenceShare
        self.poor = !reasons.isEmpty
        self.reasons = reasons
    }

    /// A word below this confidence counts as low-confidence.
    public static let lowWordConfidence = 60.0
    /// Thresholds past which a page is poor.
    public static let poorMeanConfidence = 75.0
    public static let poorLowConfidenceWords = 0.25
    public static let poorChangedShare = 0.2
    public static let poorLowConfidenceShare = 0.1

    /// The quality of an OCR'd page from its words and, when restoration ran, the number of
    /// its syllables changed and changed with low confidence.
    public static func assess(page: PageText, syllables: Int, changed: Int?, lowConfidence: Int?) -> PageQuality {
        let confidences = page.words.map(\.confidence)
        let mean = confidences.isEmpty ? nil : round2(confidences.reduce(0, +) / Double(confidences.count))
        let low =
            confidences.isEmpty
            ? 0 : round2(Double(confidences.filter { $0 < lowWordConfidence }.count) / Double(confidences.count))
        let denominator = Double(max(syllables, 1))
        let changedShare = changed.map { round2(Double($0) / denominator) }
        let lowShare = lowConfidence.map { round2(Double($0) / denominator) }
        var reasons: [String] = []
        if confidences.isEmpty {
            reasons.append("no words recognised")
        } else if let mean, mean < poorMeanConfidence {
            reasons.append("mean word confidence \(mean) below \(Int(poorMeanConfidence))")
        }
        if low > poorLowConfidenceWords {
            reasons.append("\(Int((low * 100).rounded()))% of words below confidence \(Int(lowWordConfidence))")
        }
        if let changedShare, changedShare > poorChangedShare {
            reasons.append("restoration changed \(Int((changedShare * 100).rounded()))% of syllables")
        }
        if let lowShare, lowShare > poorLowConfidenceShare {
            reasons.append("\(Int((lowShare * 100).rounded()))% of syllables restored with low confidence")
        }
        return PageQuality(
            meanWordConfidence: mean, lowConfidenceWords: low, changedShare: changedShare, lowConfidenceShare: lowShare,
            reasons: reasons)
    }

    private static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }
}

/// Quality figures for the whole document.
public struct QualityInfo: Codable, Equatable, Sendable {
    /// Mean word confidence over OCR'd pages, nil when no page was OCR'd.
    public var ocrMeanConfidence: Double?
    /// Tokens the restorer looked at, and how many it changed.
    public var restoredTokens: Int
    public var changedTokens: Int
    /// The spans restoration was unsure of; in a record at most
    /// `RestorationSummary.listedChangesPerPage` of each page (the first ones).
    public var lowConfidenceSpans: [LowConfidenceSpan]
    /// The spans left out of `lowConfidenceSpans`, counted by page; nil when all are listed.
    public var omittedLowConfidenceSpans: [OmittedChanges]?

    public init(
        ocrMeanConfidence: Double? = nil, restoredTokens: Int = 0, changedTokens: Int = 0,
        lowConfidenceSpans: [LowConfidenceSpan] = []
    ) {
        self.ocrMeanConfidence = ocrMeanConfidence
        self.restoredTokens = restoredTokens
        self.changedTokens = changedTokens
        self.lowConfidenceSpans = lowConfidenceSpans
    }

    /// The figures with at most `perPage` low-confidence spans of each page listed and the
    /// others counted in `omittedLowConfidenceSpans`.
    public func listing(atMost perPage: Int = RestorationSummary.listedChangesPerPage) -> QualityInfo {
        let (kept, counts) = PerPageListing.first(perPage, of: lowConfidenceSpans, page: \.page)
        guard !counts.isEmpty else { return self }
        var listed = self
        listed.lowConfidenceSpans = kept
        listed.omittedLowConfidenceSpans = (omittedLowConfidenceSpans ?? []) + counts
        return listed
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
