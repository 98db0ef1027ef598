import Segmentation
import VietdocCore
import XCTest

final class SectionTests: XCTestCase {
    func testRomanArabicNestedAndLetteredHeadings() {
        let p = plan(
            """
            KẾ HOẠCH
            Tên

            I. MỤC ĐÍCH, YÊU CẦU
            1. Mục đích
            Nâng cao chất lượng.
            II. NỘI DUNG
            1. Đào tạo cán bộ
            1.1. Đào tạo tại tỉnh
            a) Lớp ngắn hạn
            - Tổ chức 03 lớp.
            III. KINH PHÍ THỰC HIỆN
            IV. TỔ CHỨC THỰC HIỆN
            V. KIẾN NGHỊ, ĐỀ XUẤT
            """)
        XCTAssertEqual(
            outline(p),
            [
                "I|MỤC ĐÍCH, YÊU CẦU|1|purpose", "1|Mục đích|2|purpose",
                "II|NỘI DUNG|1|activities", "1|Đào tạo cán bộ|2|activities", "1.1|Đào tạo tại tỉnh|3|activities",
                "a|Lớp ngắn hạn|4|activities",
                "III|KINH PHÍ THỰC HIỆN|1|budget", "IV|TỔ CHỨC THỰC HIỆN|1|assignments",
                "V|KIẾN NGHỊ, ĐỀ XUẤT|1|recommendations",
            ])
        XCTAssertEqual(p.sections[1].parent, 0)
        XCTAssertEqual(p.sections[4].parent, 3)
        XCTAssertEqual(p.sections[1].text, "Nâng cao chất lượng.")
        XCTAssertEqual(p.sections[2].span, SourceSpan(page: 1, lineStart: 7, lineEnd: 11), "a span covers subsections")
    }

    func testOCRDamagedRomanNumerals() {
        let p = plan(
            """
            KE HOACH
            X

            I. MUC TIEU
            1. Muc tieu chung
            Nang cao nang luc.
             1. THOI GIAN, DIA DIEM TRIEN KHAI
            1. Thoi gian: Nam 2023
            I1. CAC HOAT DONG CHINH
            1. Dao tao
            IV. KINH PHI THUC HIEN
            """)
        XCTAssertEqual(p.sections.filter { $0.level == 1 }.map { $0.number ?? "-" }, ["I", "II", "III", "IV"])
        XCTAssertEqual(
            p.sections.filter { $0.level == 1 }.map(\.category), [.objectives, .timeline, .activities, .budget])
        let time = p.sections.first { $0.heading == "Thoi gian" }
        XCTAssertEqual(time?.text, "Nam 2023", "'Label: text' keeps the text after the colon")
        XCTAssertEqual(time?.category, .timeline)
    }

    func testMarkdownHeadingsAndAHeadingBrokenOverTwoLines() {
        let p = plan(
            """
            ## KẾ HOẠCH

            ### Tên kế hoạch

            #### I. MỤC TIÊU

            ##### 1. Mục tiêu chung

            Văn bản.

            ## **2. Tăng cường đầu tư xây dựng, nâng cấp cơ sở vật chất, trang thiết**

            ## **bị cho y tế tuyến xã**

            ### ***2.1. Điều kiện đối với đơn vị:***

            - Có đủ điều kiện.
            """)
        XCTAssertEqual(p.document.type, "KẾ HOẠCH")
        XCTAssertEqual(p.document.title, "Tên kế hoạch")
        XCTAssertEqual(
            outline(p),
            [
                "I|MỤC TIÊU|1|objectives", "1|Mục tiêu chung|2|objectives",
                "2|Tăng cường đầu tư xây dựng, nâng cấp cơ sở vật chất, trang thiết bị cho y tế tuyến xã|2|objectives",
                "2.1|Điều kiện đối với đơn vị|3|principles",
            ])
    }

    func testNumberedSentencesAreNotHeadings() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            I. NỘI DUNG TRIỂN KHAI
            1. Cử lãnh đạo, cán bộ y tế tham gia các đoàn công tác của tỉnh tới thăm và làm việc tại tỉnh bạn để khảo sát, tìm hiểu một số lĩnh vực hai bên có khả năng hợp tác.
            2. Hỗ trợ thiết bị y tế (21 bộ tiểu phẫu) cho một số bệnh viện của tỉnh bạn.
            II. KINH PHÍ
            """)
        XCTAssertEqual(outline(p), ["I|NỘI DUNG TRIỂN KHAI|1|activities", "II|KINH PHÍ|1|budget"])
        XCTAssertEqual(p.activities.map { $0.number ?? "-" }, ["1", "2"], "numbered items of an activities section")
    }

    func testCategoriesComeFromWordsNotPosition() {
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "TỔ CHỨC THỰC HIỆN"), .assignments)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "T6 chirc thue hién"), .assignments)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "Mục tiêu, nhiệm vụ và giải pháp"), .objectives)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "NHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN"), .activities)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "NGUYÊN TẮC, ĐIỀU KIỆN"), .principles)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "THỜI GIAN, ĐỊA ĐIỂM"), .timeline)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "Phụ lục"), .appendix)
        XCTAssertEqual(HeadingClassifier.category(ofHeading: "CAC HOAT PONG CHINH"), .activities)
        XCTAssertNil(HeadingClassifier.category(ofHeading: "Bệnh viện đa khoa"))
        // Budget first even though it is printed last in this document.
        let p = plan("KẾ HOẠCH\nX\n\nI. KINH PHÍ\nII. MỤC ĐÍCH")
        XCTAssertEqual(p.sections.map(\.category), [.budget, .purpose])
    }

    func testSubsectionsOfAssignmentsAreAgenciesWhateverTheirWords() {
        let p = plan("KẾ HOẠCH\nX\n\nI. TỔ CHỨC THỰC HIỆN\n1. Phòng Tài chính - Kế hoạch\n- Bố trí kinh phí.")
        XCTAssertEqual(p.sections.map(\.category), [.assignments, .assignments])
    }

    func testDocumentWithoutSectionsHasEmptyLists() {
        let p = plan("KẾ HOẠCH\nX\n\nMột đoạn văn.\n\nNơi nhận:\n- Như trên;\nGIÁM ĐỐC\nNguyễn Văn A")
        XCTAssertTrue(p.sections.isEmpty)
        XCTAssertTrue(p.objectives.general.isEmpty && p.objectives.specific.isEmpty)
        XCTAssertTrue(p.activities.isEmpty)
        XCTAssertEqual(p.budget, Budget())
        XCTAssertEqual(p.recipients.map(\.text), ["Như trên"])
        XCTAssertEqual(p.signature.capacity, "GIÁM ĐỐC")
        XCTAssertEqual(p.signature.signer, "Nguyễn Văn A")
    }

    func testASpanRunningOntoTheNextPageNamesItsLastPage() {
        let p = plan("KẾ HOẠCH\nX\n\nI. MỤC TIÊU\nA\nB\u{0C}C\nD\nII. KINH PHÍ")
        XCTAssertEqual(p.sections.first?.span, SourceSpan(page: 1, lineStart: 4, lineEnd: 2, pageEnd: 2))
    }

    func testSpansUseEachPagesOwnLineNumbers() {
        let p = plan("KẾ HOẠCH\nX\n\nI. MỤC TIÊU\nA\u{0C}Dòng đầu trang hai\nII. KINH PHÍ\nTổng kinh phí: 2,5 tỷ đồng")
        let budget = p.sections.first { $0.category == .budget }
        XCTAssertEqual(budget?.span, SourceSpan(page: 2, lineStart: 2, lineEnd: 3))
        XCTAssertEqual(p.budget.total?.span, SourceSpan(page: 2, lineStart: 3, lineEnd: 3))
    }
}

final class OCRLayoutTests: XCTestCase {
    func testHeadingContinuesAcrossAPageBreakAndItsPageNumber() {
        let p = plan(
            "KẾ HOẠCH\nX\n\nI. NHIỆM VỤ\n9. Đẩy mạnh công tác dân số, đảm bảo chất lượng\u{0C}10\ndân số phù hợp với điều kiện\n- Tăng cường truyền thông."
        )
        XCTAssertEqual(
            p.sections.last?.heading, "Đẩy mạnh công tác dân số, đảm bảo chất lượng dân số phù hợp với điều kiện")
        XCTAssertEqual(p.sections.last?.text, "- Tăng cường truyền thông.")
    }

    func testTrailingOCRNoiseAndASentenceBeforeAColon() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            I. NỘI DUNG
            II. KINH PHÍ. |
            Dự kiến tổng kinh phí: 1.766.925.000 đồng
            III. TỔ CHỨC THỰC HIỆN
            1. Phòng Tổ chức - Hành chính, Sở Y tế tham mưu xây dựng kế hoạch này. :
            2. Các phòng khác: Phối hợp.
            """)
        XCTAssertEqual(p.sections.filter { $0.level == 1 }.map { $0.number ?? "-" }, ["I", "II", "III"])
        XCTAssertEqual(p.budget.total?.amount, 1_766_925_000)
        XCTAssertEqual(p.assignments.map(\.agency), ["Phòng Tổ chức - Hành chính, Sở Y tế", "Các phòng khác"])
    }

    func testWrappedParagraphIsNotAHeadingButALabelLineIsNotJoined() {
        // Lines wrapped at about 70 characters, as OCR of a printed page gives them.
        let body = (1...8).map { _ in "- Nội dung được trình bày trên một dòng dài gần bằng độ rộng trang in ra" }
        let text =
            ["KẾ HOẠCH", "X", "", "I. NỘI DUNG TRIỂN KHAI"] + body + [
                "3. Tổ chức khảo sát điều kiện và nhu cầu phát triển y tế của tỉnh Xây",
                "Sôm Bun. Trên cơ sở đó, đào tạo, chuyển giao kỹ thuật cho nhân viên y tế.",
                "II. KINH PHÍ",
                "2. Dự kiến nhu cầu kinh phí năm 2024 (Có phụ biểu đính kèm theo)",
                "Tổng nhu cầu kinh phí: 14.676.220.000 đồng.",
            ]
        let p = plan(text.joined(separator: "\n"))
        XCTAssertEqual(
            outline(p),
            [
                "I|NỘI DUNG TRIỂN KHAI|1|activities", "II|KINH PHÍ|1|budget",
                "2|Dự kiến nhu cầu kinh phí năm 2024 (Có phụ biểu đính kèm theo)|2|budget",
            ])
        XCTAssertEqual(p.budget.total?.amount, 14_676_220_000)
    }
}
