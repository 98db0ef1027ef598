import Foundation
import Ingest
import Pipeline
import TestSupport
import XCTest

/// `eval ocr`'s library on a real sample page and its gold text, without the binary.
final class OCREvaluationTests: XCTestCase {
    func testVariantsAreParsedFromTheirSpelling() throws {
        XCTAssertEqual(try OCREvaluation.Variant(parsing: "default").preprocessing, Preprocessing())
        XCTAssertEqual(try OCREvaluation.Variant(parsing: "none").preprocessing, .none)
        var smoothOnly = Preprocessing.none
        smoothOnly.smooth = true
        XCTAssertEqual(try OCREvaluation.Variant(parsing: "none,+smooth").preprocessing, smoothOnly)
        XCTAssertFalse(try OCREvaluation.Variant(parsing: "-deskew").preprocessing.deskew)
        XCTAssertThrowsError(try OCREvaluation.Variant(parsing: "-sharpen"))
    }

    func testAScannedImageIsScoredBesideTheCommandLineOnTheSamePage() throws {
        let url = Fixtures.sample("001-bacgiang-2022-page1.png")
        let inputs = OCREvaluation.inputs(
            [url, Fixtures.sample("000-laocai-2023-ocr.txt")],
            goldFolder: Fixtures.repositoryRoot.appendingPathComponent("gold/text"))
        XCTAssertEqual(inputs.map(\.url), [url], "text inputs and inputs without gold are left out")
        var options = ConversionOptions(jobs: 1)
        options.modelDirectory = Fixtures.dictionaries
        let variants = try ["none", "default"].map { try OCREvaluation.Variant(parsing: $0) }
        let scores = try OCREvaluation(inputs: inputs, variants: variants, base: options).run()
        XCTAssertEqual(scores.count, 1)
        let file = scores[0]
        XCTAssertEqual(file.pages, 1)
        XCTAssertEqual(file.raw.count, 2)
        XCTAssertEqual(file.steps[0], [:], "no step with variant none")
        XCTAssertEqual(file.steps[1]["smooth"], 1)
        let cli = try XCTUnwrap(file.cli)
        for tally in file.raw + file.restored + [cli] {
            XCTAssertGreaterThan(tally.syllableAccuracy, 0.95)
            XCTAssertLessThan(tally.cer, 0.03)
        }
        XCTAssertGreaterThanOrEqual(file.raw[1].syllableAccuracy, cli.syllableAccuracy)
        let all = OCREvaluation.FileScores.pooled(scores + scores)
        XCTAssertEqual(all.pages, 2)
        XCTAssertEqual(all.raw[1].syllables.gold, 2 * file.raw[1].syllables.gold)
    }
}
