import Foundation
import Records
import TestSupport
import VietdocCore
import XCTest

final class RecordEncodingTests: XCTestCase {
    func testJSONRoundTripAndSnakeCaseKeysInline() throws {
        let record = sampleRecord()
        let data = try RecordEncoding.json(record)
        XCTAssertEqual(try RecordEncoding.decode(data), record)
        let obj = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "schema_version", "vietdoc_version", "source", "pages", "quality", "document", "legal_basis",
            "sections", "objectives", "activities", "budget", "assignments", "recipients", "signature",
        ] {
            XCTAssertNotNil(obj[key], "top-level key \(key)")
        }
        let doc = try XCTUnwrap(obj["document"] as? [String: Any])
        XCTAssertEqual(doc["parent_issuer"] as? String, "UBND TỈNH LÀO CAI")
        XCTAssertEqual(doc["date_text"] as? String, "ngày 05 tháng 3 năm 2024")
        let spans = try XCTUnwrap(doc["spans"] as? [String: Any])
        XCTAssertTrue(spans["title"] is NSNull, "absent values are explicit nulls")
        let total = try XCTUnwrap((obj["budget"] as? [String: Any])?["total"] as? [String: Any])
        XCTAssertEqual(total["amount"] as? Int, 1_766_925_000)
        XCTAssertEqual((total["span"] as? [String: Any])?["line_start"] as? Int, 3)
    }

    func testJSONIsByteIdenticalAcrossRuns() throws {
        let a = try RecordEncoding.json(sampleRecord())
        let b = try RecordEncoding.json(sampleRecord())
        XCTAssertEqual(a, b)
        let text = String(decoding: a, as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("}\n"))
        XCTAssertTrue(text.contains("\"4026/QĐ-BYT\""), "slashes and Vietnamese letters are not escaped")
        // Sorted keys: "activities" comes before "assignments" before "budget".
        let order = ["\"activities\"", "\"assignments\"", "\"budget\""].map { text.range(of: $0)!.lowerBound }
        XCTAssertEqual(order, order.sorted())
    }

    func testJSONLineIsOneLine() throws {
        let line = try RecordEncoding.jsonLine(sampleRecord())
        let text = String(decoding: line, as: UTF8.self)
        XCTAssertEqual(text.filter { $0 == "\n" }.count, 1)
        XCTAssertTrue(text.hasSuffix("\n"))
        var two = line
        two.append(try RecordEncoding.jsonLine(sampleRecord(path: "b.txt")))
        XCTAssertEqual(
            try RecordEncoding.decodeLines(two).map(\.source.path), ["samples/001-test-2024-text.txt", "b.txt"])
    }

    func testDecodingARecordWithoutPlanKeysGivesAnEmptyPlan() throws {
        let json = """
            {"schema_version":"1.0.0","vietdoc_version":"0.1.0","source":{"path":"a.txt","sha256":"","kind":"text","pages":0},
             "pages":[],"quality":{"restored_tokens":0,"changed_tokens":0,"low_confidence_spans":[]}}
            """
        XCTAssertEqual(try RecordEncoding.decode(Data(json.utf8)).plan, PlanRecord())
    }

    func testCSVTablesQuoteAndCarryTheDocumentID() throws {
        let tables = RecordEncoding.csvTables([sampleRecord(), sampleRecord(path: "x.txt", sha: "")])
        XCTAssertEqual(
            tables.map(\.fileName), ["documents.csv", "sections.csv", "budget_items.csv", "assignments.csv"])
        let docs = tables[0].contents
        let rows = docs.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        XCTAssertEqual(rows.count, 3, "header and one row per record")
        XCTAssertTrue(rows[0].hasPrefix("document_id,source_path,sha256,"))
        XCTAssertTrue(
            rows[1].hasPrefix(
                "samples/001-test-2024-text,samples/001-test-2024-text.txt," + String(repeating: "ab", count: 32) + ",")
        )
        XCTAssertTrue(rows[2].hasPrefix("x,x.txt,,"), "the id is the path without extension, the hash its own column")
        XCTAssertTrue(
            docs.contains("\"Tiêm chủng, \"\"mở rộng\"\" năm 2024\""), "RFC 4180: quotes doubled, field quoted")
        let sections = tables[1].contents
        XCTAssertTrue(
            sections.contains("\"Dòng một, có dấu phẩy\nDòng hai\""), "line breaks stay inside a quoted field")
        XCTAssertTrue(sections.contains(",0,,I,1,objectives,MỤC TIÊU,1,3,4,1,"), "empty parent for a top section")
        XCTAssertTrue(tables[2].contents.contains(",0,Mua sắm,2500000000,VND,"))
        XCTAssertTrue(tables[3].contents.contains("\"Chủ trì, phối hợp\nBáo cáo \"\"định kỳ\"\"\""))
    }

    func testMarkdownRendersTheRecord() {
        let md = RecordEncoding.markdown(sampleRecord())
        XCTAssertTrue(md.hasPrefix("# KẾ HOẠCH 45/KH-SYT\n"))
        XCTAssertTrue(md.contains("| Issuer | SỞ Y TẾ |"))
        XCTAssertTrue(md.contains("| Budget total | 1.766.925.000 VND (1.766.925.000 đồng) |"))
        XCTAssertTrue(md.contains("- I\\. MỤC TIÊU — *objectives* (p. 1, l. 3–4)"))
        XCTAssertTrue(md.contains("  - 1\\. Mục tiêu chung — *objectives*"))
        XCTAssertTrue(md.contains("### Sở Y tế (p. 1, l. 3–4)"))
        XCTAssertTrue(md.contains("| Tỷ lệ tiêm chủng | ≥ 95 | % | 2025 |"))
        XCTAssertTrue(md.contains("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Ngô Vũ Quốc"))
    }

    func testPlainTextJoinsPagesWithFormFeeds() {
        let pages = [
            PageText(number: 1, method: .ocr, lines: ["a", "b"]), PageText(number: 2, method: .ocr, lines: ["c"]),
        ]
        XCTAssertEqual(RecordEncoding.plainText(pages: pages), "a\nb\u{0C}c\n")
    }

    func testFormatsAndExtensions() {
        XCTAssertEqual(
            RecordFormat.allCases.map(\.fileExtension),
            ["json", "jsonl", "csv", "md", "txt", "pdf", "pdf", "alto.xml", "hocr", "html"])
        XCTAssertEqual(RecordFormat(rawValue: "jsonl"), .jsonl)
        XCTAssertEqual(RecordFormat(rawValue: "pdf-a"), .pdfA)
        XCTAssertFalse(RecordFormat.pdf.isWritten(for: .text), "a text input has no page images for a PDF")
        XCTAssertTrue(RecordFormat.alto.isWritten(for: .text))
    }
}

final class CSVBatchTests: XCTestCase {
    func testRowsWithoutHeaderAppendUnderOneHeader() {
        let a = sampleRecord(path: "a.txt", sha: "")
        let b = sampleRecord(path: "b.txt", sha: "")
        let whole = RecordEncoding.csvTables([a, b])
        var built = RecordEncoding.csvTables([a])
        for (i, t) in RecordEncoding.csvTables([b], includeHeader: false).enumerated() {
            built[i].contents += t.contents
        }
        XCTAssertEqual(built.map(\.contents), whole.map(\.contents))
        XCTAssertEqual(
            RecordEncoding.csvTables([] as [DocumentRecord], includeHeader: false).map(\.contents), ["", "", "", ""])
    }
}
