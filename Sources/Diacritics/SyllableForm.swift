/// Spelling conventions of a syllable: the tone-placement convention and case patterns.
///
/// The model's convention is the traditional placement for the open rhymes oa, oe, uy
/// ("hòa", "khỏe", "thủy"), the majority in the corpus; "hoà", "khoẻ", "thuỷ" are accepted on
/// input and mean the same syllable. Every other syllable has one standard placement.
public enum SyllableForm {
    /// The lower-case syllable in the model's tone convention.
    public static func canonical(_ lower: [Unicode.Scalar]) -> [Unicode.Scalar] {
        let n = lower.count
        guard n >= 2 else { return lower }
        // Only open rhymes ending in oa / oe / uy move their tone.
        guard let last = VietnameseLetters.marks(lower[n - 1]), let prev = VietnameseLetters.marks(lower[n - 2])
        else { return lower }
        let pair = (prev.base, last.base)
        guard pair == ("o", "a") || pair == ("o", "e") || pair == ("u", "y") else { return lower }
        guard prev.shape == .none, last.shape == .none, last.tone != .none, prev.tone == .none else { return lower }
        if n >= 3 {
            let before = lower[n - 3]
            if let b = VietnameseLetters.marks(before), "aeiouy".unicodeScalars.contains(b.base) { return lower }
            if pair == ("u", "y") && (before == "q" || before == "Q") { return lower }
        }
        var out = lower
        out[n - 2] =
            VietnameseLetters.letter(base: prev.base, shape: .none, tone: last.tone, uppercase: prev.isUppercase)
            ?? lower[n - 2]
        out[n - 1] =
            VietnameseLetters.letter(base: last.base, shape: .none, tone: .none, uppercase: last.isUppercase)
            ?? lower[n - 1]
        return out
    }

    /// How a token is capitalised.
    public enum CasePattern: Sendable { case lower, title, upper, mixed }

    /// The case pattern of a token's letters (a single capital counts as Title Case).
    public static func casePattern<S: Collection>(_ scalars: S) -> CasePattern where S.Element == Unicode.Scalar {
        var uppers = 0
        var lowers = 0
        var firstUpper = false
        var index = 0
        for u in scalars {
            let isUpper: Bool
            let isLower: Bool
            if let m = VietnameseLetters.marks(u) {
                isUpper = m.isUppercase
                isLower = !m.isUppercase
            } else {
                isUpper = u.properties.isUppercase
                isLower = u.properties.isLowercase
            }
            if isUpper {
                uppers += 1
                if index == 0 { firstUpper = true }
            }
            if isLower { lowers += 1 }
            if isUpper || isLower { index += 1 }
        }
        if uppers == 0 { return .lower }
        if lowers == 0 { return uppers == 1 ? .title : .upper }
        if firstUpper && uppers == 1 { return .title }
        return .mixed
    }

    /// A lower-case form written in a case pattern.
    public static func apply(_ pattern: CasePattern, to lower: [Unicode.Scalar]) -> String {
        var out = String.UnicodeScalarView()
        for (i, u) in lower.enumerated() {
            switch pattern {
            case .upper: out.append(VietnameseLetters.upper(u))
            case .title: out.append(i == 0 ? VietnameseLetters.upper(u) : u)
            case .lower, .mixed: out.append(u)
            }
        }
        return String(out)
    }
}
