import VietdocCore

/// A page as the archival formats (ALTO, hOCR, the review page) lay it out: its frame, and its
/// restored lines placed on the OCR's boxes, grouped into blocks.
public struct ArchivalPage: Equatable, Sendable {
    /// A block of lines: a layout region (header column, title, body…) when the page has a
    /// layout, otherwise a paragraph of the OCR (lines between empty lines).
    public struct Block: Equatable, Sendable {
        /// The region's kind, nil for a paragraph.
        public var kind: RegionKind?
        public var lines: [PlacedLine]
        public var box: BoundingBox? { BoundingBox.union(of: lines.compactMap(\.box)) }
    }

    public var number: Int
    public var method: PageMethod
    public var frame: PageFrame?
    public var meanConfidence: Double?
    public var blocks: [Block]

    /// The document's pages, from the record (OCR words) and the restored pages.
    public static func pages(record: DocumentRecord, pages: [PageText]) -> [ArchivalPage] {
        pages.enumerated().map { index, page in
            let words = index < record.pages.count ? record.pages[index].words : page.words
            let placed = WordPlacement.place(page: page, ocrWords: page.method == .ocr ? words : [])
            var blocks: [Block] = []
            if let layout = page.layout {
                var seen = Set<Int>()
                for region in layout.regions where region.kind != .stamp {
                    let lines = region.lines.compactMap(\.lineIndex).filter {
                        placed.indices.contains($0 - 1) && seen.insert($0).inserted && !placed[$0 - 1].words.isEmpty
                    }
                    if !lines.isEmpty { blocks.append(Block(kind: region.kind, lines: lines.map { placed[$0 - 1] })) }
                }
                let rest = placed.filter { !seen.contains($0.number) && !$0.words.isEmpty }
                if !rest.isEmpty { blocks.append(Block(kind: nil, lines: rest)) }
                return ArchivalPage(
                    number: page.number, method: page.method, frame: page.frame, meanConfidence: page.meanConfidence,
                    blocks: blocks)
            }
            var current: [PlacedLine] = []
            for line in placed {
                if line.words.isEmpty {
                    if !current.isEmpty { blocks.append(Block(kind: nil, lines: current)) }
                    current = []
                } else {
                    current.append(line)
                }
            }
            if !current.isEmpty { blocks.append(Block(kind: nil, lines: current)) }
            return ArchivalPage(
                number: page.number, method: page.method, frame: page.frame, meanConfidence: page.meanConfidence,
                blocks: blocks)
        }
    }
}

/// Escaping for XML and HTML text and attribute values.
enum Markup {
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.count)
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0.
                if let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1, scalar.value < 0x20,
                    scalar != "\n", scalar != "\t"
                {
                    continue
                }
                out.append(c)
            }
        }
        return out
    }

    /// A confidence (0–100) as a fraction with two decimals, as ALTO's WC wants.
    static func fraction(_ confidence: Double) -> String {
        let v = max(0, min(100, confidence)) / 100
        return String(format: "%.2f", v)
    }
}
