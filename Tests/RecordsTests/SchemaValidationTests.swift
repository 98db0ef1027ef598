import Foundation
import Records
import TestSupport
import VietdocCore
import XCTest

/// Runs scripts/validate-records (Python jsonschema) on records this module produces.
final class SchemaValidationTests: XCTestCase {
    private var script: URL { Fixtures.repositoryRoot.appendingPathComponent("scripts/validate-records") }

    private func validate(_ paths: [String]) throws -> CommandResult {
        let env = URL(fileURLWithPath: "/usr/bin/env")
        let probe = try runCommand(env, ["python3", "-c", "import jsonschema"])
        if probe.status != 0 {
            throw XCTSkip("python3 with the jsonschema package is not available (pip install jsonschema)")
        }
        return try runCommand(env, ["python3", script.path] + paths)
    }

    func testProducedRecordsAreValid() throws {
        let dir = try Fixtures.temporaryDirectory("records-schema")
        defer { try? FileManager.default.removeItem(at: dir) }
        var empty = DocumentRecord(
            vietdocVersion: VietdocVersion.current,
            source: SourceInfo(path: "e.txt", sha256: "", kind: .text, pages: 0), pages: [])
        empty.restoration = RestorationSummary(
            regime: "accented", modelVersion: "t",
            changes: [
                TokenChange(
                    page: 1, line: 1, original: "Tw", output: "Tự", reason: .confusion, margin: 1.5,
                    word: WordPosition(
                        index: 2, count: 1, ocrWords: [3], box: BoundingBox(x: 370, y: 200, width: 60, height: 40))),
                TokenChange(
                    page: 1, line: 1, original: "cuaBo", output: "của Bộ", reason: .split, margin: 3,
                    word: WordPosition(index: 3, count: 2)),
            ])
        empty.quality.lowConfidenceSpans = [
            LowConfidenceSpan(page: 1, line: 1, text: "Tự", margin: 1.5, word: WordPosition(index: 2, ocrWords: [3])),
            LowConfidenceSpan(page: 1, line: 1, text: "do", margin: -0.5, word: WordPosition(index: 4), kept: true),
        ]
        try RecordEncoding.json(sampleRecord()).write(to: dir.appendingPathComponent("a.json"))
        try RecordEncoding.json(empty).write(to: dir.appendingPathComponent("b.json"))
        var lines = try RecordEncoding.jsonLine(sampleRecord())
        lines.append(try RecordEncoding.jsonLine(empty))
        try lines.write(to: dir.appendingPathComponent("all.jsonl"))
        let result = try validate([dir.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("4 records checked, 0 invalid"), result.stdout)
    }

    func testAnInvalidRecordFails() throws {
        let dir = try Fixtures.temporaryDirectory("records-schema-bad")
        defer { try? FileManager.default.removeItem(at: dir) }
        var record = sampleRecord()
        record.plan.document.date = "5/3/2024"  // not ISO 8601
        try RecordEncoding.json(record).write(to: dir.appendingPathComponent("bad.json"))
        let result = try validate([dir.appendingPathComponent("bad.json").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("document/date"), result.stderr)
    }
}
