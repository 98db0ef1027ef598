import Catalog

/// Section rows for tests.
enum CatalogSections {
    static func make(
        _ ordinal: Int, _ number: String?, _ heading: String, _ category: String, line: Int, level: Int = 1
    )
        -> CatalogSection
    {
        CatalogSection(
            ordinal: ordinal, number: number, heading: heading, category: category, level: level, page: 1,
            lineStart: line, lineEnd: line + 4)
    }
}

/// Small plans written for these tests (not taken from the samples), with the shapes a batch
/// records: converted plans with header fields and sections, a failed input, a skipped one.
enum CatalogSamples {
    static let epidemicPlan = CatalogDocument(
        path: "2024/syt/kh-45.pdf", sha256: String(repeating: "a", count: 64), status: .converted, pages: 3,
        timings: StageTimings(total: 5400, ingest: 300, ocr: 4500, restore: 400, segment: 200),
        modelVersion: "vi-2026.1", type: "KẾ HOẠCH", number: "45/KH-SYT", issuer: "SỞ Y TẾ TỈNH HÀ GIANG",
        place: "Hà Giang", date: "2024-03-05",
        title: "Phòng, chống dịch bệnh truyền nhiễm năm 2024",
        text: """
            SỞ Y TẾ TỈNH HÀ GIANG
            Số: 45/KH-SYT
            KẾ HOẠCH
            Phòng, chống dịch bệnh truyền nhiễm năm 2024
            I. MỤC ĐÍCH, YÊU CẦU
            Chủ động giám sát, phát hiện sớm các ca bệnh; triển khai kế hoạch phòng, chống dịch
            kịp thời, hiệu quả, không để dịch lớn xảy ra trên địa bàn tỉnh.
            II. KINH PHÍ
            Từ nguồn ngân sách sự nghiệp y tế năm 2024.
            """)

    static let epidemicSections = [
        CatalogSections.make(0, "I", "MỤC ĐÍCH, YÊU CẦU", "purpose", line: 5),
        CatalogSections.make(1, "II", "KINH PHÍ", "budget", line: 8),
    ]

    static let roadPlan = CatalogDocument(
        path: "2023/ubnd/259-KH-UBND.pdf", sha256: String(repeating: "d", count: 64), status: .converted, pages: 5,
        timings: StageTimings(total: 9100, ingest: 500, ocr: 7900, restore: 500, segment: 200),
        modelVersion: "vi-2026.1", type: "KẾ HOẠCH", number: "259/KH-UBND", issuer: "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ",
        place: "Mường Tè", date: "2023-08-14",
        title: "Thực hiện Đề án phát triển giao thông nông thôn",
        text: """
            ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ
            KẾ HOẠCH
            Thực hiện Đề án phát triển giao thông nông thôn giai đoạn 2023-2025
            1. Mục tiêu: cứng hóa 40 km đường giao thông nông thôn, ưu tiên các xã đặc biệt khó khăn.
            2. Tổ chức thực hiện: Phòng Kinh tế và Hạ tầng chủ trì, phối hợp với UBND các xã.
            """)

    static let schoolPlan = CatalogDocument(
        path: "2024/sgd/kh-12.txt", sha256: String(repeating: "e", count: 64), status: .converted, pages: 1,
        timings: StageTimings(total: 40, ingest: 1, ocr: 0, restore: 35, segment: 4),
        modelVersion: "vi-2026.1", type: "KẾ HOẠCH", number: "12/KH-SGDĐT", issuer: "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
        date: "2024-09-01", title: "Tổ chức năm học 2024-2025",
        text: "KẾ HOẠCH\nTổ chức năm học 2024-2025: bảo đảm đủ giáo viên, sách giáo khoa cho học sinh vùng cao.")

    static let schoolSections = [
        CatalogSections.make(0, "1", "Mục tiêu", "objectives", line: 2),
        CatalogSections.make(1, "1.1", "Chỉ tiêu", "objectives", line: 3, level: 2),
    ]

    static let brokenScan = CatalogDocument(
        path: "2022/hong.pdf", sha256: String(repeating: "f", count: 64), status: .failed,
        error: "2022/hong.pdf: the PDF is damaged or truncated (no xref table)")

    static let notes = CatalogDocument(
        path: "2022/ghi-chu.docx", sha256: String(repeating: "0", count: 64), status: .skipped,
        error: "unsupported kind (.docx)")

    static let all: [(CatalogDocument, [CatalogSection])] = [
        (epidemicPlan, epidemicSections), (roadPlan, []), (schoolPlan, schoolSections), (brokenScan, []),
        (notes, []),
    ]
}
