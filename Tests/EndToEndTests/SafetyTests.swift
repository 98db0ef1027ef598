import Catalog
import Foundation
import TestSupport
import XCTest

/// The promises of docs/BATCH.md under hostile and unlucky conditions, each made in the test:
/// no input is ever written, no output of one document replaces another's, no link is
/// followed, a full disk is an error, the tables describe every record, every file found is
/// accounted for.
final class SafetyTests: XCTestCase {
    private var vietdoc: URL { Fixtures.vietdocBinary }
    private let text = Fixtures.sample("000-laocai-2023-ocr.txt")
    private let otherText = Fixtures.sample("002-laichau-2025-ocr.txt")
    private let fm = FileManager.default

    private func folder(_ label: String, files: [String: URL]) throws -> URL {
        let root = try Fixtures.temporaryDirectory(label)
        for (path, sample) in files {
            let target = root.appendingPathComponent(path)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: sample, to: target)
        }
        return root
    }

    private func lines(_ url: URL) throws -> [String] {
        try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
    }

    private func catalogRows(_ output: URL) throws -> [CatalogDocument] {
        try CatalogStore(readOnly: output.appendingPathComponent("catalog.sqlite")).documents()
    }

    // MARK: - Inputs are never written (item 1)

    func testAnOutputFolderHoldingTheInputsNeverOverwritesThem() throws {
        let input = try folder("in", files: ["a.txt": text])
        let original = try Data(contentsOf: input.appendingPathComponent("a.txt"))
        for output in [input.path, ".", input.path + "/"] {
            let run = try runCommand(
                vietdoc, ["convert", input.appendingPathComponent("a.txt").path, "-o", output],
                currentDirectory: input)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertEqual(try Data(contentsOf: input.appendingPathComponent("a.txt")), original, "-o \(output)")
        }
        XCTAssertTrue(fm.fileExists(atPath: input.appendingPathComponent("a.txt.json").path))
        let folderRun = try runCommand(vietdoc, ["convert", input.path, "-o", input.path])
        XCTAssertEqual(folderRun.status, 64, "the input folder itself as -o is a usage error")
        XCTAssertTrue(folderRun.stderr.contains("input folder"), folderRun.stderr)
        XCTAssertEqual(try Data(contentsOf: input.appendingPathComponent("a.txt")), original)
    }

    // MARK: - Tables and document keys (items 2, 3, 7)

    func testTablesDescribeEveryRecordAcrossRunsAndListedFilesKeepTheirOutputs() throws {
        let a = try folder("folder-a", files: ["2023/x.txt": text])
        let b = try folder("folder-b", files: ["y.txt": otherText])
        let output = try Fixtures.temporaryDirectory("tables-out")
        let formats = ["--format", "txt,json,jsonl,csv"]
        XCTAssertEqual(try runCommand(vietdoc, ["convert", a.path, "-o", output.path] + formats).status, 0)
        XCTAssertEqual(try runCommand(vietdoc, ["convert", b.path, "-o", output.path] + formats).status, 0)
        XCTAssertEqual(try lines(output.appendingPathComponent("records.jsonl")).count, 2, "A is still in the table")
        let documents = try lines(output.appendingPathComponent("documents.csv"))
        XCTAssertEqual(documents.count, 3)
        XCTAssertTrue(documents.contains { $0.hasPrefix("2023/x,") }, "\(documents)")

        // The incremental recipe: a listed file below a converted folder keeps its mirrored output.
        let listed = try runCommand(
            vietdoc, ["convert", "--files-from", "-", "-o", output.path] + formats,
            stdin: a.appendingPathComponent("2023/x.txt").path + "\n")
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertFalse(fm.fileExists(atPath: output.appendingPathComponent("x.json").path), "not written flat")
        XCTAssertEqual(try lines(output.appendingPathComponent("records.jsonl")).count, 2, "the tables did not shrink")
        XCTAssertEqual(try catalogRows(output).count, 2)
    }

    func testAMovedArchiveOrAnotherSpellingIsRecognisedAsCurrent() throws {
        let parent = try Fixtures.temporaryDirectory("move")
        let archive = parent.appendingPathComponent("res")
        for (path, sample) in ["a/one.txt": text, "two.txt": otherText] {
            try fm.createDirectory(
                at: archive.appendingPathComponent(path).deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: sample, to: archive.appendingPathComponent(path))
        }
        let output = parent.appendingPathComponent("out")
        XCTAssertEqual(try runCommand(vietdoc, ["convert", "res", "-o", "out"], currentDirectory: parent).status, 0)
        let again = try runCommand(vietdoc, ["convert", "./res/", "-o", "out"], currentDirectory: parent)
        XCTAssertEqual(again.status, 0, again.stderr)
        let moved = parent.appendingPathComponent("moved-archive")
        try fm.moveItem(at: archive, to: moved)
        let afterMove = try runCommand(vietdoc, ["convert", moved.path, "-o", output.path])
        XCTAssertEqual(afterMove.status, 0, afterMove.stderr)
        let status = try lines(output.appendingPathComponent("status.jsonl"))
        XCTAssertEqual(status.count, 2)
        XCTAssertTrue(status.allSatisfy { $0.contains("outputs are current") }, "\(status)")
        let rows = try catalogRows(output)
        XCTAssertEqual(rows.map(\.documentID), ["a/one", "two"], "no rows piled up")
        XCTAssertTrue(rows.allSatisfy { $0.source.hasPrefix(moved.path) }, "the catalog knows where they are now")
        let search = try runCommand(vietdoc, ["search", "ke hoach", "--catalog", output.path, "--json"])
        let hits = try JSONSerialization.jsonObject(with: Data(search.stdout.utf8)) as! [[String: Any]]
        XCTAssertEqual(hits.count, Set(hits.map { $0["path"] as! String }).count, "each document found once")
    }

    func testSameNameFromAnotherFolderNeverReplacesAnotherDocumentsOutputs() throws {
        let dir1 = try folder("dir1", files: ["x.txt": text])
        let dir2 = try folder("dir2", files: ["x.txt": otherText])
        let output = try Fixtures.temporaryDirectory("same-name-out")
        XCTAssertEqual(
            try runCommand(vietdoc, ["convert", dir1.appendingPathComponent("x.txt").path, "-o", output.path]).status, 0
        )
        let first = try Data(contentsOf: output.appendingPathComponent("x.json"))
        let second = try runCommand(vietdoc, ["convert", dir2.appendingPathComponent("x.txt").path, "-o", output.path])
        XCTAssertEqual(second.status, 0, second.stderr)
        XCTAssertEqual(try Data(contentsOf: output.appendingPathComponent("x.json")), first, "dir1's x.json kept")
        XCTAssertEqual(try catalogRows(output).map(\.documentID), ["x", "x.txt"])
    }

    func testByteIdenticalCopiesAreDistinctDocumentsInTheTables() throws {
        let archive = try folder("copies", files: ["a/plan.txt": text, "b/plan.txt": text])
        let output = try Fixtures.temporaryDirectory("copies-out")
        XCTAssertEqual(
            try runCommand(vietdoc, ["convert", archive.path, "-o", output.path, "--format", "csv"]).status, 0)
        let rows = try lines(output.appendingPathComponent("documents.csv")).dropFirst()
        let ids = rows.map { String($0.prefix { $0 != "," }) }
        XCTAssertEqual(ids, ["a/plan", "b/plan"], "one id per document, not per content")
        let hashes = Set(rows.map { $0.split(separator: ",")[2] })
        XCTAssertEqual(hashes.count, 1, "the hash is its own column")
    }

    // MARK: - Two runs at once (item 4)

    func testASecondRunIntoTheSameOutputStopsWithItsOwnExitCode() throws {
        let output = try Fixtures.temporaryDirectory("locked-out")
        let process = try startCommand(
            vietdoc,
            [
                "convert", Fixtures.sample("004-muongte-2022-scanned.pdf").path, "-o", output.path, "--jobs", "1",
            ])
        defer {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        let deadline = Date().addingTimeInterval(60)
        while !fm.fileExists(atPath: output.appendingPathComponent("status.jsonl").path) && Date() < deadline {
            usleep(20_000)
        }
        XCTAssertTrue(process.isRunning, "the first run ended too soon")
        let second = try runCommand(vietdoc, ["convert", text.path, "-o", output.path])
        XCTAssertEqual(second.status, 75, second.stderr)
        XCTAssertTrue(second.stderr.contains("another vietdoc run"), second.stderr)
        XCTAssertFalse(fm.fileExists(atPath: output.appendingPathComponent("000-laocai-2023-ocr.json").path))
    }

    // MARK: - Links planted in the output folder (item 6)

    func testLinksPlantedInTheOutputFolderAreNeverFollowed() throws {
        let victim = try Fixtures.temporaryDirectory("victim")
        let precious = victim.appendingPathComponent("precious.txt")
        try Data("keep me".utf8).write(to: precious)

        let statusLinked = try Fixtures.temporaryDirectory("link-status")
        try fm.createSymbolicLink(at: statusLinked.appendingPathComponent("status.jsonl"), withDestinationURL: precious)
        let run1 = try runCommand(vietdoc, ["convert", text.path, "-o", statusLinked.path])
        XCTAssertEqual(run1.status, 73, run1.stderr)
        XCTAssertEqual(try String(contentsOf: precious, encoding: .utf8), "keep me")

        let catalogLinked = try Fixtures.temporaryDirectory("link-catalog")
        try fm.createSymbolicLink(
            at: catalogLinked.appendingPathComponent("catalog.sqlite"),
            withDestinationURL: victim.appendingPathComponent("other.sqlite"))
        XCTAssertEqual(try runCommand(vietdoc, ["convert", text.path, "-o", catalogLinked.path]).status, 73)
        XCTAssertFalse(fm.fileExists(atPath: victim.appendingPathComponent("other.sqlite").path))

        let archive = try folder("link-archive", files: ["2023/plan.txt": text, "top.txt": otherText])
        let folderLinked = try Fixtures.temporaryDirectory("link-folder")
        try fm.createSymbolicLink(at: folderLinked.appendingPathComponent("2023"), withDestinationURL: victim)
        let run3 = try runCommand(vietdoc, ["convert", archive.path, "-o", folderLinked.path])
        XCTAssertEqual(run3.status, 1, "the document behind the link fails: \(run3.stderr)")
        XCTAssertTrue(run3.stderr.contains("symbolic link"), run3.stderr)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: victim.path).sorted(), ["precious.txt"])
        XCTAssertTrue(fm.fileExists(atPath: folderLinked.appendingPathComponent("top.json").path))
    }

    // MARK: - A full disk (item 5)

    /// `prlimit --fsize` makes every write past the limit fail with EFBIG, as a full disk does.
    func testAFailedWriteLeavesTheOldOutputsWholeAndExitsNonZero() throws {
        let archive = try folder("full-archive", files: ["a.txt": text, "b.txt": otherText])
        let output = try Fixtures.temporaryDirectory("full-out")
        let formats = ["--format", "txt,json,jsonl"]
        XCTAssertEqual(try runCommand(vietdoc, ["convert", archive.path, "-o", output.path] + formats).status, 0)
        let before = try ["a.txt", "a.json", "records.jsonl"].map {
            try Data(contentsOf: output.appendingPathComponent($0))
        }
        let txtSize = before[0].count
        let jsonSize = before[1].count
        XCTAssertLessThan(txtSize, jsonSize)
        let catalogSize = try Data(contentsOf: output.appendingPathComponent("catalog.sqlite")).count
        // Past the text but short of the record: a.txt could be written, a.json not.
        let limit = max(txtSize + 1, catalogSize + 65536)
        try XCTSkipIf(limit >= jsonSize, "the catalog is larger than a record here; the limit cannot separate them")
        let full = try runCommand(
            URL(fileURLWithPath: "/usr/bin/prlimit"),
            ["--fsize=\(limit)", "--", vietdoc.path, "convert", archive.path, "-o", output.path, "--force"] + formats)
        XCTAssertNotEqual(full.status, 0, "a failed write is never a success: \(full.stderr)")
        let after = try ["a.txt", "a.json", "records.jsonl"].map {
            try Data(contentsOf: output.appendingPathComponent($0))
        }
        XCTAssertEqual(after, before, "the document's outputs change together or not at all")
        let leftovers = try fm.contentsOfDirectory(atPath: output.path).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [])
        XCTAssertEqual(try catalogRows(output).first { $0.documentID == "a" }?.status, .converted)
    }

    // MARK: - Every file found is accounted for (item 11)

    func testOddNamesAndLinksAreConvertedOrReportedNeverDropped() throws {
        let archive = try folder("odd-names", files: ["plain.txt": text])
        let nfc = "k\u{1EBF} ho\u{1EA1}ch.txt"
        try fm.copyItem(at: otherText, to: archive.appendingPathComponent(nfc))
        try fm.copyItem(
            at: otherText, to: archive.appendingPathComponent(nfc.decomposedStringWithCanonicalMapping))
        // "kxE9.txt": é in Latin-1, as an old Windows tool writes it.
        let bytes = (Array(archive.path.utf8) + [0x2F, 0x6B, 0xE9, 0x2E, 0x74, 0x78, 0x74, 0]).map {
            CChar(bitPattern: $0)
        }
        let fd = open(bytes, O_CREAT | O_WRONLY, 0o644)
        XCTAssertGreaterThanOrEqual(fd, 0)
        _ = "Ke hoach".withCString { write(fd, $0, 8) }
        close(fd)
        try fm.createSymbolicLink(
            at: archive.appendingPathComponent("linked.txt"),
            withDestinationURL: archive.appendingPathComponent("plain.txt"))
        let elsewhere = try folder("elsewhere", files: ["far.txt": text])
        try fm.createSymbolicLink(at: archive.appendingPathComponent("far"), withDestinationURL: elsewhere)
        let linkToArchive = archive.deletingLastPathComponent().appendingPathComponent("link-\(UUID().uuidString)")
        try fm.createSymbolicLink(at: linkToArchive, withDestinationURL: archive)

        let output = try Fixtures.temporaryDirectory("odd-out")
        let run = try runCommand(vietdoc, ["convert", linkToArchive.path, "-o", output.path])
        XCTAssertEqual(run.status, 1, "the bad name fails: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("not valid UTF-8"), run.stderr)
        XCTAssertTrue(run.stderr.contains("k\\xE9.txt"), "the name is shown escaped: \(run.stderr)")
        let status = try lines(output.appendingPathComponent("status.jsonl"))
        XCTAssertEqual(status.count, 6, "plain, two normalisations, the bad name, both links: \(status)")
        XCTAssertTrue(status.contains { $0.contains("linked.txt") && $0.contains("the same file as") }, "\(status)")
        XCTAssertEqual(status.filter { $0.contains("\"converted\"") }.count, 3, "\(status)")
        XCTAssertTrue(status.contains { $0.contains("symbolic link to a folder") }, "\(status)")
        XCTAssertTrue(run.stderr.contains("converted 3"), run.stderr)
    }

    /// An unreadable folder and an unreadable file are failures that say "permission denied".
    /// As root (who reads everything) the run is made as `nobody` through `setpriv`.
    func testUnreadableFoldersAndFilesAreReportedAsPermissionDenied() throws {
        let archive = try folder("perm", files: ["ok.txt": text, "closed/inside.txt": otherText, "locked.txt": text])
        let output = try Fixtures.temporaryDirectory("perm-out")
        chmod(archive.appendingPathComponent("closed").path, 0)
        chmod(archive.appendingPathComponent("locked.txt").path, 0)
        chmod(output.path, 0o777)
        var command = [vietdoc.path, "convert", archive.path, "-o", output.path]
        if getuid() == 0 {
            try XCTSkipUnless(fm.isExecutableFile(atPath: "/usr/bin/setpriv"), "setpriv is needed to drop root")
            command = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + command
        }
        let run = try runCommand(URL(fileURLWithPath: command[0]), Array(command.dropFirst()))
        chmod(archive.appendingPathComponent("closed").path, 0o755)
        XCTAssertEqual(run.status, 1, run.stderr)
        let status = try lines(output.appendingPathComponent("status.jsonl"))
        XCTAssertTrue(status.contains { $0.contains("closed") && $0.contains("permission denied") }, "\(status)")
        XCTAssertTrue(status.contains { $0.contains("locked.txt") && $0.contains("permission denied") }, "\(status)")
        XCTAssertTrue(status.contains { $0.contains("ok.txt") && $0.contains("\"converted\"") }, "\(status)")
    }

    // MARK: - Page failures (item 12, 15)

    func testUnreadablePagesAreFailuresInTheRecordTheSummaryAndTheExitCode() throws {
        let dir = try Fixtures.temporaryDirectory("pages")
        let mixed = dir.appendingPathComponent("mixed.tif")
        try TIFFWriter.data([.small(), .declared(width: 40000, height: 40000)]).write(to: mixed)
        let hopeless = dir.appendingPathComponent("hopeless.tif")
        try TIFFWriter.data(Array(repeating: .declared(width: 40000, height: 40000), count: 40)).write(to: hopeless)
        let output = try Fixtures.temporaryDirectory("pages-out")
        let run = try runCommand(vietdoc, ["convert", mixed.path, hopeless.path, "-o", output.path, "--jobs", "1"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("1 with unreadable pages"), run.stderr)
        XCTAssertLessThanOrEqual(run.stderr.split(separator: "\n").count, 3, "one line per document: \(run.stderr)")
        XCTAssertTrue(run.stderr.contains("40000×40000"), run.stderr)
        let status = try lines(output.appendingPathComponent("status.jsonl"))
        XCTAssertTrue(
            status.contains {
                $0.contains("mixed.tif") && $0.contains("\"converted\"") && $0.contains("\"failed_pages\":1")
            })
        XCTAssertTrue(status.contains { $0.contains("hopeless.tif") && $0.contains("\"failed\"") })
        XCTAssertFalse(
            status.contains { $0.contains(dir.path + "/hopeless.tif:") }, "the reason does not repeat the path")
        XCTAssertFalse(fm.fileExists(atPath: output.appendingPathComponent("hopeless.json").path))
    }

    /// A text input over `--max-text-mb` is a failed input named with its size and the way to
    /// restore it (`vietdoc restore`, which streams), before it is read: the other input is
    /// converted, the exit status is 1 and the big file gets no outputs.
    func testATextInputOverTheSizeLimitFailsWithItsReasonAndTheOthersGoOn() throws {
        let dir = try folder("big-text", files: ["small.txt": otherText])
        let big = dir.appendingPathComponent("big.txt")
        let line = "ke hoach trien khai cong tac phong chong dich benh nam 2024\n"
        try Data(String(repeating: line, count: 2_000).utf8).write(to: big)
        let output = try Fixtures.temporaryDirectory("big-text-out")
        let run = try runCommand(
            vietdoc, ["convert", dir.path, "-o", output.path, "--jobs", "1", "--max-text-mb", "0.05"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("big.txt"), run.stderr)
        XCTAssertTrue(run.stderr.contains("the text file is 120 KB, over the 50 KB"), run.stderr)
        XCTAssertTrue(run.stderr.contains("vietdoc restore"), run.stderr)
        let status = try lines(output.appendingPathComponent("status.jsonl"))
        XCTAssertTrue(status.contains { $0.contains("big.txt") && $0.contains("\"failed\"") }, "\(status)")
        XCTAssertTrue(status.contains { $0.contains("small.txt") && $0.contains("\"converted\"") }, "\(status)")
        XCTAssertFalse(fm.fileExists(atPath: output.appendingPathComponent("big.json").path))
        XCTAssertTrue(fm.fileExists(atPath: output.appendingPathComponent("small.json").path))

        let bad = try runCommand(vietdoc, ["convert", big.path, "-o", output.path, "--max-text-mb", "0"])
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }

    /// A JPEG cut short inside a PDF: the page is a page failure (record, status, summary, exit
    /// 1), not a converted page with the text of its first third; a PDF whose only image is
    /// garbled is failed, with no outputs.
    func testAnImageThatCannotBeDecodedIsAPageFailure() throws {
        let dir = try Fixtures.temporaryDirectory("jpeg")
        let scan = try Data(contentsOf: Fixtures.sample("001-bacgiang-2022-scanned.pdf"))
        let whole = try XCTUnwrap(PDFWriter.jpegImages(in: scan).first)
        let truncated = PDFWriter.damaged(whole, .cutShort)
        let garbled = PDFWriter.damaged(whole, .garbled)
        // A small blank first page keeps the test's OCR short.
        let blank = PDFWriter.Image(
            width: 8, height: 8, components: 1, pixels: Array(repeating: 255, count: 64), x: 0, y: 0, drawnWidth: 144,
            drawnHeight: 144)
        let mixed = dir.appendingPathComponent("mixed.pdf")
        try PDFWriter.document([.init(width: 144, height: 144, images: [blank]), .init(images: [truncated])])
            .write(to: mixed)
        let hopeless = dir.appendingPathComponent("hopeless.pdf")
        try PDFWriter.document([.init(images: [garbled])]).write(to: hopeless)
        let output = try Fixtures.temporaryDirectory("jpeg-out")
        let run = try runCommand(vietdoc, ["convert", mixed.path, hopeless.path, "-o", output.path, "--jobs", "1"])
        XCTAssertEqual(run.status, 1, run.stderr)
        XCTAssertTrue(run.stderr.contains("converted 1 (1 with unreadable pages)"), run.stderr)
        XCTAssertTrue(run.stderr.contains("mixed.pdf: 1 of 2 pages could not be read (page 2: an image"), run.stderr)
        let status = try lines(output.appendingPathComponent("status.jsonl"))
        XCTAssertTrue(
            status.contains {
                $0.contains("mixed.pdf") && $0.contains("\"converted\"") && $0.contains("\"failed_pages\":1")
                    && $0.contains("cannot be decoded")
            }, "\(status)")
        XCTAssertTrue(status.contains { $0.contains("hopeless.pdf") && $0.contains("\"failed\"") }, "\(status)")
        XCTAssertFalse(fm.fileExists(atPath: output.appendingPathComponent("hopeless.json").path))
        let record =
            try JSONSerialization.jsonObject(
                with: try Data(contentsOf: output.appendingPathComponent("mixed.json"))) as! [String: Any]
        let pages = try XCTUnwrap(record["pages"] as? [[String: Any]])
        XCTAssertEqual(pages.map { $0["method"] as? String }, ["ocr", "failed"])
        XCTAssertTrue((pages[1]["warnings"] as? [String])?.first?.contains("cannot be decoded") == true, "\(pages[1])")
    }

    // MARK: - Terminal escapes (item 14)

    func testEscapeSequencesFromNamesAndTextAreNotPrinted() throws {
        let dir = try Fixtures.temporaryDirectory("escapes")
        let hostile = dir.appendingPathComponent("evil\u{1B}]0;pwned\u{07}.pdf")
        try Data("not a pdf at all \u{1B}[2J".utf8).write(to: hostile)
        let run = try runCommand(vietdoc, ["convert", hostile.path, "-o", dir.appendingPathComponent("out").path])
        XCTAssertEqual(run.status, 1)
        XCTAssertFalse(run.stderr.contains("\u{1B}"), run.stderr.debugDescription)
        XCTAssertTrue(run.stderr.contains("\\u{1B}"), run.stderr)

        let store = try CatalogStore(directory: dir)
        try store.record(
            CatalogDocument(
                path: "x\u{1B}[31m.pdf", sha256: "", status: .converted, title: "Kế hoạch \u{1B}]0;title\u{07}",
                text: "Kế hoạch phòng chống \u{1B}[2J dịch"), sections: [])
        let search = try runCommand(vietdoc, ["search", "ke hoach", "--catalog", dir.path])
        XCTAssertEqual(search.status, 0, search.stderr)
        XCTAssertFalse(search.stdout.contains("\u{1B}"), search.stdout.debugDescription)
        XCTAssertFalse(search.stdout.contains("\u{07}"), search.stdout.debugDescription)
    }
}
