/// One input of a batch as the catalog holds it: where it came from, what happened to it,
/// its header fields and its restored text (which the search index covers).
public struct CatalogDocument: Equatable, Sendable {
    /// The input's path relative to the batch root, with `/` separators: the row's key.
    public var path: String
    /// Hex SHA-256 of the input's bytes (empty when the file could not be read).
    public var sha256: String
    public var status: InputStatus
    /// Why the input failed or was skipped; nil when it was converted.
    public var error: String?
    public var pages: Int
    public var timings: StageTimings
    public var vietdocVersion: String
    /// The version of the diacritics model that restored the text (nil when none ran).
    public var modelVersion: String?
    /// Header fields of the plan; nil when segmentation did not find them.
    public var type: String?
    public var number: String?
    public var issuer: String?
    public var place: String?
    /// ISO 8601 date (YYYY-MM-DD).
    public var date: String?
    public var title: String?
    /// The restored text of the whole document (pages joined by newlines).
    public var text: String

    public init(
        path: String, sha256: String, status: InputStatus, error: String? = nil, pages: Int = 0,
        timings: StageTimings = StageTimings(), vietdocVersion: String = VietdocVersion.current,
        modelVersion: String? = nil, type: String? = nil, number: String? = nil, issuer: String? = nil,
        place: String? = nil, date: String? = nil, title: String? = nil, text: String = ""
    ) {
        self.path = path
        self.sha256 = sha256
        self.status = status
        self.error = error
        self.pages = pages
        self.timings = timings
        self.vietdocVersion = vietdocVersion
        self.modelVersion = modelVersion
        self.type = type
        self.number = number
        self.issuer = issuer
        self.place = place
        self.date = date
        self.title = title
        self.text = text
    }
}

/// One section of a document's plan, with where it sits in the text.
public struct CatalogSection: Equatable, Sendable {
    /// 0-based position of the section in document order (depth-first).
    public var ordinal: Int
    /// The section's number as printed ("I", "2", "1.1"); nil when unnumbered.
    public var number: String?
    public var heading: String
    /// The section category (`purpose`, `objectives`, …, `other`).
    public var category: String
    /// Nesting depth, 1 for top-level sections.
    public var level: Int
    /// 1-based page and line span of the section in the restored text.
    public var page: Int
    public var lineStart: Int
    public var lineEnd: Int

    public init(
        ordinal: Int, number: String?, heading: String, category: String, level: Int, page: Int,
        lineStart: Int, lineEnd: Int
    ) {
        self.ordinal = ordinal
        self.number = number
        self.heading = heading
        self.category = category
        self.level = level
        self.page = page
        self.lineStart = lineStart
        self.lineEnd = lineEnd
    }
}

/// The fields of a catalogued document that say which conversion made it.
public struct CatalogStamp: Equatable, Sendable {
    public var sha256: String
    public var status: InputStatus
    public var vietdocVersion: String
    public var modelVersion: String?

    public init(sha256: String, status: InputStatus, vietdocVersion: String, modelVersion: String?) {
        self.sha256 = sha256
        self.status = status
        self.vietdocVersion = vietdocVersion
        self.modelVersion = modelVersion
    }
}
