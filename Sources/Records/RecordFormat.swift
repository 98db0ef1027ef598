import VietdocCore

/// The output formats of `vietdoc convert --format`.
public enum RecordFormat: String, CaseIterable, Sendable {
    /// The record, pretty-printed JSON with sorted keys (one `.json` file per document).
    case json
    /// One compact record per line (`.jsonl`), for jq and DuckDB.
    case jsonl
    /// Flat tables: documents, sections, budget_items, assignments (one `.csv` file each).
    case csv
    /// A readable rendering of the record.
    case md
    /// The restored text, pages separated by form feeds.
    case txt
    /// A searchable PDF (`.pdf`): the original page images with the restored words as an
    /// invisible text layer. Not written for text inputs, which have no page images.
    case pdf
    /// The searchable PDF as PDF/A-2b (same `.pdf` file, with XMP metadata and an output intent).
    case pdfA = "pdf-a"
    /// ALTO 4 XML (`.alto.xml`): pages, blocks, lines and words with boxes and confidences.
    case alto
    /// hOCR (`.hocr`), the HTML tesseract and OCRmyPDF read.
    case hocr
    /// A review page for archivists (`.html`, page images in `<stem>.pages/`); batch runs also
    /// write `index.html`.
    case html

    /// The file extension written for this format.
    public var fileExtension: String {
        switch self {
        case .alto: "alto.xml"
        case .pdfA: "pdf"
        default: rawValue
        }
    }

    /// Whether this format is written for a document of `kind` (a PDF needs page images).
    public func isWritten(for kind: SourceKind) -> Bool {
        !((self == .pdf || self == .pdfA) && kind == .text)
    }

    /// The formats written once per document (the others are batch-wide tables or the record).
    public static let perDocument: [RecordFormat] = [.txt, .md, .pdf, .pdfA, .alto, .hocr, .html]
}
