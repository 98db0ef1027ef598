import Foundation
import TestSupport
import VietdocCore
import XCTest

final class AtomicFileTests: XCTestCase {
    func testWriteReplacesWholeFileAndLeavesNoTemporaries() throws {
        let dir = try Fixtures.temporaryDirectory()
        let target = dir.appendingPathComponent("sub/out.txt")
        try AtomicFile.write("first version, longer", to: target)
        try AtomicFile.write("second", to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "second")
        let names = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        XCTAssertEqual(names, ["out.txt"])
    }

    func testUnwritableFolderGivesOutputError() throws {
        let dir = try Fixtures.temporaryDirectory()
        let blocker = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        XCTAssertThrowsError(try AtomicFile.write("y", to: blocker.appendingPathComponent("out.txt"))) { error in
            XCTAssertEqual((error as? VietdocError)?.code, .outputNotWritable, "got \(error)")
        }
    }
}
