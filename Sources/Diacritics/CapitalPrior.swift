import Foundation
import VietdocCore

/// How likely each syllable is to be written with a capital inside a sentence, from
/// `dictionaries/capitalised.tsv` (`tools/model/capitalised.py`). A capitalised word inside a
/// sentence is mostly a name, and names draw on other syllables than running text: stripped
/// "An Do" is "Ấn Độ", not "Ăn Đỏ", though "ăn" is the commoner word. By Bayes, reading a
/// capitalised token as syllable s multiplies the language model's P(s | context) by
/// P(capital | s); this prior adds −ln P(capital | s) relative to the token's likeliest reading.
struct CapitalPrior: Sendable {
    static let fileName = "capitalised.tsv"
    /// Smoothing: P(capital | s) = (capitalised + k·p0) / (total + k).
    static let pseudoCount: Float = 2
    static let backgroundShare: Float = 0.2

    /// ln P(capital | syllable) by lower-case syllable, as listed.
    let byForm: [String: Float]
    /// ln P(capital | syllable) by syllable id once `indexed`; empty otherwise.
    let logShare: [Float]
    /// The list's bytes' hash (0 when there is no list).
    let hash: UInt64

    static let none = CapitalPrior(byForm: [:], logShare: [], hash: 0)

    /// Reads the list; a folder without one gives `none`.
    ///
    /// - Throws: `VietdocError.modelInvalid` for a line that is not `syllable \t capitalised \t total`.
    static func load(from url: URL) throws -> CapitalPrior {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .none }
        var byForm: [String: Float] = [:]
        byForm.reserveCapacity(8_192)
        try TabSeparatedRows.forEach(data) { row in
            guard row.fields.count == 3, let capitalised = row.number(1), let total = row.number(2),
                capitalised <= total
            else {
                throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(row.text)")
            }
            byForm[row.string(0)] = logf(
                (Float(capitalised) + pseudoCount * backgroundShare) / (Float(total) + pseudoCount))
        }
        return CapitalPrior(byForm: byForm, logShare: [], hash: FNV1a.hash64(data))
    }

    /// The prior by syllable id for a vocabulary; syllables the list lacks get the background share.
    func indexed(forms: [String]) -> CapitalPrior {
        guard !byForm.isEmpty else { return self }
        let background = logf(Self.backgroundShare)
        return CapitalPrior(byForm: [:], logShare: forms.map { byForm[$0] ?? background }, hash: hash)
    }

    /// Adds to each single-syllable reading of a capitalised token inside a sentence `weight`
    /// nats per nat its P(capital | s) falls below the likeliest reading's, at most `cap`.
    func apply(to alternatives: inout [Alternative], weight: Float, cap: Float) {
        guard !logShare.isEmpty, weight > 0 else { return }
        var best = -Float.infinity
        for a in alternatives where a.ids.count == 1 { best = max(best, logShare[Int(a.ids[0])]) }
        for i in alternatives.indices where alternatives[i].ids.count == 1 {
            alternatives[i].cost += min(cap, weight * (best - logShare[Int(alternatives[i].ids[0])]))
        }
    }
}
