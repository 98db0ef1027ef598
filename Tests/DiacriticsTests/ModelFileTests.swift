import Diacritics
import Foundation
import TestSupport
import XCTest

/// The model reader on damaged copies of the real model file, made here: a damaged file must
/// be refused with `modelInvalid` (exit 69 with a message), never read out of bounds.
final class ModelFileTests: XCTestCase {
    /// A copy of dictionaries/ whose model has one bucket offset of a table (in the middle,
    /// where only a check of every offset can see it) pointing far past the table's end.
    func testABucketOffsetPastTheTableIsRefused() throws {
        let dir = try ModelFixture.copy(["vietdoc-model.bin", "confusions.tsv"], label: "damaged-model")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("vietdoc-model.bin")
        var bytes = try Data(contentsOf: url)
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let header = try XCTUnwrap(
            JSONSerialization.jsonObject(with: bytes.subdata(in: 12..<(12 + headerLength))) as? [String: Any])
        let sections = try XCTUnwrap(header["sections"] as? [String: [Int]])
        let offsets = try XCTUnwrap(sections["bi_off"], "the model has no bi_off section")
        let bucket = offsets[1] / 4 / 2  // a bucket in the middle of the table
        let at = 12 + headerLength + offsets[0] + 4 * bucket
        for i in 0..<4 { bytes[at + i] = 0xFF }
        try bytes.write(to: url)

        XCTAssertThrowsError(try DiacriticModel.load(from: dir)) { error in
            guard let error = error as? VietdocError, error.code == .modelInvalid else {
                return XCTFail("expected modelInvalid, got \(error)")
            }
            XCTAssertTrue(error.detail?.contains("table bi:") == true, "\(error)")
            XCTAssertEqual(error.exitCode, .missingDependency)
        }
    }

    func testATruncatedModelIsRefused() throws {
        let dir = try Fixtures.temporaryDirectory("truncated-model")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: Fixtures.dictionaries.appendingPathComponent("confusions.tsv"),
            to: dir.appendingPathComponent("confusions.tsv"))
        let bytes = try Data(contentsOf: Fixtures.dictionaries.appendingPathComponent("vietdoc-model.bin"))
        try bytes.prefix(bytes.count / 2).write(to: dir.appendingPathComponent("vietdoc-model.bin"))
        XCTAssertThrowsError(try DiacriticModel.load(from: dir)) { error in
            XCTAssertEqual((error as? VietdocError)?.code, .modelInvalid, "\(error)")
        }
    }

    /// A model of a format this reader does not know is refused with a message naming the formats it reads.
    func testAnUnknownFormatIsRefused() throws {
        let dir = try Fixtures.temporaryDirectory("future-model")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.copyItem(
            at: Fixtures.dictionaries.appendingPathComponent("confusions.tsv"),
            to: dir.appendingPathComponent("confusions.tsv"))
        var bytes = try Data(contentsOf: Fixtures.dictionaries.appendingPathComponent("vietdoc-model.bin"))
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        let header = try XCTUnwrap(String(data: bytes.subdata(in: 12..<(12 + headerLength)), encoding: .utf8))
        let range = try XCTUnwrap(header.range(of: #""format": [0-9]"#, options: .regularExpression))
        var changed = header
        changed.replaceSubrange(range, with: "\"format\": 9")
        bytes.replaceSubrange(12..<(12 + headerLength), with: Data(changed.utf8))
        try bytes.write(to: dir.appendingPathComponent("vietdoc-model.bin"))
        XCTAssertThrowsError(try DiacriticModel.load(from: dir)) { error in
            guard let error = error as? VietdocError, error.code == .modelInvalid else {
                return XCTFail("expected modelInvalid, got \(error)")
            }
            XCTAssertTrue(error.detail?.contains("format 9, this vietdoc reads formats 1–2") == true, "\(error)")
        }
    }
}
