import GRDB

/// One input of a batch as the catalog holds it: which document it is, where it came from,
/// what happened to it, its header fields and its restored text (which the search index
/// covers). Mapped to the `documents` table through GRDB's record protocols.
public struct CatalogDocument: Equatable, Sendable {
    /// The document's unique id in its output folder: its output path relative to `-o`
    /// without extension (`2023/ubnd/kh-259` → `2023/ubnd/kh-259.json`). Stable across reruns
    /// and moves of the input; the key of the row and of the CSV tables.
    public var documentID: String
    /// The input's path relative to its input root (the folder argument it was found under),
    /// NFC, `/` separators; for a file named on its own, its name.
    public var path: String
    /// The absolute path where the input was last seen.
    public var source: String
    /// Hex SHA-256 of the input's bytes (empty when the file could not be read).
    public var sha256: String
    public var status: InputStatus
    /// Why the input failed or was skipped; nil when it was converted.
    public var error: String?
    public var pages: Int
    /// Pages that could not be read (damaged image, over the pixel cap, past the deadline).
    public var failedPages: Int
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

    /// - Parameters:
    ///   - documentID: the output stem; defaults to `path`.
    ///   - source: where the input was read; defaults to `path`.
    public init(
        documentID: String? = nil, path: String, source: String? = nil, sha256: String, status: InputStatus,
        error: String? = nil, pages: Int = 0, failedPages: Int = 0, timings: StageTimings = StageTimings(),
        vietdocVersion: String = VietdocVersion.current, modelVersion: String? = nil, type: String? = nil,
        number: String? = nil, issuer: String? = nil, place: String? = nil, date: String? = nil,
        title: String? = nil, text: String = ""
    ) {
        self.documentID = documentID ?? path
        self.path = path
        self.source = source ?? path
        self.sha256 = sha256
        self.status = status
        self.error = error
        self.pages = pages
        self.failedPages = failedPages
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

extension CatalogDocument: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "documents"

    /// The columns of `documents`.
    public enum Columns {
        static let documentID = Column("document_id")
        static let path = Column("path")
        static let source = Column("source")
        static let sha256 = Column("sha256")
        static let status = Column("status")
        static let error = Column("error")
        static let pages = Column("pages")
        static let failedPages = Column("failed_pages")
        static let totalMS = Column("total_ms")
        static let ingestMS = Column("ingest_ms")
        static let ocrMS = Column("ocr_ms")
        static let restoreMS = Column("restore_ms")
        static let segmentMS = Column("segment_ms")
        static let vietdocVersion = Column("vietdoc_version")
        static let modelVersion = Column("model_version")
        static let type = Column("type")
        static let number = Column("number")
        static let issuer = Column("issuer")
        static let place = Column("place")
        static let date = Column("date")
        static let title = Column("title")
        static let text = Column("text")
    }

    public init(row: Row) throws {
        let statusText: String = row[Columns.status]
        guard let status = InputStatus(rawValue: statusText) else {
            let id: String = row[Columns.documentID]
            throw VietdocError.invalidArgument("catalog row \(id): unknown status \(statusText)")
        }
        self.init(
            documentID: row[Columns.documentID], path: row[Columns.path], source: row[Columns.source],
            sha256: row[Columns.sha256], status: status, error: row[Columns.error], pages: row[Columns.pages],
            failedPages: row[Columns.failedPages],
            timings: StageTimings(
                total: row[Columns.totalMS], ingest: row[Columns.ingestMS], ocr: row[Columns.ocrMS],
                restore: row[Columns.restoreMS], segment: row[Columns.segmentMS]),
            vietdocVersion: row[Columns.vietdocVersion], modelVersion: row[Columns.modelVersion],
            type: row[Columns.type], number: row[Columns.number], issuer: row[Columns.issuer],
            place: row[Columns.place], date: row[Columns.date], title: row[Columns.title], text: row[Columns.text])
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.documentID] = documentID
        container[Columns.path] = path
        container[Columns.source] = source
        container[Columns.sha256] = sha256
        container[Columns.status] = status.rawValue
        container[Columns.error] = error
        container[Columns.pages] = pages
        container[Columns.failedPages] = failedPages
        container[Columns.totalMS] = timings.total
        container[Columns.ingestMS] = timings.ingest
        container[Columns.ocrMS] = timings.ocr
        container[Columns.restoreMS] = timings.restore
        container[Columns.segmentMS] = timings.segment
        container[Columns.vietdocVersion] = vietdocVersion
        container[Columns.modelVersion] = modelVersion
        container[Columns.type] = type
        container[Columns.number] = number
        container[Columns.issuer] = issuer
        container[Columns.place] = place
        container[Columns.date] = date
        container[Columns.title] = title
        container[Columns.text] = text
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

extension CatalogSection: FetchableRecord {
    /// The columns of `sections` (keyed by `document_id` and `ordinal`).
    enum Columns {
        static let documentID = Column("document_id")
        static let ordinal = Column("ordinal")
        static let number = Column("number")
        static let heading = Column("heading")
        static let category = Column("category")
        static let level = Column("level")
        static let page = Column("page")
        static let lineStart = Column("line_start")
        static let lineEnd = Column("line_end")
    }

    public init(row: Row) {
        self.init(
            ordinal: row[Columns.ordinal], number: row[Columns.number], heading: row[Columns.heading],
            category: row[Columns.category], level: row[Columns.level], page: row[Columns.page],
            lineStart: row[Columns.lineStart], lineEnd: row[Columns.lineEnd])
    }

    /// The row of this section in document `documentID`.
    func row(documentID: String) -> SectionRow { SectionRow(documentID: documentID, section: self) }
}

/// A section with its document's id, as stored (the persistable side of ``CatalogSection``).
struct SectionRow: PersistableRecord {
    static let databaseTableName = "sections"
    var documentID: String
    var section: CatalogSection

    func encode(to container: inout PersistenceContainer) {
        typealias C = CatalogSection.Columns
        container[C.documentID] = documentID
        container[C.ordinal] = section.ordinal
        container[C.number] = section.number
        container[C.heading] = section.heading
        container[C.category] = section.category
        container[C.level] = section.level
        container[C.page] = section.page
        container[C.lineStart] = section.lineStart
        container[C.lineEnd] = section.lineEnd
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

/// Which document a catalog row is and which conversion made it, without its text.
public struct CatalogIdentity: Equatable, Sendable {
    public var documentID: String
    public var path: String
    public var source: String
    public var stamp: CatalogStamp

    init(row: Row) {
        documentID = row["document_id"]
        path = row["path"]
        source = row["source"]
        stamp = CatalogStamp(
            sha256: row["sha256"], status: InputStatus(rawValue: row["status"]) ?? .failed,
            vietdocVersion: row["vietdoc_version"], modelVersion: row["model_version"])
    }
}
