import Foundation
import VietdocCore

/// A line of text with its accent-free, lower-cased skeleton, character for character, so that
/// patterns matched on the skeleton ("can cu", "ngay … thang … nam") can be cut from the
/// original text with its accents intact.
struct FoldedText {
    let original: [Character]
    let folded: String
    private let foldedChars: [Character]

    init(_ text: String) {
        original = Array(VietnameseText.nfc(text))
        var chars: [Character] = []
        chars.reserveCapacity(original.count)
        for ch in original {
            let f = AccentFolding.fold(String(ch))
            chars.append(f.count == 1 ? f.first! : (String(ch).lowercased().first ?? ch))
        }
        foldedChars = chars
        folded = String(chars)
    }

    /// The original text of a character range.
    func text(_ range: Range<Int>) -> String {
        let lo = max(0, min(range.lowerBound, original.count))
        let hi = max(lo, min(range.upperBound, original.count))
        return String(original[lo..<hi])
    }

    /// Character offsets of an `NSRange` in `folded`.
    func offsets(_ ns: NSRange) -> Range<Int>? {
        guard ns.location != NSNotFound, let r = Range(ns, in: folded) else { return nil }
        let lo = folded.distance(from: folded.startIndex, to: r.lowerBound)
        let hi = folded.distance(from: folded.startIndex, to: r.upperBound)
        return lo..<hi
    }
}

/// A compiled pattern applied to folded text; groups come back as character ranges.
struct Pattern {
    let regex: NSRegularExpression

    init(_ pattern: String) {
        // The patterns are literals of this module; a bad one is a programming error.
        regex = try! NSRegularExpression(pattern: pattern, options: [])
    }

    /// The first match: whole range at index 0, then each group (nil when it did not take part).
    func firstMatch(in f: FoldedText, from start: Int = 0) -> [Range<Int>?]? {
        let ns = f.folded as NSString
        let startUTF16: Int
        if start <= 0 {
            startUTF16 = 0
        } else {
            let idx = f.folded.index(f.folded.startIndex, offsetBy: min(start, f.folded.count))
            startUTF16 = NSRange(f.folded.startIndex..<idx, in: f.folded).length
        }
        guard startUTF16 <= ns.length,
            let m = regex.firstMatch(
                in: f.folded, options: [], range: NSRange(location: startUTF16, length: ns.length - startUTF16))
        else { return nil }
        return (0..<m.numberOfRanges).map { f.offsets(m.range(at: $0)) }
    }

    /// Every match, as whole-match and group ranges.
    func allMatches(in f: FoldedText) -> [[Range<Int>?]] {
        let ns = f.folded as NSString
        return regex.matches(in: f.folded, options: [], range: NSRange(location: 0, length: ns.length)).map { m in
            (0..<m.numberOfRanges).map { f.offsets(m.range(at: $0)) }
        }
    }

}

/// Accent-insensitive comparison helpers used for headings, agencies and keywords.
enum Fold {
    /// Lower-cased accent-free text with punctuation turned into spaces and runs of spaces collapsed.
    static func key(_ s: String) -> String {
        let f = AccentFolding.fold(s)
        var out = ""
        var lastSpace = true
        for ch in f {
            if ch.isLetter || ch.isNumber {
                out.append(ch)
                lastSpace = false
            } else if !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        if out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// 1 − edit distance / longer length, on `key` forms.
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(key(a))
        let y = Array(key(b))
        let n = max(x.count, y.count)
        guard n > 0 else { return 1 }
        return 1 - Double(TextMetrics.editDistance(x, y)) / Double(n)
    }

    /// The smallest edit distance between `needle` and any substring of `haystack` (Sellers),
    /// with the end offset of the best match.
    static func approximateSearch(_ needle: [Character], in haystack: [Character]) -> (distance: Int, end: Int) {
        let m = needle.count
        guard m > 0 else { return (0, 0) }
        var prev = Array(0...m)
        var cur = [Int](repeating: 0, count: m + 1)
        var best = (distance: m, end: 0)
        for (j, h) in haystack.enumerated() {
            cur[0] = 0
            for i in 1...m {
                let cost = needle[i - 1] == h ? 0 : 1
                cur[i] = min(prev[i] + 1, cur[i - 1] + 1, prev[i - 1] + cost)
            }
            if cur[m] < best.distance { best = (cur[m], j + 1) }
            swap(&prev, &cur)
        }
        return best
    }
}

extension String {
    /// Trimmed of white space and newlines.
    var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Runs of white space collapsed to one space, trimmed.
    var collapsed: String { VietnameseText.collapseWhitespace(self) }

    /// Trimmed of the given characters at both ends, and of white space.
    func trimmed(_ chars: String) -> String {
        let set = CharacterSet(charactersIn: chars).union(.whitespacesAndNewlines)
        return trimmingCharacters(in: set)
    }

    var wordCount: Int { split(whereSeparator: { $0.isWhitespace }).count }
}
