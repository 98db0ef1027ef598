/// Beam search with hypothesis recombination over a lattice of token readings, scored by the
/// syllable n-gram model, dictionary word evidence and the channel cost of each reading.
///
/// Hypotheses with the same language-model state (`LMState`: the last two syllables, or three
/// where the model has 4-grams after them) are merged, so with a wide enough beam this is exact
/// Viterbi decoding.
struct ViterbiDecoder {
    let model: DiacriticModel
    /// Bonus (nats) when two adjacent syllables form a dictionary word.
    var wordBonus: Float = 0.5
    var beamWidth = 8
    /// Hypotheses further than this (nats) below the best are dropped.
    static let scoreWindow: Float = 10

    private struct Hyp {
        var state: LMState
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
        var layers: [[Hyp]] = []
        var current = [Hyp(state: LMState(start.0, start.1), score: 0, back: -1, alt: -1)]
        // Recombination index: a small open-addressing table keyed by the trigram state.
        let tableSize = 256
        var keys = [UInt64](repeating: 0, count: tableSize)
        var slotsOf = [Int32](repeating: 0, count: tableSize)
        var used: [Int] = []
        used.reserveCapacity(tableSize)
        var next: [Hyp] = []
        next.reserveCapacity(tableSize)
        var previous: [Int32] = []
        var bigramPart: [(Float, Float)] = []
        for slot in slots {
            next.removeAll(keepingCapacity: true)
            for i in used { keys[i] = 0 }
            used.removeAll(keepingCapacity: true)
            let bestScore = current.reduce(-Float.infinity) { max($0, $1.score) }
            // Bigram back-off scores and word bonuses depend on the previous syllable only:
            // computed once per distinct previous syllable, shared by the hypotheses ending in it.
            previous.removeAll(keepingCapacity: true)
            bigramPart.removeAll(keepingCapacity: true)
            for h in current where h.score >= bestScore - Self.scoreWindow && !previous.contains(h.state.v) {
                let v = h.state.v
                previous.append(v)
                for alt in slot {
                    let w = alt.ids[0]
                    bigramPart.append((model.logProb2(v, w), v > 2 && model.isWordPair(v, w) ? wordBonus : 0))
                }
            }
            for (hi, h) in current.enumerated() where h.score >= bestScore - Self.scoreWindow {
                let context = model.context(h.state)
                let row = previous.firstIndex(of: h.state.v)! * slot.count
                for (ai, alt) in slot.enumerated() {
                    var state = h.state
                    var s = h.score - alt.cost
                    for (k, w) in alt.ids.enumerated() {
                        let p: Float
                        if k == 0 {
                            let (b2, bonus) = bigramPart[row + ai]
                            (p, state) = model.step(state, w, context: context, bigram: b2)
                            s += p + bonus
                        } else {
                            let v = state.v
                            (p, state) = model.step(state, w)
                            s += p
                            if v > 2 && model.isWordPair(v, w) { s += wordBonus }
                        }
                    }
                    let key = state.key
                    var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 56) & (tableSize - 1)
                    while keys[i] != 0 && keys[i] != key { i = (i + 1) & (tableSize - 1) }
                    if keys[i] == key {
                        let j = Int(slotsOf[i])
                        if next[j].score < s { next[j] = Hyp(state: state, score: s, back: Int32(hi), alt: Int32(ai)) }
                    } else if next.count < tableSize / 2 {
                        keys[i] = key
                        slotsOf[i] = Int32(next.count)
                        used.append(i)
                        next.append(Hyp(state: state, score: s, back: Int32(hi), alt: Int32(ai)))
                    } else if let worst = next.indices.min(by: { next[$0].score < next[$1].score }),
                        next[worst].score < s
                    {
                        // Table full (never with the default beam): replace the worst hypothesis.
                        next[worst] = Hyp(state: state, score: s, back: Int32(hi), alt: Int32(ai))
                    }
                }
            }
            if next.count > beamWidth {
                next.sort { $0.score > $1.score }
                layers.append(Array(next[0..<beamWidth]))
            } else {
                layers.append(next)
            }
            current = layers[layers.count - 1]
        }
        // Close with the sentence end.
        var best = 0
        var bestScore = -Float.infinity
        for (i, h) in current.enumerated() {
            let s = h.score + model.step(h.state, 2).logProb
            if s > bestScore {
                bestScore = s
                best = i
            }
        }
        var choice = [Int](repeating: 0, count: slots.count)
        var k = best
        for t in stride(from: slots.count - 1, through: 0, by: -1) {
            let h = layers[t][k]
            choice[t] = Int(h.alt)
            k = Int(h.back)
        }
        return (choice, margins(slots, choice, keep), (current[best].state.u, current[best].state.v))
    }

    /// Local margins: the score of the chosen path minus the best score with one slot's reading
    /// replaced, neighbours fixed (a cheap stand-in for full forward-backward).
    private func margins(_ slots: [[Alternative]], _ choice: [Int], _ keep: [Int?]) -> [Float] {
        var out = [Float](repeating: .infinity, count: slots.count)
        for t in slots.indices where slots[t].count > 1 && keep[t] != choice[t] {
            let chosen = localScore(slots, choice, t, choice[t])
            var other = -Float.infinity
            if let k = keep[t], k != choice[t] {
                other = localScore(slots, choice, t, k)
            } else {
                for a in slots[t].indices where a != choice[t] { other = max(other, localScore(slots, choice, t, a)) }
            }
            out[t] = chosen - other
        }
        return out
    }

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
        var state = LMState(seq[0], seq[1])
        for i in 2..<min(seq.count, end + 2) {
            let p: Float
            (p, state) = model.step(state, seq[i])
            guard i >= from else { continue }
            s += p
            if model.isWordPair(seq[i - 1], seq[i]) { s += wordBonus }
        }
        return s
    }
}
