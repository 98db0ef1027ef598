import Foundation
import Records

/// Writes one document's outputs under the output folder, each atomically and never through a
/// symbolic link. A document's files are first all written to temporary files, then renamed
/// into place together once its catalog row is committed, so a failed write (a full disk)
/// leaves the document's old outputs as they were, never a mixture.
public struct OutputWriter: Sendable {
    public let root: URL
    /// Formats asked for; the JSON record is always written (it is the resume marker and the
    /// source of the JSON Lines and CSV tables).
    public let formats: Set<RecordFormat>
    /// Files no output may replace (the batch's inputs), by device and inode.
    let protectedFiles: Set<FileIdentity>

    public init(root: URL, formats: Set<RecordFormat>) {
        self.init(root: root, formats: formats, protecting: [])
    }

    init(root: URL, formats: Set<RecordFormat>, protecting inputs: [BatchInput]) {
        self.root = root
        self.formats = formats.union([.json])
        protectedFiles = Set(inputs.compactMap { FileIdentity(path: $0.url.path) })
    }

    /// Where a document's output of the given extension goes.
    public func url(stem: String, extension ext: String) -> URL {
        root.appendingPathComponent("\(stem).\(ext)")
    }

    /// The per-document extensions written.
    var extensions: [String] {
        Array(Set(RecordFormat.perDocument.filter(formats.contains).map(\.fileExtension) + ["json"])).sorted()
    }

    /// Writes the per-document formats (txt, md, the archival ones, json) and puts them in place together.
    public func write(_ document: ConvertedDocument, stem: String) throws {
        try commit(try stage(document, stem: stem))
    }

    /// Writes a document's files to temporary files beside their destinations, the JSON record
    /// last; nothing is in place until ``commit(_:)``.
    public func stage(_ document: ConvertedDocument, stem: String) throws -> [AtomicFile.Staged] {
        // (NSString's path methods trap on some one-component paths on Linux: split by hand.)
        let slash = stem.lastIndex(of: "/")
        let directory = slash.map { String(stem[...$0]) } ?? ""
        let folder = try AtomicFile.Folder.open(root: root, relative: directory)
        let name = slash.map { String(stem[stem.index(after: $0)...]) } ?? stem
        for ext in extensions {
            if let identity = FileIdentity(path: url(stem: stem, extension: ext).path),
                protectedFiles.contains(identity)
            {
                throw VietdocError.outputNotWritable(
                    path: url(stem: stem, extension: ext).path,
                    detail: "it is one of the inputs; inputs are never written")
            }
        }
        var staged: [AtomicFile.Staged] = []
        func add(_ ext: String, _ data: @autoclosure () throws -> Data) throws {
            let bytes = try data()
            staged.append(try AtomicFile.Staged(in: folder, name: "\(name).\(ext)") { try $0.write(contentsOf: bytes) })
        }
        if formats.contains(.txt) { try add("txt", Data(RecordEncoding.plainText(pages: document.pages).utf8)) }
        if formats.contains(.md) { try add("md", Data(RecordEncoding.markdown(document.record).utf8)) }
        for file in try archivalFiles(document, stem: stem) {
            let slash = file.name.lastIndex(of: "/")
            let sub = slash.map { String(file.name[..<$0]) }
            let target = try sub.map { try AtomicFile.Folder.open(root: root, relative: directory + $0) } ?? folder
            let base = slash.map { String(file.name[file.name.index(after: $0)...]) } ?? file.name
            staged.append(try AtomicFile.Staged(in: target, name: base) { try $0.write(contentsOf: file.data) })
        }
        try add("json", try RecordEncoding.json(document.record))
        return staged
    }

    /// Renames staged files into place, the JSON record last (a record on disk means the
    /// document's other outputs are complete).
    public func commit(_ staged: [AtomicFile.Staged]) throws {
        for file in staged { try file.commit() }
    }

    /// True when `stem` may become a new document's outputs: no file is there, or the record
    /// there was made from this content (the catalog was lost, the outputs were not).
    func isFree(stem: String, sha256: String) -> Bool {
        let taken = extensions.contains { ext in
            var info = stat()
            return lstat(url(stem: stem, extension: ext).path, &info) == 0
        }
        guard taken else { return true }
        guard !sha256.isEmpty, let data = FileManager.default.contents(atPath: url(stem: stem, extension: "json").path),
            let record = try? RecordEncoding.decode(data)
        else { return false }
        return record.source.sha256 == sha256
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
    /// disk of `documentIDs` (every converted document the catalog holds, whichever run
    /// converted it), in that order, streaming one record at a time so that memory stays flat
    /// however large the output folder. Each table is replaced whole or not at all. A table
    /// an earlier run wrote is kept up to date even when this run did not ask for it.
    public func writeAggregates(documentIDs: [String]) throws {
        let folder = try AtomicFile.Folder.open(root: root, relative: "")
        if formats.contains(.html) { try writeReviewIndex(documentIDs: documentIDs) }
        func wanted(_ format: RecordFormat, _ file: String) -> Bool {
            var info = stat()
            return formats.contains(format) || fstatat(folder.descriptor, file, &info, AT_SYMLINK_NOFOLLOW) == 0
        }
        var staged: [AtomicFile.Staged] = []
        if wanted(.jsonl, "records.jsonl") {
            staged.append(
                try AtomicFile.Staged(in: folder, name: "records.jsonl") { handle in
                    try forEachRecord(documentIDs) { _, record in
                        try handle.write(contentsOf: try RecordEncoding.jsonLine(record))
                    }
                })
        }
        if wanted(.csv, "documents.csv") {
            for (index, table) in RecordEncoding.csvTables([] as [DocumentRecord]).enumerated() {
                staged.append(
                    try AtomicFile.Staged(in: folder, name: table.fileName) { handle in
                        try handle.write(contentsOf: Data(table.contents.utf8))
                        try forEachRecord(documentIDs) { id, record in
                            let rows = RecordEncoding.csvTables([(id, record)], includeHeader: false)[index].contents
                            try handle.write(contentsOf: Data(rows.utf8))
                        }
                    })
            }
        }
        try commit(staged)
    }

    /// Calls `body` with the record on disk of each of `documentIDs` that has one, decoding one
    /// at a time.
    private func forEachRecord(_ documentIDs: [String], _ body: (String, DocumentRecord) throws -> Void) throws {
        for id in documentIDs {
            guard let data = FileManager.default.contents(atPath: url(stem: id, extension: "json").path) else {
                continue
            }
            try body(id, try RecordEncoding.decode(data))
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
