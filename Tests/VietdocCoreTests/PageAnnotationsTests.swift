import VietdocCore
import XCTest

final class PageAnnotationsTests: XCTestCase {
    private func word(_ text: String, x: Int, y: Int, width: Int = 100, line: Int, confidence: Double = 40)
        -> Word
    {
        Word(
            text: text, confidence: confidence, box: BoundingBox(x: x, y: y, width: width, height: 30), block: 1,
            paragraph: 1, line: line)
    }

    /// OCR read the faded overlay as junk; the PDF's own words for it replace the junk they
    /// cover and keep the rest of the page.
    func testAnnotationWordsReplaceTheOCRWordsTheyCover() {
        let ocr = PageText(
            number: 1, method: .ocr, lines: ["Kv b0i: Uy ban", "CỘNG HÒA"],
            words: [
                word("Kv", x: 1500, y: 100, line: 1), word("b0i:", x: 1610, y: 102, line: 1),
                word("Uy", x: 1720, y: 100, line: 1), word("CỘNG", x: 1300, y: 400, line: 2, confidence: 95),
                word("HÒA", x: 1410, y: 400, line: 2, confidence: 95),
            ])
        let drawn = [
            word("Ký", x: 1495, y: 98, line: 7, confidence: 100),
            word("bởi:", x: 1605, y: 98, line: 7, confidence: 100),
            word("Ủy", x: 1715, y: 98, line: 7, confidence: 100), word("Cơ", x: 1495, y: 140, line: 8, confidence: 100),
        ]
        let signature = DigitalSignature(
            signingTime: "2024-03-18T01:41:42+00:00", text: "", page: 1, source: .signatureField)
        let merged = PageAnnotations(words: drawn, signatures: [signature]).merged(into: ocr)
        XCTAssertEqual(merged.words.map(\.text), ["CỘNG", "HÒA", "Ký", "bởi:", "Ủy", "Cơ"])
        // Numbered after the page's own lines, blocks and paragraphs, each drawn line apart.
        XCTAssertEqual(merged.words.suffix(4).map(\.line), [3, 3, 3, 4])
        XCTAssertEqual(merged.words.suffix(4).map(\.block), [2, 2, 2, 2])
        XCTAssertEqual(merged.lines, ocr.lines, "lines are the layout stage's to rebuild")
        XCTAssertEqual(merged.signatureFields, [signature])
    }

    func testTextLayerWordsKeepNoStructureTheyDidNotHave() {
        let layer = PageText(
            number: 2, method: .textLayer, lines: ["Số:"],
            words: [
                Word(text: "Số:", confidence: 100, box: BoundingBox(x: 250, y: 450, width: 60, height: 40), line: 1)
            ])
        let drawn = [
            Word(text: "11", confidence: 100, box: BoundingBox(x: 350, y: 440, width: 40, height: 45), line: 1)
        ]
        let merged = PageAnnotations(words: drawn).merged(into: layer)
        XCTAssertEqual(merged.words.map(\.text), ["Số:", "11"])
        XCTAssertEqual(merged.words[1].line, 2)
        XCTAssertNil(merged.words[1].block)
        XCTAssertNil(merged.words[1].paragraph)
    }

    func testEmptyAnnotationsLeaveThePageAsItIs() {
        let page = PageText(number: 1, method: .ocr, lines: ["a"], words: [word("a", x: 0, y: 0, line: 1)])
        XCTAssertEqual(PageAnnotations().merged(into: page), page)
    }

    func testScalingAndRotationFollowThePageImage() {
        let annotations = PageAnnotations(
            words: [word("Ký", x: 100, y: 50, line: 1)],
            signatures: [
                DigitalSignature(text: "", page: 1, box: BoundingBox(x: 10, y: 20, width: 30, height: 40))
            ])
        let scaled = annotations.scaled(by: 3)
        XCTAssertEqual(scaled.words[0].box, BoundingBox(x: 300, y: 150, width: 300, height: 90))
        XCTAssertEqual(scaled.signatures[0].box, BoundingBox(x: 30, y: 60, width: 90, height: 120))
        let rotated = annotations.rotated
        XCTAssertTrue(rotated.words.isEmpty, "rotated words would no longer sit on their text")
        XCTAssertEqual(rotated.signatures.count, 1)
        XCTAssertNil(rotated.signatures[0].box)
    }
}
