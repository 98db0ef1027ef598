import Diacritics
import TestSupport
import XCTest

/// One test per token class the restorer meets, on short lines written for these tests.
final class TokenClassTests: XCTestCase {
    func restore(_ s: String, _ r: TextRegime) -> String { ModelFixture.restore(s, r) }

    func testStrippedWordsGetTheirMarksBack() {
        XCTAssertEqual(
            restore("Ke hoach trien khai cong tac phong chong dich benh", .stripped),
            "Kế hoạch triển khai công tác phòng chống dịch bệnh")
        XCTAssertEqual(
            restore("Uy ban nhan dan tinh ban hanh quyet dinh", .stripped),
            "Ủy ban nhân dân tỉnh ban hành quyết định")
    }

    func testOCRConfusionsAreRepaired() {
        // ư → w, ố → 6, ơ/ô with a tone → d, ủ → ii: patterns of tesseract's English model.
        XCTAssertEqual(
            restore("Tw van s6 lieu ve ngudn nhan luc ciia nganh", .mangled),
            "Tư vấn số liệu về nguồn nhân lực của ngành")
    }

    func testToneSlipsInAccentedTextAreFixed() {
        XCTAssertEqual(restore("ỦY BAN NHÂN DÂN TĨNH LÀO CAI", .accented), "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
    }

    func testMergedTokensSplit() {
        XCTAssertEqual(restore("theo quy dinh cuaBo Y te", .mangled), "theo quy định của Bộ Y tế")
    }

    func testBrokenTokensMerge() {
        let r = ModelFixture.restorer.restoreLine("Ủy ban nhân dân ti,nh Lào Cai", regime: .accented)
        XCTAssertEqual(r.text, "Ủy ban nhân dân tỉnh Lào Cai")
        XCTAssertEqual(r.changes.first?.reason, .merge)
    }

    func testMangledShortNumbersAndCapitalsAreReadAsWords() {
        // tesseract `eng` writes "độ" as "46" and a marked "Bộ" as "BO"; real numbers stay.
        XCTAssertEqual(restore("nang cao trinh 46 cho can bé", .mangled), "nâng cao trình độ cho cán bộ")
        XCTAssertEqual(
            restore("Ngay 25 thang 6 nam 2022 co 46 nguoi tham du", .mangled),
            "Ngày 25 tháng 6 năm 2022 có 46 người tham dự")
        XCTAssertEqual(
            restore("theo huéng dan cua BO Y té ve viéc nay", .mangled),
            "theo hướng dẫn của Bộ Y tế về việc này")
        XCTAssertEqual(restore("VAN PHONG HDND&UBND TINH", .mangled), "VĂN PHÒNG HĐND&UBND TỈNH")
    }

    func testRomanHeadingNumbersPassThrough() {
        // "V." of a heading once became "U." through the OCR channel.
        XCTAssertEqual(restore("V. TO CHUC THUC HIEN", .mangled), "V. TỔ CHỨC THỰC HIỆN")
        XCTAssertEqual(restore("IV. KINH PHI THUC HIEN", .stripped), "IV. KINH PHÍ THỰC HIỆN")
        XCTAssertEqual(restore("VI. DON VI THUC HIEN", .stripped), "VI. ĐƠN VỊ THỰC HIỆN")
        XCTAssertEqual(restore("Chuong IV quy dinh ve to chuc", .stripped), "Chương IV quy định về tổ chức")
        XCTAssertEqual(restore("III. NHIỆM VỤ", .accented), "III. NHIỆM VỤ")
        // A syllable spelt like a numeral is still read as a word inside a line.
        XCTAssertEqual(restore("DON VI THUC HIEN", .stripped), "ĐƠN VỊ THỰC HIỆN")
    }

    func testNumbersAmountsAndDatesPassThrough() {
        let line = "Tong kinh phi 1.766.925.000 dong (2,5 ty) ngay 25/8/2022, luc 14:30, dat 95%"
        let out = restore(line, .stripped)
        for kept in ["1.766.925.000", "2,5", "25/8/2022", "14:30", "95%"] { XCTAssertTrue(out.contains(kept), out) }
        XCTAssertTrue(out.hasPrefix("Tổng kinh phí"), out)
    }

    func testURLsAndEmailsPassThrough() {
        let out = restore(
            "Xem https://vbpl.vn/laocai/Pages/vbpq.aspx hoac gui thu toi van.thu@laocai.gov.vn", .stripped)
        XCTAssertTrue(out.contains("https://vbpl.vn/laocai/Pages/vbpq.aspx"), out)
        XCTAssertTrue(out.contains("van.thu@laocai.gov.vn"), out)
        XCTAssertTrue(out.hasPrefix("Xem"), out)
    }

    func testEnglishWordsAndAcronymsPassThrough() {
        let out = restore("Ung dung Internet va phan mem online cua UBND va WHO", .stripped)
        XCTAssertTrue(out.contains("Internet"), out)
        XCTAssertTrue(out.contains("online"), out)
        XCTAssertTrue(out.contains("UBND"), out)
        XCTAssertTrue(out.contains("WHO"), out)
    }

    func testCodesKeepTheirShapeAndGetTheirDBack() {
        XCTAssertEqual(restore("Ke hoach so 259/KH-UBND", .stripped), "Kế hoạch số 259/KH-UBND")
        XCTAssertEqual(
            restore("Quyet dinh so 15/QD-UBND cua HDND tinh", .stripped), "Quyết định số 15/QĐ-UBND của HĐND tỉnh")
        // Acronyms without a certain Đ spelling stay as written.
        XCTAssertTrue(restore("theo van ban cua BYT", .stripped).hasSuffix("BYT"))
    }

    func testCasePatternsAreKept() {
        XCTAssertEqual(restore("CONG HOA XA HOI CHU NGHIA VIET NAM", .stripped), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        XCTAssertEqual(restore("tinh Lao Cai va tinh Bac Giang", .stripped), "tỉnh Lào Cai và tỉnh Bắc Giang")
    }

    func testEitherTonePlacementIsAcceptedAndKept() {
        // New-style "hoà" is the same syllable as "hòa": correct input stays as written.
        XCTAssertEqual(restore("Cộng hoà xã hội chủ nghĩa", .accented), "Cộng hoà xã hội chủ nghĩa")
        XCTAssertEqual(restore("Cộng hòa xã hội chủ nghĩa", .accented), "Cộng hòa xã hội chủ nghĩa")
    }

    func testPunctuationAndSpacingAreKeptExactly() {
        let line = "  Mục tiêu:  (i) nâng cao;  (ii) bảo đảm…  "
        XCTAssertEqual(restore(line, .accented), line)
        XCTAssertEqual(restore("", .stripped), "")
    }

    func testChangesCarryProvenance() {
        let r = ModelFixture.restorer.restoreLine("Ke hoach so 12/KH-UBND", regime: .stripped)
        XCTAssertEqual(r.changes.map(\.original), ["Ke", "hoach", "so"])
        XCTAssertEqual(r.changes.map(\.output), ["Kế", "hoạch", "số"])
        XCTAssertTrue(r.changes.allSatisfy { $0.reason == .stripped && $0.margin > 0 })
    }
}
