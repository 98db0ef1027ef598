import Catalog
import Foundation
import Records

/// Decides which document an input is, and so its id and output path, from what the catalog
/// remembers (see docs/BATCH.md, "Which document is this?"):
///
/// 1. the document last read at the same real path;
/// 2. else the document with the same path relative to its input root and the same content
///    (the archive was moved, remounted or named another way: it is current);
/// 3. else the document with the same relative path whose file is gone (moved, then edited:
///    it is converted again into the same outputs);
/// 4. else a new document, whose id is the input's output stem unless that stem belongs to
///    another document or to a file vietdoc did not write, in which case it keeps its
///    extension or gains a counter. No output of one document, and no file of anyone else,
///    is ever overwritten.
///
/// One document is claimed by at most one input per run. Safe to call from several threads.
final class DocumentRegistry: @unchecked Sendable {
    private let catalog: CatalogStore
    private let writer: OutputWriter
    private let lock = NSLock()
    private var claimed = Set<String>()
    /// Stems the inputs of this run ask for: a fallback name never takes one of them.
    private let wanted: Set<String>

    init(catalog: CatalogStore, writer: OutputWriter, wanted: Set<String>) {
        self.catalog = catalog
        self.writer = writer
        self.wanted = wanted
    }

    /// The document `input` is (its content hash `sha256`, empty when unreadable), claimed for
    /// this run, and the catalog's identity of it when it was known.
    func claim(_ input: BatchInput, sha256: String, preferred: String? = nil) throws -> (
        id: String, known: CatalogIdentity?
    ) {
        lock.lock()
        defer { lock.unlock() }
        let candidates = try catalog.identities(source: input.source, path: input.relativePath)
            .filter { !claimed.contains($0.documentID) }
        let known =
            candidates.first { $0.source == input.source }
            ?? candidates.first { $0.path == input.relativePath && !sha256.isEmpty && $0.stamp.sha256 == sha256 }
            ?? candidates.first { $0.path == input.relativePath && !Self.exists($0.source) }
        if let known {
            claimed.insert(known.documentID)
            return (known.documentID, known)
        }
        let stem = preferred ?? input.outputStem
        let ext = input.url.pathExtension
        var candidate = stem
        var counter = 2
        func free(_ id: String) throws -> Bool {
            guard !claimed.contains(id), try !catalog.hasDocument(id: id) else { return false }
            if id != input.outputStem && wanted.contains(id) { return false }
            return writer.isFree(stem: id, sha256: sha256)
        }
        if try !free(candidate), !ext.isEmpty, !stem.hasSuffix("." + ext) { candidate = "\(stem).\(ext)" }
        while try !free(candidate) {
            candidate = "\(stem)-\(counter)"
            counter += 1
        }
        claimed.insert(candidate)
        return (candidate, nil)
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
