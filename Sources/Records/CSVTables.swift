import VietdocCore

extension RecordEncoding {
    /// The CSV tables of records identified by their source paths (see ``documentID(_:)``).
    public static func csvTables(_ records: [DocumentRecord], includeHeader: Bool = true)
        -> [(fileName: String, contents: String)]
    {
        csvTables(records.map { (documentID($0), $0) }, includeHeader: includeHeader)
    }

    /// The CSV tables of a batch of records: `documents.csv`, `sections.csv`,
    /// `budget_items.csv` and `assignments.csv`, each with a header row and a `document_id`
    /// column holding the given id (in a batch, the document's output path without extension,
    /// unique in the output folder), and `sha256` of the source in `documents.csv` (RFC 4180:
    /// CRLF line ends, fields quoted when they hold a comma, quote or line break; UTF-8). With
    /// `includeHeader: false` only the data rows come back, so that a batch can be written one
    /// record at a time (append them under one header).
    public static func csvTables(
        _ records: [(id: String, record: DocumentRecord)], includeHeader: Bool = true
    ) -> [(fileName: String, contents: String)] {
        var documents = CSVTable(columns: [
            "document_id", "source_path", "sha256", "source_kind", "pages", "type", "number", "sign", "issuer",
            "parent_issuer", "place", "date", "date_text", "title", "period_from", "period_to", "budget_total",
            "budget_total_text", "signature_authority", "signature_capacity", "signature_title", "signer",
            "sections", "assignments", "schema_version", "vietdoc_version",
        ])
        var sections = CSVTable(columns: [
            "document_id", "section_index", "parent_index", "number", "level", "category", "heading", "page",
            "line_start", "line_end", "page_end", "text",
        ])
        var budget = CSVTable(columns: [
            "document_id", "item_index", "label", "amount", "currency", "text", "page", "line_start", "line_end",
            "page_end",
        ])
        var assignments = CSVTable(columns: [
            "document_id", "assignment_index", "agency", "duties", "page", "line_start", "line_end", "page_end",
        ])
        for (id, r) in records {
            let d = r.plan.document
            documents.append([
                id, r.source.path, r.source.sha256, r.source.kind.rawValue, String(r.source.pages), d.type, d.number,
                d.sign, d.issuer,
                d.parentIssuer, d.place, d.date, d.dateText, d.title, d.period?.from.map(String.init),
                d.period?.to.map(String.init), r.plan.budget.total.map { String($0.amount) }, r.plan.budget.total?.text,
                r.plan.signature.authority, r.plan.signature.capacity, r.plan.signature.title,
                r.plan.signature.signer, String(r.plan.sections.count), String(r.plan.assignments.count),
                r.schemaVersion, r.vietdocVersion,
            ])
            for (i, s) in r.plan.sections.enumerated() {
                sections.append([
                    id, String(i), s.parent.map(String.init), s.number, String(s.level), s.category.rawValue, s.heading,
                    String(s.span.page), String(s.span.lineStart), String(s.span.lineEnd),
                    String(s.span.pageEnd ?? s.span.page), s.text,
                ])
            }
            for (i, item) in r.plan.budget.items.enumerated() {
                budget.append([
                    id, String(i), item.label, String(item.amount), item.currency, item.text, String(item.span.page),
                    String(item.span.lineStart), String(item.span.lineEnd), String(item.span.pageEnd ?? item.span.page),
                ])
            }
            for (i, a) in r.plan.assignments.enumerated() {
                assignments.append([
                    id, String(i), a.agency, a.duties.joined(separator: "\n"), String(a.span.page),
                    String(a.span.lineStart), String(a.span.lineEnd), String(a.span.pageEnd ?? a.span.page),
                ])
            }
        }
        if !includeHeader {
            documents.dropHeader()
            sections.dropHeader()
            budget.dropHeader()
            assignments.dropHeader()
        }
        return [
            ("documents.csv", documents.text), ("sections.csv", sections.text),
            ("budget_items.csv", budget.text), ("assignments.csv", assignments.text),
        ]
    }
}

/// A CSV table being built: header row first, RFC 4180 quoting.
struct CSVTable {
    private(set) var text: String

    init(columns: [String]) {
        text = ""
        appendRow(columns)
    }

    /// Removes the header row.
    mutating func dropHeader() {
        guard let end = text.range(of: "\r\n") else { return }
        text.removeSubrange(text.startIndex..<end.upperBound)
    }

    mutating func append(_ fields: [String?]) {
        appendRow(fields.map { $0 ?? "" })
    }

    private mutating func appendRow(_ fields: [String]) {
        text += fields.map(Self.quote).joined(separator: ",") + "\r\n"
    }

    /// A field quoted when it holds a comma, a double quote, a line break or edge spaces.
    static func quote(_ field: String) -> String {
        let needs =
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            || field.hasPrefix(" ") || field.hasSuffix(" ")
        guard needs else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
