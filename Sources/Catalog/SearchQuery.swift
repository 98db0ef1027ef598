/// A user's search words turned into an FTS5 query over the folded index.
///
/// Words are matched with or without diacritics and in any case; all of them must occur
/// (AND). `"…"` groups words into a phrase, and a trailing `*` matches a prefix (`phong*`).
/// A word with punctuation inside, such as `259/KH-UBND`, is matched as a phrase of its parts.
/// Everything else is quoted, so FTS5 syntax in the input cannot cause a syntax error.
public struct SearchQuery: Equatable, Sendable {
    /// The FTS5 MATCH expression.
    public var expression: String
    /// Folded tokens that must match whole, for highlighting snippets.
    public var terms: Set<String>
    /// Folded tokens that match as prefixes.
    public var prefixes: Set<String>

    /// Parses a query; throws when it holds no letter or digit.
    public init(_ query: String) throws {
        var parts: [String] = []
        var terms: Set<String> = []
        var prefixes: Set<String> = []
        for (piece, quoted) in Self.pieces(query) {
            var text = piece
            let isPrefix = !quoted && text.hasSuffix("*")
            if isPrefix { text.removeLast() }
            let tokens = AccentFolding.tokens(text).map(\.folded)
            guard !tokens.isEmpty else { continue }
            let phrase = "\"" + tokens.joined(separator: " ") + "\""
            parts.append(isPrefix ? phrase + "*" : phrase)
            if isPrefix {
                terms.formUnion(tokens.dropLast())
                prefixes.insert(tokens[tokens.count - 1])
            } else {
                terms.formUnion(tokens)
            }
        }
        guard !parts.isEmpty else {
            throw VietdocError.invalidArgument("search query \"\(query)\" has no letters or digits to look for")
        }
        self.expression = parts.joined(separator: " AND ")
        self.terms = terms
        self.prefixes = prefixes
    }

    /// True when a folded token is one the query looks for.
    public func matches(folded token: String) -> Bool {
        terms.contains(token) || prefixes.contains(where: { token.hasPrefix($0) })
    }

    /// Splits on white space, keeping `"…"` groups together (flagged as quoted).
    private static func pieces(_ query: String) -> [(String, Bool)] {
        var result: [(String, Bool)] = []
        var current = ""
        var inQuotes = false
        func flush(_ quoted: Bool) {
            if !current.isEmpty { result.append((current, quoted)) }
            current = ""
        }
        for ch in query {
            if ch == "\"" {
                flush(inQuotes)
                inQuotes.toggle()
            } else if ch.isWhitespace && !inQuotes {
                flush(false)
            } else {
                current.append(ch)
            }
        }
        flush(inQuotes)
        return result
    }
}
