import VietdocCore
import XCTest

final class VietdocErrorTests: XCTestCase {
    /// Every code maps to one of the documented exit statuses, and the usage status (64) is
    /// for command-line mistakes only.
    func testExitStatusFollowsFromTheCode() {
        for code in VietdocError.Code.allCases {
            let status = VietdocError(code).exitCode
            XCTAssertTrue(
                [.someInputsFailed, .usage, .missingDependency, .outputNotWritable, .outputLocked, .interrupted]
                    .contains(status), "\(code)")
            XCTAssertEqual(status == .usage, code == .invalidArgument, "\(code)")
        }
        XCTAssertEqual(
            VietdocError.catalogUnreadable(path: "c.sqlite", detail: "disk I/O error").exitCode, .someInputsFailed)
        XCTAssertEqual(VietdocError.modelInvalid(path: "m.bin", detail: "bad").exitCode, .missingDependency)
        XCTAssertEqual(VietdocError.cancelled.exitCode, .interrupted)
        XCTAssertEqual(VietdocError.outputNotWritable(path: "out", detail: "read-only").exitCode, .outputNotWritable)
        XCTAssertEqual(VietdocError.outputLocked(path: "out", detail: "pid 7").exitCode, .outputLocked)
        XCTAssertEqual(VietdocError.permissionDenied(path: "a.pdf").exitCode, .someInputsFailed)
    }

    /// The one-line message names the file and the page when known, and never starts with an
    /// empty path.
    func testMessageNamesPathAndPage() {
        XCTAssertEqual(
            "\(VietdocError.ocrFailed(path: "a.pdf", page: 3, detail: "tesseract could not recognise the image"))",
            "a.pdf: page 3: OCR failed (tesseract could not recognise the image)")
        XCTAssertEqual(
            "\(VietdocError.ocrFailed(path: nil, page: 3, detail: "x"))", "page 3: OCR failed (x)")
        XCTAssertEqual("\(VietdocError.fileNotFound(path: "b.tiff"))", "b.tiff: no such file")
        XCTAssertEqual(
            "\(VietdocError.missingDependency(what: "tesseract language data 'vie'", package: "tesseract-ocr-vie"))",
            "missing dependency: tesseract language data 'vie' (install the Debian package tesseract-ocr-vie)")
        XCTAssertEqual("\(VietdocError.invalidArgument("--shard: bad"))", "--shard: bad")
    }
}
