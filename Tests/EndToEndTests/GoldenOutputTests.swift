import Foundation
import TestSupport
import XCTest

/// Every sample's output against the reviewed golden files in Tests/Golden (regenerated only by
/// `scripts/update-golden`): a change in any stage that alters the output fails here until the
/// golden files are updated on purpose and the diff is read.
final class GoldenOutputTests: XCTestCase {
    private static let golden = Fixtures.repositoryRoot.appendingPathComponent("Tests/Golden")

    /// The record as the golden file keeps it: without per-word OCR boxes, the per-token change
    /// list and the low-confidence spans (kept out of git for size; the counts stay).
    static func goldenView(_ record: Any) -> NSDictionary {
        var record = record as! [String: Any]
        if var pages = record["pages"] as? [[String: Any]] {
            for i in pages.indices {
                pages[i]["words"] = nil
                if var layout = pages[i]["layout"] as? [String: Any],
                    var regions = layout["regions"] as? [[String: Any]]
                {
                    for r in regions.indices {
                        if var lines = regions[r]["lines"] as? [[String: Any]] {
                            for l in lines.indices { lines[l]["words"] = nil }
                            regions[r]["lines"] = lines
                        }
                    }
                    layout["regions"] = regions
                    pages[i]["layout"] = layout
                }
            }
            record["pages"] = pages
        }
        if var restoration = record["restoration"] as? [String: Any] {
            restoration["changes"] = nil
            record["restoration"] = restoration
        }
        if var quality = record["quality"] as? [String: Any] {
            quality["low_confidence_spans"] = nil
            record["quality"] = quality
        }
        return record as NSDictionary
    }

    func testEverySampleMatchesItsGoldenTextAndRecord() throws {
        let (run, output) = try SampleRun.shared()
        XCTAssertEqual(run.status, 0, run.stderr)
        let samples = SampleRun.samples
        let goldenFiles = try FileManager.default.contentsOfDirectory(atPath: Self.golden.path).filter {
            $0.hasSuffix(".json")
        }
        XCTAssertEqual(goldenFiles.count, samples.count, "one golden record per sample (run scripts/update-golden)")
        for file in goldenFiles.sorted() {
            let stem = (file as NSString).deletingPathExtension
            let expectedText = try String(
                contentsOf: Self.golden.appendingPathComponent("\(stem).txt"), encoding: .utf8)
            let actualText = try String(contentsOf: output.appendingPathComponent("\(stem).txt"), encoding: .utf8)
            XCTAssertEqual(actualText, expectedText, "\(stem).txt differs from Tests/Golden")
            let expected = try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.golden.appendingPathComponent(file)))
            let actual = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent(file)))
            XCTAssertEqual(Self.goldenView(actual), Self.goldenView(expected), "\(stem).json differs from Tests/Golden")
        }
    }
}
