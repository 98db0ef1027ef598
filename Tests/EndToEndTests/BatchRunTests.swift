import Catalog
import Foundation
import TestSupport
import XCTest

/// Archive batch mode as an archivist uses it: folders, bad files, kill and resume, skip and
/// --force, shards, progress on a terminal against a pipe, Ctrl-C.
final class BatchRunTests: XCTestCase {
    private var vietdoc: URL { Fixtures.vietdocBinary }

    /// A small archive: text dumps, a one-page scan, a scanned PDF, a text-layer PDF, nested
    /// folders, an unsupported file and a damaged PDF.
    private func makeArchive() throws -> URL {
        let root = try Fixtures.temporaryDirectory("archive")
        let fm = FileManager.default
        let layout: [(String, String)] = [
            ("000-laocai-2023-ocr.txt", "2023/lao-cai/000.txt"),
            ("002-laichau-2025-ocr.txt", "2025/lai-chau/002.txt"),
            ("001-bacgiang-2022-page1.png", "2022/bac-giang/page1.png"),
            ("001-bacgiang-2022-scanned.pdf", "2022/bac-giang/scanned.pdf"),
            ("004-muongte-2022-text.pdf", "2022/muong-te/plan.pdf"),
        ]
        for (sample, path) in layout {
            let target = root.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: Fixtures.sample(sample), to: target)
        }
        try Data("not a plan".utf8).write(to: root.appendingPathComponent("2023/readme.docx"))
        let pdf = try Data(contentsOf: Fixtures.sample("004-muongte-2022-text.pdf"))
        try pdf.prefix(pdf.count / 4).write(to: root.appendingPathComponent("2023/damaged.pdf"))
        return root
    }

    private func statusLines(_ output: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: output.appendingPathComponent("status.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// Every regular file below `root` (catalog, status and lock aside) with its bytes, each of
    /// `prefixes` (where the archive was) replaced by one placeholder.
    private func snapshot(_ root: URL, replacing prefixes: String...) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in walker
        where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(root.standardizedFileURL.path.count + 1))
            if relative.hasPrefix("catalog.sqlite") || relative == "status.jsonl" || relative == ".vietdoc.lock" {
                continue
            }
            var text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            for prefix in prefixes { text = text.replacingOccurrences(of: prefix, with: "ARCHIVE") }
            files[relative] = Data(text.utf8)
        }
        return files
    }

    func testFolderBatchMirrorsTreeReportsBadFilesAndSkipsCurrentOnRerun() throws {
        let archive = try makeArchive()
        let output = try Fixtures.temporaryDirectory("batch-out")
        let first = try runCommand(vietdoc, ["convert", archive.path, "-o", output.path])
        XCTAssertEqual(first.status, 1, "a damaged file makes the exit code 1: \(first.stderr)")
        XCTAssertTrue(first.stderr.contains("damaged.pdf"), first.stderr)
        XCTAssertTrue(first.stderr.contains("readme.docx"), "unsupported files are listed as skipped")
        for stem in [
            "2023/lao-cai/000", "2025/lai-chau/002", "2022/bac-giang/page1", "2022/bac-giang/scanned",
            "2022/muong-te/plan",
        ] {
            XCTAssertTrue(
                FileManager.default.fileExists(atPath: output.appendingPathComponent("\(stem).json").path), stem)
        }
        let firstStatus = try statusLines(output)
        XCTAssertEqual(firstStatus.count, 7, "one status line per input, the unsupported file too")
        XCTAssertEqual(firstStatus.filter { $0["status"] as? String == "failed" }.count, 1)
        XCTAssertEqual(firstStatus.filter { $0["status"] as? String == "skipped" }.count, 1)
        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("catalog.sqlite").path))

        let second = try runCommand(vietdoc, ["convert", archive.path, "-o", output.path])
        XCTAssertEqual(second.status, 1)
        let secondStatus = try statusLines(output)
        XCTAssertEqual(
            secondStatus.filter { $0["status"] as? String == "skipped" }.count, 6, "current outputs are skipped")

        let forced = try runCommand(vietdoc, ["convert", archive.path, "-o", output.path, "--force"])
        XCTAssertEqual(forced.status, 1)
        XCTAssertEqual(try statusLines(output).filter { $0["status"] as? String == "converted" }.count, 5)
    }

    /// Killed with `kill -9`, then the archive is moved, then two reruns start at once: one
    /// stops on the output folder's lock (exit 75), the other resumes from the new place and
    /// ends with the same outputs as an uninterrupted run (the archive's path in the records
    /// aside), converting each document exactly once.
    func testKilledRunResumesAfterAMoveToTheSameBytesAsAnUninterruptedRun() throws {
        let archive = try makeArchive()
        try FileManager.default.removeItem(at: archive.appendingPathComponent("2023/damaged.pdf"))
        let reference = try Fixtures.temporaryDirectory("batch-reference")
        let formats = ["--format", "txt,json,md,jsonl,csv"]
        XCTAssertEqual(
            try runCommand(vietdoc, ["convert", archive.path, "-o", reference.path, "--jobs", "2"] + formats).status, 0)

        let resumed = try Fixtures.temporaryDirectory("batch-resumed")
        let process = try startCommand(vietdoc, ["convert", archive.path, "-o", resumed.path, "--jobs", "1"] + formats)
        // Kill once the first document is written and the run is still going.
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            let written = (FileManager.default.enumerator(atPath: resumed.path)?.allObjects as? [String] ?? [])
                .filter { $0.hasSuffix(".json") }
            if !written.isEmpty { break }
            usleep(20_000)
        }
        XCTAssertTrue(process.isRunning, "the run ended before it could be killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        XCTAssertFalse(FileManager.default.fileExists(atPath: resumed.appendingPathComponent("records.jsonl").path))

        let moved = archive.deletingLastPathComponent().appendingPathComponent("moved-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: archive, to: moved)
        let rival = Process()
        rival.executableURL = vietdoc
        rival.arguments = ["convert", moved.path, "-o", resumed.path, "--jobs", "1"] + formats
        rival.standardError = FileHandle.nullDevice
        try rival.run()
        let rerun = try runCommand(vietdoc, ["convert", moved.path, "-o", resumed.path, "--jobs", "1"] + formats)
        rival.waitUntilExit()
        XCTAssertEqual(
            [rerun.status, rival.terminationStatus].sorted(), [0, 75],
            "one run resumes, the other stops on the lock: \(rerun.stderr)")
        if rerun.status == 75 {
            XCTAssertTrue(rerun.stderr.contains("another vietdoc run"), rerun.stderr)
        } else {
            XCTAssertTrue(
                try statusLines(resumed).contains { $0["status"] as? String == "skipped" },
                "the rerun kept finished work")
        }
        let rows = try CatalogStore(readOnly: resumed.appendingPathComponent("catalog.sqlite")).documents()
        XCTAssertEqual(rows.count, 6, "one row per input, none piled up by the move: \(rows.map(\.documentID))")
        let expected = try snapshot(reference, replacing: archive.path)
        let actual = try snapshot(resumed, replacing: archive.path, moved.path)
        XCTAssertEqual(Set(actual.keys), Set(expected.keys))
        for (path, bytes) in expected {
            XCTAssertEqual(
                actual[path], bytes, "\(path) differs after kill, move and resume (or between --jobs 1 and 2)")
        }
    }

    /// The page files of the journals in `output`'s work area.
    private func journaledPages(_ output: URL) -> [String] {
        let work = output.appendingPathComponent(".vietdoc-work").path
        return (FileManager.default.enumerator(atPath: work)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".json") && $0.contains("/page-") }
    }

    /// Starts a conversion and signals it once its journal holds more than `after` pages;
    /// returns the exit status and how many pages the journal holds once it has ended.
    private func interrupt(
        _ arguments: [String], output: URL, after: Int, with signal: Int32
    ) throws -> (status: Int32, journaled: Int) {
        let process = try startCommand(vietdoc, arguments)
        let deadline = Date().addingTimeInterval(300)
        while process.isRunning && Date() < deadline && journaledPages(output).count <= after { usleep(20_000) }
        XCTAssertTrue(process.isRunning, "the run ended before it could be interrupted")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        return (process.terminationStatus, journaledPages(output).count)
    }

    /// A long scanned PDF interrupted mid-document (SIGTERM, then `kill -9` of the rerun) keeps
    /// its finished pages: the next run OCRs only the others, and ends with the outputs of an
    /// uninterrupted run; the journal is gone once the document is done.
    func testALongPDFInterruptedMidDocumentResumesFromItsFinishedPages() throws {
        let archive = try Fixtures.temporaryDirectory("long-pdf")
        let scans = PDFWriter.jpegImages(in: try Data(contentsOf: Fixtures.sample("004-muongte-2022-scanned.pdf")))
        XCTAssertGreaterThanOrEqual(scans.count, 5)
        // Each scan drawn on a half-size page: real text, a quarter of the pixels to OCR.
        let pages = scans.prefix(5).map { image -> PDFWriter.Page in
            var half = image
            half.drawnWidth /= 2
            half.drawnHeight /= 2
            return PDFWriter.Page(width: half.drawnWidth, height: half.drawnHeight, images: [half])
        }
        let pdf = archive.appendingPathComponent("long.pdf")
        try PDFWriter.document(pages).write(to: pdf)
        let formats = ["--format", "txt,json,md"]
        let reference = try Fixtures.temporaryDirectory("long-reference")
        let clean = try runCommand(vietdoc, ["convert", archive.path, "-o", reference.path, "--jobs", "2"] + formats)
        XCTAssertEqual(clean.status, 0, clean.stderr)

        let output = try Fixtures.temporaryDirectory("long-resumed")
        let arguments = ["convert", archive.path, "-o", output.path, "--jobs", "1"] + formats
        let terminated = try interrupt(arguments, output: output, after: 0, with: SIGTERM)
        XCTAssertEqual(terminated.status, 130)
        XCTAssertGreaterThanOrEqual(terminated.journaled, 1, "SIGTERM keeps the pages already OCR'd")
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.appendingPathComponent("long.json").path))
        let killed = try interrupt(arguments, output: output, after: terminated.journaled, with: SIGKILL)
        XCTAssertEqual(killed.status, SIGKILL)
        XCTAssertGreaterThan(killed.journaled, terminated.journaled, "the rerun went on from the kept pages")
        XCTAssertLessThan(killed.journaled, pages.count)

        let resumed = try runCommand(vietdoc, arguments + ["--verbose"])
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let status = try XCTUnwrap(try statusLines(output).first)
        XCTAssertEqual(status["resumed_pages"] as? Int, killed.journaled, "the kept pages were not OCR'd again")
        XCTAssertTrue(
            resumed.stderr.contains("(\(pages.count) pages, \(killed.journaled) kept from an interrupted run)"),
            resumed.stderr)
        XCTAssertTrue(
            resumed.stderr.contains("; \(pages.count - killed.journaled) pages in "),
            "only the other pages were read: \(resumed.stderr)")
        XCTAssertFalse(
            FileManager.default.fileExists(atPath: output.appendingPathComponent(".vietdoc-work").path),
            "the journal is removed once the document is done")
        let expected = try snapshot(reference)
        let actual = try snapshot(output)
        XCTAssertEqual(Set(actual.keys), Set(expected.keys))
        for (path, bytes) in expected {
            XCTAssertEqual(actual[path], bytes, "\(path) differs from the uninterrupted run's")
        }
    }

    func testShardsTogetherCoverTheArchiveOnce() throws {
        let archive = try makeArchive()
        try FileManager.default.removeItem(at: archive.appendingPathComponent("2022/bac-giang/scanned.pdf"))
        try FileManager.default.removeItem(at: archive.appendingPathComponent("2022/bac-giang/page1.png"))
        var seen: [String] = []
        var shardDirectories: [String] = []
        for index in 0..<3 {
            let output = try Fixtures.temporaryDirectory("shard-\(index)")
            shardDirectories.append(output.path)
            _ = try runCommand(vietdoc, ["convert", archive.path, "-o", output.path, "--shard", "\(index)/3"])
            seen += try statusLines(output).map { $0["path"] as! String }
        }
        let all = try Fixtures.temporaryDirectory("shard-all")
        _ = try runCommand(vietdoc, ["convert", archive.path, "-o", all.path])
        let everything = try statusLines(all).map { $0["path"] as! String }
        XCTAssertEqual(seen.sorted(), everything.sorted(), "the shards are the whole set with no overlap")

        let merged = try Fixtures.temporaryDirectory("shard-merged")
        let merge = try runCommand(vietdoc, ["catalog", "merge"] + shardDirectories + ["-o", merged.path])
        XCTAssertEqual(merge.status, 0, merge.stderr)
        for query in ["ke hoach", "kế hoạch", "chuyen giao ky thuat"] {
            let fromMerged = try runCommand(vietdoc, ["search", query, "--catalog", merged.path, "--json"])
            let fromOne = try runCommand(vietdoc, ["search", query, "--catalog", all.path, "--json"])
            XCTAssertEqual(fromMerged.stdout, fromOne.stdout, query)
        }
    }

    func testProgressBarOnATerminalAndOneSummaryLineOnAPipe() throws {
        let output = try Fixtures.temporaryDirectory("progress")
        let input = Fixtures.sample("000-laocai-2023-ocr.txt").path
        let piped = try runCommand(vietdoc, ["convert", input, "-o", output.path, "--force"])
        XCTAssertEqual(piped.status, 0)
        XCTAssertFalse(piped.stderr.contains("\r"), "no bar when stderr is a pipe")
        XCTAssertEqual(piped.stderr.split(separator: "\n").count, 1, "one summary line: \(piped.stderr)")

        // `script` gives the command a pseudo-terminal.
        let command = [vietdoc.path, "convert", input, "-o", output.path, "--force"].map { "'\($0)'" }.joined(
            separator: " ")
        let onTerminal = try runCommand(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
        XCTAssertEqual(onTerminal.status, 0, onTerminal.stdout)
        XCTAssertTrue(
            onTerminal.stdout.contains("\r"),
            "a live bar is redrawn on a terminal: \(onTerminal.stdout.debugDescription)")
    }

    func testCtrlCStopsWithExitCode130AndLeavesNoPartialFiles() throws {
        let output = try Fixtures.temporaryDirectory("interrupt")
        let process = try startCommand(
            vietdoc,
            [
                "convert", Fixtures.sample("004-muongte-2022-scanned.pdf").path, "-o", output.path, "--jobs", "1",
            ])
        usleep(1_500_000)
        XCTAssertTrue(process.isRunning)
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 130)
        let left = try FileManager.default.contentsOfDirectory(atPath: output.path)
        XCTAssertFalse(left.contains { $0.hasSuffix(".tmp") || $0.hasSuffix(".json") }, "\(left)")
    }
}
