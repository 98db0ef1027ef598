import VietdocCore

extension RecordEncoding {
    /// A readable Markdown rendering of the record: header facts, legal bases, the section
    /// outline with categories, objectives, activities, budget, assignments, recipients,
    /// signature and quality figures. Spans appear as "(p. 2, l. 5–9)".
    public static func markdown(_ record: DocumentRecord) -> String {
        let plan = record.plan
        let d = plan.document
        var out: [String] = []
        let heading = [d.type, d.number].compactMap { $0 }.joined(separator: " ")
        out.append("# " + (heading.isEmpty ? record.source.path : heading))
        if let t = d.title {
            out.append("")
            out.append("**\(escape(t))**")
        }
        out.append("")
        out.append("| Field | Value |")
        out.append("| --- | --- |")
        func row(_ name: String, _ value: String?) {
            out.append("| \(name) | \(value.map(escapeCell) ?? "—") |")
        }
        row("Source", "\(record.source.path) (\(record.source.kind.rawValue), \(record.source.pages) pages)")
        row("Type", d.type)
        row("Number", d.number)
        row("Issuer", d.issuer)
        row("Parent issuer", d.parentIssuer)
        row("Place", d.place)
        row("Date", d.date.map { iso in d.dateText.map { "\(iso) (\($0))" } ?? iso })
        row("Period", d.period.map { p in "\(p.from.map(String.init) ?? "?")–\(p.to.map(String.init) ?? "?")" })
        row("Budget total", plan.budget.total.map { "\(formatVND($0.amount)) VND (\($0.text))" })
        row("Signed", signatureLine(plan.signature))

        if !plan.legalBasis.isEmpty {
            out.append("")
            out.append("## Legal basis")
            out.append("")
            for b in plan.legalBasis {
                out.append("- \(escape(b.text)) \(where_(b.span))")
                for r in b.references {
                    let parts = [r.type, r.number, r.date, r.issuer.map { "của \($0)" }].compactMap { $0 }
                    out.append("  - \(escape(parts.joined(separator: " ")))")
                }
            }
        }
        if !plan.sections.isEmpty {
            out.append("")
            out.append("## Sections")
            out.append("")
            for s in plan.sections {
                let indent = String(repeating: "  ", count: max(0, s.level - 1))
                // "1\." so that Markdown does not start an ordered list.
                let number = s.number.map { "\($0)\\. " } ?? ""
                out.append("\(indent)- \(number)\(escape(s.heading)) — *\(s.category.rawValue)* \(where_(s.span))")
            }
        }
        let o = plan.objectives
        if !o.general.isEmpty || !o.specific.isEmpty || !o.indicators.isEmpty {
            out.append("")
            out.append("## Objectives")
            for (title, items) in [("General", o.general), ("Specific", o.specific)] where !items.isEmpty {
                out.append("")
                out.append("### \(title)")
                out.append("")
                for i in items { out.append("- \(escape(i.text))") }
            }
            if !o.indicators.isEmpty {
                out.append("")
                out.append("### Indicators")
                out.append("")
                out.append("| Indicator | Target | Unit | Year |")
                out.append("| --- | --- | --- | --- |")
                for i in o.indicators {
                    out.append(
                        "| \(escapeCell(i.name)) | \(escapeCell(i.target)) | \(i.unit.map(escapeCell) ?? "") | \(i.year.map(String.init) ?? "") |"
                    )
                }
            }
        }
        if !plan.activities.isEmpty {
            out.append("")
            out.append("## Activities")
            out.append("")
            for a in plan.activities {
                var line = "- " + (a.number.map { "\($0)\\. " } ?? "") + escape(a.title)
                var extras: [String] = []
                if let t = a.timeline { extras.append("timeline: \(t)") }
                if let l = a.lead { extras.append("lead: \(l)") }
                if !a.participants.isEmpty { extras.append("with: \(a.participants.joined(separator: ", "))") }
                if !extras.isEmpty { line += " (" + escape(extras.joined(separator: "; ")) + ")" }
                out.append(line + " " + where_(a.span))
            }
        }
        let b = plan.budget
        if b.total != nil || !b.items.isEmpty || !b.sources.isEmpty {
            out.append("")
            out.append("## Budget")
            if let t = b.total {
                out.append("")
                out.append("Total: **\(formatVND(t.amount)) VND** (\(escape(t.text))) \(where_(t.span))")
            }
            if !b.items.isEmpty {
                out.append("")
                out.append("| Item | Amount (VND) |")
                out.append("| --- | ---: |")
                for i in b.items { out.append("| \(escapeCell(i.label)) | \(formatVND(i.amount)) |") }
            }
            if !b.sources.isEmpty {
                out.append("")
                out.append("Sources:")
                out.append("")
                for s in b.sources { out.append("- \(escape(s.text))") }
            }
        }
        if !plan.assignments.isEmpty {
            out.append("")
            out.append("## Assignments")
            for a in plan.assignments {
                out.append("")
                out.append("### \(escape(a.agency)) \(where_(a.span))")
                if !a.duties.isEmpty { out.append("") }
                for duty in a.duties { out.append("- \(escape(duty))") }
            }
        }
        if !plan.recipients.isEmpty {
            out.append("")
            out.append("## Recipients")
            out.append("")
            for r in plan.recipients { out.append("- \(escape(r.text))") }
        }
        out.append("")
        out.append("## Quality")
        out.append("")
        let q = record.quality
        out.append("- OCR mean confidence: \(q.ocrMeanConfidence.map { String(format: "%.1f", $0) } ?? "n/a")")
        out.append("- Restored tokens: \(q.restoredTokens), changed: \(q.changedTokens)")
        if !q.lowConfidenceSpans.isEmpty { out.append("- Low-confidence spans: \(q.lowConfidenceSpans.count)") }
        out.append("")
        out.append("*schema \(record.schemaVersion), vietdoc \(record.vietdocVersion)*")
        return out.joined(separator: "\n") + "\n"
    }

    static func signatureLine(_ s: Signature) -> String? {
        let parts = [s.authority, s.capacity, s.title, s.signer].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " / ")
    }

    static func where_(_ s: SourceSpan) -> String {
        if let end = s.pageEnd, end != s.page {
            return "(p. \(s.page), l. \(s.lineStart) – p. \(end), l. \(s.lineEnd))"
        }
        return s.lineStart == s.lineEnd
            ? "(p. \(s.page), l. \(s.lineStart))" : "(p. \(s.page), l. \(s.lineStart)–\(s.lineEnd))"
    }

    /// "1766925000" → "1.766.925.000" (Vietnamese grouping).
    static func formatVND(_ n: Int64) -> String {
        let digits = Array(String(n.magnitude))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(".") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// Text with Markdown control characters at line starts and emphasis markers escaped.
    static func escape(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "\n", with: " ")
        for c in ["\\", "*", "_", "`", "<", ">", "[", "]"] { t = t.replacingOccurrences(of: c, with: "\\" + c) }
        if let f = t.first, "#-+".contains(f) { t = "\\" + t }
        return t
    }

    static func escapeCell(_ s: String) -> String { escape(s).replacingOccurrences(of: "|", with: "\\|") }
}
