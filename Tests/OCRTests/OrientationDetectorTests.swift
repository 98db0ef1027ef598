import Foundation
import Ingest
import OCR
import TestSupport
import XCTest

/// Tesseract's OSD on a real scanned page turned by each quarter.
final class OrientationDetectorTests: XCTestCase {
    func testTurnedPagesAreToldTheTurnThatMakesThemUpright() throws {
        let reader = try DocumentReader(url: Fixtures.sample("003-laocai-2024-scanned.pdf"), renderDPI: 150)
        guard case .image(_, let page) = try reader.page(at: 1) else { return XCTFail("page 2 was not rendered") }
        let detector = try OrientationDetector()
        XCTAssertEqual(detector.uprightTurn(of: page), 0)
        for degrees in [90, 180, 270] {
            let turned = Preprocessing.turned(page, clockwise: degrees)
            XCTAssertEqual(turned.steps, ["rotate-\(degrees)"])
            let back = detector.uprightTurn(of: turned)
            XCTAssertEqual((degrees + back) % 360, 0, "page turned \(degrees)° clockwise: told to turn \(back)°")
        }
    }

    func testABlankPageIsLeftAsItIs() throws {
        let blank = GrayImage(
            width: 1200, height: 1700, pixels: [UInt8](repeating: 255, count: 1200 * 1700), bytesPerRow: 1200, dpi: 150)
        XCTAssertEqual(try OrientationDetector().uprightTurn(of: blank), 0)
    }
}
