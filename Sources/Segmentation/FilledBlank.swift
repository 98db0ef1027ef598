import Foundation
import VietdocCore

/// A printed blank that is filled in by hand or stamped after printing: the number after "Số:",
/// the day (and sometimes the month) of the date line. What OCR makes of it is taken only when it
/// is a plausible value read with confidence; otherwise the field is left out and listed as
/// unreadable with the raw text and its box, never guessed.
enum FilledBlank {
    /// Word confidence (0–100) under which OCR'd digits are not trusted.
    static let minimumConfidence = 60.0
    /// The confidence handwritten digits must reach: a handwritten number is often misread with
    /// a fair confidence ("44" at 91 for a hand-written "11"), and a wrong number is worse than a
    /// flagged one.
    static let filledBlankConfidence = 93.0

    enum Reading: Equatable {
        case value(String)
        /// Nothing was read in the blank (empty on the page, or lost by OCR).
        case blank
        case unreadable(raw: String, reason: String)
    }

    /// Reads `raw` (the text found in the blank) with `isValue` deciding what a value looks like;
    /// `words` are the OCR words of the line, for their confidences.
    static func read(
        _ raw: String, words: [Word], isValue: (String) -> Bool, minimumConfidence: Double = minimumConfidence
    ) -> Reading {
        let t = raw.trimmed(" :;.,_")
        if t.isEmpty { return .blank }
        let compact = t.replacingOccurrences(of: " ", with: "")
        guard isValue(compact) else { return .unreadable(raw: t, reason: "handwritten") }
        if let c = confidence(of: t, in: words), c < minimumConfidence {
            return .unreadable(raw: t, reason: "low_confidence")
        }
        return .value(compact)
    }

    /// The OCR words that hold the pieces of `raw` (the lowest confidence and their box).
    static func wordsHolding(_ raw: String, in words: [Word]) -> [Word] {
        let pieces = raw.split(separator: " ").map(String.init).filter { !$0.isEmpty }
        return words.filter { w in pieces.contains { w.text.contains($0) } }
    }

    static func confidence(of raw: String, in words: [Word]) -> Double? {
        wordsHolding(raw, in: words).map(\.confidence).min()
    }

    /// The box of the words holding `raw`, or the line's box.
    static func box(of raw: String, in line: DocumentLine) -> BoundingBox? {
        BoundingBox.union(of: wordsHolding(raw, in: line.words).map(\.box)) ?? line.box
    }

    /// The entry of `unreadable` for a blank that gave no value.
    static func unreadable(_ field: String, _ reading: Reading, line: DocumentLine) -> UnreadableField? {
        switch reading {
        case .value: return nil
        case .blank:
            return UnreadableField(
                field: field, rawText: "", reason: "blank", page: line.page, box: line.box, span: line.span)
        case .unreadable(let raw, let reason):
            return UnreadableField(
                field: field, rawText: raw, reason: reason, page: line.page, box: box(of: raw, in: line),
                span: line.span)
        }
    }

    /// True when the words of a filled-in value stand more than 10% taller than the printed words
    /// next to it: handwriting in a printed blank (typed digits share the sign's font).
    static func isTaller(_ value: [Word], than printed: [Word]) -> Bool {
        guard let v = value.first, let p = printed.first, v != p else { return false }
        return v.box.height * 10 > p.box.height * 11
    }

    static func isNumber(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 5 && s.allSatisfy(\.isASCII) && s.allSatisfy(\.isNumber)
    }
}
