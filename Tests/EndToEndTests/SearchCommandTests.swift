import Catalog
import Foundation
import TestSupport
import XCTest

/// `vietdoc search` and `vietdoc catalog merge` run as a user would, on catalogs written with
/// `CatalogStore` the way a batch writes them.
final class SearchCommandTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        try XCTSkipUnless(
            FileManager.default.isExecutableFile(atPath: Fixtures.vietdocBinary.path), "vietdoc is not built")
        directory = try Fixtures.temporaryDirectory("search-command")
        let store = try CatalogStore(directory: directory.appendingPathComponent("out"))
        for doc in Self.documents { try store.record(doc, sections: []) }
        try store.close()
    }

    override func tearDownWithError() throws {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    private static let documents = [
        CatalogDocument(
            path: "2024/kh-45.pdf", sha256: String(repeating: "a", count: 64), status: .converted, pages: 2,
            type: "KẾ HOẠCH", number: "45/KH-SYT", issuer: "SỞ Y TẾ", date: "2024-03-05",
            title: "Phòng, chống dịch bệnh năm 2024",
            text: "KẾ HOẠCH\nPhòng, chống dịch bệnh năm 2024\nTriển khai kế hoạch phòng, chống dịch\nkịp thời."),
        CatalogDocument(
            path: "2023/kh-259.pdf", sha256: String(repeating: "b", count: 64), status: .converted, pages: 4,
            type: "KẾ HOẠCH", number: "259/KH-UBND", date: "2023-08-14", title: "Đề án đường giao thông nông thôn",
            text: "KẾ HOẠCH\nThực hiện Đề án đường giao thông nông thôn."),
        CatalogDocument(
            path: "2022/hong.pdf", sha256: String(repeating: "c", count: 64), status: .failed,
            error: "2022/hong.pdf: the PDF is encrypted (password-protected)"),
    ]

    private func vietdoc(_ arguments: String...) throws -> CommandResult {
        try runCommand(Fixtures.vietdocBinary, arguments)
    }

    func testSearchFindsTheSameDocumentWithAndWithoutDiacritics() throws {
        let out = directory.appendingPathComponent("out").path
        let accented = try vietdoc("search", "kế hoạch phòng, chống dịch", "--catalog", out)
        let bare = try vietdoc("search", "ke", "hoach", "phong", "chong", "dich", "--catalog", out)
        XCTAssertEqual(accented.status, 0, accented.stderr)
        XCTAssertEqual(bare.status, 0, bare.stderr)
        XCTAssertEqual(bare.stdout, accented.stdout)
        XCTAssertEqual(
            bare.stdout,
            """
            1. 2024/kh-45.pdf
               KẾ HOẠCH 45/KH-SYT · 2024-03-05
               Phòng, chống dịch bệnh năm 2024
               [KẾ] [HOẠCH] [Phòng], [chống] [dịch] bệnh năm 2024 Triển khai [kế] [hoạch] [phòng], [chống] [dịch] kịp thời.

            """)
        XCTAssertEqual(bare.stderr, "")

        // đ and d are one letter to the search.
        let road = try vietdoc("search", "duong giao thong", "--catalog", out + "/catalog.sqlite")
        XCTAssertTrue(road.stdout.hasPrefix("1. 2023/kh-259.pdf\n"), road.stdout)
        XCTAssertTrue(road.stdout.contains("[đường] [giao] [thông]"), road.stdout)
    }

    func testJSONOutputIsAnArrayOfHits() throws {
        let out = directory.appendingPathComponent("out").path
        let result = try vietdoc("search", "KE HOACH", "--catalog", out, "--json", "--limit", "1")
        XCTAssertEqual(result.status, 0, result.stderr)
        let hits = try JSONDecoder().decode([SearchHit].self, from: Data(result.stdout.utf8))
        XCTAssertEqual(hits.count, 1)
        XCTAssertEqual(hits[0].rank, 1)
        XCTAssertTrue(["2024/kh-45.pdf", "2023/kh-259.pdf"].contains(hits[0].path))
        XCTAssertTrue(hits[0].snippet.contains("[KẾ] [HOẠCH]"), hits[0].snippet)
    }

    func testNoMatchExitsZeroWithAnEmptyResultAndAStderrLine() throws {
        let out = directory.appendingPathComponent("out").path
        let text = try vietdoc("search", "tiem chung", "--catalog", out)
        XCTAssertEqual(text.status, 0)
        XCTAssertEqual(text.stdout, "")
        XCTAssertTrue(text.stderr.contains("no document matches \"tiem chung\""), text.stderr)
        let json = try vietdoc("search", "tiem chung", "--catalog", out, "--json")
        XCTAssertEqual(json.status, 0)
        XCTAssertEqual(json.stdout, "[]\n")
    }

    func testMissingCatalogAndBadArgumentsFail() throws {
        let missing = try vietdoc("search", "ke hoach", "--catalog", directory.appendingPathComponent("nowhere").path)
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("nowhere"), missing.stderr)
        XCTAssertEqual(try vietdoc("search", "ke hoach").status, 64)  // --catalog is required
        XCTAssertEqual(try vietdoc("search", "--", "--", "--catalog").status, 64)
        let punctuation = try vietdoc("search", ",;", "--catalog", directory.appendingPathComponent("out").path)
        XCTAssertEqual(punctuation.status, 64, punctuation.stderr)
    }

    func testMergedShardsAnswerLikeOneCatalog() throws {
        let shards = (0..<2).map { directory.appendingPathComponent("shard-\($0)") }
        for (i, doc) in Self.documents.enumerated() {
            let store = try CatalogStore(directory: shards[i % 2])
            try store.record(doc, sections: [])
            try store.close()
        }
        let merged = directory.appendingPathComponent("merged").path
        let merge = try vietdoc("catalog", "merge", shards[0].path, shards[1].path, "-o", merged)
        XCTAssertEqual(merge.status, 0, merge.stderr)
        XCTAssertEqual(merge.stdout, "")
        XCTAssertTrue(merge.stderr.contains("merged 2 catalogs: 3 documents"), merge.stderr)
        let one = directory.appendingPathComponent("out").path
        for query in ["ke hoach", "dich", "2023"] {
            let a = try vietdoc("search", query, "--catalog", merged, "--json")
            let b = try vietdoc("search", query, "--catalog", one, "--json")
            XCTAssertEqual(a.stdout, b.stdout, query)
        }
        let bad = try vietdoc(
            "catalog", "merge", shards[0].path, directory.appendingPathComponent("none").path, "-o", merged)
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("none"), bad.stderr)
    }
}
