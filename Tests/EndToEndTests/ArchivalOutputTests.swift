import Foundation
import TestSupport
import XCTest

/// The archival outputs of the shared sample run (`--format …,pdf,alto,hocr,html`), checked
/// with poppler, qpdf and a real headless browser (Debian's chromium).
final class ArchivalOutputTests: XCTestCase {
    static func stem(_ sample: String) -> String {
        URL(fileURLWithPath: sample).deletingPathExtension().lastPathComponent
    }

    func tool(_ name: String, _ arguments: [String]) throws -> CommandResult {
        try runCommand(URL(fileURLWithPath: "/usr/bin/env"), [name] + arguments)
    }

    func testEverySampleHasItsArchivalOutputsAndThePDFTextIsTheRestoredText() throws {
        let (run, output) = try SampleRun.shared()
        XCTAssertEqual(run.status, 0, run.stderr)
        for sample in SampleRun.samples {
            let stem = Self.stem(sample)
            for ext in ["alto.xml", "hocr", "html"] {
                XCTAssertTrue(
                    FileManager.default.fileExists(atPath: output.appendingPathComponent("\(stem).\(ext)").path),
                    "\(stem).\(ext)")
            }
            let pdf = output.appendingPathComponent("\(stem).pdf")
            guard !sample.hasSuffix(".txt") else {
                XCTAssertFalse(FileManager.default.fileExists(atPath: pdf.path), "a text input has no page images")
                continue
            }
            let check = try tool("qpdf", ["--check", pdf.path])
            XCTAssertEqual(check.status, 0, "\(stem): \(check.stdout)")
            // Word for word, page by page: the PDF's text (in content order) is the restored .txt,
            // beside whatever text the input's own pages already carried (the stamp layer of a
            // signed gazette copy), which is kept as it was.
            let restored = try String(contentsOf: output.appendingPathComponent("\(stem).txt"), encoding: .utf8)
            let restoredPages = restored.split(separator: "\u{0C}", omittingEmptySubsequences: false)
            for (index, restoredPage) in restoredPages.enumerated() {
                let page = ["-f", "\(index + 1)", "-l", "\(index + 1)", "-raw"]
                let pdfWords = try tool("pdftotext", page + [pdf.path, "-"]).stdout.split(
                    whereSeparator: \.isWhitespace)
                let kept =
                    sample.hasSuffix(".pdf")
                    ? try tool("pdftotext", page + [Fixtures.repositoryRoot.appendingPathComponent(sample).path, "-"])
                        .stdout.split(whereSeparator: \.isWhitespace) : []
                let txtWords = restoredPage.split(whereSeparator: \.isWhitespace)
                if !kept.isEmpty && kept == pdfWords {
                    // A page whose own text layer was used is copied as it is: its restored text
                    // (stamps left out by the layout stage) is all there.
                    var counts: [Substring: Int] = [:]
                    for word in pdfWords { counts[word, default: 0] += 1 }
                    for word in txtWords { counts[word, default: 0] -= 1 }
                    XCTAssertFalse(
                        counts.values.contains { $0 < 0 }, "\(stem) page \(index + 1): restored words missing")
                    continue
                }
                let layer = Self.removing(kept, from: pdfWords)
                XCTAssertTrue(
                    layer == txtWords,
                    "\(stem) page \(index + 1): the PDF's words (\(layer.count) besides the input's \(kept.count))"
                        + " differ from the restored text (\(txtWords.count))")
            }
            if sample.contains("scanned") {
                let ratio =
                    Double(try Data(contentsOf: pdf).count)
                    / Double(try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent(sample)).count)
                XCTAssertLessThanOrEqual(ratio, 1.1, "\(stem): size ratio \(ratio)")
            }
        }
    }

    /// `words` without `kept` taken out as a subsequence (first matches first).
    static func removing(_ kept: [Substring], from words: [Substring]) -> [Substring] {
        var next = kept.startIndex
        var rest: [Substring] = []
        for word in words {
            if next < kept.endIndex && word == kept[next] {
                next += 1
            } else {
                rest.append(word)
            }
        }
        return next == kept.endIndex ? rest : words
    }

    /// Chromium renders a review page: the page image and the highlights show (pixels of the
    /// page's text and of the highlight colours in the screenshot), the flagged words are in the
    /// DOM, and every link of the index leads to a file that exists.
    func testReviewPageRendersInAHeadlessBrowser() throws {
        let (_, output) = try SampleRun.shared()
        let chromium = try XCTUnwrap(
            ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
                FileManager.default.isExecutableFile(atPath: $0)
            },
            "chromium is not installed (scripts/install-deps installs it)")
        let page = output.appendingPathComponent("001-bacgiang-2022-scanned.html")
        let dir = try Fixtures.temporaryDirectory("browser")
        let shot = dir.appendingPathComponent("review.png")
        let flags = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(dir.path)/profile",
        ]
        let taken = try runCommand(
            URL(fileURLWithPath: chromium),
            flags + ["--window-size=1366,1400", "--screenshot=\(shot.path)", page.absoluteString])
        XCTAssertTrue(FileManager.default.fileExists(atPath: shot.path), taken.stderr)
        let analysis = try runCommand(URL(fileURLWithPath: "/usr/bin/python3"), ["-c", Self.pngAnalysis, shot.path])
        XCTAssertEqual(analysis.status, 0, analysis.stderr)
        let figures = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(analysis.stdout.utf8)) as? [String: Double])
        XCTAssertGreaterThan(figures["dark_left"] ?? 0, 0.002, "the page image's text shows on the left: \(figures)")
        XCTAssertGreaterThan(figures["dark_right"] ?? 0, 0.002, "the restored text shows on the right: \(figures)")
        XCTAssertGreaterThan(figures["field_outline"] ?? 0, 50, "field boxes are drawn on the image: \(figures)")

        let dom = try runCommand(URL(fileURLWithPath: chromium), flags + ["--dump-dom", page.absoluteString]).stdout
        XCTAssertTrue(dom.contains("<img src=\"001-bacgiang-2022-scanned.pages/page-1.png\""))
        let html = try String(contentsOf: page, encoding: .utf8)
        let flagged = html.components(separatedBy: "data-flag=\"").count - 1
        XCTAssertEqual(
            dom.components(separatedBy: "data-flag=\"").count - 1, flagged, "the browser's DOM has every flagged word")
        XCTAssertTrue(dom.contains("class=\"box field\""))

        let index = output.appendingPathComponent("index.html")
        let indexDOM = try runCommand(URL(fileURLWithPath: chromium), flags + ["--dump-dom", index.absoluteString])
            .stdout
        let links = indexDOM.components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(links.count, SampleRun.samples.count, "one link per converted sample")
        for link in links {
            let target = output.appendingPathComponent(link.removingPercentEncoding ?? link)
            XCTAssertTrue(FileManager.default.fileExists(atPath: target.path), "index link \(link) resolves")
        }
        for image in html.components(separatedBy: "<img src=\"").dropFirst().map({ String($0.prefix { $0 != "\"" }) }) {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(image).path), image)
        }
    }

    /// Reads an 8-bit RGB(A) PNG (what chromium writes) with the standard library and prints the
    /// share of dark pixels in the left and right halves below the header, and the number of
    /// pixels of the field boxes' dashed green.
    static let pngAnalysis = """
        import json, struct, sys, zlib
        data = open(sys.argv[1], 'rb').read()
        pos, idat = 8, b''
        while pos < len(data):
            n, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + n]
            if kind == b'IHDR': w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
            if kind == b'IDAT': idat += body
            pos += 12 + n
        bpp = {2: 3, 6: 4}[ctype]
        raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
        for y in range(h):
            f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                if f == 1: line[i] = (line[i] + a) & 255
                elif f == 2: line[i] = (line[i] + b) & 255
                elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
                elif f == 4:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
            rows.append(line)
            prev = line
        def px(x, y):
            r = rows[y]
            return r[x * bpp], r[x * bpp + 1], r[x * bpp + 2]
        top = h // 3
        dark = lambda x0, x1: sum(1 for y in range(top, h, 2) for x in range(x0, x1, 2) if sum(px(x, y)) < 300) / ((h - top) * (x1 - x0) / 4)
        green = sum(1 for y in range(0, h, 1) for x in range(0, w // 2) if abs(px(x, y)[0] - 34) < 20 and abs(px(x, y)[1] - 170) < 25 and abs(px(x, y)[2] - 119) < 25)
        print(json.dumps({'dark_left': dark(0, w // 2), 'dark_right': dark(w // 2, w), 'field_outline': green}))
        """
}
