import Foundation
import Ingest
import TestSupport
import XCTest

/// Every bad input of issue 3 item 4 that ingest sees, made for real in a temporary folder.
final class BadInputTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = try Fixtures.temporaryDirectory("ingest-bad")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    private func assertOpenFails(
        _ url: URL, _ expected: (VietdocError) -> Bool, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try DocumentReader(url: url), file: file, line: line) { error in
            guard let error = error as? VietdocError else {
                return XCTFail("not a VietdocError: \(error)", file: file, line: line)
            }
            XCTAssertTrue(expected(error), "unexpected error: \(error)", file: file, line: line)
            XCTAssertTrue(
                error.description.contains(url.path), "message does not name the file: \(error)", file: file, line: line
            )
        }
    }

    private func write(_ name: String, _ bytes: [UInt8]) throws -> URL {
        let url = dir.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    private func qpdf(_ arguments: [String]) throws {
        let qpdf = URL(fileURLWithPath: "/usr/bin/qpdf")
        guard FileManager.default.isExecutableFile(atPath: qpdf.path) else {
            throw XCTSkip("qpdf is not installed (apt-get install qpdf)")
        }
        let result = try runCommand(qpdf, arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testMissingFile() {
        assertOpenFails(dir.appendingPathComponent("nothing-here.pdf")) {
            $0 == .fileNotFound(path: self.dir.appendingPathComponent("nothing-here.pdf").path)
        }
    }

    func testDirectoryWhereAFileIsExpected() throws {
        let sub = dir.appendingPathComponent("folder.pdf")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        assertOpenFails(sub) { $0 == .isDirectory(path: sub.path) }
    }

    func testTruncatedPDF() throws {
        let whole = try Data(contentsOf: Fixtures.sample("004-muongte-2022-text.pdf"))
        let url = try write("truncated.pdf", [UInt8](whole.prefix(whole.count / 2)))
        assertOpenFails(url) { $0.code == .corruptPDF }
    }

    func testGarbageAfterAPDFHeader() throws {
        var bytes = Array("%PDF-1.7\n".utf8)
        var state: UInt32 = 12345
        for _ in 0..<4000 {
            state = state &* 1_103_515_245 &+ 12345
            bytes.append(UInt8(truncatingIfNeeded: state >> 16))
        }
        bytes += Array("\n%%EOF\n".utf8)
        let url = try write("garbage.pdf", bytes)
        assertOpenFails(url) { $0.code == .corruptPDF }
    }

    func testEncryptedPDF() throws {
        let url = dir.appendingPathComponent("encrypted.pdf")
        try qpdf([
            "--encrypt", "user-secret", "owner-secret", "256", "--",
            Fixtures.sample("004-muongte-2022-text.pdf").path, url.path,
        ])
        assertOpenFails(url) { $0 == .encryptedPDF(path: url.path) }
    }

    func testZeroPagePDF() throws {
        let url = dir.appendingPathComponent("empty.pdf")
        try qpdf(["--empty", url.path])
        assertOpenFails(url) { $0 == .emptyDocument(path: url.path) }
    }

    func testPDFThatIsReallyText() throws {
        let url = try write("report.pdf", Array("<html><body>404 Not Found</body></html>\n".utf8))
        assertOpenFails(url) { $0.code == .unsupportedFormat && ($0.detail ?? "").contains("plain text") }
    }

    func testBinaryThatIsNothing() throws {
        let url = try write("blob.bin", (0..<2048).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        assertOpenFails(url) { $0.code == .unsupportedFormat }
    }

    func testUnsupportedImageFormat() throws {
        let url = try write("scan.gif", Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0, 0x3B])
        assertOpenFails(url) {
            $0.code == .unsupportedFormat && ($0.detail ?? "").contains("GIF")
        }
    }

    func testCorruptPNG() throws {
        let header: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        let url = try write("page.png", header + (0..<300).map { UInt8(truncatingIfNeeded: $0 * 31) })
        assertOpenFails(url) { $0.code == .unreadableImage }
    }

    func testTruncatedPNGSample() throws {
        let whole = try Data(contentsOf: Fixtures.sample("001-bacgiang-2022-page1.png"))
        let url = try write("cut.png", [UInt8](whole.prefix(2000)))
        assertOpenFails(url) {
            $0.code == .unreadableImage && ($0.detail ?? "").contains("truncated")
        }
    }

    func testTruncatedJPEG() throws {
        // A real JPEG: the scanned sample's first page image, cut in half.
        let pdf = [UInt8](try Data(contentsOf: Fixtures.sample("001-bacgiang-2022-scanned.pdf")))
        guard
            let start = (0..<pdf.count - 3).first(where: {
                pdf[$0] == 0xFF && pdf[$0 + 1] == 0xD8 && pdf[$0 + 2] == 0xFF
            })
        else {
            return XCTFail("no JPEG in the scanned sample")
        }
        let url = try write("half.jpg", Array(pdf[start..<start + 40_000]))
        assertOpenFails(url) { $0.code == .unreadableImage }
    }

    func testEmptyFile() throws {
        let url = try write("empty.txt", [])
        assertOpenFails(url) { $0 == .emptyDocument(path: url.path) }
    }

    func testTextThatIsNotUTF8() throws {
        // "Kế hoạch" in Windows-1258-like single bytes: not valid UTF-8.
        let url = try write("legacy.txt", [0x4B, 0xEA, 0xD2, 0x20, 0x68, 0x6F, 0xA1, 0x63, 0x68, 0x0A])
        assertOpenFails(url) {
            $0.code == .unsupportedFormat && ($0.detail ?? "").contains("UTF-8")
        }
    }
}
