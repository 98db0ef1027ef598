import Foundation
import VietdocCore

/// Reads the legal bases between the title and the first heading: each "Căn cứ …" paragraph,
/// and preamble paragraphs "Thực hiện …"/"Triển khai …" that cite a document, with the cited
/// documents parsed (type, number, date, issuer).
struct LegalBasisExtractor {
    let doc: DocumentLines

    /// "Căn cứ" opening the line, OCR slips allowed ("Can ctr", "Cin cir", "Căn cử") by the
    /// stage's keyword matcher.
    static func startsBasis(_ line: DocumentLine) -> Bool { Keyword.starts(line.key, with: "can cu") }
    /// "Thực hiện …" or "Triển khai …" opening the line (OCR slips allowed, as for "Căn cứ").
    static func startsPreamble(_ line: DocumentLine) -> Bool {
        Keyword.starts(line.key, with: "thuc hien") || Keyword.starts(line.key, with: "trien khai")
    }

    func extract(from start: Int, to end: Int) -> [LegalBasis] {
        var out: [LegalBasis] = []
        var i = start
        while i < end {
            let line = doc[i]
            let isBasis = Self.startsBasis(line)
            let isPreamble = !isBasis && Self.startsPreamble(line)
            guard isBasis || isPreamble else {
                i += 1
                continue
            }
            var j = i
            var parts = [line.clean]
            while j + 1 < end {
                if let c = doc[j].clean.last, ";.:".contains(c) { break }
                let next = doc[j + 1]
                if next.isBlank || DocumentLines.isPageNumber(next.clean) { break }
                if Self.startsBasis(next) || Self.startsPreamble(next) || HeadingNumber.parse(next.clean) != nil {
                    break
                }
                parts.append(next.clean)
                j += 1
            }
            let text = parts.joined(separator: " ").collapsed
            let refs = Self.references(in: text)
            if isBasis || !refs.isEmpty {
                out.append(LegalBasis(text: text, references: refs, span: doc.span(i, j)))
            }
            i = j + 1
        }
        return out
    }

    /// A document number: digits, then sign parts joined by "/" and "-" ("4026/QĐ-BYT",
    /// "07-ĐA/TU", "43/2022/QH15", "08/2007/TTLT-BYT-BNV").
    static let numberPattern = Pattern(#"(?<![\w/])(\d{1,5}(?:[/-][0-9a-z&]+)*/[0-9a-z&]+(?:-[0-9a-z&]+)*)"#)

    /// The documents cited in a paragraph.
    static func references(in text: String) -> [DocumentReference] {
        let f = FoldedText(text)
        var out: [DocumentReference] = []
        // Numbers whose sign carries letters (not dates such as "11/12/2020").
        let matches = numberPattern.allMatches(in: f).filter { m in
            m[1].map { f.text($0).contains(where: \.isLetter) } ?? false
        }
        for (k, m) in matches.enumerated() {
            guard let r = m[1] else { continue }
            let number = f.text(r)
            // Type: the nearest type words before the number (within 30 characters).
            let windowStart = max(0, r.lowerBound - 30)
            let before = String(f.folded.dropFirst(windowStart).prefix(r.lowerBound - windowStart))
            var type: String?
            var bestPos = -1
            for (key, name) in DocumentType.referenceTypes {
                if let range = before.range(of: key, options: .backwards) {
                    let pos = before.distance(from: before.startIndex, to: range.lowerBound)
                    if pos > bestPos {
                        bestPos = pos
                        type = name
                    }
                }
            }
            let signPart = number.split(separator: "/").last.map(String.init) ?? number
            if type == nil {
                type =
                    DocumentType.referenceType(fromSign: signPart)
                    ?? DocumentType.referenceType(
                        fromSign: String(number.split(separator: "/").dropFirst().first ?? ""))
            }
            // Date and issuer in what follows, up to the next reference.
            let nextStart =
                k + 1 < matches.count ? (matches[k + 1][0]?.lowerBound ?? f.original.count) : f.original.count
            let tail = f.text(r.upperBound..<nextStart)
            var date: String?
            let tailFolded = FoldedText(tail)
            if let d = VietnameseDate.first(in: tail), d.range.lowerBound < 25 { date = d.iso }
            var issuer: String?
            if let cr = Keyword.firstWord("cua", in: tailFolded), cr.lowerBound < 45 {
                let rest = tailFolded.text(cr.upperBound..<tailFolded.original.count)
                issuer = Self.issuerName(rest)
            }
            let refStart = bestPos >= 0 ? windowStart + bestPos : r.lowerBound
            let refText = f.text(refStart..<min(f.original.count, r.upperBound + min(tail.count, 60)))
            out.append(DocumentReference(type: type, number: number, date: date, issuer: issuer, text: refText.trimmed))
        }
        return out
    }

    /// The issuer's name at the start of `s`: words up to "về", a comma, a quote or a verb.
    static func issuerName(_ s: String) -> String? {
        let f = FoldedText(s)
        let stop = Pattern(
            #"\s(?:ban\s+hanh|quy\s+dinh|thuc\s+hien|phe\s+duyet|huong\s+dan|trong|tai|giai\s+doan|nam\s+\d)(?:\s|$)|[,;:“"(\.]"#
        )
        var end = f.original.count
        if let m = stop.firstMatch(in: f), let r = m[0] { end = r.lowerBound }
        // "về" (OCR: "v€", "vee"), never the name's first word.
        if let r = Keyword.firstWord("ve", in: f, from: 1), r.lowerBound > 0 { end = min(end, r.lowerBound) }
        let name = f.text(0..<end).trimmed
        guard !name.isEmpty else { return nil }
        let words = name.split(separator: " ")
        return words.prefix(10).joined(separator: " ")
    }
}
