import Foundation
import TestSupport
import XCTest

@testable import Diacritics

/// `CapitalPrior`: a capitalised word inside a sentence is read as the syllable most often
/// capitalised, by the margin of −ln P(capital | syllable), capped; never at a sentence's or an
/// item's start, nor in a line of capitalised words.
final class CapitalPriorTests: XCTestCase {
    func testReadingsPayTheirShareOfCapitalsBelowTheLikeliest() {
        // ln P(capital | s) by id: 0 mostly a name, 1 sometimes, 2 almost never.
        let prior = CapitalPrior(byForm: [:], logShare: [logf(0.9), logf(0.3), logf(0.001)], hash: 1)
        var alternatives = [0, 1, 2].map { Alternative(ids: [Int32($0)], cost: 0.5, cuts: [], reason: .stripped) }
        alternatives.append(Alternative(ids: [2, 1], cost: 3, cuts: [1], reason: .split))
        prior.apply(to: &alternatives, weight: 1, cap: 4)
        XCTAssertEqual(
            alternatives.map(\.cost), [0.5, 0.5 + logf(0.9 / 0.3), 0.5 + 4, 3], accuracy: 1e-5,
            "the likeliest pays nothing, the rarest is capped, a split is left alone")
    }

    func testTheListIsReadBySyllableWithSmoothing() throws {
        let dir = try Fixtures.temporaryDirectory("capital-prior")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("capitalised.tsv")
        try Data("# header\nlâm\t18\t20\nlàm\t0\t98\n".utf8).write(to: url)
        let prior = try CapitalPrior.load(from: url).indexed(forms: ["lâm", "làm", "ăn"])
        XCTAssertEqual(prior.logShare, [logf(18.4 / 22), logf(0.4 / 100), logf(0.2)], accuracy: 1e-5)
        try Data("lâm\t21\t20\n".utf8).write(to: url)
        XCTAssertThrowsError(try CapitalPrior.load(from: url)) { error in
            XCTAssertEqual((error as? VietdocError)?.code, .modelInvalid, "\(error)")
        }
    }

    /// The real model: "Lam" inside a sentence is the name "Lâm", at a sentence's or an item's
    /// start and in a title-cased line the language model decides alone.
    func testACapitalisedWordInsideASentenceReadsAsAName() throws {
        func restore(_ line: String) -> String { ModelFixture.restore(line, .stripped) }
        XCTAssertEqual(
            restore("Theo ong Lam, du an se hoan thanh vao nam sau"), "Theo ông Lâm, dự án sẽ hoàn thành vào năm sau")
        XCTAssertEqual(restore("a) Ho, ten, dia chi cua nguoi lam chung"), "a) Họ, tên, địa chỉ của người làm chứng")
        XCTAssertEqual(
            restore("Theo Ong Lam, Du An Se Hoan Thanh Vao Nam Sau"), "Theo Ông Làm, Dự Án Sẽ Hoàn Thành Vào Năm Sau")

        // Without the list the same model reads the common word.
        let dir = try ModelFixture.copy(
            ["vietdoc-model.bin", "confusions.tsv", "foreign-words.tsv"], label: "capital-prior-model")
        defer { try? FileManager.default.removeItem(at: dir) }
        let bare = Restorer(model: try DiacriticModel.load(from: dir))
        XCTAssertEqual(
            bare.restoreLine("Theo ong Lam, du an se hoan thanh vao nam sau", regime: .stripped).text,
            "Theo ông Làm, dự án sẽ hoàn thành vào năm sau")
        XCTAssertNotEqual(bare.model.version, ModelFixture.model.version)
    }
}
