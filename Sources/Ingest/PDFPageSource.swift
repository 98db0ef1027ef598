import CPoppler
import Foundation

/// A PDF opened with poppler-glib. Pages are read one at a time: the text layer when it is
/// usable, else a render at `dpi` into 8-bit grey. Only this type touches poppler and cairo.
final class PDFPageSource: PageSource {
    private let path: String
    private let document: OpaquePointer
    let pageCount: Int
    private let dpi: Int
    private let maxPixels: Int
    private let preprocessing: Preprocessing
    private static let openLock = NSLock()

    init(url: URL, dpi: Int, maxPixels: Int, preprocessing: Preprocessing = .none) throws {
        path = url.path
        self.dpi = dpi
        self.maxPixels = maxPixels
        self.preprocessing = preprocessing
        if let problem = Self.truncation(of: url) {
            throw VietdocError.corruptPDF(path: path, detail: problem)
        }
        var error: UnsafeMutablePointer<GError>?
        guard let uri = g_filename_to_uri(path, nil, &error) else {
            defer { g_clear_error(&error) }
            throw VietdocError.corruptPDF(path: path, detail: Self.message(error))
        }
        defer { g_free(uri) }
        // poppler-glib creates its process-wide GlobalParams on the first open, unguarded:
        // opening is serialised so that readers on several threads cannot race there.
        Self.openLock.lock()
        let opened = poppler_document_new_from_file(uri, nil, &error)
        Self.openLock.unlock()
        guard let doc = opened else {
            defer { g_clear_error(&error) }
            if let error, error.pointee.domain == poppler_error_quark() {
                if error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue) {
                    throw VietdocError.encryptedPDF(path: path)
                }
            }
            throw VietdocError.corruptPDF(path: path, detail: Self.message(error))
        }
        let count = Int(poppler_document_get_n_pages(doc))
        if count == 0 {
            g_object_unref(UnsafeMutableRawPointer(doc))
            throw VietdocError.emptyDocument(path: path)
        }
        document = doc
        pageCount = count
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(document))
    }

    func page(at index: Int) throws -> IngestedPage {
        precondition(index >= 0 && index < pageCount, "page index \(index) out of 0..<\(pageCount)")
        let number = index + 1
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            return .failed(number: number, reason: "page \(number) cannot be loaded from the PDF")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        return withAnnotations(of: page, readPage(page, number: number))
    }

    /// The page as its content stream gives it: the text layer, else a render.
    private func readPage(_ page: OpaquePointer, number: Int) -> IngestedPage {
        if let raw = poppler_page_get_text(page) {
            let text = String(cString: raw)
            g_free(raw)
            let quality = TextLayerQuality(text: text)
            let overScan = Self.imageCoverage(of: page) >= 0.8
            if quality.isUsable, quality.isUsable(overScan: overScan),
                !overScan || PDFAnnotations.stampLayerWords(of: page, text: text, dpi: dpi) == nil
            {
                return .text(
                    PageText(
                        number: number, method: .textLayer, lines: Self.lines(of: text),
                        words: Self.words(of: page, text: text, dpi: dpi)))
            }
        }
        if let problem = undecodableImage(onPage: number - 1) {
            return .failed(number: number, reason: "page \(number): \(problem)")
        }
        let rendered = render(page, number: number)
        // A page that is one scanned image gets the smoothing that poppler's Splash renderer
        // gives it; vector text and small images are drawn antialiased by cairo already.
        if case .image(let n, let image) = rendered, Self.imageCoverage(of: page) >= Self.scanCoverage {
            return .image(number: n, preprocessing.smoothed(image))
        }
        return rendered
    }

    /// Checks the page's images before it is rendered (opened on the first page rendered).
    private lazy var imageCheck: PDFImageCheck? = PDFImageCheck(url: URL(fileURLWithPath: path), maxPixels: maxPixels)

    /// Why an image of the page cannot be decoded, if one cannot: the page is then a page
    /// failure, not a page read with part of its picture missing.
    private func undecodableImage(onPage index: Int) -> String? {
        imageCheck?.undecodableImage(onPage: index)
    }

    /// The page with what its annotations draw and its signature fields (`PDFAnnotations`):
    /// merged into a text page's words, attached to an image for after OCR.
    private func withAnnotations(of page: OpaquePointer, _ ingested: IngestedPage) -> IngestedPage {
        switch ingested {
        case .text(let text):
            var annotations = PDFAnnotations.read(page, pageNumber: text.number, dpi: dpi)
            // Without the layer's own word boxes the annotations' words could repeat its text.
            if text.words.isEmpty { annotations.words = [] }
            return .text(annotations.merged(into: text))
        case .image(let number, var image):
            image.annotations = PDFAnnotations.read(page, pageNumber: number, dpi: image.dpi, rendered: true)
            return .image(number: number, image)
        case .failed:
            return ingested
        }
    }

    /// The share of the page covered by its largest image from which it counts as a scan.
    static let scanCoverage = 0.8

    /// The share of the page's area covered by its largest image (1 for a typical scan).
    private static func imageCoverage(of page: OpaquePointer) -> Double {
        var width = 0.0
        var height = 0.0
        poppler_page_get_size(page, &width, &height)
        guard width > 0, height > 0, let list = poppler_page_get_image_mapping(page) else { return 0 }
        defer { poppler_page_free_image_mapping(list) }
        var largest = 0.0
        var node: UnsafeMutablePointer<GList>? = list
        while let current = node {
            if let data = current.pointee.data {
                let area = data.assumingMemoryBound(to: PopplerImageMapping.self).pointee.area
                largest = max(largest, abs(area.x2 - area.x1) * abs(area.y2 - area.y1))
            }
            node = current.pointee.next
        }
        return min(largest / (width * height), 1)
    }

    /// The text layer's words with their boxes, in pixels at `dpi` (as a render would place
    /// them), numbered by the line of `poppler_page_get_text` they are on (`Word.line`, from 1).
    ///
    /// poppler gives one rectangle per character of that text; when the counts disagree the
    /// page gets no words (its layout then comes from the text alone).
    static func words(of page: OpaquePointer, text: String, dpi: Int) -> [Word] {
        characters(of: page, text: text).map { words(of: $0, dpi: dpi) } ?? []
    }

    /// One character of a page's text with its box (points, origin top left) and the 1-based
    /// line of `poppler_page_get_text` it is on.
    struct Character {
        var scalar: Unicode.Scalar
        var box: PopplerRectangle
        var line: Int
        var isSpace: Bool { scalar.properties.isWhitespace }
    }

    /// The page's text character by character with poppler's boxes; nil when poppler gives
    /// a different number of boxes than characters.
    static func characters(of page: OpaquePointer, text: String) -> [Character]? {
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var count: guint = 0
        guard poppler_page_get_text_layout(page, &rectangles, &count) != 0, let rectangles else { return nil }
        defer { g_free(rectangles) }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == Int(count) else { return nil }
        var line = 1
        return scalars.enumerated().map { i, scalar in
            defer { if scalar == "\n" { line += 1 } }
            return Character(scalar: scalar, box: rectangles[i], line: line)
        }
    }

    /// Words from characters: runs of non-space characters on one line for which `keep` is
    /// true, boxes in pixels at `dpi`.
    static func words(of characters: [Character], dpi: Int, keep: (Int) -> Bool = { _ in true }) -> [Word] {
        let scale = Double(dpi) / 72
        var words: [Word] = []
        var current = ""
        var box: PopplerRectangle?
        var line = 0
        func flush() {
            if let b = box, !current.isEmpty {
                let x = Int((b.x1 * scale).rounded(.down))
                let y = Int((b.y1 * scale).rounded(.down))
                words.append(
                    Word(
                        text: VietnameseText.nfc(current), confidence: 100,
                        box: BoundingBox(
                            x: x, y: y, width: max(Int((b.x2 * scale).rounded(.up)) - x, 1),
                            height: max(Int((b.y2 * scale).rounded(.up)) - y, 1)),
                        line: line))
            }
            current = ""
            box = nil
        }
        for (i, c) in characters.enumerated() {
            guard !c.isSpace, keep(i) else {
                flush()
                continue
            }
            if c.line != line { flush() }
            line = c.line
            let r = c.box
            current.unicodeScalars.append(c.scalar)
            if let b = box {
                box = PopplerRectangle(
                    x1: min(b.x1, r.x1), y1: min(b.y1, r.y1), x2: max(b.x2, r.x2), y2: max(b.y2, r.y2))
            } else {
                box = r
            }
        }
        flush()
        return words
    }

    /// Text layer lines: NFC, trailing spaces trimmed, trailing empty lines dropped.
    static func lines(of text: String) -> [String] {
        var lines = VietnameseText.nfc(text)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { line -> String in
                var s = Substring(line)
                while let last = s.last, last.isWhitespace { s.removeLast() }
                return String(s)
            }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    private func render(_ page: OpaquePointer, number: Int) -> IngestedPage {
        var widthPt = 0.0
        var heightPt = 0.0
        poppler_page_get_size(page, &widthPt, &heightPt)
        let scale = Double(dpi) / 72
        let width = Int((widthPt * scale).rounded())
        let height = Int((heightPt * scale).rounded())
        guard width > 0, height > 0 else {
            return .failed(number: number, reason: "page \(number) has no area (\(widthPt)×\(heightPt) pt)")
        }
        if width * height > maxPixels || width > 32767 || height > 32767 {
            return .failed(
                number: number,
                reason:
                    "page \(number) would be \(width)×\(height) pixels at \(dpi) dpi, over the cap of \(maxPixels) pixels"
            )
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(width), Int32(height)) else {
            return .failed(number: number, reason: "page \(number): cannot allocate a \(width)×\(height) image")
        }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let cr = cairo_create(surface) else {
            return .failed(number: number, reason: "page \(number): cannot allocate a \(width)×\(height) image")
        }
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_scale(cr, scale, scale)
        poppler_page_render(page, cr)
        cairo_surface_flush(surface)
        guard cairo_status(cr) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface) else {
            return .failed(number: number, reason: "page \(number) cannot be rendered")
        }
        let stride = Int(cairo_image_surface_get_stride(surface))
        let gray = GrayConversion.gray(
            fromXRGB: UnsafeRawPointer(data), width: width, height: height, stride: stride,
            colorFilter: preprocessing.colorFilter)
        var image = GrayImage(width: width, height: height, pixels: gray.pixels, bytesPerRow: width, dpi: dpi)
        // A handful of coloured pixels (a logo, antialiased edges) is not worth naming.
        if gray.colored * 1000 >= width * height { image.steps.append("color-filter") }
        return .image(number: number, image)
    }

    /// A PDF cut short has no end-of-file marker near its end; poppler would quietly
    /// reconstruct what it can, so the file is refused here.
    static func truncation(of url: URL) -> String? {
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return "the file cannot be opened" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let tail = min(size, 4096)
        try? handle.seek(toOffset: size - tail)
        let bytes = [UInt8]((try? handle.readToEnd()) ?? Data())
        let marker = Array("%%EOF".utf8)
        if bytes.count >= marker.count {
            for i in stride(from: bytes.count - marker.count, through: 0, by: -1)
            where bytes[i] == 0x25 && Array(bytes[i..<i + marker.count]) == marker {
                return nil
            }
        }
        return "truncated: no %%EOF marker at the end of the file"
    }

    private static func message(_ error: UnsafeMutablePointer<GError>?) -> String {
        guard let error, let text = error.pointee.message else { return "poppler cannot open it" }
        return String(cString: text)
    }
}
