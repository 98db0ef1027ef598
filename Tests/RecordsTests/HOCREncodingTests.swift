import Foundation
import Records
import VietdocCore
import XCTest

final class HOCREncodingTests: XCTestCase {
    func testNestsPagesAreasParagraphsLinesAndWordsWithBoxesAndConfidences() throws {
        let (record, pages) = archivalFixture()
        let root = try XCTUnwrap(parseXML(RecordEncoding.hocr(record, pages: pages)))
        XCTAssertEqual(root.name, "html")
        let classOf = { (node: XMLNode) in node.attributes["class"] ?? "" }
        let nodes = root.all("div") + root.all("p") + root.all("span")
        let expectedParent = [
            "ocr_carea": "ocr_page", "ocr_par": "ocr_carea", "ocr_line": "ocr_par", "ocrx_word": "ocr_line",
        ]
        for node in nodes {
            guard let parent = expectedParent[classOf(node)] else { continue }
            XCTAssertEqual(node.parent.map(classOf), parent, "\(classOf(node)) inside \(parent)")
        }
        let page = try XCTUnwrap(root.all("div").first { classOf($0) == "ocr_page" })
        XCTAssertTrue(page.attributes["title"]!.contains("bbox 0 0 1000 1400"))
        XCTAssertTrue(page.attributes["title"]!.contains("image \"scan \\\"1\\\".png\""))
        let words = root.all("span").filter { classOf($0) == "ocrx_word" }
        XCTAssertEqual(words.map(\.text), ["KẾ", "HOẠCH", "của", "Bộ", "Tư", "pháp", "UBND", "tỉnh", "<&>"])
        XCTAssertEqual(words[1].attributes["title"], "bbox 180 100 380 140; x_wconf 55; x_ocr \"HOACH\"")
        XCTAssertEqual(words[0].attributes["title"], "bbox 100 100 160 140; x_wconf 91")
        let lines = root.all("span").filter { classOf($0) == "ocr_line" }
        XCTAssertEqual(lines.first?.attributes["title"], "bbox 100 100 380 140")
    }
}
