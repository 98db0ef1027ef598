import Foundation
import VietdocCore

/// Objectives, activities, budget and assignments, read from the sections whose categories
/// name them.
struct ContentExtractors {
    let doc: DocumentLines
    let sections: [BuiltSection]

    func children(of k: Int) -> [Int] {
        sections.indices.filter { sections[$0].section.parent == k }
    }

    /// Top sections of a category: those whose parent is not of the same category.
    func tops(_ category: SectionCategory) -> [Int] {
        sections.indices.filter { k in
            sections[k].section.category == category
                && (sections[k].section.parent.map { sections[$0].section.category != category } ?? true)
        }
    }

    /// Blocks of a section's own text, the inline "Heading: text" first.
    func ownBlocks(_ k: Int) -> [TextBlock] {
        let s = sections[k]
        var out: [TextBlock] = []
        if !s.inlineText.isEmpty {
            out.append(TextBlock(text: s.inlineText, first: s.headingLine, last: s.headingLast, isBullet: false))
        }
        return out + doc.blocks(s.bodyRange)
    }

    // MARK: - Objectives

    static let indicatorPattern = Pattern(
        #"(?:(dat|tren|duoi|toi thieu|it nhat|toi da|khong qua|khong duoi|con|la|>=|<=|≥|≤|>|<)\s*)?(\d+(?:[.,]\d+)?)\s*(%|‰|%o)"#
    )
    /// "Tuổi thọ trung bình: 74 tuổi": a label, then a number with a counted unit.
    static let labelledIndicatorPattern = Pattern(
        #"(?<=:)\s*(?:(dat|tren|duoi|toi thieu|it nhat|toi da|khong qua|con|>=|<=|≥|≤|>|<)\s*)?(\d+(?:[.,]\d+)?)\s*(tuoi|giuong benh|giuong|ca|nguoi|luot|bac s[iy]|tram|xa|lop|dot)\b"#
    )
    static let yearPattern = Pattern(#"(?:den|vao|trong|nam)\s*(?:nam\s*)?((?:19|20)\d{2})\b"#)

    func objectives() -> Objectives {
        var result = Objectives()
        for top in tops(.objectives) {
            var queue = [top]
            var sawSplit = false
            while let k = queue.first {
                queue.removeFirst()
                let key = Fold.key(sections[k].section.heading)
                let kids = children(of: k).filter { sections[$0].section.category == .objectives }
                let isGeneral = key.contains("chung") || key.contains("tong quat")
                let isSpecific = key.contains("cu the") || key.contains("chi tieu")
                let year =
                    Self.yearPattern.firstMatch(in: FoldedText(sections[k].section.heading))?[1].map {
                        Int(FoldedText(sections[k].section.heading).text($0))
                    } ?? nil
                // Table rows ("1 | Số bác sĩ | …") are not sentences: leave them to the text.
                for b in ownBlocks(k) where b.text.filter({ $0 == "|" }).count < 2 {
                    let item = TextItem(text: b.body, span: doc.span(b.first, b.last))
                    if isGeneral {
                        result.general.append(item)
                        sawSplit = true
                    } else if isSpecific {
                        result.specific.append(item)
                        sawSplit = true
                        result.indicators += indicators(in: b.body, span: item.span, year: year)
                    } else if b.isBullet || b.number != nil {
                        result.specific.append(item)
                        result.indicators += indicators(in: b.body, span: item.span, year: year)
                    } else if k == top && !sawSplit {
                        result.general.append(item)
                    }
                }
                queue.append(contentsOf: kids)
            }
        }
        return result
    }

    func indicators(in text: String, span: SourceSpan, year defaultYear: Int?) -> [Indicator] {
        var out: [Indicator] = []
        for clause in text.split(whereSeparator: { $0 == ";" }).map(String.init) {
            let f = FoldedText(clause)
            guard let m = Self.indicatorPattern.firstMatch(in: f) ?? Self.labelledIndicatorPattern.firstMatch(in: f),
                let whole = m[0], let num = m[2]
            else { continue }
            let numberText = f.text(num)
            let value = Double(
                numberText.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "."))
            var comparator: String?
            if let c = m[1] {
                switch f.folded[
                    f.folded.index(
                        f.folded.startIndex, offsetBy: c.lowerBound)..<f.folded.index(
                            f.folded.startIndex, offsetBy: c.upperBound)]
                {
                case "tren", ">": comparator = "gt"
                case "duoi", "<": comparator = "lt"
                case "toi thieu", "it nhat", "khong duoi", ">=", "≥": comparator = "gte"
                case "toi da", "khong qua", "<=", "≤", "con": comparator = "lte"
                case "dat", "la": comparator = "eq"
                default: comparator = nil
                }
            }
            var name = f.text(0..<whole.lowerBound).trimmed("-+•*:,–— ")
            if name.isEmpty { name = f.text(whole.upperBound..<f.original.count).trimmed("-+•*:,.–— ") }
            let words = name.split(separator: " ")
            if words.count > 20 { name = words.prefix(20).joined(separator: " ") + " …" }
            var year = defaultYear
            if let y = Self.yearPattern.firstMatch(in: f)?[1] { year = Int(f.text(y)) }
            let unitText = f.text(m[3]!)
            out.append(
                Indicator(
                    name: name, target: f.text(whole.lowerBound..<num.upperBound).trimmed, value: value,
                    comparator: comparator, unit: unitText == "%o" ? "‰" : unitText, year: year, span: span))
        }
        return out
    }

    // MARK: - Activities

    static let timelinePattern = Pattern(
        #"thoi\s*gian(?:\s*thuc\s*hien|\s*trien\s*khai)?\s*:\s*([^;\n]+)|\b((?:quy\s*[ivx1-4]+|thang\s*\d{1,2})\s*/\s*\d{4}(?:\s*-\s*(?:(?:quy\s*[ivx1-4]+|thang\s*\d{1,2})\s*/\s*)?\d{4})?)"#
    )
    static let leadPattern = Pattern(#"(?:don vi|co quan)?\s*chu\s*tri\s*:\s*([^;\n.]+)"#)
    static let participantsPattern = Pattern(#"(?:don vi|co quan)?\s*phoi\s*hop\s*:\s*([^;\n.]+)"#)

    func activities() -> [Activity] {
        var out: [Activity] = []
        for top in tops(.activities) {
            let kids = children(of: top)
            if !kids.isEmpty {
                for k in kids {
                    let s = sections[k]
                    let text = fullText(k)
                    out.append(
                        activity(
                            number: s.section.number, title: s.section.heading, text: text,
                            span: s.section.span))
                }
            } else {
                for b in ownBlocks(top) where b.number != nil {
                    let body = b.body
                    let title: String
                    if let l = b.labelled {
                        title = l.label
                    } else {
                        let sentence = body.split(separator: ".", maxSplits: 1).first.map(String.init) ?? body
                        let words = sentence.split(separator: " ")
                        title = words.count > 20 ? words.prefix(20).joined(separator: " ") + " …" : sentence
                    }
                    out.append(
                        activity(
                            number: b.number?.label, title: title, text: body,
                            span: doc.span(b.first, b.last)))
                }
            }
        }
        return out
    }

    func fullText(_ k: Int) -> String {
        let s = sections[k]
        var parts: [String] = []
        if !s.inlineText.isEmpty { parts.append(s.inlineText) }
        for j in (s.headingLast + 1)..<max(s.headingLast + 1, s.fullRange.upperBound)
        where !doc[j].isBlank && !DocumentLines.isPageNumber(doc[j].clean) {
            parts.append(doc[j].clean)
        }
        return parts.joined(separator: "\n")
    }

    func activity(number: String?, title: String, text: String, span: SourceSpan) -> Activity {
        let f = FoldedText(text)
        var timeline: String?
        if let m = Self.timelinePattern.firstMatch(in: f) {
            if let g = m[1] { timeline = f.text(g).trimmed(".,; ") } else if let g = m[2] { timeline = f.text(g) }
        }
        let lead = Self.leadPattern.firstMatch(in: f)?[1].map { f.text($0).trimmed(".,; ") }
        var participants: [String] = []
        if let g = Self.participantsPattern.firstMatch(in: f)?[1] {
            participants = f.text(g).split(separator: ",").map { String($0).trimmed(".,; ") }.filter { !$0.isEmpty }
        }
        return Activity(
            number: number, title: title, text: text, timeline: timeline, lead: lead,
            participants: participants, span: span)
    }

    // MARK: - Budget

    func budget() -> Budget {
        var result = Budget()
        let budgetTops = tops(.budget)
        var amountLines: [(Int, [(amount: Int64, text: String, range: Range<Int>)])] = []
        for top in budgetTops {
            let s = sections[top]
            for j in s.fullRange where !doc[j].isBlank {
                let a = MoneyParser.amounts(in: doc[j].clean)
                if !a.isEmpty { amountLines.append((j, a)) }
            }
        }
        var totalLine: Int?
        for (j, amounts) in amountLines {
            let f = doc[j].folded
            if let r = f.folded.range(of: "tong") {
                let pos = f.folded.distance(from: f.folded.startIndex, to: r.lowerBound)
                if let a = amounts.first(where: { $0.range.lowerBound > pos }) {
                    result.total = MoneyAmount(amount: a.amount, text: a.text, span: doc[j].span)
                    totalLine = j
                    break
                }
            }
        }
        let allAmounts = amountLines.flatMap { l in l.1.map { (l.0, $0) } }
        if result.total == nil, allAmounts.count == 1, let (j, a) = allAmounts.first {
            result.total = MoneyAmount(amount: a.amount, text: a.text, span: doc[j].span)
            totalLine = j
        }
        for (j, amounts) in amountLines where j != totalLine {
            let line = doc[j]
            for a in amounts {
                let f = line.folded
                var label = f.text(0..<a.range.lowerBound)
                if let n = HeadingNumber.parse(label.trimmed) { label = n.title }
                label = label.trimmed("-+•*:,;.–— ")
                for filler in ["dự kiến kinh phí là", "dự kiến kinh phí", "dự kiến", "kinh phí là", "tổng số", "là"] {
                    if label.lowercased().hasSuffix(filler) {
                        label = String(label.dropLast(filler.count)).trimmed("-+•*:,;.–— ")
                    }
                }
                if label.isEmpty { label = sectionHeading(containing: j) ?? "" }
                result.items.append(BudgetItem(label: label, amount: a.amount, text: line.clean, span: line.span))
            }
        }
        // Funding sources.
        for top in budgetTops {
            var found = false
            for k in descendants(of: top) {
                let key = Fold.key(sections[k].section.heading)
                let blocks = ownBlocks(k).filter { MoneyParser.amounts(in: $0.body).isEmpty }
                if key.contains("nguon") && blocks.contains(where: { $0.isBullet }) {
                    for b in blocks where b.isBullet {
                        result.sources.append(TextItem(text: b.body.trimmed(";,. "), span: doc.span(b.first, b.last)))
                    }
                    found = true
                } else if key.contains("ngan sach") || key.contains("nguon") {
                    result.sources.append(TextItem(text: sections[k].section.heading, span: sections[k].inlineSpan))
                    found = true
                }
            }
            if !found {
                // Paragraphs or items naming a source; "- Ngân sách huyện: 100 triệu đồng" gives
                // its label.
                for b in ownBlocks(top) {
                    let key = Fold.key(b.body)
                    guard key.contains("nguon") || key.contains("ngan sach"), !key.hasPrefix("tong") else { continue }
                    let hasAmount = !MoneyParser.amounts(in: b.body).isEmpty
                    let text = hasAmount ? (b.labelled?.label ?? b.body) : b.body
                    result.sources.append(TextItem(text: text.trimmed(";,. "), span: doc.span(b.first, b.last)))
                }
            }
        }
        return result
    }

    func descendants(of k: Int) -> [Int] {
        var out: [Int] = []
        var queue = children(of: k)
        while !queue.isEmpty {
            let c = queue.removeFirst()
            out.append(c)
            queue.append(contentsOf: children(of: c))
        }
        return out.sorted()
    }

    func sectionHeading(containing line: Int) -> String? {
        sections.last(where: { $0.fullRange.contains(line) && $0.headingLine <= line })?.section.heading
    }

    // MARK: - Assignments

    static let dutyVerbs = [
        "chu tri", "phoi hop", "tham muu", "co trach nhiem", "chiu trach nhiem", "chi dao", "huong dan", "to chuc",
        "trien khai", "xay dung", "thuc hien", "bo tri", "dam bao", "bao dam", "kiem tra", "theo doi", "can cu",
        "tao dieu kien", "la co quan", "tong hop", "de xuat", "cung cap", "giup", "quan ly", "tiep tuc",
    ]

    func assignments() -> [Assignment] {
        var out: [Assignment] = []
        func add(_ agency: String, _ duties: [String], _ span: SourceSpan) {
            let a = agency.trimmed(":;,.-–— *_")
            guard !a.isEmpty, a.wordCount <= 25 else { return }
            out.append(Assignment(agency: a, duties: duties.filter { !$0.isEmpty }, span: span))
        }
        for top in tops(.assignments) {
            // The top section's own items, then each subsection.
            consume(blocks: ownBlocks(top), heading: nil, add: add)
            for k in children(of: top) {
                let s = sections[k]
                var blocks = ownBlocks(k)
                for d in descendants(of: k) { blocks += ownBlocks(d) }
                consume(blocks: blocks, heading: (s.section.heading, s.inlineSpan), add: add)
            }
        }
        return out
    }

    /// Turns a body's blocks into agencies: labelled bullets ("- Phòng Kế hoạch: …") and
    /// numbered items name agencies; other blocks are duties of the current agency.
    private func consume(
        blocks: [TextBlock], heading: (String, SourceSpan)?,
        add: (String, [String], SourceSpan) -> Void
    ) {
        let labelledBullets = blocks.filter { ($0.isBullet || $0.number != nil) && $0.labelled(maxWords: 20) != nil }
        var current: (String, [String], SourceSpan)?
        if let h = heading, labelledBullets.isEmpty { current = (h.0, [], h.1) }
        func flush() {
            if let c = current { add(c.0, c.1, c.2) }
            current = nil
        }
        for b in blocks {
            let span = doc.span(b.first, b.last)
            if b.isBullet || b.number != nil, let l = b.labelled(maxWords: 20),
                !labelledBullets.isEmpty || b.number != nil
            {
                flush()
                current = (l.label, l.rest.isEmpty ? [] : [l.rest], span)
            } else if b.number != nil, let (agency, duty) = Self.splitAtVerb(b.body) {
                flush()
                current = (agency, [duty], span)
            } else if current != nil {
                current!.1.append(b.body)
            } else if heading == nil, let (agency, duty) = Self.splitAtVerb(b.body), b.isBullet {
                current = (agency, [duty], span)
            }
        }
        flush()
    }

    /// "Phòng Tổ chức - Hành chính, Sở Y tế tham mưu …" → agency and duty, split at the first
    /// lower-case duty verb.
    static func splitAtVerb(_ text: String) -> (String, String)? {
        let f = FoldedText(text)
        var best: Int?
        for verb in dutyVerbs {
            var searchStart = f.folded.startIndex
            while let r = f.folded.range(of: verb, range: searchStart..<f.folded.endIndex) {
                let pos = f.folded.distance(from: f.folded.startIndex, to: r.lowerBound)
                let boundaryBefore = pos == 0 || f.original[pos - 1] == " "
                if boundaryBefore, pos > 0, f.original[pos].isLowercase {
                    if best == nil || pos < best! { best = pos }
                    break
                }
                searchStart = r.upperBound
            }
        }
        guard let p = best else { return nil }
        let agency = f.text(0..<p).trimmed(",;: ")
        guard agency.wordCount >= 2, agency.wordCount <= 25, let c = agency.first, c.isUppercase else { return nil }
        return (agency, f.text(p..<f.original.count).trimmed)
    }
}
