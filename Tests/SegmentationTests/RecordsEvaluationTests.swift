import Foundation
import Segmentation
import VietdocCore
import XCTest

final class RecordsEvaluationTests: XCTestCase {
    private let span = SourceSpan(page: 1, lineStart: 1, lineEnd: 1)

    private func label() throws -> DocumentLabel {
        let json = """
            {"about": "test", "labels": [{"id": "x1", "file": "x1.pdf", "scanned": true, "type": "CHỈ THỊ",
              "number": "04/CT-UBND", "handwritten_fields": ["number", "day"],
              "issuer": ["ỦY BAN NHÂN DÂN", "TỈNH BÌNH ĐỊNH"], "place": "Bình Định", "date": "2024-03-15",
              "title": "Về việc tăng cường công tác phòng, chống thiên tai",
              "recipients": ["Thường trực Tỉnh ủy", "CT, PCT UBND tỉnh", "Lưu: VT, NC"],
              "signature": {"authority": null, "capacity": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", "signer": "Lê Văn An"}}]}
            """
        let labels = try DocumentLabel.parse(Data(json.utf8))
        XCTAssertEqual(labels.count, 1)
        XCTAssertEqual(labels[0].sign, "CT-UBND")
        return labels[0]
    }

    private func goodPlan() -> PlanRecord {
        var p = PlanRecord()
        p.document = DocumentHeader(
            type: "CHỈ THỊ", number: "04/CT-UBND", sign: "CT-UBND", issuer: "ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH",
            place: "Bình Định", date: "2024-03-15", title: "Về việc tăng cường công tác phòng , chống thiên tai")
        p.recipients = ["Thường trực Tỉnh ủy", "CT, PCT UBND tỉnh", "Lưu: VT, NC"].map {
            TextItem(text: $0, span: span)
        }
        p.signature = Signature(capacity: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", signer: "Lê Văn An")
        return p
    }

    func testAllRight() throws {
        let s = RecordsEvaluation.score(goodPlan(), label: try label())
        XCTAssertEqual(s.fields.filter { !$0.correct }.map(\.name), [])
        XCTAssertEqual(s.recipientsMatched, 3)
    }

    func testHandwrittenNumberAndDayFlaggedCountAsRight() throws {
        var p = goodPlan()
        p.document.number = nil
        p.document.date = "2024-03"
        p.unreadable = [
            UnreadableField(field: "number", rawText: "$4", reason: "handwritten", page: 1),
            UnreadableField(field: "day", rawText: "{", reason: "handwritten", page: 1),
        ]
        let s = RecordsEvaluation.score(p, label: try label())
        XCTAssertEqual(s.field("number")?.correct, true)
        XCTAssertEqual(s.field("date")?.correct, true)
    }

    func testUnflaggedOrWrongHandwritingIsWrong() throws {
        var p = goodPlan()
        p.document.number = nil
        p.document.date = "2024-03"
        var s = RecordsEvaluation.score(p, label: try label())
        XCTAssertEqual(s.field("number")?.correct, false, "left out without saying so")
        XCTAssertEqual(s.field("date")?.correct, false)
        p.document.number = "4/CT-UBND"
        p.document.date = "2024-03-13"
        s = RecordsEvaluation.score(p, label: try label())
        XCTAssertEqual(s.field("number")?.correct, false, "a guess is wrong")
        XCTAssertEqual(s.field("date")?.correct, false)
        // Flagged but the printed sign lost: wrong.
        p.document.number = nil
        p.document.sign = "CT-UBN"
        p.unreadable = [UnreadableField(field: "number", rawText: "$4", reason: "handwritten", page: 1)]
        s = RecordsEvaluation.score(p, label: try label())
        XCTAssertEqual(s.field("number")?.correct, false)
        XCTAssertEqual(s.field("sign")?.correct, false)
    }

    func testTextFieldsAreExactAfterNormalisation() throws {
        var p = goodPlan()
        p.document.place = "Binh Dinh"
        p.document.issuer = "ỦY BAN NHÂN DÂN"
        p.document.parentIssuer = nil
        p.signature.title = nil
        p.signature.signer = "Lê Văn  An"
        p.recipients.removeLast()
        p.recipients.append(TextItem(text: "Ban Tuyên giáo", span: span))
        let s = RecordsEvaluation.score(p, label: try label())
        XCTAssertEqual(s.field("place")?.correct, false, "marks count")
        XCTAssertEqual(s.field("issuer")?.correct, false)
        XCTAssertEqual(s.field("signature.capacity")?.correct, false)
        XCTAssertEqual(s.field("signature.signer")?.correct, true, "white space does not")
        XCTAssertEqual(s.field("recipients")?.correct, false)
        XCTAssertEqual(s.recipientsMatched, 2)
        XCTAssertEqual(s.recipientsProduced, 3)
    }

    func testEvaluateMatchesByFileAndReports() throws {
        let l = try label()
        var other = l
        other.id = "x2"
        other.file = "x2.pdf"
        let result = RecordsEvaluation.evaluate(labels: [l, other], records: [(fileName: "x1.pdf", plan: goodPlan())])
        XCTAssertEqual(result.missing, ["x2"])
        XCTAssertEqual(result.scores.map(\.id), ["x1"])
        let report = RecordsEvaluation.report(result.scores)
        XCTAssertTrue(report.contains("printed header fields  100.0%  (6/6"), report)
        XCTAssertTrue(report.contains("signer where present   100.0%  (1/1)"), report)
    }
}
