import Foundation
import TestSupport
import VietdocCore
import XCTest

final class SHA256Tests: XCTestCase {
    func testKnownVectors() {
        XCTAssertEqual(SHA256.hex(of: Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            SHA256.hex(of: Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let long = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        XCTAssertEqual(SHA256.hex(of: long), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testFileHashMatchesCoreutils() throws {
        let dir = try Fixtures.temporaryDirectory()
        let file = dir.appendingPathComponent("x.bin")
        var bytes = Data()
        for i in 0..<(3 << 20) + 17 { bytes.append(UInt8(truncatingIfNeeded: i &* 31)) }
        try bytes.write(to: file)
        let expected = try runCommand(URL(fileURLWithPath: "/usr/bin/sha256sum"), [file.path])
        XCTAssertEqual(try SHA256.hex(ofFile: file), String(expected.stdout.prefix(64)))
    }
}
