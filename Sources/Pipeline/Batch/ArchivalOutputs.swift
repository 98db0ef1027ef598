import Foundation
import Ingest
import Records
import SearchablePDF

extension OutputWriter {
    /// Writes the archival formats asked for (searchable PDF, ALTO, hOCR), each atomically.
    func writeArchival(_ document: ConvertedDocument, stem: String) throws {
        if formats.contains(.pdf) || formats.contains(.pdfA),
            RecordFormat.pdf.isWritten(for: document.record.source.kind),
            let input = document.input
        {
            let target = url(stem: stem, extension: RecordFormat.pdf.fileExtension)
            let made = try SearchablePDFWriter.make(
                source: Self.pdfSource(document, input: input), pages: Self.textLayers(document),
                metadata: Self.pdfMetadata(document.record), pdfA: formats.contains(.pdfA), tessdata: nil,
                outputPath: target.path)
            try AtomicFile.write(made.data, to: target)
        }
        if formats.contains(.alto) {
            try AtomicFile.write(
                RecordEncoding.alto(document.record, pages: document.pages),
                to: url(stem: stem, extension: RecordFormat.alto.fileExtension))
        }
        if formats.contains(.hocr) {
            try AtomicFile.write(
                RecordEncoding.hocr(document.record, pages: document.pages),
                to: url(stem: stem, extension: RecordFormat.hocr.fileExtension))
        }
    }

    /// The restored words of each page placed on its OCR boxes, for the PDF's text layer.
    static func textLayers(_ document: ConvertedDocument) -> [SearchablePDFWriter.Page] {
        ArchivalPage.pages(record: document.record, pages: document.pages).map { page in
            SearchablePDFWriter.Page(method: page.method, frame: page.frame, lines: page.blocks.flatMap(\.lines))
        }
    }

    /// A PDF's pages are copied; an image's are embedded as they are, or from Ingest's pixels.
    static func pdfSource(_ document: ConvertedDocument, input: URL) -> SearchablePDFWriter.Source {
        switch document.record.source.kind {
        case .scannedPDF, .textPDF: return .pdf(input)
        case .image, .text:
            let reader = LazyReader(url: input)
            return .image(input) { index in try reader.image(at: index) }
        }
    }

    static func pdfMetadata(_ record: DocumentRecord) -> SearchablePDFWriter.Metadata {
        let header = record.plan.document
        return SearchablePDFWriter.Metadata(
            title: header.title ?? header.type, number: header.number, issuer: header.issuer, type: header.type,
            date: header.date, producer: "vietdoc \(record.vietdocVersion)")
    }
}

/// Opens the input again only if a page's pixels are needed (TIFF, PNG with transparency…).
private final class LazyReader {
    let url: URL
    private var reader: DocumentReader?

    init(url: URL) { self.url = url }

    func image(at index: Int) throws -> GrayImage? {
        if reader == nil { reader = try DocumentReader(url: url) }
        guard let reader, index < reader.pageCount else { return nil }
        if case .image(_, let image) = try reader.page(at: index) { return image }
        return nil
    }
}
