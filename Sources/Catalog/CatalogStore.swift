import Foundation
import GRDB

/// The SQLite catalog of a batch (`DIR/catalog.sqlite`): one row per document, one per plan
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
        for suffix in ["", "-journal", "-wal", "-shm"] {
            var info = stat()
            if lstat(file.path + suffix, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw VietdocError.outputNotWritable(
                    path: file.path + suffix, detail: "it is a symbolic link; vietdoc never writes through links")
            }
        }
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
    /// of the same document id.
    public func record(_ document: CatalogDocument, sections: [CatalogSection]) throws {
        try write { db in try Self.insert(document, sections: sections, db) }
    }

    /// Removes a document and its sections; does nothing when the id is not catalogued.
    public func remove(documentID: String) throws {
        try write { db in try Self.delete(documentID: documentID, db) }
    }

    /// Notes that a current document was found at `source` (its input root moved or was
    /// named another way), keeping everything else.
    public func updateSource(documentID: String, path: String, source: String) throws {
        try write { db in
            try CatalogDocument.filter(CatalogDocument.Columns.documentID == documentID)
                .updateAll(
                    db, CatalogDocument.Columns.source.set(to: source), CatalogDocument.Columns.path.set(to: path))
        }
    }

    /// Remembers an input folder converted into this output folder.
    public func addRoot(_ path: String) throws {
        try write { db in try db.execute(sql: "INSERT OR IGNORE INTO roots (path) VALUES (?)", arguments: [path]) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.write(body)
        } catch let error as DatabaseError {
            throw VietdocError.outputNotWritable(path: file.path, detail: Self.describe(error))
        }
    }

    static func delete(documentID: String, _ db: Database) throws {
        guard
            let id = try Int64.fetchOne(
                db, sql: "SELECT id FROM documents WHERE document_id = ?", arguments: [documentID])
        else { return }
        try db.execute(sql: "DELETE FROM document_index WHERE rowid = ?", arguments: [id])
        // Sections go with the row (ON DELETE CASCADE).
        try db.execute(sql: "DELETE FROM documents WHERE id = ?", arguments: [id])
    }

    static func insert(_ d: CatalogDocument, sections: [CatalogSection], _ db: Database) throws {
        try delete(documentID: d.documentID, db)
        try d.insert(db)
        let id = db.lastInsertedRowID
        try db.execute(
            sql: "INSERT INTO document_index (rowid, title, header, body) VALUES (?, ?, ?, ?)",
            arguments: [
                id, AccentFolding.fold(d.title ?? ""), AccentFolding.fold(headerText(d)), AccentFolding.fold(d.text),
            ])
        for s in sections { try s.row(documentID: d.documentID).insert(db) }
    }

    /// The header fields as one line, indexed so that a number or an issuer can be searched.
    static func headerText(_ d: CatalogDocument) -> String {
        [d.type, d.number, d.issuer, d.place, d.date].compactMap { $0 }.joined(separator: " \n ")
    }

    // MARK: - Reading

    /// Every document, ordered by document id.
    public func documents() throws -> [CatalogDocument] {
        try read { db in try CatalogDocument.order(CatalogDocument.Columns.documentID).fetchAll(db) }
    }

    /// The document with this id, if any.
    public func document(id documentID: String) throws -> CatalogDocument? {
        try read { db in
            try CatalogDocument.filter(CatalogDocument.Columns.documentID == documentID).fetchOne(db)
        }
    }

    /// What the catalog knows of the documents last read at `source` or found at the relative
    /// `path`, without their text: the candidates when deciding which document an input is.
    public func identities(source: String, path: String) throws -> [CatalogIdentity] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT document_id, path, source, sha256, status, vietdoc_version, model_version
                    FROM documents WHERE source = ? OR path = ? ORDER BY document_id
                    """, arguments: [source, path]
            ).map(CatalogIdentity.init(row:))
        }
    }

    /// True when a document has this id (the output stem belongs to it).
    public func hasDocument(id documentID: String) throws -> Bool {
        try read { db in try CatalogDocument.filter(CatalogDocument.Columns.documentID == documentID).fetchCount(db) > 0
        }
    }

    /// Ids of the converted documents, in order: the rows of the batch-wide tables.
    public func convertedDocumentIDs() throws -> [String] {
        try read { db in
            try String.fetchAll(
                db, sql: "SELECT document_id FROM documents WHERE status = 'converted' ORDER BY document_id")
        }
    }

    /// The input folders converted into this output folder.
    public func roots() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT path FROM roots ORDER BY path") }
    }

    /// What the catalog knows of a document's last conversion without loading its text, for
    /// deciding whether a row is current; nil when the id is not catalogued.
    public func stamp(documentID: String) throws -> CatalogStamp? {
        try read { db in
            try Row.fetchOne(
                db, sql: "SELECT sha256, status, vietdoc_version, model_version FROM documents WHERE document_id = ?",
                arguments: [documentID]
            ).map { row in
                CatalogStamp(
                    sha256: row["sha256"], status: InputStatus(rawValue: row["status"]) ?? .failed,
                    vietdocVersion: row["vietdoc_version"], modelVersion: row["model_version"])
            }
        }
    }

    /// A document's sections in order.
    public func sections(documentID: String) throws -> [CatalogSection] {
        try read { db in
            try CatalogSection.fetchAll(
                db, sql: "SELECT * FROM sections WHERE document_id = ? ORDER BY ordinal", arguments: [documentID])
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

    static func describe(_ error: DatabaseError) -> String {
        error.message ?? error.description
    }
}
