import VietdocCore

/// Finds a page's regions from its word boxes (the `.geometry` method).
///
/// Each source line is cut at wide gaps into chunks; stamps are told by their keywords and
/// taken out; the rest is grouped into rows. The header band is the run of rows at the top
/// of the first page that leave a vertical gutter free between a left and a right column; the
/// closing band starts at "Nơi nhận" (or, on the last page, is a signature column on the right)
/// and is split at its own gutter. The title is the run of centred rows after the header.
struct GeometryLayout {
    let page: PageText
    let isFirstPage: Bool
    let isLastPage: Bool
    /// The document's text block, for pages too short to show theirs.
    var textBlock: ClosedRange<Int>? = nil

    /// Gaps wider than this many units split a line into chunks.
    static let chunkGap = 1.6

    /// Analyses the page; nil when its words are too few to say anything.
    func analyse() -> (regions: [Region], stamps: [Region])? {
        let words = page.words
        guard let chunks = Self.chunks(of: page) else { return nil }
        let geometry = PageGeometry(words: words, chunks: chunks, textBlock: textBlock)
        let kept = chunks.flatMap(\.words)
        let meanConfidence = kept.map { words[$0].confidence }.reduce(0, +) / Double(max(kept.count, 1))

        // Stamps first, so that their text neither breaks the bands nor reaches the lines.
        var stampOf = Array(repeating: StampKind?.none, count: chunks.count)
        for (k, chunk) in chunks.enumerated() {
            let atTop = chunk.box.maxY < geometry.top + (geometry.bottom - geometry.top) / 10
            stampOf[k] = StampClassifier.kind(of: chunk.text, small: isSmall(chunk, geometry), atTop: atTop)
        }
        growStamps(&stampOf, chunks, geometry, meanConfidence)
        // Scraps next to a stamp (its logo, its ring) or noise in the top margin are stamps too.
        for (k, chunk) in chunks.enumerated() where stampOf[k] == nil {
            let scrap = chunk.words.count <= 3 && chunk.text.filter(\.isLetter).count <= 12
            let topNoise =
                isNoise(chunk, meanConfidence) && chunk.box.maxY < geometry.top + Int(3 * geometry.unit)
                && !Self.looksLikePageNumber(chunk.text)
            if (scrap && nearStamp(chunk, chunks, stampOf, geometry)) || topNoise {
                stampOf[k] = .unknown
            }
        }

        var main: [Chunk] = []
        var margin: [Chunk] = []
        for (k, chunk) in chunks.enumerated() where stampOf[k] == nil {
            let slack = Int(3 * geometry.unit)
            if chunk.box.maxX < geometry.left - slack || chunk.box.x > geometry.right + slack {
                margin.append(chunk)
            } else {
                main.append(chunk)
            }
        }
        var rows = PageGeometry.rows(of: main)
        var regions: [Region] = []
        var tail: [Region] = []

        if let first = rows.first, isPageNumber(first, geometry) {
            regions.append(Region(kind: .pageNumber, rows: [first.words]))
            rows.removeFirst()
        }
        if let last = rows.last, isPageNumber(last, geometry) {
            tail.append(Region(kind: .pageNumber, rows: [last.words]))
            rows.removeLast()
        }

        var start = 0
        if isFirstPage {
            if let header = headerBand(rows, geometry) {
                let (left, right) = geometry.split(Array(rows[0..<header.count]), at: header.gutter)
                regions.append(Region(kind: .headerLeft, rows: left))
                regions.append(Region(kind: .headerRight, rows: right))
                start = header.count
            }
            var end = start
            while end < rows.count, end - start < 6 {
                // A title line as wide as the text is kept when a centred title line follows.
                let wideThenCentred =
                    end > start && end + 1 < rows.count && isTitleRow(rows[end + 1], geometry)
                    && rows[end].chunks.count == 1 && rows[end].box.width >= geometry.width * 9 / 10
                guard isTitleRow(rows[end], geometry) || wideThenCentred else { break }
                end += 1
            }
            if end > start {
                regions.append(Region(kind: .title, rows: rows[start..<end].map(\.words)))
                start = end
            }
        }

        var closing: Region?
        var closingLeft: Region?
        var closingStart = rows.count
        if let band = closingBand(rows, from: start, geometry) {
            closingStart = band.start
            let bandRows = Array(rows[band.start...])
            if let gutter = band.gutter {
                let (left, right) = geometry.split(bandRows, at: gutter)
                closingLeft = Region(kind: .closingLeft, rows: left)
                closing = Region(kind: .closingRight, rows: right)
            } else if band.whole == .closingLeft {
                closingLeft = Region(kind: .closingLeft, rows: bandRows.map(\.words))
            } else {
                closing = Region(kind: .closingRight, rows: bandRows.map(\.words))
            }
        }
        if closingStart > start {
            regions.append(Region(kind: .body, rows: rows[start..<closingStart].map(\.words)))
        }
        if let closingLeft, !closingLeft.rows.isEmpty { regions.append(closingLeft) }
        var seal: [[Int]] = []
        if var closing {
            // Noise over the signature column is the seal's ring text.
            if let box = BoundingBox.union(of: closing.rows.flatMap { $0 }.map { words[$0].box }) {
                closing.rows = closing.rows.filter { row in
                    let letters = row.map { words[$0].text.filter(\.isLetter).count }.reduce(0, +)
                    let isRing =
                        row.count <= 3
                        && (letters < 2 || row.allSatisfy { words[$0].confidence < min(45, meanConfidence * 0.6) })
                        && Self.intersects(BoundingBox.union(of: row.map { words[$0].box })!, box)
                    if isRing { seal.append(row) }
                    return !isRing
                }
            }
            if !closing.rows.isEmpty { regions.append(closing) }
        }
        regions += tail
        if !margin.isEmpty { regions.append(Region(kind: .margin, rows: PageGeometry.rows(of: margin).map(\.words))) }

        var stamps: [Region] = []
        for kind in StampKind.allCases {
            let members = chunks.indices.filter { stampOf[$0] == kind }.map { chunks[$0] }
            for cluster in Self.clusters(members, geometry) {
                stamps.append(Region(kind: .stamp, stamp: kind, rows: PageGeometry.rows(of: cluster).map(\.words)))
            }
        }
        if !seal.isEmpty { stamps.append(Region(kind: .stamp, stamp: .seal, rows: seal)) }
        return (regions.filter { !$0.rows.isEmpty }, stamps)
    }

    /// The page's chunks; nil when it has fewer than three words with boxes.
    static func chunks(of page: PageText) -> [Chunk]? {
        let words = page.words
        let keep = words.indices.filter {
            !words[$0].text.trimmingCharacters(in: .whitespaces).isEmpty && words[$0].box.height > 0
        }
        guard keep.count >= 3 else { return nil }
        return PageGeometry.chunks(of: words, keep: keep, gap: chunkGap)
    }

    /// The text block common to a document's pages: the median of the fuller pages' blocks.
    static func textBlock(of pages: [PageText]) -> ClosedRange<Int>? {
        let blocks = pages.compactMap { chunks(of: $0).flatMap(PageGeometry.textBlock(of:)) }
        guard !blocks.isEmpty else { return nil }
        let lefts = blocks.map(\.lowerBound).sorted()
        let rights = blocks.map(\.upperBound).sorted()
        return lefts[lefts.count / 2]...max(rights[rights.count / 2], lefts[lefts.count / 2] + 1)
    }

    // MARK: - Bands

    /// The header band: rows from the top that keep a gutter free in the middle of the text
    /// block, up to a centred title row or a row that crosses every gutter.
    private func headerBand(_ rows: [Row], _ g: PageGeometry) -> (count: Int, gutter: Int)? {
        let lo = g.left + g.width / 5
        let hi = g.left + g.width * 7 / 10
        var free = [lo...hi]
        var count = 0
        for row in rows {
            if count >= 10 || isTitleRow(row, g) && isShort(row, g) { break }
            let next = subtract(row, from: free, g)
            if next.isEmpty { break }
            free = next
            count += 1
        }
        guard count > 0, let widest = free.max(by: { $0.count < $1.count }) else { return nil }
        let gutter = (widest.lowerBound + widest.upperBound) / 2
        let band = Array(rows[0..<count])
        let (left, right) = g.split(band, at: gutter)
        guard !left.isEmpty, !right.isEmpty else { return nil }
        // A header has text on both sides on one row, or left and right rows taking turns.
        return (count, gutter)
    }

    /// The closing band: from the "Nơi nhận" row (and the signature rows just above it) to the
    /// end of the page; on the last page without one, a run of rows in the right half.
    /// Without a gutter the whole band is one column: `whole` says which.
    private func closingBand(_ rows: [Row], from start: Int, _ g: PageGeometry) -> (
        start: Int, gutter: Int?, whole: RegionKind
    )? {
        guard start < rows.count else { return nil }
        if let anchor = (start..<rows.count).first(where: { isRecipientsHeading(rows[$0]) }) {
            let lo = g.left + g.width / 5
            let hi = g.left + g.width * 4 / 5
            guard let gutter = g.gutter(of: Array(rows[anchor...]), in: lo...hi) else {
                return (anchor, nil, .closingLeft)
            }
            var first = anchor
            while first > start, anchor - first < 4, isRightOnly(rows[first - 1], g, from: gutter.x) { first -= 1 }
            return (first, gutter.x, .closingLeft)
        }
        guard isLastPage else { return nil }
        // "Nơi nhận" unread: the trailing run of narrow "- …" items (recipients) and rows in the
        // right half, with a signature on the right.
        let from = g.left + g.width * 2 / 5
        var first = rows.count
        var items = 0
        while first > start {
            let row = rows[first - 1]
            if isRightOnly(row, g, from: from) {
                first -= 1
            } else if isNarrowItem(row, g) {
                items += 1
                first -= 1
            } else {
                break
            }
        }
        let band = Array(rows[first...])
        if items >= 3, band.contains(where: { row in row.chunks.contains { $0.box.x >= from } }),
            let gutter = g.gutter(of: band, in: (g.left + g.width / 5)...(g.left + g.width * 4 / 5))
        {
            return (first, gutter.x, .closingLeft)
        }
        while first < rows.count, !isRightOnly(rows[first], g, from: from) { first += 1 }
        return rows.count - first >= 2 ? (first, nil, .closingRight) : nil
    }

    /// A list item in the left half: "- Sở Tài chính;" (maybe with the signature block's text
    /// further right on the same row).
    private func isNarrowItem(_ row: Row, _ g: PageGeometry) -> Bool {
        guard let first = row.chunks.first, first.text.hasPrefix("-") || first.text.hasPrefix("+") else { return false }
        return first.box.maxX < g.left + g.width * 11 / 20
            && row.chunks.dropFirst().allSatisfy { $0.box.x >= g.left + g.width * 9 / 20 }
    }

    // MARK: - Row tests

    private func isRecipientsHeading(_ row: Row) -> Bool {
        guard let first = row.chunks.first else { return false }
        return StampClassifier.isRecipientsHeading(first.text)
    }

    /// A single centred chunk, not a body line: equal margins on both sides.
    private func isTitleRow(_ row: Row, _ g: PageGeometry) -> Bool {
        guard row.chunks.count == 1, let chunk = row.chunks.first else { return false }
        let tokens = StampClassifier.skeletonTokens(chunk.text)
        if StampClassifier.startsWith(tokens, "kinh gui") || StampClassifier.startsWith(tokens, "can cu") {
            return false
        }
        let leftGap = chunk.box.x - g.left
        let rightGap = g.right - chunk.box.maxX
        let tolerance = max(g.width / 20, Int(2 * g.unit))
        return leftGap > g.width / 25 && abs(leftGap - rightGap) <= tolerance && chunk.box.width < g.width * 9 / 10
    }

    private func isShort(_ row: Row, _ g: PageGeometry) -> Bool { row.box.width < g.width * 45 / 100 }

    private func isRightOnly(_ row: Row, _ g: PageGeometry, from x: Int) -> Bool {
        let letters = row.words.filter { PageGeometry.hasLetters(g.words[$0].text) }
        return !letters.isEmpty && letters.allSatisfy { g.words[$0].box.x >= x }
    }

    private func isPageNumber(_ row: Row, _ g: PageGeometry) -> Bool {
        guard row.chunks.count == 1 else { return false }
        return Self.looksLikePageNumber(row.text) && abs(row.box.midX - g.centre) < g.width / 6
    }

    /// One to three digits, with dashes around or a speck read as a letter ("- 2 -", "Z2").
    static func looksLikePageNumber(_ text: String) -> Bool {
        text.trimmingCharacters(in: .whitespaces)
            .range(of: #"^[-–—\s]*\p{L}?\d{1,3}\p{L}?[-–—\s]*$"#, options: .regularExpression) != nil
    }

    /// The free intervals left once the row's words (those with letters) are taken out;
    /// intervals narrower than one unit are dropped.
    private func subtract(_ row: Row, from free: [ClosedRange<Int>], _ g: PageGeometry) -> [ClosedRange<Int>] {
        var result = free
        for i in row.words where PageGeometry.hasLetters(g.words[i].text) {
            let b = g.words[i].box
            result = result.flatMap { r -> [ClosedRange<Int>] in
                if b.maxX < r.lowerBound || b.x > r.upperBound { return [r] }
                var parts: [ClosedRange<Int>] = []
                if b.x - 1 >= r.lowerBound { parts.append(r.lowerBound...(b.x - 1)) }
                if b.maxX + 1 <= r.upperBound { parts.append((b.maxX + 1)...r.upperBound) }
                return parts
            }
        }
        return result.filter { Double($0.count) >= g.unit }
    }

    // MARK: - Stamps

    private func isSmall(_ chunk: Chunk, _ g: PageGeometry) -> Bool {
        let heights = chunk.words.map { g.words[$0].box.height }.sorted()
        return Double(heights[heights.count / 2]) < 0.8 * g.unit
    }

    /// Few words, all read with low confidence: a logo, a seal's ring, handwriting, a speck.
    private func isNoise(_ chunk: Chunk, _ meanConfidence: Double) -> Bool {
        guard chunk.words.count <= 3, !StampClassifier.isRecipientsHeading(chunk.text) else { return false }
        let letters = chunk.text.filter(\.isLetter).count
        return letters < 2 || chunk.words.allSatisfy { page.words[$0].confidence < min(45, meanConfidence * 0.6) }
    }

    /// Chunks of a stamp's tesseract block, or (without blocks) the small lines just below
    /// or above it, belong to the same stamp.
    private func growStamps(
        _ stampOf: inout [StampKind?], _ chunks: [Chunk], _ g: PageGeometry, _ meanConfidence: Double
    ) {
        let blockOf = chunks.map { g.words[$0.words[0]].block }
        var changed = true
        while changed {
            changed = false
            for (k, chunk) in chunks.enumerated() where stampOf[k] == nil {
                for (s, seed) in chunks.enumerated() {
                    guard let kind = stampOf[s] else { continue }
                    // Only small print, time stamps and noise can belong to a stamp: the
                    // document's own lines never do, whatever block tesseract put them in.
                    let stampLike =
                        isSmall(chunk, g) || StampClassifier.continuesStamp(chunk.text)
                        || isNoise(chunk, meanConfidence)
                    guard stampLike else { break }
                    let sameBlock =
                        blockOf[k] != nil && blockOf[k] == blockOf[s] && blockSize(blockOf[k]!, blockOf) <= 8
                    let gap = max(chunk.box.y - seed.box.maxY, seed.box.y - chunk.box.maxY)
                    let near =
                        gap <= Int(g.unit) && min(chunk.box.maxX, seed.box.maxX) - max(chunk.box.x, seed.box.x) > 0
                    if sameBlock || near {
                        stampOf[k] = kind
                        changed = true
                        break
                    }
                }
            }
        }
    }

    private func blockSize(_ block: Int, _ blockOf: [Int?]) -> Int { blockOf.filter { $0 == block }.count }

    private func nearStamp(_ chunk: Chunk, _ chunks: [Chunk], _ stampOf: [StampKind?], _ g: PageGeometry) -> Bool {
        let slack = Int(g.unit)
        return chunks.indices.contains { k in
            guard stampOf[k] != nil else { return false }
            let b = chunks[k].box
            let grown = BoundingBox(
                x: b.x - slack, y: b.y - slack, width: b.width + 2 * slack, height: b.height + 2 * slack)
            return Self.intersects(grown, chunk.box)
        }
    }

    static func intersects(_ a: BoundingBox, _ b: BoundingBox) -> Bool {
        a.x < b.maxX && b.x < a.maxX && a.y < b.maxY && b.y < a.maxY
    }

    /// Stamp chunks of one kind grouped by nearness (two stamps of a kind stay apart).
    static func clusters(_ chunks: [Chunk], _ g: PageGeometry) -> [[Chunk]] {
        var groups: [[Chunk]] = []
        let slack = Int(3 * g.unit)
        for chunk in chunks.sorted(by: { $0.box.y < $1.box.y }) {
            if let k = groups.firstIndex(where: { group in
                group.contains { c in
                    let b = c.box
                    return intersects(
                        BoundingBox(
                            x: b.x - slack, y: b.y - slack, width: b.width + 2 * slack, height: b.height + 2 * slack),
                        chunk.box)
                }
            }) {
                groups[k].append(chunk)
            } else {
                groups.append([chunk])
            }
        }
        return groups
    }
}

/// A region while it is being built: its kind and its rows of word indexes.
struct Region {
    var kind: RegionKind
    var stamp: StampKind?
    var rows: [[Int]]

    init(kind: RegionKind, stamp: StampKind? = nil, rows: [[Int]]) {
        self.kind = kind
        self.stamp = stamp
        self.rows = rows
    }
}
