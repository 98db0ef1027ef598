import Foundation
import VietdocCore

/// Finds a page's regions from its text alone (the `.textRows` method), for text dumps and text
/// layers without boxes.
///
/// A dump of a Decree 30/2020 page reads each two-column row across both columns. The rows of
/// the header band are split where a run of spaces shows the gutter, else by their wording:
/// before the national name ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM") or the motto ("Độc lập - Tự
/// do - Hạnh phúc"), between "Số: …/…" and "<place>, ngày …". The rows of the closing band are
/// split between a recipient and the signature block (a title such as "CHỦ TỊCH" or a name).
struct TextRowLayout {
    let page: PageText
    let isFirstPage: Bool
    let isLastPage: Bool

    func analyse() -> PageText {
        let lines = page.lines
        var headerLeft: [String] = []
        var headerRight: [String] = []
        var index = 0
        if isFirstPage {
            var seen = 0
            while index < lines.count, seen < 8 {
                let line = lines[index]
                if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    index += 1
                    continue
                }
                if Self.isTypeLine(line) || Self.startsBody(line) { break }
                let (left, right) = Self.splitHeader(line)
                guard left != nil || right != nil else { break }
                if let left { headerLeft.append(left) }
                if let right { headerRight.append(right) }
                seen += 1
                index += 1
            }
            if headerRight.isEmpty {
                headerLeft = []
                index = 0
            }
        }
        var title: [String] = []
        var titleStart = index
        while titleStart < lines.count, lines[titleStart].trimmingCharacters(in: .whitespaces).isEmpty {
            titleStart += 1
        }
        var bodyStart = index
        if isFirstPage, titleStart < lines.count, Self.isTypeLine(lines[titleStart]) {
            var k = titleStart
            while k < lines.count, k - titleStart < 4, !lines[k].trimmingCharacters(in: .whitespaces).isEmpty {
                if k > titleStart, Self.startsBody(lines[k]) { break }
                title.append(lines[k])
                k += 1
            }
            bodyStart = k
        }
        let closingStart =
            (bodyStart..<lines.count).first { StampClassifier.isRecipientsHeading(lines[$0]) } ?? lines.count
        var body = Array(lines[bodyStart..<closingStart])
        if title.isEmpty, bodyStart == index, index > 0 {
            while body.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { body.removeFirst() }
        }
        var closingLeft: [String] = []
        var closingRight: [String] = []
        var closingEnd = closingStart
        while closingEnd < lines.count {
            let line = lines[closingEnd]
            // The band ends after the signer's name, or where an appendix starts.
            if closingEnd > closingStart, Self.startsAppendix(line) { break }
            closingEnd += 1
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            let (left, right) = Self.splitClosing(line)
            if let left { closingLeft.append(left) }
            if let right {
                let isSigner = Self.isPersonName(right.split(separator: " ").map(String.init))
                // The signature's space before the signer's name stays a blank line.
                if isSigner, !closingRight.isEmpty { closingRight.append("") }
                closingRight.append(right)
                if isSigner { break }
            }
        }
        let after = Array(lines[closingEnd...])

        var out: [String] = []
        var regions: [LayoutRegion] = []
        func add(_ kind: RegionKind, _ texts: [String], separate: Bool = true) {
            guard texts.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { return }
            var texts = texts
            if separate {
                while texts.first?.trimmingCharacters(in: .whitespaces).isEmpty == true { texts.removeFirst() }
                if let last = out.last, !last.isEmpty { out.append("") }
            }
            var layoutLines: [LayoutLine] = []
            for text in texts {
                out.append(text)
                if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                    layoutLines.append(LayoutLine(text: text, lineIndex: out.count))
                }
            }
            regions.append(LayoutRegion(kind: kind, lines: layoutLines))
        }
        add(.headerLeft, headerLeft)
        add(.headerRight, headerRight)
        add(.title, title)
        add(.body, body, separate: !(headerLeft.isEmpty && title.isEmpty))
        add(.closingLeft, closingLeft)
        add(.closingRight, closingRight)
        add(.body, after)
        regions = regions.map { region in
            var region = region
            region.lines.removeAll { $0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            return region
        }
        while out.last?.isEmpty == true { out.removeLast() }
        var result = page
        result.lines = out
        result.layout = PageLayout(method: .textRows, regions: regions)
        return result
    }

    // MARK: - Header rows

    /// The left and right parts of a header row; (nil, nil) when the line is not a header row.
    static func splitHeader(_ line: String) -> (String?, String?) {
        if let (l, r) = splitAtSpaces(line) { return (l, r) }
        let tokens = Tokens(line)
        for key in ["cong hoa xa hoi chu nghia viet nam", "doc lap tu do hanh phuc"] {
            if let k = tokens.find(key) {
                return k == 0 ? (nil, line.trimmed) : (tokens.text(..<k), tokens.text(k...))
            }
        }
        if let comma = tokens.placeDateComma() {
            // "Số: 12/KH-UBND Lào Cai, ngày …": the place starts after the number and sign.
            let signEnd = (0...comma).last { k in
                tokens.words[k].contains(where: { "/-[".contains($0) || $0.isNumber })
                    && !tokens.words[k].hasSuffix(",")
            }
            guard let signEnd, tokens.isNumberLine else { return (nil, line.trimmed) }
            if signEnd >= comma { return (line.trimmed, nil) }
            return (tokens.text(...signEnd), tokens.text((signEnd + 1)...))
        }
        if tokens.isNumberLine { return (line.trimmed, nil) }
        // An issuer line in capitals ("ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "SỞ Y TẾ").
        let letters = line.filter(\.isLetter)
        if !letters.isEmpty, letters.count <= 60, letters == letters.uppercased() { return (line.trimmed, nil) }
        return (nil, nil)
    }

    // MARK: - Closing rows

    /// The recipients part and the signature part of a closing row.
    static func splitClosing(_ line: String) -> (String?, String?) {
        if let (l, r) = splitAtSpaces(line) { return (l, r) }
        let trimmed = line.trimmed
        let tokens = Tokens(trimmed)
        if StampClassifier.isRecipientsHeading(trimmed) {
            if let colon = tokens.words.firstIndex(where: { $0.hasSuffix(":") }), colon + 1 < tokens.words.count {
                return (tokens.text(...colon), tokens.text((colon + 1)...))
            }
            return (trimmed, nil)
        }
        if trimmed.hasPrefix("-") || trimmed.hasPrefix("+") || trimmed.hasPrefix("•") {
            // A recipient, maybe followed by the signature block's text on the same row.
            for k in 1..<max(tokens.words.count, 1)
            where tokens.words[k - 1].last.map({ ";,.".contains($0) }) == true {
                let rest = Array(tokens.words[k...])
                if isSignature(rest) { return (tokens.text(..<k), tokens.text(k...)) }
            }
            return (trimmed, nil)
        }
        if isSignature(tokens.words) { return (nil, trimmed) }
        return (trimmed, nil)
    }

    /// A signature block line: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ GIÁM ĐỐC", a name.
    static func isSignature(_ words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= 8, words.last?.last.map({ ";:".contains($0) }) != true else {
            return false
        }
        let text = words.joined(separator: " ")
        let tokens = StampClassifier.skeletonTokens(text)
        if ["tm", "kt", "tl", "tuq", "q"].contains(tokens.first ?? ""), text.contains(".") { return true }
        for key in ["chu tich", "pho chu tich", "giam doc", "pho giam doc", "truong ban", "chanh van phong"]
        where StampClassifier.startsWith(tokens, key) {
            return true
        }
        if text.lowercased().contains("đã ký") || text.lowercased().contains("da ky") { return true }
        return isPersonName(words)
    }

    /// A person's name: two to five capitalised words of letters only ("Giàng Thị Dung").
    static func isPersonName(_ words: [String]) -> Bool {
        (2...5).contains(words.count)
            && words.allSatisfy { w in
                guard let first = w.first, w.allSatisfy(\.isLetter) else { return false }
                return first.isUppercase && w.dropFirst().allSatisfy(\.isLowercase)
            }
    }

    /// "Phụ lục …", "PHỤ BIỂU …": an appendix after the signature.
    static func startsAppendix(_ line: String) -> Bool {
        let tokens = StampClassifier.skeletonTokens(line)
        return StampClassifier.startsWith(tokens, "phu luc") || StampClassifier.startsWith(tokens, "phu bieu")
    }

    // MARK: - Line tests

    /// A document type alone on its line ("KẾ HOẠCH", "QUYẾT ĐỊNH", "CHỈ THỊ"…).
    static func isTypeLine(_ line: String) -> Bool {
        let tokens = StampClassifier.skeletonTokens(line)
        guard (1...3).contains(tokens.count) else { return false }
        let joined = tokens.joined(separator: " ")
        return DocumentTypeNames.all.contains { StampClassifier.matches(joined, $0) }
    }

    /// A line that can only be the body's: "Căn cứ …", "Kính gửi: …", or a long sentence.
    static func startsBody(_ line: String) -> Bool {
        let tokens = StampClassifier.skeletonTokens(line)
        return StampClassifier.startsWith(tokens, "can cu") || StampClassifier.startsWith(tokens, "kinh gui")
            || (line.count > 90 && splitAtSpaces(line) == nil)
    }

    /// A run of three or more spaces (or a tab) inside the line marks the gutter.
    static func splitAtSpaces(_ line: String) -> (String, String)? {
        let trimmed = line.trimmed
        guard let r = trimmed.range(of: #"(\t|   +)"#, options: .regularExpression) else { return nil }
        let left = String(trimmed[..<r.lowerBound]).trimmed
        let right = String(trimmed[r.upperBound...]).trimmed
        return left.isEmpty || right.isEmpty ? nil : (left, right)
    }
}

/// The names of the Decree 30/2020 document types, accent-free, as their type line prints them.
enum DocumentTypeNames {
    static let all = [
        "ke hoach", "quyet dinh", "chi thi", "thong bao", "bao cao", "to trinh", "nghi quyet", "huong dan",
        "chuong trinh", "quy che", "quy dinh", "de an", "phuong an", "cong van", "giay moi", "bien ban",
        "thong cao", "cong dien", "giay uy quyen",
    ]
}

/// The words of a line with their accent-free skeletons, for matching phrases and cutting the
/// line at a word.
private struct Tokens {
    /// The line's words as printed (split at white space).
    let words: [String]
    /// The skeleton of each word that has letters or digits, with the word's index.
    let skeletons: [(String, Int)]

    init(_ line: String) {
        words = line.split(whereSeparator: { $0.isWhitespace }).map(String.init)
        skeletons = words.enumerated().compactMap { i, w in
            let s = StampClassifier.skeletonTokens(w).joined()
            return s.isEmpty ? nil : (s, i)
        }
    }

    func text(_ range: some RangeExpression<Int>) -> String {
        words[range.relative(to: words)].joined(separator: " ")
    }

    /// The index of the word where the phrase starts, if it occurs.
    func find(_ key: String) -> Int? {
        let n = key.split(separator: " ").count
        guard skeletons.count >= n else { return nil }
        for start in 0...(skeletons.count - n) {
            let run = skeletons[start..<start + n].map(\.0).joined(separator: " ")
            if StampClassifier.matches(run, key) { return skeletons[start].1 }
        }
        return nil
    }

    /// True when the line starts like "Số: …" (read by OCR as "S6:", "Sé:", "Số:243").
    var isNumberLine: Bool {
        guard let first = words.first else { return false }
        let label =
            first.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
        let skeleton = StampClassifier.skeletonTokens(label).joined()
        guard first.contains(":") ? (2...3).contains(skeleton.count) : skeleton.count == 2 else { return false }
        return skeleton.first == "s" && TextMetrics.editDistance(Array(skeleton.prefix(2)), Array("so")) <= 1
    }

    /// The index of the word ending with the comma before "ngày" ("Lào Cai, ngày 5 tháng 3").
    func placeDateComma() -> Int? {
        for (k, word) in words.enumerated() where word.hasSuffix(",") && k + 1 < words.count {
            let next = StampClassifier.skeletonTokens(words[k + 1]).first ?? ""
            if next.count == 4, TextMetrics.editDistance(Array(next), Array("ngay")) <= 1 { return k }
        }
        return nil
    }
}

extension String {
    fileprivate var trimmed: String { trimmingCharacters(in: .whitespaces) }
}
