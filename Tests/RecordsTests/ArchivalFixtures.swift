import Foundation
import TestSupport
import VietdocCore
import XCTest

/// A one-page OCR'd document and its restored page: a mark change, a split, a merge, a word
/// with a character XML must escape, and a low-confidence word.
func archivalFixture() -> (record: DocumentRecord, pages: [PageText]) {
    func w(_ text: String, _ x: Int, _ y: Int, _ width: Int, _ conf: Double = 91) -> Word {
        Word(text: text, confidence: conf, box: BoundingBox(x: x, y: y, width: width, height: 40))
    }
    let words = [
        w("KẾ", 100, 100, 60), w("HOACH", 180, 100, 200, 55),
        w("cuaBo", 100, 200, 250), w("Tw", 370, 200, 60, 40), w("phap", 450, 200, 120),
        w("UBND", 100, 400, 150), w("ti", 270, 400, 40), w("nh", 310, 400, 50), w("<&>", 380, 400, 50),
    ]
    let ocr = PageText(
        number: 1, method: .ocr, lines: ["KẾ HOACH", "cuaBo Tw phap", "", "UBND ti nh <&>"], words: words,
        meanConfidence: 80, frame: PageFrame(width: 1000, height: 1400, dpi: 300))
    var restored = ocr
    restored.lines = ["KẾ HOẠCH", "của Bộ Tư pháp", "", "UBND tỉnh <&>"]
    var record = sampleRecord()
    record.source = SourceInfo(
        path: "scan \"1\".png", sha256: String(repeating: "0", count: 64), kind: .image, pages: 1)
    record.pages = [PageRecord(ocr)]
    return (record, [restored])
}

/// A parsed XML element: name (local), namespace, attributes and children.
final class XMLNode {
    let name: String
    let namespace: String?
    let attributes: [String: String]
    var children: [XMLNode] = []
    var text = ""
    weak var parent: XMLNode?

    init(name: String, namespace: String?, attributes: [String: String]) {
        self.name = name
        self.namespace = namespace
        self.attributes = attributes
    }

    func all(_ name: String) -> [XMLNode] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.all(name) }
    }
}

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses XML with Foundation's parser (namespaces on); fails the test on a parse error.
func parseXML(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> XMLNode? {
    final class Builder: NSObject, XMLParserDelegate {
        var stack: [XMLNode] = []
        var root: XMLNode?
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let node = XMLNode(name: name, namespace: namespaceURI, attributes: attributes)
            node.parent = stack.last
            stack.last?.children.append(node)
            if root == nil { root = node }
            stack.append(node)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            stack.removeLast()
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { stack.last?.text += string }
    }
    let parser = XMLParser(data: Data(text.utf8))
    parser.shouldProcessNamespaces = true
    let builder = Builder()
    parser.delegate = builder
    guard parser.parse() else {
        XCTFail("not well-formed XML: \(String(describing: parser.parserError))", file: file, line: line)
        return nil
    }
    return builder.root
}

/// The Python interpreter of the test virtual environment that scripts/install-deps makes
/// (with the pinned ALTO reader), or a failure saying how to make it.
func testPython(file: StaticString = #filePath, line: UInt = #line) throws -> URL {
    let python = Fixtures.repositoryRoot.appendingPathComponent(".build/test-python/bin/python3")
    guard FileManager.default.isExecutableFile(atPath: python.path) else {
        XCTFail(
            "no test Python at \(python.path): run scripts/install-deps (it installs the pinned readers)", file: file,
            line: line)
        throw XCTSkip("test Python missing")
    }
    return python
}
