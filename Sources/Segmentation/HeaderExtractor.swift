import Foundation
import VietdocCore

/// Reads the document header (Decree 30/2020/NĐ-CP layout): issuer and parent issuer on the
/// left, the national motto on the right (OCR often interleaves the two columns on one line),
/// number and sign, place and date, the type line and the title under it.
struct HeaderExtractor {
    let doc: DocumentLines

    struct Result {
        var header = DocumentHeader()
        /// Index of the first line after the title (where the preamble begins).
        var bodyStart = 0
    }

    /// The motto's two lines, as folded patterns that survive OCR damage.
    static let mottoNation = Pattern(#"c[o0ô]ng\s*h[o0][aà]\s*x[aã]|c[o0]ng\s*h[o0]a\b|x[a]\s*h[o0]\S?i\s*ch[u]\s*ngh"#)
    static let mottoIndependence = Pattern(#"(?:\S?[o0]c|doc)\s*l[a]p\s*\S{0,3}\s*t\S{0,2}\s*do"#)
    static let numericDateLine = Pattern(#",\s*ng\S{0,2}y\s*(\d{1,2})\s?[/\.\-]\s?(\d{1,2})\s?[/\.\-]\s?(\d{4})"#)
    static let numberLine = Pattern(
        #"(?:^|\s)s\S?\s*:?\s*(\d+)?\s*[/\[|]\s*((?:[0-9]{4}/)?[a-z0-9đ&]+(?:\s?-\s?[a-z0-9đ&]+)+)"#)

    func extract() -> Result {
        var result = Result()
        let scanLimit = min(doc.count, 60)
        // 1. The type line.
        var typeIndex: Int?
        var titleOnTypeLine: String?
        for i in 0..<scanLimit where !doc[i].isBlank {
            if let t = DocumentType.type(ofLine: doc[i].clean) {
                typeIndex = i
                result.header.type = t
                result.header.spans.type = doc[i].span
                break
            }
        }
        if typeIndex == nil {
            // The type and a capitalised title on one line ("KẾ HOẠCH TRIỂN KHAI …").
            for i in 0..<scanLimit where !doc[i].isBlank && SectionBuilder.isCaps(doc[i].clean) {
                if let (t, rest) = DocumentType.typePrefix(ofLine: doc[i].clean) {
                    typeIndex = i
                    result.header.type = t
                    result.header.spans.type = doc[i].span
                    titleOnTypeLine = rest
                    break
                }
            }
        }
        // 2. Number and sign; place and date.
        let headerEnd = typeIndex ?? min(scanLimit, 15)
        var numberIndex: Int?
        var placeStart: [Int: Int] = [:]  // line index → character offset where the place begins
        for i in 0..<headerEnd where !doc[i].isBlank {
            let f = doc[i].folded
            if numberIndex == nil, let m = Self.numberLine.firstMatch(in: f), let signRange = m[2] {
                numberIndex = i
                let sign = f.text(signRange).replacingOccurrences(of: " ", with: "")
                result.header.sign = sign
                if let n = m[1] {
                    let digits = f.text(n).replacingOccurrences(of: " ", with: "")
                    result.header.number = digits + "/" + sign
                }
                result.header.spans.number = doc[i].span
                placeStart[i] = signRange.upperBound
            }
        }
        for i in 0..<min(doc.count, (typeIndex ?? scanLimit) + 2) where !doc[i].isBlank {
            let f = doc[i].folded
            let iso: String?
            let r: Range<Int>
            if let m = VietnameseDate.spelled.firstMatch(in: f), let whole = m[0], let y = m[3] {
                iso = VietnameseDate.iso(day: m[1].map { f.text($0) }, month: m[2].map { f.text($0) }, year: f.text(y))
                r = whole
            } else if let m = Self.numericDateLine.firstMatch(in: f), let whole = m[0], let d = m[1], let mo = m[2],
                let y = m[3]
            {
                // "Lào Cai, ngày 05/3/2024"
                iso = VietnameseDate.iso(day: f.text(d), month: f.text(mo), year: f.text(y))
                r = whole
            } else {
                continue
            }
            result.header.date = iso
            result.header.dateText = f.text(r).trimmed(", ")
            result.header.spans.date = doc[i].span
            let start = placeStart[i] ?? 0
            var place = f.text(start..<r.lowerBound).trimmed(",;:.-–— ")
            place = Self.afterMotto(place)
            if place.wordCount > 6 {
                // Interleaved columns: keep the words after the last sentence break.
                place = String(place.split(separator: ",").last ?? "").trimmed
            }
            if !place.isEmpty {
                result.header.place = place
                result.header.spans.place = doc[i].span
            }
            break
        }
        // 3. Issuer lines: the left column above the number (or the type).
        func issuerCandidates(_ range: Range<Int>) -> [(String, Int)] {
            var out: [(String, Int)] = []
            for i in range where !doc[i].isBlank {
                let left = Self.removeMotto(doc[i].clean).trimmed("-–—_=*. ")
                guard !left.isEmpty, left.contains(where: \.isLetter) else { continue }
                let f = FoldedText(left)
                if VietnameseDate.spelled.firstMatch(in: f) != nil || Self.numberLine.firstMatch(in: f) != nil {
                    continue
                }
                // Issuer names are printed in capitals.
                guard SectionBuilder.isCaps(left) else { continue }
                out.append((left, i))
            }
            return out
        }
        var issuerLines = issuerCandidates(0..<(numberIndex ?? typeIndex ?? 0))
        if issuerLines.isEmpty, let n = numberIndex, let t = typeIndex, n < t {
            // OCR read the right column first: the issuer lines come after the number.
            issuerLines = issuerCandidates((n + 1)..<t)
        }
        if !issuerLines.isEmpty {
            let lines = Array(issuerLines.suffix(3))
            if lines.count >= 2 && Self.isBodyWithoutPlace(lines[lines.count - 2].0)
                && Self.startsWithAdministrativeUnit(lines[lines.count - 1].0)
            {
                // "ỦY BAN NHÂN DÂN / TỈNH LÀO CAI": one name on two lines.
                let a = lines[lines.count - 2]
                let b = lines[lines.count - 1]
                result.header.issuer = a.0 + " " + b.0
                result.header.spans.issuer = doc.span(a.1, b.1)
                if lines.count == 3 {
                    result.header.parentIssuer = lines[0].0
                    result.header.spans.parentIssuer = doc[lines[0].1].span
                }
            } else {
                let last = lines[lines.count - 1]
                result.header.issuer = last.0
                result.header.spans.issuer = doc[last.1].span
                if lines.count >= 2 {
                    let p = lines[lines.count - 2]
                    result.header.parentIssuer = p.0
                    result.header.spans.parentIssuer = doc[p.1].span
                }
            }
        }
        // 4. Title: the lines under the type, up to a blank line, a legal basis or a heading.
        if let t = typeIndex, let rest = titleOnTypeLine, !rest.isEmpty {
            result.header.title = rest
            result.header.spans.title = doc[t].span
            result.header.period = Self.period(in: rest)
            if result.header.period != nil { result.header.spans.period = doc[t].span }
            result.bodyStart = t + 1
        } else if let t = typeIndex {
            var i = t + 1
            while i < doc.count, doc[i].isBlank || Self.isRule(doc[i].clean) { i += 1 }
            var titleLines: [Int] = []
            while i < doc.count, titleLines.count < 6 {
                let line = doc[i]
                if line.isBlank || Self.isRule(line.clean) { break }
                if LegalBasisExtractor.startsBasis(line) || HeadingNumber.parse(line.clean)?.style == .roman {
                    break
                }
                if !titleLines.isEmpty && LegalBasisExtractor.startsPreamble(line) { break }
                if !titleLines.isEmpty && Self.opensPreamble(line.key)
                    && !Self.endsWithFunctionWord(doc[titleLines.last!].key)
                {
                    break
                }
                if !titleLines.isEmpty {
                    let prev = doc[titleLines.last!].clean
                    if let c = prev.last, ".;:".contains(c) { break }
                    // An authority line in capitals after a mixed-case title (decisions).
                    if SectionBuilder.isCaps(line.clean) && !SectionBuilder.isCaps(prev) { break }
                }
                titleLines.append(i)
                i += 1
            }
            if !titleLines.isEmpty {
                let title = titleLines.map { doc[$0].clean }.joined(separator: " ").collapsed
                result.header.title = title
                result.header.spans.title = doc.span(titleLines.first!, titleLines.last!)
                if let p = Self.period(in: title) {
                    result.header.period = p
                    result.header.spans.period = result.header.spans.title
                }
            }
            result.bodyStart = (titleLines.last ?? t) + 1
        } else {
            let lastHeader = [
                numberIndex,
                result.header.spans.date.flatMap { s in
                    doc.lines.firstIndex { $0.page == s.page && $0.number == s.lineStart }
                },
            ].compactMap { $0 }.max()
            result.bodyStart = (lastHeader ?? -1) + 1
        }
        return result
    }

    /// Words that open the paragraph after a title ("Nhằm …", "Để …", "UBND huyện …").
    static func opensPreamble(_ key: String) -> Bool {
        ["nham ", "de ", "theo ", "xet ", "ubnd ", "uy ban nhan dan ", "hoi dong nhan dan "].contains {
            key.hasPrefix($0)
        }
    }

    /// A line ending with a word that cannot end a title ("của", "và", "với" …): the title goes on.
    static func endsWithFunctionWord(_ key: String) -> Bool {
        guard let last = key.split(separator: " ").last else { return false }
        return ["cua", "va", "voi", "cho", "tai", "ve", "tren", "thuoc", "giua", "trong", "den", "nam"].contains(
            String(last))
    }

    /// The line with the national motto cut away (the motto sits in the right column).
    static func removeMotto(_ line: String) -> String {
        let f = FoldedText(line)
        var cut = f.original.count
        for p in [mottoNation, mottoIndependence] {
            if let m = p.firstMatch(in: f), let r = m[0] { cut = min(cut, r.lowerBound) }
        }
        if let r = f.folded.range(of: "hanh phuc") ?? f.folded.range(of: "hanh phic") {
            cut = min(cut, f.folded.distance(from: f.folded.startIndex, to: r.lowerBound))
        }
        return f.text(0..<cut).trimmed("-–—_ ")
    }

    /// The text after a motto fragment ("… Hạnh phúc Lào Cai" → "Lào Cai").
    static func afterMotto(_ s: String) -> String {
        let f = FoldedText(s)
        guard let m = Pattern(#"h[a-z]nh\s*ph\S{1,2}c"#).allMatches(in: f).last, let r = m[0] else { return s }
        return f.text(r.upperBound..<f.original.count).trimmed(",;:.-–— ")
    }

    static func isRule(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { "-–—_=*.~ ".contains($0) }
    }

    static func isBodyWithoutPlace(_ s: String) -> Bool {
        let k = Fold.key(s)
        return ["uy ban nhan dan", "ubnd", "hoi dong nhan dan", "hdnd"].contains(k)
    }

    static func startsWithAdministrativeUnit(_ s: String) -> Bool {
        let k = Fold.key(s)
        return ["tinh ", "huyen ", "thanh pho ", "tp ", "thi xa ", "quan ", "xa ", "phuong ", "thi tran "]
            .contains { k.hasPrefix($0) }
    }

    static let periodRange = Pattern(
        #"(?:giai\s*doan|nhiem\s*ky|thoi\s*ky|tu\s*nam)\s*(\d{4})\s*(?:-|–|—|den|den\s*nam)\s*(\d{4})"#)
    static let periodBare = Pattern(#"(?<!\d)((?:19|20)\d{2})\s*(?:-|–|—)\s*((?:19|20)\d{2})(?!\d)"#)
    static let periodYear = Pattern(#"\bnam\s*((?:19|20)\d{2})\b"#)

    /// The years a title states: "giai đoạn 2022 - 2025", "nhiệm kỳ 2025-2030", "năm 2023".
    static func period(in title: String) -> Period? {
        let f = FoldedText(title)
        for p in [periodRange, periodBare] {
            if let m = p.firstMatch(in: f), let r = m[0], let a = m[1], let b = m[2],
                let from = Int(f.text(a)), let to = Int(f.text(b)), from <= to
            {
                return Period(from: from, to: to, text: f.text(r))
            }
        }
        if let m = periodYear.firstMatch(in: f), let r = m[0], let a = m[1], let y = Int(f.text(a)) {
            // "đến năm 2030" states an end, not the plan's year.
            let before = f.folded.prefix(r.lowerBound).suffix(4)
            if before.contains("den") { return Period(from: nil, to: y, text: f.text(r)) }
            return Period(from: y, to: y, text: f.text(r))
        }
        return nil
    }
}
