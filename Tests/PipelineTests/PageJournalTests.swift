import Foundation
import Pipeline
import TestSupport
import XCTest

/// The journal of an interrupted document's finished pages, on a real folder.
final class PageJournalTests: XCTestCase {
    private let fm = FileManager.default

    private func key(_ sha: String = "abc", options: ConversionOptions = ConversionOptions(jobs: 1)) -> PageJournal.Key
    {
        PageJournal.Key(sha256: sha, modelVersion: "m1", options: options)
    }

    private func page(_ number: Int) -> PageText {
        var page = PageText(
            number: number, method: .ocr, lines: ["Kế hoạch số \(number)", "Ủy ban nhân dân"],
            words: [
                Word(
                    text: "Kế", confidence: 91.37254901960785, box: BoundingBox(x: 10, y: 20, width: 30, height: 12),
                    block: 1, paragraph: 1, line: 1)
            ], meanConfidence: 88.123456789, warnings: ["page \(number): slow"],
            frame: PageFrame(width: 2480, height: 3508, dpi: 300))
        page.preprocessing = ["smooth", "deskew(-0.8°)"]
        return page
    }

    private func work(_ root: URL) -> URL { root.appendingPathComponent(PageJournal.workFolder) }

    func testKeptPagesComeBackExactlyUnderTheSameKeyAndTheFolderGoesWhenDiscarded() throws {
        let root = try Fixtures.temporaryDirectory("journal")
        defer { try? fm.removeItem(at: root) }
        let journal = PageJournal(root: root, documentID: "2023/ubnd/kh-259", key: key())
        XCTAssertEqual(journal.pages(count: 5), [:])
        journal.keep(page(1), index: 0)
        journal.keep(page(4), index: 3)
        // A later run (a new journal object, as after kill -9) finds them, equal to the bit.
        let later = PageJournal(root: root, documentID: "2023/ubnd/kh-259", key: key())
        XCTAssertEqual(later.pages(count: 5), [0: page(1), 3: page(4)])
        XCTAssertEqual(later.pages(count: 2), [0: page(1)], "pages past the document's count are not used")
        XCTAssertEqual(
            PageJournal(root: root, documentID: "2023/ubnd/other", key: key()).pages(count: 5), [:],
            "another document has its own journal")

        PageJournal.discard(root: root, documentID: "2023/ubnd/kh-259")
        PageJournal.discard(root: root, documentID: "2023/ubnd/other")
        XCTAssertFalse(fm.fileExists(atPath: work(root).path), "an empty work area is removed too")
        PageJournal.discard(root: root, documentID: "never-journaled")
    }

    func testPagesMadeFromOtherContentOrSettingsAreNotUsed() throws {
        let root = try Fixtures.temporaryDirectory("journal-key")
        defer { try? fm.removeItem(at: root) }
        PageJournal(root: root, documentID: "a", key: key()).keep(page(1), index: 0)
        var noDeskew = ConversionOptions(jobs: 1)
        noDeskew.preprocessing.deskew = false
        var otherDPI = ConversionOptions(jobs: 1)
        otherDPI.renderDPI = 200
        for other in [key("edited"), key(options: noDeskew), key(options: otherDPI)] {
            XCTAssertEqual(PageJournal(root: root, documentID: "a", key: key()).pages(count: 1).count, 1)
            XCTAssertEqual(PageJournal(root: root, documentID: "a", key: other).pages(count: 1), [:])
            // The other key emptied the journal: the first key's page is gone as well.
            XCTAssertEqual(PageJournal(root: root, documentID: "a", key: key()).pages(count: 1), [:])
            PageJournal(root: root, documentID: "a", key: key()).keep(page(1), index: 0)
        }
    }

    /// A link planted where the work area goes is never followed: nothing is written or
    /// removed where it points, and the journal keeps nothing.
    func testALinkInPlaceOfTheWorkAreaIsNeverFollowed() throws {
        let root = try Fixtures.temporaryDirectory("journal-link")
        let elsewhere = try Fixtures.temporaryDirectory("journal-elsewhere")
        defer {
            try? fm.removeItem(at: root)
            try? fm.removeItem(at: elsewhere)
        }
        let relative = "pages/" + SHA256.hex(of: Data("a".utf8))
        try fm.createDirectory(at: elsewhere.appendingPathComponent(relative), withIntermediateDirectories: true)
        let bait = elsewhere.appendingPathComponent(relative + "/key.json")
        try Data("precious".utf8).write(to: bait)
        try fm.createSymbolicLink(at: work(root), withDestinationURL: elsewhere)

        let journal = PageJournal(root: root, documentID: "a", key: key())
        journal.keep(page(1), index: 0)
        XCTAssertEqual(journal.pages(count: 1), [:])
        PageJournal.discard(root: root, documentID: "a")
        XCTAssertEqual(try String(contentsOf: bait, encoding: .utf8), "precious")
        XCTAssertEqual(
            try fm.contentsOfDirectory(atPath: elsewhere.appendingPathComponent(relative).path), ["key.json"])
    }
}
