import TestSupport
import XCTest

@testable import Diacritics

/// `FrequencyPrior`: rare readings the channel reaches about as well as a common one pay for
/// their rarity; readings the channel clearly prefers, and the most common one, do not.
final class FrequencyPriorTests: XCTestCase {
    // Unigram log10 probabilities by id: 0 common, 1 rare, 2 very rare.
    let unigram: [Float] = [-2, -5, -9]

    func testRareReadingWithinReachPaysPerFactorOfTen() {
        var readings: [(id: Int32, cost: Float)] = [(0, 1.0), (1, 0.5)]
        FrequencyPrior(weight: 0.4, cap: 3, reach: 1).apply(to: &readings, unigramLog: unigram)
        XCTAssertEqual(readings.map(\.cost), [1.0, 0.5 + 0.4 * 3], accuracy: 1e-5)
    }

    func testPenaltyIsCapped() {
        var readings: [(id: Int32, cost: Float)] = [(0, 1.0), (2, 0.8)]
        FrequencyPrior(weight: 0.4, cap: 2, reach: 1).apply(to: &readings, unigramLog: unigram)
        XCTAssertEqual(readings.map(\.cost), [1.0, 2.8], accuracy: 1e-5)
    }

    func testStrongChannelEvidenceIsLeftAlone() {
        // The common reading costs 4 nats more than the rare one: beyond reach, no prior.
        var readings: [(id: Int32, cost: Float)] = [(0, 4.5), (1, 0.5)]
        FrequencyPrior(weight: 0.4, cap: 3, reach: 1).apply(to: &readings, unigramLog: unigram)
        XCTAssertEqual(readings.map(\.cost), [4.5, 0.5], accuracy: 1e-5)
    }

    func testPriorDoesNotDependOnTheOrderOfTheReadings() {
        // The rare reading pays for the common one (within reach of it, 0.9 → 2.1); the very rare
        // one is judged against the rare one's channel cost (0.9, within reach), not its cost
        // after the prior (2.1, beyond), whichever comes first.
        let readings: [(id: Int32, cost: Float)] = [(2, 0.0), (1, 0.9), (0, 1.8)]
        for order in [[0, 1, 2], [1, 0, 2], [2, 1, 0], [1, 2, 0]] {
            var r = order.map { readings[$0] }
            FrequencyPrior(weight: 0.4, cap: 3, reach: 1).apply(to: &r, unigramLog: unigram)
            XCTAssertEqual(r.sorted { $0.id > $1.id }.map(\.cost), [0.0 + 0.4 * 4, 0.9 + 0.4 * 3, 1.8], accuracy: 1e-5)
        }
    }
}
