import Pipeline
import TestSupport
import XCTest

final class ShardingTests: XCTestCase {
    /// A realistic archive layout: nested folders, Vietnamese names, several kinds.
    private let paths: [String] = (0..<600).map { i in
        let year = 2018 + i % 7
        let office = ["ubnd", "sở y tế", "Sở GD&ĐT", "huyện Mường Tè"][i % 4]
        let ext = ["pdf", "png", "tif", "txt"][i % 4]
        return "\(year)/\(office)/KH-\(i)-\(year).\(ext)"
    }

    func testShardsTogetherAreTheWholeSetWithNoOverlap() throws {
        for n in [1, 2, 3, 4, 7, 16] {
            var seen: [String: Int] = [:]
            for i in 0..<n {
                let shard = try ShardSpec(parsing: "\(i)/\(n)")
                for path in paths where shard.contains(relativePath: path) {
                    XCTAssertNil(seen[path], "\(path) in shards \(seen[path]!) and \(i) of \(n)")
                    seen[path] = i
                }
            }
            XCTAssertEqual(seen.count, paths.count, "\(n) shards")
        }
    }

    func testShardsAreRoughlyBalanced() throws {
        let n = 4
        let sizes = (0..<n).map { i in paths.filter { ShardSpec.shard(of: $0, count: n) == i }.count }
        for size in sizes { XCTAssertEqual(Double(size), 150, accuracy: 45, "\(sizes)") }
    }

    /// The assignment must not depend on the process (Swift's Hasher is seeded per run): these
    /// values are fixed by FNV-1a and must never change, or resumed shards would mix inputs.
    func testAssignmentIsStableAcrossRunsAndMachines() {
        XCTAssertEqual(FNV1a.hash64(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(FNV1a.hash64("a"), 0xaf63_dc4c_8601_ec8c)  // published FNV-1a test vector
        XCTAssertEqual(FNV1a.hash64("foobar"), 0x8594_4171_f739_67e8)
        let path = "2023/huyện Mường Tè/KH-259.pdf"
        XCTAssertEqual(ShardSpec.shard(of: path, count: 1), 0)
        XCTAssertEqual(ShardSpec.shard(of: path, count: 7), 5)
        XCTAssertEqual(ShardSpec.shard(of: path, count: 4), 3)
        XCTAssertEqual(["a.pdf", "b.pdf", "c/d.pdf"].map { ShardSpec.shard(of: $0, count: 3) }, [1, 2, 2])
    }

    func testEquivalentSpellingsOfAPathFallInTheSameShard() {
        let nfc = "2023/Mường Tè/a.pdf"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfc.utf8), Array(nfd.utf8))
        for n in [2, 3, 5, 8] {
            XCTAssertEqual(ShardSpec.shard(of: nfd, count: n), ShardSpec.shard(of: nfc, count: n))
            XCTAssertEqual(ShardSpec.shard(of: "./" + nfc, count: n), ShardSpec.shard(of: nfc, count: n))
        }
    }

    func testParsingAcceptsIndexSlashCountAndRejectsTheRest() throws {
        XCTAssertEqual(try ShardSpec(parsing: "2/5"), try ShardSpec(index: 2, count: 5))
        XCTAssertEqual(try ShardSpec(parsing: " 0 / 1 ").description, "0/1")
        for bad in ["5/5", "-1/3", "1/0", "1", "a/b", "1/2/3", "", "1/"] {
            XCTAssertThrowsError(try ShardSpec(parsing: bad), bad) { error in
                guard let error = error as? VietdocError, error.code == .invalidArgument, let message = error.detail
                else {
                    return XCTFail("\(bad): \(error)")
                }
                XCTAssertTrue(message.hasPrefix("--shard"), message)
            }
        }
    }
}
