/// Accuracy measures used by the evaluation commands and the tests (docs/ARCHITECTURE.md §Metrics).
public enum TextMetrics {
    /// Character error rate: edit distance over the gold length, after NFC and collapsing
    /// white space.
    public static func characterErrorRate(hypothesis: String, gold: String) -> Double {
        let h = Array(VietnameseText.collapseWhitespace(VietnameseText.nfc(hypothesis)).unicodeScalars)
        let g = Array(VietnameseText.collapseWhitespace(VietnameseText.nfc(gold)).unicodeScalars)
        guard !g.isEmpty else { return h.isEmpty ? 0 : 1 }
        return Double(editDistance(h, g)) / Double(g.count)
    }

    /// Scores of a hypothesis against gold over aligned syllables.
    public struct SyllableScores: Equatable, Sendable {
        /// Gold syllables.
        public var gold: Int
        /// Gold syllables reproduced exactly (case-sensitive).
        public var correct: Int
        /// Aligned pairs whose accent-free lowercase forms are equal.
        public var sameSkeleton: Int
        /// Of those, pairs with the exact diacritics (case ignored).
        public var correctDiacritics: Int

        public var syllableAccuracy: Double { gold == 0 ? 1 : Double(correct) / Double(gold) }
        public var diacriticAccuracy: Double {
            sameSkeleton == 0 ? 1 : Double(correctDiacritics) / Double(sameSkeleton)
        }

        public static func + (a: Self, b: Self) -> Self {
            .init(
                gold: a.gold + b.gold, correct: a.correct + b.correct,
                sameSkeleton: a.sameSkeleton + b.sameSkeleton,
                correctDiacritics: a.correctDiacritics + b.correctDiacritics)
        }
        public static let zero = Self(gold: 0, correct: 0, sameSkeleton: 0, correctDiacritics: 0)
    }

    /// Syllable and diacritic accuracy from a Levenshtein alignment of the syllable sequences.
    public static func syllableScores(hypothesis: String, gold: String) -> SyllableScores {
        let h = VietnameseText.syllables(hypothesis)
        let g = VietnameseText.syllables(gold)
        var scores = SyllableScores(gold: g.count, correct: 0, sameSkeleton: 0, correctDiacritics: 0)
        for (i, j) in alignment(h, g) {
            guard let i, let j else { continue }
            if h[i] == g[j] { scores.correct += 1 }
            let hl = h[i].lowercased()
            let gl = g[j].lowercased()
            if VietnameseText.stripDiacritics(hl) == VietnameseText.stripDiacritics(gl) {
                scores.sameSkeleton += 1
                if hl == gl { scores.correctDiacritics += 1 }
            }
        }
        return scores
    }

    /// Share of the input's syllables that the output changed: the harm rate on correct text.
    public static func changeRate(output: String, input: String) -> Double {
        let s = syllableScores(hypothesis: output, gold: input)
        return 1 - s.syllableAccuracy
    }

    /// Levenshtein distance between two sequences.
    public static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// A minimal-cost alignment of two sequences as index pairs (nil on the side of a gap).
    public static func alignment<T: Equatable>(_ a: [T], _ b: [T]) -> [(Int?, Int?)] {
        let n = a.count
        let m = b.count
        var d = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in 0...n { d[i][0] = Int32(i) }
        for j in 0...m { d[0][j] = Int32(j) }
        if n > 0 && m > 0 {
            for i in 1...n {
                for j in 1...m {
                    let cost: Int32 = a[i - 1] == b[j - 1] ? 0 : 1
                    d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                }
            }
        }
        var pairs: [(Int?, Int?)] = []
        var i = n
        var j = m
        while i > 0 || j > 0 {
            if i > 0 && j > 0 && d[i][j] == d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1) {
                pairs.append((i - 1, j - 1))
                i -= 1
                j -= 1
            } else if i > 0 && d[i][j] == d[i - 1][j] + 1 {
                pairs.append((i - 1, nil))
                i -= 1
            } else {
                pairs.append((nil, j - 1))
                j -= 1
            }
        }
        return pairs.reversed()
    }
}
