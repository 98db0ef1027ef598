import VietdocCore
import XCTest

final class VietnameseTextTests: XCTestCase {
    func testMostlyCapitalsCountsLettersOnlyAndHonoursTheThresholds() {
        // OCR lowers a marked capital: 11 of 12 letters are capitals.
        XCTAssertTrue(VietnameseText.isMostlyCapitals("CỘNG HOÀ Đã HỘI", share: 0.75))
        XCTAssertFalse(VietnameseText.isMostlyCapitals("CỘNG HOÀ Đã HỘI", share: 0.95))
        // Digits and punctuation do not count.
        XCTAssertTrue(VietnameseText.isMostlyCapitals("II. MỤC TIÊU 2025:", share: 0.85, minimumLetters: 4))
        XCTAssertFalse(VietnameseText.isMostlyCapitals("Kế hoạch số 12", share: 0.5))
        // Too few letters to judge, or none.
        XCTAssertFalse(VietnameseText.isMostlyCapitals("UB 12", share: 0.85, minimumLetters: 4))
        XCTAssertFalse(VietnameseText.isMostlyCapitals("2025 - 12", share: 0.75))
    }
}
