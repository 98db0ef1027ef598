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
    /// Paths found in more than one source; the last source's row was kept.
    public var duplicatePaths: [String]
}

extension CatalogStore {
    /// Combines catalogs (for instance one per shard) into `directory/catalog.sqlite`.
    ///
    /// Each source is a catalog file or a folder holding one. The result holds exactly the
    /// sources' rows (an existing destination is replaced, so it can be listed as a source);
    /// when a path occurs in several sources the last one wins. The new catalog is built in a
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
    /// the same path; returns the paths that were replaced.
    func append(catalog source: URL) throws -> [String] {
        do {
            return try queue.writeWithoutTransaction { db in
                try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [source.path])
                defer { try? db.execute(sql: "DETACH DATABASE source") }
                var replaced: [String] = []
                try db.inTransaction {
                    replaced = try String.fetchAll(
                        db,
                        sql: """
                            SELECT path FROM main.documents
                            WHERE path IN (SELECT path FROM source.documents) ORDER BY path
                            """)
                    for path in replaced { try Self.delete(path: path, db) }
                    try db.execute(
                        sql: """
                            INSERT INTO main.documents (path, sha256, status, error, pages, total_ms, ingest_ms,
                                ocr_ms, restore_ms, segment_ms, vietdoc_version, model_version, type, number,
                                issuer, place, date, title, text)
                            SELECT path, sha256, status, error, pages, total_ms, ingest_ms, ocr_ms, restore_ms,
                                segment_ms, vietdoc_version, model_version, type, number, issuer, place, date,
                                title, text
                            FROM source.documents ORDER BY path;
                            INSERT INTO main.sections
                            SELECT path, ordinal, number, heading, category, level, page, line_start, line_end
                            FROM source.sections ORDER BY path, ordinal;
                            INSERT INTO main.document_index (rowid, title, header, body)
                            SELECT m.id, i.title, i.header, i.body
                            FROM source.document_index i
                            JOIN source.documents s ON s.id = i.rowid
                            JOIN main.documents m ON m.path = s.path
                            ORDER BY m.id;
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
}
