import Foundation
import Layout
import TestSupport
import XCTest

/// The layout stage on real pages: the generated signed sample (two-column bands, a
/// digital-signature overlay, handwriting, a seal, skew) and real archive scans.
final class GeometryLayoutTests: XCTestCase {
    /// Asserts that every layout line of the page points at the page line holding its text.
    private func assertLinesPointAtTheirText(_ page: PageText, file: StaticString = #filePath, line: UInt = #line) {
        for region in page.layout?.regions ?? [] {
            for l in region.lines {
                if region.kind == .stamp {
                    XCTAssertNil(l.lineIndex, "stamp lines stay out of the text", file: file, line: line)
                } else if let index = l.lineIndex {
                    XCTAssertEqual(page.lines[index - 1], l.text, file: file, line: line)
                } else {
                    XCTFail("\(region.kind) line without a line index: \(l.text)", file: file, line: line)
                }
                XCTAssertNotNil(l.box, file: file, line: line)
            }
        }
    }

    func testSignedSampleHeaderBandIsReadColumnByColumn() throws {
        let page = try PageReading.laidOut("001-bacgiang-2022-signed.pdf")[0]
        XCTAssertEqual(page.layout?.method, .geometry)
        let left = page.texts(.headerLeft).map(folded)
        let right = page.texts(.headerRight).map(folded)
        XCTAssertEqual(left.first, "ubnd tinh bac giang", "\(left)")
        XCTAssertTrue(left.contains { $0.hasPrefix("so") && $0.hasSuffix("/kh-syt") }, "\(left)")
        XCTAssertFalse(left.contains { $0.contains("cong hoa") || $0.contains("bac giang, ngay") }, "\(left)")
        XCTAssertEqual(right.first, "cong hoa xa hoi chu nghia viet nam", "\(right)")
        XCTAssertTrue(right.contains { $0.hasPrefix("bac giang, ngay") && $0.hasSuffix("nam 2022") }, "\(right)")
        // Reading order: the left column, then the right, then the title.
        let l = try XCTUnwrap(page.firstLine(of: .headerLeft))
        let r = try XCTUnwrap(page.firstLine(of: .headerRight))
        let t = try XCTUnwrap(page.firstLine(of: .title))
        XCTAssertLessThan(l, r)
        XCTAssertLessThan(r, t)
        XCTAssertEqual(folded(page.texts(.title).first ?? ""), "ke hoach")
        assertLinesPointAtTheirText(page)
    }

    func testSignedSampleDigitalSignatureIsAStampOutOfTheText() throws {
        let page = try PageReading.laidOut("001-bacgiang-2022-signed.pdf")[0]
        XCTAssertTrue(page.stampKinds.contains(.digitalSignature), "\(page.stampKinds)")
        let stamp = try XCTUnwrap(page.layout?.regions(.stamp).first { $0.stamp == .digitalSignature })
        XCTAssertTrue(stamp.lines.contains { folded($0.text).hasPrefix("ky boi") }, "\(stamp.lines.map(\.text))")
        XCTAssertFalse(page.lines.contains { folded($0).contains("ky boi") || folded($0).contains("thoi gian ky") })
        // The overlay sits at the top right, above the header band.
        let header = try XCTUnwrap(page.layout?.regions(.headerRight).first?.box)
        XCTAssertLessThan(try XCTUnwrap(stamp.box).maxY, header.y)
    }

    func testSignedSampleClosingBandSplitsRecipientsFromTheSignature() throws {
        let pages = try PageReading.laidOut("001-bacgiang-2022-signed.pdf")
        let page = try XCTUnwrap(pages.last)
        let left = page.texts(.closingLeft)
        let right = page.texts(.closingRight).map(folded)
        XCTAssertTrue(folded(left.first ?? "").hasPrefix("noi nhan"), "\(left)")
        XCTAssertGreaterThanOrEqual(left.filter { $0.hasPrefix("-") }.count, 5, "\(left)")
        XCTAssertFalse(left.contains { folded($0).contains("giam doc") }, "\(left)")
        XCTAssertTrue(right.contains { $0.contains("giam doc") }, "\(right)")
        XCTAssertLessThan(
            try XCTUnwrap(page.firstLine(of: .closingLeft)), try XCTUnwrap(page.firstLine(of: .closingRight)))
        assertLinesPointAtTheirText(page)
    }

    func testRealScanAt300DPIWithStampsAndSeal() throws {
        let pages = try PageReading.laidOut("r01-quangngai-2024-scan.pdf")
        let first = pages[0]
        XCTAssertEqual(first.texts(.headerLeft).prefix(2).map(folded), ["uy ban nhan dan", "tinh quang ngai"])
        XCTAssertEqual(folded(first.texts(.headerRight).first ?? ""), "cong hoa xa hoi chu nghia viet nam")
        XCTAssertTrue(first.texts(.headerRight).contains { folded($0).hasPrefix("quang ngai, ngay") })
        XCTAssertTrue(first.stampKinds.isSuperset(of: [.digitalSignature, .gazetteStamp]), "\(first.stampKinds)")
        for line in first.lines {
            let f = folded(line)
            XCTAssertFalse(f.contains("ky boi") || f.contains("trung tam cong") || f.contains("gov.vn"), line)
        }
        XCTAssertTrue(folded(first.texts(.title).first ?? "").hasPrefix("chi thi"), "\(first.texts(.title))")
        assertLinesPointAtTheirText(first)

        let last = try XCTUnwrap(pages.last)
        let recipients = last.texts(.closingLeft)
        XCTAssertTrue(folded(recipients.first ?? "").hasPrefix("noi nhan"), "\(recipients)")
        XCTAssertGreaterThanOrEqual(recipients.filter { $0.hasPrefix("-") }.count, 12, "\(recipients)")
        // The signer's name never shares a line with a recipient.
        XCTAssertFalse(recipients.contains { folded($0).contains("hoang tu") }, "\(recipients)")
        XCTAssertTrue(
            last.texts(.closingRight).contains { folded($0).contains("hoang tu") }, "\(last.texts(.closingRight))")
    }

    func testRealScanAt100DPI() throws {
        let pages = try PageReading.laidOut("r02-quangngai-2020-scan100dpi.pdf")
        XCTAssertEqual(pages[0].texts(.headerLeft).prefix(2).map(folded), ["uy ban nhan dan", "tinh quang ngai"])
        XCTAssertTrue(pages[0].texts(.headerRight).contains { folded($0) == "doc lap - tu do - hanh phuc" })
        XCTAssertTrue(pages[0].stampKinds.contains(.digitalSignature), "\(pages[0].stampKinds)")
        let last = try XCTUnwrap(pages.last)
        XCTAssertTrue(
            last.texts(.closingRight).contains { folded($0).contains("tran ngoc") }, "\(last.texts(.closingRight))")
        XCTAssertFalse(last.texts(.closingLeft).contains { folded($0).contains("tran ngoc") })
    }

    func testBornDigitalLetterGetsGeometryFromItsTextLayer() throws {
        let page = try PageReading.laidOut("r10-quangngai-2025-digital.pdf")[0]
        XCTAssertEqual(page.method, .textLayer)
        XCTAssertGreaterThan(page.words.count, 200)
        XCTAssertTrue(page.words.allSatisfy { $0.line != nil && $0.box.width > 0 && $0.confidence == 100 })
        XCTAssertEqual(page.layout?.method, .geometry)
        let left = page.texts(.headerLeft)
        XCTAssertEqual(Array(left.prefix(2)), ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI"])
        XCTAssertTrue(left.contains { $0.hasPrefix("V/v góp ý") }, "the trích yếu sits in the left column: \(left)")
        XCTAssertEqual(page.texts(.headerRight).first, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        XCTAssertTrue(page.texts(.closingLeft).first?.hasPrefix("Nơi nhận") == true, "\(page.texts(.closingLeft))")
        XCTAssertEqual(page.texts(.closingRight).last, "Phùng Tô Long")
        XCTAssertFalse(page.texts(.closingLeft).contains { $0.contains("Phùng") })
        assertLinesPointAtTheirText(page)
    }
}
