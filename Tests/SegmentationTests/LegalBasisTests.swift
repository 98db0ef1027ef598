import Segmentation
import VietdocCore
import XCTest

final class LegalBasisTests: XCTestCase {
    func testEachCanCuParagraphWithReferences() {
        let p = plan(
            """
            KẾ HOẠCH
            Phòng chống dịch

            Căn cứ Nghị định số 117/2020/NĐ-CP ngày 28/9/2020 của Chính phủ quy định xử phạt;
            Căn cứ Quyết định số 4026/QĐ-BYT ngày 20 tháng 10 năm 2010 của Bộ Y tế về việc ban hành
            quy định phân công công tác chỉ đạo tuyến;
            Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:
            I. MỤC ĐÍCH, YÊU CẦU
            """)
        XCTAssertEqual(p.legalBasis.count, 2)
        let first = p.legalBasis[0].references
        XCTAssertEqual(first.count, 1)
        XCTAssertEqual(first[0].type, "Nghị định")
        XCTAssertEqual(first[0].number, "117/2020/NĐ-CP")
        XCTAssertEqual(first[0].date, "2020-09-28")
        XCTAssertEqual(first[0].issuer, "Chính phủ")
        let second = p.legalBasis[1]
        XCTAssertEqual(second.span, SourceSpan(page: 1, lineStart: 5, lineEnd: 6), "wrapped lines belong to one basis")
        XCTAssertEqual(second.references.first?.type, "Quyết định")
        XCTAssertEqual(second.references.first?.number, "4026/QĐ-BYT")
        XCTAssertEqual(second.references.first?.date, "2010-10-20")
        XCTAssertEqual(second.references.first?.issuer, "Bộ Y tế")
    }

    func testOCRDamagedCanCuAndTypeFromSign() {
        let refs = plan(
            "KE HOACH\nX\n\nCan ctr 721/QD-UBND ngay 04/02/2021 cua UBND tinh Lao Cai ve viec;\nI. MUC TIEU"
        )
        .legalBasis.first?.references
        XCTAssertEqual(refs?.first?.number, "721/QD-UBND")
        XCTAssertEqual(refs?.first?.type, "Quyết định", "no type words: the sign's QD names it")
        XCTAssertEqual(refs?.first?.date, "2021-02-04")
        XCTAssertEqual(refs?.first?.issuer, "UBND tinh Lao Cai")
    }

    func testPreambleWithoutCitationIsNotALegalBasis() {
        let p = plan("KẾ HOẠCH\nX\n\nThực hiện chỉ đạo của lãnh đạo, Sở xây dựng kế hoạch như sau:\nI. MỤC TIÊU")
        XCTAssertTrue(p.legalBasis.isEmpty)
    }
}
