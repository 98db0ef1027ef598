import Foundation
import TestSupport
import XCTest

/// `vietdoc restore` run as a user would: stdin and files, one output line per input line.
final class RestoreCommandTests: XCTestCase {
    func run(_ args: [String], stdin: String? = nil) throws -> CommandResult {
        let binary = Fixtures.vietdocBinary
        try XCTSkipUnless(FileManager.default.fileExists(atPath: binary.path), "vietdoc not built")
        return try runCommand(
            binary, args, stdin: stdin,
            environment: ["VIETDOC_DICTIONARIES": Fixtures.dictionaries.path])
    }

    func testRestoresStdinLineByLineAndExplains() throws {
        let input = "Ke hoach trien khai\n\nQuyet dinh so 15/QD-UBND cua UBND tinh\nhttps://vbpl.vn\n"
        let r = try run(["restore", "--explain"], stdin: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Kế hoạch triển khai\n\nQuyết định số 15/QĐ-UBND của UBND tỉnh\nhttps://vbpl.vn\n")
        XCTAssertTrue(r.stderr.contains("-:1\tKe\tKế\tstripped\t"), r.stderr)
        XCTAssertTrue(r.stderr.contains("15/QD-UBND\t15/QĐ-UBND\tcode"), r.stderr)
    }

    func testReadsFilesAndKeepsTheLineCount() throws {
        let dir = try Fixtures.temporaryDirectory("restore-cli")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("in.txt")
        let lines = (0..<500).map { $0 % 7 == 0 ? "" : "Uy ban nhan dan tinh ban hanh ke hoach so \($0)" }
        try (lines.joined(separator: "\n")).write(to: file, atomically: true, encoding: .utf8)
        let r = try run(["restore", file.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout.components(separatedBy: "\n")
        XCTAssertEqual(out.count, lines.count + 1)  // trailing newline
        XCTAssertEqual(out[1], "Ủy ban nhân dân tỉnh ban hành kế hoạch số 1")
        XCTAssertEqual(out[7], "")
    }

    /// Each process hashes with its own seed, so anything that follows a dictionary's order
    /// shows here: the same OCR page restored in separate processes, in each regime, gives the
    /// same text, changes, kept words and margins.
    func testSeparateRunsGiveTheSameChangesAndMargins() throws {
        let page = Fixtures.repositoryRoot.appendingPathComponent(
            "eval/restore/ocr/001_eb7681e4066ac11f/page-000.eng.txt")
        for regime in ["mangled", "stripped", "accented"] {
            let runs = try (0..<4).map { _ in try run(["restore", "--explain", "--regime", regime, page.path]) }
            for r in runs {
                XCTAssertEqual(r.status, 0, r.stderr)
                XCTAssertEqual(r.stdout, runs[0].stdout, regime)
                XCTAssertEqual(r.stderr, runs[0].stderr, regime)
            }
            if regime == "mangled" { XCTAssertTrue(runs[0].stderr.contains("\tkept\t"), runs[0].stderr) }
        }
    }

    func testMissingFileFailsWithItsName() throws {
        let r = try run(["restore", "/nonexistent/plan.txt"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("/nonexistent/plan.txt: no such file"), r.stderr)
    }
}
