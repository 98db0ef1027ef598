/// What one stream of lines (a document, a file, a bench run) remembers while it is restored:
/// the readings of each token it met and the channel costs of its regimes. Owned by the
/// stream's `LineContext`, so the hot path takes no lock; bounded, so memory stays flat.
struct StreamMemo: Sendable {
    /// A token's readings in one regime, with what rendering and keeping need.
    struct Readings: Sendable {
        var alternatives: [Alternative]
        /// The syllable the token spells as written, if it is one.
        var identity: Int32?
        /// The reading that keeps the token as written (a single syllable equal to `identity`).
        var keep: Int?
    }

    private struct Key: Hashable {
        var regime: TextRegime
        var letters: [Unicode.Scalar]
    }

    private var readings: [Key: Readings] = [:]
    private var costTable: [TextRegime: ChannelCosts] = [:]
    /// Distinct tokens remembered before the readings are forgotten and gathered again.
    static let limit = 50_000

    /// The channel costs of a regime.
    mutating func costs(_ regime: TextRegime, shared: CandidateCaches, channel: ConfusionChannel) -> ChannelCosts {
        if let c = costTable[regime] { return c }
        let c = shared.costs(regime, channel: channel)
        costTable[regime] = c
        return c
    }

    /// The readings of a token (`letters` as written), from this memo, else from the shared
    /// cache (one lock per new token of the stream), else generated.
    mutating func readings(
        _ letters: [Unicode.Scalar], regime: TextRegime, shared: CandidateCaches, generator: CandidateGenerator
    ) -> Readings {
        let key = Key(regime: regime, letters: letters)
        if let hit = readings[key] { return hit }
        let alts = shared.alternatives(letters, regime: regime, generator: generator)
        let identity = generator.model.id(of: letters.map(VietnameseLetters.lower))
        let keep = identity.flatMap { id in alts.firstIndex { $0.ids.count == 1 && $0.ids[0] == id } }
        let r = Readings(alternatives: alts, identity: identity, keep: keep)
        if readings.count >= Self.limit { readings.removeAll(keepingCapacity: true) }
        readings[key] = r
        return r
    }
}
