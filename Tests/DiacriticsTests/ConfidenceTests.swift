import Diacritics
import XCTest

/// The confidence the restorer reports per token: each change and each unsure word names its
/// word in the restored line, and words kept although another reading came close are listed.
final class ConfidenceTests: XCTestCase {
    /// The words `position` covers in a restored line, split at spaces as the review page does.
    func words(_ line: String, _ position: WordPosition?) -> String? {
        guard let position else { return nil }
        let words = line.split(separator: " ").map(String.init)
        guard position.index >= 1, position.index - 1 + position.count <= words.count else { return nil }
        return words[(position.index - 1)..<(position.index - 1 + position.count)].joined(separator: " ")
    }

    func testEachChangeNamesTheWordsItWrote() {
        let r = ModelFixture.restorer.restoreLine("Ke hoach trien khai", regime: .stripped)
        XCTAssertEqual(r.text, "Kế hoạch triển khai")
        // "khai" is written as it reads.
        XCTAssertEqual(r.changes.map(\.output), ["Kế", "hoạch", "triển"])
        XCTAssertEqual(r.changes.map { $0.word?.index }, [1, 2, 3])
        XCTAssertEqual(r.changes.map { $0.word?.count }, [1, 1, 1])
    }

    func testWordsArePlacedThroughPunctuationCodesAndSplits() {
        for (line, regime) in [
            ("(Ke hoach) so 12/KH-UBND ve phong, chong dich cuaBo Y te", TextRegime.stripped),
            ("Thuc hien QD-UBND cua UBND tinh, ngay 5", .stripped),
            ("Poc lap — Tw do — Hanh phuc cua tinh", .mangled),
        ] {
            let r = ModelFixture.restorer.restoreLine(line, regime: regime)
            XCTAssertFalse(r.changes.isEmpty, line)
            for c in r.changes {
                let written = words(r.text, c.word)
                XCTAssertNotNil(written, "\(c) in \(r.text)")
                XCTAssertTrue(written?.contains(c.output) == true, "\(c.output) not at \(c.word!) in \(r.text)")
                XCTAssertEqual(c.word?.count, c.output.split(separator: " ").count)
            }
            for s in r.lowConfidence {
                XCTAssertTrue(words(r.text, s.word)?.contains(s.text) == true, "\(s) in \(r.text)")
            }
        }
    }

    func testWordsKeptAgainstACloseReadingAreUnsureSpans() {
        var restorer = ModelFixture.restorer
        // With a threshold no margin reaches, every kept word that had another reading is unsure.
        restorer.lowConfidenceMargin = 1000
        let line = "Các đơn vị chủ động phối hợp, bảo đảm tiến độ và hiệu quả"
        let r = restorer.restoreLine(line, regime: .accented)
        XCTAssertEqual(r.text, line)
        XCTAssertEqual(r.changes, [])
        XCTAssertFalse(r.lowConfidence.isEmpty)
        for s in r.lowConfidence {
            XCTAssertEqual(s.kept, true)
            XCTAssertTrue(words(line, s.word)?.hasPrefix(s.text) == true, "\(s)")
            XCTAssertLessThan(s.margin, 1000)
        }
        // At the default threshold correct text is kept with confidence.
        XCTAssertEqual(ModelFixture.restorer.restoreLine(line, regime: .accented).lowConfidence, [])
    }
}
