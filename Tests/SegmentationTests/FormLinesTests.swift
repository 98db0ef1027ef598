import Segmentation
import VietdocCore
import XCTest

/// The fixed wording of the form written as printed, and the motto and keyword matching that
/// holds on OCR slips nobody listed.
final class FormLinesTests: XCTestCase {
    func testMottoIsWrittenAsPrintedHoweverOCRDamagedIt() {
        XCTAssertEqual(
            FormLines.corrected("CỘNG HOÀ Đã HỘI CHỦ NGHĨA VIỆT NAM"), "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        XCTAssertEqual(FormLines.corrected("CQNG HOA XA HOl CHU NGHlA VIET NAM"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        XCTAssertEqual(FormLines.corrected("Độc lập - Tư do - Hanh phic"), "Độc lập - Tự do - Hạnh phúc")
        XCTAssertEqual(FormLines.corrected("Đôc lâp — Tự đo — Hạnh phúc"), "Độc lập - Tự do - Hạnh phúc")
    }

    func testBodiesAndSignersTitlesAreWrittenAsPrinted() {
        XCTAssertEqual(FormLines.corrected("KT. GLAM ĐỌC"), "KT. GIÁM ĐỐC")
        XCTAssertEqual(FormLines.corrected("PHO CHU TICH"), "PHÓ CHỦ TỊCH")
        XCTAssertEqual(FormLines.corrected("TM. ỦY BAN NHÂN DẦN"), "TM. ỦY BAN NHÂN DÂN")
        XCTAssertEqual(
            FormLines.corrected("Về việc trình Hội đông nhân dân tỉnh"), "Về việc trình Hội đồng nhân dân tỉnh")
        XCTAssertEqual(FormLines.corrected("SỞ Y TÊ"), "SỞ Y TẾ")
    }

    func testWhatIsPrintedOtherwiseIsKept() {
        // Both placements of the tone mark are printed ("UỶ"/"ỦY", "HOÀ"/"HÒA"): kept as read.
        XCTAssertEqual(FormLines.corrected("UỶ BAN NHÂN DÂN"), "UỶ BAN NHÂN DÂN")
        XCTAssertEqual(FormLines.corrected("CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        // Near a phrase but another word: a type is not another type, a name not a title.
        XCTAssertEqual(FormLines.corrected("QUY ĐỊNH"), "QUY ĐỊNH")
        XCTAssertEqual(FormLines.corrected("THÔNG BÁO"), "THÔNG BÁO")
        XCTAssertEqual(FormLines.corrected("KT. CHÁNH VĂN PHÒNG"), "KT. CHÁNH VĂN PHÒNG")
        XCTAssertEqual(FormLines.corrected("CHỦ TỊCH"), "CHỦ TỊCH")
        XCTAssertEqual(FormLines.corrected("Chủ tịch Ủy ban nhân dân tỉnh"), "Chủ tịch Ủy ban nhân dân tỉnh")
        XCTAssertEqual(FormLines.corrected("Phòng Giáo dục và Đào tạo"), "Phòng Giáo dục và Đào tạo")
        // Capitals phrases replace capitals only.
        XCTAssertEqual(FormLines.corrected("giám đốc các sở"), "giám đốc các sở")
    }

    func testEveryOccurrenceOnALineIsCorrected() {
        XCTAssertEqual(
            FormLines.corrected("ỦY BAN NHÂN DẤN CỘNG HOA XA HỘI CHU NGHĨA VIỆT NAM"),
            "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    }

    /// The motto of a text dump interleaved with the issuer, damaged in a way no pattern lists:
    /// it is recognised by the keyword matcher and kept out of the issuer and the place.
    func testDamagedMottoIsKeptOutOfIssuerAndPlace() {
        let p = plan(
            """
            ỦY BAN NHÂN DÂN CQNG HOA XA HOl CHU NGHlA VIET NAM
            TỈNH BÌNH ĐỊNH Đôc lâp - Tư do - Hanh phic
            Số: 12/TTr-UBND Bình Định, ngày 12 tháng 4 năm 2023

            TỜ TRÌNH
            Về việc đề nghị thông qua Nghị quyết

            Kính gửi: Hội đồng nhân dân tỉnh.
            """)
        XCTAssertEqual(p.document.issuer, "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH")
        XCTAssertEqual(p.document.place, "Bình Định")
        XCTAssertEqual(p.document.date, "2023-04-12")
    }

    /// A type abbreviation OCR read with a look-alike slip ("TIr" for "TTr") is written as the
    /// decree prints it; a sign whose head is no abbreviation ("UBND-KT") stays as read.
    func testSignAbbreviationSlipIsCorrected() {
        let submission = plan(
            """
            ỦY BAN NHÂN DÂN
            TỈNH BÌNH ĐỊNH
            Số: 239/TIr-UBND
            Bình Định, ngày 20 tháng 12 năm 2024

            TỜ TRÌNH
            Về việc đề nghị thông qua Nghị quyết
            """)
        XCTAssertEqual(submission.document.number, "239/TTr-UBND")
        let letter = plan(
            """
            ỦY BAN NHÂN DÂN
            TỈNH BÌNH ĐỊNH
            Số: 1207/UBND-KT
            V/v góp ý dự thảo
            Bình Định, ngày 12 tháng 4 năm 2023
            """)
        XCTAssertEqual(letter.document.number, "1207/UBND-KT")
    }

    /// A signer's title OCR damaged under the seal is the title as printed, even without restoration.
    func testSignersTitleWithSlipIsCanonical() {
        let p = plan(
            """
            Nơi nhận:
            - Như trên;
            - Lưu: VT.
            KT. GLAM ĐỌC
            PHÓ GIÁM ĐỐC
            Nguyễn Văn Bình
            """)
        XCTAssertEqual(p.signature.capacity, "KT. GIÁM ĐỐC")
        XCTAssertEqual(p.signature.signer, "Nguyễn Văn Bình")
    }
}
