import TestSupport
import VietdocCore
import XCTest

final class AccentFoldingTests: XCTestCase {
    func testFoldRemovesEveryMarkAndBarredDAndLowercases() {
        XCTAssertEqual(
            AccentFolding.fold("KẾ HOẠCH Phòng, chống dịch — ĐƯỜNG Đề án 259/KH-UBND"),
            "ke hoach phong, chong dich — duong de an 259/kh-ubnd")
        // Decomposed input folds the same as precomposed input.
        let nfd = "Tỉnh Mường Tè".decomposedStringWithCanonicalMapping
        XCTAssertEqual(AccentFolding.fold(nfd), "tinh muong te")
    }

    /// The table-driven fold must agree with the reference definition on real text.
    func testFoldAgreesWithStripDiacriticsOnTheGoldTexts() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Fixtures.goldText.path)
        XCTAssertGreaterThanOrEqual(names.count, 5)
        for name in names {
            let text = try String(contentsOf: Fixtures.goldText.appendingPathComponent(name), encoding: .utf8)
            XCTAssertEqual(AccentFolding.fold(text), VietnameseText.stripDiacritics(text).lowercased(), name)
        }
        // Every precomposed Vietnamese letter.
        let letters = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
        for letter in [letters, letters.uppercased()] {
            XCTAssertEqual(AccentFolding.fold(letter), VietnameseText.stripDiacritics(letter).lowercased())
        }
    }

    /// Scalar by scalar, the fold is the reference definition for every scalar of the BMP's
    /// alphabetic blocks, so every stage that folds (catalog, segmentation, restoration) agrees.
    func testFoldOfEveryScalarIsTheReferenceDefinition() {
        for v in UInt32(0)...0x2FFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let s = String(scalar)
            XCTAssertEqual(
                AccentFolding.fold(s), VietnameseText.stripDiacritics(s).lowercased(), "U+\(String(v, radix: 16))")
        }
    }

    func testTokensKeepTheirOriginalRanges() {
        let text = "Số: 45/KH-SYT,\nngày 05"
        let tokens = AccentFolding.tokens(text)
        XCTAssertEqual(tokens.map { String(text[$0.range]) }, ["Số", "45", "KH", "SYT", "ngày", "05"])
        XCTAssertEqual(tokens.map(\.folded), ["so", "45", "kh", "syt", "ngay", "05"])
    }
}
