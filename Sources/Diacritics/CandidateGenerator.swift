import Foundation

/// One way to read a token: one syllable, or several when the token is a merge ("cuaBo").
struct Alternative: Sendable {
    var ids: [Int32]
    /// Channel cost (−log-likelihood of the input given this reading).
    var cost: Float
    /// Scalar offsets in the token where each syllable after the first starts (splits only).
    var cuts: [Int]
    var reason: ChangeReason
}

/// Costs of the channel in one regime, derived from the learned mark statistics.
struct ChannelCosts: Sendable {
    var missingMark: Float
    var changedMark: Float
    var rulesProfile: ConfusionChannel.Profile?
    var maxRewrites: Int
    var splitPenalty: Float
    var caseSplitPenalty: Float
    var allowDigits: Bool
    /// Whether tokens may split anywhere (OCR that drops spaces), not only at a case change.
    var splitAnywhere: Bool
    /// A change to a token that is already a syllable needs at least this margin (nats).
    var minChangeMargin: Float = 0
    /// Decoder bonus (nats) for two adjacent syllables forming a dictionary word.
    var wordBonus: Float = 0.5
    /// Single-syllable readings kept per token.
    var maxCandidates = 8
    /// Hypotheses the decoder keeps per slot.
    var beamWidth = 8
    /// Readings of each half kept when a token splits in two.
    var splitCandidates = 3
    /// Learned −ln P(OCR letter | gold letter) for vowels (`ocr << 32 | gold`); a pair's cost is
    /// the smaller of this and the mark costs above plus `unseenLetterPenalty`. Empty: mark costs only.
    var letterCosts: [UInt64: Float] = [:]
    var unseenLetterPenalty: Float = 0
    /// Extra cost of reading a short number as a syllable; infinite: numbers stay numbers.
    var digitWordPenalty: Float = .infinity
    /// Write a lone short all-capital word of a lower-case line in Title Case (mangled OCR).
    var titleIsolatedCaps = false
    /// Extra cost of readings rarer than a common one the channel reaches about as well
    /// (`FrequencyPrior`); nil: none.
    var frequencyPrior: FrequencyPrior? = nil
    /// Weight of the capital prior (`CapitalPrior`) on capitalised words inside a sentence; 0: none.
    var capitalPriorWeight: Float = 0
    /// The most the capital prior adds to a reading (nats).
    var capitalPriorCap: Float = 4
    /// Weight of the language model's log-probabilities against the channel costs in the
    /// decoder (a language-model scale factor; 1 in every regime of the committed model).
    var lmScale: Float = 1

    static func forRegime(_ regime: TextRegime, channel: ConfusionChannel) -> ChannelCosts {
        switch regime {
        case .stripped:
            return ChannelCosts(
                missingMark: 0.02, changedMark: 9, rulesProfile: nil, maxRewrites: 0, splitPenalty: 9,
                caseSplitPenalty: 3, allowDigits: false, splitAnywhere: false, capitalPriorWeight: 1)
        case .mangled:
            let p = channel.eng
            return ChannelCosts(
                missingMark: max(0.05, -logf(p.markDropped / p.markKept)),
                changedMark: max(0.6, -logf(p.markChanged / p.markKept)),
                rulesProfile: p, maxRewrites: 2, splitPenalty: max(2, -logf(p.mergeRate)), caseSplitPenalty: 0.3,
                allowDigits: true, splitAnywhere: true, maxCandidates: 24, beamWidth: 16, splitCandidates: 8,
                letterCosts: p.letterCosts(), unseenLetterPenalty: 0.8, digitWordPenalty: 2, titleIsolatedCaps: true,
                frequencyPrior: .mangled)
        case .accented:
            let p = channel.vie
            return ChannelCosts(
                missingMark: max(5, -logf(p.markDropped / p.markKept)),
                changedMark: max(6.5, -logf(p.markChanged / p.markKept)),
                rulesProfile: p, maxRewrites: 0, splitPenalty: max(6, -logf(p.mergeRate)), caseSplitPenalty: 1.0,
                allowDigits: false, splitAnywhere: false, minChangeMargin: 2.5)
        }
    }
}

/// Produces the readings of a lower-case token with their channel costs: the syllables sharing
/// its skeleton, those reached through learned OCR rewrites, and two-syllable splits.
struct CandidateGenerator {
    let model: DiacriticModel
    let costs: ChannelCosts
    static let costWindow: Float = 9
    static let unlistedPenalty: Float = 2

    /// Single-syllable readings of `lower`, best first, and the identity id if `lower` is a syllable.
    func syllables(_ lower: [Unicode.Scalar]) -> [(id: Int32, cost: Float)] {
        var best: [Int32: Float] = [:]
        addBySkeleton(SyllableForm.canonical(lower), base: 0, into: &best)
        if let profile = costs.rulesProfile, costs.maxRewrites > 0 {
            var frontier: [([Unicode.Scalar], Float, Int)] = [(lower, 0, 0)]
            for _ in 0..<costs.maxRewrites {
                var next: [([Unicode.Scalar], Float, Int)] = []
                for (s, c, start) in frontier {
                    var i = start
                    while i < s.count {
                        if let rules = profile.rewrites[s[i].value] {
                            for r in rules where c + r.cost < Self.costWindow && i + r.ocr.count <= s.count {
                                if !s[i..<(i + r.ocr.count)].elementsEqual(r.ocr) { continue }
                                var t = Array(s[0..<i])
                                t.append(contentsOf: r.gold)
                                t.append(contentsOf: s[(i + r.ocr.count)...])
                                next.append((t, c + r.cost, i + r.gold.count))
                            }
                        }
                        i += 1
                    }
                }
                for (t, c, _) in next { addBySkeleton(SyllableForm.canonical(t), base: c, into: &best) }
                frontier = next
                if frontier.count > 400 { frontier = Array(frontier.sorted { $0.1 < $1.1 }.prefix(400)) }
            }
        }
        guard let minCost = best.values.min() else { return [] }
        let uni = model.unigramLog
        var list = best.filter { $0.value <= minCost + Self.costWindow }.map { (id: $0.key, cost: $0.value) }
        costs.frequencyPrior?.apply(to: &list, unigramLog: uni)
        list.sort {
            let a = $0.cost - 0.3 * uni[Int($0.id)]
            let b = $1.cost - 0.3 * uni[Int($1.id)]
            return a != b ? a < b : $0.id < $1.id
        }
        if list.count > costs.maxCandidates { list.removeSubrange(costs.maxCandidates...) }
        return list
    }

    private func addBySkeleton(_ s: [Unicode.Scalar], base: Float, into best: inout [Int32: Float]) {
        guard s.count <= 8, let sk = VietnameseLetters.skeleton(s), let ids = model.bySkeleton[sk] else { return }
        for id in ids {
            let form = model.forms[Int(id)]
            // Syllables no dictionary lists (foreign words of syllable shape) are read only
            // when the input spells them exactly.
            let unlisted: Float = model.listed[Int(id)] || (base == 0 && form == s) ? 0 : Self.unlistedPenalty
            let c = base + unlisted + markCost(s, form)
            if c < best[id] ?? .infinity { best[id] = c }
        }
    }

    /// Channel cost of reading the letters `input` as the syllable `target` (same skeleton).
    func markCost(_ input: [Unicode.Scalar], _ target: [Unicode.Scalar]) -> Float {
        var cost: Float = 0
        let learned = !costs.letterCosts.isEmpty
        for (x, y) in zip(input, target) where x != y {
            guard let mx = VietnameseLetters.marks(x), let my = VietnameseLetters.marks(y) else { return .infinity }
            var c: Float = 0
            if mx.shape != my.shape { c += mx.shape == .none ? costs.missingMark : costs.changedMark }
            if mx.tone != my.tone { c += mx.tone == .none ? costs.missingMark : costs.changedMark }
            if learned {
                c = min(
                    costs.letterCosts[UInt64(x.value) << 32 | UInt64(y.value)] ?? .infinity,
                    c + costs.unseenLetterPenalty)
            }
            cost += c
        }
        return cost
    }

    /// All readings of a token: single syllables, then two-syllable splits where the token is
    /// no syllable itself or changes case inside ("cuaBo").
    func alternatives(original: [Unicode.Scalar]) -> [Alternative] {
        let lower = original.map(VietnameseLetters.lower)
        let singles = syllables(lower)
        let identity = model.id(of: lower)
        var result = singles.map { s -> Alternative in
            Alternative(ids: [s.id], cost: s.cost, cuts: [], reason: reasonFor(lower, s.id, identity: identity))
        }
        let n = original.count
        guard n >= 3, n <= 14 else { return result }
        var caseCut: Int? = nil
        for i in 1..<n {
            if let a = VietnameseLetters.marks(original[i - 1]), let b = VietnameseLetters.marks(original[i]),
                b.isUppercase && !a.isUppercase
            {
                caseCut = i
                break
            }
        }
        let bestSingle = singles.first?.cost ?? .infinity
        guard caseCut != nil || (costs.splitAnywhere && identity == nil && bestSingle > 1.5) else { return result }
        for cut in 1..<n where cut == caseCut || costs.splitAnywhere {
            let penalty = cut == caseCut ? costs.caseSplitPenalty : costs.splitPenalty
            if penalty >= bestSingle + Self.costWindow { continue }
            let left = syllables(Array(lower[0..<cut])).prefix(costs.splitCandidates)
            let right = syllables(Array(lower[cut...])).prefix(costs.splitCandidates)
            for l in left {
                for r in right where penalty + l.cost + r.cost < bestSingle + Self.costWindow {
                    result.append(
                        Alternative(ids: [l.id, r.id], cost: penalty + l.cost + r.cost, cuts: [cut], reason: .split))
                }
            }
        }
        return result
    }

    func reasonFor(_ lower: [Unicode.Scalar], _ id: Int32, identity: Int32?) -> ChangeReason {
        if let identity, identity == id { return .stripped }
        guard let sk = VietnameseLetters.skeleton(lower) else { return .confusion }
        let form = model.forms[Int(id)]
        if sk != VietnameseLetters.skeleton(form) { return .confusion }
        return VietnameseLetters.hasMarks(lower) ? .tone : .stripped
    }
}
