import Foundation
import Ingest
import OCR
import TestSupport
import XCTest

/// libtesseract on real rendered pages, scored against the gold text and against the
/// tesseract CLI measured in the same run.
final class OCREngineTests: XCTestCase {
    static let scannedSample = "001-bacgiang-2022-scanned"

    private func goldPage(_ stem: String, _ number: Int) throws -> String {
        let url = Fixtures.repositoryRoot.appendingPathComponent("gold/text/\(stem).txt")
        return try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\u{0C}")[number - 1]
    }

    private func renderedPage(_ stem: String, _ number: Int) throws -> GrayImage {
        let reader = try DocumentReader(url: Fixtures.sample("\(stem).pdf"))
        guard case .image(_, let image) = try reader.page(at: number - 1) else {
            throw XCTSkip("page \(number) of \(stem) was not rendered")
        }
        return image
    }

    /// `pdftoppm -r 300 -gray -f N -l N file.pdf | tesseract - - -l vie`
    private func cliText(_ stem: String, _ number: Int) throws -> String {
        let pdf = Fixtures.sample("\(stem).pdf").path
        let result = try runCommand(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "pdftoppm -r 300 -gray -f \(number) -l \(number) '\(pdf)' | tesseract - - -l vie 2>/dev/null"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return result.stdout
    }

    func testScannedPageScoresLikeTheTesseractCLI() throws {
        let number = 1
        let gold = try goldPage(Self.scannedSample, number)
        let engine = try OCREngine(languages: "vie")
        let page = try engine.recognize(try renderedPage(Self.scannedSample, number), pageNumber: number)
        XCTAssertEqual(page.method, .ocr)
        XCTAssertEqual(page.number, number)

        let ours = TextMetrics.syllableScores(hypothesis: page.text, gold: gold)
        let cli = TextMetrics.syllableScores(hypothesis: try cliText(Self.scannedSample, number), gold: gold)
        print(
            "syllable accuracy page \(number): vietdoc \(ours.syllableAccuracy), tesseract CLI \(cli.syllableAccuracy)")
        XCTAssertGreaterThan(ours.syllableAccuracy, 0.9)
        XCTAssertGreaterThanOrEqual(
            ours.syllableAccuracy, cli.syllableAccuracy - 0.003,
            "vietdoc \(ours) vs CLI \(cli)")

        // Words carry text, a confidence and a box inside the page; the page a mean confidence.
        XCTAssertGreaterThan(page.words.count, 100)
        let image = try renderedPage(Self.scannedSample, number)
        for word in page.words {
            XCTAssertFalse(word.text.isEmpty)
            XCTAssertTrue((0...100).contains(word.confidence), "\(word)")
            XCTAssertGreaterThanOrEqual(word.box.x, 0)
            XCTAssertGreaterThan(word.box.width, 0)
            XCTAssertLessThanOrEqual(word.box.x + word.box.width, image.width)
            XCTAssertLessThanOrEqual(word.box.y + word.box.height, image.height)
        }
        let mean = try XCTUnwrap(page.meanConfidence)
        XCTAssertGreaterThan(mean, 70)
        XCTAssertLessThanOrEqual(mean, 100)
        // The words, in order, spell the lines.
        XCTAssertEqual(
            page.words.map(\.text).joined(separator: " "),
            page.lines.filter { !$0.isEmpty }.joined(separator: " ").split(separator: " ").joined(separator: " "))
    }

    /// A band of a page (the heading block): small enough to OCR quickly.
    private func band(_ image: GrayImage, rows: Range<Int>) -> GrayImage {
        let slice = Array(image.pixels[(rows.lowerBound * image.bytesPerRow)..<(rows.upperBound * image.bytesPerRow)])
        return GrayImage(
            width: image.width, height: rows.count, pixels: slice, bytesPerRow: image.bytesPerRow, dpi: image.dpi)
    }

    func testEngineIsReusedAcrossPagesWithTheSameResult() throws {
        let engine = try OCREngine()
        let heading = band(try renderedPage(Self.scannedSample, 1), rows: 150..<700)
        let first = try engine.recognize(heading, pageNumber: 1)
        let second = try engine.recognize(heading, pageNumber: 2)
        XCTAssertEqual(first.lines, second.lines)
        XCTAssertEqual(second.number, 2)
        XCTAssertTrue(first.text.contains("KẾ HOẠCH"), first.text)
    }

    func testPastTheDeadlineThePageFailsAndTheEngineGoesOn() throws {
        let engine = try OCREngine()
        let image = try renderedPage(Self.scannedSample, 2)
        let page = try engine.recognize(image, pageNumber: 2, deadline: 0.01)
        XCTAssertEqual(page.method, .failed)
        XCTAssertTrue(page.lines.isEmpty)
        XCTAssertTrue(page.warnings.contains { $0.contains("deadline") }, "\(page.warnings)")
        let next = try engine.recognize(band(image, rows: 150..<500), pageNumber: 3)
        XCTAssertEqual(next.method, .ocr)
        XCTAssertFalse(next.text.isEmpty)
    }

    func testImageOverThePixelCapIsNotOCRd() throws {
        let engine = try OCREngine(maxPixels: 10_000)
        let page = try engine.recognize(
            GrayImage(
                width: 200, height: 200, pixels: .init(repeating: 255, count: 40_000), bytesPerRow: 200, dpi: 300),
            pageNumber: 4)
        XCTAssertEqual(page.method, .failed)
        XCTAssertTrue(page.warnings.first?.contains("cap") == true)
    }

    func testCancellationThrows() throws {
        let engine = try OCREngine()
        let image = band(try renderedPage(Self.scannedSample, 1), rows: 150..<1200)
        XCTAssertThrowsError(try engine.recognize(image, pageNumber: 1, isCancelled: { true })) { error in
            XCTAssertEqual(error as? VietdocError, .cancelled)
        }
    }

    func testMissingLanguageDataNamesThePackage() throws {
        XCTAssertThrowsError(try OCREngine(languages: "vie+zzq")) { error in
            XCTAssertEqual(
                error as? VietdocError,
                .missingDependency(what: "tesseract language data 'zzq'", package: "tesseract-ocr-zzq"))
            XCTAssertEqual((error as? VietdocError)?.exitCode, .missingDependency)
        }
        let empty = try Fixtures.temporaryDirectory("tessdata")
        defer { try? FileManager.default.removeItem(at: empty) }
        XCTAssertThrowsError(try OCREngine(languages: "vie", dataPath: empty.path)) { error in
            XCTAssertEqual(
                error as? VietdocError,
                .missingDependency(what: "tesseract language data 'vie'", package: "tesseract-ocr-vie"))
        }
        XCTAssertEqual(TessdataLocator.debianPackage(for: "chi_sim"), "tesseract-ocr-chi-sim")
        XCTAssertThrowsError(try OCREngine(languages: "vie eng;rm")) { error in
            XCTAssertEqual((error as? VietdocError)?.code, .invalidArgument, "\(error)")
        }
    }
}
