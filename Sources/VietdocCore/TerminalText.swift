/// Text from documents and file names made safe to print: control characters (ESC, BEL,
/// backspace, carriage return, C1 controls, bidi overrides…) are shown as `\u{…}` escapes, so
/// that a hostile file cannot move the cursor, retitle the terminal or hide text.
public enum TerminalText {
    /// `text` with every control character except tab and newline escaped (newline too when
    /// `keepNewlines` is false).
    public static func escaped(_ text: String, keepNewlines: Bool = true) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0, keepNewlines: keepNewlines) }) else { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            if needsEscape(scalar, keepNewlines: keepNewlines) {
                result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func needsEscape(_ scalar: Unicode.Scalar, keepNewlines: Bool) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x0A: return !keepNewlines
        case 0x00...0x1F, 0x7F...0x9F: return true
        // Bidirectional overrides and isolates reorder what the terminal shows.
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
