/// Tokens restoration must not touch: numbers, amounts, dates, URLs, e-mail addresses, document
/// codes and acronyms. The one certain repair is the Đ of a known acronym ("QD-UBND" → "QĐ-UBND").
enum ProtectedToken {
    /// The protected output for a white-space-delimited chunk core, or nil when it is text.
    static func classify(_ core: [Unicode.Scalar], model: DiacriticModel) -> String? {
        var letters = 0
        var digits = 0
        var upper = 0
        var seps = 0
        var joined = false
        for (i, u) in core.enumerated() {
            if let m = VietnameseLetters.marks(u) {
                letters += 1
                if m.isUppercase { upper += 1 }
            } else if u.value >= 0x30 && u.value <= 0x39 {
                digits += 1
            } else if u.isNumericFast {
                digits += 1
            } else {
                switch u {
                case "@": return String(String.UnicodeScalarView(core))
                case ":" where i + 2 < core.count && core[i + 1] == "/" && core[i + 2] == "/":
                    return String(String.UnicodeScalarView(core))  // a URL
                case "/", "-":
                    seps += 1
                    joined = true
                case ".", ",", ":", "%", "_": seps += 1
                default: break
                }
            }
        }
        if core.count > 4 && (core[0] == "w" || core[0] == "W") && core[1] == core[0] && core[2] == core[0]
            && core[3] == "."
        {
            return String(String.UnicodeScalarView(core))
        }
        // Numbers, amounts, dates, times, percentages.
        if letters == 0 && digits > 0 { return String(String.UnicodeScalarView(core)) }
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
        var out = ""
        var part: [Unicode.Scalar] = []
        func flush() {
            out += restoreAcronym(part, model: model)
            part = []
        }
        for u in core {
            if VietnameseLetters.marks(u) != nil {
                part.append(u)
            } else {
                flush()
                out.unicodeScalars.append(u)
            }
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

    /// Whether a chunk core is a Roman numeral used as a number ("V." of a heading, "Chương IV"):
    /// an all-capital valid Roman numeral that is no Vietnamese syllable ("V", "IV", "XII"), or
    /// one that is a syllable spelling ("VI", "XI") but opens the line followed by "." or ")".
    static func isHeadingNumeral(
        _ core: [Unicode.Scalar], after: ArraySlice<Unicode.Scalar>, first: Bool, model: DiacriticModel
    ) -> Bool {
        guard !core.isEmpty, core.count <= 7, core.allSatisfy({ "IVXLC".unicodeScalars.contains($0) }),
            isRomanNumeral(String(String.UnicodeScalarView(core)))
        else { return false }
        if first, let p = after.first, p == "." || p == ")" { return true }
        return model.id(of: core.map(VietnameseLetters.lower)) == nil
    }

    /// Whether `s` is a well-formed Roman numeral from 1 to 399 (I … CCCXCIX).
    static func isRomanNumeral(_ s: String) -> Bool {
        var rest = Substring(s)
        for group in [
            ["CCC", "CC", "C"], ["XC", "XL", "LXXX", "LXX", "LX", "L", "XXX", "XX", "X"],
            ["IX", "IV", "VIII", "VII", "VI", "V", "III", "II", "I"],
        ] {
            if let g = group.first(where: { rest.hasPrefix($0) }) { rest = rest.dropFirst(g.count) }
        }
        return rest.isEmpty && !s.isEmpty
    }
}
