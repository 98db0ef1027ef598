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

    /// The file extension written for this format.
    public var fileExtension: String { rawValue }
}
