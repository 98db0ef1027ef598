import Pipeline
import TestSupport
import XCTest

final class StatusLogTests: XCTestCase {
    func testOneLinePerInputWithTheDocumentedKeys() throws {
        let dir = try Fixtures.temporaryDirectory("status-log")
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try StatusLog(directory: dir)
        try log.append(
            .init(path: "2023/kế hoạch \"số 1\".pdf", status: .converted, pages: 3, milliseconds: 5120, resumedPages: 2)
        )
        try log.append(
            .init(path: "hỏng.pdf", status: .failed, reason: "hỏng.pdf: the PDF is encrypted", milliseconds: 4))
        // Lines are on disk before close.
        let text = try String(contentsOf: log.file, encoding: .utf8)
        XCTAssertEqual(
            text,
            """
            {"path":"2023/kế hoạch \\"số 1\\".pdf","status":"converted","reason":null,"pages":3,"milliseconds":5120,"failed_pages":0,"resumed_pages":2}
            {"path":"hỏng.pdf","status":"failed","reason":"hỏng.pdf: the PDF is encrypted","pages":0,"milliseconds":4,"failed_pages":0,"resumed_pages":0}

            """)
        log.close()
        XCTAssertEqual(try StatusLog.read(log.file).map(\.status), [.converted, .failed])
        XCTAssertThrowsError(try log.append(.init(path: "late.pdf", status: .skipped)))
    }

    func testANewRunTruncatesTheFile() throws {
        let dir = try Fixtures.temporaryDirectory("status-log")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try StatusLog(directory: dir)
        for i in 0..<5 { try first.append(.init(path: "\(i).txt", status: .converted, pages: 1)) }
        first.close()
        let second = try StatusLog(directory: dir)
        try second.append(.init(path: "0.txt", status: .skipped, reason: "already current"))
        second.close()
        XCTAssertEqual(
            try StatusLog.read(dir.appendingPathComponent("status.jsonl")),
            [.init(path: "0.txt", status: .skipped, reason: "already current")])
    }

    func testConcurrentAppendsNeverInterleaveLines() throws {
        let dir = try Fixtures.temporaryDirectory("status-log")
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = try StatusLog(directory: dir)
        let reason = String(repeating: "lý do dài ", count: 400)  // lines longer than a pipe buffer
        DispatchQueue.concurrentPerform(iterations: 200) { i in
            try? log.append(.init(path: "f\(i).pdf", status: .failed, reason: reason, pages: i, milliseconds: i))
        }
        log.close()
        let entries = try StatusLog.read(log.file)
        XCTAssertEqual(entries.count, 200)
        XCTAssertEqual(Set(entries.map(\.pages)), Set(0..<200))
        XCTAssertTrue(entries.allSatisfy { $0.path == "f\($0.pages).pdf" && $0.reason == reason })
    }
}
