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
    /// ALTO 4 XML (`.alto.xml`): pages, blocks, lines and words with boxes and confidences.
    case alto
    /// hOCR (`.hocr`), the HTML tesseract and OCRmyPDF read.
    case hocr

    /// The file extension written for this format.
    public var fileExtension: String {
        switch self {
        case .alto: "alto.xml"
        default: rawValue
        }
    }

    /// The formats written once per document (the others are batch-wide tables or the record).
    public static let perDocument: [RecordFormat] = [.txt, .md, .alto, .hocr]
}
