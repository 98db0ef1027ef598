import TestSupport
import VietdocCore
import XCTest

final class TextMetricsTests: XCTestCase {
    func testStripDiacriticsRemovesTonesMarksAndBarredD() {
        XCTAssertEqual(VietnameseText.stripDiacritics("Độc lập — Tự do — Hạnh phúc"), "Doc lap — Tu do — Hanh phuc")
        XCTAssertEqual(VietnameseText.stripDiacritics("ĐƯỜNG"), "DUONG")
    }

    func testSyllablesAreRunsOfLettersAndDigits() {
        XCTAssertEqual(VietnameseText.syllables("Số: 259/KH-UBND, ngày 01"), ["Số", "259", "KH", "UBND", "ngày", "01"])
    }

    func testSyllableScoresAlignAcrossInsertions() {
        let s = TextMetrics.syllableScores(hypothesis: "Ke hoach trien khai them", gold: "Kế hoạch triển khai")
        XCTAssertEqual(s.gold, 4)
        XCTAssertEqual(s.correct, 1)  // only "khai"
        XCTAssertEqual(s.sameSkeleton, 4)
        XCTAssertEqual(s.correctDiacritics, 1)
    }

    func testCharacterErrorRateIgnoresWhitespaceRuns() {
        XCTAssertEqual(TextMetrics.characterErrorRate(hypothesis: "a  b\n c", gold: "a b c"), 0)
        XCTAssertEqual(TextMetrics.characterErrorRate(hypothesis: "ab", gold: "ac"), 0.5, accuracy: 1e-9)
    }

    func testChangeRateIsZeroForIdenticalText() {
        XCTAssertEqual(TextMetrics.changeRate(output: "Hạnh phúc", input: "Hạnh phúc"), 0)
    }
}
