/// A short excerpt of a document's original (accented) text around the words a query matched,
/// with each matched word wrapped in `[` `]` and `…` where the text was cut.
public enum Snippet {
    /// Tokens shown around the matches.
    public static let defaultWindow = 24

    /// The excerpt of `text` whose `window` consecutive tokens hold the most distinct query
    /// words, then the most query words side by side, then the most matches (the earliest such
    /// window); nil when no token matches.
    public static func make(_ text: String, query: SearchQuery, window: Int = defaultWindow) -> String? {
        let tokens = AccentFolding.tokens(text)
        let matched = tokens.map { query.matches(folded: $0.folded) }
        guard matched.contains(true) else { return nil }
        let width = max(1, min(window, tokens.count))
        // Windows start a few tokens before a match, so that it reads in context.
        let lead = min(3, width / 4)
        var best = 0
        var bestScore = (distinct: -1, adjacent: -1, count: -1)
        for match in tokens.indices where matched[match] {
            let start = min(max(0, match - lead), tokens.count - width)
            var seen: Set<String> = []
            var count = 0
            var adjacent = 0
            for i in start..<(start + width) where matched[i] {
                seen.insert(tokens[i].folded)
                count += 1
                // Query words side by side ("phòng, chống dịch") read better than scattered ones.
                if i > start && matched[i - 1] && tokens[i - 1].folded != tokens[i].folded { adjacent += 1 }
            }
            let score = (distinct: seen.count, adjacent: adjacent, count: count)
            if score > bestScore {
                best = start
                bestScore = score
            }
        }
        let end = best + width
        var out = best > 0 ? "…" : ""
        var cursor = tokens[best].range.lowerBound
        for i in best..<end {
            let token = tokens[i]
            out += collapse(text[cursor..<token.range.lowerBound])
            out += matched[i] ? "[\(text[token.range])]" : String(text[token.range])
            cursor = token.range.upperBound
        }
        if end < tokens.count {
            out += collapse(text[cursor..<tokens[end].range.lowerBound]).trimmingTrailingSpace() + "…"
        } else {
            out += collapse(text[cursor...]).trimmingTrailingSpace()
        }
        return out
    }

    /// Punctuation between tokens, with runs of white space (line breaks included) as one space,
    /// and long runs (dotted leaders of forms, table rules) cut short: a character repeated
    /// more than three times is kept three times, and at most 12 characters are kept.
    private static func collapse(_ s: Substring) -> String {
        var out = ""
        var previous: Character?
        var repeats = 0
        for ch in VietnameseText.collapseWhitespace(s, trimming: false) {
            repeats = ch == previous ? repeats + 1 : 1
            previous = ch
            if repeats <= 3 { out.append(ch) }
        }
        guard out.count > 12 else { return out }
        return String(out.prefix(11)) + "…" + (out.hasSuffix(" ") ? " " : "")
    }
}

extension String {
    fileprivate func trimmingTrailingSpace() -> String {
        var s = self
        while s.last?.isWhitespace == true { s.removeLast() }
        return s
    }
}
