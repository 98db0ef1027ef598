import Foundation
import Pipeline
import TestSupport
import VietdocCore
import XCTest

@testable import Records

/// Records are encoded page by page, to bound the encoder's memory by one page.
final class RecordEncodingMemoryTests: XCTestCase {
    /// The bytes are those of encoding the whole record at once, pretty and compact, for a real
    /// record of 15 pages with layouts, lines and words with boxes (the text layer of a sample
    /// PDF) and for its first page alone.
    func testPageByPageEncodingGivesTheBytesOfEncodingTheWholeRecord() throws {
        var options = ConversionOptions(jobs: 1)
        options.restore = false
        let url = Fixtures.sample("003-laocai-2024-text.pdf")
        let record = try DocumentConverter(options: options).convert(url, displayPath: "003.pdf").record
        XCTAssertGreaterThan(record.pages.count, 10)
        XCTAssertGreaterThan(record.pages.map(\.words.count).reduce(0, +), 1_000)
        for pretty in [true, false] {
            XCTAssertNotNil(try RecordEncoding.encodedPageByPage(record, pretty: pretty), "the pages are spliced in")
        }
        var onePage = record
        onePage.pages = [record.pages[0]]
        for record in [record, onePage] {
            XCTAssertEqual(
                String(decoding: try RecordEncoding.json(record), as: UTF8.self),
                String(decoding: try Self.whole(record, pretty: true), as: UTF8.self))
            XCTAssertEqual(
                String(decoding: try RecordEncoding.jsonLine(record), as: UTF8.self),
                String(decoding: try Self.whole(record, pretty: false), as: UTF8.self))
        }
    }

    /// The record encoded at once, as the record formats are specified (docs/SCHEMA.md).
    private static func whole(_ record: DocumentRecord, pretty: Bool) throws -> Data {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        if pretty { e.outputFormatting.insert(.prettyPrinted) }
        e.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        var data = try e.encode(record)
        data.append(0x0A)
        return data
    }
}
