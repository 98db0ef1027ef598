import Foundation
import VietdocCore

/// One document of the review index: its status in the batch and, when it converted, the
/// review page and the figures it is ranked by.
public struct ReviewIndexEntry: Equatable, Sendable {
    public var path: String
    /// "converted", "skipped" (current from an earlier run), "failed", "unsupported"…
    public var status: String
    public var reason: String?
    /// The review page, relative to the index; nil when none was written.
    public var link: String?
    public var record: DocumentRecord?

    public init(path: String, status: String, reason: String? = nil, link: String? = nil, record: DocumentRecord? = nil)
    {
        self.path = path
        self.status = status
        self.reason = reason
        self.link = link
        self.record = record
    }

    /// Worst first: documents that did not convert, then by OCR confidence (lowest first;
    /// text inputs, which had no OCR, last), then by how many spans the restorer was unsure of.
    static func worstFirst(_ a: ReviewIndexEntry, _ b: ReviewIndexEntry) -> Bool {
        let ka = (
            a.record == nil ? 0 : 1, a.record?.quality.ocrMeanConfidence ?? 101,
            -(a.record?.quality.lowConfidenceSpans.count ?? 0)
        )
        let kb = (
            b.record == nil ? 0 : 1, b.record?.quality.ocrMeanConfidence ?? 101,
            -(b.record?.quality.lowConfidenceSpans.count ?? 0)
        )
        if ka != kb { return ka < kb }
        return a.path < b.path
    }
}

extension RecordEncoding {
    /// The batch's index page: every document with its status and quality, worst first, each
    /// converted one linking to its review page.
    public static func reviewIndex(_ entries: [ReviewIndexEntry]) -> String {
        var h = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>vietdoc — danh sách văn bản / documents</title>
            <style>
            body{font:16px/1.5 system-ui,"Noto Sans","DejaVu Sans",sans-serif;margin:1rem auto;max-width:1200px;padding:0 1rem}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd;vertical-align:top}
            td.num{text-align:right;font-variant-numeric:tabular-nums}tr.failed td{background:#fde8e8}a:focus{outline:3px solid #000}
            </style>
            </head>
            <body>
            <h1>Văn bản / Documents (\(entries.count))</h1>
            <p>Xếp từ kém nhất / worst first: chưa chuyển được, rồi độ tin cậy OCR thấp nhất, rồi nhiều chỗ chưa chắc.</p>
            <table>
            <thead><tr><th>Văn bản / Document</th><th>Trạng thái / Status</th><th>OCR %</th><th>Chưa chắc / Unsure</th><th>Đã khôi phục / Restored</th><th>Trang / Pages</th></tr></thead>
            <tbody>

            """
        for e in entries.sorted(by: ReviewIndexEntry.worstFirst) {
            let r = e.record
            let name = r?.plan.document.title.map { "\($0) — \(e.path)" } ?? e.path
            let cell =
                e.link.map { "<a href=\"\(Markup.escape($0))\">\(Markup.escape(name))</a>" } ?? Markup.escape(name)
            let status = e.reason.map { "\(e.status): \($0)" } ?? e.status
            h += "<tr class=\"\(Markup.escape(e.status))\"><td>\(cell)</td><td>\(Markup.escape(status))</td>"
            h += "<td class=\"num\">\(r?.quality.ocrMeanConfidence.map { String(format: "%.1f", $0) } ?? "—")</td>"
            h += "<td class=\"num\">\(r.map { String($0.quality.lowConfidenceSpans.count) } ?? "—")</td>"
            h += "<td class=\"num\">\(r.map { String($0.quality.changedTokens) } ?? "—")</td>"
            h += "<td class=\"num\">\(r.map { String($0.source.pages) } ?? "—")</td></tr>\n"
        }
        h += "</tbody>\n</table>\n</body>\n</html>\n"
        return h
    }
}
