import Segmentation
import VietdocCore
import XCTest

final class ContentExtractionTests: XCTestCase {
    func testAmounts() {
        XCTAssertEqual(MoneyParser.amounts(in: "Tổng kinh phí: 1.766.925.000 đồng").map(\.amount), [1_766_925_000])
        XCTAssertEqual(MoneyParser.amounts(in: "Dự kiến kinh phí là 2,5 tỷ VNĐ.").map(\.amount), [2_500_000_000])
        XCTAssertEqual(MoneyParser.amounts(in: "khoảng 2,5 tỷ đồng").map(\.amount), [2_500_000_000])
        XCTAssertEqual(
            MoneyParser.amounts(in: "150 triệu đồng và 14,5 triệu đồng").map(\.amount), [150_000_000, 14_500_000])
        XCTAssertEqual(MoneyParser.amounts(in: "1.500 tỷ đồng").map(\.amount), [1_500_000_000_000])
        XCTAssertEqual(MoneyParser.amounts(in: "500 nghìn đồng").map(\.amount), [500_000])
        XCTAssertEqual(MoneyParser.amounts(in: "Tổng: 54.000.000 đồng").first?.text, "54.000.000 đồng")
        XCTAssertTrue(MoneyParser.amounts(in: "Đạt 95% trẻ em; 1.021 người").isEmpty, "no currency, no amount")
    }

    func testBudgetTotalItemsAndSources() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            IV. KINH PHÍ
            1. Nguồn kinh phí
            - Ngân sách nhà nước cấp.
            - Các nguồn hợp pháp khác (nếu có)
            2. Dự kiến nhu cầu kinh phí
            Tổng nhu cầu kinh phí: 14.676.220.000 đồng.
            - Sửa chữa trụ sở: 2.500.000.000 đồng.
            - Mua sắm trang thiết bị 4,02 tỷ đồng
            V. TỔ CHỨC THỰC HIỆN
            """)
        XCTAssertEqual(p.budget.total?.amount, 14_676_220_000)
        XCTAssertEqual(p.budget.total?.currency, "VND")
        XCTAssertEqual(p.budget.total?.span.lineStart, 9)
        XCTAssertEqual(p.budget.items.map(\.label), ["Sửa chữa trụ sở", "Mua sắm trang thiết bị"])
        XCTAssertEqual(p.budget.items.map(\.amount), [2_500_000_000, 4_020_000_000])
        XCTAssertEqual(p.budget.sources.map(\.text), ["Ngân sách nhà nước cấp", "Các nguồn hợp pháp khác (nếu có)"])
    }

    func testSourcesWithAmounts() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            IV. KINH PHÍ
            Tổng kinh phí: 150 triệu đồng, trong đó:
            - Ngân sách huyện: 100 triệu đồng;
            - Nguồn xã hội hóa: 50 triệu đồng.
            """)
        XCTAssertEqual(p.budget.total?.amount, 150_000_000)
        XCTAssertEqual(p.budget.items.map(\.amount), [100_000_000, 50_000_000])
        XCTAssertEqual(p.budget.items.map(\.label), ["Ngân sách huyện", "Nguồn xã hội hóa"])
        XCTAssertEqual(p.budget.sources.map(\.text), ["Ngân sách huyện", "Nguồn xã hội hóa"])
    }

    func testNoBudgetSectionMeansNoTotal() {
        let p = plan("KẾ HOẠCH\nX\n\nI. NỘI DUNG\n- Sửa chữa, dự kiến 54.000.000 đồng.")
        XCTAssertNil(p.budget.total, "amounts outside budget sections are not a total")
    }

    func testAssignmentsFromHeadingsLabelsAndSentences() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            IV. TỔ CHỨC THỰC HIỆN
            1. Phòng Tổ chức - Hành chính, Sở Y tế tham mưu xây dựng, tổ chức thực hiện kế hoạch này.
            2. Các phòng khác thuộc Sở Y tế: Phối hợp triển khai kế hoạch.
            3. Trung tâm Y tế huyện
            - Chủ trì triển khai.
            - Báo cáo định kỳ.
            4. Các phòng chức năng
            - Phòng Kế hoạch Tài chính:
            + Chủ trì thực hiện Kế hoạch.
            - Phòng Nghiệp vụ Y: Hướng dẫn chuyên môn.
            """)
        XCTAssertEqual(
            p.assignments.map(\.agency),
            [
                "Phòng Tổ chức - Hành chính, Sở Y tế", "Các phòng khác thuộc Sở Y tế", "Trung tâm Y tế huyện",
                "Phòng Kế hoạch Tài chính", "Phòng Nghiệp vụ Y",
            ])
        XCTAssertEqual(p.assignments[2].duties, ["Chủ trì triển khai.", "Báo cáo định kỳ."])
        XCTAssertEqual(p.assignments[3].duties, ["Chủ trì thực hiện Kế hoạch."])
        XCTAssertEqual(p.assignments[4].duties, ["Hướng dẫn chuyên môn."])
        XCTAssertEqual(p.assignments[2].span, SourceSpan(page: 1, lineStart: 7, lineEnd: 7))
    }

    func testObjectivesAndIndicators() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            I. MỤC TIÊU
            1. Mục tiêu chung
            Nâng cao sức khỏe nhân dân.
            2. Mục tiêu cụ thể đến năm 2025
            - Tỷ lệ người dân có thẻ bảo hiểm y tế đạt trên 96,5%;
            - Tỷ lệ trẻ được tiêm chủng đầy đủ ≥ 95% vào năm 2030.
            II. KINH PHÍ
            """)
        XCTAssertEqual(p.objectives.general.map(\.text), ["Nâng cao sức khỏe nhân dân."])
        XCTAssertEqual(p.objectives.specific.count, 2)
        XCTAssertEqual(p.objectives.indicators.count, 2)
        let a = p.objectives.indicators[0]
        XCTAssertEqual(a.name, "Tỷ lệ người dân có thẻ bảo hiểm y tế đạt")
        XCTAssertEqual(a.target, "trên 96,5")
        XCTAssertEqual(a.value, 96.5)
        XCTAssertEqual(a.comparator, "gt")
        XCTAssertEqual(a.unit, "%")
        XCTAssertEqual(a.year, 2025, "the year comes from the heading when the item has none")
        let b = p.objectives.indicators[1]
        XCTAssertEqual(b.comparator, "gte")
        XCTAssertEqual(b.year, 2030)
    }

    func testIndicatorWithACountedUnitAfterALabel() {
        let p = plan(
            "KẾ HOẠCH\nX\n\nI. MỤC TIÊU\n2. Mục tiêu cụ thể\n- Tuổi thọ trung bình: 74 tuổi;\n- Tăng cường truyền thông."
        )
        XCTAssertEqual(p.objectives.indicators.count, 1)
        XCTAssertEqual(p.objectives.indicators.first?.name, "Tuổi thọ trung bình")
        XCTAssertEqual(p.objectives.indicators.first?.value, 74)
        XCTAssertEqual(p.objectives.indicators.first?.unit, "tuổi")
    }

    func testActivitiesWithTimelineLeadAndParticipants() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            II. CÁC HOẠT ĐỘNG CHÍNH
            1. Đào tạo tại tỉnh
            - Đơn vị chủ trì: Bệnh viện Nhi Trung ương.
            - Đơn vị phối hợp: Sở Y tế, Bệnh viện Sản Nhi.
            - Thời gian thực hiện: Quý II/2023.
            2. Hội thảo chuyên đề
            III. KINH PHÍ
            """)
        XCTAssertEqual(p.activities.map(\.title), ["Đào tạo tại tỉnh", "Hội thảo chuyên đề"])
        XCTAssertEqual(p.activities[0].lead, "Bệnh viện Nhi Trung ương")
        XCTAssertEqual(p.activities[0].participants, ["Sở Y tế", "Bệnh viện Sản Nhi"])
        XCTAssertEqual(p.activities[0].timeline, "Quý II/2023")
        XCTAssertNil(p.activities[1].timeline)
        XCTAssertNil(p.activities[1].lead)
    }

    func testSignatureBlockAndRecipients() {
        let p = plan(
            """
            KẾ HOẠCH
            X

            I. MỤC TIÊU
            Nội dung./.

            Nơi nhận:
            - UBND tỉnh (b/c);
            - Lưu: VT.
            TM. ỦY BAN NHÂN DÂN
            KT. CHỦ TỊCH
            PHÓ CHỦ TỊCH

            Ngô Vũ Quốc
            """)
        XCTAssertEqual(p.recipients.map(\.text), ["UBND tỉnh (b/c)", "Lưu: VT"])
        XCTAssertEqual(p.signature.authority, "TM. ỦY BAN NHÂN DÂN")
        XCTAssertEqual(p.signature.capacity, "KT. CHỦ TỊCH")
        XCTAssertEqual(p.signature.title, "PHÓ CHỦ TỊCH")
        XCTAssertEqual(p.signature.signer, "Ngô Vũ Quốc")
        XCTAssertEqual(p.signature.span, SourceSpan(page: 1, lineStart: 10, lineEnd: 14))
        XCTAssertEqual(p.sections.first?.text, "Nội dung./.", "the body ends at Nơi nhận")
    }

    func testSignatureInterleavedWithRecipientsByOCR() {
        let p = plan(
            """
            KE HOACH
            X

            I. MUC TIEU
            Noi dung./.
            Noi nhan: KT GIAM DOC
            - UBND tinh (B/c);     PHO GIAM DOC
            - Luu VT.
            Tran Van Binh
            """)
        XCTAssertEqual(p.signature.capacity, "KT. GIÁM ĐỐC", "the title as the form prints it")
        XCTAssertEqual(p.signature.title, "PHÓ GIÁM ĐỐC")
        XCTAssertEqual(p.signature.signer, "Tran Van Binh")
        XCTAssertEqual(p.recipients.map(\.text), ["UBND tinh (B/c)", "Luu VT"])
    }
}
