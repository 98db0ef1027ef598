import VietdocCore

/// The layout stage: finds each page's regions (header band columns, title, body, closing band
/// columns, stamps, page numbers, margins) and puts the page's lines in a person's reading
/// order: within a band, the left column, then the right. Stamp text leaves the lines and is
/// kept in its regions. Pure and cheap: it works on the words' boxes, never on pixels.
public struct LayoutAnalyzer: Sendable {
    public init() {}

    /// Analyses every page of a document; the header and title are looked for on the first
    /// page, a closing band without "Nơi nhận" only on the last.
    public func analyse(pages: [PageText]) -> [PageText] {
        let block = GeometryLayout.textBlock(of: pages)
        return pages.enumerated().map { index, page in
            analyse(page, isFirstPage: index == 0, isLastPage: index == pages.count - 1, textBlock: block)
        }
    }

    /// Analyses one page: geometry when it has word boxes, else the text's known two-column rows.
    ///
    /// - Parameter textBlock: the left and right edges of the document's body text, for a page
    ///   with too few full lines to show its own (a closing page).
    public func analyse(
        _ page: PageText, isFirstPage: Bool, isLastPage: Bool, textBlock: ClosedRange<Int>? = nil
    ) -> PageText {
        if page.method == .failed || page.lines.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            return Self.unanalysed(page)
        }
        let geometry = GeometryLayout(
            page: page, isFirstPage: isFirstPage, isLastPage: isLastPage, textBlock: textBlock)
        if let found = geometry.analyse() {
            return Self.assemble(page, regions: found.regions, stamps: found.stamps)
        }
        return TextRowLayout(page: page, isFirstPage: isFirstPage, isLastPage: isLastPage).analyse()
    }

    /// The page as read, as one body region (method `.none`).
    static func unanalysed(_ page: PageText) -> PageText {
        var out = page
        let lines = page.lines.enumerated().filter { !$0.element.isEmpty }.map {
            LayoutLine(text: $0.element, lineIndex: $0.offset + 1)
        }
        out.layout = PageLayout(method: .none, regions: lines.isEmpty ? [] : [LayoutRegion(kind: .body, lines: lines)])
        return out
    }

    /// Rebuilds the page's lines from its regions in reading order, with an empty line between
    /// regions and between tesseract's paragraphs, and records the layout.
    static func assemble(_ page: PageText, regions: [Region], stamps: [Region]) -> PageText {
        let words = page.words
        var lines: [String] = []
        var layoutRegions: [LayoutRegion] = []
        for region in regions {
            if let last = lines.last, !last.isEmpty { lines.append("") }
            var layoutLines: [LayoutLine] = []
            var paragraph: Int?
            for row in region.rows {
                if region.kind == .body, let p = words[row[0]].paragraph, let q = paragraph, p != q,
                    lines.last?.isEmpty == false
                {
                    lines.append("")
                }
                paragraph = words[row[0]].paragraph
                // The signature's space: a tall gap in the signature block keeps a blank line.
                if region.kind == .closingRight, let previous = layoutLines.last?.box,
                    let box = BoundingBox.union(of: row.map { words[$0].box }),
                    box.y - previous.maxY > 2 * max(previous.height, box.height)
                {
                    lines.append("")
                }
                lines.append(text(of: row, in: page))
                layoutLines.append(line(row, in: page, index: lines.count))
            }
            layoutRegions.append(
                LayoutRegion(
                    kind: region.kind, box: BoundingBox.union(of: layoutLines.compactMap(\.box)), lines: layoutLines))
        }
        for stamp in stamps {
            let layoutLines = stamp.rows.map { line($0, in: page, index: nil) }
            layoutRegions.append(
                LayoutRegion(
                    kind: .stamp, stamp: stamp.stamp, box: BoundingBox.union(of: layoutLines.compactMap(\.box)),
                    lines: layoutLines))
        }
        var out = page
        out.lines = lines
        out.layout = PageLayout(method: .geometry, regions: layoutRegions)
        return out
    }

    private static func line(_ row: [Int], in page: PageText, index: Int?) -> LayoutLine {
        LayoutLine(
            text: text(of: row, in: page), box: BoundingBox.union(of: row.map { page.words[$0].box }), lineIndex: index,
            words: row)
    }

    /// A row's text: the text layer's own line when the row is the whole of one, else the
    /// words joined by spaces (as tesseract joins them).
    private static func text(of row: [Int], in page: PageText) -> String {
        let words = page.words
        if page.method == .textLayer, let line = words[row[0]].line, row.allSatisfy({ words[$0].line == line }),
            line >= 1, line <= page.lines.count, words.filter({ $0.line == line }).count == row.count
        {
            return page.lines[line - 1].trimmingCharacters(in: .whitespaces)
        }
        return row.map { words[$0].text }.joined(separator: " ")
    }
}
