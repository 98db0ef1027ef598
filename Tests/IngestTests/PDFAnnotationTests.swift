import Foundation
import Ingest
import TestSupport
import XCTest

/// What a PDF page holds outside its content stream, read through poppler: the text of
/// signature widgets' appearance streams, signature fields, a stamp's text layer over a scan.
final class PDFAnnotationTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("ingest-annotations")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func read(_ pdf: Data, preprocessing: Preprocessing = .none) throws -> IngestedPage {
        let url = directory.appendingPathComponent("page.pdf")
        try pdf.write(to: url)
        return try DocumentReader(url: url, preprocessing: preprocessing).page(at: 0)
    }

    /// Points (from the bottom left of an A4 page) to pixels at 300 dpi (from the top left).
    private func pixels(x: Double, y: Double, width: Double, height: Double) -> BoundingBox {
        let s = 300.0 / 72
        return BoundingBox(
            x: Int(x * s), y: Int((841.89 - y - height) * s), width: Int(width * s), height: Int(height * s))
    }

    private func inside(_ box: BoundingBox, _ area: BoundingBox) -> Bool {
        box.midX >= area.x && box.midX <= area.maxX && box.midY >= area.y && box.midY <= area.maxY
    }

    /// A born-digital header whose number and day were inserted into signature widgets, as the
    /// provincial signing service does: "Số:" and "/TB-UBND" are page text, "11" only the widget's.
    private func bornDigitalHeader(signingTime: String? = nil) throws -> Data {
        let body = "Ngày 03/01/2025, Phó Chủ tịch Ủy ban nhân dân tỉnh chủ trì cuộc họp nghe báo cáo."
        return try AnnotatedPDFWriter.page(
            texts: [
                .init("ỦY BAN NHÂN DÂN", x: 60, y: 780), .init("TỈNH QUẢNG NGÃI", x: 60, y: 765),
                .init("Số:", x: 60, y: 720), .init("/TB-UBND", x: 140, y: 720),
                .init("Quảng Ngãi, ngày", x: 320, y: 720), .init("tháng 01 năm 2025", x: 440, y: 720),
                .init(body, x: 60, y: 650),
            ],
            widgets: [
                // The number's widget spans the printed sign too, as the real ones do.
                .init(x: 82, y: 714, width: 150, height: 20, lines: ["11"], size: 12, signingTime: signingTime),
                .init(x: 418, y: 714, width: 22, height: 20, lines: ["08"], size: 12),
            ])
    }

    func testNumberAndDayInSignatureWidgetsJoinTheTextLayersWords() throws {
        guard case .text(let page) = try read(try bornDigitalHeader()) else {
            return XCTFail("the born-digital page was not read from its text layer")
        }
        XCTAssertEqual(page.method, .textLayer)
        // The text layer itself never holds them: that is why they are read from the widgets.
        XCTAssertFalse(page.lines.contains { $0.contains("11") || $0.contains("08") }, "\(page.lines)")
        let eleven = try XCTUnwrap(page.words.first { $0.text == "11" }, "\(page.words.map(\.text))")
        let day = try XCTUnwrap(page.words.first { $0.text == "08" })
        XCTAssertTrue(inside(eleven.box, pixels(x: 82, y: 714, width: 150, height: 20)), "\(eleven.box)")
        XCTAssertTrue(inside(day.box, pixels(x: 418, y: 714, width: 22, height: 20)), "\(day.box)")
        // On the band of "Số:", left of the printed sign, on lines of their own.
        let so = try XCTUnwrap(page.words.first { $0.text == "Số:" })
        let sign = try XCTUnwrap(page.words.first { $0.text == "/TB-UBND" })
        XCTAssertLessThan(abs(eleven.box.midY - so.box.midY), so.box.height)
        XCTAssertTrue(so.box.maxX < eleven.box.x && eleven.box.maxX < sign.box.x, "\(so.box) \(eleven.box) \(sign.box)")
        let contentLines = Set(page.words.filter { $0.text != "11" && $0.text != "08" }.compactMap(\.line))
        XCTAssertFalse(contentLines.contains(try XCTUnwrap(eleven.line)))
        XCTAssertEqual(eleven.confidence, 100)
        // The page's own words under the widget are not read a second time.
        XCTAssertEqual(page.words.filter { $0.text == "/TB-UBND" }.count, 1)
        XCTAssertEqual(page.words.filter { $0.text == "Số:" }.count, 1)
        XCTAssertTrue(page.signatureFields.isEmpty, "widgets without a signature value are no signatures")
    }

    func testSignedSignatureFieldBecomesADigitalSignatureWithItsTime() throws {
        guard case .text(let page) = try read(try bornDigitalHeader(signingTime: "D:20240318084142+07'00'")) else {
            return XCTFail("not read from the text layer")
        }
        XCTAssertEqual(page.signatureFields.count, 1, "\(page.signatureFields)")
        let signature = try XCTUnwrap(page.signatureFields.first)
        XCTAssertEqual(signature.source, .signatureField)
        XCTAssertEqual(signature.signingTime, "2024-03-18T01:41:42+00:00")
        XCTAssertNil(signature.signedBy, "no certificate, no signer's name")
        XCTAssertEqual(signature.page, 1)
        let box = try XCTUnwrap(signature.box)
        let expected = pixels(x: 82, y: 714, width: 150, height: 20)
        XCTAssertEqual(Double(box.x), Double(expected.x), accuracy: 2)
        XCTAssertEqual(Double(box.y), Double(expected.y), accuracy: 2)
        XCTAssertEqual(Double(box.width), Double(expected.width), accuracy: 2)
    }

    /// A grey scanned page (paper with a dark block of "text") covering the whole A4 page.
    private func scanImage() -> PDFWriter.Image {
        let (w, h) = (248, 351)
        var pixels = [UInt8](repeating: 235, count: w * h)
        for y in 120..<200 { for x in 30..<220 { pixels[y * w + x] = 40 } }
        return PDFWriter.Image(
            width: w, height: h, components: 1, pixels: pixels, x: 0, y: 0, drawnWidth: 595.276, drawnHeight: 841.89)
    }

    private let overlay = [
        "Ký bởi: Sở Y tế tỉnh Bắc Giang", "Cơ quan: Tỉnh Bắc Giang", "Thời gian ký: 10/10/2022 15:20:11",
    ]

    func testOverlayWidgetOverAScanRidesOnTheImage() throws {
        // An empty widget listed first overlaps the middle of the overlay: the overlay's lines
        // stay whole.
        let pdf = try AnnotatedPDFWriter.page(
            image: scanImage(),
            widgets: [
                .init(x: 450, y: 760, width: 40, height: 70, lines: []),
                .init(x: 380, y: 770, width: 200, height: 50, lines: overlay, size: 9),
            ])
        guard case .image(_, let image) = try read(pdf, preprocessing: Preprocessing()) else {
            return XCTFail("the scan was not rendered for OCR")
        }
        let words = image.annotations.words
        let lines = Dictionary(grouping: words, by: { $0.line ?? 0 }).sorted { $0.key < $1.key }
            .map { $0.value.map(\.text).joined(separator: " ") }
        XCTAssertEqual(lines, overlay)
        let area = pixels(x: 380, y: 770, width: 200, height: 50)
        XCTAssertTrue(words.allSatisfy { inside($0.box, area) }, "\(words.map(\.box)) not in \(area)")
        // Smoothing (a scan's first step) keeps them; the image is still in the render's pixels.
        XCTAssertTrue(image.steps.contains("smooth"))
        XCTAssertEqual(image.dpi, 300)
    }

    /// A scan whose own text layer holds only the stamp (hidden text, as a signing service may
    /// write it): the layer is good Vietnamese but it is not the page's text, so the page is
    /// OCR'd, and the stamp's words go with the image.
    func testStampTextLayerOverAScanIsNotTakenForThePage() throws {
        let texts = overlay.enumerated().map { k, line in
            AnnotatedPDFWriter.Text(line, x: 390, y: 810 - Double(k) * 11, size: 9, invisible: true)
        }
        let pdf = try AnnotatedPDFWriter.page(image: scanImage(), texts: texts)
        guard case .image(_, let image) = try read(pdf) else {
            return XCTFail("a stamp's text layer was taken as the scanned page's text")
        }
        let words = image.annotations.words
        XCTAssertEqual(words.map(\.text).joined(separator: " "), overlay.joined(separator: " "))
        XCTAssertEqual(Set(words.compactMap(\.line)).count, 3)
        XCTAssertTrue(words.allSatisfy { inside($0.box, pixels(x: 385, y: 780, width: 200, height: 45)) })
    }

    /// A full OCR layer over a scan is still the page's text (the stamp rule is for small layers).
    func testFullTextLayerOverAScanIsStillTaken() throws {
        let line = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 của Quốc hội"
        let texts = (0..<40).map { AnnotatedPDFWriter.Text(line, x: 60, y: 780 - Double($0) * 18, invisible: true) }
        guard case .text(let page) = try read(try AnnotatedPDFWriter.page(image: scanImage(), texts: texts)) else {
            return XCTFail("the OCR layer of a whole page was not taken")
        }
        XCTAssertEqual(page.lines.count, 40)
        XCTAssertTrue(page.words.allSatisfy { $0.line! <= 40 }, "no annotation words on a page without annotations")
    }
}
