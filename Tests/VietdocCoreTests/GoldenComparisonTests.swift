import TestSupport
import XCTest

/// The golden comparison itself: exact where vietdoc decides, tolerant on engine numbers, and a
/// diff that names the changed lines.
final class GoldenComparisonTests: XCTestCase {
    func testEngineNumbersMatchWithinTheirToleranceAndDecisionsExactly() {
        XCTAssertTrue(Golden.match("pages[0].mean_confidence = 91.2", "pages[0].mean_confidence = 91.9"))
        XCTAssertFalse(Golden.match("pages[0].mean_confidence = 91.2", "pages[0].mean_confidence = 93.5"))
        XCTAssertTrue(Golden.match("quality.ocr_mean_confidence = 95.32", "quality.ocr_mean_confidence = 95"))
        XCTAssertFalse(Golden.match("pages[0].line_count = 40", "pages[0].line_count = 41"))
        XCTAssertFalse(Golden.match("sections[2].level = 1", "sections[2].level = 2"))
        XCTAssertFalse(Golden.match("document.number = \"1\"", "document.number = \"1.5\""))
    }

    func testJSONBecomesSortedPathLines() {
        let json: [String: Any] = ["b": [1, ["c": NSNull()]], "a": "x\ny", "e": [Any]()]
        XCTAssertEqual(Golden.lines(ofJSON: json), ["a = \"x\\ny\"", "b[0] = 1", "b[1].c = null", "e = []"])
    }

    func testDiffShowsOnlyTheChangedLinesWithContext() {
        let expected = (1...10).map { "line \($0)" }
        var actual = expected
        actual[4] = "line five"
        let diff = Golden.diff(actual: actual, expected: expected, context: 1)
        XCTAssertEqual(diff, ["  line 4", "- line 5", "+ line five", "  line 6"].joined(separator: "\n"))
        XCTAssertNil(Golden.diff(actual: expected, expected: expected))
    }
}
