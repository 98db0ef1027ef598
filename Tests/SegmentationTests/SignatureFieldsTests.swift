import Segmentation
import VietdocCore
import XCTest

/// The PDF's own signature fields beside the overlays read from the page.
final class SignatureFieldsTests: XCTestCase {
    private func field(_ signer: String?, _ time: String, page: Int) -> DigitalSignature {
        DigitalSignature(
            signedBy: signer, signingTime: time, text: "", page: page,
            box: BoundingBox(x: 1500, y: 10, width: 900, height: 250), source: .signatureField)
    }

    func testFieldsJoinTheOverlaysOncePerSignerAndInstant() {
        let lines = ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NGÃI", "Số: 11/TB-UBND"]
        let layout = PageLayout(
            method: .geometry,
            regions: [
                LayoutRegion(kind: .headerLeft, lines: (1...3).map { LayoutLine(text: lines[$0 - 1], lineIndex: $0) }),
                LayoutRegion(
                    kind: .stamp, stamp: .digitalSignature, box: BoundingBox(x: 1550, y: 20, width: 800, height: 200),
                    lines: [
                        LayoutLine(text: "Ký bởi: Ủy ban nhân dân tỉnh Quảng Ngãi"),
                        LayoutLine(text: "Thời gian ký: 18/03/2024 08:41:42"),
                    ]),
            ])
        var first = PageText(number: 1, method: .ocr, lines: lines, layout: layout)
        first.signatureFields = [
            // The overlay's own field: the same instant in UTC, so no second entry.
            field(nil, "2024-03-18T01:41:42+00:00", page: 1),
            // Two fields signed in one act (the number's and the day's), and a later signature.
            field("Ủy ban nhân dân tỉnh Quảng Ngãi", "2024-03-18T02:09:16+00:00", page: 1),
            field("Ủy ban nhân dân tỉnh Quảng Ngãi", "2024-03-18T02:09:16+00:00", page: 1),
        ]
        var last = PageText(number: 2, method: .ocr, lines: ["Nguyễn Phước Bình"])
        last.signatureFields = [field("Nguyễn Phước Bình", "2024-03-17T10:30:49+00:00", page: 2)]
        let signatures = Segmenter().segment(pages: [first, last]).digitalSignatures
        XCTAssertEqual(signatures.map(\.source), [.overlay, .signatureField, .signatureField])
        XCTAssertEqual(signatures[0].signedBy, "Ủy ban nhân dân tỉnh Quảng Ngãi")
        XCTAssertEqual(signatures[0].signingTime, "2024-03-18T08:41:42+07:00")
        XCTAssertEqual(signatures[1].signingTime, "2024-03-18T02:09:16+00:00")
        XCTAssertEqual(signatures[2].signedBy, "Nguyễn Phước Bình")
        XCTAssertEqual(signatures[2].page, 2)
    }
}
