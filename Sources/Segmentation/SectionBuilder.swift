import Foundation
import VietdocCore

/// A heading found in the body, before levels and categories are assigned.
struct HeadingCandidate {
    var number: HeadingNumber?
    var heading: String
    /// Text on the heading's own line(s) after "Heading:".
    var inlineText: String
    /// Index of the heading's first and last line (wrapped headings span several).
    var first: Int
    var last: Int
    var isAppendix = false
    /// Which body part the heading is in, and where that part ends.
    var part = 0
    var limit = 0
}

/// A section with the line indexes it covers, as the extractors need them.
struct BuiltSection {
    var section: PlanSection
    var headingLine: Int
    /// Last line of the heading itself.
    var headingLast: Int
    /// Own body lines: after the heading, before the first subsection or the next section.
    var bodyRange: Range<Int>
    /// Everything up to the next section at the same or a higher level.
    var fullRange: Range<Int>
    var inlineText: String
    var inlineSpan: SourceSpan
}

/// Finds the heading tree in the body: numbered headings of every form, wrapped headings joined,
/// numbered sentences told apart from numbered titles, OCR-damaged numerals repaired, levels
/// assigned from the numbering forms in use, and categories from each heading's words.
struct SectionBuilder {
    let doc: DocumentLines

    static let maxHeadingWords = 40
    static let maxLabelWords = 16

    /// The sections of the body parts (the document's body, then the body of each attached
    /// document such as the plan a decision promulgates), then the appendix when there is one.
    /// Levels are assigned within each part.
    func build(parts: [Range<Int>], appendixStart: Int?) -> [BuiltSection] {
        var candidates: [HeadingCandidate] = []
        for (index, part) in parts.enumerated() {
            var partCandidates: [HeadingCandidate] = []
            var i = part.lowerBound
            while i < part.upperBound {
                if var c = candidate(at: i, end: part.upperBound) {
                    c.part = index
                    c.limit = part.upperBound
                    partCandidates.append(c)
                    i = c.last + 1
                } else {
                    i += 1
                }
            }
            repairRomanNumerals(&partCandidates)
            resequenceRomanNumerals(&partCandidates)
            candidates += partCandidates
        }
        if let a = appendixStart {
            let line = doc[a]
            var c = HeadingCandidate(
                number: nil, heading: line.clean.trimmed(":"), inlineText: "", first: a, last: a, isAppendix: true)
            c.part = parts.count
            c.limit = doc.count
            candidates.append(c)
        }
        return assemble(candidates)
    }

    // MARK: - Candidates

    /// The heading starting at line `i`, or nil when the line is not a numbered title.
    func candidate(at i: Int, end: Int) -> HeadingCandidate? {
        let line = doc[i]
        guard !line.isBlank, let number = HeadingNumber.parse(line.clean) else { return nil }
        if number.style == .article { return article(number, at: i) }
        // Join wrapped continuation lines.
        var title = number.title
        var last = i
        var j = i + 1
        var joined = 0
        while j < end, joined < 3 {
            var next = doc[j]
            if next.isBlank || DocumentLines.isPageNumber(next.clean) {
                guard let n = doc.nextNonBlank(from: j, before: min(end, j + 4)) else { break }
                if doc[n].page == doc[last].page {
                    // A heading broken across a blank line ("… trang thiết" / "bị cho y tế
                    // tuyến xã"): only a short lower-case fragment continues it.
                    guard let f = doc[n].clean.first, f.isLowercase, doc[n].clean.wordCount <= 10,
                        let lastChar = title.last, !".:;!?,".contains(lastChar)
                    else { break }
                }
                // Across a page break (and its page number) the text simply goes on.
                j = n
                next = doc[n]
            }
            if HeadingNumber.parse(next.clean) != nil || Self.isBullet(next.clean) { break }
            if let lastChar = title.last, ".:;!?".contains(lastChar) { break }
            let startsLower = next.clean.first.map { $0.isLowercase } ?? false
            let bothCaps = Self.isCaps(title) && Self.isCaps(next.clean)
            // In text wrapped at a fixed width, a line that fills the width continues on the
            // next line whatever its case ("… của tỉnh Xây" / "Sôm Bun. Trên cơ sở …").
            let wrapped = doc.fillsWidth(last) && !Self.isCaps(next.clean) && !Self.opensLabel(next.clean)
            guard startsLower || bothCaps || wrapped else { break }
            if title.wordCount + next.clean.wordCount > 60 { break }
            title += " " + next.clean
            last = j
            joined += 1
            j += 1
        }
        title = title.trimmed("*_ ")
        let words = title.wordCount
        // "Label: text" — the label is the heading.
        if let colon = Self.labelColon(title) {
            let label = String(title[..<colon]).trimmed("*_ ")
            let rest = String(title[title.index(after: colon)...]).trimmed("*_ ")
            if !label.isEmpty, label.wordCount <= Self.maxLabelWords, !label.contains(";") {
                return HeadingCandidate(number: number, heading: label, inlineText: rest, first: i, last: last)
            }
        }
        guard words <= Self.maxHeadingWords else { return nil }
        if let lastChar = title.last, ";,".contains(lastChar) { return nil }
        // A numbered sentence: several sentences, or a long one ending in a full stop that is
        // followed by another item rather than by its own content.
        let sentenceBreaks = title.dropLast().components(separatedBy: ". ").count - 1
        if sentenceBreaks > 0 && number.style != .roman { return nil }
        if title.hasSuffix(".") && words > 8 && number.style != .roman {
            guard let n = doc.nextNonBlank(from: last + 1, before: end) else { return nil }
            let nextClean = doc[n].clean
            let opensContent: Bool
            if Self.isBullet(nextClean) {
                opensContent = true
            } else if let nn = HeadingNumber.parse(nextClean) {
                opensContent = Self.isDeeper(nn, than: number)
            } else {
                opensContent = false
            }
            if !opensContent { return nil }
        }
        return HeadingCandidate(number: number, heading: title.trimmed(".:"), inlineText: "", first: i, last: last)
    }

    /// The colon ending a "Label:" — followed by a space or the end, with no open bracket
    /// before it (so "d(:)ng" in OCR noise is not a label) and no full stop just before it.
    static func labelColon(_ s: String) -> String.Index? {
        var depth = 0
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i]
            if c == "(" { depth += 1 } else if c == ")" { depth = max(0, depth - 1) }
            if c == ":" && depth == 0 {
                let next = s.index(after: i)
                // A sentence before the colon ("… kế hoạch này. :", OCR noise) is no label.
                let before = s[..<i].trimmingCharacters(in: .whitespaces)
                if before.hasSuffix(".") || before.hasSuffix(";") { return nil }
                if next == s.endIndex || s[next].isWhitespace || s[next] == "*" { return i }
            }
            i = s.index(after: i)
        }
        return nil
    }

    /// An article ("Điều 2. Tổ chức thực hiện"): always a heading. A short title is the
    /// heading; an article that opens with its provision keeps "Điều N" and the provision's
    /// first words as heading and the whole provision as text.
    func article(_ number: HeadingNumber, at i: Int) -> HeadingCandidate {
        let title = number.title.trimmed("*_ ")
        if title.isEmpty {
            return HeadingCandidate(number: number, heading: number.label, inlineText: "", first: i, last: i)
        }
        if title.wordCount <= 20, !title.dropLast().contains(". "), title.last.map({ !";,".contains($0) }) ?? true {
            return HeadingCandidate(number: number, heading: title.trimmed(".:/"), inlineText: "", first: i, last: i)
        }
        let words = title.split(separator: " ").prefix(12).joined(separator: " ")
        return HeadingCandidate(number: number, heading: words + " …", inlineText: title, first: i, last: i)
    }

    /// A line that starts with its own short label ("Tổng nhu cầu kinh phí: …").
    static func opensLabel(_ s: String) -> Bool {
        guard let colon = labelColon(s) else { return false }
        return s[..<colon].split(separator: " ").count <= 8
    }

    static func isBullet(_ s: String) -> Bool {
        guard let f = s.first else { return false }
        return "-+•–—*".contains(f)
    }

    /// True when most letters are capitals and there are enough of them to judge.
    static func isCaps(_ s: String) -> Bool { VietnameseText.isMostlyCapitals(s, share: 0.85, minimumLetters: 4) }

    static func isDeeper(_ a: HeadingNumber, than b: HeadingNumber) -> Bool {
        func rank(_ n: HeadingNumber) -> Int {
            switch n.style {
            case .roman: return 0
            case .arabic: return 1
            case .nested(let d): return d
            case .letter: return 10
            case .article: return 0
            }
        }
        return rank(a) > rank(b)
    }

    /// Arabic-numbered capitalised headings in a document whose Roman headings are capitalised
    /// and whose Arabic headings are not: OCR read "II." as "1." — renumber from the sequence.
    func repairRomanNumerals(_ candidates: inout [HeadingCandidate]) {
        let romans = candidates.filter { $0.number?.style == .roman }
        guard !romans.isEmpty else { return }
        let romanCaps = romans.filter { Self.isCaps($0.heading) }.count
        guard romanCaps * 2 > romans.count else { return }
        let arabics = candidates.filter { $0.number?.style == .arabic }
        let arabicCaps = arabics.filter { Self.isCaps($0.heading) }
        guard !arabicCaps.isEmpty, arabicCaps.count <= max(2, arabics.count / 5) else { return }
        var previousRoman = 0
        for k in candidates.indices {
            guard var n = candidates[k].number else { continue }
            if n.style == .roman {
                previousRoman = n.value
            } else if n.style == .arabic, Self.isCaps(candidates[k].heading), previousRoman > 0 {
                previousRoman += 1
                n.style = .roman
                n.value = previousRoman
                n.label = HeadingNumber.roman(previousRoman)
                n.repaired = true
                candidates[k].number = n
            }
        }
    }

    /// A Roman numeral that breaks the sequence because of OCR ("I1." read as II after II,
    /// "III." read as "II.") takes the next value in sequence.
    func resequenceRomanNumerals(_ candidates: inout [HeadingCandidate]) {
        var previous = 0
        for k in candidates.indices {
            guard var n = candidates[k].number, n.style == .roman else { continue }
            // Repaired numerals out of sequence, and any numeral repeating or going back
            // ("II." after "II.": an I lost), take the next value.
            if (n.repaired && n.value != previous + 1) || (previous > 0 && n.value <= previous) {
                n.value = previous + 1
                n.label = HeadingNumber.roman(n.value)
                candidates[k].number = n
            }
            previous = n.value
        }
    }

    // MARK: - Tree

    func assemble(_ candidates: [HeadingCandidate]) -> [BuiltSection] {
        var levels: [Int] = []
        var lastNonLetter = 0
        for c in candidates {
            let inPart = candidates.filter { $0.part == c.part }
            let hasRoman = inPart.contains { $0.number?.style == .roman }
            let hasArticles = inPart.contains { $0.number?.style == .article }
            let arabicLevel = hasRoman ? (hasArticles ? 3 : 2) : (hasArticles ? 2 : 1)
            let level: Int
            if c.isAppendix {
                level = 1
            } else {
                switch c.number!.style {
                case .roman: level = 1
                case .arabic: level = arabicLevel
                case .nested(let d): level = arabicLevel + d - 1
                case .letter: level = lastNonLetter + 1
                case .article: level = hasRoman ? 2 : 1
                }
            }
            if c.number?.style != .letter { lastNonLetter = level }
            levels.append(level)
        }
        var built: [BuiltSection] = []
        var stack: [Int] = []
        for (k, c) in candidates.enumerated() {
            let level = levels[k]
            if k > 0 && candidates[k - 1].part != c.part { stack.removeAll() }
            while let top = stack.last, levels[top] >= level { stack.removeLast() }
            let parent = stack.last
            stack.append(k)
            // Own body: up to the next heading of any level; full: up to the next at <= level.
            let sectionEnd = c.limit
            let nextAny = k + 1 < candidates.count ? min(candidates[k + 1].first, sectionEnd) : sectionEnd
            var nextSame = sectionEnd
            for m in (k + 1)..<candidates.count
            where levels[m] <= level || candidates[m].isAppendix || candidates[m].part != c.part {
                nextSame = min(candidates[m].first, sectionEnd)
                break
            }
            let bodyRange = (c.last + 1)..<max(c.last + 1, nextAny)
            let fullRange = c.first..<max(c.last + 1, nextSame)
            var lastLine = c.last
            for j in fullRange.reversed() where !doc[j].isBlank && !DocumentLines.isPageNumber(doc[j].clean) {
                lastLine = j
                break
            }
            // Subsections take a category of their own only when their heading opens with the
            // genre's words ("Mục tiêu chung", "Nguồn kinh phí"), not when the words occur in
            // passing ("… phù hợp với điều kiện …").
            // An article without a title is classified on its provision's words.
            let words = c.number?.style == .article && !c.inlineText.isEmpty ? c.inlineText : c.heading
            let ownCategory =
                c.isAppendix
                ? .appendix : HeadingClassifier.category(ofHeading: words, atStart: parent != nil)
            let category: SectionCategory
            if let p = parent, [.assignments, .recommendations, .appendix].contains(built[p].section.category) {
                category = built[p].section.category
            } else if let own = ownCategory {
                category = own
            } else if let p = parent {
                category = built[p].section.category
            } else {
                category = .other
            }
            var textParts: [String] = []
            if !c.inlineText.isEmpty { textParts.append(c.inlineText) }
            for j in bodyRange where !doc[j].isBlank && !DocumentLines.isPageNumber(doc[j].clean) {
                textParts.append(doc[j].clean)
            }
            let number: String? = c.isAppendix ? nil : c.number?.label
            let section = PlanSection(
                number: number, heading: c.heading, level: level, category: category, parent: parent,
                text: textParts.joined(separator: "\n"), span: doc.span(c.first, lastLine))
            built.append(
                BuiltSection(
                    section: section, headingLine: c.first, headingLast: c.last, bodyRange: bodyRange,
                    fullRange: fullRange, inlineText: c.inlineText, inlineSpan: doc.span(c.first, c.last)))
        }
        return built
    }
}
