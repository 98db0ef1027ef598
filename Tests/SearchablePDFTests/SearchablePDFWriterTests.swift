import CPoppler
import Foundation
import SearchablePDF
import TestSupport
import VietdocCore
import XCTest

/// The searchable PDF checked with the tools an archivist's viewer relies on: poppler
/// (pdftotext, pdffonts, its find API) and qpdf --check.
final class SearchablePDFWriterTests: XCTestCase {
    static let frame = PageFrame(width: 2480, height: 3508, dpi: 300)

    /// Restored lines placed at known boxes (pixels of a 300 dpi A4 page).
    static func lines() -> [PlacedLine] {
        func line(_ number: Int, _ y: Int, _ words: [String]) -> PlacedLine {
            var x = 300
            return PlacedLine(
                number: number,
                words: words.map { text in
                    defer { x += text.count * 30 + 40 }
                    return PlacedWord(
                        text: text, ocrText: VietnameseText.stripDiacritics(text), confidence: 80,
                        box: BoundingBox(x: x, y: y, width: text.count * 30, height: 50))
                })
        }
        return [
            line(1, 400, ["KẾ", "HOẠCH"]), line(2, 500, ["Triển", "khai", "Tết", "Trung", "thu"]),
            line(3, 600, ["Số:", "45/KH-SYT", "Đồng", "Hỷ"]),
        ]
    }

    static let metadata = SearchablePDFWriter.Metadata(
        title: "Triển khai Tết Trung thu", number: "45/KH-SYT", issuer: "SỞ Y TẾ", type: "KẾ HOẠCH",
        date: "2024-03-05", producer: "vietdoc test")

    func make(_ source: SearchablePDFWriter.Source, pages: [SearchablePDFWriter.Page], pdfA: Bool = false) throws -> URL
    {
        let made = try SearchablePDFWriter.make(
            source: source, pages: pages, metadata: Self.metadata, pdfA: pdfA, tessdata: nil, outputPath: "out.pdf")
        XCTAssertEqual(made.warnings, [])
        let url = try Fixtures.temporaryDirectory("pdf").appendingPathComponent("out.pdf")
        try made.data.write(to: url)
        return url
    }

    func tool(_ name: String, _ arguments: [String]) throws -> CommandResult {
        try runCommand(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
    }

    func testAScannedPDFKeepsItsPagesAndGainsTheRestoredText() throws {
        let input = Fixtures.sample("001-bacgiang-2022-scanned.pdf")
        let pages = [
            SearchablePDFWriter.Page(method: .ocr, frame: Self.frame, lines: Self.lines()),
            SearchablePDFWriter.Page(method: .ocr, frame: Self.frame, lines: []),
            SearchablePDFWriter.Page(method: .textLayer, frame: nil, lines: []),
        ]
        let output = try make(.pdf(input), pages: pages)
        let check = try tool("qpdf", ["--check", output.path])
        XCTAssertEqual(check.status, 0, check.stdout + check.stderr)

        // The text layer holds the restored words, in NFC, word for word and line by line.
        let text = try tool("pdftotext", ["-raw", "-f", "1", "-l", "1", output.path, "-"]).stdout
        XCTAssertEqual(
            text.split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty },
            Self.lines().map { $0.words.map(\.text).joined(separator: " ") })
        XCTAssertEqual(text, VietnameseText.nfc(text))

        // The font is embedded and maps back to Unicode.
        let fonts = try tool("pdffonts", [output.path]).stdout
        let row = try XCTUnwrap(fonts.split(separator: "\n").first { $0.hasPrefix("GlyphLessFont") })
        XCTAssertTrue(row.contains("Identity-H"))
        XCTAssertEqual(row.split(separator: " ").filter { $0 == "yes" || $0 == "no" }, ["yes", "no", "yes"])

        // The page images are the input's, byte for byte (JPEG streams copied, not re-encoded).
        let before = try tool("pdfimages", ["-list", input.path]).stdout
        let after = try tool("pdfimages", ["-list", output.path]).stdout
        func images(_ listing: String) -> [String] {
            listing.split(separator: "\n").dropFirst(2).map {
                $0.split(separator: " ").prefix(10).joined(separator: " ")
            }
        }
        XCTAssertEqual(
            images(after).map { $0.split(separator: " ")[3...9] },
            images(before).map { $0.split(separator: " ")[3...9] })
        let inputBytes = try Data(contentsOf: input)
        let outputBytes = try Data(contentsOf: output)
        let firstImage = try rawStream(input, object: 4)
        XCTAssertGreaterThan(firstImage.count, 100_000)
        XCTAssertNotNil(outputBytes.range(of: firstImage), "the first page's JPEG is copied as it is")
        XCTAssertLessThan(Double(outputBytes.count) / Double(inputBytes.count), 1.1)
        XCTAssertTrue(try tool("pdfinfo", [output.path]).stdout.contains(#/Pages:\s+3\n/#))
    }

    /// A viewer's search (poppler's find, case-insensitive) finds the restored words at their
    /// place on the page; searching without marks finds them in the extracted text folded as a
    /// search index folds it. (Poppler's own IGNORE_DIACRITICS does not fold Vietnamese letters
    /// such as ế or Đ, whatever the PDF.)
    func testSearchFindsWordsWithAndWithoutDiacritics() throws {
        let output = try make(
            .pdf(Fixtures.sample("001-bacgiang-2022-scanned.pdf")),
            pages: [SearchablePDFWriter.Page(method: .ocr, frame: Self.frame, lines: Self.lines())])
        let hits = try find(["Trung thu", "Tết", "tết", "Đồng Hỷ", "hoạch", "45/KH-SYT"], in: output)
        for (query, rectangles) in hits {
            XCTAssertEqual(rectangles.count, 1, "one hit for \(query)")
        }
        // "Tết" is the third word of line 2: x = 300 + 5·30+40 + 4·30+40 = 650 px → 156 pt.
        let tet = try XCTUnwrap(hits.first { $0.0 == "Tết" }?.1.first)
        XCTAssertEqual(tet.x1, 650.0 * 72 / 300, accuracy: 2)
        XCTAssertEqual(841.92 - tet.y2, 500.0 * 72 / 300, accuracy: 6)
        XCTAssertEqual(try find(["Tet"], in: output)[0].1.count, 0, "poppler does not fold ế (see above)")
        let text = try tool("pdftotext", ["-f", "1", "-l", "1", output.path, "-"]).stdout
        let folded = VietnameseText.stripDiacritics(text).lowercased()
        for query in ["tet trung thu", "dong hy", "ke hoach"] {
            XCTAssertTrue(folded.contains(query), "accent-free search finds \(query)")
        }
    }

    func testAPNGIsEmbeddedWithItsCompressedDataAsItIs() throws {
        let input = Fixtures.sample("001-bacgiang-2022-page1.png")
        let output = try make(
            .image(
                input,
                decoded: { _ in
                    XCTFail("a PNG needs no decoding")
                    return nil
                }),
            pages: [SearchablePDFWriter.Page(method: .ocr, frame: Self.frame, lines: Self.lines())])
        XCTAssertEqual(try tool("qpdf", ["--check", output.path]).status, 0)
        let png = [UInt8](try Data(contentsOf: input))
        // The first IDAT chunk's data appears unchanged in the PDF.
        let idat = try XCTUnwrap(Data(png).range(of: Data("IDAT".utf8)))
        let length =
            Int(png[idat.lowerBound - 4]) << 24 | Int(png[idat.lowerBound - 3]) << 16
            | Int(png[idat.lowerBound - 2]) << 8 | Int(png[idat.lowerBound - 1])
        let chunk = Data(png[idat.upperBound..<(idat.upperBound + min(length, 4096))])
        XCTAssertNotNil(try Data(contentsOf: output).range(of: chunk))
        let size = try tool("pdfinfo", [output.path]).stdout
        XCTAssertTrue(size.contains("595.2 x 841.92 pts"), size)
        let words = try tool("pdftotext", ["-raw", output.path, "-"]).stdout.split(whereSeparator: \.isWhitespace)
        XCTAssertEqual(words.map(String.init), Self.lines().flatMap { $0.words.map(\.text) })
    }

    func testDecodedPixelsAreEmbeddedLosslesslyOneBitWhenBilevel() throws {
        var pixels = [UInt8](repeating: 255, count: 80 * 40)
        for i in stride(from: 0, to: pixels.count, by: 7) { pixels[i] = 0 }
        let image = GrayImage(width: 80, height: 40, pixels: pixels, bytesPerRow: 80, dpi: 100)
        let dir = try Fixtures.temporaryDirectory("pdf-image")
        let fake = dir.appendingPathComponent("page.tiff")
        try Data("II*\0".utf8).write(to: fake)
        let output = try make(
            .image(fake, decoded: { _ in image }),
            pages: [SearchablePDFWriter.Page(method: .failed, frame: nil, lines: [])])
        let list = try tool("pdfimages", ["-list", output.path]).stdout
        XCTAssertTrue(list.contains("80    40  gray    1   1"), list)
        // The embedded image, extracted again, has exactly the pixels given (PBM: 1 is black).
        let prefix = dir.appendingPathComponent("back")
        XCTAssertEqual(try tool("pdfimages", [output.path, prefix.path]).status, 0)
        let pbm = [UInt8](try Data(contentsOf: dir.appendingPathComponent("back-000.pbm")))
        let header = Array("P4\n80 40\n".utf8)
        XCTAssertEqual(Array(pbm.prefix(header.count)), header)
        let bits = Array(pbm.dropFirst(header.count))
        var mismatches = 0
        for y in 0..<40 {
            for x in 0..<80 {
                let black = bits[y * 10 + x / 8] & (0x80 >> UInt8(x % 8)) != 0
                if black != (pixels[y * 80 + x] == 0) { mismatches += 1 }
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    func testPDFAHasItsMetadataAndOutputIntent() throws {
        let output = try make(
            .pdf(Fixtures.sample("001-bacgiang-2022-scanned.pdf")),
            pages: [SearchablePDFWriter.Page(method: .ocr, frame: Self.frame, lines: Self.lines())], pdfA: true)
        XCTAssertEqual(try tool("qpdf", ["--check", output.path]).status, 0)
        let info = try tool("pdfinfo", ["-meta", output.path]).stdout
        for expected in [
            "<pdfaid:part>2</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>",
            "<rdf:li xml:lang=\"x-default\">Triển khai Tết Trung thu</rdf:li>",
            "<dc:identifier>45/KH-SYT</dc:identifier>",
            "<rdf:li>2024-03-05</rdf:li>", "<pdf:Producer>vietdoc test</pdf:Producer>",
        ] {
            XCTAssertTrue(info.contains(expected), "XMP has \(expected)")
        }
        let plain = try tool("pdfinfo", [output.path]).stdout
        XCTAssertTrue(plain.contains("Title:           Triển khai Tết Trung thu"), plain)
        XCTAssertTrue(plain.contains("Subject:         Số 45/KH-SYT"), plain)
        let root = try tool("qpdf", ["--show-object=trailer", output.path]).stdout
        XCTAssertTrue(root.contains("/ID ["))
        let catalog = try tool("qpdf", ["--json", "--json-key=qpdf", output.path]).stdout
        XCTAssertTrue(catalog.contains("/GTS_PDFA1"))
        XCTAssertTrue(catalog.contains("/OutputIntent"))
        // The metadata stream is stored unfiltered, as PDF/A asks.
        XCTAssertNotNil(try Data(contentsOf: output).range(of: Data("<pdfaid:part>2</pdfaid:part>".utf8)))
    }

    // MARK: - Helpers

    /// The raw (still encoded) bytes of stream `object` of `pdf`, as qpdf reads them.
    func rawStream(_ pdf: URL, object: Int) throws -> Data {
        let dir = try Fixtures.temporaryDirectory("raw")
        let out = dir.appendingPathComponent("stream")
        let result = try runCommand(
            URL(fileURLWithPath: "/bin/sh"),
            ["-c", "qpdf --show-object=\(object) --raw-stream-data '\(pdf.path)' > '\(out.path)'"])
        XCTAssertEqual(result.status, 0, result.stderr)
        return try Data(contentsOf: out)
    }

    /// Poppler's find on page 1, ignoring case and diacritics as a viewer's search box does.
    func find(_ queries: [String], in pdf: URL) throws -> [(String, [PopplerRectangle])] {
        var error: UnsafeMutablePointer<GError>?
        let uri = try XCTUnwrap(g_filename_to_uri(pdf.path, nil, &error))
        defer { g_free(uri) }
        let document = try XCTUnwrap(poppler_document_new_from_file(uri, nil, &error))
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        let page = try XCTUnwrap(poppler_document_get_page(document, 0))
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        let options = PopplerFindFlags(
            rawValue: POPPLER_FIND_IGNORE_DIACRITICS.rawValue | POPPLER_FIND_MULTILINE.rawValue)
        return queries.map { query in
            var rectangles: [PopplerRectangle] = []
            var list = poppler_page_find_text_with_options(page, query, options)
            let head = list
            while let node = list {
                if let data = node.pointee.data {
                    rectangles.append(data.assumingMemoryBound(to: PopplerRectangle.self).pointee)
                }
                list = node.pointee.next
            }
            g_list_free_full(head) { poppler_rectangle_free($0?.assumingMemoryBound(to: PopplerRectangle.self)) }
            return (query, rectangles)
        }
    }
}
