import Foundation
import VietdocCore

/// Tells stamp and overlay text from the document's own text by its keywords, matched on the
/// accent-free, lower-cased skeleton with an edit-distance tolerance (so "Ky boi", "Kỷ bởi" and
/// "Ký b0i" all match "ký bởi"), never by lists of exact OCR garbles.
enum StampClassifier {
    /// The kind of stamp a line of text starts or holds, if any.
    ///
    /// - Parameters:
    ///   - small: the line is set smaller than the page's text (overlays usually are).
    ///   - atTop: the line is in the top margin, where overlays sit.
    static func kind(of text: String, small: Bool, atTop: Bool = false) -> StampKind? {
        let tokens = skeletonTokens(text)
        guard !tokens.isEmpty else { return nil }
        let hasColon = text.contains(":")
        // Digital-signature overlay: "Ký bởi:", "Người ký:", "Thời gian ký:", "Cơ quan:" at the start.
        for key in ["ky boi", "nguoi ky", "thoi gian ky"] where startsWith(tokens, key) && (hasColon || small) {
            return .digitalSignature
        }
        if startsWith(tokens, "co quan") && small && hasColon { return .digitalSignature }
        // Gazette centre stamp: its name, or its e-mail and time line.
        if contains(tokens, "trung tam cong bao") || contains(tokens, "cong bao va tin hoc")
            || endsWithStart(tokens, of: "trung tam cong bao va tin hoc")
            || (small && (contains(tokens, "cong bao") || contains(tokens, "tin hoc")))
        {
            return .gazetteStamp
        }
        if (small || atTop) && (text.contains("@") || text.lowercased().contains(".gov.vn")) { return .gazetteStamp }
        // Received stamp: "CV ĐẾN", "CÔNG VĂN ĐẾN", "ĐẾN Số: … Giờ … Ngày …".
        if contains(tokens, "cv den") || contains(tokens, "cong van den") { return .receivedStamp }
        if tokens.first == "den", tokens.count <= 8,
            tokens.dropFirst().contains(where: { ["so", "gio", "ngay", "chuyen"].contains($0) })
        {
            return .receivedStamp
        }
        // Urgency and confidentiality marks: the mark alone on its line, in capitals.
        let letters = text.filter(\.isLetter)
        if tokens.count <= 2, letters == letters.uppercased() {
            let joined = tokens.joined(separator: " ")
            for mark in ["hoa toc", "thuong khan", "toi mat", "tuyet mat"]
            where matches(joined, mark) {
                return .urgency
            }
            if joined == "khan" || joined == "mat" { return .urgency }
        }
        return nil
    }

    /// True when the text looks like the continuation of a stamp (a time stamp, an e-mail, a
    /// short run of words in small print) rather than the document's text.
    static func continuesStamp(_ text: String) -> Bool {
        text.contains("@") || text.range(of: #"\d{1,2}[:.]\d{2}([:.]\d{2})?"#, options: .regularExpression) != nil
            || text.range(of: #"[+-]\d{2}:\d{2}"#, options: .regularExpression) != nil
    }

    /// "Nơi nhận:" opening the recipients column (also as OCR reads it: "Noi nhgn:"), never a
    /// list item ("- Mỗi nhân …").
    static func isRecipientsHeading(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let first = trimmed.first, first.isLetter else { return false }
        let tokens = skeletonTokens(trimmed)
        guard tokens.first?.first == "n", startsWith(tokens, "noi nhan") else { return false }
        let words = trimmed.split(separator: " ")
        return words.prefix(3).contains { $0.contains(":") } || words.count <= 3
    }

    // MARK: - Skeleton matching

    /// Lower-cased accent-free words of the text (letters and digits only).
    static func skeletonTokens(_ text: String) -> [String] {
        VietnameseText.stripDiacritics(VietnameseText.nfc(text)).lowercased()
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }

    /// The edits allowed when matching a key of this many characters.
    static func tolerance(_ length: Int) -> Int { length >= 15 ? 3 : length >= 10 ? 2 : length >= 6 ? 1 : 0 }

    static func matches(_ text: String, _ key: String) -> Bool {
        abs(text.count - key.count) <= tolerance(key.count)
            && TextMetrics.editDistance(Array(text), Array(key)) <= tolerance(key.count)
    }

    /// True when the first words (as many as the key has) match the key.
    static func startsWith(_ tokens: [String], _ key: String) -> Bool {
        let n = key.split(separator: " ").count
        guard tokens.count >= n else { return false }
        return matches(tokens[0..<n].joined(separator: " "), key)
    }

    /// True when the last words (three or more) match the first words of the key: a stamp's
    /// name wrapped onto the next line ("TRUNG TÂM CÔNG" / "BÁO VÀ TIN HỌC").
    static func endsWithStart(_ tokens: [String], of key: String) -> Bool {
        let keyWords = key.split(separator: " ").map(String.init)
        for n in stride(from: min(tokens.count, keyWords.count - 1), through: 3, by: -1) {
            let tail = tokens[(tokens.count - n)...].joined(separator: " ")
            if matches(tail, keyWords[0..<n].joined(separator: " ")) { return true }
        }
        return false
    }

    /// True when some run of consecutive words matches the key.
    static func contains(_ tokens: [String], _ key: String) -> Bool {
        let n = key.split(separator: " ").count
        guard tokens.count >= n else { return false }
        return (0...(tokens.count - n)).contains { matches(tokens[$0..<$0 + n].joined(separator: " "), key) }
    }
}
