/// Beam search with hypothesis recombination over a lattice of token readings, scored by the
/// syllable n-gram model, dictionary word evidence and the channel cost of each reading.
///
/// Hypotheses with the same language-model state (the last two syllables, or three where the
/// model has 4-grams after them) are merged, so with a wide enough beam this is exact Viterbi
/// decoding.
struct ViterbiDecoder {
    let model: DiacriticModel
    /// Bonus (nats) when two adjacent syllables form a dictionary word.
    var wordBonus: Float = 0.5
    var beamWidth = 8
    /// Weight of the language model's log-probabilities against the channel costs.
    var lmScale: Float = 1
    /// Hypotheses further than this (nats) below the best are dropped.
    static let scoreWindow: Float = 10

    private struct Hyp {
        /// The syllable before `u v` when the model has 4-grams after the three, else 0.
        var t: Int32 = 0
        var u: Int32
        var v: Int32
        var score: Float
        var back: Int32  // index into the previous slot's hypotheses
        var alt: Int32
    }

    /// The best alternative index per slot, and per slot the local margin (nats) of that choice
    /// over the best other reading with the neighbours fixed.
    /// `keep[t]` is the index of the reading that keeps slot t as written, if there is one.
    /// `start` is the language-model state before the first slot (two sentence starts, or the
    /// last two syllables of the previous line when a sentence runs on).
    func decode(_ slots: [[Alternative]], keep: [Int?], start: (Int32, Int32) = (1, 1))
        -> (choice: [Int], margins: [Float], end: (Int32, Int32))
    {
        if slots.isEmpty { return ([], [], start) }
        // Every slot's surviving hypotheses, one after the other; `layerStart[t]` is where slot t's begin.
        var layers: [Hyp] = []
        var layerStart: [Int] = []
        layerStart.reserveCapacity(slots.count)
        var current = [Hyp(u: start.0, v: start.1, score: 0, back: -1, alt: -1)]
        // Recombination index: a small open-addressing table keyed by the trigram state.
        let tableSize = 256
        var keys = [UInt64](repeating: 0, count: tableSize)
        var slotsOf = [Int32](repeating: 0, count: tableSize)
        var used: [Int] = []
        used.reserveCapacity(tableSize)
        var next: [Hyp] = []
        next.reserveCapacity(tableSize)
        // Per reading of the slot: its first syllable, channel cost and whether more syllables
        // follow (read once per slot, so the loop over hypotheses touches no reading's arrays).
        var firstIds: [Int32] = []
        var readingCosts: [Float] = []
        var multiSyllable: [Bool] = []
        var histories: [(Int32, Int32)] = []
        var thirds: [Int32] = []
        var stepBuffers = StepBuffers()
        let hasQuadgrams = model.quadgrams != nil
        for slot in slots {
            next.removeAll(keepingCapacity: true)
            for i in used { keys[i] = 0 }
            used.removeAll(keepingCapacity: true)
            let bestScore = current.reduce(-Float.infinity) { max($0, $1.score) }
            firstIds.removeAll(keepingCapacity: true)
            readingCosts.removeAll(keepingCapacity: true)
            multiSyllable.removeAll(keepingCapacity: true)
            for alt in slot {
                firstIds.append(alt.ids[0])
                readingCosts.append(alt.cost)
                multiSyllable.append(alt.ids.count > 1)
            }
            let width = slot.count
            // The language model's scores of every reading's first syllable after every live
            // hypothesis, looked up together.
            histories.removeAll(keepingCapacity: true)
            thirds.removeAll(keepingCapacity: true)
            for h in current where h.score >= bestScore - Self.scoreWindow {
                histories.append((h.u, h.v))
                if hasQuadgrams { thirds.append(h.t) }
            }
            model.stepScores(histories, thirds: thirds, firstIds, buffers: &stepBuffers)
            var row = -1
            for (hi, h) in current.enumerated() where h.score >= bestScore - Self.scoreWindow {
                row += 1
                let base = row * width
                for ai in 0..<width {
                    var t: Int32 = 0
                    var s = h.score - readingCosts[ai]
                    s += lmScale * stepBuffers.logProbs[base + ai] + (stepBuffers.pairs[base + ai] ? wordBonus : 0)
                    if hasQuadgrams && stepBuffers.keepsThree[base + ai] { t = h.u }
                    var u = h.v
                    var v = firstIds[ai]
                    if multiSyllable[ai] {
                        for w in slot[ai].ids.dropFirst() {
                            if hasQuadgrams {
                                let (p, three) = model.step(t, u, v, w)
                                s += lmScale * p
                                if v > 2 && model.isWordPair(v, w) { s += wordBonus }
                                t = three ? u : 0
                            } else {
                                s += lmScale * model.logProb(u, v, w)
                                if v > 2 && model.isWordPair(v, w) { s += wordBonus }
                            }
                            u = v
                            v = w
                        }
                    }
                    // A three-syllable state's third syllable sits above the two (ids are below 2^16).
                    let key =
                        ((UInt64(UInt32(bitPattern: t)) << 48) | (UInt64(UInt32(bitPattern: u)) << 32)
                            | UInt64(UInt32(bitPattern: v))) &+ 1
                    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) & (tableSize - 1)
                    while keys[i] != 0 && keys[i] != key { i = (i + 1) & (tableSize - 1) }
                    if keys[i] == key {
                        let j = Int(slotsOf[i])
                        if next[j].score < s {
                            next[j] = Hyp(t: t, u: u, v: v, score: s, back: Int32(hi), alt: Int32(ai))
                        }
                    } else if next.count < tableSize / 2 {
                        keys[i] = key
                        slotsOf[i] = Int32(next.count)
                        used.append(i)
                        next.append(Hyp(t: t, u: u, v: v, score: s, back: Int32(hi), alt: Int32(ai)))
                    } else if let worst = next.indices.min(by: { next[$0].score < next[$1].score }),
                        next[worst].score < s
                    {
                        // Table full (never with the default beam): replace the worst hypothesis.
                        next[worst] = Hyp(t: t, u: u, v: v, score: s, back: Int32(hi), alt: Int32(ai))
                    }
                }
            }
            if next.count > beamWidth {
                next.sort { $0.score > $1.score }
                next.removeSubrange(beamWidth...)
            }
            layerStart.append(layers.count)
            layers.append(contentsOf: next)
            swap(&current, &next)
        }
        // Close with the sentence end.
        var best = 0
        var bestScore = -Float.infinity
        for (i, h) in current.enumerated() {
            let end = hasQuadgrams ? model.step(h.t, h.u, h.v, 2).logProb : model.logProb(h.u, h.v, 2)
            let s = h.score + lmScale * end
            if s > bestScore {
                bestScore = s
                best = i
            }
        }
        var choice = [Int](repeating: 0, count: slots.count)
        var k = best
        for t in stride(from: slots.count - 1, through: 0, by: -1) {
            let h = layers[layerStart[t] + k]
            choice[t] = Int(h.alt)
            k = Int(h.back)
        }
        return (choice, margins(slots, choice, keep), (current[best].u, current[best].v))
    }

    /// Local margins: the score of the chosen path minus the best score with one slot's reading
    /// replaced, neighbours fixed (a cheap stand-in for full forward-backward): against the
    /// reading that keeps the token when the choice changes it, else against the best other.
    /// Infinite for a slot with one reading.
    private func margins(_ slots: [[Alternative]], _ choice: [Int], _ keep: [Int?]) -> [Float] {
        var out = [Float](repeating: .infinity, count: slots.count)
        let hasQuadgrams = model.quadgrams != nil
        // The readings to score per slot (the chosen one first), and the trigrams each scores.
        var evaluations: [(t: Int, a: Int, first: Int, end: Int)] = []
        var trigrams: [(Int32, Int32, Int32)] = []
        for t in slots.indices where slots[t].count > 1 {
            func evaluate(_ a: Int) {
                let first = trigrams.count
                if !hasQuadgrams { localTrigrams(slots, choice, t, a, into: &trigrams) }
                evaluations.append((t, a, first, trigrams.count))
            }
            evaluate(choice[t])
            if let k = keep[t], k != choice[t] {
                evaluate(k)
            } else {
                for a in slots[t].indices where a != choice[t] { evaluate(a) }
            }
        }
        guard !evaluations.isEmpty else { return out }
        let (logProbs, pairs) = hasQuadgrams ? ([], []) : model.logProbs(trigrams)
        var e = 0
        while e < evaluations.count {
            let t = evaluations[e].t
            var chosen = -Float.infinity
            var other = -Float.infinity
            while e < evaluations.count && evaluations[e].t == t {
                let ev = evaluations[e]
                var s = -slots[t][ev.a].cost
                if hasQuadgrams {
                    s = localScore(slots, choice, t, ev.a)
                } else {
                    for i in ev.first..<ev.end {
                        s += lmScale * logProbs[i]
                        if pairs[i] { s += wordBonus }
                    }
                }
                if ev.a == choice[t] { chosen = s } else { other = max(other, s) }
                e += 1
            }
            out[t] = chosen - other
        }
        return out
    }

    /// The trigrams whose scores make the local score of reading `a` at slot `t`, neighbours
    /// fixed to `choice`: those ending at t's syllables and the two after them.
    private func localTrigrams(
        _ slots: [[Alternative]], _ choice: [Int], _ t: Int, _ a: Int, into out: inout [(Int32, Int32, Int32)]
    ) {
        // At most 2 starts, 5 slots of up to 2 syllables and the end.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: 16) { seq in
            seq[0] = 1
            seq[1] = 1
            var n = 2
            var start = 0
            var end = 0
            for i in max(0, t - 2)..<min(slots.count, t + 3) {
                if i == t { start = n }
                for id in slots[i][i == t ? a : choice[i]].ids {
                    seq[n] = id
                    n += 1
                }
                if i == t { end = n }
            }
            if t + 3 >= slots.count {
                seq[n] = 2
                n += 1
            }
            let from = t - 2 >= 0 ? start : 2
            if from < min(n, end + 2) {
                for i in from..<min(n, end + 2) where i >= 2 { out.append((seq[i - 2], seq[i - 1], seq[i])) }
            }
        }
    }

    /// The local score of reading `a` at slot `t` with a 4-gram model, neighbours fixed to
    /// `choice`: the scores of the same syllables as `localTrigrams` gives, each after the
    /// history the model keeps, stepped through from two sentence starts before slot t − 2.
    private func localScore(_ slots: [[Alternative]], _ choice: [Int], _ t: Int, _ a: Int) -> Float {
        var seq: [Int32] = [1, 1]
        var start = 0
        var end = 0
        for i in max(0, t - 2)..<min(slots.count, t + 3) {
            if i == t { start = seq.count }
            seq.append(contentsOf: slots[i][i == t ? a : choice[i]].ids)
            if i == t { end = seq.count }
        }
        if t + 3 >= slots.count { seq.append(2) }
        var s = -slots[t][a].cost
        let from = t - 2 >= 0 ? start : 2
        var third: Int32 = 0
        for i in 2..<min(seq.count, end + 2) {
            let (p, three) = model.step(third, seq[i - 2], seq[i - 1], seq[i])
            third = three ? seq[i - 2] : 0
            guard i >= from else { continue }
            s += lmScale * p
            if model.isWordPair(seq[i - 1], seq[i]) { s += wordBonus }
        }
        return s
    }
}
