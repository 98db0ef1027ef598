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
        /// The number, day or month when they were not read (handwritten, blank, low confidence).
        var unreadable: [UnreadableField] = []
        /// Stamps and marks read from header lines (text without layout).
        var digitalSignatures: [DigitalSignature] = []
        var marks: [PageMark] = []
        /// Indexes of the lines that belong to stamps or marks, not to the document's text.
        var stampLines: Set<Int> = []
    }

    /// Phrases of the national motto's two lines (skeletons), any of which marks a motto
    /// fragment; matched by the stage's keyword matcher, so that OCR slips need no listing.
    static let mottoPhrases = ["cong hoa xa hoi", "cong hoa", "xa hoi chu nghia", "doc lap tu do", "tu do hanh phuc"]

    /// True when the line holds a fragment of the motto.
    static func hasMotto(_ line: String) -> Bool {
        let key = Fold.key(line)
        return mottoPhrases.contains { Keyword.wordIndex(of: $0, in: key) != nil }
    }
    static let numericDateLine = Pattern(#",\s*ng\S{0,2}y\s*(\d{1,2})\s?[/\.\-]\s?(\d{1,2})\s?[/\.\-]\s?(\d{4})"#)
    /// "Số: 259/KH-UBND", "Số:    /KH-UBND" (blank), "Số: $4 /CT-UBND" (handwriting read as junk):
    /// group 1 is whatever sits in the blank, group 2 the printed sign.
    static let numberLine = Pattern(
        #"(?:^|\s)s\S?\s*:?\s*([^/\s][^/]{0,9}?)?(\s*)[/\[|]\s*((?:[0-9]{4}/)?[a-z0-9đ&]+(?:\s?-\s?[a-z0-9đ&]+)+)"#)
    /// "Số:" alone at the end of a line (a text layer that put the sign on a later line).
    static let numberLabelAlone = Pattern(#"(?:^|\s)s\S?\s*:\s*$"#)
    /// A line starting with the sign alone ("/TB-UBND").
    static let signAlone = Pattern(#"^\s*/\s*((?:[0-9]{4}/)?[a-z0-9đ&]+(?:\s?-\s?[a-z0-9đ&]+)+)"#)

    /// True when the match starts with the printed label "Số" (a capital S, or the start of the
    /// line), not with "số" inside a sentence ("Quyết định số 2269/QĐ-TTg" in a trích yếu).
    static func isNumberLabel(_ f: FoldedText, at range: Range<Int>?) -> Bool {
        guard let r = range else { return false }
        guard
            let s = (r.lowerBound..<min(r.upperBound, f.original.count)).first(where: {
                f.folded[f.folded.index(f.folded.startIndex, offsetBy: $0)] == "s"
            })
        else { return false }
        return s <= 2 || f.original[s] == "S"
    }

    /// The header form of a line: cleaned, but keeping "$" (OCR junk in handwritten blanks).
    static func headerText(_ line: DocumentLine) -> FoldedText {
        FoldedText(DocumentLines.clean(line.raw, keepDollars: true))
    }

    func extract() -> Result {
        var result = Result()
        let scanLimit = min(doc.count, 60)
        // Stamps sit above the type line (or within the first lines when there is none).
        let stampEnd = (0..<scanLimit).first { !doc[$0].isBlank && DocumentType.type(ofLine: doc[$0].clean) != nil }
        Self.readStampLines(doc, upTo: min(scanLimit, stampEnd ?? 15), into: &result)
        let stamped = result.stampLines
        // 1. The type line.
        var typeIndex: Int?
        var titleOnTypeLine: String?
        for i in 0..<scanLimit where !doc[i].isBlank && !stamped.contains(i) {
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
            let f = Self.headerText(doc[i])
            if numberIndex == nil, let m = Self.numberLine.firstMatch(in: f), let signRange = m[3],
                Self.isNumberLabel(f, at: m[0])
            {
                numberIndex = i
                let sign = DocumentType.canonicalSign(
                    f.text(signRange).replacingOccurrences(of: " ", with: ""), type: result.header.type)
                result.header.sign = sign
                let raw = m[1].map { f.text($0) } ?? ""
                let digitWords = doc.words(holding: raw, near: i, after: "so")
                // Digits taller than the printed sign were written (or stamped) by hand in the
                // blank: OCR must be sure of them.
                let signWords = doc.words(holding: "/" + String(sign.prefix(2)), near: i)
                let byHand = FilledBlank.isTaller(digitWords, than: signWords)
                let reading = FilledBlank.read(
                    raw, words: digitWords, isValue: FilledBlank.isNumber,
                    minimumConfidence: byHand ? FilledBlank.filledBlankConfidence : FilledBlank.minimumConfidence)
                if case .value(let digits) = reading {
                    result.header.number = digits + "/" + sign
                } else if let u = FilledBlank.unreadable("number", reading, line: doc[i]) {
                    result.unreadable.append(u)
                }
                result.header.spans.number = doc[i].span
                placeStart[i] = signRange.upperBound
            }
        }
        if numberIndex == nil {
            // "Số:" on one line and "/TB-UBND" a few lines below (text layers of born-digital
            // files, whose number was inserted apart).
            for i in 0..<headerEnd where !doc[i].isBlank && Self.numberLabelAlone.firstMatch(in: doc[i].folded) != nil {
                guard
                    let j = ((i + 1)..<min(headerEnd, i + 4)).first(where: {
                        Self.signAlone.firstMatch(in: doc[$0].folded) != nil
                    }),
                    let m = Self.signAlone.firstMatch(in: doc[j].folded), let signRange = m[1]
                else { continue }
                numberIndex = i
                result.header.sign = doc[j].folded.text(signRange).replacingOccurrences(of: " ", with: "")
                result.header.spans.number = doc.span(i, j)
                if let u = FilledBlank.unreadable("number", .blank, line: doc[i]) { result.unreadable.append(u) }
                break
            }
        }
        for i in 0..<min(doc.count, (typeIndex ?? scanLimit) + 2) where !doc[i].isBlank {
            var f = Self.headerText(doc[i])
            if doc[i].key.hasSuffix("ngay"), i + 1 < doc.count, doc[i + 1].key.hasPrefix("thang") {
                // "Quảng Ngãi, ngày" / "tháng 01 năm 2025": a text layer broke the date line.
                f = FoldedText(String(f.original) + " " + String(Self.headerText(doc[i + 1]).original))
            }
            let iso: String?
            let r: Range<Int>
            if let m = VietnameseDate.spelled.firstMatch(in: f), let whole = m[0], let y = m[3] {
                let isDay = { (s: String) in FilledBlank.isNumber(s) && (1...31).contains(Int(s) ?? 0) }
                let isMonth = { (s: String) in FilledBlank.isNumber(s) && (1...12).contains(Int(s) ?? 0) }
                let dayRaw = m[1].map { f.text($0) } ?? ""
                let monthRaw = m[2].map { f.text($0) } ?? ""
                let day = FilledBlank.read(
                    dayRaw, words: doc.words(holding: dayRaw, near: i, after: "ngay"), isValue: isDay)
                let month = FilledBlank.read(
                    monthRaw, words: doc.words(holding: monthRaw, near: i, after: "thang"), isValue: isMonth)
                func value(_ r: FilledBlank.Reading) -> String? {
                    if case .value(let v) = r { return v }
                    return nil
                }
                iso = VietnameseDate.iso(day: value(day), month: value(month), year: f.text(y))
                if let u = FilledBlank.unreadable("month", month, line: doc[i]) {
                    result.unreadable.append(u)
                } else if let u = FilledBlank.unreadable("day", day, line: doc[i]) {
                    result.unreadable.append(u)
                }
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
            for i in range where !doc[i].isBlank && !stamped.contains(i) {
                // With a layout, the issuer is in the header's left column only.
                if let r = doc[i].region, r != .headerLeft { continue }
                var left = Self.removeMotto(doc[i].clean).trimmed("-–—_=*. ")
                if left.hasPrefix("/") { continue }
                // A sign the text layer put on the issuer's line ("TỈNH QUẢNG NGÃI /TB-UBND").
                if let slash = left.range(of: " /") { left = String(left[..<slash.lowerBound]).trimmed }
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
            let lines = Array(issuerLines.suffix(3)).map { (Self.reaccented($0.0, in: doc), $0.1) }
            // Above the issuing body, only a superior body's name (not stamp or scanner residue).
            if lines.count >= 2 && Self.isBodyWithoutPlace(lines[lines.count - 2].0)
                && Self.startsWithAdministrativeUnit(lines[lines.count - 1].0)
            {
                // "ỦY BAN NHÂN DÂN / TỈNH LÀO CAI": one name on two lines.
                let a = lines[lines.count - 2]
                let b = lines[lines.count - 1]
                result.header.issuer = a.0 + " " + b.0
                result.header.spans.issuer = doc.span(a.1, b.1)
                if lines.count == 3, Self.isAgencyName(lines[0].0) {
                    result.header.parentIssuer = lines[0].0
                    result.header.spans.parentIssuer = doc[lines[0].1].span
                }
            } else {
                let last = lines[lines.count - 1]
                result.header.issuer = last.0
                result.header.spans.issuer = doc[last.1].span
                if lines.count >= 2, Self.isAgencyName(lines[lines.count - 2].0) {
                    let p = lines[lines.count - 2]
                    result.header.parentIssuer = p.0
                    result.header.spans.parentIssuer = doc[p.1].span
                }
            }
        }
        // 4. Title: the lines under the type, up to a blank line, a legal basis or a heading.
        if let t = typeIndex, let rest = titleOnTypeLine, !rest.isEmpty {
            result.header.title = Self.canonicalOpening(rest)
            result.header.spans.title = doc[t].span
            result.header.period = Self.period(in: rest)
            if result.header.period != nil { result.header.spans.period = doc[t].span }
            result.bodyStart = t + 1
        } else if let t = typeIndex {
            var i = t + 1
            while i < doc.count, doc[i].isBlank || Self.isRule(doc[i].clean) { i += 1 }
            var titleLines: [Int] = []
            while i < doc.count, titleLines.count < 6 {
                var line = doc[i]
                if line.isBlank, let last = titleLines.last, let next = doc.nextNonBlank(from: i + 1),
                    next <= i + 2, Self.continuesTitle(after: doc[last], doc[next])
                {
                    // A title line that OCR set apart by a blank ("…đến năm 2020," / "" / "tầm nhìn …").
                    i = next
                    line = doc[i]
                }
                if line.isBlank || Self.isRule(line.clean) || Self.isAddressLine(line) { break }
                if !titleLines.isEmpty && Self.isAuthorityLine(line.clean) { break }
                if LegalBasisExtractor.startsBasis(line) || HeadingNumber.parse(line.clean)?.style == .roman {
                    break
                }
                if !titleLines.isEmpty && LegalBasisExtractor.startsPreamble(line) { break }
                if !titleLines.isEmpty && Self.opensWithDate(line.clean) { break }
                if !titleLines.isEmpty && Self.opensPreamble(line.key)
                    && !Self.endsWithFunctionWord(doc[titleLines.last!].key)
                    && (line.clean.count >= 60 || !Self.startsWithBodyName(line.key))
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
                let title = Self.consistent(
                    Self.canonicalOpening(titleLines.map { doc[$0].clean }.joined(separator: " ").collapsed), in: doc,
                    titleLines: Set(titleLines))
                result.header.title = title
                result.header.spans.title = doc.span(titleLines.first!, titleLines.last!)
                if let p = Self.period(in: title) {
                    result.header.period = p
                    result.header.spans.period = result.header.spans.title
                }
            }
            result.bodyStart = (titleLines.last ?? t) + 1
        } else if let (title, a, b) = Self.letterSummary(doc, from: numberIndex ?? 0, to: min(doc.count, scanLimit)) {
            // An official letter (công văn): no type line; the trích yếu "V/v …" sits under the
            // number in the left column.
            result.header.type = "CÔNG VĂN"
            result.header.title = Self.consistent(Self.canonicalOpening(title), in: doc, titleLines: Set(a...b))
            result.header.spans.title = doc.span(a, b)
            let lastHeader = [
                numberIndex, b,
                result.header.spans.date.flatMap { s in
                    doc.lines.firstIndex { $0.page == s.page && $0.number == s.lineStart }
                },
            ].compactMap { $0 }.max()
            result.bodyStart = (lastHeader ?? -1) + 1
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

    /// The title with its fixed opening written as the form prints it: "Về việc" (OCR: "Vềviệc",
    /// ",Vêviệc", "về việc") and "V/v"; stray punctuation before it removed.
    static func canonicalOpening(_ title: String) -> String {
        let t = joinedCodes(title.trimmed(",.;:'`\"-–— "))
        let words = t.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.first else { return t }
        let k1 = Fold.key(String(first))
        if words.count >= 2, !first.contains(where: \.isLetter), Fold.key(String(words[1])) == "viec" {
            // The first word lost to OCR junk ("@ việc").
            return (["Về việc"] + words.dropFirst(2).map(String.init)).joined(separator: " ")
        }
        if Keyword.wordMatches(Substring(k1), "veviec") {
            return (["Về việc"] + words.dropFirst().map(String.init)).joined(separator: " ")
        }
        // "Về việc" with a look-alike slip ("và việc").
        if words.count >= 2, Keyword.same(k1 + " " + Fold.key(String(words[1])), "ve viec") {
            return (["Về việc"] + words.dropFirst(2).map(String.init)).joined(separator: " ")
        }
        if k1 == "v v" || k1 == "vv", first.count <= 4 {
            return (["V/v"] + words.dropFirst().map(String.init)).joined(separator: " ")
        }
        return t
    }

    /// A document code OCR broke after a hyphen ("24/2013/NQ- HĐND") joined again.
    static func joinedCodes(_ s: String) -> String {
        s.replacingOccurrences(
            of: #"(\d/(?:\d{4}/)?\p{Lu}[\p{Lu}\p{Ll}]*)-\s+(\p{Lu})"#, with: "$1-$2", options: .regularExpression)
    }

    /// "Kính gửi: …" (the addressees of a letter or submission).
    static func isAddressLine(_ line: DocumentLine) -> Bool { Keyword.starts(line.key, with: "kinh gui") }

    /// The line naming who decides, between a decision's title and its legal bases ("CHỦ TỊCH ỦY
    /// BAN NHÂN DÂN TỈNH …", "BỘ TRƯỞNG BỘ Y TẾ", "GIÁM ĐỐC SỞ …"), in capitals.
    static func isAuthorityLine(_ s: String) -> Bool {
        guard SectionBuilder.isCaps(s) else { return false }
        let k = Fold.key(s)
        return [
            "chu tich", "bo truong", "giam doc", "uy ban nhan dan", "hoi dong nhan dan", "thu tuong", "truong ban",
            "tong giam doc", "chanh van phong", "cuc truong", "vien truong", "hieu truong",
        ].contains { Keyword.starts(k, with: $0) }
    }

    /// The trích yếu of a letter: a line starting "V/v" after the number line and the lines it wraps
    /// onto (the same column when the layout is known; up to a blank, a date, the motto or
    /// "Kính gửi" otherwise).
    static func letterSummary(_ doc: DocumentLines, from start: Int, to end: Int) -> (String, Int, Int)? {
        guard start < end,
            let a = (start..<end).first(where: { i in
                let k = doc[i].key
                return k.hasPrefix("v v ") || k.hasPrefix("ve viec ")
            })
        else { return nil }
        var lines = [a]
        var i = a + 1
        while i < end, lines.count < 6 {
            let line = doc[i]
            if line.isBlank || isAddressLine(line) || LegalBasisExtractor.startsBasis(line) { break }
            if let r = doc[a].region {
                if line.region != r { break }
            } else {
                let f = line.folded
                if VietnameseDate.spelled.firstMatch(in: f) != nil || hasMotto(line.clean)
                    || SectionBuilder.isCaps(line.clean)
                {
                    break
                }
                if let c = doc[lines.last!].clean.last, ".;:".contains(c) { break }
                // Text dumps: a wrapped line of the left column is short.
                if line.clean.count > 60 { break }
            }
            lines.append(i)
            i += 1
        }
        let text = lines.map { doc[$0].clean }.joined(separator: " ").collapsed
        return (text, a, lines.last!)
    }

    /// Marks, received stamps and digital-signature overlays among the header's lines (text that
    /// came without layout): read as data and kept out of the header fields.
    static func readStampLines(_ doc: DocumentLines, upTo end: Int, into result: inout Result) {
        var i = 0
        while i < end {
            let line = doc[i]
            if line.isBlank {
                i += 1
                continue
            }
            if let m = StampReader.mark(ofLine: line.clean) {
                result.marks.append(
                    PageMark(kind: m.kind, text: m.text, page: line.page, box: line.box, span: line.span))
                result.stampLines.insert(i)
            } else if StampReader.isReceivedStampLine(line.clean) {
                result.marks.append(
                    PageMark(kind: "received_stamp", text: line.clean, page: line.page, box: line.box, span: line.span))
                result.stampLines.insert(i)
            } else if StampReader.isSignatureLine(line.clean) || Self.isGazetteLine(line) {
                // The overlay's lines run on while labelled, or carrying its e-mail or time.
                var j = i
                var texts: [String] = []
                while j < end, !doc[j].isBlank,
                    j == i || StampReader.isSignatureLine(doc[j].clean) || StampReader.email(in: doc[j].clean) != nil
                        || StampReader.signingTime(in: doc[j].clean) != nil
                {
                    texts.append(doc[j].clean)
                    result.stampLines.insert(j)
                    j += 1
                }
                if let s = StampReader.digitalSignature(
                    lines: texts, page: line.page, box: line.box, span: doc.span(i, j - 1))
                {
                    result.digitalSignatures.append(s)
                }
                if Self.isGazetteLine(line) {
                    result.marks.append(
                        PageMark(
                            kind: "gazette_stamp", text: texts.joined(separator: "\n"), page: line.page, box: line.box,
                            span: doc.span(i, j - 1)))
                }
                i = j
                continue
            }
            i += 1
        }
    }

    /// The gazette centre's stamp: its name in capitals ("TRUNG TÂM CÔNG BÁO VÀ TIN HỌC").
    static func isGazetteLine(_ line: DocumentLine) -> Bool {
        SectionBuilder.isCaps(line.clean) && (" " + line.key + " ").contains(" cong bao ")
    }

    /// Words that open the paragraph after a title ("Nhằm …", "Để …", "UBND huyện …").
    /// "Ngày 03/01/2025, …": a notice's first paragraph (a capital N: inside a title the date
    /// of a cited document is "ngày …").
    static func opensWithDate(_ clean: String) -> Bool {
        let key = Fold.key(clean)
        return clean.first == "N" && key.hasPrefix("ngay ") && key.dropFirst(5).first?.isNumber == true
    }

    /// A body's name opening a line ("UBND huyện …", "Ủy ban nhân dân tỉnh …"): a preamble when
    /// the line runs the page's width, but a title's last line ("… Ủy viên" / "Ủy ban nhân dân
    /// tỉnh X nhiệm kỳ 2021 - 2026") when short.
    static func startsWithBodyName(_ key: String) -> Bool {
        ["ubnd ", "uy ban nhan dan ", "hoi dong nhan dan "].contains { key.hasPrefix($0) }
    }

    /// True when `next`, after a blank line, goes on with a title whose last line is `last`: the
    /// title broke at a comma or a function word and `next` starts in lower case.
    static func continuesTitle(after last: DocumentLine, _ next: DocumentLine) -> Bool {
        guard let first = next.clean.first, first.isLowercase, next.clean.count < 70 else { return false }
        return last.clean.hasSuffix(",") || endsWithFunctionWord(last.key)
    }

    static func opensPreamble(_ key: String) -> Bool {
        return ["nham ", "de ", "theo ", "xet ", "ubnd ", "uy ban nhan dan ", "hoi dong nhan dan "].contains {
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
        let starts = (mottoPhrases + ["hanh phuc"]).compactMap { Keyword.ranges(of: $0, in: line).first?.lowerBound }
        return f.text(0..<(starts.min() ?? f.original.count)).trimmed("-–—_ ")
    }

    /// The text after a motto fragment ("… Hạnh phúc Lào Cai" → "Lào Cai").
    static func afterMotto(_ s: String) -> String {
        let f = FoldedText(s)
        guard let r = Keyword.ranges(of: "hanh phuc", in: s).last else { return s }
        return f.text(r.upperBound..<f.original.count).trimmed(",;:.-–— ")
    }

    static func isRule(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { "-–—_=*.~ ".contains($0) }
    }

    /// A line in capitals that OCR read without any mark ("TINH QUANG NGAI") on a page that has
    /// them, re-accented from the document's own text: each run of its words is replaced by the
    /// accented form the document spells most often with the same skeleton ("tỉnh Quảng Ngãi"),
    /// in capitals. Words the document never spells with marks stay as they are.
    static func reaccented(_ line: String, in doc: DocumentLines) -> String {
        guard SectionBuilder.isCaps(line), VietnameseText.stripDiacritics(line) == line else { return line }
        let words = line.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return line }
        let spellings = doc.pairSpellings()
        var out = words
        var k = 0
        while k + 1 < words.count {
            let key = Fold.key(words[k] + " " + words[k + 1])
            let accented = spellings[key]?.filter { VietnameseText.stripDiacritics($0.key) != $0.key }
            if let best = accented?.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key {
                let parts = best.uppercased().split(separator: " ").map(String.init)
                if parts.count == 2 {
                    if VietnameseText.stripDiacritics(out[k]) == out[k] { out[k] = parts[0] }
                    out[k + 1] = parts[1]
                }
            }
            k += 1
        }
        return out.joined(separator: " ")
    }

    /// The title with the marks of a word pair made consistent with the rest of the document: a
    /// pair spelled nowhere else ("Hội đông") whose skeleton the document spells another way
    /// ("Hội đồng nhân dân" in "Kính gửi:") takes the document's most frequent spelling, except
    /// for a word the document spells the title's way elsewhere (each word counted in two pairs,
    /// so twice is 4). Words keep their case; punctuation is not touched.
    static func consistent(_ title: String, in doc: DocumentLines, titleLines: Set<Int>) -> String {
        var words = title.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return title }
        let spellings = doc.pairSpellings(excluding: titleLines)
        // Words the document spells so elsewhere at least twice are attested and kept.
        var wordCounts: [String: Int] = [:]
        for forms in spellings.values {
            for (pair, n) in forms { for w in pair.split(separator: " ") { wordCounts[String(w), default: 0] += n } }
        }
        func core(_ w: String) -> String { w.trimmed(",.;:()\"“”") }
        for k in 0..<(words.count - 1) {
            let a = core(words[k])
            let b = core(words[k + 1])
            guard let fa = a.first, let fb = b.first, fa.isLetter, fb.isLetter else { continue }
            let pair = (a + " " + b).lowercased()
            guard let forms = spellings[Fold.key(pair)], (forms[pair] ?? 0) == 0,
                let best = forms.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }),
                best.value >= 1
            else { continue }
            let parts = best.key.split(separator: " ").map(String.init)
            guard parts.count == 2 else { continue }
            func recased(_ w: String, like model: String) -> String {
                if model.allSatisfy({ !$0.isLetter || $0.isUppercase }) { return w.uppercased() }
                if model.first?.isUppercase == true { return w.prefix(1).uppercased() + w.dropFirst() }
                return w
            }
            if (wordCounts[a.lowercased()] ?? 0) < 4 {
                words[k] = words[k].replacingOccurrences(of: a, with: recased(parts[0], like: a))
            }
            if (wordCounts[b.lowercased()] ?? 0) < 4 {
                words[k + 1] = words[k + 1].replacingOccurrences(of: b, with: recased(parts[1], like: b))
            }
        }
        return words.joined(separator: " ")
    }

    /// Words that open the name of a state body, party body or public organisation ("UBND",
    /// "SỞ", "BỘ", "TRUNG TÂM" …): a line above the issuer is its superior body only if it starts so.
    static let agencyHeads = [
        "uy ban", "ubnd", "hoi dong", "hdnd", "bo", "so", "tong cuc", "cuc", "chi cuc", "vu", "vien", "ban", "tinh uy",
        "thanh uy", "huyen uy", "quan uy", "thi uy", "dang uy", "dang bo", "chinh phu", "van phong", "thanh tra",
        "toa an", "kiem toan", "kho bac", "ngan hang", "bao hiem", "cong an", "bo chi huy", "bo tu lenh", "truong",
        "dai hoc", "hoc vien", "trung tam", "benh vien", "tap doan", "tong cong ty", "cong ty", "mat tran", "hoi",
        "lien doan", "lien minh", "doan", "phong", "tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong",
        "thi tran", "dai", "cuc thue", "hai quan",
    ]

    static func isAgencyName(_ s: String) -> Bool {
        let k = Fold.key(s)
        return s.wordCount >= 2 && agencyHeads.contains { k.hasPrefix($0 + " ") }
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
