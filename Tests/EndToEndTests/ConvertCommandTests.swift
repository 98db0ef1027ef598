import Foundation
import TestSupport
import XCTest

/// Runs the built `vietdoc convert` on the samples and on bad inputs, as a user would.
final class ConvertCommandTests: XCTestCase {
    private var vietdoc: URL { Fixtures.vietdocBinary }

    private func convertAllSamples() throws -> (result: CommandResult, output: URL) { try SampleRun.shared() }

    func testEverySampleGetsTextAndRecordAndStdoutStaysClean() throws {
        let (result, output) = try convertAllSamples()
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        let samples = try FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path)
        XCTAssertGreaterThanOrEqual(samples.count, 5)
        for name in samples {
            let stem = (name as NSString).deletingPathExtension
            for ext in ["txt", "json", "md"] {
                XCTAssertTrue(
                    FileManager.default.fileExists(atPath: output.appendingPathComponent("\(stem).\(ext)").path),
                    "\(stem).\(ext)")
            }
            let record =
                try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("\(stem).json")))
                as! [String: Any]
            let source = record["source"] as! [String: Any]
            XCTAssertEqual((source["sha256"] as! String).count, 64)
            XCTAssertNotNil(record["schema_version"])
        }
        let jsonl = try String(contentsOf: output.appendingPathComponent("records.jsonl"), encoding: .utf8)
        XCTAssertEqual(jsonl.split(separator: "\n").count, samples.count)
        for table in ["documents.csv", "sections.csv"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(table).path), table)
        }
    }

    func testEveryRecordProducedValidatesAgainstThePublishedSchema() throws {
        let (_, output) = try convertAllSamples()
        let records = try FileManager.default.contentsOfDirectory(atPath: output.path)
            .filter { $0.hasSuffix(".json") || $0 == "records.jsonl" }.sorted()
            .map { output.appendingPathComponent($0).path }
        XCTAssertGreaterThan(records.count, 5)
        let script = Fixtures.repositoryRoot.appendingPathComponent("scripts/validate-records")
        let result = try runCommand(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path] + records)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    }

    func testScannedAndTextLayerPagesAreTaggedByMethodAndKind() throws {
        let (_, output) = try convertAllSamples()
        func record(_ stem: String) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("\(stem).json")))
                as! [String: Any]
        }
        let scanned = try record("001-bacgiang-2022-scanned")
        XCTAssertEqual((scanned["source"] as! [String: Any])["kind"] as? String, "scanned_pdf")
        let scannedPages = scanned["pages"] as! [[String: Any]]
        XCTAssertTrue(scannedPages.allSatisfy { $0["method"] as? String == "ocr" })
        XCTAssertFalse((scannedPages[0]["words"] as! [Any]).isEmpty, "OCR words with boxes are kept")
        let text = try record("004-muongte-2022-text")
        XCTAssertEqual((text["source"] as! [String: Any])["kind"] as? String, "text_pdf")
        XCTAssertTrue((text["pages"] as! [[String: Any]]).allSatisfy { $0["method"] as? String == "text_layer" })
        let dump = try record("000-laocai-2023-ocr")
        XCTAssertEqual((dump["source"] as! [String: Any])["kind"] as? String, "text")
    }

    func testTextOutputSeparatesPagesWithFormFeedOnly() throws {
        let (_, output) = try convertAllSamples()
        let text = try String(contentsOf: output.appendingPathComponent("004-muongte-2022-text.txt"), encoding: .utf8)
        let gold = try String(
            contentsOf: Fixtures.repositoryRoot.appendingPathComponent("gold/text/004-muongte-2022-text.txt"),
            encoding: .utf8)
        XCTAssertEqual(text.components(separatedBy: "\u{0C}").count, gold.components(separatedBy: "\u{0C}").count)
    }

    func testNoRestoreKeepsTheTextInputsWords() throws {
        let output = try Fixtures.temporaryDirectory("convert-norestore")
        let input = Fixtures.sample("002-laichau-2025-ocr.txt")
        let result = try runCommand(vietdoc, ["convert", input.path, "-o", output.path, "--no-restore"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let original = try String(contentsOf: input, encoding: .utf8)
        let written = try String(contentsOf: output.appendingPathComponent("002-laichau-2025-ocr.txt"), encoding: .utf8)
        // The layout stage only puts the two-column rows in reading order: every word is kept
        // as it was read, none is changed.
        let words = { (s: String) in s.split(whereSeparator: { $0.isWhitespace }).map(String.init).sorted() }
        XCTAssertEqual(words(written), words(original))
        XCTAssertTrue(written.hasPrefix("UBND TINH LAICHAU\nSOY TE\n"), String(written.prefix(80)))
    }

    func testBadInputsAreEachReportedAndTheOthersStillConvert() throws {
        let bad = try BadInputs.make()
        let output = try Fixtures.temporaryDirectory("convert-bad")
        let good = Fixtures.sample("000-laocai-2023-ocr.txt")
        let result = try runCommand(vietdoc, ["convert", good.path] + bad.all.map(\.path) + ["-o", output.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(
            FileManager.default.fileExists(atPath: output.appendingPathComponent("000-laocai-2023-ocr.json").path))
        let lines = result.stderr.split(separator: "\n").map(String.init)
        for (url, expected) in bad.expectations {
            XCTAssertTrue(
                lines.contains { $0.contains(url.path) && $0.lowercased().contains(expected) },
                "no line names \(url.lastPathComponent) with '\(expected)':\n\(result.stderr)")
            let stem = (url.lastPathComponent as NSString).deletingPathExtension
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(stem).json").path))
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
    }

    func testUnwritableOutputFolderFailsWithOneLine() throws {
        let dir = try Fixtures.temporaryDirectory("convert-unwritable")
        let blocker = dir.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: blocker)
        let result = try runCommand(
            vietdoc,
            [
                "convert", Fixtures.sample("000-laocai-2023-ocr.txt").path, "-o",
                blocker.appendingPathComponent("out").path,
            ])
        XCTAssertEqual(result.status, 73, "an unwritable -o has its own exit code")
        XCTAssertTrue(result.stderr.contains(blocker.path), result.stderr)
    }

    func testUsageErrorsExitWith64() throws {
        XCTAssertEqual(try runCommand(vietdoc, ["convert", "-o", "/tmp/x", "--jobs", "0", "a.pdf"]).status, 64)
        XCTAssertEqual(try runCommand(vietdoc, ["convert", "a.pdf"]).status, 64)
        XCTAssertEqual(try runCommand(vietdoc, ["convert", "a.pdf", "-o", "/tmp/x", "--format", "docx"]).status, 64)
        XCTAssertEqual(
            try runCommand(vietdoc, ["convert", "a.pdf", "-o", ""]).status, 64, "-o \"\" is not the current folder")
        XCTAssertEqual(try runCommand(vietdoc, ["convert", "a.pdf", "-o", "/tmp/x", "--shard", "3/2"]).status, 64)
        XCTAssertEqual(try runCommand(vietdoc, ["convert", "a.pdf", "-o", "/tmp/x", "--shard", "x"]).status, 64)
    }

    func testMissingLanguageDataExitsWith69AndNamesThePackage() throws {
        let output = try Fixtures.temporaryDirectory("convert-nolang")
        let result = try runCommand(
            vietdoc,
            ["convert", Fixtures.sample("001-bacgiang-2022-page1.png").path, "-o", output.path, "--lang", "vie+fra"])
        XCTAssertEqual(result.status, 69, result.stderr)
        XCTAssertTrue(result.stderr.contains("tesseract-ocr-fra"), result.stderr)
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: output.appendingPathComponent("001-bacgiang-2022-page1.json").path))
    }

    func testHelpReadsWell() throws {
        let help = try runCommand(vietdoc, ["convert", "--help"])
        XCTAssertEqual(help.status, 0)
        for flag in [
            "--output", "--format", "--lang", "--jobs", "--page-timeout", "--no-restore", "--force", "--files-from",
            "--shard",
        ] {
            XCTAssertTrue(help.stdout.contains(flag), flag)
        }
    }
}
