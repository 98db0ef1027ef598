import VietdocCore

extension RecordEncoding {
    /// hOCR (the HTML that tesseract writes and OCRmyPDF reads) of a document: `ocr_page`,
    /// `ocr_carea` and `ocr_par` per paragraph, `ocr_line` and `ocrx_word` with `bbox` and
    /// `x_wconf`, holding the restored words; the OCR's form of a changed word is in its
    /// `title` as `x_ocr` (hOCR allows properties of one's own with the `x_` prefix).
    public static func hocr(_ record: DocumentRecord, pages: [PageText]) -> String {
        var h = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="vi" lang="vi">
             <head>
              <title>\(Markup.escape(record.plan.document.title ?? record.source.path))</title>
              <meta http-equiv="Content-Type" content="text/html;charset=utf-8"/>
              <meta name="ocr-system" content="vietdoc \(Markup.escape(record.vietdocVersion)) (tesseract)"/>
              <meta name="ocr-capabilities" content="ocr_page ocr_carea ocr_par ocr_line ocrx_word ocrp_wconf"/>
             </head>
             <body>

            """
        for page in ArchivalPage.pages(record: record, pages: pages) {
            let p = page.number
            var title = "image \"\(hocrQuoted(record.source.path))\"; ppageno \(p - 1)"
            if let frame = page.frame {
                title += "; bbox 0 0 \(frame.width) \(frame.height); scan_res \(frame.dpi) \(frame.dpi)"
            }
            h += "  <div class=\"ocr_page\" id=\"page_\(p)\" title=\"\(Markup.escape(title))\">\n"
            for (b, block) in page.blocks.enumerated() {
                let bbox = Self.bbox(block.box)
                h += "   <div class=\"ocr_carea\" id=\"block_\(p)_\(b + 1)\"\(titled(bbox))>\n"
                h += "    <p class=\"ocr_par\" id=\"par_\(p)_\(b + 1)\" lang=\"vie\"\(titled(bbox))>\n"
                for line in block.lines {
                    h += "     <span class=\"ocr_line\" id=\"line_\(p)_\(line.number)\"\(titled(Self.bbox(line.box)))>"
                    for (w, word) in line.words.enumerated() {
                        var parts: [String] = []
                        if let box = Self.bbox(word.box) { parts.append(box) }
                        if let confidence = word.confidence { parts.append("x_wconf \(Int(confidence.rounded()))") }
                        if word.isRestored { parts.append("x_ocr \"\(hocrQuoted(word.ocrText))\"") }
                        let title = parts.isEmpty ? "" : " title=\"\(Markup.escape(parts.joined(separator: "; ")))\""
                        if w > 0 { h += " " }
                        h += "<span class=\"ocrx_word\" id=\"word_\(p)_\(line.number)_\(w + 1)\"\(title)>"
                        h += Markup.escape(word.text) + "</span>"
                    }
                    h += "</span>\n"
                }
                h += "    </p>\n   </div>\n"
            }
            h += "  </div>\n"
        }
        h += " </body>\n</html>\n"
        return h
    }

    private static func bbox(_ box: BoundingBox?) -> String? {
        guard let box else { return nil }
        return "bbox \(box.x) \(box.y) \(box.x + box.width) \(box.y + box.height)"
    }

    private static func titled(_ value: String?) -> String {
        value.map { " title=\"\($0)\"" } ?? ""
    }

    /// A value inside an hOCR property's double quotes (backslash and quote escaped).
    private static func hocrQuoted(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
