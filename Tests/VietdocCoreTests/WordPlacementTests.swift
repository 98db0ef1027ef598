import VietdocCore
import XCTest

final class WordPlacementTests: XCTestCase {
    /// OCR words of a small page and its restored lines: a mark change, a split and a merge.
    static func page() -> (restored: PageText, words: [Word]) {
        func w(_ text: String, _ x: Int, _ y: Int, _ width: Int, _ conf: Double = 90) -> Word {
            Word(text: text, confidence: conf, box: BoundingBox(x: x, y: y, width: width, height: 40))
        }
        let words = [
            w("KẾ", 100, 100, 60), w("HOACH", 180, 100, 200, 55),
            w("cuaBo", 100, 200, 250), w("Tw", 370, 200, 60, 40), w("phap", 450, 200, 120),
            w("UBND", 100, 400, 150), w("ti", 270, 400, 40), w("nh", 310, 400, 50),
        ]
        let restored = PageText(
            number: 1, method: .ocr, lines: ["KẾ HOẠCH", "của Bộ Tư pháp", "", "UBND tỉnh"], words: words,
            frame: PageFrame(width: 1000, height: 1400, dpi: 300))
        return (restored, words)
    }

    func testEachRestoredWordGetsTheBoxOfWhatItWasReadFrom() {
        let (page, words) = Self.page()
        let lines = WordPlacement.place(page: page, ocrWords: words)
        XCTAssertEqual(lines.map(\.number), [1, 2, 3, 4])
        XCTAssertEqual(
            lines.map { $0.words.map(\.text) }, [["KẾ", "HOẠCH"], ["của", "Bộ", "Tư", "pháp"], [], ["UBND", "tỉnh"]])
        let hoach = lines[0].words[1]
        XCTAssertEqual(hoach.ocrText, "HOACH")
        XCTAssertEqual(hoach.box, words[1].box)
        XCTAssertEqual(hoach.confidence, 55)
        XCTAssertTrue(hoach.isRestored)
        XCTAssertFalse(lines[0].words[0].isRestored)
        // Split: "cuaBo" (250 px, 5 letters) → "của" takes the first 3/5, "Bộ" the rest.
        XCTAssertEqual(lines[1].words[0].box, BoundingBox(x: 100, y: 200, width: 150, height: 40))
        XCTAssertEqual(lines[1].words[0].ocrText, "cua")
        XCTAssertEqual(lines[1].words[1].box, BoundingBox(x: 250, y: 200, width: 100, height: 40))
        XCTAssertEqual(lines[1].words[2].ocrText, "Tw")
        XCTAssertEqual(lines[1].words[2].confidence, 40)
        // Merge: "ti" + "nh" → "tỉnh" spans both boxes.
        XCTAssertEqual(lines[3].words[1].box, BoundingBox(x: 270, y: 400, width: 90, height: 40))
        XCTAssertEqual(lines[3].words[1].ocrText, "ti nh")
        XCTAssertEqual(lines[1].box, BoundingBox(x: 100, y: 200, width: 470, height: 40))
        // Each word names the OCR words (indexes into the page's words) it was read from.
        XCTAssertEqual(
            lines.map { $0.words.map(\.ocrWords) }, [[[0], [1]], [[2], [2], [3], [4]], [], [[5], [6, 7]]])
    }

    func testPagesWithoutOCRWordsHaveWordsWithoutBoxes() {
        let page = PageText(number: 2, method: .textLayer, lines: ["Điều 1.", "", "Giao Sở Y tế"])
        let lines = WordPlacement.place(page: page, ocrWords: [])
        XCTAssertEqual(lines.flatMap(\.words).map(\.text), ["Điều", "1.", "Giao", "Sở", "Y", "tế"])
        XCTAssertTrue(lines.flatMap(\.words).allSatisfy { $0.box == nil && $0.confidence == nil && !$0.isRestored })
    }

    func testAWordTheOCRNeverSawSitsAfterThePreviousWord() {
        let words = [Word(text: "Sở", confidence: 90, box: BoundingBox(x: 10, y: 10, width: 50, height: 40))]
        let page = PageText(number: 1, method: .ocr, lines: ["Sở 12345"], words: words)
        let placed = WordPlacement.place(page: page, ocrWords: words)[0].words
        XCTAssertEqual(placed[0].box, words[0].box)
        XCTAssertNil(placed[1].confidence)
        XCTAssertEqual(placed[1].box?.x, 60)
    }

    func testALongPageAlignsWithinTheBand() {
        // 400 words where every other one lost its marks: the alignment still pairs them all.
        var words: [Word] = []
        var restored: [String] = []
        for i in 0..<400 {
            words.append(
                Word(
                    text: i % 2 == 0 ? "tieng" : "Viet", confidence: 80,
                    box: BoundingBox(x: i * 10, y: 0, width: 9, height: 9)))
            restored.append(i % 2 == 0 ? "tiếng" : "Việt")
        }
        let page = PageText(number: 1, method: .ocr, lines: [restored.joined(separator: " ")], words: words)
        let placed = WordPlacement.place(page: page, ocrWords: words)[0].words
        XCTAssertEqual(placed.count, 400)
        XCTAssertEqual(placed.map(\.box), words.map(\.box))
    }
}
