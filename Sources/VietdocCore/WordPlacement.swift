/// A word of the restored text placed on its page: the restored form, the OCR's form it came
/// from, the OCR's confidence and box. Words of pages without OCR (text layers, text files)
/// have no box and no confidence.
public struct PlacedWord: Equatable, Sendable {
    public var text: String
    /// The OCR's form of the same stretch of the page ("Tw" for "Tự"); equal to `text` when
    /// restoration left the word alone.
    public var ocrText: String
    public var confidence: Double?
    public var box: BoundingBox?
    /// 0-based indexes into the page's OCR words the word was read from (empty without OCR, or
    /// for a word inserted where nothing of the OCR matched).
    public var ocrWords: [Int]

    public init(text: String, ocrText: String, confidence: Double?, box: BoundingBox?, ocrWords: [Int] = []) {
        self.text = text
        self.ocrText = ocrText
        self.confidence = confidence
        self.box = box
        self.ocrWords = ocrWords
    }

    /// True when restoration changed what the OCR read.
    public var isRestored: Bool { text != ocrText }
}

/// One line of the restored text with its words; `number` is the 1-based index into the page's
/// lines, the line numbers that `SourceSpan`, `TokenChange` and `LowConfidenceSpan` use.
public struct PlacedLine: Equatable, Sendable {
    public var number: Int
    public var words: [PlacedWord]

    public init(number: Int, words: [PlacedWord]) {
        self.number = number
        self.words = words
    }

    /// The union of the words' boxes, nil when none has one.
    public var box: BoundingBox? { BoundingBox.union(of: words.compactMap(\.box)) }
}

/// Maps the restored text of a page back onto the OCR's words and boxes.
///
/// Restoration changes marks and letters, and splits or joins tokens ("cuaBo" → "của Bộ"), so
/// words are not matched one to one: both sides are folded (lower case, no marks, no spaces),
/// aligned character by character, and each restored word takes the boxes of the OCR
/// characters it aligned with: a word split off an OCR word gets its share of that box, a word
/// joined from several gets the union of their boxes.
public enum WordPlacement {
    /// The placed lines of `page` (restored lines), given the OCR words of the same page in
    /// reading order. Empty lines are kept (with no words) so that numbers stay 1-based indexes.
    public static func place(page: PageText, ocrWords: [Word]) -> [PlacedLine] {
        var lines = page.lines.indices.map { PlacedLine(number: $0 + 1, words: []) }
        func tokens(_ index: Int) -> [(line: Int, text: String)] {
            page.lines[index].split(whereSeparator: { $0 == " " || $0 == "\t" }).map { (index, String($0)) }
        }
        // With a layout, each line knows its OCR words: align line by line (the layout may have
        // put the lines in another order than the OCR's). Otherwise align the whole page.
        var groups: [(lines: [Int], words: [Int])] = []
        if let layout = page.layout, !ocrWords.isEmpty {
            var seen = Set<Int>()
            for line in layout.regions.flatMap(\.lines) {
                guard let number = line.lineIndex, page.lines.indices.contains(number - 1), seen.insert(number).inserted
                else { continue }
                groups.append(([number - 1], line.words.filter { ocrWords.indices.contains($0) }))
            }
            let rest = page.lines.indices.filter { !seen.contains($0 + 1) }
            if !rest.isEmpty { groups.append((rest, [])) }
        } else {
            groups = [(Array(page.lines.indices), Array(ocrWords.indices))]
        }
        for group in groups {
            let placed = placeTokens(group.lines.flatMap(tokens), words: group.words.map { ocrWords[$0] })
            for (line, word) in placed {
                var word = word
                word.ocrWords = word.ocrWords.map { group.words[$0] }
                lines[line].words.append(word)
            }
        }
        return lines
    }

    /// Places tokens (with their 0-based line indexes) on the OCR words they were read from.
    static func placeTokens(_ tokens: [(line: Int, text: String)], words ocrWords: [Word]) -> [(Int, PlacedWord)] {
        guard !ocrWords.isEmpty else {
            return tokens.map { ($0.line, PlacedWord(text: $0.text, ocrText: $0.text, confidence: nil, box: nil)) }
        }
        var result: [(Int, PlacedWord)] = []
        // Folded characters of both sides, each with where it came from.
        var ocrChars: [Character] = []
        var ocrOwner: [(word: Int, offset: Int)] = []
        let ocrTexts = ocrWords.map { Array($0.text) }
        for (w, chars) in ocrTexts.enumerated() {
            for (k, c) in chars.enumerated() {
                ocrChars.append(fold(c))
                ocrOwner.append((w, k))
            }
        }
        var outChars: [Character] = []
        var outOwner: [Int] = []
        for (t, token) in tokens.enumerated() {
            for c in token.text {
                outChars.append(fold(c))
                outOwner.append(t)
            }
        }
        let matched = align(ocrChars, outChars)

        // Per token: the OCR characters it aligned with, as (word, offset) pairs.
        var covered = Array(repeating: [(word: Int, offset: Int)](), count: tokens.count)
        for (i, j) in matched.enumerated() {
            if let j { covered[outOwner[i]].append(ocrOwner[j]) }
        }
        // How many tokens share each OCR word (a split divides its box).
        var sharers = Array(repeating: Set<Int>(), count: ocrWords.count)
        for (t, pairs) in covered.enumerated() {
            for pair in pairs { sharers[pair.word].insert(t) }
        }

        var previous: BoundingBox?
        var previousLine = -1
        for (t, token) in tokens.enumerated() {
            if token.line != previousLine { previous = nil }
            previousLine = token.line
            let pairs = covered[t]
            let words = Array(Set(pairs.map(\.word))).sorted()
            var box: BoundingBox?
            var ocrText = token.text
            var confidence: Double?
            if !words.isEmpty {
                confidence = words.map { ocrWords[$0].confidence }.min()
                if words.count == 1, sharers[words[0]].count > 1 {
                    // Part of a word the restorer split: its share of the box, and of the text.
                    let w = words[0]
                    let offsets = pairs.map(\.offset)
                    let first = offsets.min()!
                    let last = offsets.max()!
                    let length = ocrTexts[w].count
                    let b = ocrWords[w].box
                    let x0 = b.x + b.width * first / length
                    let x1 = b.x + b.width * (last + 1) / length
                    box = BoundingBox(x: x0, y: b.y, width: max(1, x1 - x0), height: b.height)
                    ocrText = String(ocrTexts[w][first...last])
                } else {
                    box = BoundingBox.union(of: words.map { ocrWords[$0].box })
                    ocrText = words.map { ocrWords[$0].text }.joined(separator: " ")
                }
            } else if let previous {
                // Nothing of the OCR matched (an inserted word): just after the previous word.
                let width = max(1, previous.height / 2 * token.text.count)
                box = BoundingBox(x: previous.x + previous.width, y: previous.y, width: width, height: previous.height)
            }
            if let box { previous = box }
            result.append(
                (
                    token.line,
                    PlacedWord(text: token.text, ocrText: ocrText, confidence: confidence, box: box, ocrWords: words)
                ))
        }
        return result
    }

    /// The form characters are compared in: lower case, no marks, đ → d.
    static func fold(_ c: Character) -> Character {
        let s = VietnameseText.stripDiacritics(String(c)).lowercased()
        return s.first ?? c
    }

    /// For each character of `b`, the index in `a` it is aligned with (match or substitution),
    /// or nil for an insertion: a Levenshtein alignment within a diagonal band wide enough for
    /// the length difference.
    static func align(_ a: [Character], _ b: [Character]) -> [Int?] {
        let n = a.count
        let m = b.count
        guard n > 0, m > 0 else { return Array(repeating: nil, count: m) }
        let band = abs(n - m) + 64
        let width = 2 * band + 1
        let big = Int32.max / 2
        // cost[i][d], d = j - i * m / n + band, for the band around the scaled diagonal.
        var cost = [Int32](repeating: big, count: (n + 1) * width)
        var step = [UInt8](repeating: 0, count: (n + 1) * width)  // 1 diag, 2 up (skip a), 3 left (insert b)
        func centre(_ i: Int) -> Int { n == 0 ? 0 : i * m / n }
        func index(_ i: Int, _ j: Int) -> Int? {
            let d = j - centre(i) + band
            return d >= 0 && d < width ? i * width + d : nil
        }
        cost[index(0, 0)!] = 0
        for i in 0...n {
            let lo = max(0, centre(i) - band)
            let hi = min(m, centre(i) + band)
            if lo > hi { continue }
            for j in lo...hi {
                guard let here = index(i, j), !(i == 0 && j == 0) else { continue }
                var best = big
                var move: UInt8 = 0
                if i > 0, j > 0, let d = index(i - 1, j - 1), cost[d] < big {
                    let c = cost[d] + (a[i - 1] == b[j - 1] ? 0 : 1)
                    if c < best { (best, move) = (c, 1) }
                }
                if i > 0, let u = index(i - 1, j), cost[u] < big, cost[u] + 1 < best {
                    (best, move) = (cost[u] + 1, 2)
                }
                if j > 0, let l = index(i, j - 1), cost[l] < big, cost[l] + 1 < best {
                    (best, move) = (cost[l] + 1, 3)
                }
                cost[here] = best
                step[here] = move
            }
        }
        var result = [Int?](repeating: nil, count: m)
        var i = n
        var j = m
        guard let end = index(n, m), cost[end] < big else { return result }
        while i > 0 || j > 0 {
            guard let here = index(i, j) else { break }
            switch step[here] {
            case 1:
                result[j - 1] = i - 1
                i -= 1
                j -= 1
            case 2: i -= 1
            case 3: j -= 1
            default: return result
            }
        }
        return result
    }
}
