import Foundation

/// The marks a Vietnamese letter carries, split into its base letter, vowel shape and tone.
///
/// Precomposed letters (NFC) are decomposed through a table built once, so that restoring and
/// comparing marks never calls into Unicode normalisation on the hot path.
public struct LetterMarks: Equatable, Sendable {
    /// Vowel shape: none, breve (ă), circumflex (â ê ô), horn (ơ ư), bar (đ).
    public enum Shape: UInt8, Sendable {
        case none = 0
        case breve, circumflex, horn, bar
    }
    /// Tone: ngang (none), huyền, sắc, hỏi, ngã, nặng.
    public enum Tone: UInt8, Sendable {
        case none = 0
        case grave, acute, hook, tilde, dot
    }

    /// The lower-case accent-free letter (a…z).
    public var base: Unicode.Scalar
    public var shape: Shape
    public var tone: Tone
    public var isUppercase: Bool
}

/// Letter tables and conversions for Vietnamese syllables.
public enum VietnameseLetters {
    static let shapeMarks: [UInt32: LetterMarks.Shape] = [0x0306: .breve, 0x0302: .circumflex, 0x031B: .horn]
    static let toneMarks: [UInt32: LetterMarks.Tone] = [
        0x0300: .grave, 0x0301: .acute, 0x0309: .hook, 0x0303: .tilde, 0x0323: .dot,
    ]

    /// Every Latin letter that can occur in Vietnamese, keyed by scalar value.
    static let table: [UInt32: LetterMarks] = {
        var t: [UInt32: LetterMarks] = [:]
        for v in UInt32(0x41)...UInt32(0x1EF9) {
            guard let u = Unicode.Scalar(v), u.properties.isAlphabetic else { continue }
            if v > 0x24F && v < 0x1E00 { continue }
            let d = Array(String(u).decomposedStringWithCanonicalMapping.unicodeScalars)
            guard let first = d.first, first.isASCII, first.properties.isAlphabetic else { continue }
            var shape = LetterMarks.Shape.none
            var tone = LetterMarks.Tone.none
            var ok = true
            for m in d.dropFirst() {
                if let s = shapeMarks[m.value], shape == .none {
                    shape = s
                } else if let tn = toneMarks[m.value], tone == .none {
                    tone = tn
                } else {
                    ok = false
                }
            }
            guard ok else { continue }
            let lower = Unicode.Scalar(first.value | 0x20)!
            t[v] = LetterMarks(base: lower, shape: shape, tone: tone, isUppercase: first.value < 0x61)
        }
        t[0x0110] = LetterMarks(base: "d", shape: .bar, tone: .none, isUppercase: true)
        t[0x0111] = LetterMarks(base: "d", shape: .bar, tone: .none, isUppercase: false)
        return t
    }()

    /// `table` as a flat array indexed by scalar value (all Vietnamese letters are below U+1F00),
    /// so that the hot paths read marks without hashing.
    static let flat: [LetterMarks?] = {
        var a = [LetterMarks?](repeating: nil, count: 0x1F00)
        for (v, m) in table where v < 0x1F00 { a[Int(v)] = m }
        return a
    }()

    /// (base, shape, tone, uppercase) → scalar, the inverse of `table`.
    static let compose: [UInt32: Unicode.Scalar] = {
        var c: [UInt32: Unicode.Scalar] = [:]
        for (v, m) in table { c[key(m.base, m.shape, m.tone, m.isUppercase)] = Unicode.Scalar(v)! }
        return c
    }()

    @inline(__always)
    static func key(_ base: Unicode.Scalar, _ shape: LetterMarks.Shape, _ tone: LetterMarks.Tone, _ upper: Bool)
        -> UInt32
    {
        (base.value << 12) | (UInt32(shape.rawValue) << 8) | (UInt32(tone.rawValue) << 4) | (upper ? 1 : 0)
    }

    /// The marks of a letter, or nil for anything that is not a (Vietnamese) Latin letter.
    @inline(__always)
    public static func marks(_ u: Unicode.Scalar) -> LetterMarks? { u.value < 0x1F00 ? flat[Int(u.value)] : nil }

    /// The letter with the given base, shape and tone, if it exists.
    public static func letter(base: Unicode.Scalar, shape: LetterMarks.Shape, tone: LetterMarks.Tone, uppercase: Bool)
        -> Unicode.Scalar?
    {
        compose[key(base, shape, tone, uppercase)]
    }

    /// Lower-case form of a letter scalar (other scalars unchanged).
    @inline(__always)
    public static func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u.value < 0x80 { return (u.value >= 0x41 && u.value <= 0x5A) ? Unicode.Scalar(u.value | 0x20)! : u }
        guard let m = marks(u), m.isUppercase else { return u }
        return compose[key(m.base, m.shape, m.tone, false)] ?? u
    }

    /// Upper-case form of a letter scalar (other scalars unchanged).
    @inline(__always)
    public static func upper(_ u: Unicode.Scalar) -> Unicode.Scalar {
        if u.value < 0x80 { return (u.value >= 0x61 && u.value <= 0x7A) ? Unicode.Scalar(u.value & ~0x20)! : u }
        guard let m = marks(u), !m.isUppercase else { return u }
        return compose[key(m.base, m.shape, m.tone, true)] ?? u
    }

    /// The accent-free lower-case skeleton of a token ("Đường" → "duong"); nil if it holds a
    /// scalar that is not a Latin letter.
    /// The core's `AccentFolding`, restricted to tokens made of letters.
    public static func skeleton<S: Sequence>(_ scalars: S) -> String? where S.Element == Unicode.Scalar {
        var out = String.UnicodeScalarView()
        for u in scalars {
            guard marks(u) != nil, let folded = AccentFolding.folded(u) else { return nil }
            out.append(folded)
        }
        return String(out)
    }

    /// True when any scalar carries a Vietnamese mark (tone, vowel shape or đ).
    public static func hasMarks<S: Sequence>(_ scalars: S) -> Bool where S.Element == Unicode.Scalar {
        for u in scalars where u.value >= 0x80 {
            if let m = marks(u), m.shape != .none || m.tone != .none { return true }
        }
        return false
    }
}

extension Unicode.Scalar {
    /// White space, with an ASCII fast path.
    @inline(__always)
    var isSpaceFast: Bool {
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return properties.isWhitespace
    }

    /// A decimal or other numeric character, with an ASCII fast path.
    @inline(__always)
    var isNumericFast: Bool {
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return properties.numericType != nil
    }
}
