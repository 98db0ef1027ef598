import Foundation
import VietdocCore

/// A header field of the review page: its label, value, where it was read, and whether it
/// looks unreadable (a blank or dotted date or number, often handwritten on the original).
struct ReviewField {
    var label: String
    var value: String?
    var span: SourceSpan?
    var unreadable: Bool

    /// The header fields of a record, in the order of the document's header.
    static func fields(_ record: DocumentRecord) -> [ReviewField] {
        let h = record.plan.document
        let s = h.spans
        func field(_ label: String, _ value: String?, _ span: SourceSpan?) -> ReviewField {
            ReviewField(label: label, value: value, span: span, unreadable: looksUnreadable(value))
        }
        // A date without its day (or month), or a number the header line has no digits for,
        // is a blank the original's writer filled in by hand: flag it for reading.
        var date = field("Ngày / Date", h.dateText ?? h.date, s.date)
        if let iso = h.date, iso.split(separator: "-").count < 3 { date.unreadable = true }
        if h.date == nil, h.dateText != nil { date.unreadable = true }
        var number = field("Số / Number", h.number ?? h.sign.map { "…/\($0)" }, s.number)
        if h.number == nil, s.number != nil { number.unreadable = true }
        return [
            field("Loại / Type", h.type, s.type), number,
            field("Cơ quan chủ quản / Parent body", h.parentIssuer, s.parentIssuer),
            field("Cơ quan ban hành / Issuer", h.issuer, s.issuer), field("Địa danh / Place", h.place, s.place), date,
            field("Trích yếu / Title", h.title, s.title), field("Giai đoạn / Period", h.period?.text, s.period),
            field("Người ký / Signer", record.plan.signature.signer, record.plan.signature.span),
        ]
    }

    /// Dots, ellipses or underscores where digits belong ("…/KH-UBND", "ngày .. tháng").
    static func looksUnreadable(_ value: String?) -> Bool {
        guard let value else { return false }
        return value.contains("…") || value.contains("..") || value.contains("__")
    }
}

extension RecordEncoding {
    /// OCR confidence (0–100) under which a word is flagged for review.
    public static let reviewConfidenceThreshold = 70.0

    /// The review page of a document for an archivist: the header fields (each linked to where
    /// it was read), then each page image beside its restored text, with low-confidence words,
    /// words the restorer was unsure of, restored words and unreadable fields highlighted on both.
    /// `images[i]` is the page image's URL relative to the page (nil: no image). Works offline,
    /// from the file system; `n`/`p` jump to the next/previous flagged word.
    public static func reviewPage(
        _ record: DocumentRecord, pages: [PageText], images: [String?], indexLink: String? = nil
    ) -> String {
        let archival = ArchivalPage.pages(record: record, pages: pages)
        let fields = ReviewField.fields(record)
        // Words the restorer was unsure of, "page-line-word" (1-based word of the restored line);
        // a span that names no word (records before 1.4, whole-line rewrites) flags its line's
        // restored words.
        var unsureWords = Set<String>()
        var unsureLines = Set<String>()
        for span in record.quality.lowConfidenceSpans {
            if let word = span.word {
                for i in word.index..<(word.index + max(1, word.count)) {
                    unsureWords.insert("\(span.page)-\(span.line)-\(i)")
                }
            } else {
                unsureLines.insert("\(span.page)-\(span.line)")
            }
        }
        var fieldLines: [String: Bool] = [:]  // "page-line" → unreadable
        for f in fields {
            if let span = f.span, f.value != nil {
                fieldLines["\(span.page)-\(span.lineStart)", default: false] =
                    f.unreadable || fieldLines["\(span.page)-\(span.lineStart)"] == true
            }
        }
        let title = record.plan.document.title ?? record.source.path
        var h = """
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Markup.escape(title))</title>
            <style>\(reviewStyle)</style>
            </head>
            <body>
            <a class="skip" href="#flag-1">Bỏ qua tới từ cần xem / Skip to the first flagged word</a>
            <header>

            """
        if let indexLink { h += "<p><a href=\"\(Markup.escape(indexLink))\">← Danh sách / Index</a></p>\n" }
        h += "<h1>\(Markup.escape(title))</h1>\n"
        h += "<p class=\"source\">\(Markup.escape(record.source.path)) · \(record.source.pages) trang · "
        if let c = record.quality.ocrMeanConfidence { h += "OCR \(String(format: "%.1f", c)) % · " }
        h += "\(record.quality.changedTokens) từ đã khôi phục dấu / restored · "
        h += "\(record.quality.lowConfidenceSpans.count) chỗ chưa chắc / unsure</p>\n"
        h += "<p class=\"legend\"><span class=\"low\">độ tin cậy OCR thấp / low OCR confidence</span> "
        h += "<span class=\"unsure\">khôi phục chưa chắc / unsure restoration</span> "
        h += "<span class=\"restored\">đã khôi phục / restored</span> "
        h += "<span class=\"unreadable\">không đọc được / unreadable</span> · phím n / p: từ kế tiếp / trước</p>\n"
        h += "<table class=\"fields\">\n"
        for f in fields where f.value != nil || f.span != nil {
            let cls = f.unreadable ? " class=\"unreadable\"" : ""
            var place = ""
            if let span = f.span {
                let hasBox =
                    archival.first { $0.number == span.page }?.blocks.flatMap(\.lines)
                    .first { $0.number == span.lineStart }?.box != nil
                let target = hasBox ? "img-p\(span.page)-l\(span.lineStart)" : "p\(span.page)-l\(span.lineStart)"
                place = "<a href=\"#\(target)\">trang \(span.page), dòng \(span.lineStart)</a>"
            }
            h += "<tr\(cls)><th>\(Markup.escape(f.label))</th><td>\(Markup.escape(f.value ?? "—"))"
            h += f.unreadable ? " <em>(không đọc được / unreadable)</em>" : ""
            h += "</td><td>\(place)</td></tr>\n"
        }
        h += "</table>\n</header>\n<main>\n"

        var flag = 0
        for (index, page) in archival.enumerated() {
            let p = page.number
            h += "<section class=\"page\" id=\"page-\(p)\" aria-label=\"Trang \(p)\">\n<h2>Trang \(p)</h2>\n"
            var overlay = ""
            var text = ""
            for line in page.blocks.flatMap(\.lines) {
                let key = "\(p)-\(line.number)"
                let lineUnsure = unsureLines.contains(key)
                var lineClass = "line"
                if let unreadable = fieldLines[key] { lineClass += unreadable ? " field unreadable" : " field" }
                if let frame = page.frame, let box = line.box, fieldLines[key] != nil {
                    let boxClass = fieldLines[key] == true ? "box field unreadable" : "box field"
                    overlay +=
                        "<a class=\"\(boxClass)\" id=\"img-p\(p)-l\(line.number)\" href=\"#p\(p)-l\(line.number)\""
                    overlay += " style=\"\(Self.percent(box, frame))\" title=\"dòng \(line.number)\"></a>\n"
                }
                text += "<div class=\"\(lineClass)\" id=\"p\(p)-l\(line.number)\">"
                text += "<span class=\"n\">\(line.number)</span> "
                for (w, word) in line.words.enumerated() {
                    var classes: [String] = []
                    if let c = word.confidence, c < reviewConfidenceThreshold { classes.append("low") }
                    if unsureWords.contains("\(key)-\(w + 1)") || (lineUnsure && word.isRestored) {
                        classes.append("unsure")
                    }
                    if word.isRestored { classes.append("restored") }
                    let flagged = classes.contains("low") || classes.contains("unsure")
                    let wordID = "w-p\(p)-l\(line.number)-\(w + 1)"
                    var tip = word.isRestored ? "OCR: \(word.ocrText)" : ""
                    if let c = word.confidence { tip += (tip.isEmpty ? "" : " · ") + "độ tin cậy \(Int(c.rounded()))" }
                    if w > 0 { text += " " }
                    if classes.isEmpty {
                        text += Markup.escape(word.text)
                        continue
                    }
                    var attributes = "class=\"\(classes.joined(separator: " "))\" id=\"\(wordID)\""
                    if !tip.isEmpty { attributes += " title=\"\(Markup.escape(tip))\"" }
                    if flagged {
                        flag += 1
                        attributes += " tabindex=\"0\" data-flag=\"\(flag)\""
                        if flag == 1 {
                            attributes = attributes.replacingOccurrences(of: "id=\"\(wordID)\"", with: "id=\"flag-1\"")
                        }
                    }
                    text += "<mark \(attributes)>\(Markup.escape(word.text))</mark>"
                    if let frame = page.frame, let box = word.box, flagged || word.isRestored {
                        let target = flag == 1 && flagged ? "flag-1" : wordID
                        overlay += "<a class=\"box \(classes.joined(separator: " "))\" href=\"#\(target)\""
                        overlay += " style=\"\(Self.percent(box, frame))\" title=\"\(Markup.escape(word.text))\""
                        overlay += flagged ? "" : " tabindex=\"-1\""
                        overlay += "></a>\n"
                    }
                }
                text += "</div>\n"
            }
            h += "<figure>"
            if index < images.count, let image = images[index] {
                h +=
                    "<div class=\"sheet\"><img src=\"\(Markup.escape(image))\" alt=\"Ảnh trang \(p)\">\n\(overlay)</div>"
            } else {
                h +=
                    "<p class=\"noimage\">(không có ảnh trang / no page image: \(Markup.escape(page.method.rawValue)))</p>"
            }
            h += "</figure>\n<div class=\"text\" lang=\"vi\">\n\(text)</div>\n</section>\n"
        }
        h += "</main>\n<script>\(reviewScript)</script>\n</body>\n</html>\n"
        return h
    }

    /// A box as CSS percentages of the page frame.
    static func percent(_ box: BoundingBox, _ frame: PageFrame) -> String {
        func pc(_ v: Int, _ total: Int) -> String { String(format: "%.3f%%", Double(v) * 100 / Double(max(total, 1))) }
        return "left:\(pc(box.x, frame.width));top:\(pc(box.y, frame.height));"
            + "width:\(pc(box.width, frame.width));height:\(pc(box.height, frame.height))"
    }

    static let reviewStyle = """
        body{font:16px/1.5 system-ui,"Noto Sans","DejaVu Sans",sans-serif;margin:0 auto;max-width:1600px;padding:0 1rem;color:#111;background:#fafafa}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:9}
        h1{font-size:1.4rem;margin:.8rem 0 .2rem}.source,.legend{color:#444;font-size:.9rem;margin:.2rem 0}
        .fields{border-collapse:collapse;margin:.6rem 0 1rem}.fields th{text-align:left;font-weight:600;padding:.15rem 1rem .15rem 0;color:#333}
        .fields td{padding:.15rem 1rem .15rem 0}tr.unreadable td{color:#a00}
        .page{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1.2rem;border-top:1px solid #ccc;padding:.6rem 0}
        .page h2{grid-column:1/-1;font-size:1.1rem;margin:0}
        figure{margin:0}.sheet{position:relative;border:1px solid #bbb;background:#fff}.sheet img{display:block;width:100%;height:auto}
        .box{position:absolute;display:block;border-radius:2px}
        .box.restored{background:rgba(0,110,255,.12)}.box.low{background:rgba(255,170,0,.35);outline:2px solid #e08a00}
        .box.unsure{background:rgba(220,0,120,.25);outline:2px solid #c00070}.box.field{outline:2px dashed #2a7}
        .box.unreadable{outline:3px solid #d00;background:rgba(255,0,0,.15)}.box:focus,.box:target{outline:3px solid #000}
        .text{font-size:.95rem;white-space:normal}.line{padding:0 .2rem}.line .n{color:#999;font-size:.75rem;display:inline-block;min-width:2.2em}
        .line.field{background:#eef9f1}.line.unreadable{background:#fde8e8}.line:target{background:#fff3b0}
        mark{background:none;color:inherit}mark.restored{background:#e3eeff}mark.low{background:#ffd98a}mark.unsure{background:#ffc2e2}
        mark:focus,mark:target{outline:3px solid #000}
        .legend span{padding:0 .3rem;border-radius:2px}.legend .low{background:#ffd98a}.legend .unsure{background:#ffc2e2}
        .legend .restored{background:#e3eeff}.legend .unreadable{background:#fde8e8}
        @media (max-width:900px){.page{grid-template-columns:1fr}}
        """

    static let reviewScript = """
        (function(){var f=Array.prototype.slice.call(document.querySelectorAll('[data-flag]'));
        document.addEventListener('keydown',function(e){if(e.target.tagName==='INPUT'||e.ctrlKey||e.metaKey||e.altKey)return;
        if(e.key!=='n'&&e.key!=='p'||!f.length)return;var i=f.indexOf(document.activeElement);
        i=e.key==='n'?(i+1)%f.length:(i<=0?f.length-1:i-1);f[i].focus();f[i].scrollIntoView({block:'center'});e.preventDefault();});})();
        """
}
