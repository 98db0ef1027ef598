import Foundation

/// Text helpers shared by every stage: normalisation, accent stripping, syllable splitting.
public enum VietnameseText {
    /// The string in Unicode NFC, the form every stage works in.
    public static func nfc(_ s: String) -> String { s.precomposedStringWithCanonicalMapping }

    /// The accent-free skeleton: tone marks and vowel marks removed, đ/Đ → d/D, case kept.
    ///
    /// "Độc lập" → "Doc lap". Characters that are not Latin letters are returned as they are.
    public static func stripDiacritics(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue  // combining marks: tones, breve, circumflex, horn
            case 0x0110: out.append("D")
            case 0x0111: out.append("d")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// True when the scalar is a letter or digit, the characters that make up a syllable token.
    @inlinable
    public static func isWordScalar(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil
    }

    /// The syllables of a text for scoring: maximal runs of letters and digits, in NFC.
    public static func syllables(_ s: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        for u in nfc(s).unicodeScalars {
            if isWordScalar(u) || (0x0300...0x036F).contains(u.value) {
                current.append(u)
            } else if !current.isEmpty {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// The text with each run of white space (line breaks included) as one space, trimmed at
    /// both ends unless `trimming` is false (then an outer run stays one space). Not normalised.
    /// True when at least `share` of the letters are capitals and there are at least
    /// `minimumLetters` letters to judge by.
    public static func isMostlyCapitals(_ s: String, share: Double, minimumLetters: Int = 1) -> Bool {
        let letters = s.filter(\.isLetter)
        guard letters.count >= max(1, minimumLetters) else { return false }
        return Double(letters.filter(\.isUppercase).count) >= share * Double(letters.count)
    }

    public static func collapseWhitespace<S: StringProtocol>(_ s: S, trimming: Bool = true) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        var pendingSpace = false
        for ch in s {
            if ch.isWhitespace {
                pendingSpace = true
            } else {
                if pendingSpace && (!trimming || !out.isEmpty) { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        if pendingSpace && !trimming { out.append(" ") }
        return out
    }
}
