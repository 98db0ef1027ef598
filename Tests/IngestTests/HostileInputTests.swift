import Foundation
import Ingest
import TestSupport
import XCTest

/// Inputs built to hurt: sizes declared in headers, text without a byte-order mark, one
/// enormous line. Each is made here, never committed.
final class HostileInputTests: XCTestCase {
    /// A small TIFF whose second page declares 40000×40000 pixels: the page is refused from its
    /// header (with the declared size), without decoding 1.6 GB of pixels.
    func testEveryTIFFPageIsCheckedAgainstThePixelCapBeforeDecoding() throws {
        let dir = try Fixtures.temporaryDirectory("hostile-tiff")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("bomb.tif")
        try TIFFWriter.data([.small(), .declared(width: 40000, height: 40000)]).write(to: url)
        XCTAssertLessThan(try Data(contentsOf: url).count, 10_000)
        let reader = try DocumentReader(url: url)
        XCTAssertEqual(reader.pageCount, 2)
        guard case .image = try reader.page(at: 0) else { return XCTFail("the small page is read") }
        guard case .failed(let number, let reason) = try reader.page(at: 1) else {
            return XCTFail("the page over the cap is refused")
        }
        XCTAssertEqual(number, 2)
        XCTAssertTrue(reason.contains("40000×40000") && reason.contains("over the cap"), reason)

        let single = dir.appendingPathComponent("single.tif")
        try TIFFWriter.data([.declared(width: 30000, height: 30000)]).write(to: single)
        guard case .failed(_, let singleReason) = try DocumentReader(url: single).page(at: 0) else {
            return XCTFail("a one-page TIFF over the cap is refused too")
        }
        XCTAssertTrue(singleReason.contains("30000×30000"), singleReason)
    }

    /// A scanned PDF whose JPEG is cut short, and one whose JPEG is garbled: poppler would draw
    /// what it can (a third of the page, or grey) and say nothing that names the file; each
    /// such page is a failure naming the image, while the same JPEG whole is read.
    func testAPageWhoseImageCannotBeDecodedIsAFailureNotAPartPage() throws {
        let dir = try Fixtures.temporaryDirectory("hostile-jpeg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let scan = try Data(contentsOf: Fixtures.sample("001-bacgiang-2022-scanned.pdf"))
        let whole = try XCTUnwrap(PDFWriter.jpegImages(in: scan).first)
        let truncated = PDFWriter.damaged(whole, .cutShort)
        let garbled = PDFWriter.damaged(whole, .garbled)
        let url = dir.appendingPathComponent("damaged.pdf")
        try PDFWriter.document([whole, truncated, garbled].map { PDFWriter.Page(images: [$0]) }).write(to: url)

        let reader = try DocumentReader(url: url, renderDPI: 72)
        XCTAssertEqual(reader.pageCount, 3)
        guard case .image = try reader.page(at: 0) else { return XCTFail("the whole JPEG's page is read") }
        for index in [1, 2] {
            guard case .failed(let number, let reason) = try reader.page(at: index) else {
                return XCTFail("page \(index + 1): an image that cannot be decoded fails the page")
            }
            XCTAssertEqual(number, index + 1)
            XCTAssertTrue(reason.hasPrefix("page \(index + 1): an image (object "), reason)
            XCTAssertTrue(reason.contains("cannot be decoded: "), reason)
        }
    }

    func testUTF16WithoutAByteOrderMarkIsText() throws {
        let dir = try Fixtures.temporaryDirectory("hostile-utf16")
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "Kế hoạch số 12\nỦy ban nhân dân tỉnh Lào Cai\n"
        for bigEndian in [false, true] {
            let url = dir.appendingPathComponent(bigEndian ? "be.txt" : "le.txt")
            var bytes: [UInt8] = []
            for unit in text.utf16 {
                let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
                bytes += bigEndian ? pair.reversed() : pair
            }
            try Data(bytes).write(to: url)
            let reader = try DocumentReader(url: url)
            XCTAssertEqual(reader.inputKind, .text)
            guard case .text(let page) = try reader.page(at: 0) else { return XCTFail("text expected") }
            XCTAssertEqual(page.lines, ["Kế hoạch số 12", "Ủy ban nhân dân tỉnh Lào Cai"])
        }
    }

    func testOneEnormousLineIsReadInBoundedPieces() throws {
        let dir = try Fixtures.temporaryDirectory("hostile-line")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("one-line.txt")
        let line = String(repeating: "ke hoach trien khai cong tac ", count: 20_000)
        try Data(line.utf8).write(to: url)
        guard case .text(let page) = try DocumentReader(url: url).page(at: 0) else { return XCTFail("text expected") }
        XCTAssertGreaterThan(page.lines.count, 100)
        XCTAssertTrue(page.lines.allSatisfy { $0.count <= 2_000 })
        XCTAssertEqual(page.lines.joined(), line, "nothing is lost when a line is broken")
    }

    func testAnUnreadableFileIsPermissionDenied() throws {
        try XCTSkipIf(getuid() == 0, "root reads every file")
        let dir = try Fixtures.temporaryDirectory("hostile-perm")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("locked.pdf")
        try Data("%PDF-1.4".utf8).write(to: url)
        chmod(url.path, 0)
        XCTAssertThrowsError(try DocumentReader(url: url)) { error in
            XCTAssertEqual(error as? VietdocError, .permissionDenied(path: url.path))
        }
    }
}
