import Foundation
import Pipeline
import TestSupport
import XCTest

/// The converter on real inputs with the real model.
final class DocumentConverterTests: XCTestCase {
    /// A text dump on one line, its marks stripped (as OCR dumps come): every change is counted
    /// in the quality figures, but the record lists at most `listedChangesPerPage` of the page
    /// (50 here, 10,000 by default) and counts the rest, so that the record stays near the
    /// size of the text.
    func testAOneLineDumpListsABoundedChangeListAndCountsTheRest() throws {
        let sample = try String(contentsOf: Fixtures.sample("000-laocai-2023-ocr.txt"), encoding: .utf8)
        let line = AccentFolding.fold(sample).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let dir = try Fixtures.temporaryDirectory("one-line")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("dump.txt")
        try Data((line + "\n").utf8).write(to: url)

        var options = ConversionOptions(jobs: 1)
        let cap = 50
        options.listedChangesPerPage = cap
        let document = try DocumentConverter(options: options).convert(url, displayPath: "dump.txt")
        let restoration = try XCTUnwrap(document.record.restoration)
        XCTAssertEqual(restoration.changes.count, cap)
        let omitted = try XCTUnwrap(restoration.omittedChanges)
        XCTAssertEqual(omitted.map(\.page), [1])
        XCTAssertEqual(cap + omitted[0].count, document.record.quality.changedTokens, "every change is accounted for")
        XCTAssertGreaterThan(omitted[0].count, 0)
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let json = try JSONSerialization.jsonObject(with: try encoder.encode(document.record)) as! [String: Any]
        let encoded = try XCTUnwrap(json["restoration"] as? [String: Any])
        XCTAssertEqual(
            encoded["omitted_changes"] as? [[String: Int]], [["page": 1, "count": omitted[0].count]])

        // The spans restoration was unsure of are bounded the same way.
        let quality = document.record.quality
        let omittedSpans = try XCTUnwrap(quality.omittedLowConfidenceSpans, "more than \(cap) unsure spans")
        XCTAssertEqual(quality.lowConfidenceSpans.count, cap)
        XCTAssertEqual(omittedSpans.map(\.page), [1])
        XCTAssertGreaterThan(omittedSpans[0].count, 0)
        let encodedQuality = try XCTUnwrap(json["quality"] as? [String: Any])
        XCTAssertEqual(
            encodedQuality["omitted_low_confidence_spans"] as? [[String: Int]],
            [["page": 1, "count": omittedSpans[0].count]])
    }

    /// A summary within the cap is left as it is: no `omitted_changes` key in the record.
    func testChangesWithinTheCapAreAllListed() {
        let changes = (1...3).flatMap { page in
            (0..<4).map {
                TokenChange(page: page, line: $0 + 1, original: "a", output: "á", reason: .stripped, margin: 1)
            }
        }
        let summary = RestorationSummary(regime: "stripped", modelVersion: "m", changes: changes)
        XCTAssertEqual(summary.listing(atMost: 4), summary)
        let bounded = summary.listing(atMost: 3)
        XCTAssertEqual(bounded.changes, changes.filter { $0.line <= 3 }, "the first changes of each page, in order")
        XCTAssertEqual(bounded.omittedChanges, [1, 2, 3].map { OmittedChanges(page: $0, count: 1) })

        let spans = changes.map { LowConfidenceSpan(page: $0.page, line: $0.line, text: $0.output, margin: 1) }
        let quality = QualityInfo(lowConfidenceSpans: spans)
        XCTAssertEqual(quality.listing(atMost: 4), quality, "no omitted_low_confidence_spans within the cap")
        let listed = quality.listing(atMost: 2)
        XCTAssertEqual(listed.lowConfidenceSpans, spans.filter { $0.line <= 2 })
        XCTAssertEqual(listed.omittedLowConfidenceSpans, [1, 2, 3].map { OmittedChanges(page: $0, count: 2) })
    }
}
