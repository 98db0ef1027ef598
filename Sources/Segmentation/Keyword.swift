import VietdocCore

/// The stage's one approximate matcher for keywords and headings ("căn cứ", "của", "nơi nhận",
/// "ký bởi"): both sides are compared as accent-free skeletons (`Fold.key`) with an edit distance
/// in which the slips OCR makes most are cheap, so that damaged words are still recognised without
/// listing their garbles one by one.
///
/// Costs: a thin glyph inserted or dropped (i, l, r, t, j, f, 1, punctuation-like letters) or a
/// substitution inside a family of look-alike glyphs (u/ư read as "ir", "tr", "ti"; i/l/1/t/r;
/// o/0/c/e/a; n/m/h) costs ½; any other edit costs 1. The first letter of each word must agree
/// (OCR rarely damages it, and it keeps "các cơ" away from "căn cứ"), and a word of n letters
/// allows ⌈n/3⌉ (at least ½) of cost.
enum Keyword {
    private static let thin: Set<Character> = ["i", "l", "r", "t", "j", "f", "1", "'", "`", "."]
    private static let families: [Set<Character>] = [
        ["u", "i", "r", "t", "l", "1", "y", "v"], ["o", "0", "c", "e", "a", "q"], ["n", "m", "h", "u"],
        ["d", "đ", "a"], ["g", "q", "y"],
    ]

    /// Pairs of thin glyphs OCR reads for one "u"/"ư" ("cứ" → "ctr", "cir").
    private static let uDigraphs: Set<String> = ["tr", "ir", "ti", "ii", "rr", "lr", "tt", "it", "li", "ri"]

    private static func substitution(_ a: Character, _ b: Character, hard: Double) -> Double {
        if a == b { return 0 }
        return families.contains { $0.contains(a) && $0.contains(b) } ? 0.5 : hard
    }

    private static func indel(_ c: Character, hard: Double) -> Double { thin.contains(c) ? 0.5 : hard }

    /// A glyph that is not a letter where a letter belongs ("v€" for "về") is a cheap slip.
    private static func isJunk(_ c: Character) -> Bool { !c.isLetter && !c.isNumber }

    /// The weighted edit distance from `word` (as read) to `target`; `hard` is the cost of an edit
    /// that is not a look-alike slip.
    static func distance(_ word: [Character], _ target: [Character], hard: Double = 1) -> Double {
        let n = word.count
        let m = target.count
        var d = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: n + 1)
        // Dropping a glyph of the word costs ½ when it is thin, junk or a doubled letter ("vee").
        func drop(_ i: Int) -> Double {
            let c = word[i - 1]
            if isJunk(c) || (i >= 2 && word[i - 2] == c) { return 0.5 }
            return indel(c, hard: hard)
        }
        for i in 0...n where i > 0 { d[i][0] = d[i - 1][0] + drop(i) }
        for j in 0...m where j > 0 { d[0][j] = d[0][j - 1] + indel(target[j - 1], hard: hard) }
        guard n > 0, m > 0 else { return d[n][m] }
        for i in 1...n {
            for j in 1...m {
                let sub = isJunk(word[i - 1]) ? 0.5 : substitution(word[i - 1], target[j - 1], hard: hard)
                var best = min(
                    d[i - 1][j] + drop(i), d[i][j - 1] + indel(target[j - 1], hard: hard), d[i - 1][j - 1] + sub)
                if i >= 2, target[j - 1] == "u", uDigraphs.contains(String(word[(i - 2)..<i])) {
                    best = min(best, d[i - 2][j - 1] + 0.5)
                }
                d[i][j] = best
            }
        }
        return d[n][m]
    }

    /// True when `word` (a skeleton word as read) can be `target` (a keyword's skeleton word).
    /// Short words allow only look-alike slips.
    static func wordMatches(_ word: Substring, _ target: Substring) -> Bool {
        wordDistance(word, target, inPhrase: false) != nil
    }

    /// The word's distance to the target when within the target's budget, else nil. Alone, a
    /// word of three letters or fewer allows look-alike slips only ("cia" for "của", not "chưa");
    /// inside a phrase it may take one other edit ("cin" for "căn" in "cin ctr"), the phrase as a
    /// whole keeping to `phraseBudget`.
    static func wordDistance(_ word: Substring, _ target: Substring, inPhrase: Bool) -> Double? {
        if word == target { return 0 }
        guard let w0 = word.first, let t0 = target.first, w0 == t0 else { return nil }
        guard word.count * 3 >= target.count * 2 else { return nil }
        let budget: Double
        switch target.count {
        case ...2: budget = 0.5
        case 3: budget = 1
        default: budget = Double((target.count + 2) / 3)
        }
        let hard = target.count <= 2 || (target.count == 3 && !inPhrase) ? 1.5 : 1
        let d = distance(Array(word), Array(target), hard: hard)
        return d <= budget ? d : nil
    }

    /// What a phrase of several words may cost in all: 0.3 per letter.
    static func phraseBudget(_ words: [Substring]) -> Double { 0.3 * Double(words.map(\.count).reduce(0, +)) }

    /// True when the skeleton `key` is the phrase (word for word, each within its budget).
    static func same(_ key: String, _ phrase: String) -> Bool {
        let k = key.split(separator: " ")
        let p = phrase.split(separator: " ")
        return k.count == p.count && zip(k, p).allSatisfy { wordMatches($0, $1) }
    }

    /// The number of words of `key` that make up `phrase` at its start, nil when it does not
    /// start with it. OCR may split a word ("c u"), so a phrase word may take two key words.
    static func prefixWords(of key: String, _ phrase: String) -> Int? {
        var k = key.split(separator: " ")
        let p = phrase.split(separator: " ")
        guard let k0 = k.first, let p0 = p.first else { return nil }
        // A speck read as a letter before the line's first word ("ậnơi nhận").
        if k0.count > p0.count, k0.first != p0.first, k0.dropFirst().first == p0.first {
            k[0] = k0.dropFirst()
        }
        // The phrase's words glued into one ("noinhan").
        let glued = p.joined()
        if p.count > 1, k[0].count >= glued.count - 1, wordMatches(k[0], Substring(glued)) { return 1 }
        var i = 0
        var total = 0.0
        let inPhrase = p.count > 1
        for target in p {
            guard i < k.count else { return nil }
            if let d = wordDistance(k[i], target, inPhrase: inPhrase) {
                i += 1
                total += d
            } else if i + 1 < k.count, let d = wordDistance(Substring(k[i] + k[i + 1]), target, inPhrase: inPhrase) {
                i += 2
                total += d
            } else {
                return nil
            }
        }
        return !inPhrase || total <= phraseBudget(p) ? i : nil
    }

    /// True when the skeleton `key` starts with the phrase.
    static func starts(_ key: String, with phrase: String) -> Bool { prefixWords(of: key, phrase) != nil }

    /// The index of the first word of `key` where the phrase occurs, nil when it does not.
    static func wordIndex(of phrase: String, in key: String) -> Int? {
        let words = key.split(separator: " ")
        for i in words.indices where prefixWords(of: words[i...].joined(separator: " "), phrase) != nil {
            return i
        }
        return nil
    }
}

extension Keyword {
    /// The character range (in `f`) of the first word that can be `target`, nil when none. Words
    /// are runs of letters, digits and symbols between spaces; a word glued to a capitalised next
    /// word ("củaBộ") is tried on its part before the capital.
    static func firstWord(_ target: String, in f: FoldedText, from start: Int = 0) -> Range<Int>? {
        let t = Substring(target)
        var i = max(0, start)
        let n = f.original.count
        while i < n {
            while i < n, f.original[i].isWhitespace { i += 1 }
            var j = i
            while j < n, !f.original[j].isWhitespace { j += 1 }
            if j > i {
                let word = f.text(i..<j)
                var end = word.count
                while end > 0, let c = word[word.index(word.startIndex, offsetBy: end - 1)] as Character?,
                    ",;:.)\"”".contains(c)
                {
                    end -= 1
                }
                // The folded characters, symbols kept (OCR puts them for letters: "v€").
                let skeleton = Substring(
                    VietnameseText.stripDiacritics(String(word.prefix(end))).lowercased())
                if !skeleton.isEmpty, wordMatches(skeleton, t) { return i..<(i + end) }
                // Glued to the next word: "củaBộ".
                if let cap = word.dropFirst().firstIndex(where: \.isUppercase) {
                    let k = word.distance(from: word.startIndex, to: cap)
                    if wordMatches(Substring(Fold.key(String(word.prefix(k)))), t) { return i..<(i + k) }
                }
            }
            i = j
        }
        return nil
    }
}

extension Keyword {
    /// The character ranges (in the NFC text `s`) of every occurrence of `phrase` (a skeleton),
    /// found word by word by `prefixWords`; occurrences do not overlap.
    static func ranges(of phrase: String, in s: String) -> [Range<Int>] {
        let toks = FormLines.tokens(Array(VietnameseText.nfc(s)))
        var out: [Range<Int>] = []
        var i = 0
        while i < toks.count {
            let key = toks[i...].map(\.skeleton).joined(separator: " ")
            if let n = prefixWords(of: key, phrase) {
                out.append(toks[i].range.lowerBound..<toks[i + n - 1].range.upperBound)
                i += n
            } else {
                i += 1
            }
        }
        return out
    }
}

extension Segmenter {
    /// True when the accent-free skeleton `key` starts with `phrase` for the stage's keyword
    /// matcher (OCR look-alike slips allowed); public for tests and tools.
    public static func keywordStarts(_ key: String, with phrase: String) -> Bool { Keyword.starts(key, with: phrase) }
}
