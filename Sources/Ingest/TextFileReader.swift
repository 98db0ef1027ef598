import Foundation

/// Reads a text file that already holds OCR output: pages split at form feeds, lines at
/// newlines (CRLF and CR accepted), a UTF-8 byte-order mark dropped; UTF-16 with or without a
/// byte-order mark. Lines longer than ``maxLineLength`` are broken at a space (or hard), so
/// that restoration works on bounded pieces whatever the file holds (a dump on one line).
enum TextFileReader {
    /// The longest line passed on, in characters.
    static let maxLineLength = 2_000

    /// Why the leading bytes of a file are not UTF-8 text, or nil when they are.
    /// A multi-byte character cut by the end of the sample is allowed.
    static func problem(inHead bytes: [UInt8]) -> String? {
        if utf16Encoding(of: bytes) != nil { return nil }
        if bytes.contains(0) { return "binary data (NUL bytes), not text" }
        var controls = 0
        for b in bytes where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D && b != 0x0C && b != 0x1B {
            controls += 1
        }
        if controls * 100 > bytes.count { return "binary data, not text" }
        var end = bytes.count
        // Drop an incomplete UTF-8 sequence at the very end of the sample.
        var back = 0
        while back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80 { back += 1 }
        if end - back - 1 >= 0 {
            let lead = bytes[end - back - 1]
            let need = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
            if need > back { end = end - back - 1 }
        }
        if String(validating: bytes[0..<end], as: UTF8.self) == nil {
            return "not UTF-8 text"
        }
        return nil
    }

    /// The largest text file read as one document, in bytes: its restoration, segmentation and
    /// record take about 65 times its size in memory (some 550 MB here), which bounds the
    /// memory of a job. `vietdoc restore` streams larger dumps.
    static let defaultMaxBytes = 8_000_000

    /// The pages of a whole text file of at most `maxBytes` bytes (`.textTooLarge` otherwise,
    /// before anything is read).
    static func pages(of url: URL, maxBytes: Int = defaultMaxBytes) throws -> [PageText] {
        if let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int, size > maxBytes {
            throw VietdocError.textTooLarge(path: url.path, bytes: size, limit: maxBytes)
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw VietdocError.unreadableText(path: url.path, detail: "the file cannot be read")
        }
        // The file may have grown since it was measured.
        if data.count > maxBytes { throw VietdocError.textTooLarge(path: url.path, bytes: data.count, limit: maxBytes) }
        var bytes = [UInt8](data)
        if let encoding = utf16Encoding(of: bytes) {
            // Windows tools save "Unicode" text as UTF-16 with a byte-order mark.
            guard let text = String(data: data, encoding: encoding) else {
                throw VietdocError.unreadableText(path: url.path, detail: "not valid UTF-16")
            }
            return boundedLines(PageText.pages(fromText: text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text))
        }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.contains(0) {
            throw VietdocError.unreadableText(path: url.path, detail: "binary data (NUL bytes)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw VietdocError.unreadableText(path: url.path, detail: "not valid UTF-8")
        }
        return boundedLines(PageText.pages(fromText: text))
    }

    /// UTF-16 text announced by its byte-order mark, or recognised without one: most code
    /// units of text in Latin script (Vietnamese included) have a zero high byte, so zeros
    /// fall on one side of the byte pairs only. Nil for anything else.
    static func utf16Encoding(of bytes: [UInt8]) -> String.Encoding? {
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
        let units = bytes.count / 2
        guard units >= 8 else { return nil }
        var zeroEven = 0
        var zeroOdd = 0
        for i in 0..<units {
            if bytes[2 * i] == 0 { zeroEven += 1 }
            if bytes[2 * i + 1] == 0 { zeroOdd += 1 }
        }
        let encoding: String.Encoding
        if zeroOdd * 10 >= units * 3 && zeroEven * 50 <= units {
            encoding = .utf16LittleEndian
        } else if zeroEven * 10 >= units * 3 && zeroOdd * 50 <= units {
            encoding = .utf16BigEndian
        } else {
            return nil
        }
        guard let text = String(bytes: bytes.prefix(units * 2 - (units > 1 ? 2 : 0)), encoding: encoding) else {
            return nil
        }
        let controls = text.unicodeScalars.filter { $0.value < 0x20 && !"\t\n\r\u{0C}".unicodeScalars.contains($0) }
        return controls.isEmpty ? encoding : nil
    }

    /// The pages with every line longer than `maxLineLength` bytes cut into pieces (restoration
    /// and segmentation work line by line, so one huge line would hold them up).
    static func boundedLines(_ pages: [PageText]) -> [PageText] {
        pages.map { page in
            guard page.lines.contains(where: { $0.utf8.count > maxLineLength }) else { return page }
            var cut = page
            cut.lines = page.lines.flatMap { bounded($0) }
            return cut
        }
    }

    /// `line` in pieces of at most `limit` characters, broken after the last space of each
    /// piece when there is one.
    static func bounded(_ line: String, limit: Int = maxLineLength) -> [String] {
        var pieces: [String] = []
        var start = line.startIndex
        // One pass: walk `limit` characters from the start of each piece (never re-counting
        // the rest of the line, which would be quadratic on a dump held in one line).
        while start < line.endIndex {
            guard let end = line.index(start, offsetBy: limit, limitedBy: line.endIndex), end < line.endIndex else {
                pieces.append(String(line[start...]))
                break
            }
            let window = line[start..<end]
            let cut = window.lastIndex(of: " ").map { line.index(after: $0) } ?? end
            pieces.append(String(line[start..<cut]))
            start = cut
        }
        return pieces.isEmpty ? [line] : pieces
    }
}
