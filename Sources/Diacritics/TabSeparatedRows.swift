import Foundation

/// The rows of a small tab-separated UTF-8 list of the model (`foreign-words.tsv`,
/// `capitalised.tsv`), read at byte level: loading must stay well under 100 ms, and splitting
/// Swift strings line by line cost tens of milliseconds for these files. Lines opening with "#"
/// are comments.
struct TabSeparatedRows {
    /// One row: its fields as byte ranges of the file.
    struct Row {
        let bytes: UnsafeRawBufferPointer
        let fields: [Range<Int>]

        func string(_ i: Int) -> String {
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[fields[i]]), as: UTF8.self)
        }

        /// The field as a whole number (digits only), or nil.
        func number(_ i: Int) -> Int? {
            let range = fields[i]
            guard !range.isEmpty, range.count <= 18 else { return nil }
            var n = 0
            for k in range {
                let b = bytes[k]
                guard b >= 0x30 && b <= 0x39 else { return nil }
                n = n * 10 + Int(b - 0x30)
            }
            return n
        }

        /// The 64-bit FNV-1a of the field's bytes, as `FNV1a.hash64` gives for the same text.
        func hash(_ i: Int) -> UInt64 { FNV1a.hash64(UnsafeRawBufferPointer(rebasing: bytes[fields[i]])) }

        /// The row as text, for an error message.
        var text: String {
            guard let first = fields.first, let last = fields.last else { return "" }
            return String(
                decoding: UnsafeRawBufferPointer(rebasing: bytes[first.lowerBound..<last.upperBound]), as: UTF8.self)
        }
    }

    /// Calls `body` with each row of `data` that is not a comment or empty.
    static func forEach(_ data: Data, _ body: (Row) throws -> Void) rethrows {
        try data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            var start = 0
            var fields: [Range<Int>] = []
            var fieldStart = 0
            for i in 0...bytes.count {
                let b: UInt8 = i < bytes.count ? bytes[i] : 0x0A
                if b == 0x09 {
                    fields.append(fieldStart..<i)
                    fieldStart = i + 1
                } else if b == 0x0A {
                    if i > start && bytes[start] != 0x23 {
                        fields.append(fieldStart..<i)
                        try body(Row(bytes: bytes, fields: fields))
                    }
                    fields.removeAll(keepingCapacity: true)
                    start = i + 1
                    fieldStart = i + 1
                }
            }
        }
    }
}
