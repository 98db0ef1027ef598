import Foundation
import GRDB

/// What ``CatalogStore/merge(_:into:)`` did.
public struct CatalogMergeSummary: Equatable, Sendable {
    /// The catalog written.
    public var destination: URL
    /// Catalog files read, in order.
    public var sources: [URL]
    /// Documents in the merged catalog.
    public var documents: Int
    /// Document ids found in more than one source; the last source's row was kept.
    public var duplicatePaths: [String]
}

extension CatalogStore {
    /// Combines catalogs (for instance one per shard) into `directory/catalog.sqlite`.
    ///
    /// Each source is a catalog file or a folder holding one. The result holds exactly the
    /// sources' rows (an existing destination is replaced, so it can be listed as a source);
    /// when a document id occurs in several sources the last one wins. The new catalog is built in a
    /// temporary file beside the destination and renamed over it, so a reader sees the old
    /// catalog or the new one, never a mixture.
    @discardableResult
    public static func merge(_ sources: [URL], into directory: URL) throws -> CatalogMergeSummary {
        guard !sources.isEmpty else {
            throw VietdocError.invalidArgument("catalog merge: give at least one catalog or shard folder")
        }
        let files = sources.map(catalogFile(at:))
        for file in files {
            try CatalogStore(readOnly: file).close()  // checks each is a readable catalog
        }
        let destination = directory.appendingPathComponent(fileName)
        var duplicates: [String] = []
        let count = try AtomicFile.replace(destination) { temp in
            let store = try CatalogStore(file: temp)
            for file in files {
                duplicates += try store.append(catalog: file)
            }
            let count = try store.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documents") ?? 0 }
            try store.close()
            // A stale journal beside the destination would be replayed onto the new file.
            for suffix in ["-journal", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: destination.path + suffix)
            }
            return count
        }
        return CatalogMergeSummary(
            destination: destination, sources: files, documents: count,
            duplicatePaths: Array(Set(duplicates)).sorted())
    }

    /// Copies every row of another catalog into this one in one transaction, replacing rows with
    /// the same document id; returns the ids that were replaced. A catalog made by an earlier
    /// vietdoc is upgraded in a temporary copy first (the source is never written).
    func append(catalog source: URL) throws -> [String] {
        let upgraded = try Self.upgradedCopy(of: source)
        defer { if let upgraded { try? FileManager.default.removeItem(at: upgraded) } }
        let source = upgraded ?? source
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.path])
                defer { try? db.execute(sql: "DETACH DATABASE source") }
                var replaced: [String] = []
                try db.inTransaction {
                    replaced = try String.fetchAll(
                        db,
                        sql: """
                            SELECT document_id FROM main.documents
                            WHERE document_id IN (SELECT document_id FROM source.documents) ORDER BY document_id
                            """)
                    for id in replaced { try Self.delete(documentID: id, db) }
                    let columns = """
                        document_id, path, source, sha256, status, error, pages, failed_pages, total_ms,
                        ingest_ms, ocr_ms, restore_ms, segment_ms, vietdoc_version, model_version, type, number,
                        issuer, place, date, title, text
                        """
                    try db.execute(
                        sql: """
                            INSERT INTO main.documents (\(columns))
                            SELECT \(columns) FROM source.documents ORDER BY document_id;
                            INSERT INTO main.sections
                            SELECT document_id, ordinal, number, heading, category, level, page, line_start, line_end
                            FROM source.sections ORDER BY document_id, ordinal;
                            INSERT INTO main.document_index (rowid, title, header, body)
                            SELECT m.id, i.title, i.header, i.body
                            FROM source.document_index i
                            JOIN source.documents s ON s.id = i.rowid
                            JOIN main.documents m ON m.document_id = s.document_id
                            ORDER BY m.id;
                            INSERT OR IGNORE INTO main.roots SELECT path FROM source.roots;
                            """)
                    return .commit
                }
                return replaced
            }
        } catch let error as DatabaseError {
            throw VietdocError.outputNotWritable(
                path: file.path, detail: "merging \(source.path): \(Self.describe(error))")
        }
    }

    /// A temporary upgraded copy of a catalog older than the current schema, or nil when the
    /// catalog is current.
    private static func upgradedCopy(of source: URL) throws -> URL? {
        let queue = try DatabaseQueue(path: source.path, configuration: readOnlyConfiguration)
        let current = try queue.read { db in try db.columns(in: "documents").contains { $0.name == "document_id" } }
        try queue.close()
        guard !current else { return nil }
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent(
            "vietdoc-merge-\(getpid())-\(UUID().uuidString.prefix(8)).sqlite")
        try FileManager.default.copyItem(at: source, to: copy)
        try CatalogStore(file: copy).close()
        return copy
    }

    private static var readOnlyConfiguration: Configuration {
        var config = Configuration()
        config.readonly = true
        return config
    }
}
