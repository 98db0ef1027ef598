import Ingest
import XCTest

final class TextLayerQualityTests: XCTestCase {
    func testVietnameseProseIsUsable() {
        let text = """
            Triển khai Kế hoạch số 481/KH-UBND ngày 25/8/2022 của UBND tỉnh về thực hiện
            Thỏa thuận hợp tác với tỉnh Xây Sôm Bun (Lào); Sở Y tế xây dựng Kế hoạch.
            """
        XCTAssertTrue(TextLayerQuality(text: text).isUsable)
    }

    func testEmptyOrTinyLayerIsNotUsable() {
        XCTAssertFalse(TextLayerQuality(text: "").isUsable)
        XCTAssertFalse(TextLayerQuality(text: "  2 \n").isUsable)  // a scan with a stamped page number
    }

    func testUnmappedGlyphsAreNotUsable() {
        let text = String(repeating: "\u{FFFD}\u{FFFD} \u{E012}\u{E013}\u{E014} ", count: 20) + "Kế hoạch năm 2024"
        XCTAssertFalse(TextLayerQuality(text: text).isUsable)
    }

    func testGlyphCodeGarbageIsNotUsable() {
        // What a subset font without ToUnicode gives: letters and symbols with no word shape.
        let text = String(repeating: "!\"#$%&' ()*+ ,-./ 0123 BCDFG HJKLM NPQRS TVWXZ ", count: 6)
        XCTAssertFalse(TextLayerQuality(text: text).isUsable)
    }

    func testAccentStrippedLayerIsRefusedOnlyOverAScan() {
        // English-model OCR of a Vietnamese plan, as in the archives' dumps.
        let text = """
            Can cir Ké hoach s6 3089/KH-UBND, ngay 23/8/2022 cua Uy ban nhan dan tinh Lai Chau ve tang
            cuong dao tao, chuyen giao ky thuat, nang cao nang luc chuyen mon y te xa, phuong
            """
        let quality = TextLayerQuality(text: text)
        XCTAssertTrue(quality.isUsable)
        XCTAssertTrue(quality.isUsable(overScan: false))
        XCTAssertFalse(quality.isUsable(overScan: true))
        XCTAssertLessThan(quality.diacriticShare, 0.2)
    }
}
