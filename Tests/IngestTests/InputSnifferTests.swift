import Foundation
import Ingest
import TestSupport
import XCTest

/// Content sniffing on leading bytes, and readers used from several threads at once.
final class InputSnifferTests: XCTestCase {
    private func kind(_ bytes: [UInt8]) throws -> InputKind { try InputSniffer.kind(ofHead: bytes, path: "x") }

    func testMagicNumbers() throws {
        XCTAssertEqual(try kind(Array("%PDF-1.7\n".utf8)), .pdf)
        XCTAssertEqual(try kind(Array("\r\n\r\n%PDF-1.4\n".utf8)), .pdf, "a PDF header after a little junk")
        XCTAssertEqual(try kind([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]), .image)
        XCTAssertEqual(try kind([0xFF, 0xD8, 0xFF, 0xE0]), .image)
        XCTAssertEqual(try kind([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0]), .image)
        XCTAssertEqual(try kind([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]), .image)
        XCTAssertEqual(try kind([0x49, 0x49, 0x2B, 0x00, 8, 0, 0, 0]), .image, "BigTIFF")
        XCTAssertEqual(try kind(Array("Kế hoạch số 12/KH-UBND\n".utf8)), .text)
    }

    func testOtherImageFormatsAreNamed() {
        let webp = Array("RIFF".utf8) + [0, 0, 0, 0] + Array("WEBPVP8 ".utf8)
        XCTAssertThrowsError(try kind(webp)) { error in
            guard let error = error as? VietdocError, error.code == .unsupportedFormat else {
                return XCTFail("\(error)")
            }
            XCTAssertTrue(error.detail?.contains("WebP") == true, "\(error)")
        }
    }

    func testTextCutInsideACharacterIsStillText() throws {
        // The sniffer reads a fixed number of bytes; a split "ế" (E1 BA BF) at the end is fine.
        XCTAssertEqual(try kind(Array("Kế hoạch k".utf8) + [0xE1, 0xBA]), .text)
        XCTAssertThrowsError(try kind(Array("Kế".utf8) + [0xE1, 0x41, 0x42]))
    }

    func testReadersOnSeveralThreadsRenderTheSame() throws {
        let url = Fixtures.sample("004-muongte-2022-scanned.pdf")
        let lock = NSLock()
        var renders: [[UInt8]] = []
        var errors: [Error] = []
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let reader = try DocumentReader(url: url, renderDPI: 40)
                guard case .image(_, let image) = try reader.page(at: 1) else { throw VietdocError.cancelled }
                lock.lock()
                renders.append(image.pixels)
                lock.unlock()
            } catch {
                lock.lock()
                errors.append(error)
                lock.unlock()
            }
        }
        XCTAssertTrue(errors.isEmpty, "\(errors)")
        XCTAssertEqual(renders.count, 4)
        XCTAssertTrue(renders.allSatisfy { $0 == renders[0] })
    }
}
