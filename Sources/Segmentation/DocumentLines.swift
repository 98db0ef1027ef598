import Foundation
import VietdocCore

/// One line of the restored text with its place (1-based page and line) and cleaned forms.
struct DocumentLine {
    let page: Int
    let number: Int
    /// The line as given.
    let raw: String
    /// Markdown markers, HTML tags, OCR edge noise and surrounding white space removed.
    let clean: String
    /// `clean` folded: accent-free and lower-cased, character for character.
    let folded: FoldedText
    /// The layout region holding the line, when the layout stage ran.
    var region: RegionKind? = nil
    /// The line's box in page pixels, when the page has geometry.
    var box: BoundingBox? = nil
    /// The OCR words of the line (left to right), when known.
    var words: [Word] = []

    var isBlank: Bool { clean.isEmpty }
    var span: SourceSpan { SourceSpan(page: page, lineStart: number, lineEnd: number) }
    var key: String { Fold.key(clean) }
}

/// The document's lines in reading order, with helpers to look around a position.
struct DocumentLines {
    let lines: [DocumentLine]

    init(pages: [PageText]) {
        var out: [DocumentLine] = []
        var stamps: [(page: Int, region: LayoutRegion)] = []
        for page in pages {
            var placed: [Int: (RegionKind, LayoutLine)] = [:]
            for region in page.layout?.regions ?? [] {
                if region.kind == .stamp { stamps.append((page.number, region)) }
                for l in region.lines { if let k = l.lineIndex { placed[k] = (region.kind, l) } }
            }
            for (i, raw) in page.lines.enumerated() {
                let clean = Self.clean(raw)
                var line = DocumentLine(
                    page: page.number, number: i + 1, raw: raw, clean: clean, folded: FoldedText(clean))
                if let (kind, l) = placed[i + 1] {
                    line.region = kind
                    line.box = l.box
                    line.words = l.words.compactMap { $0 < page.words.count ? page.words[$0] : nil }
                }
                out.append(line)
            }
        }
        lines = out
        pageWords = Dictionary(pages.map { ($0.number, $0.words) }, uniquingKeysWith: { a, _ in a })
        stampRegions = stamps
        hasLayout = pages.contains { $0.layout.map { $0.method != .none } ?? false }
        var byPage: [Int: [Int]] = [:]
        for l in out where !l.isBlank { byPage[l.page, default: []].append(l.clean.count) }
        for (page, lengths) in byPage where lengths.count >= 8 {
            let sorted = lengths.sorted()
            let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
            if p90 <= 110 { wrapWidth[page] = p90 }
        }
    }

    /// Per page, the length of its long lines (90th percentile of non-blank line lengths), when
    /// the page looks wrapped at a fixed width (that length is at most 110 characters).
    private(set) var wrapWidth: [Int: Int] = [:]
    /// The stamp regions of every page (their lines are not among `lines`).
    private(set) var stampRegions: [(page: Int, region: LayoutRegion)] = []
    /// The OCR words of each page, by page number.
    private(set) var pageWords: [Int: [Word]] = [:]

    /// The OCR word that holds `raw` on line `i`, alone or glued to its label or to the sign
    /// ("Số:0+", "ngày0B", "0/TTr"): among the line's words when the layout gave them, otherwise
    /// among the words of the page's upper part (header blanks in pages without layout).
    func words(holding raw: String, near i: Int, after label: String? = nil) -> [Word] {
        let line = lines[i]
        let pieces = raw.split(separator: " ").map(String.init).filter { !$0.isEmpty }
        guard !pieces.isEmpty else { return [] }
        let upper: [Word]
        if !line.words.isEmpty {
            upper = line.words
        } else {
            guard let words = pageWords[line.page], let bottom = words.map(\.box.maxY).max() else { return [] }
            upper = words.filter { $0.box.y < bottom * 2 / 5 }
        }
        // Right after its label ("ngày 10 tháng 10": the day is the word after "ngày").
        if let label, let k = upper.firstIndex(where: { Fold.key($0.text).hasPrefix(label) }) {
            if pieces.contains(where: { upper[k].text.contains($0) }) { return [upper[k]] }
            if k + 1 < upper.count, pieces.contains(where: { upper[k + 1].text.contains($0) }) { return [upper[k + 1]] }
        }
        // The piece alone, or glued to its label or to the sign ("Số:0+", "ngày0B", "0/TTr").
        let alone = upper.filter { w in pieces.contains { w.text.trimmed(",.;:") == $0 } }
        if !alone.isEmpty { return [alone[0]] }
        let glued = upper.first { w in
            let k = Fold.key(w.text)
            return pieces.contains { w.text.contains($0) }
                && (k.hasPrefix("so") || k.hasPrefix("ngay") || w.text.contains("/"))
        }
        return glued.map { [$0] } ?? []
    }

    /// How often the document spells each pair of adjacent words, lower-cased, by the pair's
    /// accent-free skeleton (`Fold.key`); lines in `excluding` are left out.
    func pairSpellings(excluding: Set<Int> = []) -> [String: [String: Int]] {
        var spellings: [String: [String: Int]] = [:]
        for (i, l) in lines.enumerated() where !l.isBlank && !excluding.contains(i) {
            let ws = l.clean.split(separator: " ").map { String($0).trimmed(",.;:()\"“”") }
            for k in 0..<max(0, ws.count - 1) where !ws[k].isEmpty && !ws[k + 1].isEmpty {
                let pair = (ws[k] + " " + ws[k + 1]).lowercased()
                spellings[Fold.key(pair), default: [:]][pair, default: 0] += 1
            }
        }
        return spellings
    }

    /// True when at least one page went through the layout stage.
    private(set) var hasLayout = false

    var count: Int { lines.count }

    /// True when the line is as long as the page's wrapped lines, so the text goes on below it.
    func fillsWidth(_ i: Int) -> Bool {
        guard let w = wrapWidth[lines[i].page] else { return false }
        let line = lines[i].clean
        if let c = line.last, ".:;!?".contains(c) { return false }
        return line.count >= w * 8 / 10
    }
    subscript(i: Int) -> DocumentLine { lines[i] }

    /// The index of the next non-blank line at or after `i`, if any before `end`.
    func nextNonBlank(from i: Int, before end: Int? = nil) -> Int? {
        var j = i
        let limit = min(end ?? lines.count, lines.count)
        while j < limit {
            if !lines[j].isBlank && !Self.isPageNumber(lines[j].clean) { return j }
            j += 1
        }
        return nil
    }

    /// A span covering lines `a...b` (indexes), from `a`'s page and line to the last non-blank
    /// line up to `b` (with `pageEnd` when that is on a later page).
    func span(_ a: Int, _ b: Int) -> SourceSpan {
        let first = lines[a]
        var last = first
        var k = max(a, min(b, lines.count - 1))
        while k > a {
            if !lines[k].isBlank {
                last = lines[k]
                break
            }
            k -= 1
        }
        if last.page != first.page {
            return SourceSpan(page: first.page, lineStart: first.number, lineEnd: last.number, pageEnd: last.page)
        }
        return SourceSpan(page: first.page, lineStart: first.number, lineEnd: max(first.number, last.number))
    }

    /// The markup-free text of a line: Markdown heading hashes, emphasis stars, `<sup>` tags,
    /// LaTeX dollar signs and leading OCR noise (`_`, `~`, stray quotes) removed.
    static func clean(_ raw: String, keepDollars: Bool = false) -> String {
        var s = VietnameseText.nfc(raw).replacingOccurrences(of: "\u{00A0}", with: " ")
        s = s.replacingOccurrences(of: "<sup>", with: "").replacingOccurrences(of: "</sup>", with: "")
        s = s.replacingOccurrences(of: "<sub>", with: "").replacingOccurrences(of: "</sub>", with: "")
        s = s.replacingOccurrences(of: "<br>", with: " ")
        s = s.replacingOccurrences(of: "\\leq", with: "≤").replacingOccurrences(of: "\\geq", with: "≥")
        s = s.replacingOccurrences(of: "\\%", with: "%")
        if !keepDollars { s = s.replacingOccurrences(of: "$", with: "") }
        s = s.trimmed
        while s.hasPrefix("#") { s.removeFirst() }
        s = s.trimmed
        // Emphasis markers at the ends ("**2. Điều kiện**", "***2.1. …:***", "*** Tổng …**").
        s = s.trimmed("*_")
        // Leading OCR noise before a numeral or bullet: "_ - Mục tiêu", "~2.3.", "' Sở".
        while let f = s.first, "_~'`‘’•·".contains(f) {
            s.removeFirst()
            s = s.trimmed
        }
        return s.collapsed
    }

    /// Page numbers and similar lines that carry no text ("2", "- 3 -").
    static func isPageNumber(_ clean: String) -> Bool {
        let t = clean.trimmed("- ")
        return !t.isEmpty && t.count <= 3 && t.allSatisfy(\.isNumber)
    }
}
