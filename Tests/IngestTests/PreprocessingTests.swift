import Foundation
import Ingest
import TestSupport
import XCTest

/// The preprocessing steps on pages made by the tests: which pages each one touches and what
/// it does to their pixels.
final class PreprocessingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws { folder = try Fixtures.temporaryDirectory("vietdoc-preprocessing") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A noisy grey "scan" of `width`×`height` pixels: dark bars on light paper.
    private func scanPixels(width: Int, height: Int) -> [UInt8] {
        (0..<(width * height)).map { i in
            let (x, y) = (i % width, i / width)
            return (y / 6) % 3 == 0 && (x / 5) % 4 != 0 ? UInt8(20 + (i * 7) % 30) : UInt8(230 - (i * 13) % 20)
        }
    }

    private func write(_ data: Data, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url
    }

    private func rendered(_ url: URL, _ preprocessing: Preprocessing, dpi: Int = 72) throws -> GrayImage {
        let reader = try DocumentReader(url: url, renderDPI: dpi, preprocessing: preprocessing)
        guard case .image(_, let image) = try reader.page(at: 0) else {
            throw XCTSkip("the page was not rendered")
        }
        return image
    }

    func testASinglePageImageIsSmoothedLikeSplashSamplesIt() throws {
        // One image covering the page at 1:1 for a 72 dpi render.
        let (w, h) = (200, 280)
        let image = PDFWriter.Image(
            width: w, height: h, components: 1, pixels: scanPixels(width: w, height: h), x: 0, y: 0,
            drawnWidth: Double(w), drawnHeight: Double(h))
        let url = try write(PDFWriter.page(width: Double(w), height: Double(h), images: [image]), "scan.pdf")

        let plain = try rendered(url, .none)
        let smoothed = try rendered(url, Preprocessing())
        XCTAssertEqual(plain.steps, [])
        XCTAssertEqual(smoothed.steps, ["smooth"])
        XCTAssertEqual(plain.width, w)
        // Each pixel is the rounded mean of itself and its left neighbour.
        for (x, y) in [(1, 0), (57, 100), (199, 279)] {
            let here = Int(plain.pixels[y * w + x])
            let left = Int(plain.pixels[y * w + x - 1])
            XCTAssertEqual(Int(smoothed.pixels[y * w + x]), (here + left + 1) / 2, "pixel \(x),\(y)")
        }
        XCTAssertNotEqual(plain.pixels, smoothed.pixels)
    }

    func testVectorShapesAndSeveralSmallImagesAreNotSmoothed() throws {
        let small = PDFWriter.Image(
            width: 100, height: 100, components: 1, pixels: scanPixels(width: 100, height: 100), x: 50, y: 500,
            drawnWidth: 200, drawnHeight: 200)
        var other = small
        other.x = 300
        other.y = 100
        let rects = (0..<20).map { PDFWriter.Rect(x: 60, y: 60 + Double($0) * 20, width: 200, height: 8) }
        let url = try write(PDFWriter.page(images: [small, other], rects: rects), "vector.pdf")

        let plain = try rendered(url, .none)
        let page = try rendered(url, Preprocessing())
        XCTAssertEqual(page.steps, [], "a page of vector shapes and small images is drawn as cairo draws it")
        XCTAssertEqual(page.pixels, plain.pixels)
        XCTAssertTrue(plain.pixels.contains(0), "the vector bars are drawn")
    }

    func testRedAndBlueInkFadeToPaperWhileBlackPrintStays() throws {
        // Three bands: red seal ink, blue signature ink, black print.
        let (w, h) = (90, 90)
        var rgb: [UInt8] = []
        for _ in 0..<h {
            for x in 0..<w {
                switch x / 30 {
                case 0: rgb += [200, 30, 40]
                case 1: rgb += [30, 50, 170]
                default: rgb += [25, 25, 25]
                }
            }
        }
        let image = PDFWriter.Image(
            width: w, height: h, components: 3, pixels: rgb, x: 0, y: 0, drawnWidth: Double(w), drawnHeight: Double(h))
        let url = try write(PDFWriter.page(width: Double(w), height: Double(h), images: [image]), "colour.pdf")

        let plain = try rendered(url, .none)
        var steps = Preprocessing.none
        steps.colorFilter = true
        let filtered = try rendered(url, steps)
        XCTAssertEqual(filtered.steps, ["color-filter"])
        let row = 45 * w
        XCTAssertLessThan(plain.pixels[row + 15], 120, "red ink is dark in plain grey")
        XCTAssertLessThan(plain.pixels[row + 45], 120, "blue ink is dark in plain grey")
        XCTAssertEqual(filtered.pixels[row + 15], 255)
        XCTAssertEqual(filtered.pixels[row + 45], 255)
        XCTAssertEqual(filtered.pixels[row + 75], plain.pixels[row + 75], "black print is untouched")
        XCTAssertLessThan(filtered.pixels[row + 75], 40)
    }

    func testLowResolutionPagesAreScaledTo300DPI() {
        let image = GrayImage(
            width: 100, height: 140, pixels: scanPixels(width: 100, height: 140), bytesPerRow: 100, dpi: 100)
        let out = Preprocessing(deskew: false).apply(to: image)
        XCTAssertEqual(out.steps, ["upscale"])
        XCTAssertEqual(out.dpi, 300)
        XCTAssertEqual(out.width, 300)
        XCTAssertEqual(out.height, 420)
        var at300 = image
        at300.dpi = 300
        XCTAssertEqual(Preprocessing(deskew: false).apply(to: at300).steps, [], "300 dpi pages keep their size")
    }

    func testASkewedPageIsTurnedStraight() {
        // Text-like bars rising 2° to the right.
        let (w, h) = (1200, 900)
        let slope = tan(2.0 * Double.pi / 180)
        var pixels = [UInt8](repeating: 255, count: w * h)
        for y in 0..<h {
            for x in 0..<w {
                let baseline = Double(y) + Double(x) * slope
                if Int(baseline) % 40 < 12, (x / 9) % 5 != 0 { pixels[y * w + x] = 0 }
            }
        }
        let image = GrayImage(width: w, height: h, pixels: pixels, bytesPerRow: w, dpi: 300)
        let out = Preprocessing(upscale: false).apply(to: image)
        XCTAssertEqual(out.steps.count, 1)
        let step = out.steps.first ?? ""
        XCTAssertTrue(step.hasPrefix("deskew("), step)
        let angle = Double(step.dropFirst(7).prefix { $0 != "°" }) ?? 0
        XCTAssertEqual(abs(angle), 2, accuracy: 0.3, step)
        XCTAssertEqual(Preprocessing(upscale: false).apply(to: out).steps, out.steps, "a straight page is left alone")
    }
}
