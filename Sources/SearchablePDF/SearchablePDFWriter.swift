import Foundation
import VietdocCore

/// Makes the searchable PDF of a document: the original pages (a PDF's pages copied as they
/// are; an image file's pages embedded without re-encoding where the format allows) with the
/// restored words as an invisible text layer on the pages vietdoc OCR'd. Pages that had a
/// usable text layer are left as they were. Built on libqpdf: see docs/ARCHIVAL.md for why.
public enum SearchablePDFWriter {
    /// One page's text layer: the restored lines placed on the OCR boxes of `frame`.
    public struct Page: Sendable {
        public var method: PageMethod
        public var frame: PageFrame?
        public var lines: [PlacedLine]

        public init(method: PageMethod, frame: PageFrame?, lines: [PlacedLine]) {
            self.method = method
            self.frame = frame
            self.lines = lines
        }
    }

    /// The document information written into the PDF (and its XMP packet for PDF/A).
    public struct Metadata: Sendable {
        public var title: String?
        /// The document's number and sign ("45/KH-SYT").
        public var number: String?
        public var issuer: String?
        public var type: String?
        /// The document's date, ISO 8601 ("2024-03-05").
        public var date: String?
        public var producer: String

        public init(
            title: String?, number: String?, issuer: String?, type: String?, date: String?, producer: String
        ) {
            self.title = title
            self.number = number
            self.issuer = issuer
            self.type = type
            self.date = date
            self.producer = producer
        }
    }

    /// What the input is, for the writer.
    public enum Source {
        /// A PDF file: its pages are copied.
        case pdf(URL)
        /// An image file (PNG, JPEG, TIFF…): `decoded(i)` gives page `i`'s pixels when the file's
        /// own encoding cannot be embedded as it is.
        case image(URL, decoded: (Int) throws -> GrayImage?)
    }

    /// The PDF's bytes, and warnings about pages that could not get a text layer.
    public static func make(
        source: Source, pages: [Page], metadata: Metadata, pdfA: Bool, tessdata: String?, outputPath: String
    ) throws -> (data: Data, warnings: [String]) {
        let fontFile = try Data(contentsOf: GlyphlessFont.locate(tessdata: tessdata))
        var warnings: [String] = []
        let pdf: QPDFDocument
        switch source {
        case .pdf(let url):
            pdf = try QPDFDocument(reading: url)
            var font: QPDFDocument.Object?
            for (index, page) in pages.enumerated() where index < pdf.pageCount {
                guard page.method == .ocr, let frame = page.frame, page.lines.contains(where: { !$0.words.isEmpty })
                else { continue }
                let object = pdf.page(at: index)
                if pdf.has(object, "/Rotate"), Int(pdf.number(pdf.key(object, "/Rotate"))) % 360 != 0 {
                    warnings.append("page \(index + 1): rotated page, no text layer")
                    continue
                }
                let box = pageBox(pdf, object)
                let layer = TextLayer.contentStream(lines: page.lines, frame: frame, box: box)
                if font == nil { font = GlyphlessFont.add(to: pdf, fontFile: fontFile) }
                overlay(pdf, page: object, content: layer, font: font!)
            }
        case .image(let url, let decoded):
            pdf = QPDFDocument()
            let bytes = try Data(contentsOf: url)
            let font = GlyphlessFont.add(to: pdf, fontFile: fontFile)
            for (index, page) in pages.enumerated() {
                let own = pages.count == 1 ? (PageImage.jpeg(bytes) ?? PageImage.png(bytes)) : nil
                guard let image = try own ?? decoded(index).map(PageImage.gray) else {
                    warnings.append("page \(index + 1): no image, page left out")
                    continue
                }
                let frame = page.frame ?? PageFrame(width: image.width, height: image.height, dpi: 300)
                let width = Double(frame.width) * 72 / Double(frame.dpi)
                let height = Double(frame.height) * 72 / Double(frame.dpi)
                let box = [0, 0, width, height]
                let xobject = pdf.stream(
                    image.data,
                    dictionary: "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) "
                        + "\(image.dictionary) >>", filter: image.filter, decodeParms: image.decodeParms)
                var content = "q \(TextLayer.fmt(width)) 0 0 \(TextLayer.fmt(height)) 0 0 cm /Im0 Do Q\n"
                if page.method == .ocr {
                    content += String(
                        decoding: TextLayer.contentStream(lines: page.lines, frame: frame, box: box), as: UTF8.self)
                }
                let object = pdf.parse(
                    "<< /Type /Page /MediaBox [0 0 \(TextLayer.fmt(width)) \(TextLayer.fmt(height))] "
                        + "/Resources << /XObject << >> /Font << >> >> >>")
                let resources = pdf.key(object, "/Resources")
                pdf.set(pdf.key(resources, "/XObject"), "/Im0", xobject)
                pdf.set(pdf.key(resources, "/Font"), "/\(TextLayer.fontName)", font)
                pdf.set(object, "/Contents", pdf.stream(Data(content.utf8)))
                pdf.addPage(pdf.indirect(object))
            }
        }
        PDFAMetadata.apply(metadata, to: pdf, pdfA: pdfA)
        return (try pdf.written(path: outputPath), warnings)
    }

    /// The page's visible box in user space: its CropBox, else its MediaBox.
    private static func pageBox(_ pdf: QPDFDocument, _ page: QPDFDocument.Object) -> [Double] {
        for key in ["/CropBox", "/MediaBox"] where pdf.has(page, key) {
            let array = pdf.key(page, key)
            if pdf.isArray(array), pdf.count(array) == 4 {
                let v = (0..<4).map { pdf.number(pdf.item(array, $0)) }
                return [min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3])]
            }
        }
        return [0, 0, 612, 792]
    }

    /// Appends `content` to the page's content (the old content wrapped in q/Q so that its
    /// graphics state cannot leak into the text) and adds the font to its resources.
    private static func overlay(
        _ pdf: QPDFDocument, page: QPDFDocument.Object, content: Data, font: QPDFDocument.Object
    ) {
        let contents = pdf.newArray()
        pdf.append(contents, pdf.stream(Data("q\n".utf8)))
        if pdf.has(page, "/Contents") {
            let old = pdf.key(page, "/Contents")
            if pdf.isArray(old) {
                for i in 0..<pdf.count(old) { pdf.append(contents, pdf.item(old, i)) }
            } else {
                pdf.append(contents, old)
            }
        }
        pdf.append(contents, pdf.stream(Data("Q\n".utf8) + content))
        pdf.set(page, "/Contents", contents)
        if !pdf.isDictionary(pdf.key(page, "/Resources")) { pdf.set(page, "/Resources", pdf.newDictionary()) }
        let resources = pdf.key(page, "/Resources")
        if !pdf.isDictionary(pdf.key(resources, "/Font")) { pdf.set(resources, "/Font", pdf.newDictionary()) }
        pdf.set(pdf.key(resources, "/Font"), "/\(TextLayer.fontName)", font)
    }
}
