/// The accent-insensitive form the search index and its queries share.
///
/// SQLite's `unicode61 remove_diacritics 2` tokenizer removes tone and vowel marks but keeps
/// `đ` apart from `d`, so the catalog indexes (and queries with) text already folded here:
/// marks removed, `đ`/`Đ` → `d`, lower case. "Phòng, chống dịch" → "phong, chong dich".
public enum AccentFolding {
    /// The folded form of a text: no diacritics, `đ` → `d`, lower case.
    ///
    /// Equal to `VietnameseText.stripDiacritics(text).lowercased()` on Latin text, computed
    /// scalar by scalar with a table for the Latin letters (folding is most of the cost of
    /// indexing and of making snippets).
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { appendFolded(scalar, to: &out) }
        return String(out)
    }

    private static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        let v = scalar.value
        if v < 0x80 {
            out.append((0x41...0x5A).contains(v) ? Unicode.Scalar(v + 0x20)! : scalar)
        } else if isCombiningMark(v) {
            return  // a mark of decomposed input
        } else if let folded = latinTable[v] {
            // One scalar at a time: `append(contentsOf:)` on a scalar view copies the whole
            // string each time, which is quadratic on a long text.
            for s in folded { out.append(s) }
        } else {
            for s in String(scalar).lowercased().unicodeScalars { out.append(s) }
        }
    }

    private static func isCombiningMark(_ v: UInt32) -> Bool { (0x0300...0x036F).contains(v) }

    /// Folded forms of the precomposed Latin letters (Latin-1, Extended-A/B, Extended Additional,
    /// which hold every Vietnamese letter).
    private static let latinTable: [UInt32: [Unicode.Scalar]] = {
        var table: [UInt32: [Unicode.Scalar]] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for v in range {
                guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
                let folded = VietnameseText.stripDiacritics(String(scalar)).lowercased()
                table[UInt32(v)] = Array(folded.unicodeScalars)
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
                appendFolded(scalar, to: &folded)
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
