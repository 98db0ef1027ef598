import Foundation
import Records
import Segmentation
import VietdocCore

/// The records `vietdoc convert` wrote into a folder, for the evaluation commands.
public enum RecordFolder {
    /// Records in a folder (recursively) with their source file names, in path order: the
    /// per-document `.json` records, or the batch's `.jsonl` only when there are none (it holds the
    /// same records). Files that are not records are reported on `warn` and skipped.
    public static func load(_ dir: URL, warn: (String) -> Void = { _ in }) throws -> [(String, DocumentRecord)] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil) else {
            throw VietdocError.fileNotFound(path: dir.path)
        }
        var out: [(String, DocumentRecord)] = []
        let urls = e.compactMap { $0 as? URL }.sorted { $0.path < $1.path }
        let hasJSON = urls.contains { $0.pathExtension == "json" }
        for url in urls {
            let ext = url.pathExtension
            guard ext == "json" || (ext == "jsonl" && !hasJSON),
                let data = FileManager.default.contents(atPath: url.path)
            else {
                continue
            }
            let records: [DocumentRecord]
            do {
                records = ext == "json" ? [try RecordEncoding.decode(data)] : try RecordEncoding.decodeLines(data)
            } catch {
                warn("\(url.path): not a vietdoc record, skipped")
                continue
            }
            for r in records { out.append((URL(fileURLWithPath: r.source.path).lastPathComponent, r)) }
        }
        return out
    }
}
