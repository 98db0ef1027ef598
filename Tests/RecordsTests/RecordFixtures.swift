import Foundation
import VietdocCore

/// A small but complete record, with values that exercise quoting and escaping.
func sampleRecord(path: String = "samples/001-test-2024-text.txt", sha: String = String(repeating: "ab", count: 32))
    -> DocumentRecord
{
    let span = SourceSpan(page: 1, lineStart: 3, lineEnd: 4)
    var plan = PlanRecord()
    plan.document = DocumentHeader(
        type: "KẾ HOẠCH", number: "45/KH-SYT", sign: "KH-SYT", issuer: "SỞ Y TẾ", parentIssuer: "UBND TỈNH LÀO CAI",
        place: "Lào Cai", date: "2024-03-05", dateText: "ngày 05 tháng 3 năm 2024",
        title: "Tiêm chủng, \"mở rộng\" năm 2024", period: Period(from: 2024, to: 2024, text: "năm 2024"),
        spans: HeaderSpans(number: span))
    plan.legalBasis = [
        LegalBasis(
            text: "Căn cứ Quyết định số 4026/QĐ-BYT;",
            references: [
                DocumentReference(
                    type: "Quyết định", number: "4026/QĐ-BYT", date: nil, issuer: nil, text: "Quyết định số 4026/QĐ-BYT"
                )
            ], span: span)
    ]
    plan.sections = [
        PlanSection(
            number: "I", heading: "MỤC TIÊU", level: 1, category: .objectives, parent: nil, text: "", span: span),
        PlanSection(
            number: "1", heading: "Mục tiêu chung", level: 2, category: .objectives, parent: 0,
            text: "Dòng một, có dấu phẩy\nDòng hai", span: span),
    ]
    plan.objectives = Objectives(
        general: [TextItem(text: "Nâng cao sức khỏe", span: span)], specific: [],
        indicators: [
            Indicator(
                name: "Tỷ lệ tiêm chủng", target: "≥ 95", value: 95, comparator: "gte", unit: "%", year: 2025,
                span: span)
        ])
    plan.budget = Budget(
        total: MoneyAmount(amount: 1_766_925_000, text: "1.766.925.000 đồng", span: span),
        items: [BudgetItem(label: "Mua sắm", amount: 2_500_000_000, text: "- Mua sắm: 2,5 tỷ đồng", span: span)],
        sources: [TextItem(text: "Ngân sách tỉnh", span: span)])
    plan.assignments = [
        Assignment(agency: "Sở Y tế", duties: ["Chủ trì, phối hợp", "Báo cáo \"định kỳ\""], span: span)
    ]
    plan.recipients = [TextItem(text: "UBND tỉnh (b/c)", span: span)]
    plan.signature = Signature(
        authority: "TM. ỦY BAN NHÂN DÂN", capacity: "KT. CHỦ TỊCH", title: "PHÓ CHỦ TỊCH", signer: "Ngô Vũ Quốc",
        span: span)
    let page = PageText(number: 1, method: .textFile, lines: ["Số: 45/KH-SYT", "KẾ HOẠCH"])
    return DocumentRecord(
        vietdocVersion: VietdocVersion.current, source: SourceInfo(path: path, sha256: sha, kind: .text, pages: 1),
        pages: [PageRecord(page)], plan: plan, quality: QualityInfo(restoredTokens: 10, changedTokens: 2))
}
