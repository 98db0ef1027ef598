import Segmentation
import VietdocCore
import XCTest

/// The closing band read from text without layout (OCR put both columns on one line), and the
/// header's spellings repaired from the document's own text.
final class ClosingAndSpellingTests: XCTestCase {
    func testInterleavedClosingBand() {
        let p = plan(
            """
            ỦY BAN NHÂN DÂN
            TỈNH PHÚ YÊN
            Số: 88/TB-UBND
            Phú Yên, ngày 02 tháng 6 năm 2023
            THÔNG BÁO
            Kết luận của Chủ tịch UBND tỉnh tại buổi làm việc với huyện Đồng Xuân
            1. Tình hình chung
            Huyện đã triển khai các nhiệm vụ.
            Nơi nhận: KT. CHỦ TỊCH
            - Thường trực Tỉnh ủy; PHÓ CHỦ TỊCH
            - Các Sở: Tài chính, Xây dựng,
            Giao thông vận tải, Nội vụ;
            Cổng TTĐT tỉnh;
            - VPUB: CVP, PCVP; sẽ
            - Lưu: VT, KTN(Ha12). Đào Mỹ Hạnh
            """)
        XCTAssertEqual(
            p.recipients.map(\.text),
            [
                "Thường trực Tỉnh ủy", "Các Sở: Tài chính, Xây dựng, Giao thông vận tải, Nội vụ", "Cổng TTĐT tỉnh",
                "VPUB: CVP, PCVP", "Lưu: VT, KTN(Ha12)",
            ])
        XCTAssertEqual(p.signature.capacity, "KT. CHỦ TỊCH")
        XCTAssertEqual(p.signature.title, "PHÓ CHỦ TỊCH")
        XCTAssertEqual(p.signature.signer, "Đào Mỹ Hạnh")
    }

    func testHeaderSpellingsRepairedFromTheDocument() {
        let p = plan(
            """
            ỦY BAN NHÂN DÂN
            TINH BINH DINH
            Số: 12/TTr-UBND
            Bình Định, ngày 05 tháng 3 năm 2024
            TỜ TRÌNH
            Vềviệc đề nghị bãi bỏ Nghị quyết của Hội đông nhân dân tỉnh

            Kính gửi: Hội đồng nhân dân tỉnh

            Ủy ban nhân dân tỉnh Bình Định kính trình Hội đồng nhân dân tỉnh xem xét.
            Nơi nhận:
            - Như trên;
            - Lưu: VT.
            TM. ỦY BAN NHÂN DÂN
            CHU TỊCH
            Nguyên Văn Phong
            """)
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "re-accented from 'tỉnh Bình Định'")
        XCTAssertEqual(p.document.title, "Về việc đề nghị bãi bỏ Nghị quyết của Hội đồng nhân dân tỉnh")
        XCTAssertEqual(p.addressees.map(\.text), ["Hội đồng nhân dân tỉnh"])
        XCTAssertEqual(p.signature.authority, "TM. ỦY BAN NHÂN DÂN")
        XCTAssertEqual(p.signature.capacity, "CHỦ TỊCH", "a known title comes out as printed")
        XCTAssertEqual(p.signature.signer, "Nguyễn Văn Phong", "a family name with one spelling")
    }

    /// With a layout, the closing's columns are regions: the signer never comes from the left.
    func testClosingRegionsFromTheLayout() {
        let lines = ["Nơi nhận:", "- Sở Y tế;", "- Lưu: VT.", "GIÁM ĐỐC", "Lê Văn Tám"]
        let layout = PageLayout(
            method: .geometry,
            regions: [
                LayoutRegion(kind: .body, lines: []),
                LayoutRegion(
                    kind: .closingLeft, lines: (1...3).map { LayoutLine(text: lines[$0 - 1], lineIndex: $0) }),
                LayoutRegion(
                    kind: .closingRight, lines: (4...5).map { LayoutLine(text: lines[$0 - 1], lineIndex: $0) }),
                LayoutRegion(
                    kind: .stamp, stamp: .digitalSignature, box: BoundingBox(x: 1700, y: 20, width: 600, height: 150),
                    lines: [
                        LayoutLine(text: "Ký bởi: Sở Y tế tỉnh Hòa Bình"),
                        LayoutLine(text: "Thời gian ký: 07.05.2024 15:02:11 +07:00"),
                    ]),
            ])
        let page = PageText(number: 1, method: .ocr, lines: lines, layout: layout)
        let p = Segmenter().segment(pages: [page])
        XCTAssertEqual(p.recipients.map(\.text), ["Sở Y tế", "Lưu: VT"])
        XCTAssertEqual(p.signature.capacity, "GIÁM ĐỐC")
        XCTAssertEqual(p.signature.signer, "Lê Văn Tám")
        XCTAssertEqual(p.digitalSignatures.first?.signedBy, "Sở Y tế tỉnh Hòa Bình")
        XCTAssertEqual(p.digitalSignatures.first?.signingTime, "2024-05-07T15:02:11+07:00")
        XCTAssertEqual(p.digitalSignatures.first?.box, BoundingBox(x: 1700, y: 20, width: 600, height: 150))
    }
}
