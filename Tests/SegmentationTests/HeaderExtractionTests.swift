import Segmentation
import VietdocCore
import XCTest

final class HeaderExtractionTests: XCTestCase {
    func testTwoLineIssuerAndMottoOnTheSameLines() {
        let p = plan(
            """
            UBND TỈNH LÀO CAI        CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            SỞ Y TẾ                  Độc lập - Tự do - Hạnh phúc
            Số: 45/KH-SYT            Lào Cai, ngày 05 tháng 3 năm 2024

            KẾ HOẠCH
            Tiêm chủng mở rộng năm 2024

            I. MỤC ĐÍCH
            """)
        let d = p.document
        XCTAssertEqual(d.parentIssuer, "UBND TỈNH LÀO CAI")
        XCTAssertEqual(d.issuer, "SỞ Y TẾ")
        XCTAssertEqual(d.number, "45/KH-SYT")
        XCTAssertEqual(d.sign, "KH-SYT")
        XCTAssertEqual(d.place, "Lào Cai")
        XCTAssertEqual(d.date, "2024-03-05")
        XCTAssertEqual(d.dateText, "ngày 05 tháng 3 năm 2024")
        XCTAssertEqual(d.type, "KẾ HOẠCH")
        XCTAssertEqual(d.title, "Tiêm chủng mở rộng năm 2024")
        XCTAssertEqual(d.period, Period(from: 2024, to: 2024, text: "năm 2024"))
        XCTAssertEqual(d.spans.number, SourceSpan(page: 1, lineStart: 3, lineEnd: 3))
        XCTAssertEqual(d.spans.title, SourceSpan(page: 1, lineStart: 6, lineEnd: 6))
    }

    func testOneBodyNameOnTwoLinesIsOneIssuer() {
        let p = plan(
            """
            UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
            TINH YEN BAI Doc lap - Tu do - Hanh phuc
            So: 12/QD-UBND Yen Bai, ngay 2 thang 9 nam 2021
            QUYET DINH
            Ve viec phe duyet ke hoach
            """)
        XCTAssertEqual(p.document.issuer, "UY BAN NHAN DAN TINH YEN BAI")
        XCTAssertNil(p.document.parentIssuer)
        XCTAssertEqual(p.document.type, "QUYẾT ĐỊNH", "the type is normalised to its accented form")
        XCTAssertEqual(p.document.number, "12/QD-UBND")
        XCTAssertEqual(p.document.place, "Yen Bai")
        XCTAssertEqual(p.document.date, "2021-09-02")
    }

    func testBlankNumberIsNullButSignIsKept() {
        let p = plan("Số: /KH-UBND\nMường Tè, ngày    tháng 8 năm 2022\nKẾ HOẠCH\nA")
        XCTAssertNil(p.document.number)
        XCTAssertEqual(p.document.sign, "KH-UBND")
        XCTAssertEqual(p.document.date, "2022-08", "a blank day reduces the ISO date to year and month")
    }

    func testOCRDamagedNumberLine() {
        let p = plan("S6:243 [KH-SYT Lai Chau, ngay 17thang 11 nam 2025\nKE HOACH\nX")
        XCTAssertEqual(p.document.number, "243/KH-SYT")
        XCTAssertEqual(p.document.place, "Lai Chau")
        XCTAssertEqual(p.document.date, "2025-11-17")
    }

    func testUnreadableDayAndMonthKeepOnlyTheYear() {
        let p = plan("S6: 259 /KH-UBND Lao Cai, ngdy 0Ithangoénam 2023\nKE HOACH\nX")
        XCTAssertEqual(p.document.date, "2023")
        XCTAssertEqual(p.document.place, "Lao Cai")
    }

    func testMultiLineTitleStopsAtLegalBasis() {
        let p = plan(
            """
            KẾ HOẠCH
            Tăng cường đào tạo, chuyển giao kỹ thuật
            giai đoạn 2022 - 2025 trên địa bàn huyện
            Căn cứ Kế hoạch số 3089/KH-UBND ngày 23/8/2022 của Ủy ban nhân dân tỉnh Lai Châu;
            """)
        XCTAssertEqual(
            p.document.title, "Tăng cường đào tạo, chuyển giao kỹ thuật giai đoạn 2022 - 2025 trên địa bàn huyện")
        XCTAssertEqual(p.document.period?.from, 2022)
        XCTAssertEqual(p.document.period?.to, 2025)
        XCTAssertEqual(p.document.spans.title, SourceSpan(page: 1, lineStart: 2, lineEnd: 3))
    }

    func testMissingHeaderGivesNulls() {
        let p = plan("Một đoạn văn không có tiêu đề.\nDòng thứ hai.")
        XCTAssertNil(p.document.type)
        XCTAssertNil(p.document.number)
        XCTAssertNil(p.document.issuer)
        XCTAssertNil(p.document.date)
        XCTAssertNil(p.document.title)
        XCTAssertTrue(p.sections.isEmpty)
        XCTAssertTrue(p.assignments.isEmpty)
        XCTAssertNil(p.budget.total)
        XCTAssertEqual(p.signature, Signature())
    }

    func testEmptyInput() {
        XCTAssertEqual(Segmenter().segment(pages: []), PlanRecord())
        XCTAssertEqual(plan(""), PlanRecord())
    }
}

final class DecisionTests: XCTestCase {
    /// A decision (Decree 30/2020 layout): authority line under the title, "Điều" articles.
    func testDecisionWithArticles() {
        let p = plan(
            """
            ỦY BAN NHÂN DÂN           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            TỈNH HÀ GIANG             Độc lập - Tự do - Hạnh phúc
            -------
            Số: 15/2023/QĐ-UBND       Hà Giang, ngày 05/3/2023

            QUYẾT ĐỊNH
            Về việc ban hành Kế hoạch phòng, chống dịch năm 2023
            CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ GIANG

            Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
            Theo đề nghị của Giám đốc Sở Y tế.
            QUYẾT ĐỊNH:
            Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng, chống dịch năm 2023.
            Điều 2. Tổ chức thực hiện
            Sở Y tế chủ trì, phối hợp với các sở, ngành triển khai.
            Điều 3. Chánh Văn phòng UBND tỉnh, Giám đốc Sở Y tế, Thủ trưởng các sở, ban, ngành và Chủ tịch UBND các huyện chịu trách nhiệm thi hành Quyết định này./.
            Nơi nhận:
            - Như Điều 3;
            - Lưu: VT.
            KT. CHỦ TỊCH
            PHÓ CHỦ TỊCH
            Trần Đức Quý
            """)
        XCTAssertEqual(p.document.type, "QUYẾT ĐỊNH")
        XCTAssertEqual(p.document.number, "15/2023/QĐ-UBND")
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH HÀ GIANG")
        XCTAssertEqual(p.document.place, "Hà Giang")
        XCTAssertEqual(p.document.date, "2023-03-05")
        XCTAssertEqual(p.document.title, "Về việc ban hành Kế hoạch phòng, chống dịch năm 2023")
        XCTAssertEqual(p.legalBasis.count, 1)
        XCTAssertEqual(p.sections.map { $0.number ?? "-" }, ["Điều 1", "Điều 2", "Điều 3"])
        XCTAssertEqual(p.sections.map(\.level), [1, 1, 1])
        XCTAssertEqual(p.sections[1].heading, "Tổ chức thực hiện")
        XCTAssertEqual(p.sections[1].category, .assignments)
        XCTAssertEqual(p.sections[2].category, .assignments, "chịu trách nhiệm thi hành names who carries it out")
        XCTAssertTrue(p.sections[2].heading.hasSuffix("…"), "a provision's first words stand for its heading")
        XCTAssertEqual(p.signature.capacity, "KT. CHỦ TỊCH")
        XCTAssertEqual(p.signature.title, "PHÓ CHỦ TỊCH")
        XCTAssertEqual(p.signature.signer, "Trần Đức Quý")
    }

    /// A decision followed by the plan it promulgates: the plan's sections are read too.
    func testDecisionWithAttachedPlan() {
        let p = plan(
            """
            UBND TỈNH HÀ GIANG
            Số: 16/QĐ-UBND          Hà Giang, ngày 6 tháng 3 năm 2023
            QUYẾT ĐỊNH
            Ban hành Kế hoạch tiêm chủng năm 2023
            Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;
            QUYẾT ĐỊNH:
            Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tiêm chủng năm 2023.
            Điều 2. Quyết định có hiệu lực kể từ ngày ký.
            Nơi nhận:
            - Như Điều 2;
            CHỦ TỊCH
            Nguyễn Văn Sơn
            KẾ HOẠCH
            Tiêm chủng năm 2023
            (Ban hành kèm theo Quyết định số 16/QĐ-UBND ngày 06/3/2023 của UBND tỉnh)
            I. MỤC TIÊU
            1. Mục tiêu chung
            Bảo vệ trẻ em.
            II. KINH PHÍ
            Tổng kinh phí: 2,5 tỷ đồng.
            III. TỔ CHỨC THỰC HIỆN
            1. Sở Y tế: Chủ trì.
            CHỦ TỊCH
            Nguyễn Văn Sơn
            """)
        XCTAssertEqual(p.document.type, "QUYẾT ĐỊNH")
        XCTAssertEqual(
            outline(p),
            [
                "Điều 1|Ban hành kèm theo Quyết định này Kế hoạch tiêm chủng năm 2023|1|other",
                "Điều 2|Quyết định có hiệu lực kể từ ngày ký|1|other",
                "I|MỤC TIÊU|1|objectives", "1|Mục tiêu chung|2|objectives", "II|KINH PHÍ|1|budget",
                "III|TỔ CHỨC THỰC HIỆN|1|assignments", "1|Sở Y tế|2|assignments",
            ])
        XCTAssertNil(p.sections[2].parent, "the attached plan's tree starts afresh")
        XCTAssertEqual(p.budget.total?.amount, 2_500_000_000)
        XCTAssertEqual(p.assignments.map(\.agency), ["Sở Y tế"])
        XCTAssertEqual(p.recipients.map(\.text), ["Như Điều 2"])
        XCTAssertEqual(p.signature.capacity, "CHỦ TỊCH")
        XCTAssertEqual(p.signature.signer, "Nguyễn Văn Sơn")
    }

    func testRomanNumeralsWithDashes() {
        let p = plan("KẾ HOẠCH\nX\n\nI - MỤC ĐÍCH, YÊU CẦU\nII – TỔ CHỨC THỰC HIỆN\n1. Sở Y tế")
        XCTAssertEqual(
            outline(p),
            [
                "I|MỤC ĐÍCH, YÊU CẦU|1|purpose", "II|TỔ CHỨC THỰC HIỆN|1|assignments", "1|Sở Y tế|2|assignments",
            ])
    }

    func testArabicNumbersWithSlashes() {
        let p = plan("KẾ HOẠCH\nX\n\nI. MỤC ĐÍCH, YÊU CẦU\n1/ Mục đích\n25/8/2022 là ngày ký.\n2/ Yêu cầu")
        XCTAssertEqual(outline(p), ["I|MỤC ĐÍCH, YÊU CẦU|1|purpose", "1|Mục đích|2|purpose", "2|Yêu cầu|2|purpose"])
    }

    func testRomanFiveReadAsU() {
        let p = plan("KE HOACH\nX\n\nIV. KINH PHI\nU. TO CHUC THUC HIEN\n1. So Y te")
        XCTAssertEqual(p.sections.filter { $0.level == 1 }.map { $0.number ?? "-" }, ["IV", "V"])
    }
}

final class HeaderColumnOrderTests: XCTestCase {
    /// OCR that reads the right column first puts the issuer after the number line.
    func testIssuerAfterTheNumberLine() {
        let p = plan(
            """
            CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
            Độc lập - Tự do - Hạnh phúc
            Lào Cai, ngày 01 tháng 6 năm 2023
            Số: 259/KH-UBND
            ỦY BAN NHÂN DÂN
            TỈNH LÀO CAI
            KẾ HOẠCH
            Hợp tác y tế năm 2023
            """)
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH LÀO CAI")
        XCTAssertEqual(p.document.number, "259/KH-UBND")
        XCTAssertEqual(p.document.place, "Lào Cai")
        XCTAssertEqual(p.document.date, "2023-06-01")
    }

    func testTypeAndTitleOnOneLine() {
        let p = plan("SỞ Y TẾ\nSố: 7/KH-SYT\nKẾ HOẠCH TRIỂN KHAI TIÊM CHỦNG GIAI ĐOẠN 2024-2026\nI. MỤC ĐÍCH")
        XCTAssertEqual(p.document.type, "KẾ HOẠCH")
        XCTAssertEqual(p.document.title, "TRIỂN KHAI TIÊM CHỦNG GIAI ĐOẠN 2024-2026")
        XCTAssertEqual(p.document.period?.from, 2024)
        XCTAssertEqual(p.document.issuer, "SỞ Y TẾ")
        XCTAssertEqual(p.sections.first?.category, .purpose)
    }
}

final class TitleTests: XCTestCase {
    func testTitleStopsWhereThePreambleBegins() {
        let p = plan(
            """
            KẾ HOẠCH
            Triển khai công tác tiêm chủng mở rộng
            trên địa bàn huyện năm 2024
            Nhằm nâng cao tỷ lệ tiêm chủng, Ủy ban nhân dân huyện ban hành kế hoạch
            như sau:
            I. MỤC ĐÍCH
            """)
        XCTAssertEqual(p.document.title, "Triển khai công tác tiêm chủng mở rộng trên địa bàn huyện năm 2024")
    }

    func testTitleGoesOnAfterAFunctionWord() {
        let p = plan("KẾ HOẠCH\nThực hiện Nghị quyết của\nỦy ban nhân dân tỉnh về y tế\n\nI. MỤC ĐÍCH")
        XCTAssertEqual(p.document.title, "Thực hiện Nghị quyết của Ủy ban nhân dân tỉnh về y tế")
    }
}
