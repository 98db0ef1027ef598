import Foundation
import Pipeline
import TestSupport
import XCTest

final class InputDiscoveryTests: XCTestCase {
    private func makeTree() throws -> URL {
        let root = try Fixtures.temporaryDirectory("discovery")
        let fm = FileManager.default
        for path in ["a.pdf", "b.txt", "notes.docx", "sub/c.png", "sub/deeper/d.TIFF", ".hidden/e.pdf", "out/old.json"]
        {
            let url = root.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data("x".utf8).write(to: url)
        }
        return root
    }

    func testFolderWalkMirrorsTreeAndListsUnsupportedFiles() throws {
        let root = try makeTree()
        let result = InputDiscovery(excludedFolder: root.appendingPathComponent("out"))
            .discover(arguments: [root.path])
        XCTAssertEqual(result.inputs.map(\.outputStem), ["a", "b", "sub/c", "sub/deeper/d"])
        XCTAssertEqual(result.skipped.map(\.input.outputStem), ["notes"])
    }

    func testExplicitFilesAreFlatAndCollisionsKeepTheirExtension() throws {
        let root = try makeTree()
        try Data("y".utf8).write(to: root.appendingPathComponent("a.txt"))
        let result = InputDiscovery().discover(arguments: [
            root.appendingPathComponent("a.pdf").path, root.appendingPathComponent("a.txt").path,
            root.appendingPathComponent("sub/c.png").path, root.appendingPathComponent("a.pdf").path,
        ])
        XCTAssertEqual(result.inputs.map(\.outputStem), ["a", "a.txt", "c"])
    }

    func testListedRelativePathsKeepTheirFolders() {
        let result = InputDiscovery().discover(
            arguments: [], listedPaths: ["./archive/2023/x.pdf", "/abs/y.pdf", "../up/z.pdf", ""])
        XCTAssertEqual(result.inputs.map(\.outputStem), ["archive/2023/x", "y", "z"])
    }

    func testFolderWithNothingToConvertIsAnInputSoItIsReported() throws {
        let empty = try Fixtures.temporaryDirectory("empty-folder")
        let result = InputDiscovery().discover(arguments: [empty.path])
        XCTAssertEqual(result.inputs.map(\.displayPath), [empty.path])
    }

    func testMissingExplicitFileIsStillAnInputSoItIsReported() {
        let result = InputDiscovery().discover(arguments: ["/no/such/file.pdf"])
        XCTAssertEqual(result.inputs.count, 1)
        XCTAssertEqual(result.inputs[0].displayPath, "/no/such/file.pdf")
    }

    func testNamesDifferingOnlyInNormalisationAreTwoInputsWithTwoOutputs() throws {
        let root = try Fixtures.temporaryDirectory("discovery-nfd")
        let nfc = "k\u{1EBF} ho\u{1EA1}ch.txt"
        try Data("a".utf8).write(to: root.appendingPathComponent(nfc))
        try Data("b".utf8).write(to: root.appendingPathComponent(nfc.decomposedStringWithCanonicalMapping))
        let result = InputDiscovery().discover(arguments: [root.path])
        XCTAssertEqual(result.inputs.count, 2, "neither is dropped")
        XCTAssertEqual(Set(result.inputs.map(\.outputStem)).count, 2)
        XCTAssertTrue(result.inputs.allSatisfy { $0.relativePath == nfc }, "the key is NFC")
    }

    func testTheSameFileByTwoNamesIsConvertedOnceAndTheOtherNameReported() throws {
        let root = try makeTree()
        try FileManager.default.createSymbolicLink(
            at: root.appendingPathComponent("link.pdf"), withDestinationURL: root.appendingPathComponent("a.pdf"))
        let result = InputDiscovery().discover(arguments: [root.path, root.path + "/./a.pdf"])
        XCTAssertEqual(result.inputs.filter { $0.url.lastPathComponent == "a.pdf" }.count, 1)
        XCTAssertTrue(
            result.skipped.contains { $0.input.displayPath.hasSuffix("link.pdf") && $0.reason.contains("same file") })
    }

    func testAFileBelowAKnownRootMirrorsItsPathThere() throws {
        let root = try makeTree()
        let real = root.resolvingSymlinksInPath().path
        let result = InputDiscovery(knownRoots: [real]).discover(
            arguments: [root.appendingPathComponent("sub/deeper/d.TIFF").path])
        XCTAssertEqual(result.inputs.map(\.outputStem), ["sub/deeper/d"])
        XCTAssertEqual(result.inputs.map(\.relativePath), ["sub/deeper/d.TIFF"])
    }
}
