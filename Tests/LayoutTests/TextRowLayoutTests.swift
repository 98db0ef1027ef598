import Foundation
import Ingest
import Layout
import TestSupport
import XCTest

/// Text dumps without geometry: the known two-column rows of the Decree 30/2020 layout.
final class TextRowLayoutTests: XCTestCase {
    private func layout(_ lines: [String], first: Bool = true, last: Bool = true) -> PageText {
        LayoutAnalyzer().analyse(
            PageText(number: 1, method: .textFile, lines: lines), isFirstPage: first, isLastPage: last)
    }

    func testHeaderRowsAreSplitIntoColumns() throws {
        let page = layout([
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "TỈNH LÀO CAI Độc lập - Tự do - Hạnh phúc",
            "Số: 12/KH-UBND Lào Cai, ngày 5 tháng 3 năm 2024",
            "KẾ HOẠCH",
            "Triển khai công tác y tế năm 2024",
            "",
            "Căn cứ Luật Tổ chức chính quyền địa phương;",
        ])
        XCTAssertEqual(page.layout?.method, .textRows)
        XCTAssertEqual(page.texts(.headerLeft), ["ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 12/KH-UBND"])
        XCTAssertEqual(
            page.texts(.headerRight),
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Lào Cai, ngày 5 tháng 3 năm 2024"])
        XCTAssertEqual(page.texts(.title), ["KẾ HOẠCH", "Triển khai công tác y tế năm 2024"])
        XCTAssertEqual(page.texts(.body), ["Căn cứ Luật Tổ chức chính quyền địa phương;"])
        XCTAssertEqual(
            Array(page.lines.prefix(8)),
            [
                "ỦY BAN NHÂN DÂN", "TỈNH LÀO CAI", "Số: 12/KH-UBND", "",
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                "Lào Cai, ngày 5 tháng 3 năm 2024", "",
            ])
        for region in page.layout!.regions {
            for line in region.lines { XCTAssertEqual(page.lines[line.lineIndex! - 1], line.text) }
        }
    }

    func testARunOfSpacesMarksTheGutter() {
        let page = layout([
            "UBND TỈNH LAI CHÂU      CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SỞ Y TẾ     Độc lập - Tự do - Hạnh phúc",
        ])
        XCTAssertEqual(page.texts(.headerLeft), ["UBND TỈNH LAI CHÂU", "SỞ Y TẾ"])
        XCTAssertEqual(page.texts(.headerRight), ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"])
    }

    func testClosingRowsSplitRecipientsFromTheSignature() {
        let page = layout(
            [
                "Đề nghị các đơn vị thực hiện./.",
                "Nơi nhận: TM. ỦY BAN NHÂN DÂN",
                "- Như trên; KT. CHỦ TỊCH",
                "- Ủy ban MTTQ tỉnh; PHÓ CHỦ TỊCH",
                "- Lưu: VT.",
                "- Các sở, ban, ngành; Nguyễn Văn An",
                "",
                "Phụ lục",
                "Danh mục các đơn vị",
            ], first: false)
        XCTAssertEqual(
            page.texts(.closingLeft),
            ["Nơi nhận:", "- Như trên;", "- Ủy ban MTTQ tỉnh;", "- Lưu: VT.", "- Các sở, ban, ngành;"])
        XCTAssertEqual(
            page.texts(.closingRight), ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An"])
        // What follows the signature (an appendix) stays after it.
        XCTAssertEqual(page.lines.suffix(2), ["Phụ lục", "Danh mục các đơn vị"])
    }

    /// The English-model tesseract dump of a Lào Cai plan in samples/: marks lost, letters
    /// mangled ("S6:", "ngdy", "Poc lap — Tw do"), and still split into its columns.
    func testMangledOCRDumpIsSplitIntoColumns() throws {
        let reader = try DocumentReader(url: Fixtures.sample("000-laocai-2023-ocr.txt"))
        var pages: [PageText] = []
        for i in 0..<reader.pageCount {
            if case .text(let page) = try reader.page(at: i) { pages.append(page) }
        }
        let laidOut = LayoutAnalyzer().analyse(pages: pages)
        let first = laidOut[0]
        XCTAssertEqual(first.layout?.method, .textRows)
        XCTAssertEqual(first.texts(.headerLeft), ["UY BAN NHAN DAN", "TINH LAO CAI", "S6: 259 /KH-UBND"])
        XCTAssertEqual(first.texts(.headerRight).count, 3, "\(first.texts(.headerRight))")
        XCTAssertTrue(first.texts(.headerRight)[2].hasPrefix("Lao Cai, ngdy"))
        let last = try XCTUnwrap(laidOut.last)
        XCTAssertTrue(last.texts(.closingLeft).first?.hasPrefix("Noi nhgn") == true, "\(last.texts(.closingLeft))")
        XCTAssertEqual(last.texts(.closingRight).first, "TM. UY BAN NHAN DAN")
    }
}
