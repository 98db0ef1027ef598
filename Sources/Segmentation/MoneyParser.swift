import Foundation

/// Amounts of money in Vietnamese notation: "." groups thousands, "," marks decimals, and
/// "tỷ" (10⁹), "triệu" (10⁶), "nghìn"/"ngàn" (10³) scale the number.
public enum MoneyParser {
    /// A number, optional scale word, then the currency word (folded text).
    static let pattern = Pattern(
        #"(?<![\d.,])(\d{1,3}(?:[.,]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)\s*(ty|trieu|nghin|ngan)?\s*(?:dong|d\b|vnd|vnđ|dong\b)"#
    )

    /// Every amount in a line: value in whole đồng, printed text and character range.
    public static func amounts(in text: String) -> [(amount: Int64, text: String, range: Range<Int>)] {
        let f = FoldedText(text)
        var out: [(Int64, String, Range<Int>)] = []
        for m in pattern.allMatches(in: f) {
            guard let r = m[0], let n = m[1] else { continue }
            let scale = m[2].map { f.text($0) }.map(Fold.key)
            if let v = value(f.text(n), scale: scale) { out.append((v, f.text(r), r)) }
        }
        return out.map { (amount: $0.0, text: $0.1, range: $0.2) }
    }

    /// The value of a printed number with an optional scale word ("tỷ", "triệu", "nghìn").
    public static func value(_ number: String, scale: String?) -> Int64? {
        let multiplier: Int64
        switch scale {
        case "ty": multiplier = 1_000_000_000
        case "trieu": multiplier = 1_000_000
        case "nghin", "ngan": multiplier = 1_000
        default: multiplier = 1
        }
        // Decide which separator is the thousands grouping: "1.766.925.000" and "1,766,925,000"
        // (every group three digits) are groupings; otherwise "," (or a lone ".") is decimal.
        var integerPart = number
        var fraction = ""
        let groupsDot = number.split(separator: ".", omittingEmptySubsequences: false)
        let groupsComma = number.split(separator: ",", omittingEmptySubsequences: false)
        func isGrouping(_ g: [Substring]) -> Bool {
            g.count > 1 && g.dropFirst().allSatisfy { $0.count == 3 } && (1...3).contains(g[0].count)
        }
        if number.contains(".") && number.contains(",") {
            // "1.234,5": dot groups, comma decimal.
            let parts = number.split(separator: ",")
            integerPart = parts[0].replacingOccurrences(of: ".", with: "")
            fraction = parts.count > 1 ? String(parts[1]) : ""
        } else if isGrouping(groupsDot) {
            integerPart = number.replacingOccurrences(of: ".", with: "")
        } else if isGrouping(groupsComma) && multiplier == 1 {
            integerPart = number.replacingOccurrences(of: ",", with: "")
        } else if let sep = number.first(where: { $0 == "," || $0 == "." }) {
            let parts = number.split(separator: sep)
            integerPart = String(parts[0])
            fraction = parts.count > 1 ? String(parts[1]) : ""
        }
        fraction = String(fraction.prefix(9))  // beyond a nano-đồng it cannot matter
        guard let whole = Int64(integerPart) else { return nil }
        var result = whole.multipliedReportingOverflow(by: multiplier)
        guard !result.overflow else { return nil }
        if !fraction.isEmpty, let f = Int64(fraction) {
            var denominator: Int64 = 1
            for _ in fraction { denominator *= 10 }
            let add = f.multipliedReportingOverflow(by: multiplier)
            guard !add.overflow else { return nil }
            result.partialValue += add.partialValue / denominator
        }
        return result.partialValue
    }
}
