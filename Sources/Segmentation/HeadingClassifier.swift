import VietdocCore

/// Decides a section's category from the words of its heading, accent- and case-insensitively
/// and tolerant of OCR damage. When several categories' words occur, the one whose words come
/// first in the heading wins ("MỤC TIÊU, NHIỆM VỤ VÀ GIẢI PHÁP" → objectives).
public enum HeadingClassifier {
    /// Accent-free keyword phrases per category (the genre's usual section names).
    static let keywords: [(SectionCategory, [String])] = [
        (.appendix, ["phu luc", "phu bieu"]),
        (
            .assignments,
            [
                "to chuc thuc hien", "trach nhiem thuc hien", "phan cong", "phan cong nhiem vu",
                "trach nhiem cua cac", "trach nhiem thi hanh", "chiu trach nhiem thi hanh", "to chuc thi hanh",
            ]
        ),
        (.purpose, ["muc dich", "yeu cau"]),
        (.objectives, ["muc tieu", "chi tieu"]),
        (.principles, ["nguyen tac", "dieu kien", "quan diem"]),
        (.timeline, ["thoi gian", "dia diem", "tien do", "lo trinh"]),
        (.budget, ["kinh phi", "ngan sach", "nguon luc tai chinh", "du toan", "nguon von", "tai chinh thuc hien"]),
        (.recommendations, ["kien nghi", "de xuat", "de nghi"]),
        (
            .activities,
            [
                "noi dung", "nhiem vu", "hoat dong", "giai phap", "bien phap", "chuong trinh",
                "cac buoc", "trien khai",
            ]
        ),
    ]

    /// The category named by a heading's words, or nil when none of the genre's words occur.
    public static func category(ofHeading heading: String, atStart: Bool = false) -> SectionCategory? {
        let key = repairDigits(Fold.key(heading))
        guard !key.isEmpty else { return nil }
        var best: (SectionCategory, Int)?
        for (category, phrases) in keywords {
            for phrase in phrases {
                guard let pos = position(of: phrase, in: key) else { continue }
                if atStart && key.prefix(pos).split(separator: " ").count > 2 { continue }
                if best == nil || pos < best!.1 { best = (category, pos) }
            }
        }
        return best?.0
    }

    /// OCR digits inside words read as the letters they stand for ("t6 chuc" → "to chuc").
    static func repairDigits(_ key: String) -> String {
        let map: [Character: Character] = ["0": "o", "6": "o", "1": "l", "4": "a"]
        let chars = Array(key)
        var out = chars
        for (i, c) in chars.enumerated() {
            guard let r = map[c] else { continue }
            let prevLetter = i > 0 && chars[i - 1].isLetter
            let nextLetter = i + 1 < chars.count && chars[i + 1].isLetter
            if prevLetter || nextLetter { out[i] = r }
        }
        return String(out)
    }

    /// The character offset where `phrase` occurs in `key` (exactly, or approximately for long
    /// phrases), nil when it does not.
    static func position(of phrase: String, in key: String) -> Int? {
        let padded = " " + key + " "
        if let r = padded.range(of: " " + phrase + " ") {
            return padded.distance(from: padded.startIndex, to: r.lowerBound)
        }
        let p = Array(phrase)
        guard p.count >= 9 else { return nil }
        let budget = p.count >= 14 ? p.count / 4 : 1
        let t = Array(padded)
        let hit = Fold.approximateSearch(p, in: t)
        guard hit.distance <= budget else { return nil }
        return max(0, hit.end - p.count)
    }
}
