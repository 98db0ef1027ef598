/// Why the restorer changed a token.
public enum ChangeReason: String, Codable, Sendable {
    /// Accents were missing and were put back.
    case stripped
    /// OCR had turned marks into other characters ("Tw" → "Tự").
    case confusion
    /// The accents were present but wrong (a tone slip: "TĨNH" → "TỈNH").
    case tone
    /// One token became several ("cuaBo" → "của Bộ").
    case split
    /// Several tokens became one ("ti,nh" → "tỉnh").
    case merge
    /// A document code or acronym had its Đ restored ("QD-UBND" → "QĐ-UBND").
    case code
    /// A fixed line of the form (the motto, a body's name, a signer's title, a type) written as
    /// printed where OCR damaged it ("CỘNG HOÀ Đã HỘI" → "CỘNG HÒA XÃ HỘI"); `original` and
    /// `output` are the whole line.
    case formLine = "form_line"
}

/// One token the restorer changed, with where it is and how sure it was.
public struct TokenChange: Codable, Equatable, Sendable {
    public var page: Int
    public var line: Int
    public var original: String
    public var output: String
    public var reason: ChangeReason
    /// Log-probability margin of the chosen path over the best path keeping the original.
    public var margin: Double
    /// Where the output stands in its restored line: the 1-based index of its first
    /// white-space-delimited word and how many words it spans (two for a split). Nil for a
    /// whole-line change and in records before schema 1.4.
    public var word: WordPosition?

    public init(
        page: Int, line: Int, original: String, output: String, reason: ChangeReason, margin: Double,
        word: WordPosition? = nil
    ) {
        self.page = page
        self.line = line
        self.original = original
        self.output = output
        self.reason = reason
        self.margin = margin
        self.word = word
    }
}

/// The words of a restored line a change or an unsure reading covers, and the OCR words of the
/// page they were read from.
public struct WordPosition: Codable, Equatable, Sendable {
    /// 1-based index of the first word in the restored line (words split at spaces and tabs).
    public var index: Int
    /// Words covered: 1, or more when a token was split ("cuaBo" → "của Bộ").
    public var count: Int
    /// 0-based indexes into the page's `words` (the OCR words) the text was read from; nil
    /// when the page has no OCR words.
    public var ocrWords: [Int]?
    /// The covered words' box on the page image (OCR pages only).
    public var box: BoundingBox?

    public init(index: Int, count: Int = 1, ocrWords: [Int]? = nil, box: BoundingBox? = nil) {
        self.index = index
        self.count = count
        self.ocrWords = ocrWords
        self.box = box
    }
}

/// A stretch of restored text the restorer was unsure of: a change with a small margin, or a
/// word kept as written although another reading came close (`kept`).
public struct LowConfidenceSpan: Codable, Equatable, Sendable {
    public var page: Int
    public var line: Int
    public var text: String
    /// Score margin (nats) of the reading written over the best other reading.
    public var margin: Double
    /// Where the text stands in its line and on the page (schema 1.4).
    public var word: WordPosition?
    /// True when the restorer kept the word as written (nil: it changed it).
    public var kept: Bool?

    public init(page: Int, line: Int, text: String, margin: Double, word: WordPosition? = nil, kept: Bool? = nil) {
        self.page = page
        self.line = line
        self.text = text
        self.margin = margin
        self.word = word
        self.kept = kept
    }
}

/// What restoration did to a document: the text state it judged, and its changes.
public struct RestorationSummary: Codable, Equatable, Sendable {
    /// The state the text was judged to be in: "stripped", "mangled" or "accented".
    public var regime: String
    public var modelVersion: String
    /// Every change, or in a record the first `listedChangesPerPage` of each page.
    public var changes: [TokenChange]
    /// The changes left out of `changes`, counted by page; nil when every change is listed.
    public var omittedChanges: [OmittedChanges]?

    /// The most changes a record lists for one page (about 1.2 MB of JSON): a scanned page has
    /// a few hundred, a text dump of some twenty pages (one page of text) fewer than this; a
    /// one-line dump of megabytes would otherwise make a record thirty times its size.
    public static let listedChangesPerPage = 10_000

    public init(regime: String, modelVersion: String, changes: [TokenChange], omittedChanges: [OmittedChanges]? = nil) {
        self.regime = regime
        self.modelVersion = modelVersion
        self.changes = changes
        self.omittedChanges = omittedChanges
    }

    /// The summary with at most `perPage` changes of each page listed (the first ones, in
    /// order) and the others counted in `omittedChanges`.
    public func listing(atMost perPage: Int = listedChangesPerPage) -> RestorationSummary {
        let (kept, counts) = PerPageListing.first(perPage, of: changes, page: \.page)
        guard !counts.isEmpty else { return self }
        return RestorationSummary(
            regime: regime, modelVersion: modelVersion, changes: kept, omittedChanges: (omittedChanges ?? []) + counts)
    }
}

/// Lists of a record that keep at most so many items of each page and count the rest.
public enum PerPageListing {
    /// The first `perPage` items of each page, in order, and per page how many were left out
    /// (sorted by page; empty when nothing was).
    public static func first<Item>(_ perPage: Int, of items: [Item], page: (Item) -> Int) -> (
        kept: [Item], omitted: [OmittedChanges]
    ) {
        var listedOnPage: [Int: Int] = [:]
        var omitted: [Int: Int] = [:]
        var kept: [Item] = []
        for item in items {
            let number = page(item)
            if listedOnPage[number, default: 0] < perPage {
                listedOnPage[number, default: 0] += 1
                kept.append(item)
            } else {
                omitted[number, default: 0] += 1
            }
        }
        return (kept, omitted.keys.sorted().map { OmittedChanges(page: $0, count: omitted[$0]!) })
    }
}

/// How many of a page's items (changes, low-confidence spans) a record leaves out of a list.
public struct OmittedChanges: Codable, Equatable, Sendable {
    public var page: Int
    public var count: Int

    public init(page: Int, count: Int) {
        self.page = page
        self.count = count
    }
}
