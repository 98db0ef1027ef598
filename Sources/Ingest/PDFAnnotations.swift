import CPoppler
import Foundation

/// Reads what a PDF page holds outside its content stream, which `poppler_page_get_text`
/// never sees: the text its printed annotations draw (signature widgets whose appearance
/// streams carry an electronically inserted number and day, the "Ký bởi: …" overlay, the gazette
/// centre's stamp), and the digital signatures of its signature fields.
enum PDFAnnotations {
    /// The page's annotations and signature fields, boxes in pixels at `dpi`. For a page that
    /// is `rendered` for OCR, a stamp's text layer over it (`stampLayerWords`) counts as an
    /// annotation too.
    static func read(_ page: OpaquePointer, pageNumber: Int, dpi: Int, rendered: Bool = false) -> PageAnnotations {
        var layer: [Word] = []
        if rendered, let raw = poppler_page_get_text(page) {
            let text = String(cString: raw)
            g_free(raw)
            layer = stampLayerWords(of: page, text: text, dpi: dpi) ?? []
        }
        let rectangles = printedRectangles(of: page)
        var words = rectangles.isEmpty ? [] : drawnWords(of: page, in: rectangles, dpi: dpi)
        // The layer's lines are numbered after the annotations'.
        let lineBase = words.compactMap(\.line).max() ?? 0
        words += layer.map {
            var w = $0
            w.line = ($0.line ?? 0) + lineBase
            return w
        }
        return PageAnnotations(words: words, signatures: signatures(of: page, pageNumber: pageNumber, dpi: dpi))
    }

    // MARK: - A stamp's text layer over a scan

    /// Share of the page's area under which the words of a text layer over a scanned page are
    /// a stamp's or an overlay's few lines, not the page's text: a "Ký bởi: …" overlay at 300
    /// dpi covers about 1.5% of an A4 page, a body's OCR layer 20–30%.
    static let stampLayerShare = 0.05

    /// The words (boxes in pixels at `dpi`) of a text layer over a scanned page that holds only
    /// a few lines in a small part of the page (a digital-signature overlay written as text):
    /// the page is OCR'd, and these words replace OCR's reading where they lie. Nil when the
    /// layer is the page's text, or garbage, or has no word boxes.
    static func stampLayerWords(of page: OpaquePointer, text: String, dpi: Int) -> [Word]? {
        let quality = TextLayerQuality(text: text)
        guard quality.letters > 0, Double(quality.bad) <= 0.01 * Double(quality.visible),
            quality.wordLikeShare >= 0.6
        else { return nil }
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        let words = PDFPageSource.words(of: page, text: text, dpi: dpi)
        let scale = Double(dpi) / 72
        let covered = words.reduce(0.0) { $0 + Double($1.box.width * $1.box.height) }
        guard !words.isEmpty, covered < stampLayerShare * width * height * scale * scale else { return nil }
        return words
    }

    // MARK: - Annotation text

    /// The rectangles (points, origin top left) of the annotations a print shows: printable,
    /// not hidden, not links or pop-ups.
    static func printedRectangles(of page: OpaquePointer) -> [PopplerRectangle] {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard let list = poppler_page_get_annot_mapping(page) else { return [] }
        defer { poppler_page_free_annot_mapping(list) }
        var found: [PopplerRectangle] = []
        for data in nodes(of: list) {
            let mapping = data.assumingMemoryBound(to: PopplerAnnotMapping.self).pointee
            guard let annot = mapping.annot else { continue }
            let type = poppler_annot_get_annot_type(annot)
            let flags = poppler_annot_get_flags(annot).rawValue
            guard type != POPPLER_ANNOT_LINK, type != POPPLER_ANNOT_POPUP,
                flags & POPPLER_ANNOT_FLAG_PRINT.rawValue != 0, flags & POPPLER_ANNOT_FLAG_HIDDEN.rawValue == 0
            else { continue }
            // The mapping is in PDF space (origin bottom left); text boxes are top-left based.
            let a = mapping.area
            found.append(
                PopplerRectangle(
                    x1: min(a.x1, a.x2), y1: height - max(a.y1, a.y2), x2: max(a.x1, a.x2), y2: height - min(a.y1, a.y2)
                ))
        }
        return found
    }

    /// The words the page's annotations draw inside `rectangles`, boxes in pixels at `dpi`,
    /// numbered by line (from 1).
    ///
    /// poppler-glib gives no text for an appearance stream, so the page is printed (which draws
    /// the printable annotations over the content) through cairo into a PDF in memory, and that
    /// copy's text layer is read character by character. Its characters inside an annotation's
    /// rectangle that do not sit on one of the page's own characters are the annotations' text
    /// (the copy's words are not used: its spacing may glue a widget's text to the page's).
    static func drawnWords(of page: OpaquePointer, in rectangles: [PopplerRectangle], dpi: Int) -> [Word] {
        guard let printed = printedPDF(of: page),
            let bytes = printed.withUnsafeBytes({ g_bytes_new($0.baseAddress, gsize($0.count)) })
        else { return [] }
        defer { g_bytes_unref(bytes) }
        var error: UnsafeMutablePointer<GError>?
        guard let document = poppler_document_new_from_bytes(bytes, nil, &error) else {
            g_clear_error(&error)
            return []
        }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }
        guard let copy = poppler_document_get_page(document, 0), let copied = characters(of: copy) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(copy)) }
        func contains(_ r: PopplerRectangle, _ x: Double, _ y: Double) -> Bool {
            x >= r.x1 && x <= r.x2 && y >= r.y1 && y <= r.y2
        }
        func meets(_ a: PopplerRectangle, _ b: PopplerRectangle) -> Bool {
            a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2
        }
        let own = (characters(of: page) ?? []).filter { c in !c.isSpace && rectangles.contains { meets($0, c.box) } }
        // Each kept character's line: the copy's line, renumbered from 1 (widgets may overlap,
        // so a line is not split by the rectangle each character falls in).
        var lineOf: [Int: Int] = [:]
        var numbers: [Int: Int] = [:]
        // Characters the copy cannot name (a font without a Unicode map) are left to OCR.
        for (i, c) in copied.enumerated()
        where !c.isSpace && c.scalar != "\u{FFFD}" && !(0xE000...0xF8FF).contains(c.scalar.value) {
            let (x, y) = ((c.box.x1 + c.box.x2) / 2, (c.box.y1 + c.box.y2) / 2)
            guard rectangles.contains(where: { contains($0, x, y) }), !own.contains(where: { contains($0.box, x, y) })
            else { continue }
            if numbers[c.line] == nil { numbers[c.line] = numbers.count + 1 }
            lineOf[i] = numbers[c.line]
        }
        var numbered = copied
        for (i, line) in lineOf { numbered[i].line = line }
        return PDFPageSource.words(of: numbered, dpi: dpi) { lineOf[$0] != nil }
    }

    /// A page's characters with their boxes, nil without a text layer that poppler can box.
    private static func characters(of page: OpaquePointer) -> [PDFPageSource.Character]? {
        guard let raw = poppler_page_get_text(page) else { return nil }
        let text = String(cString: raw)
        g_free(raw)
        return PDFPageSource.characters(of: page, text: text)
    }

    /// The page printed (content and printable annotations) into a one-page PDF, by cairo.
    private static func printedPDF(of page: OpaquePointer) -> Data? {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard width > 0, height > 0 else { return nil }
        final class Sink { var data = Data() }
        let sink = Sink()
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let surface = withExtendedLifetime(sink) {
            cairo_pdf_surface_create_for_stream(
                { closure, bytes, length in
                    guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                    Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                    return CAIRO_STATUS_SUCCESS
                }, closure, width, height)
        }
        guard let surface else { return nil }
        let status: cairo_status_t = withExtendedLifetime(sink) {
            defer { cairo_surface_destroy(surface) }
            guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
                return CAIRO_STATUS_NO_MEMORY
            }
            poppler_page_render_for_printing(page, cr)
            let drawn = cairo_status(cr)
            cairo_destroy(cr)
            cairo_surface_finish(surface)
            return drawn == CAIRO_STATUS_SUCCESS ? cairo_surface_status(surface) : drawn
        }
        return status == CAIRO_STATUS_SUCCESS && !sink.data.isEmpty ? sink.data : nil
    }

    // MARK: - Signature fields

    /// Signature validation initialises poppler's crypto back end on first use, unguarded.
    private static let signatureLock = NSLock()

    /// The page's signed signature fields as digital signatures (`source` `signature_field`):
    /// the signer's name from the certificate and the signing time (UTC), the widget's box.
    /// The signature is not verified (no certificate check; its digest is computed by poppler
    /// but not reported).
    static func signatures(of page: OpaquePointer, pageNumber: Int, dpi: Int) -> [DigitalSignature] {
        guard let list = poppler_page_get_form_field_mapping(page) else { return [] }
        defer { poppler_page_free_form_field_mapping(list) }
        var height = 0.0
        var width = 0.0
        poppler_page_get_size(page, &width, &height)
        let scale = Double(dpi) / 72
        var found: [DigitalSignature] = []
        for data in nodes(of: list) {
            let mapping = data.assumingMemoryBound(to: PopplerFormFieldMapping.self).pointee
            guard let field = mapping.field, poppler_form_field_get_field_type(field) == POPPLER_FORM_FIELD_SIGNATURE
            else { continue }
            var error: UnsafeMutablePointer<GError>?
            signatureLock.lock()
            let info = poppler_form_field_signature_validate_sync(
                field, PopplerSignatureValidationFlags(rawValue: 0), nil, &error)
            signatureLock.unlock()
            g_clear_error(&error)
            guard let info else { continue }
            defer { poppler_signature_info_free(info) }
            let signer = poppler_signature_info_get_signer_name(info).map { VietnameseText.nfc(String(cString: $0)) }
                .flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            // An unsigned field comes back with the epoch as its time.
            let time = poppler_signature_info_get_local_signing_time(info).map { Int64(g_date_time_to_unix($0)) }
                .flatMap { $0 > 0 ? iso8601(unixTime: $0) : nil }
            guard signer != nil || time != nil else { continue }
            let a = mapping.area
            let top = height - max(a.y1, a.y2)
            let box = BoundingBox(
                x: Int((min(a.x1, a.x2) * scale).rounded()), y: Int((top * scale).rounded()),
                width: max(Int((abs(a.x2 - a.x1) * scale).rounded()), 1),
                height: max(Int((abs(a.y2 - a.y1) * scale).rounded()), 1))
            found.append(
                DigitalSignature(
                    signedBy: signer, signingTime: time, text: "", page: pageNumber, box: box, source: .signatureField))
        }
        return found
    }

    /// "2025-01-09T03:21:11+00:00": poppler gives the signing time as an instant, its printed
    /// offset is not kept.
    static func iso8601(unixTime: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ssxxx"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(unixTime)))
    }

    /// The data pointers of a GList, in order.
    private static func nodes(of list: UnsafeMutablePointer<GList>) -> [UnsafeMutableRawPointer] {
        var out: [UnsafeMutableRawPointer] = []
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let data = current.pointee.data { out.append(data) }
            node = current.pointee.next
        }
        return out
    }
}
