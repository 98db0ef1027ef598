/// The accent-insensitive form every stage compares on: marks removed, `đ`/`Đ` → `d`, lower
/// case. "Phòng, chống dịch" → "phong, chong dich".
///
/// The one folding of the project: the catalog indexes and queries with it (SQLite's
/// `unicode61 remove_diacritics 2` would keep `đ` apart from `d`), segmentation matches
/// headings and keywords on it, restoration looks syllables up by it.
public enum AccentFolding {
    /// The folded form of a text: `VietnameseText.stripDiacritics(text).lowercased()`, computed
    /// scalar by scalar with a table for the Latin letters (folding is most of the cost of
    /// indexing and of making snippets).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { append(scalar, to: &out) }
        return String(out)
    }

    /// Appends the folded form of one scalar (nothing for a combining mark).
    @inline(__always)
    public static func append(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            out.append((0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20)! : scalar)
        } else if v < UInt32(single.count), let folded = single[Int(v)] {
            out.append(folded)
        } else if isCombiningMark(v) {
            return  // a mark of decomposed input
        } else {
            // One scalar at a time: `append(contentsOf:)` on a scalar view copies the whole
            // string each time, which is quadratic on a long text.
            for s in VietnameseText.stripDiacritics(String(scalar)).lowercased().unicodeScalars { out.append(s) }
        }
    }

    /// The folded form of one scalar when it is a single scalar (every Vietnamese letter).
    @inline(__always)
    public static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        if v < 0x80 { return (0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20)! : scalar }
        return v < UInt32(single.count) ? single[Int(v)] : nil
    }

    private static func isCombiningMark(_ v: UInt32) -> Bool { (0x0300...0x036F).contains(v) }

    /// Folded forms of the precomposed Latin letters that fold to one scalar (Latin-1,
    /// Extended-A/B, Extended Additional, which hold every Vietnamese letter), by scalar value.
    private static let single: [Unicode.Scalar?] = {
        var table = [Unicode.Scalar?](repeating: nil, count: 0x1F00)
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for v in range {
                guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
                let folded = Array(VietnameseText.stripDiacritics(String(scalar)).lowercased().unicodeScalars)
                if folded.count == 1 { table[v] = folded[0] }
            }
        }
        return table
    }()

    /// A run of letters and digits in a text: the unit the index and the snippets match on.
    public struct Token: Equatable, Sendable {
        /// Where the token sits in the original text.
        public var range: Range<String.Index>
        /// Its folded form.
        public var folded: String
    }

    /// The tokens of a text (maximal runs of letters, digits and their combining marks), in order.
    public static func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        let scalars = text.unicodeScalars
        var start: String.Index?
        var folded = String.UnicodeScalarView()
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if VietnameseText.isWordScalar(scalar) || (start != nil && isCombiningMark(scalar.value)) {
                if start == nil { start = index }
                append(scalar, to: &folded)
            } else if let s = start {
                result.append(Token(range: s..<index, folded: String(folded)))
                folded = String.UnicodeScalarView()
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let s = start {
            result.append(Token(range: s..<scalars.endIndex, folded: String(folded)))
        }
        return result
    }
}
