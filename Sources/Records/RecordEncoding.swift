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
        var data = try encoder(pretty: true).encode(record)
        data.append(0x0A)
        return data
    }

    /// The record as one compact JSON line, ending with a newline (for `.jsonl` files).
    public static func jsonLine(_ record: DocumentRecord) throws -> Data {
        var data = try encoder(pretty: false).encode(record)
        data.append(0x0A)
        return data
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
