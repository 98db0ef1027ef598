/// Splits a line into the pieces restoration works on, keeping every other scalar in place.
///
/// A line becomes a sequence of pieces: `verbatim` text (spaces, punctuation, protected tokens),
/// `word` tokens the decoder may change, and `boundary` markers where the language-model context
/// restarts (punctuation, numbers, codes…). Concatenating the pieces' text gives the line back.
struct LineTokenizer {
    enum Piece {
        case verbatim(String)
        /// A word the decoder reads; `text` is what the line holds (may include stray
        /// punctuation for merges like "ti,nh"), `letters` the letters it reads.
        case word(text: String, letters: [Unicode.Scalar], merged: Bool)
        /// A protected token rewritten with certainty (an acronym's Đ), or kept as is.
        case protected(original: String, output: String)
        case boundary
        /// A number: kept as is, read by the language model as the number token.
        case number(String)
    }

    let model: DiacriticModel
    let junk: Set<UInt32>
    let allowDigits: Bool
    /// Keep marked tokens the inventory does not know (names like "Sôm") as written.
    var keepUnknownMarked = false

    func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        VietnameseLetters.marks(u) != nil || u.isNumericFast || (!junk.isEmpty && junk.contains(u.value))
    }

    func pieces(_ line: String) -> [Piece] {
        var result: [Piece] = []
        let scalars = Array(line.unicodeScalars)
        var i = 0
        var pendingSpace = String.UnicodeScalarView()
        var firstChunk = 0
        while firstChunk < scalars.count && scalars[firstChunk].isSpaceFast { firstChunk += 1 }
        func flushSpace() {
            if !pendingSpace.isEmpty {
                result.append(.verbatim(String(pendingSpace)))
                pendingSpace = .init()
            }
        }
        while i < scalars.count {
            if scalars[i].isSpaceFast {
                pendingSpace.append(scalars[i])
                i += 1
                continue
            }
            var j = i
            while j < scalars.count && !scalars[j].isSpaceFast { j += 1 }
            flushSpace()
            chunk(Array(scalars[i..<j]), first: i == firstChunk, into: &result)
            i = j
        }
        flushSpace()
        return result
    }

    /// One white-space-delimited chunk.
    private func chunk(_ s: [Unicode.Scalar], first: Bool, into result: inout [Piece]) {
        // Leading and trailing punctuation stays verbatim.
        var a = 0
        var b = s.count
        while a < b && !isWordScalar(s[a]) { a += 1 }
        while b > a && !isWordScalar(s[b - 1]) { b -= 1 }
        if a == b {
            result.append(.boundary)
            result.append(.verbatim(String(String.UnicodeScalarView(s))))
            result.append(.boundary)
            return
        }
        if a > 0 {
            result.append(.boundary)
            result.append(.verbatim(String(String.UnicodeScalarView(s[0..<a]))))
        }
        let core = Array(s[a..<b])
        if core.allSatisfy({ $0.isASCII && $0.isNumericFast }) {
            result.append(.number(String(String.UnicodeScalarView(core))))
        } else if ProtectedToken.isHeadingNumeral(core, after: s[b...], first: first, model: model) {
            // Read like a number ("Chương IV" as "Chương 4"), never changed.
            result.append(.number(String(String.UnicodeScalarView(core))))
        } else if let protected = ProtectedToken.classify(core, model: model) {
            result.append(.boundary)
            result.append(.protected(original: String(String.UnicodeScalarView(core)), output: protected))
            result.append(.boundary)
        } else {
            words(core, into: &result)
        }
        if b < s.count {
            result.append(.boundary)
            result.append(.verbatim(String(String.UnicodeScalarView(s[b...]))))
            result.append(.boundary)
        }
    }

    /// Splits a chunk core into word tokens; joins pieces broken by a stray mark ("ti,nh").
    private func words(_ core: [Unicode.Scalar], into result: inout [Piece]) {
        var runs: [(Int, Int)] = []
        var i = 0
        while i < core.count {
            if isWordScalar(core[i]) {
                var j = i
                while j < core.count && isWordScalar(core[j]) { j += 1 }
                runs.append((i, j))
                i = j
            } else {
                i += 1
            }
        }
        var k = 0
        var last = 0
        while k < runs.count {
            let (s, e) = runs[k]
            if s > last {
                result.append(.boundary)
                result.append(.verbatim(String(String.UnicodeScalarView(core[last..<s]))))
                result.append(.boundary)
            }
            // Merge with the next run when one stray scalar separates them and either half is
            // no syllable while the joined letters are one.
            if k + 1 < runs.count, runs[k + 1].0 == e + 1 {
                let left = Array(core[s..<e])
                let right = Array(core[(e + 1)..<runs[k + 1].1])
                let joined = left + right
                let lowerJoined = joined.map(VietnameseLetters.lower)
                if lowerJoined.allSatisfy({ VietnameseLetters.marks($0) != nil }),
                    model.id(of: left.map(VietnameseLetters.lower)) == nil
                        || model.id(of: right.map(VietnameseLetters.lower)) == nil,
                    let sk = VietnameseLetters.skeleton(lowerJoined), model.bySkeleton[sk] != nil
                {
                    result.append(
                        .word(
                            text: String(String.UnicodeScalarView(core[s..<runs[k + 1].1])), letters: joined,
                            merged: true))
                    last = runs[k + 1].1
                    k += 2
                    continue
                }
            }
            let token = Array(core[s..<e])
            if isDecodable(token) {
                result.append(.word(text: String(String.UnicodeScalarView(token)), letters: token, merged: false))
            } else {
                result.append(.boundary)
                result.append(
                    .protected(
                        original: String(String.UnicodeScalarView(token)),
                        output: ProtectedToken.restoreCodeParts(token, model: model)))
                result.append(.boundary)
            }
            last = e
            k += 1
        }
        if last < core.count {
            result.append(.boundary)
            result.append(.verbatim(String(String.UnicodeScalarView(core[last...]))))
            result.append(.boundary)
        }
    }

    /// Whether the decoder may read a token: letters only, or (for mangled OCR) letters with
    /// digits or junk in place of letters; never an all-capital non-syllable (an acronym).
    private func isDecodable(_ token: [Unicode.Scalar]) -> Bool {
        var letters = 0
        var others = 0
        for u in token { if VietnameseLetters.marks(u) != nil { letters += 1 } else { others += 1 } }
        // Mangled OCR: a lone symbol that stands for a letter ("¥" for "Y").
        if letters == 0 { return allowDigits && token.count == 1 && junk.contains(token[0].value) }
        func lower() -> [Unicode.Scalar] { token.map(VietnameseLetters.lower) }
        if others > 0 { return allowDigits && token.count <= 6 && model.id(of: lower()) == nil }
        if token.count > 1, SyllableForm.casePattern(token) == .upper, !model.hasSkeleton(lower()) {
            // An acronym.
            return false
        }
        if keepUnknownMarked && VietnameseLetters.hasMarks(token) && model.id(of: lower()) == nil { return false }
        return true
    }
}
