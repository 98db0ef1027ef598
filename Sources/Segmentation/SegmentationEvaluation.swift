import Foundation
import VietdocCore

/// A hand-checked gold record (`gold/records/<stem>.json`): only the fields being scored.
/// A field missing from the file is not scored; a `null` field expects `null`.
public struct GoldRecord: Sendable {
    public struct Section: Sendable, Equatable {
        public var number: String?
        public var heading: String
        public var category: SectionCategory
        public var level: Int
    }

    /// "001-bacgiang-2022": the NNN-place-year prefix shared by the samples of the document.
    public var stem: String
    /// Scored header and signature fields by name ("number", "signature.signer"); a nil value
    /// means the document does not state the field.
    public var fields: [(name: String, value: String?)]
    public var sections: [Section]
    /// Nil when the gold does not score it; `.some(nil)` when the document states no total.
    public var budgetTotal: Int64??
    public var agencies: [String]?

    /// Reads a gold record file.
    public static func load(_ url: URL) throws -> GoldRecord {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw VietdocError.fileNotFound(path: url.path) }
        guard let obj = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw VietdocError.invalidArgument("\(url.path): not a JSON object (expected a gold record)")
        }
        let stem = obj["document_stem"] as? String ?? url.deletingPathExtension().lastPathComponent
        var fields: [(String, String?)] = []
        func scalar(_ v: Any) -> String? {
            if v is NSNull { return nil }
            if let s = v as? String { return s }
            if let d = v as? [String: Any] {
                let from = (d["from"] as? Int).map(String.init) ?? "?"
                let to = (d["to"] as? Int).map(String.init) ?? "?"
                return "\(from)-\(to)"
            }
            return "\(v)"
        }
        let headerOrder = [
            "type", "number", "issuer", "parent_issuer", "place", "date", "date_text", "title", "period",
        ]
        if let d = obj["document"] as? [String: Any] {
            for key in headerOrder { if let v = d[key] { fields.append((key, scalar(v))) } }
        }
        if let s = obj["signature"] as? [String: Any] {
            for key in ["authority", "capacity", "signer"] {
                if let v = s[key] { fields.append(("signature.\(key)", scalar(v))) }
            }
        }
        var sections: [Section] = []
        for s in obj["sections"] as? [[String: Any]] ?? [] {
            guard let h = s["heading"] as? String, let c = (s["category"] as? String).flatMap(SectionCategory.init)
            else {
                throw VietdocError.invalidArgument("\(url.path): a section lacks a heading or a known category")
            }
            sections.append(
                Section(number: s["number"] as? String, heading: h, category: c, level: s["level"] as? Int ?? 1))
        }
        var total: Int64?? = nil
        if let t = obj["budget_total"] {
            total = .some((t as? NSNumber).map { $0.int64Value })
        }
        return GoldRecord(
            stem: stem, fields: fields, sections: sections, budgetTotal: total, agencies: obj["agencies"] as? [String])
    }

    /// The three-digit document number at the start of a file name ("001" for
    /// "001-bacgiang-2022-scanned.pdf" and for the seed "001_eb7681e4066ac11f.txt").
    public static func documentNumber(ofFileName name: String) -> String? {
        let digits = name.prefix(while: \.isNumber)
        return digits.count == 3 ? String(digits) : nil
    }
}

/// Scores of one plan record against its gold record.
public struct SegmentationScore: Sendable {
    public struct FieldResult: Sendable {
        public var name: String
        public var expected: String?
        public var actual: String?
        public var correct: Bool
    }

    public var fields: [FieldResult] = []

    public init() {}
    /// Section (heading, category) pairs: matched, produced (levels 1–2), gold.
    public var sectionMatched = 0
    public var sectionProduced = 0
    public var sectionGold = 0
    /// Headings alone (category ignored), for diagnosis.
    public var headingMatched = 0
    /// Gold sections and agencies left unmatched, and produced ones matching no gold, as
    /// "heading [category]" strings, for diagnosis.
    public var unmatchedGold: [String] = []
    public var unmatchedProduced: [String] = []
    public var agencyMatched = 0
    public var agencyProduced = 0
    public var agencyGold = 0

    public static func f1(matched: Int, produced: Int, gold: Int) -> (p: Double, r: Double, f: Double) {
        let p = produced == 0 ? (gold == 0 ? 1 : 0) : Double(matched) / Double(produced)
        let r = gold == 0 ? 1 : Double(matched) / Double(gold)
        return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
    }

    public var sectionF1: (p: Double, r: Double, f: Double) {
        Self.f1(matched: sectionMatched, produced: sectionProduced, gold: sectionGold)
    }
    public var agencyF1: (p: Double, r: Double, f: Double) {
        Self.f1(matched: agencyMatched, produced: agencyProduced, gold: agencyGold)
    }
}

/// Compares plan records with gold records. Text values match when their accent-free,
/// lower-cased, punctuation-free forms are at least `threshold` similar (1 − edit distance /
/// length), so that an OCR slip does not fail a whole field; numbers, dates, periods, types,
/// categories and amounts must be equal.
public enum SegmentationEvaluation {
    public static let threshold = 0.8
    /// Only sections at these levels are compared (top sections and their numbered subsections).
    public static let maxSectionLevel = 2

    public static func textMatches(_ a: String?, _ b: String?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (let x?, let y?): return Fold.similarity(x, y) >= threshold
        default: return false
        }
    }

    public static func score(_ plan: PlanRecord, gold: GoldRecord) -> SegmentationScore {
        var s = SegmentationScore()
        let d = plan.document
        for (name, expected) in gold.fields {
            let actual: String?
            var exact = false
            switch name {
            case "type":
                actual = d.type
                exact = true
            case "number":
                actual = d.number
                exact = true
            case "issuer": actual = d.issuer
            case "parent_issuer": actual = d.parentIssuer
            case "place": actual = d.place
            case "date":
                actual = d.date
                exact = true
            case "date_text": actual = d.dateText
            case "title": actual = d.title
            case "period":
                actual = d.period.map { "\($0.from.map(String.init) ?? "?")-\($0.to.map(String.init) ?? "?")" }
                exact = true
            case "signature.authority": actual = plan.signature.authority
            case "signature.capacity": actual = plan.signature.capacity
            case "signature.signer": actual = plan.signature.signer
            default: continue
            }
            let ok = exact ? (actual.map(Fold.key) == expected.map(Fold.key)) : textMatches(actual, expected)
            s.fields.append(.init(name: name, expected: expected, actual: actual, correct: ok))
        }
        if let expected = gold.budgetTotal {
            let actual = plan.budget.total?.amount
            s.fields.append(
                .init(
                    name: "budget.total", expected: expected.map(String.init), actual: actual.map(String.init),
                    correct: actual == expected))
        }
        // Sections: one-to-one greedy matching in document order.
        let produced = plan.sections.filter { $0.level <= maxSectionLevel }
        s.sectionProduced = produced.count
        s.sectionGold = gold.sections.count
        let goldPairs = gold.sections.map { ($0.heading, $0.category.rawValue) }
        let producedPairs = produced.map { ($0.heading, $0.category.rawValue) }
        let sectionMatch = match(goldPairs, producedPairs)
        s.sectionMatched = sectionMatch.matched
        s.unmatchedGold = sectionMatch.goldLeft.map { "\(goldPairs[$0].0) [\(goldPairs[$0].1)]" }
        s.unmatchedProduced = sectionMatch.producedLeft.map { "\(producedPairs[$0].0) [\(producedPairs[$0].1)]" }
        s.headingMatched = matchCount(gold.sections.map { ($0.heading, "") }, produced.map { ($0.heading, "") })
        if let agencies = gold.agencies {
            s.agencyGold = agencies.count
            s.agencyProduced = plan.assignments.count
            s.agencyMatched = matchCount(agencies.map { ($0, "") }, plan.assignments.map { ($0.agency, "") })
        }
        return s
    }

    /// How many gold items find a distinct produced item with the same tag and a similar text.
    static func matchCount(_ gold: [(String, String)], _ produced: [(String, String)]) -> Int {
        match(gold, produced).matched
    }

    /// One-to-one matching: count, and the indexes left over on each side.
    static func match(_ gold: [(String, String)], _ produced: [(String, String)])
        -> (matched: Int, goldLeft: [Int], producedLeft: [Int])
    {
        var used = [Bool](repeating: false, count: produced.count)
        var matched = 0
        var goldLeft: [Int] = []
        for (g, (text, tag)) in gold.enumerated() {
            var best: (Int, Double)?
            for (i, p) in produced.enumerated() where !used[i] && p.1 == tag {
                let sim = Fold.similarity(text, p.0)
                if sim >= threshold, best == nil || sim > best!.1 { best = (i, sim) }
            }
            if let (i, _) = best {
                used[i] = true
                matched += 1
            } else {
                goldLeft.append(g)
            }
        }
        return (matched, goldLeft, used.indices.filter { !used[$0] })
    }
}
