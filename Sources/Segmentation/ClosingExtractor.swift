import Foundation
import VietdocCore

/// Reads the closing blocks: "Nơi nhận" (recipients) on the left and the signature block on the
/// right — authority ("TM. ỦY BAN NHÂN DÂN"), capacity ("KT. CHỦ TỊCH"), title ("PHÓ CHỦ
/// TỊCH") and the signer's name. OCR often puts both columns on one line.
struct ClosingExtractor {
    let doc: DocumentLines

    /// "TM.", "T/M", "KT.", "KT ", "Q.", "TL.", "TUQ." followed by a title in capitals.
    static let authority = Pattern(#"(?:^|\s|\W)(t\s?[\./]?\s?m)(?:\s?\.\s*|\s+)(\S.*)$"#)
    static let capacity = Pattern(#"(?:^|\s|\W)(kt|q|tl|tuq)(?:\s?\.\s*|\s+)(\S.*)$"#)
    /// Signers' titles as the form prints them; matched on their accent-free keys, so that a
    /// title OCR stripped of its marks ("CHU TỊCH") comes out as printed.
    static let canonicalTitles = [
        "PHÓ CHỦ TỊCH", "CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "GIÁM ĐỐC", "PHÓ TRƯỞNG BAN", "TRƯỞNG BAN", "PHÓ TRƯỞNG PHÒNG",
        "TRƯỞNG PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CHÁNH VĂN PHÒNG", "BÍ THƯ", "PHÓ BÍ THƯ", "BỘ TRƯỞNG",
        "THỨ TRƯỞNG", "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "TỔNG GIÁM ĐỐC",
        "PHÓ TỔNG GIÁM ĐỐC", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA",
        "TRƯỞNG KHOA", "THỦ TRƯỞNG CƠ QUAN", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM",
    ]
    static let titles = canonicalTitles.map(Fold.key)

    /// The title as printed when `s` is one of the known titles (OCR slips allowed: "GLAM ĐỌC"),
    /// else `s`.
    static func canonicalTitle(_ s: String) -> String {
        let key = Fold.key(s)
        let i = titles.firstIndex(of: key) ?? titles.firstIndex { Keyword.same(key, $0) }
        return i.map { canonicalTitles[$0] } ?? s
    }

    /// Index of the "Nơi nhận" line, searched after `from`.
    func recipientsLine(from: Int) -> Int? {
        for i in max(0, from)..<doc.count where !doc[i].isBlank {
            if Self.startsRecipients(doc[i].clean) { return i }
        }
        return nil
    }

    /// The first line at or after `from` that starts a signature block ("TM. …", "KT. …").
    func signatureLine(from: Int) -> Int? {
        for i in max(0, from)..<doc.count where !doc[i].isBlank {
            let f = doc[i].folded
            if let m = Self.authority.firstMatch(in: f), m[0]?.lowerBound == 0,
                let rest = m[2], SectionBuilder.isCaps(f.text(rest))
            {
                return i
            }
            if let m = Self.capacity.firstMatch(in: f), m[0]?.lowerBound == 0, let rest = m[2],
                SectionBuilder.isCaps(f.text(rest))
            {
                return i
            }
            // A signer's title alone on its line ("GIÁM ĐỐC", "CHỦ TỊCH").
            let bare = doc[i].clean.trimmed("*_ ")
            if SectionBuilder.isCaps(bare) && Self.isTitle(bare) { return i }
        }
        return nil
    }

    func extract(closingStart: Int, end: Int) -> (recipients: [TextItem], signature: Signature) {
        var recipients: [TextItem] = []
        var signature = Signature()
        var signatureLines: [Int] = []
        guard closingStart < end else { return ([], signature) }
        var inRecipients = false
        var nameCandidates: [(Int, String)] = []
        var lastEnd: Character?
        for i in closingStart..<end {
            let line = doc[i]
            if line.isBlank || DocumentLines.isPageNumber(line.clean) { continue }
            var text = line.clean
            // Signature parts anywhere on the line (right column).
            let f = line.folded
            var cut = f.original.count
            if let m = Self.authority.firstMatch(in: f), let tag = m[1], let rest = m[2] {
                let restText = Self.capsRun(f.text(rest))
                if SectionBuilder.isCaps(restText), signature.authority == nil {
                    signature.authority = "TM. " + restText
                    signatureLines.append(i)
                    cut = min(cut, tag.lowerBound)
                }
            }
            if let m = Self.capacity.firstMatch(in: f), let tag = m[1], let rest = m[2] {
                let restText = Self.capsRun(f.text(rest))
                if SectionBuilder.isCaps(restText) || Self.isTitle(restText), signature.title == nil {
                    // "TL. CHỦ TỊCH" then "KT. CHÁNH VĂN PHÒNG": the capacity lines are chained.
                    let part =
                        f.text(tag).uppercased().replacingOccurrences(of: ".", with: "") + ". "
                        + Self.canonicalTitle(restText)
                    signature.capacity = signature.capacity.map { $0 + " / " + part } ?? part
                    signatureLines.append(i)
                    cut = min(cut, tag.lowerBound)
                }
            }
            if cut == f.original.count, let t = Self.trailingTitle(text) {
                // A bare title ("PHÓ CHỦ TỊCH"), alone or after a recipient.
                if signature.capacity == nil {
                    signature.capacity = Self.canonicalTitle(t.title)
                } else if signature.title == nil {
                    signature.title = Self.canonicalTitle(t.title)
                }
                signatureLines.append(i)
                cut = t.offset
            }
            text = f.text(0..<cut).trimmed
            if text.isEmpty { continue }
            if Self.startsRecipients(text) {
                inRecipients = true
                let after = text.split(separator: ":", maxSplits: 1).dropFirst().first.map(String.init)?.trimmed ?? ""
                let item = Self.cleanRecipient(after)
                if Self.isWordy(item, minimumLetters: 2) { recipients.append(TextItem(text: item, span: line.span)) }
                lastEnd = after.last
                continue
            }
            if inRecipients, line.region == nil || line.region == .closingLeft {
                // Text without layout: the signature column may share the line ("- Sở Nội vụ; Trần
                // Văn A"); in either, seal residue may follow the item's ";".
                let (left, right) = Self.splitInterleaved(text)
                if let right, line.region == nil { nameCandidates.append((i, right)) }
                if right == nil || line.region == nil { text = left }
                if text.isEmpty { continue }
            }
            if inRecipients, SectionBuilder.isBullet(text) {
                // Two items OCR read as one line ("- Cục Thuế tỉnh; - Kho bạc Nhà nước;").
                for item in text.components(separatedBy: "; - ") {
                    recipients.append(TextItem(text: Self.cleanRecipient(item), span: line.span))
                }
                lastEnd = text.last
                continue
            }
            if inRecipients, let last = recipients.last, Self.continuesRecipient(line, text, previousEnd: lastEnd) {
                // An item wrapped onto the next line.
                // The break's comma stays ("VPUB: CVP, PCVP," / "các phòng …").
                let joint = lastEnd == "," ? ", " : " "
                recipients[recipients.count - 1] = TextItem(
                    text: Self.cleanRecipient(last.text + joint + text),
                    span: SourceSpan(page: last.span.page, lineStart: last.span.lineStart, lineEnd: line.number))
                lastEnd = text.last
                continue
            }
            // A name under the signature's titles, even where a layout put the block in the left
            // column.
            let name = Self.withoutTrailingResidue(text)
            if line.region != .closingLeft || !signatureLines.isEmpty, Self.looksLikeName(name) {
                nameCandidates.append((i, name.trimmed("*_ ")))
                continue
            }
            if inRecipients, line.region != .closingRight, let e = lastEnd, ";.".contains(e), Self.isWordy(text) {
                // An item whose bullet OCR lost.
                recipients.append(TextItem(text: Self.cleanRecipient(text), span: line.span))
                lastEnd = text.last
            }
        }
        // The signer: the last name-like line after the signature's first line (or after the
        // recipients when OCR lost the signature's titles).
        let after = signatureLines.min() ?? closingStart
        if let n = nameCandidates.last(where: { $0.0 >= after }) ?? nameCandidates.last {
            signature.signer = Self.canonicalFamilyName(n.1)
            signatureLines.append(n.0)
        }
        if let a = signatureLines.min(), let b = signatureLines.max() { signature.span = doc.span(a, b) }
        return (recipients, signature)
    }

    /// "Nơi nhận:" opening a line, OCR slips and a speck before it allowed.
    static func startsRecipients(_ text: String) -> Bool {
        Keyword.starts(Fold.key(text), with: "noi nhan")
    }

    /// A recipients line of text without layout cut where the right column begins: after the
    /// item's closing ";" comes the signature column (a name) or seal residue (a few letters),
    /// which is dropped. An item with a ";" inside ("Cục Thuế tỉnh; VNPT …") is kept whole.
    static func splitInterleaved(_ text: String) -> (String, String?) {
        // A name at the end, after whatever separator OCR kept ("- Lưu: VT, KGVX, Trần Văn A").
        let words = text.split(separator: " ")
        for n in [4, 3, 2] where words.count > n {
            let tail = words.suffix(n).joined(separator: " ")
            let left = words.dropLast(n).joined(separator: " ")
            // The item must look finished before the name (its separator, or the "Lưu" item).
            let finished =
                left.last.map { ";.,:)".contains($0) } ?? false
                || Fold.key(left).hasPrefix("luu")
            if finished, looksLikePersonName(tail),
                n >= 3 || familyNames.contains(Fold.key(String(words[words.count - n])))
            {
                return (left, tail)
            }
        }
        guard let semi = text.lastIndex(where: { $0 == ";" || $0 == ":" }) else { return (text, nil) }
        let left = String(text[...semi]).trimmed
        let right = String(text[text.index(after: semi)...]).trimmed
        if right.isEmpty { return (text, nil) }
        if text[semi] == ":" {
            // "Lưu: VT" is an item; after a ":" only residue with marks no item has is dropped.
            let plain = CharacterSet.alphanumerics.union(.whitespaces).union(CharacterSet(charactersIn: ",.()/-&"))
            guard right.unicodeScalars.contains(where: { !plain.contains($0) }) else { return (text, nil) }
        }
        if right.filter(\.isLetter).count <= 3 || !isWordy(right) { return (left, nil) }
        return (text, nil)
    }

    /// Mostly words: at least `minimumLetters` letters, and letters and spaces make most of the text.
    static func isWordy(_ s: String, minimumLetters: Int = 4) -> Bool {
        let letters = s.filter(\.isLetter).count
        return letters >= minimumLetters && Double(letters + s.filter(\.isWhitespace).count) >= 0.8 * Double(s.count)
    }

    /// A recipients line that goes on with the previous item: in the closing's left column when
    /// the layout is known; otherwise a lower-case start after an item that did not end with ";"
    /// or ".".
    static func continuesRecipient(_ line: DocumentLine, _ text: String, previousEnd: Character?) -> Bool {
        if let r = line.region { return r == .closingLeft && !looksLikeName(text) }
        guard let end = previousEnd, !";.".contains(end), !looksLikeName(text) else { return false }
        guard let first = text.first else { return false }
        // A lower-case start, or any start after an item that broke at a comma.
        return first.isLowercase || first.isNumber || first == "(" || end == ","
    }

    static func cleanRecipient(_ s: String) -> String {
        s.trimmed("-+•*–— ").trimmed(";:,. ")
    }

    /// The leading run of the text that is in capitals (drops trailing OCR noise).
    static func capsRun(_ s: String) -> String {
        var words: [Substring] = []
        for w in s.split(separator: " ") {
            let letters = w.filter(\.isLetter)
            if letters.isEmpty || letters.allSatisfy({ $0.isUppercase }) { words.append(w) } else { break }
        }
        return words.joined(separator: " ").trimmed("*_ ;,")
    }

    static func isTitle(_ s: String) -> Bool { titles.contains(Fold.key(s)) }

    /// A signer's title in capitals at the end of a line ("- Lưu: VT.   PHÓ CHỦ TỊCH").
    static func trailingTitle(_ s: String) -> (title: String, offset: Int)? {
        let f = FoldedText(s)
        for t in titles.sorted(by: { $0.count > $1.count }) {
            guard f.folded.hasSuffix(t) || f.folded.trimmed("*_ ").hasSuffix(t) else { continue }
            let trimmedCount = f.folded.trimmed("*_ ").count
            let lead = f.folded.prefix(while: { " *_".contains($0) }).count
            let start = lead + trimmedCount - t.count
            let candidate = f.text(start..<(lead + trimmedCount))
            guard SectionBuilder.isCaps(candidate) else { continue }
            // Whole line, or separated from a left-column text by a gap.
            if start > 0 && !f.text(0..<start).trimmed.isEmpty && !f.text(0..<start).hasSuffix(" ") { continue }
            return (candidate, start)
        }
        return nil
    }

    /// Common Vietnamese family names (accent-free), which open most signers' names.
    static let familyNames: Set<String> = [
        "nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do", "ho", "ngo",
        "duong", "ly", "dinh", "dao", "trinh", "mai", "truong", "luong", "lam", "phung", "to", "ha", "cao", "luu",
        "chu", "quach", "thai", "ta", "doan", "kieu", "trieu", "tang", "la", "vuong", "chau", "nong", "lo", "hua",
        "khong", "giang", "lai", "tong", "thach", "son", "nghiem", "au", "kim", "y",
    ]

    /// Family names that have one spelling, by skeleton: the first word of a signer's name is
    /// written so when OCR or restoration gave its skeleton other marks ("Nguyên Hoàng Giang").
    static let familyNameSpellings: [String: String] = [
        "nguyen": "Nguyễn", "tran": "Trần", "pham": "Phạm", "huynh": "Huỳnh", "dang": "Đặng", "bui": "Bùi",
        "ngo": "Ngô", "duong": "Dương", "phung": "Phùng", "truong": "Trương", "luong": "Lương", "dinh": "Đinh",
        "trinh": "Trịnh", "hoang": "Hoàng", "quach": "Quách", "trieu": "Triệu", "nghiem": "Nghiêm",
    ]

    static func canonicalFamilyName(_ name: String) -> String {
        // Seal residue after the name ("Trần Ngọc Căng À").
        var words = withoutTrailingResidue(name).split(separator: " ").map(String.init)
        // Only in a name read with marks: a name OCR read without any is left as read.
        guard words.count >= 2, VietnameseText.stripDiacritics(name) != name,
            let spelled = familyNameSpellings[Fold.key(words[0])]
        else { return words.joined(separator: " ") }
        words[0] = spelled
        return words.joined(separator: " ")
    }

    /// A name standing after a recipient on the same line: words in Title Case, and a family name
    /// first or at least three words (so that "VNPT Quảng Ngãi" or a place is not taken).
    static func looksLikePersonName(_ s: String) -> Bool {
        let t = s.trimmed("*_ ")
        guard looksLikeName(t) else { return false }
        let words = t.split(separator: " ")
        guard words.allSatisfy({ $0.dropFirst().allSatisfy(\.isLowercase) }) else { return false }
        return words.count >= 3 || familyNames.contains(Fold.key(String(words[0])))
    }

    /// The line without seal residue after its words: trailing tokens with no letter ("„", "—"),
    /// or of one letter after three words.
    static func withoutTrailingResidue(_ s: String) -> String {
        var words = s.split(separator: " ")
        while let last = words.last {
            let letters = last.filter(\.isLetter).count
            // One letter is residue only after a full name ("Trần Ngọc Căng À"; "Nguyễn Văn A" stays).
            guard (letters == 0 && words.count > 2) || (letters == 1 && words.count > 3) else { break }
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    /// A person's name: 2–5 capitalised words, letters only.
    static func looksLikeName(_ s: String) -> Bool {
        let t = s.trimmed("*_ ")
        let words = t.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        if SectionBuilder.isCaps(t) { return false }
        for w in words {
            guard let f = w.first, f.isUppercase, w.allSatisfy(\.isLetter) else { return false }
        }
        let key = Fold.key(t)
        if key.hasPrefix("noi nhan") || key.hasPrefix("luu") { return false }
        return true
    }
}
