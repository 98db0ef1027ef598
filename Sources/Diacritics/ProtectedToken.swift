/// Tokens restoration must not touch: numbers, amounts, dates, URLs, e-mail addresses, document
/// codes and acronyms. The one certain repair is the Đ of a known acronym ("QD-UBND" → "QĐ-UBND").
enum ProtectedToken {
    /// The protected output for a white-space-delimited chunk core, or nil when it is text.
    static func classify(_ core: [Unicode.Scalar], model: DiacriticModel) -> String? {
        var letters = 0, digits = 0, upper = 0, seps = 0, joined = false
        for (i, u) in core.enumerated() {
            if let m = VietnameseLetters.marks(u) { letters += 1; if m.isUppercase { upper += 1 } }
            else if u.value >= 0x30 && u.value <= 0x39 { digits += 1 }
            else if u.isNumericFast { digits += 1 }
            else {
                switch u {
                case "@": return String(String.UnicodeScalarView(core))
                case ":" where i + 2 < core.count && core[i + 1] == "/" && core[i + 2] == "/":
                    return String(String.UnicodeScalarView(core))  // a URL
                case "/", "-": seps += 1; joined = true
                case ".", ",", ":", "%", "_": seps += 1
                default: break
                }
            }
        }
        if core.count > 4 && (core[0] == "w" || core[0] == "W") && core[1] == core[0] && core[2] == core[0] && core[3] == "." {
            return String(String.UnicodeScalarView(core))
        }
        let text = String(String.UnicodeScalarView(core))
        // Numbers, amounts, dates, times, percentages.
        if letters == 0 && digits > 0 { return text }
        _ = seps
        // Document codes and acronyms with separators: "259/KH-UBND", "QD-UBND", "02-CTr/TU",
        // "COVID-19": all capitals, or digits joined to letters by / or -.
        if joined && ((upper == letters && letters >= 2) || (digits > 0 && upper > 0)) {
            return restoreCodeParts(core, model: model)
        }
        return nil
    }

    /// A code with every all-capital part that is a known Đ acronym restored.
    static func restoreCodeParts(_ core: [Unicode.Scalar], model: DiacriticModel) -> String {
        var out = "", part: [Unicode.Scalar] = []
        func flush() { out += restoreAcronym(part, model: model); part = [] }
        for u in core {
            if VietnameseLetters.marks(u) != nil { part.append(u) } else { flush(); out.unicodeScalars.append(u) }
        }
        flush()
        return out
    }

    /// "HDND" → "HĐND" when the model knows the Đ spelling for certain; otherwise unchanged.
    static func restoreAcronym(_ token: [Unicode.Scalar], model: DiacriticModel) -> String {
        let s = String(String.UnicodeScalarView(token))
        guard token.count >= 2, token.contains("D"), let fixed = model.acronyms[s] else { return s }
        return fixed
    }
}
