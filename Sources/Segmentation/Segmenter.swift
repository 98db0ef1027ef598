import VietdocCore

/// Turns a document's restored pages into a plan record: header, legal bases, the heading tree
/// with categories, objectives, activities, budget, assignments, recipients and signature.
///
/// A pure function of the pages' lines; spans use 1-based page numbers (`PageText.number`) and
/// 1-based line numbers within each page. The rules come from the layout that Decree
/// 30/2020/NĐ-CP prescribes for administrative documents, matched on accent-free skeletons so
/// that unaccented or OCR-damaged text is still understood.
public struct Segmenter: Sendable {
    public init() {}

    /// The plan record of the given pages (in reading order).
    public func segment(pages: [PageText]) -> PlanRecord {
        let doc = DocumentLines(pages: pages)
        guard doc.count > 0 else { return PlanRecord() }
        let header = HeaderExtractor(doc: doc).extract()
        let closing = ClosingExtractor(doc: doc)
        let sectionsStart = header.bodyStart
        // The body ends at "Nơi nhận" or the signature block, whichever comes first after the
        // first heading (or the preamble when there is none).
        let firstHeading = (sectionsStart..<doc.count).first { i in
            !doc[i].isBlank && HeadingNumber.parse(doc[i].clean) != nil
        } ?? sectionsStart
        // The closing sentence "Trên đây là Kế hoạch …" belongs to no section.
        let closingSentence = (firstHeading..<doc.count).first { i in
            !doc[i].isBlank && doc[i].key.hasPrefix("tren day") && !doc[i].clean.hasPrefix("-")
        }
        let ends = [
            closing.recipientsLine(from: firstHeading), closing.signatureLine(from: firstHeading), closingSentence,
        ]
        let bodyEnd = ends.compactMap { $0 }.min() ?? doc.count
        let appendixStart = (bodyEnd..<doc.count).first { i in
            let k = doc[i].key
            return k.hasPrefix("phu luc") || k.hasPrefix("phu bieu")
        }
        let built = SectionBuilder(doc: doc).build(
            bodyStart: sectionsStart, bodyEnd: bodyEnd, appendixStart: appendixStart)
        let preambleEnd = built.first?.headingLine ?? bodyEnd
        let legal = LegalBasisExtractor(doc: doc).extract(from: sectionsStart, to: preambleEnd)
        let content = ContentExtractors(doc: doc, sections: built)
        let closingBlocks = closing.extract(closingStart: bodyEnd, end: appendixStart ?? doc.count)
        return PlanRecord(
            document: header.header,
            legalBasis: legal,
            sections: built.map(\.section),
            objectives: content.objectives(),
            activities: content.activities(),
            budget: content.budget(),
            assignments: content.assignments(),
            recipients: closingBlocks.recipients,
            signature: closingBlocks.signature)
    }

    /// Convenience for plain text: pages split at form feeds, lines at newlines.
    public func segment(text: String) -> PlanRecord {
        segment(pages: Self.pages(fromText: text))
    }

    /// Pages of a text dump: form feeds separate pages, numbered from 1.
    public static func pages(fromText text: String) -> [PageText] {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        return normalized.split(separator: "\u{0C}", omittingEmptySubsequences: false).enumerated().map { i, page in
            PageText(
                number: i + 1, method: .textFile,
                lines: page.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
    }
}
