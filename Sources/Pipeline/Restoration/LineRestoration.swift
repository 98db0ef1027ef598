import Diacritics
import Segmentation
import VietdocCore

/// Restoration that decides per line as well as per page: the restorer judges each page's
/// regime, then two line-level passes follow.
///
/// - A line in capitals that OCR read without a single mark on an accented page (bold capitals
///   lose their marks first: "TINH QUANG NGAI") is restored again in the stripped regime.
/// - The fixed wording of the form (motto, common bodies, signers' titles, types) is written as
///   printed however OCR damaged it (`FormLines`), in every line outside the body's running text.
public struct LineRestoration: Sendable {
    public let restorer: Restorer

    public init(restorer: Restorer) { self.restorer = restorer }

    /// The pages restored (same pages, same lines), with the changes of both passes in the summary.
    public func restore(pages: [PageText], isCancelled: () -> Bool = { false }) -> RestoredDocument {
        var restored = restorer.restore(pages: pages, isCancelled: isCancelled)
        var changes = restored.summary.changes
        var spans = restored.quality.lowConfidenceSpans
        var tokens = restored.quality.tokens
        for p in pages.indices where p < restored.pages.count {
            let page = pages[p]
            let regime = p < restored.pageRegimes.count ? restored.pageRegimes[p] : .accented
            let regions = Self.regionOfLine(page)
            var out = restored.pages[p]
            for i in page.lines.indices where i < out.lines.count {
                if isCancelled() { break }
                let number = i + 1
                if regime == .accented, Self.isUnmarkedCaps(page.lines[i]) {
                    var r = restorer.restoreLine(page.lines[i], regime: .stripped)
                    if r.text != out.lines[i] {
                        changes.removeAll { $0.page == page.number && $0.line == number }
                        spans.removeAll { $0.page == page.number && $0.line == number }
                        for k in r.changes.indices { (r.changes[k].page, r.changes[k].line) = (page.number, number) }
                        for k in r.lowConfidence.indices {
                            (r.lowConfidence[k].page, r.lowConfidence[k].line) = (page.number, number)
                        }
                        changes += r.changes
                        spans += r.lowConfidence
                        tokens += r.tokens
                        out.lines[i] = r.text
                    }
                }
                let line = out.lines[i]
                guard regions[number] != .body || FormLines.isCaps(line) else { continue }
                let fixed = FormLines.corrected(line)
                if fixed != line {
                    // The line is rewritten whole: its words are no longer those counted.
                    for k in changes.indices where changes[k].page == page.number && changes[k].line == number {
                        changes[k].word = nil
                    }
                    for k in spans.indices where spans[k].page == page.number && spans[k].line == number {
                        spans[k].word = nil
                    }
                    changes.append(
                        TokenChange(
                            page: page.number, line: number, original: line, output: fixed, reason: .formLine,
                            margin: 99))
                    out.lines[i] = fixed
                }
            }
            restored.pages[p] = out
        }
        changes.sort { ($0.page, $0.line) < ($1.page, $1.line) }
        Self.locateOnPages(restored.pages, changes: &changes, spans: &spans)
        restored.summary.changes = changes
        restored.quality = (tokens, changes.count, spans)
        return restored
    }

    /// Gives each change and unsure span on an OCR page the OCR words (indexes into the page's
    /// `words`) and the box its words were read from, by placing the restored lines on the OCR
    /// words as the archival outputs and the review page do.
    static func locateOnPages(_ pages: [PageText], changes: inout [TokenChange], spans: inout [LowConfidenceSpan]) {
        var wanted = Set(changes.compactMap { $0.word == nil ? nil : $0.page })
        wanted.formUnion(spans.compactMap { $0.word == nil ? nil : $0.page })
        var placedLines: [Int: [PlacedLine]] = [:]
        for page in pages where page.method == .ocr && !page.words.isEmpty && wanted.contains(page.number) {
            placedLines[page.number] = WordPlacement.place(page: page, ocrWords: page.words)
        }
        guard !placedLines.isEmpty else { return }
        func locate(_ page: Int, _ line: Int, _ word: inout WordPosition?) {
            guard let position = word, let lines = placedLines[page], lines.indices.contains(line - 1) else { return }
            let placed = lines[line - 1].words
            let first = position.index - 1
            guard first >= 0, first < placed.count else { return }
            let covered = placed[first..<min(placed.count, first + position.count)]
            let ocr = Array(Set(covered.flatMap(\.ocrWords))).sorted()
            word?.ocrWords = ocr
            word?.box = BoundingBox.union(of: covered.compactMap(\.box))
        }
        for k in changes.indices { locate(changes[k].page, changes[k].line, &changes[k].word) }
        for k in spans.indices { locate(spans[k].page, spans[k].line, &spans[k].word) }
    }

    /// The region kind of each page line (1-based), from the page's layout.
    static func regionOfLine(_ page: PageText) -> [Int: RegionKind] {
        var out: [Int: RegionKind] = [:]
        for region in page.layout?.regions ?? [] {
            for line in region.lines { if let i = line.lineIndex { out[i] = region.kind } }
        }
        return out
    }

    /// A line of capitals with no mark at all, made of words rather than abbreviations: at least
    /// two words of three letters or more, and they are at least half of its words ("TINH QUANG
    /// NGAI", not "TT TU, UBND TP").
    static func isUnmarkedCaps(_ line: String) -> Bool {
        let letters = line.filter(\.isLetter)
        guard letters.count >= 4, letters.allSatisfy(\.isUppercase),
            VietnameseText.stripDiacritics(line) == line
        else { return false }
        let words = line.split(whereSeparator: { !$0.isLetter })
        let long = words.filter { $0.count >= 3 }.count
        return long >= 2 && 2 * long >= words.count
    }
}
