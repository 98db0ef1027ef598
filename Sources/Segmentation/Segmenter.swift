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
        let stamps = StampReader.read(stamps: doc.stampRegions)
        let closing = ClosingExtractor(doc: doc)
        let sectionsStart = header.bodyStart
        let bodyEnd = Self.bodyEnd(doc: doc, closing: closing, from: sectionsStart)
        // Documents attached after the closing (the plan a decision promulgates: "KẾ HOẠCH" /
        // title / "(Ban hành kèm theo Quyết định số …)" / its own sections and signature).
        var parts = [sectionsStart..<max(sectionsStart, bodyEnd)]
        var closingEnd: Int?
        var cursor = bodyEnd
        while let attached = (cursor..<doc.count).first(where: { i in
            !doc[i].isBlank && DocumentType.type(ofLine: doc[i].clean) != nil
        }), !Self.isAppendixLine(doc, inRange: cursor..<attached) {
            if closingEnd == nil { closingEnd = attached }
            let end = Self.bodyEnd(doc: doc, closing: closing, from: attached + 1)
            parts.append((attached + 1)..<max(attached + 1, end))
            cursor = max(end, attached + 1)
        }
        let appendixStart = (cursor..<doc.count).first { Self.isAppendixLine(doc, $0) }
        let built = SectionBuilder(doc: doc).build(parts: parts, appendixStart: appendixStart)
        let preambleEnd = built.first?.headingLine ?? bodyEnd
        let legal = LegalBasisExtractor(doc: doc).extract(from: sectionsStart, to: preambleEnd)
        let content = ContentExtractors(doc: doc, sections: built)
        let closingBlocks = closing.extract(closingStart: bodyEnd, end: closingEnd ?? appendixStart ?? doc.count)
        return PlanRecord(
            document: header.header,
            legalBasis: legal,
            sections: built.map(\.section),
            objectives: content.objectives(),
            activities: content.activities(),
            budget: content.budget(),
            assignments: content.assignments(),
            recipients: closingBlocks.recipients,
            signature: closingBlocks.signature,
            addressees: Self.addressees(doc, upTo: min(doc.count, max(header.bodyStart + 12, 60))),
            unreadable: header.unreadable,
            digitalSignatures: SignatureFields.merged(
                overlays: header.digitalSignatures + stamps.signatures, pages: pages),
            marks: header.marks + stamps.marks)
    }

    /// Where a body that starts at `from` ends: "Nơi nhận", the signature block, or the closing
    /// sentence "Trên đây là …", whichever comes first after its first heading.
    static func bodyEnd(doc: DocumentLines, closing: ClosingExtractor, from start: Int) -> Int {
        let firstHeading =
            (start..<doc.count).first { i in
                !doc[i].isBlank && HeadingNumber.parse(doc[i].clean) != nil
            } ?? start
        // The closing sentence "Trên đây là Kế hoạch …" belongs to no section.
        let closingSentence = (firstHeading..<doc.count).first { i in
            !doc[i].isBlank && doc[i].key.hasPrefix("tren day") && !doc[i].clean.hasPrefix("-")
        }
        let ends = [
            closing.recipientsLine(from: firstHeading), closing.signatureLine(from: firstHeading), closingSentence,
        ]
        return ends.compactMap { $0 }.min() ?? doc.count
    }

    /// The addressees after "Kính gửi:": the text after the colon, and the "- …" lines under it.
    static func addressees(_ doc: DocumentLines, upTo end: Int) -> [TextItem] {
        guard let k = (0..<end).first(where: { !doc[$0].isBlank && HeaderExtractor.isAddressLine(doc[$0]) }) else {
            return []
        }
        var out: [TextItem] = []
        let line = doc[k]
        if let colon = line.clean.firstIndex(of: ":") {
            let after = ClosingExtractor.cleanRecipient(String(line.clean[line.clean.index(after: colon)...]))
            if !after.isEmpty { out.append(TextItem(text: after, span: line.span)) }
        }
        var i = k + 1
        while i < doc.count, !doc[i].isBlank, SectionBuilder.isBullet(doc[i].clean) {
            out.append(TextItem(text: ClosingExtractor.cleanRecipient(doc[i].clean), span: doc[i].span))
            i += 1
        }
        return out
    }

    static func isAppendixLine(_ doc: DocumentLines, _ i: Int) -> Bool {
        let k = doc[i].key
        return k.hasPrefix("phu luc") || k.hasPrefix("phu bieu")
    }

    static func isAppendixLine(_ doc: DocumentLines, inRange r: Range<Int>) -> Bool {
        r.contains { isAppendixLine(doc, $0) }
    }

    /// Convenience for plain text, split into pages as `convert` reads a text file.
    public func segment(text: String) -> PlanRecord {
        segment(pages: PageText.pages(fromText: text))
    }
}
