import Crypto
import Diacritics
import TestSupport
import XCTest

/// The four settings of issue 4 on text in the repository, with thresholds just under the
/// figures measured on it, so a regression fails. The held-out corpus documents
/// (`dictionaries/heldout.tsv`) live in `../shared/corpus`, outside the repository: they are
/// scored by `vietdoc eval restore`, which says what it needs when the corpus is missing.
final class HeldOutSettingsTests: XCTestCase {
    static let evaluation = RestorationEvaluation(restorer: ModelFixture.restorer)

    /// The gold texts of samples 001 and 004 (the seeds' text, 8 pages); not in the corpus.
    static let gold: [RestorationEvaluation.Document] = ["001-bacgiang-2022-scanned", "004-muongte-2022-scanned"]
        .map { stem in
            let text = (try? Fixtures.goldText(stem)) ?? ""
            return RestorationEvaluation.Document(
                name: stem, lines: text.components(separatedBy: "\n").map(VietnameseText.nfc))
        }

    /// Seeds 001 and 004 (8 pages); `vietdoc eval restore` also scores 003.
    static let ocr = RestorationEvaluation.ocrFixtures(
        directory: Fixtures.repositoryRoot.appendingPathComponent("eval/restore/ocr")
    ).filter { !$0.name.hasPrefix("003") }

    /// The held-out list follows the documented rule: `int(sha1(source \t doc id)[:8], 16) % 50 == 0`.
    func testHeldOutListFollowsTheDocumentedRule() throws {
        let listing = try String(
            contentsOf: Fixtures.dictionaries.appendingPathComponent("heldout.tsv"), encoding: .utf8)
        let rows = listing.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertGreaterThan(rows.count, 100)
        for row in rows {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            XCTAssertEqual(f.count, 5, "\(row)")
            guard f.count == 5 else { continue }
            let digest = Insecure.SHA1.hash(data: Data("\(f[3])\t\(f[4])".utf8))
            let prefix = digest.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            XCTAssertEqual(prefix % 50, 0, "\(f[3]) \(f[4]) is listed but not held out by the rule")
        }
    }

    func testSettingA_StrippedGoldText() throws {
        XCTAssertEqual(Self.gold.filter { $0.lines.count > 10 }.count, 2, "gold texts missing")
        let s = Self.evaluation.stripped(Self.gold)
        XCTAssertGreaterThan(s.output.gold, 2_000)
        XCTAssertGreaterThanOrEqual(s.output.syllableAccuracy, SettingThresholds.strippedGold, "\(s.output)")
    }

    func testSettingB_EnglishModelOCR() throws {
        XCTAssertEqual(Self.ocr.count, 2, "OCR fixtures missing from eval/restore/ocr")
        let f = Self.evaluation.ocr(Self.ocr, language: "eng")
        XCTAssertGreaterThanOrEqual(f.output.syllableAccuracy, SettingThresholds.eng, "\(f.output)")
        XCTAssertGreaterThan(f.output.syllableAccuracy, f.input.syllableAccuracy + 0.3)
        XCTAssertLessThan(f.outputCER, f.inputCER)
    }

    func testSettingC_VietnameseModelOCRNeverWorse() throws {
        XCTAssertEqual(Self.ocr.count, 2, "OCR fixtures missing from eval/restore/ocr")
        let f = Self.evaluation.ocr(Self.ocr, language: "vie")
        XCTAssertGreaterThanOrEqual(f.output.syllableAccuracy, SettingThresholds.vie, "\(f.output)")
        XCTAssertGreaterThanOrEqual(f.output.correct, f.input.correct)
        XCTAssertGreaterThanOrEqual(f.output.correctDiacritics, f.input.correctDiacritics)
    }

    func testSettingD_CorrectTextIsNotHarmed() throws {
        let f = Self.evaluation.correct(Self.gold)
        XCTAssertGreaterThan(f.inputSyllables, 2_000)
        XCTAssertLessThanOrEqual(f.harmRate, SettingThresholds.harm, "changed \(f.changed) of \(f.inputSyllables)")
    }
}

/// Measured figures (model vdm1-960d915a9e71c8a0+52ce967f, these texts) minus a small margin:
/// stripped gold 001+004 96.57 %, eng 17.3 → 92.49 %, vie 97.70 → 98.78 %, harm 0.000 %.
/// The held-out corpus rows are `vietdoc eval restore`'s (docs/RESTORATION.md).
enum SettingThresholds {
    static let strippedGold = 0.962
    static let eng = 0.920
    static let vie = 0.982
    static let harm = 0.001
}
