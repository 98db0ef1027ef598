import Segmentation
import VietdocCore
import XCTest

/// One realistic document of each Decree 30/2020 type, as text in reading order (left column of a
/// band, then its right), the way the layout stage or a clean text layer gives it.
final class DocumentTypeTests: XCTestCase {
    /// An official letter: no type line; the trích yếu "V/v …" under the number; "Kính gửi:".
    func testOfficialLetter() {
        let p = plan(
            """
            ỦY BAN NHÂN DÂN
            TỈNH BÌNH ĐỊNH
            Số: 1207/UBND-KT
            V/v góp ý dự thảo Quyết định sửa đổi,
            bổ sung Quy chế quản lý vốn đầu tư
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Bình Định, ngày 12 tháng 4 năm 2023

            Kính gửi:
            - Bộ Tài chính;
            - Bộ Kế hoạch và Đầu tư.

            Ủy ban nhân dân tỉnh Bình Định nhận được Công văn số 88/BTC-ĐT của Bộ Tài chính.
            Nơi nhận:
            - Như trên;
            - CT, PCT UBND tỉnh;
            - Lưu: VT, KT.
            TL. CHỦ TỊCH
            KT. CHÁNH VĂN PHÒNG
            PHÓ CHÁNH VĂN PHÒNG
            Lê Minh Tâm
            """)
        XCTAssertEqual(p.document.type, "CÔNG VĂN")
        XCTAssertEqual(p.document.number, "1207/UBND-KT")
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH")
        XCTAssertEqual(p.document.place, "Bình Định")
        XCTAssertEqual(p.document.date, "2023-04-12")
        XCTAssertEqual(
            p.document.title, "V/v góp ý dự thảo Quyết định sửa đổi, bổ sung Quy chế quản lý vốn đầu tư")
        XCTAssertEqual(p.addressees.map(\.text), ["Bộ Tài chính", "Bộ Kế hoạch và Đầu tư"])
        XCTAssertEqual(p.recipients.map(\.text), ["Như trên", "CT, PCT UBND tỉnh", "Lưu: VT, KT"])
        XCTAssertEqual(p.signature.capacity, "TL. CHỦ TỊCH / KT. CHÁNH VĂN PHÒNG")
        XCTAssertEqual(p.signature.title, "PHÓ CHÁNH VĂN PHÒNG")
        XCTAssertEqual(p.signature.signer, "Lê Minh Tâm")
    }

    /// A decision: the authority line between the title and "Căn cứ" is not title.
    func testDecisionAuthorityLineIsNotTitle() {
        let p = plan(
            """
            BỘ Y TẾ
            Số: 3562/QĐ-BYT
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Hà Nội, ngày 20 tháng 9 năm 2024
            QUYẾT ĐỊNH
            Về việc ban hành Hướng dẫn chẩn đoán và điều trị bệnh sốt xuất huyết
            BỘ TRƯỞNG BỘ Y TẾ
            Căn cứ Nghị định số 95/2022/NĐ-CP ngày 15 tháng 11 năm 2022 của Chính phủ;
            QUYẾT ĐỊNH:
            Điều 1. Ban hành kèm theo Quyết định này Hướng dẫn chẩn đoán và điều trị.
            Điều 2. Quyết định này có hiệu lực kể từ ngày ký.
            """)
        XCTAssertEqual(p.document.type, "QUYẾT ĐỊNH")
        XCTAssertEqual(p.document.issuer, "BỘ Y TẾ")
        XCTAssertEqual(p.document.title, "Về việc ban hành Hướng dẫn chẩn đoán và điều trị bệnh sốt xuất huyết")
        XCTAssertEqual(p.sections.map { $0.number ?? "-" }, ["Điều 1", "Điều 2"])
        XCTAssertEqual(p.legalBasis.count, 1)
    }

    /// Directive, notice, report, submission, resolution, guidance: header and title.
    func testOtherTypes() {
        let cases: [(type: String, sign: String, title: String, issuer: [String])] = [
            (
                "CHỈ THỊ", "CT-UBND", "Về việc tăng cường phòng, chống thiên tai năm 2025",
                ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"]
            ),
            (
                "THÔNG BÁO", "TB-UBND", "Kết luận của Chủ tịch UBND tỉnh tại cuộc họp giao ban",
                ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"]
            ),
            (
                "BÁO CÁO", "BC-SNV", "Tình hình thực hiện cải cách hành chính quý I năm 2025",
                ["UBND TỈNH NGHỆ AN", "SỞ NỘI VỤ"]
            ),
            (
                "TỜ TRÌNH", "TTr-UBND", "Về việc đề nghị ban hành Nghị quyết về phí thẩm định",
                ["ỦY BAN NHÂN DÂN", "TỈNH NGHỆ AN"]
            ),
            (
                "NGHỊ QUYẾT", "NQ-HĐND", "Quy định mức chi hỗ trợ công tác hòa giải ở cơ sở",
                ["HỘI ĐỒNG NHÂN DÂN", "TỈNH NGHỆ AN"]
            ),
            ("HƯỚNG DẪN", "HD-SYT", "Thực hiện tiêm chủng mở rộng năm 2025", ["UBND TỈNH NGHỆ AN", "SỞ Y TẾ"]),
        ]
        for c in cases {
            let p = plan(
                """
                \(c.issuer[0])
                \(c.issuer[1])
                Số: 27/\(c.sign)
                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                Độc lập - Tự do - Hạnh phúc
                Nghệ An, ngày 03 tháng 02 năm 2025

                \(c.type)
                \(c.title)

                Kính gửi: Hội đồng nhân dân tỉnh.

                Thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2025 của UBND tỉnh, nội dung như sau:
                1. Tình hình chung
                Các đơn vị đã triển khai.
                Nơi nhận:
                - Như trên;
                - Lưu: VT.
                CHỦ TỊCH
                Nguyễn Đức Trung
                """)
            let d = p.document
            XCTAssertEqual(d.type, c.type)
            XCTAssertEqual(d.number, "27/" + c.sign, c.type)
            XCTAssertEqual(d.sign, c.sign, c.type)
            XCTAssertEqual(d.place, "Nghệ An", c.type)
            XCTAssertEqual(d.date, "2025-02-03", c.type)
            XCTAssertEqual(d.title, c.title, c.type)
            XCTAssertEqual([d.parentIssuer, d.issuer].compactMap { $0 }.joined(separator: " / ").count > 0, true)
            if c.issuer[0].hasPrefix("UBND") {
                XCTAssertEqual(d.parentIssuer, c.issuer[0], c.type)
                XCTAssertEqual(d.issuer, c.issuer[1], c.type)
            } else {
                XCTAssertEqual(d.issuer, c.issuer.joined(separator: " "), c.type)
            }
            XCTAssertEqual(p.addressees.map(\.text), ["Hội đồng nhân dân tỉnh"], c.type)
            XCTAssertEqual(p.signature.capacity, "CHỦ TỊCH", c.type)
            XCTAssertEqual(p.signature.signer, "Nguyễn Đức Trung", c.type)
        }
    }

    /// Urgency and confidentiality marks are marks, not issuer or title.
    func testUrgencyAndConfidentialityMarks() {
        let p = plan(
            """
            HỎA TỐC
            MẬT
            ỦY BAN NHÂN DÂN
            TỈNH QUẢNG TRỊ
            Số: 45/UBND-NN
            V/v triển khai ứng phó với bão số 4
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Quảng Trị, ngày 18 tháng 9 năm 2025
            Kính gửi: Ban Chỉ huy Phòng chống thiên tai các huyện.
            """)
        XCTAssertEqual(p.marks.map(\.text), ["HỎA TỐC", "MẬT"])
        XCTAssertEqual(p.marks.map(\.kind), ["urgency", "confidentiality"])
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ")
        XCTAssertNil(p.document.parentIssuer)
        XCTAssertEqual(p.document.title, "V/v triển khai ứng phó với bão số 4")
        XCTAssertEqual(p.document.type, "CÔNG VĂN")
    }

    /// Handwritten number and day read as junk: left out, the printed parts kept, flagged.
    func testHandwrittenNumberAndDayAreFlagged() {
        for (number, day) in [("$4", "{"), ("4†", "9{"), ("0+", "Íð")] {
            let p = plan(
                """
                ỦY BAN NHÂN DÂN
                TỈNH QUẢNG NGÃI
                Số: \(number) /UBND-KTTH
                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
                Độc lập - Tự do - Hạnh phúc
                Quảng Ngãi, ngày \(day) tháng 02 năm 2025
                V/v báo cáo tình hình giải ngân vốn đầu tư công
                """)
            XCTAssertNil(p.document.number, number)
            XCTAssertEqual(p.document.sign, "UBND-KTTH", number)
            XCTAssertEqual(p.document.date, "2025-02", day)
            XCTAssertEqual(p.document.place, "Quảng Ngãi", day)
            XCTAssertEqual(p.unreadable.map(\.field), ["number", "day"])
            XCTAssertEqual(p.unreadable.map(\.rawText), [number, day])
            XCTAssertEqual(p.unreadable.map(\.reason), ["handwritten", "handwritten"])
            XCTAssertEqual(p.unreadable.first?.span?.lineStart, 3)
        }
    }

    /// Low-confidence digits in the number are not trusted either; the word's box is kept.
    func testLowConfidenceNumberIsFlaggedWithItsBox() {
        let lines = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 14/CT-UBND", "Quảng Ngãi, ngày 15 tháng 3 năm 2024"]
        let words = [
            Word(text: "Số:", confidence: 95, box: BoundingBox(x: 100, y: 300, width: 40, height: 20)),
            Word(text: "14", confidence: 31, box: BoundingBox(x: 150, y: 296, width: 30, height: 26)),
            Word(text: "/CT-UBND", confidence: 92, box: BoundingBox(x: 190, y: 300, width: 90, height: 20)),
        ]
        let layout = PageLayout(
            method: .geometry,
            regions: [
                LayoutRegion(
                    kind: .headerLeft,
                    lines: [
                        LayoutLine(text: lines[0], lineIndex: 1), LayoutLine(text: lines[1], lineIndex: 2),
                        LayoutLine(
                            text: lines[2], box: BoundingBox(x: 100, y: 296, width: 180, height: 26), lineIndex: 3,
                            words: [0, 1, 2]),
                    ]),
                LayoutRegion(kind: .headerRight, lines: [LayoutLine(text: lines[3], lineIndex: 4)]),
            ])
        let page = PageText(number: 1, method: .ocr, lines: lines, words: words, layout: layout)
        let p = Segmenter().segment(pages: [page])
        XCTAssertNil(p.document.number)
        XCTAssertEqual(p.document.sign, "CT-UBND")
        XCTAssertEqual(p.document.date, "2024-03-15")
        XCTAssertEqual(p.unreadable.first?.field, "number")
        XCTAssertEqual(p.unreadable.first?.reason, "low_confidence")
        XCTAssertEqual(p.unreadable.first?.box, BoundingBox(x: 150, y: 296, width: 30, height: 26))
    }

    /// A digital-signature overlay and the gazette stamp become data, out of the header.
    func testDigitalSignatureOverlay() {
        let p = plan(
            """
            Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi
            Cơ quan: Tỉnh Quảng Ngãi
            Thời gian ký: 18/03/2024 08:41:42
            TRUNG TÂM CÔNG BÁO VÀ TIN HỌC
            ttcbth@quangngai.gov.vn
            18.03.2024 09:29:39 +07:00
            ỦY BAN NHÂN DÂN
            TỈNH QUẢNG NGÃI
            Số: 04/CT-UBND
            Quảng Ngãi, ngày 15 tháng 3 năm 2024
            CHỈ THỊ
            Về việc tăng cường công tác phòng, chống tham nhũng
            """)
        XCTAssertEqual(p.digitalSignatures.count, 2)
        let s = p.digitalSignatures[0]
        XCTAssertEqual(s.signedBy, "Ủy ban nhân dân tỉnh Quảng Ngãi")
        XCTAssertEqual(s.organization, "Tỉnh Quảng Ngãi")
        XCTAssertEqual(s.signingTime, "2024-03-18T08:41:42+07:00")
        let g = p.digitalSignatures[1]
        XCTAssertEqual(g.organization, "TRUNG TÂM CÔNG BÁO VÀ TIN HỌC")
        XCTAssertEqual(g.email, "ttcbth@quangngai.gov.vn")
        XCTAssertEqual(g.signingTime, "2024-03-18T09:29:39+07:00")
        XCTAssertEqual(p.marks.map(\.kind), ["gazette_stamp"])
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI")
        XCTAssertNil(p.document.parentIssuer)
        XCTAssertEqual(p.document.title, "Về việc tăng cường công tác phòng, chống tham nhũng")
    }

    /// The seeds' garbles are not listed: the matcher takes look-alike slips of any keyword.
    func testKeywordMatcherTakesLookAlikeSlipsOnly() {
        XCTAssertTrue(Segmenter.keywordStarts("can ctr luat", with: "can cu"))
        XCTAssertTrue(Segmenter.keywordStarts("cin cir nghi dinh", with: "can cu"))
        XCTAssertTrue(Segmenter.keywordStarts("noi nhan", with: "noi nhan"))
        XCTAssertTrue(Segmenter.keywordStarts("kinh gui", with: "kinh gui"))
        XCTAssertTrue(Segmenter.keywordStarts("kmh gui", with: "kinh gui"))
        XCTAssertFalse(Segmenter.keywordStarts("cac co quan", with: "can cu"))
        XCTAssertFalse(Segmenter.keywordStarts("chua thuc hien", with: "cua"))
        XCTAssertFalse(Segmenter.keywordStarts("ky thuat", with: "ky boi"))
    }
}
