import Foundation
import Ingest
import TestSupport
import XCTest

/// Ingest on the real samples through poppler, cairo and leptonica.
final class DocumentReaderTests: XCTestCase {
    private func gold(_ stem: String) throws -> [String] {
        let url = Fixtures.repositoryRoot.appendingPathComponent("gold/text/\(stem).txt")
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\u{0C}")
    }

    private func assertLooksLikeAPrintedPage(
        _ image: GrayImage, dpi: Int, file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(image.dpi, dpi, file: file, line: line)
        // A4 at 300 dpi is 2480 × 3508 pixels.
        XCTAssertEqual(Double(image.width), 2480, accuracy: 3, file: file, line: line)
        XCTAssertEqual(Double(image.height), 3508, accuracy: 3, file: file, line: line)
        XCTAssertEqual(image.bytesPerRow, image.width, file: file, line: line)
        let dark = image.pixels.lazy.filter { $0 < 100 }.count
        let light = image.pixels.lazy.filter { $0 > 180 }.count
        XCTAssertGreaterThan(dark, image.pixels.count / 200, "no ink on the page", file: file, line: line)
        XCTAssertGreaterThan(light, image.pixels.count / 2, "no paper on the page", file: file, line: line)
    }

    func testTextPDFUsesItsTextLayer() throws {
        let reader = try DocumentReader(url: Fixtures.sample("004-muongte-2022-text.pdf"))
        XCTAssertEqual(reader.inputKind, .pdf)
        let goldPages = try gold("004-muongte-2022-text")
        XCTAssertEqual(reader.pageCount, goldPages.count)
        for index in [0, reader.pageCount - 1] {
            guard case .text(let page) = try reader.page(at: index) else {
                return XCTFail("page \(index + 1) of the text PDF was not taken from its text layer")
            }
            XCTAssertEqual(page.method, .textLayer)
            XCTAssertEqual(page.number, index + 1)
            let scores = TextMetrics.syllableScores(hypothesis: page.text, gold: goldPages[index])
            XCTAssertGreaterThan(scores.syllableAccuracy, 0.99, "page \(index + 1): \(scores)")
        }
        XCTAssertEqual(DocumentReader.sourceKind(of: .pdf, methods: [.textLayer]), .textPDF)
    }

    /// A scan with an invisible OCR layer (what `tesseract … pdf` and OCRmyPDF write): the layer
    /// is taken when it is Vietnamese with its marks, and the page is OCR'd again when the layer
    /// came from an English model that dropped them.
    func testOCRLayerOverAScanIsTakenOnlyWithItsDiacritics() throws {
        let dir = try Fixtures.temporaryDirectory("ingest-ocr-layer")
        defer { try? FileManager.default.removeItem(at: dir) }
        let png = Fixtures.sample("001-bacgiang-2022-page1.png").path
        func layered(_ lang: String) throws -> IngestedPage {
            let base = dir.appendingPathComponent(lang)
            let result = try runCommand(
                URL(fileURLWithPath: "/usr/bin/tesseract"), [png, base.path, "-l", lang, "pdf"],
                environment: ["OMP_THREAD_LIMIT": "1", "PATH": "/usr/bin:/bin"])
            XCTAssertEqual(result.status, 0, result.stderr)
            return try DocumentReader(url: base.appendingPathExtension("pdf")).page(at: 0)
        }
        guard case .text(let page) = try layered("vie") else {
            return XCTFail("the Vietnamese OCR layer was not taken")
        }
        XCTAssertEqual(page.method, .textLayer)
        guard case .image = try layered("eng") else { return XCTFail("the English-model OCR layer was taken") }
    }

    func testScannedPDFIsRenderedToGreyAt300DPI() throws {
        let reader = try DocumentReader(url: Fixtures.sample("001-bacgiang-2022-scanned.pdf"))
        XCTAssertEqual(reader.inputKind, .pdf)
        XCTAssertEqual(reader.pageCount, try gold("001-bacgiang-2022-scanned").count)
        guard case .image(let number, let image) = try reader.page(at: 0) else {
            return XCTFail("the scanned PDF's page was not rendered")
        }
        XCTAssertEqual(number, 1)
        assertLooksLikeAPrintedPage(image, dpi: 300)
    }

    func testRenderResolutionFollowsRenderDPI() throws {
        let reader = try DocumentReader(url: Fixtures.sample("001-bacgiang-2022-scanned.pdf"), renderDPI: 100)
        guard case .image(_, let image) = try reader.page(at: 1) else { return XCTFail("not rendered") }
        XCTAssertEqual(image.dpi, 100)
        XCTAssertEqual(Double(image.width), 827, accuracy: 2)
    }

    func testPageOverThePixelCapIsReportedNotRendered() throws {
        let reader = try DocumentReader(url: Fixtures.sample("001-bacgiang-2022-scanned.pdf"), maxPixels: 1_000_000)
        guard case .failed(let number, let reason) = try reader.page(at: 0) else { return XCTFail("page was rendered") }
        XCTAssertEqual(number, 1)
        XCTAssertTrue(reason.contains("cap"), reason)
    }

    func testPNGWithItsResolution() throws {
        let reader = try DocumentReader(url: Fixtures.sample("001-bacgiang-2022-page1.png"))
        XCTAssertEqual(reader.inputKind, .image)
        XCTAssertEqual(reader.pageCount, 1)
        guard case .image(_, let image) = try reader.page(at: 0) else { return XCTFail("not decoded") }
        assertLooksLikeAPrintedPage(image, dpi: 300)
    }

    func testJPEGPage() throws {
        // The first page image of the scanned sample, a 300 dpi grey JPEG, taken out whole.
        let pdf = [UInt8](try Data(contentsOf: Fixtures.sample("001-bacgiang-2022-scanned.pdf")))
        let start = try XCTUnwrap(
            (0..<pdf.count - 3).first { pdf[$0] == 0xFF && pdf[$0 + 1] == 0xD8 && pdf[$0 + 2] == 0xFF })
        let end = try XCTUnwrap((start..<pdf.count - 1).first { pdf[$0] == 0xFF && pdf[$0 + 1] == 0xD9 }) + 2
        let dir = try Fixtures.temporaryDirectory("ingest-jpeg")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("page.jpeg")
        try Data(pdf[start..<end]).write(to: url)
        let reader = try DocumentReader(url: url)
        XCTAssertEqual(reader.inputKind, .image)
        guard case .image(_, let image) = try reader.page(at: 0) else { return XCTFail("not decoded") }
        assertLooksLikeAPrintedPage(image, dpi: 300)
    }

    func testTransparentPNGBackgroundIsPaperNotInk() throws {
        // 40×20 RGBA: fully transparent black everywhere, an opaque black bar in the middle.
        let width = 40
        let height = 20
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 8..<12 { for x in 5..<35 { pixels[(y * width + x) * 4 + 3] = 255 } }
        let dir = try Fixtures.temporaryDirectory("ingest-alpha")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("export.png")
        try PNGWriter.rgba(width: width, height: height, pixels: pixels).write(to: url)
        guard case .image(_, let image) = try DocumentReader(url: url).page(at: 0) else {
            return XCTFail("not decoded")
        }
        XCTAssertEqual(image.dpi, 300, "no resolution in the file: the default")
        XCTAssertEqual(image.pixels[0], 255, "transparent background must read as white")
        XCTAssertEqual(image.pixels[10 * width + 20], 0, "opaque black stays black")
    }

    func testMultiPageTIFF() throws {
        let reader = try DocumentReader(url: Fixtures.sample("001-bacgiang-2022-fax.tiff"))
        XCTAssertEqual(reader.inputKind, .image)
        XCTAssertEqual(reader.pageCount, try gold("001-bacgiang-2022-fax").count)
        XCTAssertGreaterThan(reader.pageCount, 1)
        var firstPixels: [UInt8] = []
        for index in 0..<reader.pageCount {
            guard case .image(let number, let image) = try reader.page(at: index) else {
                return XCTFail("page \(index + 1)")
            }
            XCTAssertEqual(number, index + 1)
            assertLooksLikeAPrintedPage(image, dpi: 300)
            // A bilevel fax page becomes pure black and white grey.
            XCTAssertTrue(image.pixels.allSatisfy { $0 == 0 || $0 == 255 })
            if index == 0 {
                firstPixels = image.pixels
            } else {
                XCTAssertNotEqual(image.pixels, firstPixels, "same page twice")
            }
        }
    }

    func testTextFileSplitsPagesAtFormFeeds() throws {
        let dir = try Fixtures.temporaryDirectory("ingest-text")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("dump.pdf.txt")
        // Decomposed "ế" must come out composed (NFC); CRLF is a newline.
        try Data("\u{FEFF}KE\u{0302}\u{0301} HOẠCH\r\nSố: 12\n\u{0C}Trang hai\ndòng 2\n\u{0C}".utf8).write(to: url)
        let reader = try DocumentReader(url: url)
        XCTAssertEqual(reader.inputKind, .text)
        XCTAssertEqual(reader.pageCount, 2)
        guard case .text(let first) = try reader.page(at: 0), case .text(let second) = try reader.page(at: 1) else {
            return XCTFail("text pages expected")
        }
        XCTAssertEqual(first.lines, ["KẾ HOẠCH", "Số: 12"])
        XCTAssertEqual(first.method, .textFile)
        XCTAssertEqual(second.lines, ["Trang hai", "dòng 2"])
        XCTAssertEqual(second.number, 2)
    }

    func testUTF16TextWithByteOrderMark() throws {
        let dir = try Fixtures.temporaryDirectory("ingest-utf16")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("notepad.txt")
        let text = "Kế hoạch số 12\r\nỦy ban nhân dân\u{0C}Trang 2\r\n"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try Data(bytes).write(to: url)
        let reader = try DocumentReader(url: url)
        XCTAssertEqual(reader.inputKind, .text)
        XCTAssertEqual(reader.pageCount, 2)
        guard case .text(let first) = try reader.page(at: 0) else { return XCTFail("text expected") }
        XCTAssertEqual(first.lines, ["Kế hoạch số 12", "Ủy ban nhân dân"])
    }

    func testOCRDumpSampleIsText() throws {
        let url = Fixtures.sample("000-laocai-2023-ocr.txt")
        let reader = try DocumentReader(url: url)
        XCTAssertEqual(reader.inputKind, .text)
        let raw = try String(contentsOf: url, encoding: .utf8)
        let pages = try (0..<reader.pageCount).map { index -> PageText in
            guard case .text(let page) = try reader.page(at: index) else { throw VietdocError.cancelled }
            return page
        }
        XCTAssertEqual(pages.map(\.text).joined(separator: "\u{0C}"), raw.trimmingCharacters(in: .newlines))
    }

    func testKindIsJudgedByContentNotName() throws {
        let dir = try Fixtures.temporaryDirectory("ingest-sniff")
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdfNamedText = dir.appendingPathComponent("really-a-pdf.txt")
        try FileManager.default.copyItem(at: Fixtures.sample("004-muongte-2022-text.pdf"), to: pdfNamedText)
        XCTAssertEqual(try InputSniffer.kind(of: pdfNamedText), .pdf)
        let pngNamedJPEG = dir.appendingPathComponent("photo.jpg")
        try FileManager.default.copyItem(at: Fixtures.sample("001-bacgiang-2022-page1.png"), to: pngNamedJPEG)
        XCTAssertEqual(try InputSniffer.kind(of: pngNamedJPEG), .image)
        let noExtension = dir.appendingPathComponent("scan")
        try FileManager.default.copyItem(at: Fixtures.sample("001-bacgiang-2022-fax.tiff"), to: noExtension)
        XCTAssertEqual(try DocumentReader(url: noExtension).pageCount, 3)
    }
}
