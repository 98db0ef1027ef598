extension CatalogDocument {
    /// The catalog row of a converted document, from its record and its restored text.
    ///
    /// - Parameters:
    ///   - path: the input's path relative to the batch root (the row's key).
    ///   - text: the restored text the index covers (the `.txt` output's content).
    public init(converted record: DocumentRecord, path: String, text: String, timings: StageTimings) {
        let header = record.plan.document
        self.init(
            path: path, sha256: record.source.sha256, status: .converted, error: nil, pages: record.source.pages,
            timings: timings, vietdocVersion: record.vietdocVersion,
            modelVersion: record.restoration?.modelVersion, type: header.type, number: header.number,
            issuer: header.issuer, place: header.place, date: header.date, title: header.title, text: text)
    }
}

extension CatalogSection {
    /// The section rows of a plan, in document order (`ordinal` is the index in `plan.sections`).
    public static func rows(of plan: PlanRecord) -> [CatalogSection] {
        plan.sections.enumerated().map { ordinal, section in
            CatalogSection(
                ordinal: ordinal, number: section.number, heading: section.heading,
                category: section.category.rawValue, level: section.level, page: section.span.page,
                lineStart: section.span.lineStart, lineEnd: section.span.lineEnd)
        }
    }
}
