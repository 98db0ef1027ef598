import Foundation
import Layout
import TestSupport
import XCTest

/// The real samples' signature widgets: their text reaches the layout with its boxes.
final class AnnotationLayoutTests: XCTestCase {
    /// The number and the day of the born-digital letter live only in signature widgets; they
    /// land in the header band's columns, and the gazette centre's widget is a stamp.
    func testBornDigitalLettersWidgetTextLandsInItsBand() throws {
        let page = try PageReading.laidOut("r10-quangngai-2025-digital.pdf")[0]
        let left = page.texts(.headerLeft)
        XCTAssertTrue(left.contains { $0.hasPrefix("Số: 507") && $0.contains("/UBND-KGVX") }, "\(left)")
        let right = page.texts(.headerRight)
        XCTAssertTrue(right.contains { $0.contains("ngày 24 tháng 01 năm 2025") }, "\(right)")
        XCTAssertTrue(page.stampKinds.contains(.gazetteStamp), "\(page.stampKinds)")
        XCTAssertFalse(page.lines.contains { $0.contains("gov.vn") }, "stamp text stays out of the page's lines")
    }

    /// The scan's red "Ký bởi" overlay, which the colour filter fades for OCR, comes exact from
    /// its widget.
    func testScansOverlayComesFromItsWidget() throws {
        let page = try PageReading.laidOut("r01-quangngai-2024-scan.pdf")[0]
        let stamps = (page.layout?.regions(.stamp) ?? []).filter { $0.stamp == .digitalSignature }
        let lines = stamps.flatMap(\.lines).map(\.text)
        XCTAssertTrue(lines.contains("Ký bởi: Ủy ban nhân dân tỉnh Quảng"), "\(lines)")
        XCTAssertTrue(lines.contains("Thời gian ký: 18/03/2024 08:41:42"), "\(lines)")
    }
}
