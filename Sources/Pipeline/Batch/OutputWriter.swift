import Foundation
import Records

/// Writes one document's outputs under the output folder, each atomically, the JSON record
/// last: a record on disk means the document's other outputs are complete.
public struct OutputWriter: Sendable {
    public let root: URL
    /// Formats asked for; the JSON record is always written (it is the resume marker and the
    /// source of the JSON Lines and CSV tables).
    public let formats: Set<RecordFormat>

    public init(root: URL, formats: Set<RecordFormat>) {
        self.root = root
        self.formats = formats.union([.json])
    }

    /// Where a document's output of the given extension goes.
    public func url(stem: String, extension ext: String) -> URL {
        root.appendingPathComponent("\(stem).\(ext)")
    }

    /// Writes the per-document formats (txt, md, the archival ones, json).
    public func write(_ document: ConvertedDocument, stem: String) throws {
        if formats.contains(.txt) {
            try AtomicFile.write(RecordEncoding.plainText(pages: document.pages), to: url(stem: stem, extension: "txt"))
        }
        if formats.contains(.md) {
            try AtomicFile.write(RecordEncoding.markdown(document.record), to: url(stem: stem, extension: "md"))
        }
        try writeArchival(document, stem: stem)
        try AtomicFile.write(try RecordEncoding.json(document.record), to: url(stem: stem, extension: "json"))
    }

    /// The record already on disk for `stem` when it was made from the same content, by the
    /// same vietdoc version and model, and every per-document format asked for exists.
    public func currentRecord(stem: String, sha256: String, modelVersion: String?) -> DocumentRecord? {
        let fm = FileManager.default
        guard let data = fm.contents(atPath: url(stem: stem, extension: "json").path),
            let record = try? RecordEncoding.decode(data),
            record.source.sha256 == sha256,
            record.vietdocVersion == VietdocVersion.current,
            record.restoration?.modelVersion == modelVersion
        else { return nil }
        for format in RecordFormat.perDocument
        where formats.contains(format) && format.isWritten(for: record.source.kind) {
            guard fm.fileExists(atPath: url(stem: stem, extension: format.fileExtension).path) else { return nil }
        }
        return record
    }

    /// Rewrites the batch-wide tables (records.jsonl and the CSV tables) from the records on
    /// disk of `stems`, in that order, streaming one record at a time so that memory stays flat
    /// however large the batch.
    public func writeAggregates(stems: [String]) throws {
        if formats.contains(.html) { try writeReviewIndex(stems: stems) }
        if formats.contains(.jsonl) {
            try AtomicFile.write(to: root.appendingPathComponent("records.jsonl")) { handle in
                try forEachRecord(stems) { try handle.write(contentsOf: try RecordEncoding.jsonLine($0)) }
            }
        }
        guard formats.contains(.csv) else { return }
        for (index, table) in RecordEncoding.csvTables([]).enumerated() {
            try AtomicFile.write(to: root.appendingPathComponent(table.fileName)) { handle in
                try handle.write(contentsOf: Data(table.contents.utf8))
                try forEachRecord(stems) { record in
                    let rows = RecordEncoding.csvTables([record], includeHeader: false)[index].contents
                    try handle.write(contentsOf: Data(rows.utf8))
                }
            }
        }
    }

    /// Calls `body` with the record on disk of each of `stems` that has one, decoding one at a time.
    private func forEachRecord(_ stems: [String], _ body: (DocumentRecord) throws -> Void) throws {
        for stem in stems {
            guard let data = FileManager.default.contents(atPath: url(stem: stem, extension: "json").path) else {
                continue
            }
            try body(try RecordEncoding.decode(data))
        }
    }

    /// Removes temporary files a killed run left behind (AtomicFile's `.<name>.<pid>.<id>.tmp`
    /// whose process is gone), so that nothing half-written stays in the output folder.
    public func removeStaleTemporaries() {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return }
        for case let url as URL in walker {
            let parts = url.lastPathComponent.split(separator: ".", omittingEmptySubsequences: false)
            guard url.lastPathComponent.hasPrefix("."), parts.last == "tmp", parts.count >= 5,
                let pid = Int32(parts[parts.count - 3])
            else { continue }
            if pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(at: url)
            }
        }
    }
}
