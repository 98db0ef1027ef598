import VietdocCore

/// A run of words on one text line with no wide gap inside: a column's part of a line.
struct Chunk {
    /// Indexes into the page's words, left to right.
    var words: [Int]
    var box: BoundingBox
    /// The source line (tesseract's or the text layer's) the words came from.
    var sourceLine: Int
    var text: String
}

/// Chunks at the same height: one printed row of the page, left to right.
struct Row {
    var chunks: [Chunk]
    var box: BoundingBox
    /// The box of the row's first chunk: later chunks join the row by overlapping it, so that
    /// a row cannot grow down the page chunk by chunk.
    var core: BoundingBox

    var words: [Int] { chunks.flatMap(\.words) }
    var text: String { chunks.map(\.text).joined(separator: " ") }
}

/// The measures of a page's words that the layout rules are scaled by.
struct PageGeometry {
    let words: [Word]
    /// Median height of the words with letters: the rules' unit of length.
    let unit: Double
    /// Left and right edges of the text block (the body lines' margins).
    let left: Int
    let right: Int
    var width: Int { max(right - left, 1) }
    var centre: Int { (left + right) / 2 }
    /// The bottom of the lowest word.
    let bottom: Int
    let top: Int

    /// - Parameter textBlock: the document's text block (from its fuller pages), used when
    ///   this page has too few full lines to show its own margins.
    init(words: [Word], chunks: [Chunk], textBlock: ClosedRange<Int>? = nil) {
        self.words = words
        let heights = words.filter { Self.hasLetters($0.text) }.map { Double($0.box.height) }.sorted()
        unit = heights.isEmpty ? 20 : max(heights[heights.count / 2], 4)
        if let own = Self.textBlock(of: chunks) ?? textBlock {
            left = own.lowerBound
            right = own.upperBound
        } else {
            left = chunks.map(\.box.x).min() ?? 0
            right = max(chunks.map(\.box.maxX).max() ?? 1, left + 1)
        }
        bottom = words.map(\.box.maxY).max() ?? 0
        top = words.map(\.box.y).min() ?? 0
    }

    /// The body's left and right margins: the median edges of the page's full lines, when it
    /// has at least eight of them.
    static func textBlock(of chunks: [Chunk]) -> ClosedRange<Int>? {
        let widest = chunks.map(\.box.width).max() ?? 0
        let long = chunks.filter { Double($0.box.width) >= 0.75 * Double(widest) }
        guard long.count >= 8 else { return nil }
        let lefts = long.map(\.box.x).sorted()
        let rights = long.map(\.box.maxX).sorted()
        let l = lefts[lefts.count / 2]
        return l...max(rights[rights.count / 2], l + 1)
    }

    /// True when the text holds a letter or a digit.
    static func hasLetters(_ text: String) -> Bool {
        text.unicodeScalars.contains(where: VietnameseText.isWordScalar)
    }

    // MARK: - Building chunks and rows

    /// Splits every source line at gaps wider than `gap` units.
    static func chunks(of words: [Word], keep: [Int], gap: Double) -> [Chunk] {
        var byLine: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in keep {
            let line = words[i].line ?? 0
            if byLine[line] == nil { order.append(line) }
            byLine[line, default: []].append(i)
        }
        if words.contains(where: { $0.line == nil }) {
            return chunks(ofUnnumbered: words, keep: keep, gap: gap)
        }
        let heights = keep.map { Double(words[$0].box.height) }.sorted()
        let unit = heights.isEmpty ? 20 : heights[heights.count / 2]
        var result: [Chunk] = []
        for line in order {
            let members = byLine[line]!.sorted { words[$0].box.x < words[$1].box.x }
            var current: [Int] = []
            for i in members {
                if let last = current.last, Double(words[i].box.x - words[last].box.maxX) > gap * unit {
                    result.append(chunk(current, words, line))
                    current = []
                }
                current.append(i)
            }
            if !current.isEmpty { result.append(chunk(current, words, line)) }
        }
        return result
    }

    /// Words without line numbers are grouped into lines by height first.
    private static func chunks(ofUnnumbered words: [Word], keep: [Int], gap: Double) -> [Chunk] {
        var numbered = words
        let sorted = keep.sorted { words[$0].box.midY < words[$1].box.midY }
        var line = 0
        var lastMid = Int.min
        var lastHeight = 0
        for i in sorted {
            let w = words[i]
            if abs(w.box.midY - lastMid) > max(lastHeight, w.box.height) / 2 { line += 1 }
            numbered[i].line = line
            lastMid = w.box.midY
            lastHeight = w.box.height
        }
        return chunks(of: numbered, keep: sorted, gap: gap)
    }

    private static func chunk(_ members: [Int], _ words: [Word], _ line: Int) -> Chunk {
        Chunk(
            words: members, box: BoundingBox.union(of: members.map { words[$0].box })!, sourceLine: line,
            text: members.map { words[$0].text }.joined(separator: " "))
    }

    /// Groups chunks that overlap vertically by half their height into rows, top to bottom.
    /// Chunks taller than two lines (a seal's scraps, a signature) join the row nearest their
    /// middle instead of starting rows of their own that would swallow their neighbours.
    static func rows(of chunks: [Chunk]) -> [Row] {
        let heights = chunks.map(\.box.height).sorted()
        let typical = heights.isEmpty ? 0 : heights[heights.count / 2]
        let isTall = { (c: Chunk) in typical > 0 && Double(c.box.height) > 1.6 * Double(typical) }
        var rows: [Row] = []
        var tall: [Chunk] = []
        for chunk in chunks.sorted(by: { $0.box.midY < $1.box.midY }) {
            if isTall(chunk) {
                tall.append(chunk)
                continue
            }
            // A chunk stays on the row of its own source line when the two overlap at all.
            let ownLine = rows.indices.last { k in
                rows[k].chunks.contains { $0.sourceLine == chunk.sourceLine }
                    && min(rows[k].core.maxY, chunk.box.maxY) > max(rows[k].core.y, chunk.box.y)
            }
            if let k = ownLine ?? rows.indices.last(where: { overlaps(rows[$0].core, chunk.box) }) {
                rows[k].chunks.append(chunk)
                rows[k].box = rows[k].box.union(chunk.box)
            } else {
                rows.append(Row(chunks: [chunk], box: chunk.box, core: chunk.box))
            }
        }
        for chunk in tall {
            // A tall chunk stays with the rest of its source line, else joins the nearest row.
            let ownLine = rows.indices.first { k in rows[k].chunks.contains { $0.sourceLine == chunk.sourceLine } }
            let nearest = rows.indices.min {
                abs(rows[$0].core.midY - chunk.box.midY) < abs(rows[$1].core.midY - chunk.box.midY)
            }
            let close = nearest.flatMap { abs(rows[$0].core.midY - chunk.box.midY) <= rows[$0].core.height ? $0 : nil }
            if let k = ownLine ?? close {
                rows[k].chunks.append(chunk)
                rows[k].box = rows[k].box.union(chunk.box)
            } else {
                rows.append(Row(chunks: [chunk], box: chunk.box, core: chunk.box))
            }
        }
        for k in rows.indices { rows[k].chunks.sort { $0.box.x < $1.box.x } }
        return rows.sorted { $0.box.midY < $1.box.midY }
    }

    private static func overlaps(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        let overlap = min(a.maxY, b.maxY) - max(a.y, b.y)
        return Double(overlap) >= 0.5 * Double(min(a.height, b.height))
            && abs(a.midY - b.midY) < max(a.height, b.height)
    }

    // MARK: - Gutters

    /// The x of the gutter between two columns of `rows`: the middle of the widest stretch of
    /// `range` crossed by the fewest rows' words, and how many rows cross it.
    func gutter(of rows: [Row], in range: ClosedRange<Int>) -> (x: Int, crossings: Int)? {
        guard range.upperBound > range.lowerBound else { return nil }
        let step = max(Int(unit / 4), 1)
        let buckets = (range.upperBound - range.lowerBound) / step + 1
        var coverage = Array(repeating: 0, count: buckets)
        for row in rows {
            var covered = Array(repeating: false, count: buckets)
            for i in row.words where Self.hasLetters(words[i].text) {
                let b = words[i].box
                let lo = max((b.x - range.lowerBound) / step, 0)
                let hi = min((b.maxX - range.lowerBound) / step, buckets - 1)
                if lo <= hi { for k in lo...hi { covered[k] = true } }
            }
            for k in 0..<buckets where covered[k] { coverage[k] += 1 }
        }
        guard let least = coverage.min() else { return nil }
        var best: (start: Int, length: Int) = (0, 0)
        var start = -1
        for k in 0...buckets {
            if k < buckets, coverage[k] == least {
                if start < 0 { start = k }
            } else if start >= 0 {
                if k - start > best.length { best = (start, k - start) }
                start = -1
            }
        }
        guard Double(best.length * step) >= unit else { return nil }
        return (range.lowerBound + (best.start * step) + best.length * step / 2, least)
    }

    /// The words of the rows left and right of `x` (by each word's centre).
    func split(_ rows: [Row], at x: Int) -> (left: [[Int]], right: [[Int]]) {
        var left: [[Int]] = []
        var right: [[Int]] = []
        for row in rows {
            let l = row.words.filter { words[$0].box.midX < x }
            let r = row.words.filter { words[$0].box.midX >= x }
            if !l.isEmpty { left.append(l) }
            if !r.isEmpty { right.append(r) }
        }
        return (left, right)
    }

    /// True when a row's words sit on both sides of `x`.
    func isTwoSided(_ row: Row, at x: Int) -> Bool {
        let mids = row.words.filter { Self.hasLetters(words[$0].text) }.map { words[$0].box.midX }
        return mids.contains { $0 < x } && mids.contains { $0 >= x }
    }
}
