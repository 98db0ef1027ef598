/// A prior on how common a reading is, for a channel whose evidence is weak (mangled OCR, where
/// the learned rewrites reach many syllables at similar cost): a reading costs `weight` nats more
/// per factor of ten it is rarer (Kneser-Ney unigram) than the most common reading of the token
/// within `reach` nats of channel cost, at most `cap`. So a rare syllable that the channel
/// explains about as well as a common one ("hươu" against "hiệu") does not win on the channel
/// alone; the language model's context can still choose it.
struct FrequencyPrior: Sendable {
    /// The mangled regime's prior (measured by `vietdoc eval restore`, docs/RESTORATION.md).
    static let mangled = FrequencyPrior(weight: 0.5, cap: 3, reach: 1.5)

    var weight: Float
    var cap: Float
    var reach: Float

    /// Adds the prior to the channel costs of a token's single-syllable readings. Readings
    /// within reach are judged on their channel costs as given, so the result does not depend
    /// on the order of `readings`.
    func apply(to readings: inout [(id: Int32, cost: Float)], unigramLog: [Float]) {
        guard weight > 0, readings.count > 1 else { return }
        let channel = readings
        for i in readings.indices {
            let r = channel[i]
            var common = unigramLog[Int(r.id)]
            for o in channel where o.cost <= r.cost + reach { common = max(common, unigramLog[Int(o.id)]) }
            readings[i].cost += min(cap, weight * (common - unigramLog[Int(r.id)]))
        }
    }
}
