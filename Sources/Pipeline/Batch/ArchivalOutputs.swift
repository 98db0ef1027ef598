import Foundation
import Ingest
import Records
import SearchablePDF

extension OutputWriter {
    /// The archival files asked for (searchable PDF, ALTO, hOCR, review page and its page
    /// images), named relative to the document's folder, for the writer to stage with the rest.
    func archivalFiles(_ document: ConvertedDocument, stem: String) throws -> [(name: String, data: Data)] {
        let base = stem.split(separator: "/").last.map(String.init) ?? stem
        var files: [(name: String, data: Data)] = []
        if formats.contains(.pdf) || formats.contains(.pdfA),
            RecordFormat.pdf.isWritten(for: document.record.source.kind),
            let input = document.input
        {
            let target = url(stem: stem, extension: RecordFormat.pdf.fileExtension)
            let made = try SearchablePDFWriter.make(
                source: Self.pdfSource(document, input: input), pages: Self.textLayers(document),
                metadata: Self.pdfMetadata(document.record), pdfA: formats.contains(.pdfA), tessdata: nil,
                outputPath: target.path)
            files.append(("\(base).\(RecordFormat.pdf.fileExtension)", made.data))
        }
        if formats.contains(.alto) {
            files.append(
                (
                    "\(base).\(RecordFormat.alto.fileExtension)",
                    Data(RecordEncoding.alto(document.record, pages: document.pages).utf8)
                ))
        }
        if formats.contains(.hocr) {
            files.append(
                (
                    "\(base).\(RecordFormat.hocr.fileExtension)",
                    Data(RecordEncoding.hocr(document.record, pages: document.pages).utf8)
                ))
        }
        if formats.contains(.html) { files += try reviewFiles(document, stem: stem, base: base) }
        return files
    }

    /// The review page and its page images (`<stem>.pages/page-N.png`, 100 dpi renders of PDF
    /// pages, image pages at their size); pages read from a text layer have no image.
    func reviewFiles(_ document: ConvertedDocument, stem: String, base: String) throws -> [(name: String, data: Data)] {
        var files: [(name: String, data: Data)] = []
        var images: [String?] = Array(repeating: nil, count: document.pages.count)
        let folder = "\(base).pages"
        if let input = document.input, document.record.source.kind != .text {
            let reader = try DocumentReader(url: input, renderDPI: 100)
            for index in 0..<min(reader.pageCount, images.count) {
                guard case .image(_, let image) = try reader.page(at: index), let png = PNGEncoding.png(image) else {
                    continue
                }
                let name = "\(folder)/page-\(index + 1).png"
                files.append((name, png))
                images[index] = name
            }
        }
        let depth = stem.split(separator: "/").count - 1
        let index = String(repeating: "../", count: depth) + "index.html"
        let page = RecordEncoding.reviewPage(document.record, pages: document.pages, images: images, indexLink: index)
        files.append(("\(base).\(RecordFormat.html.fileExtension)", Data(page.utf8)))
        return files
    }

    /// The batch's review index (`index.html`): the documents of `stems` with a record on disk,
    /// and those the status log says did not convert, worst first.
    public func writeReviewIndex(documentIDs stems: [String]) throws {
        let log = (try? StatusLog.read(root.appendingPathComponent("status.jsonl"))) ?? []
        var lastStatus: [String: StatusLog.Entry] = [:]
        for entry in log { lastStatus[entry.path] = entry }
        var entries: [ReviewIndexEntry] = []
        var seen = Set<String>()
        for stem in stems {
            guard let data = FileManager.default.contents(atPath: url(stem: stem, extension: "json").path),
                let record = try? RecordEncoding.decode(data)
            else { continue }
            seen.insert(record.source.path)
            let status = lastStatus[record.source.path]?.status.rawValue ?? "converted"
            entries.append(
                ReviewIndexEntry(path: record.source.path, status: status, link: "\(stem).html", record: record))
        }
        for entry in lastStatus.values where !seen.contains(entry.path) && entry.status.rawValue != "converted" {
            entries.append(ReviewIndexEntry(path: entry.path, status: entry.status.rawValue, reason: entry.reason))
        }
        try AtomicFile.write(RecordEncoding.reviewIndex(entries), to: root.appendingPathComponent("index.html"))
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
