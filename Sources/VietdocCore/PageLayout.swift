/// How a page's layout was found.
public enum LayoutMethod: String, Codable, Sendable, CaseIterable {
    /// From word boxes (tesseract's words, or the characters of a PDF text layer).
    case geometry
    /// From the text alone: known two-column rows of the Decree 30/2020 layout split by their
    /// wording and spacing (text dumps, text layers without usable boxes).
    case textRows = "text_rows"
    /// Not analysed (failed or empty page): the page's lines are one body region, as read.
    case none
}

/// What a region of the page holds, in the Decree 30/2020/NĐ-CP layout.
public enum RegionKind: String, Codable, Sendable, CaseIterable {
    /// Left column of the header band: superior body, issuing body, "Số: …", trích yếu "V/v …".
    case headerLeft = "header_left"
    /// Right column of the header band: national motto, "<place>, ngày … tháng … năm …".
    case headerRight = "header_right"
    /// The centred title block: document type and trích yếu ("KẾ HOẠCH" / "Triển khai …").
    case title
    /// The running text, one column.
    case body
    /// Left column of the closing band: "Nơi nhận:" and the recipients.
    case closingLeft = "closing_left"
    /// Right column of the closing band: the signature block (authority, capacity, signer).
    case closingRight = "closing_right"
    /// An overlay that is not part of the document's text; `LayoutRegion.stamp` says which.
    case stamp
    /// A page number alone on its line at the top or bottom of the page.
    case pageNumber = "page_number"
    /// Marginal text outside the text block (archive notes, scanner marks).
    case margin
}

/// The kind of a stamp or overlay region.
public enum StampKind: String, Codable, Sendable, CaseIterable {
    /// The digital-signature overlay of electronic copies ("Ký bởi:", "Cơ quan:", "Thời gian ký:",
    /// "Người ký:").
    case digitalSignature = "digital_signature"
    /// The stamp of a gazette centre ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC", e-mail, time).
    case gazetteStamp = "gazette_stamp"
    /// A received stamp ("CV ĐẾN", "ĐẾN Số: … Giờ … Ngày …"), usually with handwriting.
    case receivedStamp = "received_stamp"
    /// An urgency or confidentiality mark ("HỎA TỐC", "KHẨN", "MẬT").
    case urgency
    /// The round seal over the signature; its ring text is noise for the signature block.
    case seal
    /// Off the text grid but not recognised.
    case unknown
}

/// One line of a region, in reading order.
public struct LayoutLine: Codable, Equatable, Sendable {
    /// The line's text as ingest or OCR read it (before restoration).
    public var text: String
    /// The line's box in page pixels; nil when the page has no geometry.
    public var box: BoundingBox?
    /// The 1-based index of this line in `PageText.lines` (which follow reading order after the
    /// layout stage); nil for stamp lines, which are kept out of the page's text.
    public var lineIndex: Int?
    /// Indexes (0-based) into `PageText.words` of the words on this line, left to right.
    public var words: [Int]

    public init(text: String, box: BoundingBox? = nil, lineIndex: Int? = nil, words: [Int] = []) {
        self.text = text
        self.box = box
        self.lineIndex = lineIndex
        self.words = words
    }
}

/// A region of the page: a column of a band, the title block, the body, a stamp.
public struct LayoutRegion: Codable, Equatable, Sendable {
    public var kind: RegionKind
    /// For `.stamp` regions, which stamp; nil otherwise.
    public var stamp: StampKind?
    /// The union of the lines' boxes; nil when the page has no geometry.
    public var box: BoundingBox?
    public var lines: [LayoutLine]

    public init(kind: RegionKind, stamp: StampKind? = nil, box: BoundingBox? = nil, lines: [LayoutLine]) {
        self.kind = kind
        self.stamp = stamp
        self.box = box
        self.lines = lines
    }
}

/// A page's layout: its regions in reading order, and how they were found.
///
/// Regions follow a person's reading order: the header band's left column, then its right,
/// the title, the body, the closing band's left column, then its right. Stamp regions come
/// last; their lines are not in `PageText.lines`.
public struct PageLayout: Codable, Equatable, Sendable {
    public var method: LayoutMethod
    public var regions: [LayoutRegion]

    public init(method: LayoutMethod, regions: [LayoutRegion]) {
        self.method = method
        self.regions = regions
    }

    /// The regions of one kind, in reading order.
    public func regions(_ kind: RegionKind) -> [LayoutRegion] { regions.filter { $0.kind == kind } }

    /// The region holding page line `lineIndex` (1-based), if any.
    public func region(containingLine lineIndex: Int) -> LayoutRegion? {
        regions.first { $0.lines.contains { $0.lineIndex == lineIndex } }
    }
}

extension BoundingBox {
    /// The x just past the right edge.
    public var maxX: Int { x + width }
    /// The y just past the bottom edge.
    public var maxY: Int { y + height }
    /// The vertical centre.
    public var midY: Int { y + height / 2 }
    /// The horizontal centre.
    public var midX: Int { x + width / 2 }

    /// The smallest box holding both.
    public func union(_ other: BoundingBox) -> BoundingBox {
        let left = min(x, other.x)
        let top = min(y, other.y)
        return BoundingBox(
            x: left, y: top, width: max(maxX, other.maxX) - left, height: max(maxY, other.maxY) - top)
    }

    /// The area the two boxes share (0 when they do not meet).
    public func intersectionArea(with other: BoundingBox) -> Int {
        max(min(maxX, other.maxX) - max(x, other.x), 0) * max(min(maxY, other.maxY) - max(y, other.y), 0)
    }

    /// The smallest box holding all of `boxes`; nil when there are none.
    public static func union<S: Sequence>(of boxes: S) -> BoundingBox? where S.Element == BoundingBox {
        boxes.reduce(nil as BoundingBox?) { $0?.union($1) ?? $1 }
    }
}
