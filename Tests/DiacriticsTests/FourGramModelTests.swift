import Foundation
import TestSupport
import XCTest

@testable import Diacritics

/// The 4-gram reading (model format 2) on a tiny model built by tools/model/make-test-model-4gram:
/// the batched scoring step gives the scalar step's numbers, and decoding over the three-syllable
/// states finds the best path.
final class FourGramModelTests: XCTestCase {
    static let directory = Fixtures.repositoryRoot.appendingPathComponent("Tests/DiacriticsTests/Fixtures/model-4gram")

    /// A phrase of ordinary legal wording, as syllable ids of the model (those it knows).
    private func phrase(_ model: DiacriticModel) -> [Int32] {
        let text =
            "các quy định của luật này được áp dụng đối với người lao động và người sử dụng lao động theo quy định"
        return text.split(separator: " ").compactMap { model.id(of: Array($0.unicodeScalars)) }
    }

    func testAFormatTwoModelIsReadWithItsFourGrams() throws {
        let model = try DiacriticModel.load(from: Self.directory)
        XCTAssertTrue(model.version.hasPrefix("vdm2-"), model.version)
        let quads = try XCTUnwrap(model.quadgrams)
        XCTAssertGreaterThan(quads.count, 0)
    }

    /// Histories met stepping through the phrase, some of three syllables; every candidate's score
    /// from the batched step equals the scalar step's, as does whether the next history keeps three.
    func testTheBatchedStepScoresAsTheScalarStep() throws {
        let model = try DiacriticModel.load(from: Self.directory)
        let ids = phrase(model)
        XCTAssertGreaterThan(ids.count, 15)
        var histories: [(Int32, Int32)] = [(1, 1)]
        var thirds: [Int32] = [0]
        var (t, u, v): (Int32, Int32, Int32) = (0, 1, 1)
        var quadgramsFound = 0
        for w in ids {
            let key = (UInt64(t) << 48) | (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
            if t != 0, model.quadgrams!.find(key) != nil { quadgramsFound += 1 }
            let three = model.step(t, u, v, w).keepsThree
            (t, u, v) = (three ? u : 0, v, w)
            histories.append((u, v))
            thirds.append(t)
        }
        XCTAssertGreaterThan(thirds.filter { $0 != 0 }.count, 2, "no history of three syllables")
        XCTAssertGreaterThan(quadgramsFound, 0, "no 4-gram of the phrase in the model")
        let ws = Array(Set(ids)).sorted() + [2]
        var buffers = StepBuffers()
        model.stepScores(histories, thirds: thirds, ws, buffers: &buffers)
        let (logProbs, pairs, keepsThree) = (buffers.logProbs, buffers.pairs, buffers.keepsThree)
        for (h, (u, v)) in histories.enumerated() {
            for (j, w) in ws.enumerated() {
                let expected = model.step(thirds[h], u, v, w)
                XCTAssertEqual(logProbs[h * ws.count + j], expected.logProb, "\(thirds[h]) \(u) \(v) \(w)")
                XCTAssertEqual(keepsThree[h * ws.count + j], expected.keepsThree, "\(thirds[h]) \(u) \(v) \(w)")
                XCTAssertEqual(pairs[h * ws.count + j], v > 2 && model.isWordPair(v, w))
            }
        }
    }

    /// Slots of the phrase's syllables, two others and a split each; with a wide beam the decoder's choice
    /// scores as well as the best of all paths, scored syllable by syllable with the scalar step.
    func testDecodingFindsTheBestPathOverFourGramStates() throws {
        let model = try DiacriticModel.load(from: Self.directory)
        let decoder = ViterbiDecoder(model: model, beamWidth: 256)
        let all = phrase(model)
        let others = Array(Set(all)).sorted()
        for offset in 0...(all.count - 6) {
            let ids = Array(all[offset..<(offset + 6)])
            // Each slot: its syllable, two others, and a split into two syllables (as "cuaBo" → "của Bộ").
            let slots: [[Alternative]] = ids.enumerated().map { i, id in
                let readings = [
                    [id], [others[(i + offset + 1) % others.count]], [others[(i + 3) % others.count]],
                    [id, ids[(i + 1) % 6]],
                ]
                return readings.enumerated().map { k, r in
                    Alternative(
                        ids: r, cost: Float((k + offset) % 4) * 0.3, cuts: r.count > 1 ? [1] : [], reason: .stripped)
                }
            }
            func score(_ choice: [Int]) -> Float {
                var (t, u, v): (Int32, Int32, Int32) = (0, 1, 1)
                var s: Float = 0
                for (slot, a) in zip(slots, choice) {
                    s -= slot[a].cost
                    for w in slot[a].ids {
                        let (p, three) = model.step(t, u, v, w)
                        s += p + (v > 2 && model.isWordPair(v, w) ? decoder.wordBonus : 0)
                        (t, u, v) = (three ? u : 0, v, w)
                    }
                }
                return s + model.step(t, u, v, 2).logProb
            }
            var best = -Float.infinity
            var choice = [Int](repeating: 0, count: slots.count)
            func search(_ i: Int) {
                if i == slots.count {
                    best = max(best, score(choice))
                    return
                }
                for a in slots[i].indices {
                    choice[i] = a
                    search(i + 1)
                }
            }
            search(0)
            let decoded = decoder.decode(slots, keep: slots.map { _ in 0 }).choice
            XCTAssertEqual(score(decoded), best, accuracy: 1e-3, "phrase from syllable \(offset)")
        }
    }
}
