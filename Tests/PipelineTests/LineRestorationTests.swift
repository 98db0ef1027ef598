import Diacritics
import Foundation
import Pipeline
import TestSupport
import XCTest

/// Restoration per line on an accented page, with the real model: capitals OCR read without
/// marks are restored as stripped text, and the form's fixed lines come out as printed.
final class LineRestorationTests: XCTestCase {
    static let restorer: Restorer = {
        do { return Restorer(model: try DiacriticModel.load(from: Fixtures.dictionaries)) } catch {
            fatalError("cannot load the model from \(Fixtures.dictionaries.path): \(error)")
        }
    }()

    static let page = """
        ỦY BAN NHÂN DÂN
        TINH QUANG NGAI
        Số: 12/TB-UBND
        CỘNG HOA XA HỘI CHU NGHĨA VIỆT NAM
        Độc lập - Tư do - Hanh phúc
        Quảng Ngãi, ngày 07 tháng 02 năm 2025

        THÔNG BÁO
        Về việc thụ lý giải quyết khiếu nại lần hai

        Chủ tịch Ủy ban nhân dân tỉnh nhận được đơn của công dân về việc bồi thường, hỗ trợ và tái
        định cư khi Nhà nước thu hồi đất để thực hiện dự án đường bộ cao tốc trên địa bàn tỉnh.
        Sau khi xem xét nội dung khiếu nại, căn cứ quy định của pháp luật về khiếu nại, Chủ tịch
        Ủy ban nhân dân tỉnh thông báo để công dân biết và thực hiện quyền khiếu nại theo quy định.
        Nơi nhận:
        - Như trên;
        - TT TU, UBND TP;
        - Lưu: VT, NC.
        KT. CHU TICH
        PHO CHU TICH
        Trần Phước Hiền
        """

    func testUnmarkedCapitalsAndFixedLinesOnAnAccentedPage() {
        let pages = PageText.pages(fromText: Self.page)
        let plain = Self.restorer.restore(pages: pages)
        XCTAssertEqual(plain.pageRegimes, [.accented])
        XCTAssertEqual(plain.pages[0].lines[1], pages[0].lines[1], "the page's regime trusts the line as read")

        let restored = LineRestoration(restorer: Self.restorer).restore(pages: pages)
        let lines = restored.pages[0].lines
        XCTAssertEqual(lines.count, pages[0].lines.count, "one output line per input line")
        XCTAssertEqual(lines[1], "TỈNH QUẢNG NGÃI")
        XCTAssertEqual(lines[3], "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        XCTAssertEqual(lines[4], "Độc lập - Tự do - Hạnh phúc")
        XCTAssertEqual(lines[18], "KT. CHỦ TỊCH")
        XCTAssertEqual(lines[19], "PHÓ CHỦ TỊCH")
        XCTAssertEqual(lines[16], "- TT TU, UBND TP;", "abbreviations in capitals are not words to restore")
        // The running text is the restorer's.
        XCTAssertEqual(Array(lines[10...13]), Array(plain.pages[0].lines[10...13]))
        XCTAssertTrue(restored.summary.changes.contains { $0.line == 5 && $0.reason == .formLine })
        XCTAssertTrue(restored.summary.changes.contains { $0.line == 2 && $0.output == "TỈNH" })
        XCTAssertEqual(restored.quality.changed, restored.summary.changes.count)
    }

    func testChangesOnAnOCRPageNameTheirOCRWordsAndBoxes() {
        let texts = ["Ke", "hoach", "trien", "khai"]
        let words = texts.enumerated().map { i, t in
            Word(text: t, confidence: 90, box: BoundingBox(x: 100 + 200 * i, y: 100, width: 150, height: 40))
        }
        let page = PageText(
            number: 1, method: .ocr, lines: ["Ke hoach trien khai"], words: words,
            frame: PageFrame(width: 1000, height: 1400, dpi: 300))
        let restored = LineRestoration(restorer: Self.restorer).restore(pages: [page])
        XCTAssertEqual(restored.pages[0].lines, ["Kế hoạch triển khai"])
        let changes = restored.summary.changes
        // "khai" reads as written.
        XCTAssertEqual(changes.map { $0.word?.index }, [1, 2, 3])
        XCTAssertEqual(changes.map { $0.word?.ocrWords }, [[0], [1], [2]])
        XCTAssertEqual(changes.map { $0.word?.box }, words.prefix(3).map(\.box))
    }
}
