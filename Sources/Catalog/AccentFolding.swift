/// The accent-insensitive form the search index and its queries share.
///
/// SQLite's `unicode61 remove_diacritics 2` tokenizer removes tone and vowel marks but keeps
/// `đ` apart from `d`, so the catalog indexes (and queries with) text already folded here:
/// marks removed, `đ`/`Đ` → `d`, lower case. "Phòng, chống dịch" → "phong, chong dich".
public enum AccentFolding {
    /// The folded form of a text: no diacritics, `đ` → `d`, lower case.
    public static func fold(_ text: String) -> String {
        VietnameseText.stripDiacritics(text).lowercased()
    }

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
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let isWord = text[index].unicodeScalars.first.map(VietnameseText.isWordScalar) ?? false
            if isWord {
                if start == nil { start = index }
            } else if let s = start {
                result.append(Token(range: s..<index, folded: fold(String(text[s..<index]))))
                start = nil
            }
            index = text.index(after: index)
        }
        if let s = start {
            result.append(Token(range: s..<text.endIndex, folded: fold(String(text[s...]))))
        }
        return result
    }
}
