import XCTest

@testable import Layout

/// Stamp keywords on the accent-free skeleton, with OCR damage, and body text that must not match.
final class StampClassifierTests: XCTestCase {
    func testOverlaysAreKnownByTheirKeywordsDespiteOCRDamage() {
        XCTAssertEqual(
            StampClassifier.kind(of: "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi", small: true), .digitalSignature)
        XCTAssertEqual(StampClassifier.kind(of: "Người kế Ủy bạn ¡nh Quảng", small: true), .digitalSignature)
        XCTAssertEqual(StampClassifier.kind(of: "Thời gian ký: 18/03/2024 08:41:42", small: false), .digitalSignature)
        XCTAssertEqual(StampClassifier.kind(of: "TRUNG TAM CÔNG", small: true), .gazetteStamp)
        XCTAssertEqual(StampClassifier.kind(of: "3À BẢO VÀ TIN HỌC", small: true), .gazetteStamp)
        XCTAssertEqual(StampClassifier.kind(of: "ttcbth@quangngai.gov.vn", small: true), .gazetteStamp)
        XCTAssertEqual(StampClassifier.kind(of: "CV ĐẾN", small: false), .receivedStamp)
        XCTAssertEqual(StampClassifier.kind(of: "ĐẾN Số: 125 Ngày: 12/3", small: false), .receivedStamp)
        XCTAssertEqual(StampClassifier.kind(of: "HỎA TỐC", small: false), .urgency)
        XCTAssertEqual(StampClassifier.kind(of: "THƯỢNG KHẨN", small: false), .urgency)
    }

    func testBodyTextIsNotAStamp() {
        for text in [
            "Các cơ quan, đơn vị có liên quan nghiêm túc triển khai thực hiện",
            "Cơ quan chủ trì: Sở Y tế", "Khẩn trương triển khai", "Nơi nhận:", "- Mỗi nhân viên y tế thôn bản",
            "người ký văn bản chịu trách nhiệm", "đến năm 2025 và định hướng",
        ] {
            XCTAssertNil(StampClassifier.kind(of: text, small: false), text)
        }
    }

    func testRecipientsHeading() {
        XCTAssertTrue(StampClassifier.isRecipientsHeading("Nơi nhận:"))
        XCTAssertTrue(StampClassifier.isRecipientsHeading("Noi nhgn: TM. UY BAN NHAN DAN"))
        XCTAssertFalse(StampClassifier.isRecipientsHeading("- Mỗi nhân viên y tế thôn bản"))
        XCTAssertFalse(StampClassifier.isRecipientsHeading("Nơi nhận hồ sơ là bộ phận một cửa của Ủy ban nhân dân xã"))
    }
}
