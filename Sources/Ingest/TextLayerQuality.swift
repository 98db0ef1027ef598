import Foundation

/// Decides whether a PDF page's text layer is real text worth taking instead of OCR.
///
/// A layer is rejected when it is empty or nearly so (a scan with a stray page number), when
/// it carries replacement or private-use characters (fonts without a Unicode map), or when
/// its "words" do not look like words (glyph codes mapped to random Latin letters and
/// punctuation). Over a scanned page image, a layer is also rejected when it has lost the
/// Vietnamese diacritics (an earlier OCR with an English model, like the archives' dumps):
/// Vietnamese prose has marks on about 80% of its words, such layers on under 25%.
public struct TextLayerQuality: Equatable, Sendable {
    /// Letters in the layer.
    public var letters: Int
    /// Non-space characters in the layer.
    public var visible: Int
    /// U+FFFD, private-use and control characters.
    public var bad: Int
    /// Tokens that are made of letters and hold a vowel, over all tokens with a letter.
    public var wordLikeShare: Double
    /// Tokens with a letter that carry a diacritic (or đ), over all tokens with a letter.
    public var diacriticShare: Double

    /// Fewer letters than this and a page is treated as having no text layer.
    public static let minimumLetters = 40

    public init(text: String) {
        var letters = 0
        var visible = 0
        var bad = 0
        for u in text.unicodeScalars {
            if u.properties.isWhitespace { continue }
            visible += 1
            if u.properties.isAlphabetic { letters += 1 }
            if u == "\u{FFFD}" || (0xE000...0xF8FF).contains(u.value) || (0xF0000...0x10FFFF).contains(u.value)
                || (u.properties.generalCategory == .control)
            {
                bad += 1
            }
        }
        var lettered = 0
        var wordLike = 0
        var marked = 0
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            let core = token.trimmingCharacters(in: .punctuationCharacters.union(.symbols))
            guard core.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { continue }
            lettered += 1
            let lower = core.lowercased()
            let plain = VietnameseText.stripDiacritics(lower)
            if plain != lower { marked += 1 }
            let allLetters = core.unicodeScalars.allSatisfy {
                $0.properties.isAlphabetic || $0 == "-" || $0 == "/" || $0 == "." || $0 == "'"
                    || ("0"..."9").contains($0)
            }
            if allLetters && plain.contains(where: { "aeiouy".contains($0) }) { wordLike += 1 }
        }
        self.letters = letters
        self.visible = visible
        self.bad = bad
        self.wordLikeShare = lettered == 0 ? 0 : Double(wordLike) / Double(lettered)
        self.diacriticShare = lettered == 0 ? 0 : Double(marked) / Double(lettered)
    }

    /// Share of marked words under which a layer over a page image counts as an
    /// accent-stripping OCR layer.
    public static let minimumDiacriticShareOverScan = 0.45

    /// Whether the layer is usable text on a page that is (mostly) one scanned image.
    public func isUsable(overScan: Bool) -> Bool {
        isUsable && (!overScan || diacriticShare >= Self.minimumDiacriticShareOverScan)
    }

    /// Whether the layer is usable text.
    public var isUsable: Bool {
        letters >= Self.minimumLetters
            && Double(bad) <= 0.01 * Double(visible)
            && Double(letters) >= 0.5 * Double(visible)
            && wordLikeShare >= 0.6
    }
}
