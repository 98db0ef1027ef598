import Foundation

/// The numbering at the start of a line: "II.", "2.", "2/", "1.1.", "a)", "Điều 3.", with OCR damage repaired
/// ("I1." → II, "V1." → VI, "2.Sở" without a space).
struct HeadingNumber: Equatable {
    enum Style: Equatable {
        case roman
        case arabic
        /// "1.1." has depth 2, "1.1.1." depth 3.
        case nested(depth: Int)
        case letter
        /// "Điều 3." — an article of a decision or regulation.
        case article
    }

    var style: Style
    /// The normalised label: "II", "3", "2.1", "a".
    var label: String
    /// The numeric value of the last component (roman value for Roman numerals).
    var value: Int
    /// The text after the numbering.
    var title: String
    /// True when OCR confusions were repaired in the numeral.
    var repaired: Bool

    private static let romanPattern = try! NSRegularExpression(pattern: #"^([IVXU1l|]{1,5})\s?[\.\):]\s*(\S.*)$"#)
    private static let nestedPattern = try! NSRegularExpression(
        pattern: #"^(\d{1,2}(?:\.\d{1,2}){1,3})(?:\.|\s|\))\s*(\S.*)$"#)
    private static let arabicPattern = try! NSRegularExpression(pattern: #"^(\d{1,2})\s?[\.\)/]\s*(\S.*)$"#)
    private static let letterPattern = try! NSRegularExpression(pattern: #"^([a-zđ])\)\s*(\S.*)$"#)
    private static let romanDashPattern = try! NSRegularExpression(pattern: #"^([IVX]{1,5})\s?[-–]\s*(\S.*)$"#)
    private static let articlePattern = try! NSRegularExpression(
        pattern: #"^(?:Điều|ĐIỀU|Dieu|DIEU)\s+(\d{1,3})\s?[\.:]\s*(\S.*)?$"#)

    /// Parses the numbering of a cleaned line, or nil when it does not start with one. The title
    /// must start with a letter or an opening quote, so amounts ("2.500.000 đồng") and table
    /// rows ("1 | Sơ sinh") are not numberings.
    static func parse(_ raw: String) -> HeadingNumber? {
        // OCR noise after the text: a table rule or stray marks ("II. KINH PHÍ. |").
        var line = raw
        while let last = line.last, "|_~".contains(last) || last == " " { line.removeLast() }
        if let (tok, title) = groups(romanPattern, line), startsLikeTitle(title),
            !tok.contains("U") || SectionBuilder.isCaps(title),
            let (value, repaired) = romanValue(tok)
        {
            return HeadingNumber(
                style: .roman, label: roman(value), value: value, title: title, repaired: repaired)
        }
        if let (tok, title) = groups(romanDashPattern, line), SectionBuilder.isCaps(title), startsLikeTitle(title),
            let (value, repaired) = romanValue(tok)
        {
            return HeadingNumber(
                style: .roman, label: roman(value), value: value, title: title, repaired: repaired)
        }
        if let (tok, title) = groups(articlePattern, line), let v = Int(tok) {
            return HeadingNumber(style: .article, label: "Điều \(v)", value: v, title: title, repaired: false)
        }
        if let (tok, title) = groups(nestedPattern, line), startsLikeTitle(title) {
            let parts = tok.split(separator: ".").compactMap { Int($0) }
            return HeadingNumber(
                style: .nested(depth: parts.count), label: parts.map(String.init).joined(separator: "."),
                value: parts.last ?? 0, title: title, repaired: false)
        }
        if let (tok, title) = groups(arabicPattern, line), startsLikeTitle(title), let v = Int(tok) {
            return HeadingNumber(style: .arabic, label: String(v), value: v, title: title, repaired: false)
        }
        if let (tok, title) = groups(letterPattern, line), startsLikeTitle(title) {
            let v = Int(tok.unicodeScalars.first!.value) - 96
            return HeadingNumber(style: .letter, label: tok, value: v, title: title, repaired: false)
        }
        return nil
    }

    private static func groups(_ re: NSRegularExpression, _ s: String) -> (String, String)? {
        let ns = NSRange(s.startIndex..., in: s)
        guard let m = re.firstMatch(in: s, range: ns), let a = Range(m.range(at: 1), in: s) else { return nil }
        let b = Range(m.range(at: 2), in: s).map { String(s[$0]) } ?? ""
        return (String(s[a]), b)
    }

    private static func startsLikeTitle(_ title: String) -> Bool {
        guard let f = title.first else { return false }
        if title.contains("|") { return false }
        return f.isLetter || "“\"(".contains(f)
    }

    /// The value of a Roman numeral whose I's may have been read as 1, l or | and V as U; nil
    /// when the token holds no Roman letter or is not a well-formed numeral. (A V read as U is
    /// accepted only before a title in capitals, checked by the caller.)
    static func romanValue(_ token: String) -> (Int, Bool)? {
        guard token.contains(where: { "IVXU".contains($0) }) else { return nil }
        var repaired = false
        var s = ""
        for ch in token {
            if "1l|".contains(ch) {
                s.append("I")
                repaired = true
            } else if ch == "U" {
                s.append("V")
                repaired = true
            } else {
                s.append(ch)
            }
        }
        let values: [Character: Int] = ["I": 1, "V": 5, "X": 10]
        var total = 0
        let chars = Array(s)
        for (i, c) in chars.enumerated() {
            let v = values[c]!
            if i + 1 < chars.count, let next = values[chars[i + 1]], next > v { total -= v } else { total += v }
        }
        guard total > 0, total <= 30, roman(total) == s else { return nil }
        return (total, repaired)
    }

    static func roman(_ n: Int) -> String {
        let table: [(Int, String)] = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var out = ""
        for (v, s) in table {
            while n >= v {
                out += s
                n -= v
            }
        }
        return out
    }
}
