import Foundation

/// Dates as Vietnamese documents print them, to ISO 8601.
enum VietnameseDate {
    /// "ngày 10 tháng 10 năm 2022" on folded text; day or month may be blank, or handwritten and
    /// read as junk ("ngày 4† tháng 02 năm 2025"), so their groups take a few characters of anything.
    static let spelled = Pattern(
        #"ng\S{0,2}y\s*(.{0,8}?)\s*th\S{0,2}ng\s*(.{0,6}?)\s*n\S{0,2}m\s*(\d{4})"#)
    /// "25/8/2022", "25-8-2022", "25.8.2022".
    static let numeric = Pattern(#"(?<![\d/])(\d{1,2})\s?[/\.\-]\s?(\d{1,2})\s?[/\.\-]\s?(\d{4})(?!\d)"#)

    /// ISO 8601 from day, month and year strings: "2022-10-10", or "2022-10"/"2022" when the day
    /// (or month) is missing or not a valid number.
    static func iso(day: String?, month: String?, year: String) -> String? {
        guard let y = Int(year), (1900...2100).contains(y) else { return nil }
        guard let ms = month, let m = Int(ms), (1...12).contains(m) else { return String(format: "%04d", y) }
        guard let ds = day, let d = Int(ds), (1...daysIn(month: m, year: y)).contains(d) else {
            return String(format: "%04d-%02d", y, m)
        }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Parses the first date in `text` (spelled or numeric): ISO form and printed text.
    static func first(in text: String) -> (iso: String, text: String, range: Range<Int>)? {
        let f = FoldedText(text)
        var found: [(String, String, Range<Int>)] = []
        if let m = spelled.firstMatch(in: f), let r = m[0], let y = m[3] {
            let d = m[1].map { f.text($0) }
            let mo = m[2].map { f.text($0) }
            if let iso = iso(day: d, month: mo, year: f.text(y)) { found.append((iso, f.text(r), r)) }
        }
        if let m = numeric.firstMatch(in: f), let r = m[0], let d = m[1], let mo = m[2], let y = m[3],
            let iso = iso(day: f.text(d), month: f.text(mo), year: f.text(y)), iso.count == 10
        {
            found.append((iso, f.text(r), r))
        }
        return found.min(by: { $0.2.lowerBound < $1.2.lowerBound }).map { (iso: $0.0, text: $0.1, range: $0.2) }
    }
}
