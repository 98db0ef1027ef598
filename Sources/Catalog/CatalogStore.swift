import Foundation
import GRDB

/// The SQLite catalog of a batch (`DIR/catalog.sqlite`): one row per input, one per plan
/// section, and a full-text index over the restored text that matches with or without
/// diacritics.
///
/// The file uses SQLite's default rollback journal, so a closed catalog is one self-contained
/// file that can be copied between machines and merged. Each `record` is one transaction:
/// a crash leaves the catalog as it was after the last finished document. Safe to call from
/// several threads (writes are serialised).
public final class CatalogStore: Sendable {
    /// The catalog's file name inside an output folder.
    public static let fileName = "catalog.sqlite"

    /// The catalog file.
    public let file: URL
    let queue: DatabaseQueue

    /// Opens (creating or upgrading as needed) `directory/catalog.sqlite` for writing.
    public convenience init(directory: URL) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: directory.path, detail: error.localizedDescription)
        }
        try self.init(file: directory.appendingPathComponent(Self.fileName))
    }

    /// Opens (creating or upgrading as needed) a catalog file for writing.
    public init(file: URL) throws {
        self.file = file
        do {
            var config = Configuration()
            config.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: file.path, configuration: config)
            try CatalogSchema.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw VietdocError.outputNotWritable(path: file.path, detail: Self.describe(error))
        }
    }

    /// Opens an existing catalog for reading only (`search`, `merge`), checking that it is one.
    public init(readOnly file: URL) throws {
        self.file = file
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw VietdocError.fileNotFound(path: file.path)
        }
        Self.recoverInterruptedWrite(file)
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(30)
            queue = try DatabaseQueue(path: file.path, configuration: config)
            let missing = try queue.read { db in
                try CatalogSchema.requiredTables.filter { try !db.tableExists($0) }
            }
            if !missing.isEmpty {
                throw VietdocError.invalidArgument(
                    "\(file.path): not a vietdoc catalog (no \(missing.joined(separator: ", ")) table)")
            }
        } catch let error as DatabaseError {
            throw VietdocError.catalogUnreadable(path: file.path, detail: Self.describe(error), underlying: error)
        }
    }

    /// After a writer was killed mid-transaction, its rollback journal is "hot" and only a
    /// writable connection may roll it back; a read-only one would fail. Roll it back first
    /// when the file can be written (otherwise the read-only open reports the problem).
    private static func recoverInterruptedWrite(_ file: URL) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: file.path + "-journal"), fm.isWritableFile(atPath: file.path) else { return }
        var config = Configuration()
        config.busyMode = .timeout(30)
        if let queue = try? DatabaseQueue(path: file.path, configuration: config) {
            // Any read takes the shared lock, and SQLite rolls a hot journal back on the way.
            _ = try? queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            try? queue.close()
        }
    }

    /// The catalog file for a path given on the command line: a folder holding
    /// `catalog.sqlite`, or the file itself.
    public static func catalogFile(at url: URL) -> URL {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            return url.appendingPathComponent(fileName)
        }
        return url
    }

    /// Closes the database; the store must not be used afterwards.
    public func close() throws {
        try queue.close()
    }

    // MARK: - Writing

    /// Records one document and its sections in one transaction, replacing any earlier rows
    /// for the same path.
    public func record(_ document: CatalogDocument, sections: [CatalogSection]) throws {
        try write { db in try Self.insert(document, sections: sections, db) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch let error as DatabaseError {
            throw VietdocError.outputNotWritable(path: file.path, detail: Self.describe(error))
        }
    }

    static func delete(path: String, _ db: Database) throws {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM documents WHERE path = ?", arguments: [path])
        else { return }
        try db.execute(sql: "DELETE FROM document_index WHERE rowid = ?", arguments: [id])
        // Sections go with the row (ON DELETE CASCADE).
        try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
    }

    static func insert(_ d: CatalogDocument, sections: [CatalogSection], _ db: Database) throws {
        try delete(path: d.path, db)
        try db.execute(
            sql: """
                INSERT INTO documents (path, sha256, status, error, pages, total_ms, ingest_ms, ocr_ms,
                    restore_ms, segment_ms, vietdoc_version, model_version, type, number, issuer, place,
                    date, title, text)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                d.path, d.sha256, d.status.rawValue, d.error, d.pages, d.timings.total, d.timings.ingest,
                d.timings.ocr, d.timings.restore, d.timings.segment, d.vietdocVersion, d.modelVersion,
                d.type, d.number, d.issuer, d.place, d.date, d.title, d.text,
            ])
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO document_index (rowid, title, header, body) VALUES (?, ?, ?, ?)",
            arguments: [
                id, AccentFolding.fold(d.title ?? ""), AccentFolding.fold(headerText(d)), AccentFolding.fold(d.text),
            ])
        let statement = try db.makeStatement(
            sql: """
                INSERT INTO sections (path, ordinal, number, heading, category, level, page, line_start, line_end)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for s in sections {
            try statement.execute(arguments: [
                d.path, s.ordinal, s.number, s.heading, s.category, s.level, s.page, s.lineStart, s.lineEnd,
            ])
        }
    }

    /// The header fields as one line, indexed so that a number or an issuer can be searched.
    static func headerText(_ d: CatalogDocument) -> String {
        [d.type, d.number, d.issuer, d.place, d.date].compactMap { $0 }.joined(separator: " \n ")
    }

    // MARK: - Reading

    /// Every document, ordered by path.
    public func documents() throws -> [CatalogDocument] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM documents ORDER BY path").map(Self.document(from:))
        }
    }

    /// The document recorded for a path, if any.
    public func document(path: String) throws -> CatalogDocument? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM documents WHERE path = ?", arguments: [path])
                .map(Self.document(from:))
        }
    }

    /// What the catalog knows of a path's last conversion without loading its text, for
    /// deciding whether a row is current; nil when the path is not catalogued.
    public func stamp(path: String) throws -> CatalogStamp? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT sha256, status, vietdoc_version, model_version FROM documents WHERE path = ?",
                arguments: [path]
            ).map { row in
                CatalogStamp(
                    sha256: row["sha256"], status: InputStatus(rawValue: row["status"]) ?? .failed,
                    vietdocVersion: row["vietdoc_version"], modelVersion: row["model_version"])
            }
        }
    }

    /// A document's sections in order.
    public func sections(path: String) throws -> [CatalogSection] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM sections WHERE path = ? ORDER BY ordinal", arguments: [path]
            ).map { row in
                CatalogSection(
                    ordinal: row["ordinal"], number: row["number"], heading: row["heading"],
                    category: row["category"], level: row["level"], page: row["page"],
                    lineStart: row["line_start"], lineEnd: row["line_end"])
            }
        }
    }

    /// Number of documents per status.
    public func counts() throws -> [InputStatus: Int] {
        try read { db in
            var result: [InputStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM documents GROUP BY status") {
                if let status = InputStatus(rawValue: row["status"]) { result[status] = row["n"] }
            }
            return result
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw VietdocError.catalogUnreadable(path: file.path, detail: Self.describe(error), underlying: error)
        }
    }

    static func document(from row: Row) throws -> CatalogDocument {
        let statusText: String = row["status"]
        guard let status = InputStatus(rawValue: statusText) else {
            let path: String = row["path"]
            throw VietdocError.catalogUnreadable(path: path, detail: "catalog row with an unknown status \(statusText)")
        }
        return CatalogDocument(
            path: row["path"], sha256: row["sha256"], status: status, error: row["error"], pages: row["pages"],
            timings: StageTimings(
                total: row["total_ms"], ingest: row["ingest_ms"], ocr: row["ocr_ms"], restore: row["restore_ms"],
                segment: row["segment_ms"]),
            vietdocVersion: row["vietdoc_version"], modelVersion: row["model_version"], type: row["type"],
            number: row["number"], issuer: row["issuer"], place: row["place"], date: row["date"],
            title: row["title"], text: row["text"])
    }

    static func describe(_ error: DatabaseError) -> String {
        error.message ?? error.description
    }
}
