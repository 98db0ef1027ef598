import Foundation
import Records
import TestSupport
import VietdocCore
import XCTest

final class ALTOEncodingTests: XCTestCase {
    static let namespace = "http://www.loc.gov/standards/alto/ns-v4#"

    /// The rules of the ALTO 4 schema that a writer can break: root and namespace, the order
    /// and nesting of elements, the required attributes, the ranges of the confidences.
    func testFollowsTheALTO4SchemaRules() throws {
        let (record, pages) = archivalFixture()
        let root = try XCTUnwrap(parseXML(RecordEncoding.alto(record, pages: pages)))
        XCTAssertEqual(root.name, "alto")
        XCTAssertEqual(root.namespace, Self.namespace)
        XCTAssertEqual(root.children.map(\.name), ["Description", "Layout"])
        let description = root.children[0]
        XCTAssertEqual(description.children.first?.name, "MeasurementUnit")
        XCTAssertEqual(description.children.first?.text, "pixel")
        for processing in description.all("Processing") { XCTAssertNotNil(processing.attributes["ID"]) }

        var ids = Set<String>()
        func id(_ node: XMLNode, required: Bool) {
            guard let value = node.attributes["ID"] else {
                if required { XCTFail("\(node.name) without ID") }
                return
            }
            XCTAssertTrue(ids.insert(value).inserted, "duplicate ID \(value)")
        }
        let pagesNodes = root.children[1].children
        XCTAssertEqual(pagesNodes.map(\.name), ["Page"])
        for page in pagesNodes {
            id(page, required: true)
            XCTAssertNotNil(page.attributes["PHYSICAL_IMG_NR"])
            XCTAssertEqual(page.attributes["WIDTH"], "1000")
            XCTAssertEqual(page.attributes["HEIGHT"], "1400")
            XCTAssertEqual(page.children.map(\.name), ["PrintSpace"])
            for block in page.children[0].children {
                XCTAssertEqual(block.name, "TextBlock")
                id(block, required: true)
                XCTAssertFalse(block.children.isEmpty)
                for line in block.children {
                    XCTAssertEqual(line.name, "TextLine")
                    id(line, required: false)
                    XCTAssertEqual(line.children.first?.name, "String", "a TextLine starts with a String")
                    XCTAssertNotEqual(line.children.last?.name, "SP")
                    for (a, b) in zip(line.children, line.children.dropFirst()) where a.name == "SP" {
                        XCTAssertEqual(b.name, "String", "SP only between Strings")
                    }
                    for string in line.children where string.name == "String" {
                        id(string, required: false)
                        XCTAssertNotNil(string.attributes["CONTENT"])
                        for key in ["HPOS", "VPOS", "WIDTH", "HEIGHT"] {
                            XCTAssertNotNil(Double(string.attributes[key] ?? ""), "\(key) is a number")
                        }
                        let wc = try XCTUnwrap(Double(string.attributes["WC"] ?? ""))
                        XCTAssertTrue((0...1).contains(wc))
                        XCTAssertTrue(string.children.allSatisfy { $0.name == "ALTERNATIVE" })
                    }
                }
            }
        }
    }

    func testKeepsTheRestoredFormAndTheOCRFormAsAlternative() throws {
        let (record, pages) = archivalFixture()
        let root = try XCTUnwrap(parseXML(RecordEncoding.alto(record, pages: pages)))
        let strings = root.all("String")
        XCTAssertEqual(
            strings.map { $0.attributes["CONTENT"]! },
            ["KẾ", "HOẠCH", "của", "Bộ", "Tư", "pháp", "UBND", "tỉnh", "<&>"])
        let hoach = strings[1]
        XCTAssertEqual(hoach.children.map(\.text), ["HOACH"])
        XCTAssertEqual(hoach.children.first?.attributes["PURPOSE"], "OCR")
        XCTAssertEqual(hoach.attributes["WC"], "0.55")
        XCTAssertTrue(strings[0].children.isEmpty, "an unchanged word has no alternative")
        XCTAssertEqual(strings[7].children.first?.text, "ti nh")
        // Two paragraphs (the empty line between them) are two blocks.
        XCTAssertEqual(root.all("TextBlock").count, 2)
        XCTAssertEqual(root.all("TextLine").map { $0.attributes["ID"]! }, ["p1_l1", "p1_l2", "p1_l4"])
    }

    /// With a layout, regions are the blocks (tagged with their kind) and each line takes the
    /// words the layout gave it, even when the layout put the lines in another order.
    func testLayoutRegionsAreTheBlocks() throws {
        var (record, pages) = archivalFixture()
        // Reading order puts "UBND tỉnh" (OCR words 5…8) first, as a header column.
        pages[0].lines = ["UBND tỉnh <&>", "KẾ HOẠCH", "của Bộ Tư pháp"]
        pages[0].layout = PageLayout(
            method: .geometry,
            regions: [
                LayoutRegion(
                    kind: .headerLeft, lines: [LayoutLine(text: "UBND ti nh <&>", lineIndex: 1, words: [5, 6, 7, 8])]),
                LayoutRegion(
                    kind: .body,
                    lines: [
                        LayoutLine(text: "KẾ HOACH", lineIndex: 2, words: [0, 1]),
                        LayoutLine(text: "cuaBo Tw phap", lineIndex: 3, words: [2, 3, 4]),
                    ]),
                LayoutRegion(kind: .stamp, stamp: .seal, lines: [LayoutLine(text: "seal")]),
            ])
        let root = try XCTUnwrap(parseXML(RecordEncoding.alto(record, pages: pages)))
        XCTAssertEqual(root.children.map(\.name), ["Description", "Tags", "Layout"])
        let blocks = root.all("TextBlock")
        XCTAssertEqual(blocks.map { $0.attributes["TAGREFS"] }, ["region_header_left", "region_body"])
        let tags = Set(root.all("LayoutTag").map { $0.attributes["ID"]! })
        XCTAssertEqual(tags, ["region_header_left", "region_body"])
        let tinh = root.all("String")[1]
        XCTAssertEqual(tinh.attributes["CONTENT"], "tỉnh")
        XCTAssertEqual(tinh.attributes["HPOS"], "270")
        XCTAssertEqual(blocks[0].attributes["VPOS"], "400")
    }

    func testPagesWithoutImagesHaveWordsWithoutPositions() throws {
        var (record, pages) = archivalFixture()
        pages = [PageText(number: 1, method: .textFile, lines: ["Điều 1. Giao"])]
        record.pages = [PageRecord(pages[0])]
        let root = try XCTUnwrap(parseXML(RecordEncoding.alto(record, pages: pages)))
        let strings = root.all("String")
        XCTAssertEqual(strings.map { $0.attributes["CONTENT"]! }, ["Điều", "1.", "Giao"])
        XCTAssertTrue(strings.allSatisfy { $0.attributes["HPOS"] == nil && $0.attributes["WC"] == nil })
        XCTAssertNil(root.all("Page").first?.attributes["WIDTH"])
    }

    /// An ALTO reader from PyPI (simple-alto-parser, pinned by scripts/install-deps) reads back
    /// the same lines with the same words and boxes.
    func testAnIndependentReaderReadsTheSameWordsAndBoxes() throws {
        let python = try testPython()
        let (record, pages) = archivalFixture()
        let dir = try Fixtures.temporaryDirectory("alto")
        defer { try? FileManager.default.removeItem(at: dir) }
        try RecordEncoding.alto(record, pages: pages).write(
            to: dir.appendingPathComponent("doc.xml"), atomically: true, encoding: .utf8)
        let script = """
            import json, logging, sys
            from simple_alto_parser import AltoFileParser
            parser = AltoFileParser(sys.argv[1], {'logging': {'level': logging.ERROR}})
            parser.parse()
            out = []
            for f in parser.files:
                for e in f.file_elements:
                    a = e.element_data
                    out.append([e.text, a.get('hpos'), a.get('vpos'), a.get('width'), a.get('height')])
            print(json.dumps(out, ensure_ascii=False))
            """
        let result = try runCommand(python, ["-c", script, dir.path], currentDirectory: dir)
        XCTAssertEqual(result.status, 0, result.stderr)
        let read = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[Any]])
        let lines = ArchivalPage.pages(record: record, pages: pages).flatMap(\.blocks).flatMap(\.lines)
        XCTAssertEqual(read.count, lines.count)
        for (got, line) in zip(read, lines) {
            XCTAssertEqual(got[0] as? String, line.words.map(\.text).joined(separator: " "))
            let box = try XCTUnwrap(line.box)
            XCTAssertEqual(got[1...].map { $0 as? String }, ["\(box.x)", "\(box.y)", "\(box.width)", "\(box.height)"])
        }
    }
}
