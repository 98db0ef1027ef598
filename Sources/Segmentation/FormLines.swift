import VietdocCore

/// The fixed wording of the Decree 30/2020/NĐ-CP form — the national motto, the common issuing
/// bodies, the signers' titles, the document types — and a corrector that writes it as printed
/// wherever OCR damaged it ("CỘNG HOÀ Đã HỘI CHỦ NGHĨA", "KT. GLAM ĐỌC", "Hội đông nhân dân").
///
/// A run of a line's words is compared with each phrase on accent-free skeletons, joined without
/// spaces (OCR glues and splits words), by the stage's look-alike edit distance (`Keyword`); a run
/// within a sixth of the phrase's letters (one slip for 5–11 letters, none below), whose first and
/// last words are the phrase's and which is not another phrase as printed, is replaced by the
/// phrase, in the run's case. A word already spelled like the phrase's (marks
/// placed either way: "UỶ"/"ỦY", "HOÀ"/"HÒA") is kept as printed.
public enum FormLines {
    /// The phrases, as printed (NFC), longest first so that "PHÓ CHỦ TỊCH" wins over "CHỦ TỊCH".
    static let phrases: [Phrase] = {
        let motto = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        // The bodies' names as running text and titles print them.
        let names = ["Ủy ban nhân dân", "Hội đồng nhân dân"]
        let bodies = [
            "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "VĂN PHÒNG ỦY BAN NHÂN DÂN", "SỞ Y TẾ", "SỞ NỘI VỤ",
            "SỞ TƯ PHÁP", "SỞ TÀI CHÍNH", "SỞ XÂY DỰNG", "SỞ CÔNG THƯƠNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            "SỞ KẾ HOẠCH VÀ ĐẦU TƯ", "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "SỞ GIAO THÔNG VẬN TẢI",
            "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
            "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        ]
        let all = motto + names + bodies + ClosingExtractor.canonicalTitles + DocumentType.names.map(\.name)
        return Set(all).map(Phrase.init).sorted { ($0.letters.count, $0.text) > ($1.letters.count, $1.text) }
    }()

    /// Every phrase's skeleton letters.
    static let skeletons = Set(phrases.map(\.letters))

    /// A fixed phrase with its skeleton.
    struct Phrase {
        let text: String
        let words: [String]
        /// The skeleton's letters, spaces left out.
        let letters: [Character]
        /// True when the phrase is printed in capitals (it then only replaces a run in capitals).
        let caps: Bool

        init(_ text: String) {
            self.text = text
            words = text.split(separator: " ").map(String.init)
            letters = Array(Fold.key(text).replacingOccurrences(of: " ", with: ""))
            caps = text == text.uppercased()
        }

        /// The edit cost a run may take: a sixth of the letters, one slip for 5–11 letters, none
        /// below.
        var budget: Double {
            switch letters.count {
            case ..<5: return 0
            case 5..<12: return 1
            default: return Double(letters.count) / 6
            }
        }
    }

    /// A word of a line: its character range in the line and its skeleton.
    struct Token {
        let range: Range<Int>
        let skeleton: String
    }

    static func tokens(_ chars: [Character]) -> [Token] {
        var out: [Token] = []
        var i = 0
        while i < chars.count {
            guard chars[i].isLetter || chars[i].isNumber else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, chars[j].isLetter || chars[j].isNumber { j += 1 }
            out.append(Token(range: i..<j, skeleton: Fold.key(String(chars[i..<j]))))
            i = j
        }
        return out
    }

    /// The line with every damaged fixed phrase written as printed; the line itself when none is.
    public static func corrected(_ line: String) -> String {
        var chars = Array(VietnameseText.nfc(line))
        var done: [Range<Int>] = []  // character ranges already replaced (no phrase inside another)
        for phrase in phrases {
            // A phrase may occur more than once ("ỦY BAN NHÂN DÂN" in the header and "TM. …").
            var from = 0
            while let (range, replacement) = match(phrase, in: chars, from: from, avoiding: done) {
                chars.replaceSubrange(range, with: Array(replacement))
                let shift = replacement.count - range.count
                done = done.map {
                    $0.lowerBound >= range.upperBound ? ($0.lowerBound + shift)..<($0.upperBound + shift) : $0
                }
                let replaced = range.lowerBound..<(range.lowerBound + replacement.count)
                done.append(replaced)
                from = replaced.upperBound
            }
        }
        return String(chars)
    }

    /// The first run of words at or after `from` that can be `phrase` and is not printed so
    /// already, with its replacement.
    static func match(_ phrase: Phrase, in chars: [Character], from: Int, avoiding done: [Range<Int>]) -> (
        Range<Int>, String
    )? {
        let toks = tokens(chars)
        let targets = phrase.words.map(Fold.key).filter { !$0.isEmpty }
        let n = targets.count
        guard n > 0 else { return nil }
        for start in toks.indices where toks[start].range.lowerBound >= from {
            // Cheap test first: the run starts on the phrase's first letter or its second word.
            guard
                toks[start].skeleton.first == phrase.letters.first
                    || (n > 1 && start + 1 < toks.count && toks[start + 1].skeleton == targets[1])
            else { continue }
            for count in [n, n - 1, n + 1] where count >= 1 && start + count <= toks.count {
                let run = Array(toks[start..<(start + count)])
                let range = run.first!.range.lowerBound..<run.last!.range.upperBound
                guard !done.contains(where: { $0.overlaps(range) }) else { continue }
                let letters = Array(run.map(\.skeleton).joined())
                guard abs(letters.count - phrase.letters.count) <= Int(phrase.budget) + 1 else { continue }
                // A run that is another phrase as printed ("THÔNG BÁO") is that phrase.
                guard letters == phrase.letters || !skeletons.contains(letters) else { continue }
                let text = String(chars[range])
                if phrase.caps, !isCaps(text) { continue }
                let distance = Keyword.distance(letters, phrase.letters)
                guard distance <= phrase.budget else { continue }
                if count != n {
                    // Words glued or split by OCR: half the budget, and the last word must start
                    // like the phrase's ("PHÓ CHỦ" is not "PHÓ BÍ THƯ").
                    guard distance <= phrase.budget / 2, run.last!.skeleton.first == targets.last!.first else {
                        continue
                    }
                }
                // Word for word, all but one in three words must be the phrase's, slips allowed
                // ("QUY ĐỊNH" is not "QUYẾT ĐỊNH"; "Đã" may be "XÃ" in the motto).
                // The first and last words anchor the run ("KT. CHÁNH" is not "PHÓ CHÁNH").
                if count == n {
                    let fits = zip(run, targets).map {
                        Keyword.wordDistance(Substring($0.skeleton), Substring($1), inPhrase: true) != nil
                    }
                    guard fits.first!, fits.last!, fits.filter({ !$0 }).count <= (n - 1) / 3 else { continue }
                }
                let replacement = rendered(
                    phrase, as: text, words: count == n ? run.map { String(chars[$0.range]) } : nil)
                if replacement == text { break }
                return (range, replacement)
            }
        }
        return nil
    }

    /// The phrase in the case of the run it replaces, keeping the run's words that are already
    /// spelled as the phrase's (`readWords`, when the run has as many words as the phrase).
    static func rendered(_ phrase: Phrase, as text: String, words readWords: [String]?) -> String {
        var read = readWords ?? []
        var out: [String] = []
        for word in phrase.words {
            guard word.contains(where: { $0.isLetter }) else {
                out.append(word)
                continue
            }
            let r = read.isEmpty ? nil : read.removeFirst()
            if let r, sameSpelling(r, word) {
                out.append(r)
            } else if phrase.caps {
                out.append(word)
            } else if let r, isCaps(r) {
                out.append(word.uppercased())
            } else if let r, r.first?.isLowercase == true {
                out.append(word.lowercased())
            } else {
                out.append(word)
            }
        }
        return out.joined(separator: " ")
    }

    /// Mostly capitals: at least ¾ of the letters (OCR lowers a marked capital: "CỘNG HOÀ Đã HỘI").
    public static func isCaps(_ s: String) -> Bool { VietnameseText.isMostlyCapitals(s, share: 0.75) }

    /// The same letters and the same marks, wherever the tone mark sits ("UỶ" and "ỦY"), ignoring case.
    static func sameSpelling(_ a: String, _ b: String) -> Bool {
        let x = a.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        let y = b.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars
        let isMark = { (u: Unicode.Scalar) in (0x0300...0x036F).contains(u.value) }
        return x.filter { !isMark($0) }.elementsEqual(y.filter { !isMark($0) })
            && x.filter(isMark).map(\.value).sorted() == y.filter(isMark).map(\.value).sorted()
    }
}
