/// The state a text is in, judged per document or page, which sets how much the input's own
/// marks are trusted.
public enum TextRegime: String, Codable, Sendable, CaseIterable {
    /// Accents removed ("Ke hoach trien khai"): every mark must be restored.
    case stripped
    /// Accents turned into other characters by OCR run with the wrong model ("Poc lap — Tw do").
    case mangled
    /// Accents mostly right, with the odd slip (tesseract `vie` output, or correct text).
    case accented

    /// Judges the regime from sample lines: the share of word tokens carrying marks and the
    /// share showing OCR damage (digits or symbols inside words, letters that are no syllable
    /// nor a foreign word of the corpus).
    public static func judge<S: Sequence>(lines: S, model: DiacriticModel) -> TextRegime where S.Element == String {
        var stats = RegimeStatistics()
        for line in lines { stats.add(line: line, model: model) }
        return stats.regime
    }
}

/// Running counts behind `TextRegime.judge`, usable on a stream.
public struct RegimeStatistics: Sendable {
    public private(set) var words = 0
    public private(set) var marked = 0
    public private(set) var damaged = 0

    public init() {}

    public mutating func add(line: String, model: DiacriticModel) {
        for token in line.split(whereSeparator: { $0.isWhitespace }) {
            let scalars = Array(token.unicodeScalars)
            var letters = 0
            var digits = 0
            var junk = 0
            var inner = 0
            var core: [Unicode.Scalar] = []
            for (i, u) in scalars.enumerated() {
                if VietnameseLetters.marks(u) != nil {
                    letters += 1
                    core.append(VietnameseLetters.lower(u))
                } else if u.properties.numericType != nil {
                    digits += 1
                    core.append(u)
                } else if "¢€¥§$".unicodeScalars.contains(u) {
                    junk += 1
                    core.append(u)
                } else if i > 0 && i < scalars.count - 1 && u.properties.isAlphabetic == false {
                    inner += 1
                }
            }
            guard letters >= 2 || (letters >= 1 && (digits > 0 || junk > 0)) else { continue }
            // All-capital acronyms and codes say nothing about the regime.
            if letters == core.count, SyllableForm.casePattern(scalars) == .upper, !model.hasSkeleton(core) { continue }
            words += 1
            if VietnameseLetters.hasMarks(scalars) { marked += 1 }
            if junk > 0 || (digits > 0 && letters > 0 && digits + letters == core.count) {
                damaged += 1
            } else if letters == core.count && !model.hasSkeleton(core) && letters <= 7
                && !model.foreignWords.contains(letters: core)
            {
                damaged += 1
            }
        }
    }

    /// The regime the counts point to. With few words: stripped when none of at least two
    /// carries a mark ("Ke hoach trien khai"), otherwise accented (nothing is known).
    public var regime: TextRegime {
        guard words >= 5 else { return words >= 2 && marked == 0 ? .stripped : .accented }
        let m = Double(marked) / Double(words)
        let d = Double(damaged) / Double(words)
        if m >= 0.45 { return .accented }
        if m < 0.10 && d < 0.06 { return .stripped }
        return .mangled
    }
}
