import Foundation
import Records
import VietdocCore
import XCTest

final class ReviewPageTests: XCTestCase {
    func page(unreadableDate: Bool = false) -> String {
        var (record, pages) = archivalFixture()
        record.plan.document.spans.title = SourceSpan(page: 1, lineStart: 2, lineEnd: 2)
        if unreadableDate {
            record.plan.document.date = nil
            record.plan.document.dateText = "ngày .. tháng 3 năm 2024"
            record.plan.document.spans.date = SourceSpan(page: 1, lineStart: 4, lineEnd: 4)
        }
        record.quality.lowConfidenceSpans = [LowConfidenceSpan(page: 1, line: 2, text: "của Bộ", margin: 0.5)]
        return RecordEncoding.reviewPage(
            record, pages: pages, images: ["doc.pages/page-1.png"], indexLink: "index.html")
    }

    func testFlagsLowConfidenceUnsureAndRestoredWordsInTheTextAndOnTheImage() {
        let html = page()
        XCTAssertTrue(html.contains("<img src=\"doc.pages/page-1.png\""))
        // HOẠCH: OCR confidence 55 and restored from HOACH → low and restored, flagged first.
        XCTAssertTrue(
            html.contains(
                "<mark class=\"low restored\" id=\"flag-1\" title=\"OCR: HOACH · độ tin cậy 55\" tabindex=\"0\" data-flag=\"1\">HOẠCH</mark>"
            ), html)
        // "của" is restored inside a span the restorer was unsure of.
        XCTAssertTrue(html.contains("class=\"unsure restored\" id=\"w-p1-l2-1\""))
        // Tư: confidence 40.
        XCTAssertTrue(html.contains(">Tư</mark>"))
        // Boxes on the image, as percentages of the page (HOẠCH at x 180 of 1000 px).
        XCTAssertTrue(
            html.contains(
                "<a class=\"box low restored\" href=\"#flag-1\" style=\"left:18.000%;top:7.143%;width:20.000%;height:2.857%\""
            ))
        // Unchanged, confident words are plain text.
        XCTAssertTrue(html.contains("<span class=\"n\">1</span> KẾ <mark"))
        XCTAssertTrue(html.contains("<a href=\"index.html\">"))
    }

    func testAnUnsureSpanThatNamesItsWordFlagsThatWordAlone() {
        var (record, pages) = archivalFixture()
        // "Bộ" (word 2 of line 2) changed with a small margin; "pháp" (word 4) kept, unsure.
        record.quality.lowConfidenceSpans = [
            LowConfidenceSpan(page: 1, line: 2, text: "Bộ", margin: 0.5, word: WordPosition(index: 2)),
            LowConfidenceSpan(page: 1, line: 2, text: "pháp", margin: 1.2, word: WordPosition(index: 4), kept: true),
        ]
        let html = RecordEncoding.reviewPage(record, pages: pages, images: ["p.png"])
        XCTAssertTrue(html.contains("class=\"unsure restored\" id=\"w-p1-l2-2\""), html)
        XCTAssertTrue(html.contains("<mark class=\"restored\" id=\"w-p1-l2-1\""), html)
        XCTAssertTrue(html.contains("<mark class=\"unsure restored\" id=\"w-p1-l2-4\""), html)
        // Their boxes on the image are flagged too.
        XCTAssertTrue(html.contains("<a class=\"box unsure restored\""), html)
    }

    func testHeaderFieldsLinkToWhereTheyWereReadAndUnreadableOnesAreMarked() {
        let html = page(unreadableDate: true)
        XCTAssertTrue(
            html.contains("<td><a href=\"#img-p1-l2\">trang 1, dòng 2</a></td>"), "title field links to its line box")
        XCTAssertTrue(html.contains("<a class=\"box field\" id=\"img-p1-l2\" href=\"#p1-l2\""))
        XCTAssertTrue(html.contains("<tr class=\"unreadable\"><th>Ngày / Date</th><td>ngày .. tháng 3 năm 2024"))
        XCTAssertTrue(html.contains("<a class=\"box field unreadable\" id=\"img-p1-l4\""))
        XCTAssertTrue(html.contains("<div class=\"line field unreadable\" id=\"p1-l4\">"))
    }

    func testTheIndexListsDocumentsWorstFirst() {
        func record(_ path: String, confidence: Double?, unsure: Int) -> DocumentRecord {
            var r = sampleRecord(path: path)
            r.quality.ocrMeanConfidence = confidence
            r.quality.lowConfidenceSpans = Array(
                repeating: LowConfidenceSpan(page: 1, line: 1, text: "x", margin: 1), count: unsure)
            return r
        }
        let html = RecordEncoding.reviewIndex([
            ReviewIndexEntry(
                path: "good.pdf", status: "converted", link: "good.html",
                record: record("good.pdf", confidence: 95, unsure: 0)),
            ReviewIndexEntry(
                path: "text.txt", status: "converted", link: "text.html",
                record: record("text.txt", confidence: nil, unsure: 9)),
            ReviewIndexEntry(path: "bad.pdf", status: "failed", reason: "the PDF is damaged"),
            ReviewIndexEntry(
                path: "poor.pdf", status: "skipped", link: "poor.html",
                record: record("poor.pdf", confidence: 61.5, unsure: 2)),
        ])
        let order = ["bad.pdf", "poor.html", "good.html", "text.html"].map { html.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(html.contains("failed: the PDF is damaged"))
        XCTAssertTrue(html.contains("<td class=\"num\">61.5</td>"))
    }
}
