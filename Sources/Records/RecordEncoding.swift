import Foundation
import VietdocCore

/// Encoders for document records. Pure functions: the same record always gives the same
/// bytes (sorted keys, fixed formatting), so reruns are byte-identical.
public enum RecordEncoding {
    private static func encoder(pretty: Bool) -> JSONEncoder {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }

    /// The record as pretty JSON (snake_case keys, sorted), ending with a newline.
    public static func json(_ record: DocumentRecord) throws -> Data {
        var data = try encodedPageByPage(record, pretty: true) ?? encoder(pretty: true).encode(record)
        data.append(0x0A)
        return data
    }

    /// The record as one compact JSON line, ending with a newline (for `.jsonl` files).
    public static func jsonLine(_ record: DocumentRecord) throws -> Data {
        var data = try encodedPageByPage(record, pretty: false) ?? encoder(pretty: false).encode(record)
        data.append(0x0A)
        return data
    }

    /// The bytes of encoding `record` at once, made by encoding the record without its pages
    /// and then each page on its own: Foundation's encoder builds a tree of the whole value
    /// first (some six times the JSON's size), so a 300-page record would need hundreds of
    /// megabytes; this way it needs one page's. Nil for a record of one page, or where the
    /// page list cannot be told apart in the encoded shell.
    static func encodedPageByPage(_ record: DocumentRecord, pretty: Bool) throws -> Data? {
        let encoder = encoder(pretty: pretty)
        guard record.pages.count > 1 else { return nil }
        var shell = record
        shell.pages = []
        let outer = try encoder.encode(shell)
        // The top-level key (two spaces in) when pretty; compact JSON has one `"pages":[]` only
        // when no other key of that name holds an empty list.
        let empty = Data((pretty ? "\n  \"pages\" : [\n\n  ]" : "\"pages\":[]").utf8)
        guard let range = outer.firstRange(of: empty), outer[range.upperBound...].firstRange(of: empty) == nil else {
            return nil
        }
        var out = Data(outer[..<range.lowerBound])
        out.append(contentsOf: Array((pretty ? "\n  \"pages\" : [\n" : "\"pages\":[").utf8))
        for (i, page) in record.pages.enumerated() {
            if i > 0 { out.append(contentsOf: Array((pretty ? ",\n" : ",").utf8)) }
            let bytes = try encoder.encode(page)
            guard pretty else {
                out.append(bytes)
                continue
            }
            // Two levels deeper (the record, its page list): four spaces before every line but
            // the empty ones Foundation writes inside empty lists.
            for (n, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                if n > 0 { out.append(0x0A) }
                if !line.isEmpty { out.append(contentsOf: [0x20, 0x20, 0x20, 0x20]) }
                out.append(contentsOf: line)
            }
        }
        out.append(contentsOf: Array((pretty ? "\n  ]" : "]").utf8))
        out.append(outer[range.upperBound...])
        return out
    }

    /// A record read back from JSON (either form).
    public static func decode(_ data: Data) throws -> DocumentRecord {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return try d.decode(DocumentRecord.self, from: data)
    }

    /// Every record of a JSON Lines file.
    public static func decodeLines(_ data: Data) throws -> [DocumentRecord] {
        try data.split(separator: 0x0A).filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x0D } }.map {
            try decode(Data($0))
        }
    }

    /// The text of the pages: each page's lines joined by newlines, pages joined by form feeds,
    /// ending with a newline.
    public static func plainText(pages: [PageText]) -> String {
        pages.map(\.text).joined(separator: "\u{0C}") + "\n"
    }

    /// The identifier of a record outside a batch: its source path without the extension. (In
    /// a batch the id is the document's output path, which the catalog keeps; byte-identical
    /// copies are distinct documents with distinct ids.)
    public static func documentID(_ record: DocumentRecord) -> String {
        let path = record.source.path as NSString
        return path.pathExtension.isEmpty ? record.source.path : path.deletingPathExtension
    }
}
