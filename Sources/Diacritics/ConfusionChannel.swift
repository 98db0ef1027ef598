import Foundation

/// The learned OCR confusion channel (`dictionaries/confusions.tsv`, written by
/// `tools/model/learn_confusions.py`): how often tesseract's `eng`, `vie` and `vie+eng` models
/// turned a gold chunk into an OCR chunk, how often vowel marks survived, and how often words
/// were merged. Files without `vie+eng` rows load with an empty `vieEng` profile.
struct ConfusionChannel: Sendable {
    /// One inverse rewrite: OCR chunk → gold chunk, with cost −ln P(ocr | gold).
    struct Rewrite: Sendable {
        var ocr: [Unicode.Scalar]
        var gold: [Unicode.Scalar]
        var cost: Float
    }

    /// Per OCR model: rewrites indexed by the first scalar of the OCR chunk.
    struct Profile: Sendable {
        var rewrites: [UInt32: [Rewrite]] = [:]
        /// P(a marked letter kept its exact marks / lost them / got other marks).
        var markKept: Float = 0.9
        var markDropped: Float = 0.05
        var markChanged: Float = 0.05
        /// P(two adjacent words printed as one token).
        var mergeRate: Float = 0.01
        /// Scalars other than letters and digits that OCR put in place of letters (¢, €, ¥ …).
        var junkScalars: Set<UInt32> = []
        /// Per gold vowel letter: how often OCR wrote each letter of the same skeleton for it
        /// ("ê" → "é"), and the letter's total in the aligned tokens.
        var letters: [UInt32: (total: Float, ocr: [UInt32: Float])] = [:]

        /// −ln P(OCR wrote `ocr` | gold `gold`) for pairs seen at least twice of a gold vowel
        /// seen at least `minTotal` times, keyed by `ocr << 32 | gold`.
        func letterCosts(minTotal: Float = 20) -> [UInt64: Float] {
            var table: [UInt64: Float] = [:]
            for (gold, row) in letters where row.total >= minTotal {
                for (ocr, n) in row.ocr where n >= 2 && ocr != gold {
                    table[UInt64(ocr) << 32 | UInt64(gold)] = -logf(n / row.total)
                }
            }
            return table
        }
    }

    var version: String
    var eng: Profile
    var vie: Profile
    var vieEng: Profile

    static let ordinaryPunctuation = Set(",.:;()[]{}\"'!?-–—/\\«»“”‘’…*#_=+<>|~`^".unicodeScalars.map(\.value))

    static func load(from url: URL) throws -> ConfusionChannel {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw VietdocError.missingModel(detail: "\(url.path) not found (tools/model/learn_confusions.py makes it)")
        }
        let hash = FNV1a.hash64(data)
        var profiles: [String: Profile] = ["eng": Profile(), "vie": Profile(), "vie+eng": Profile()]
        var markCounts: [String: [String: Float]] = [:]
        for raw in String(decoding: data, as: UTF8.self).split(separator: "\n") where !raw.hasPrefix("#") {
            let f = raw.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 6, let count = Float(f[4]), let total = Float(f[5]), profiles[f[1]] != nil else {
                throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(raw)")
            }
            let lang = f[1]
            switch f[0] {
            case "mark": markCounts[lang, default: [:]][f[2]] = count
            case "letter":
                guard let g = f[2].unicodeScalars.first, let o = f[3].unicodeScalars.first else { continue }
                profiles[lang]!.letters[g.value, default: (total, [:])].ocr[o.value] = count
            case "merge": profiles[lang]!.mergeRate = max(0.002, (count + 1) / (total + 2))
            case "rule", "observed":
                let gold = Array(f[2].unicodeScalars)
                let ocr = Array(f[3].unicodeScalars)
                guard !ocr.isEmpty, count >= 2 else { continue }
                // Mark-only changes (ế → é) are the mark model's business, not a rewrite.
                if let gs = VietnameseLetters.skeleton(gold), let os = VietnameseLetters.skeleton(ocr), gs == os {
                    continue
                }
                let cost = -logf((count + 0.5) / (total + 1))
                guard cost < 8 else { continue }
                profiles[lang]!.rewrites[ocr[0].value, default: []].append(Rewrite(ocr: ocr, gold: gold, cost: cost))
                for u in ocr where !(u.properties.isAlphabetic || u.properties.numericType != nil) {
                    if !ordinaryPunctuation.contains(u.value) && !u.properties.isWhitespace {
                        profiles[lang]!.junkScalars.insert(u.value)
                    }
                }
            default: throw VietdocError.modelInvalid(path: url.path, detail: "unknown kind \(f[0])")
            }
        }
        for (lang, m) in markCounts {
            let total = (m["kept"] ?? 0) + (m["dropped"] ?? 0) + (m["changed"] ?? 0) + 3
            profiles[lang]!.markKept = ((m["kept"] ?? 0) + 1) / total
            profiles[lang]!.markDropped = ((m["dropped"] ?? 0) + 1) / total
            profiles[lang]!.markChanged = ((m["changed"] ?? 0) + 1) / total
        }
        return ConfusionChannel(
            version: String(String(hash, radix: 16).prefix(8)), eng: profiles["eng"]!, vie: profiles["vie"]!,
            vieEng: profiles["vie+eng"]!)
    }
}
