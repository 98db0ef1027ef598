import Foundation
import XCTest

@testable import Diacritics

final class TabSeparatedRowsTests: XCTestCase {
    func testRowsSkipCommentsAndEmptyLinesAndKeepTheLastLineWithoutANewline() {
        let data = Data("# header\tignored\noxy\t1301\tôxy\t979\n\nkito\t12x\nlâm\t2250\t5471".utf8)
        var rows: [[String]] = []
        var numbers: [Int?] = []
        TabSeparatedRows.forEach(data) { row in
            rows.append(row.fields.indices.map(row.string))
            numbers.append(row.number(1))
            XCTAssertEqual(row.hash(0), FNV1a.hash64(row.string(0)))
        }
        XCTAssertEqual(rows, [["oxy", "1301", "ôxy", "979"], ["kito", "12x"], ["lâm", "2250", "5471"]])
        XCTAssertEqual(numbers, [1301, nil, 2250])
    }
}
