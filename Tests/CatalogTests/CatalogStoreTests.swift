import Catalog
import GRDB
import Synchronization
import TestSupport
import XCTest

final class CatalogStoreTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try Fixtures.temporaryDirectory("catalog-test")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    // MARK: - Rows

    func testRecordWritesDocumentAndSectionRows() throws {
        let store = try CatalogStore(directory: directory)
        let doc = CatalogSamples.epidemicPlan
        try store.record(doc, sections: CatalogSamples.epidemicSections)

        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.appendingPathComponent("catalog.sqlite").path))
        XCTAssertEqual(try store.documents(), [doc])
        XCTAssertEqual(try store.sections(documentID: doc.path), CatalogSamples.epidemicSections)
        XCTAssertEqual(try store.counts(), [.converted: 1])
        XCTAssertEqual(
            try store.stamp(documentID: doc.path),
            CatalogStamp(
                sha256: doc.sha256, status: .converted, vietdocVersion: doc.vietdocVersion, modelVersion: "vi-2026.1"))
        XCTAssertNil(try store.stamp(documentID: "elsewhere.pdf"))
    }

    func testRerunReplacesTheRowsOfTheSamePath() throws {
        let store = try CatalogStore(directory: directory)
        try store.record(CatalogSamples.epidemicPlan, sections: CatalogSamples.epidemicSections)
        var second = CatalogSamples.epidemicPlan
        second.title = "Kế hoạch tiêm chủng mở rộng năm 2025"
        second.text = "KẾ HOẠCH\nTiêm chủng mở rộng năm 2025 cho trẻ em dưới 5 tuổi."
        second.sha256 = String(repeating: "b", count: 64)
        let oneSection = [CatalogSections.make(0, "I", "MỤC ĐÍCH", "purpose", line: 3)]
        try store.record(second, sections: oneSection)

        XCTAssertEqual(try store.documents(), [second])
        XCTAssertEqual(try store.sections(documentID: second.path), oneSection)
        // The index follows the replacement: the old text is gone, the new one is found.
        XCTAssertEqual(try store.search("phong chong dich"), [])
        XCTAssertEqual(try store.search("tiem chung").map(\.path), [second.path])
    }

    func testFailedDocumentKeepsItsReasonAndIsNotSearchable() throws {
        let store = try CatalogStore(directory: directory)
        try store.record(CatalogSamples.epidemicPlan, sections: CatalogSamples.epidemicSections)
        let failed = CatalogDocument(
            path: "2023/broken.pdf", sha256: String(repeating: "c", count: 64), status: .failed,
            error: "2023/broken.pdf: the PDF is damaged or truncated (no xref table)")
        try store.record(failed, sections: [])

        XCTAssertEqual(try store.document(id: "2023/broken.pdf"), failed)
        XCTAssertEqual(try store.counts(), [.converted: 1, .failed: 1])
        XCTAssertEqual(try store.search("pdf damaged"), [])
    }

    /// A catalog written by the first schema (rows keyed by the path as typed) is upgraded in
    /// place: its rows, sections and index survive, the path becoming the document id.
    func testAFirstSchemaCatalogIsUpgradedWithItsRowsSectionsAndIndex() throws {
        let file = directory.appendingPathComponent(CatalogStore.fileName)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: file.path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
                    INSERT INTO grdb_migrations VALUES ('v1');
                    CREATE TABLE documents (id INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL,
                        status TEXT NOT NULL, error TEXT, pages INTEGER NOT NULL, total_ms INTEGER NOT NULL,
                        ingest_ms INTEGER NOT NULL, ocr_ms INTEGER NOT NULL, restore_ms INTEGER NOT NULL,
                        segment_ms INTEGER NOT NULL, vietdoc_version TEXT NOT NULL, model_version TEXT, type TEXT,
                        number TEXT, issuer TEXT, place TEXT, date TEXT, title TEXT, text TEXT NOT NULL);
                    CREATE TABLE sections (path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL, number TEXT, heading TEXT NOT NULL, category TEXT NOT NULL,
                        level INTEGER NOT NULL, page INTEGER NOT NULL, line_start INTEGER NOT NULL,
                        line_end INTEGER NOT NULL, PRIMARY KEY (path, ordinal));
                    CREATE INDEX sections_category ON sections(category);
                    CREATE VIRTUAL TABLE document_index USING fts5(title, header, body,
                        tokenize = 'unicode61 remove_diacritics 2');
                    INSERT INTO documents VALUES (7, 'old/kh-1.pdf', 'abc', 'converted', NULL, 2, 0, 0, 0, 0, 0,
                        '0.0.9', NULL, 'KẾ HOẠCH', '1/KH', NULL, NULL, NULL, 'Phòng chống dịch', 'Kế hoạch phòng chống dịch');
                    INSERT INTO sections VALUES ('old/kh-1.pdf', 0, 'I', 'MỤC ĐÍCH', 'purpose', 1, 1, 3, 5);
                    INSERT INTO document_index (rowid, title, header, body) VALUES (7, 'phong chong dich', '', 'ke hoach phong chong dich');
                    """)
        }
        try queue.close()
        let store = try CatalogStore(directory: directory)
        let rows = try store.documents()
        XCTAssertEqual(rows.map(\.documentID), ["old/kh-1.pdf"])
        XCTAssertEqual(rows.first?.source, "old/kh-1.pdf")
        XCTAssertEqual(try store.sections(documentID: "old/kh-1.pdf").map(\.heading), ["MỤC ĐÍCH"])
        XCTAssertEqual(try store.search("phong chong").map(\.path), ["old/kh-1.pdf"])
        XCTAssertEqual(try store.roots(), [])
    }

    func testReopenedCatalogKeepsRowsAndReadOnlyRejectsOtherFiles() throws {
        do {
            let store = try CatalogStore(directory: directory)
            try store.record(CatalogSamples.epidemicPlan, sections: CatalogSamples.epidemicSections)
            try store.close()
        }
        let file = directory.appendingPathComponent(CatalogStore.fileName)
        XCTAssertEqual(try CatalogStore(readOnly: file).documents(), [CatalogSamples.epidemicPlan])
        XCTAssertEqual(try CatalogStore(directory: directory).documents().count, 1)  // migrations are idempotent

        let notCatalog = directory.appendingPathComponent("notes.txt")
        try Data("not a database".utf8).write(to: notCatalog)
        XCTAssertThrowsError(try CatalogStore(readOnly: notCatalog)) { error in
            XCTAssertTrue("\(error)".contains("notes.txt"), "\(error)")
            // A catalog that cannot be read is a failed input (1), not a usage error (64).
            let vietdocError = error as? VietdocError
            XCTAssertEqual(vietdocError?.code, .catalogUnreadable, "\(error)")
            XCTAssertEqual(vietdocError?.exitCode, .someInputsFailed)
            XCTAssertNotNil(vietdocError?.underlying, "the database error is kept")
        }
        XCTAssertThrowsError(try CatalogStore(readOnly: directory.appendingPathComponent("missing.sqlite"))) {
            XCTAssertEqual(
                $0 as? VietdocError, .fileNotFound(path: directory.appendingPathComponent("missing.sqlite").path))
        }
    }

    // MARK: - Search

    func testSearchMatchesWithAndWithoutDiacritics() throws {
        let store = try CatalogStore(directory: directory)
        for (doc, sections) in CatalogSamples.all { try store.record(doc, sections: sections) }

        let accented = try store.search("kế hoạch phòng, chống dịch")
        let bare = try store.search("ke hoach phong chong dich")
        let shouting = try store.search("KE HOACH PHONG CHONG DICH")
        XCTAssertEqual(accented.map(\.path), [CatalogSamples.epidemicPlan.path])
        XCTAssertEqual(bare, accented)
        XCTAssertEqual(shouting, accented)
    }

    func testSearchFoldsBarredD() throws {
        let store = try CatalogStore(directory: directory)
        for (doc, sections) in CatalogSamples.all { try store.record(doc, sections: sections) }

        // "đường" and "Đề án" only occur in the road plan; "d" must find "đ" and back.
        XCTAssertEqual(try store.search("duong giao thong").map(\.path), [CatalogSamples.roadPlan.path])
        XCTAssertEqual(try store.search("de an").map(\.path), [CatalogSamples.roadPlan.path])
        XCTAssertEqual(try store.search("Đường").map(\.path), [CatalogSamples.roadPlan.path])
        // Header fields are indexed: the document number finds its plan.
        XCTAssertEqual(try store.search("259/KH-UBND").map(\.path), [CatalogSamples.roadPlan.path])
    }

    func testSnippetShowsOriginalAccentedTextWithMatchesMarked() throws {
        let store = try CatalogStore(directory: directory)
        for (doc, sections) in CatalogSamples.all { try store.record(doc, sections: sections) }

        let hit = try XCTUnwrap(try store.search("phong chong dich").first)
        XCTAssertTrue(hit.snippet.hasPrefix("…"), hit.snippet)
        XCTAssertTrue(hit.snippet.contains("[Phòng], [chống] [dịch] bệnh truyền nhiễm"), hit.snippet)
        // Accent-insensitive matching marks every word with the same skeleton: đích ~ dịch.
        XCTAssertTrue(hit.snippet.contains("MỤC [ĐÍCH]"), hit.snippet)
        XCTAssertEqual(hit.title, CatalogSamples.epidemicPlan.title)
        XCTAssertEqual(hit.number, "45/KH-SYT")
        XCTAssertEqual(hit.date, "2024-03-05")
        XCTAssertEqual(hit.rank, 1)
        XCTAssertGreaterThan(hit.score, 0)
        XCTAssertFalse(hit.snippet.contains("\n"))
    }

    func testSnippetPrefersQueryWordsSideBySide() throws {
        let text =
            "Phòng họp, chống nóng, dịch vụ ăn uống cho cán bộ. " + String(repeating: "Nội dung khác. ", count: 10)
            + "Triển khai kế hoạch phòng, chống dịch bệnh năm 2024."
        let snippet = Snippet.make(text, query: try SearchQuery("phong chong dich"), window: 8)
        XCTAssertEqual(snippet, "…kế hoạch [phòng], [chống] [dịch] bệnh năm 2024.")
    }

    func testSnippetCutsLongPunctuationRuns() throws {
        let text =
            "Họ và tên: ........................................ Chức vụ: Trưởng phòng Y tế\n"
            + "-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-\nKý tên"
        let query = try SearchQuery("truong phong")
        XCTAssertEqual(
            Snippet.make(text, query: query), "Họ và tên: ... Chức vụ: [Trưởng] [phòng] Y tế -+-+-+-+-+… Ký tên")
        XCTAssertEqual(
            Snippet.make(text, query: try SearchQuery("ky"), window: 4), "…Y tế -+-+-+-+-+… [Ký] tên")
        XCTAssertNil(Snippet.make(text, query: try SearchQuery("dich")))
    }

    func testSearchRanksAndLimits() throws {
        let store = try CatalogStore(directory: directory)
        for (doc, sections) in CatalogSamples.all { try store.record(doc, sections: sections) }

        // Every plan says "kế hoạch"; the limit cuts the list, ranks count from 1.
        let all = try store.search("ke hoach")
        XCTAssertEqual(
            Set(all.map(\.path)),
            [CatalogSamples.epidemicPlan.path, CatalogSamples.roadPlan.path, CatalogSamples.schoolPlan.path])
        XCTAssertEqual(all.map(\.rank), Array(1...all.count))
        XCTAssertEqual(try store.search("ke hoach", limit: 2), Array(all.prefix(2)))
        XCTAssertEqual(try store.search("xyzzy"), [])
        XCTAssertThrowsError(try store.search(" ,;- "))
    }

    func testQuerySyntaxIsQuotedSoPunctuationCannotBreakIt() throws {
        let store = try CatalogStore(directory: directory)
        for (doc, sections) in CatalogSamples.all { try store.record(doc, sections: sections) }

        XCTAssertEqual(try store.search("phong* AND OR NOT (").map(\.path), [])
        XCTAssertEqual(try store.search("\"chong dich\" phong*").map(\.path), [CatalogSamples.epidemicPlan.path])
        // A phrase must occur in order.
        XCTAssertEqual(try store.search("\"dich chong\"").map(\.path), [])
    }

    /// Real documents: the gold texts of the samples, searched for stretches of their own words
    /// with the accents removed.
    func testGoldTextsAreFoundByUnaccentedStretchesOfTheirWords() throws {
        let stems = ["001-bacgiang-2022-scanned", "003-laocai-2024-scanned", "004-muongte-2022-scanned"]
        let store = try CatalogStore(directory: directory)
        var texts: [String: String] = [:]
        for name in stems {
            let text = try Fixtures.goldText(name)
            texts[name] = text
            try store.record(CatalogDocument(path: name, sha256: "", status: .converted, text: text), sections: [])
        }
        for (name, text) in texts {
            let tokens = AccentFolding.tokens(text)
            for start in stride(from: 40, to: min(tokens.count - 6, 400), by: 90) {
                let phrase = tokens[start..<(start + 6)].map { String(text[$0.range]) }
                let query = "\"" + VietnameseText.stripDiacritics(phrase.joined(separator: " ")) + "\""
                let hits = try store.search(query)
                let hit = try XCTUnwrap(hits.first(where: { $0.path == name }), "\(query) not found in \(name)")
                // The snippet marks the first place the phrase occurs, which may differ in case
                // or marks from the place it was taken from.
                let snippet = AccentFolding.fold(hit.snippet)
                for word in phrase {
                    let folded = AccentFolding.fold(word)
                    XCTAssertTrue(snippet.contains("[\(folded)]"), "\(word) not marked in \(hit.snippet)")
                }
            }
        }
    }

    // MARK: - Merge

    func testMergingShardCatalogsEqualsOneCatalog() throws {
        let whole = try CatalogStore(directory: directory.appendingPathComponent("whole"))
        let shards = (0..<3).map { directory.appendingPathComponent("shard-\($0)") }
        let stores = try shards.map { try CatalogStore(directory: $0) }
        for (i, (doc, sections)) in CatalogSamples.all.enumerated() {
            try whole.record(doc, sections: sections)
            try stores[i % 3].record(doc, sections: sections)
        }
        for store in stores { try store.close() }

        let summary = try CatalogStore.merge(shards.reversed(), into: directory.appendingPathComponent("merged"))
        XCTAssertEqual(summary.documents, CatalogSamples.all.count)
        XCTAssertEqual(summary.duplicatePaths, [])
        let merged = try CatalogStore(readOnly: summary.destination)
        XCTAssertEqual(try CatalogContent(merged), try CatalogContent(whole))
        for query in ["ke hoach", "duong", "phong chong dich", "2024"] {
            XCTAssertEqual(try merged.search(query), try whole.search(query), query)
        }
        // No temporary file is left beside the result.
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("merged").path)
        XCTAssertEqual(left, [CatalogStore.fileName])
    }

    func testMergeKeepsTheLastSourcesRowForADuplicatePathAndCanReplaceItsDestination() throws {
        let a = directory.appendingPathComponent("a")
        let b = directory.appendingPathComponent("b")
        try CatalogStore(directory: a).record(CatalogSamples.epidemicPlan, sections: CatalogSamples.epidemicSections)
        let newer = CatalogDocument(
            path: CatalogSamples.epidemicPlan.path, sha256: CatalogSamples.epidemicPlan.sha256, status: .failed,
            error: "the OCR engine could not start")
        try CatalogStore(directory: b).record(newer, sections: [])

        let summary = try CatalogStore.merge([a, b], into: a)  // destination is also a source
        XCTAssertEqual(summary.duplicatePaths, [newer.path])
        let merged = try CatalogStore(readOnly: summary.destination)
        XCTAssertEqual(try merged.documents(), [newer])
        XCTAssertEqual(try merged.sections(documentID: newer.path), [])
        XCTAssertEqual(try merged.search("phong chong dich"), [])
    }

    func testMergeRejectsAFileThatIsNotACatalogAndLeavesTheDestinationAlone() throws {
        let good = directory.appendingPathComponent("good")
        try CatalogStore(directory: good).record(CatalogSamples.roadPlan, sections: [])
        let bad = directory.appendingPathComponent("bad.sqlite")
        try Data(repeating: 7, count: 4096).write(to: bad)
        XCTAssertThrowsError(try CatalogStore.merge([good, bad], into: good)) { error in
            XCTAssertTrue("\(error)".contains("bad.sqlite"), "\(error)")
        }
        XCTAssertEqual(
            try CatalogStore(readOnly: CatalogStore.catalogFile(at: good)).documents(), [CatalogSamples.roadPlan])
    }
}

/// Everything a catalog holds, in a canonical order, for comparing catalogs.
struct CatalogContent: Equatable {
    var documents: [CatalogDocument]
    var sections: [String: [CatalogSection]]

    init(_ store: CatalogStore) throws {
        documents = try store.documents()
        sections = [:]
        for d in documents { sections[d.documentID] = try store.sections(documentID: d.documentID) }
    }
}

final class CatalogCrashTests: XCTestCase {
    /// A writer killed in the middle of a transaction leaves a hot journal beside the catalog.
    /// The snapshot is taken by copying the files while a transaction is open, which is what
    /// the disk holds when the process dies at that moment.
    func testCatalogLeftByAKilledWriterIsReadableAndHoldsTheLastCommittedRows() throws {
        let dir = try Fixtures.temporaryDirectory("catalog-crash")
        defer { try? FileManager.default.removeItem(at: dir) }
        let live = dir.appendingPathComponent("live")
        let crashed = dir.appendingPathComponent("crashed")
        let store = try CatalogStore(directory: live)
        try store.record(CatalogSamples.roadPlan, sections: [])
        try FileManager.default.createDirectory(at: crashed, withIntermediateDirectories: true)
        let file = live.appendingPathComponent(CatalogStore.fileName)
        let queue = try DatabaseQueue(path: file.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            // Enough rows that SQLite spills changed pages to the database file before commit.
            try db.execute(sql: "PRAGMA cache_size = 2")
            for i in 0..<300 {
                try db.execute(
                    sql: "UPDATE documents SET text = ? WHERE document_id = ?",
                    arguments: [String(repeating: "hỏng \(i) ", count: 500), CatalogSamples.roadPlan.path])
            }
            for suffix in ["", "-journal"] {
                try FileManager.default.copyItem(
                    atPath: file.path + suffix,
                    toPath: crashed.appendingPathComponent(CatalogStore.fileName).path + suffix)
            }
            try db.execute(sql: "ROLLBACK")
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: crashed.path + "/catalog.sqlite-journal"))

        let reopened = try CatalogStore(readOnly: crashed.appendingPathComponent(CatalogStore.fileName))
        XCTAssertEqual(try reopened.documents(), [CatalogSamples.roadPlan])
        XCTAssertEqual(try reopened.search("giao thong").map(\.path), [CatalogSamples.roadPlan.path])
    }
}

final class CatalogRowsFromRecordTests: XCTestCase {
    func testARecordBecomesADocumentRowAndSectionRows() throws {
        var plan = PlanRecord()
        plan.document = DocumentHeader(
            type: "KẾ HOẠCH", number: "259/KH-UBND", issuer: "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ", place: "Mường Tè",
            date: "2023-08-14", title: "Thực hiện Đề án phát triển giao thông nông thôn")
        plan.sections = [
            PlanSection(
                number: "I", heading: "MỤC TIÊU", level: 1, category: .objectives, parent: nil, text: "",
                span: SourceSpan(page: 1, lineStart: 9, lineEnd: 20)),
            PlanSection(
                number: "1", heading: "Mục tiêu chung", level: 2, category: .objectives, parent: 0, text: "",
                span: SourceSpan(page: 2, lineStart: 1, lineEnd: 4)),
        ]
        let record = DocumentRecord(
            vietdocVersion: "9.9.9",
            source: SourceInfo(path: "/srv/archive/2023/kh-259.pdf", sha256: "ab12", kind: .scannedPDF, pages: 5),
            pages: [], plan: plan,
            restoration: RestorationSummary(regime: "stripped", modelVersion: "vi-test", changes: []))
        let timings = StageTimings(total: 10, ingest: 1, ocr: 6, restore: 2, segment: 1)
        let doc = CatalogDocument(converted: record, path: "2023/kh-259.pdf", text: "KẾ HOẠCH …", timings: timings)
        XCTAssertEqual(
            doc,
            CatalogDocument(
                path: "2023/kh-259.pdf", sha256: "ab12", status: .converted, pages: 5, timings: timings,
                vietdocVersion: "9.9.9", modelVersion: "vi-test", type: "KẾ HOẠCH", number: "259/KH-UBND",
                issuer: "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ", place: "Mường Tè", date: "2023-08-14",
                title: "Thực hiện Đề án phát triển giao thông nông thôn", text: "KẾ HOẠCH …"))
        XCTAssertEqual(
            CatalogSection.rows(of: plan),
            [
                CatalogSection(
                    ordinal: 0, number: "I", heading: "MỤC TIÊU", category: "objectives", level: 1, page: 1,
                    lineStart: 9, lineEnd: 20),
                CatalogSection(
                    ordinal: 1, number: "1", heading: "Mục tiêu chung", category: "objectives", level: 2, page: 2,
                    lineStart: 1, lineEnd: 4),
            ])
    }
}

final class CatalogConcurrencyTests: XCTestCase {
    /// Workers record documents from several threads while a search runs in another store on the
    /// same file, as `vietdoc search` does during a batch.
    func testRecordsFromSeveralThreadsWhileSearching() throws {
        let dir = try Fixtures.temporaryDirectory("catalog-threads")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try CatalogStore(directory: dir)
        try store.record(CatalogSamples.roadPlan, sections: [])
        let reader = try CatalogStore(readOnly: store.file)
        let errors = ErrorBox()
        let searching = Thread {
            for _ in 0..<40 {
                do { _ = try reader.search("ke hoach") } catch { errors.add(error) }
            }
        }
        searching.start()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for i in 0..<15 {
                var doc = CatalogSamples.schoolPlan
                doc.path = "w\(worker)/\(i).txt"
                doc.documentID = doc.path
                do {
                    try store.record(doc, sections: CatalogSamples.schoolSections)
                } catch { errors.add(error) }
            }
        }
        while !searching.isFinished { usleep(10_000) }
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        XCTAssertEqual(try store.counts(), [.converted: 61])
        XCTAssertEqual(try reader.search("nam hoc", limit: 100).count, 60)
        XCTAssertEqual(try store.sections(documentID: "w3/14.txt"), CatalogSamples.schoolSections)
    }
}

private final class ErrorBox: Sendable {
    private let errors = Mutex<[Error]>([])
    func add(_ error: Error) { errors.withLock { $0.append(error) } }
    var all: [Error] { errors.withLock { $0 } }
}
