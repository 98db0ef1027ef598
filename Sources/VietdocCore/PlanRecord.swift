/// The plan extracted from a document's restored text by the Segmentation stage.
///
/// Encoded inline in `DocumentRecord`: its keys (`document`, `legal_basis`, `sections`,
/// `objectives`, `activities`, `budget`, `assignments`, `recipients`, `signature`) sit at the
/// record's top level. Values absent from the document are `null` or empty, never guessed; every
/// extracted value carries the `SourceSpan` (page, first and last line) it came from.
/// `docs/SCHEMA.md` and `schema/vietdoc-record.schema.json` describe the encoded shape.
public struct PlanRecord: Codable, Equatable, Sendable {
    public var document: DocumentHeader
    /// Each "Căn cứ …" (and preamble "Thực hiện/Triển khai …" citing a document), in order.
    public var legalBasis: [LegalBasis]
    /// The heading tree as a flat list in document order; `parent` indexes the enclosing section.
    public var sections: [PlanSection]
    public var objectives: Objectives
    public var activities: [Activity]
    public var budget: Budget
    public var assignments: [Assignment]
    /// The "Nơi nhận" list, one entry per recipient (wrapped lines joined), "Lưu: …" last.
    public var recipients: [TextItem]
    public var signature: Signature
    /// "Kính gửi: …" addressees (letters, submissions, notices), one per entry.
    public var addressees: [TextItem]
    /// Fields that were not read: handwritten or low-confidence text, with its raw OCR and box.
    public var unreadable: [UnreadableField]
    /// Digital-signature overlays ("Ký bởi: …", "Thời gian ký: …"), read as data.
    public var digitalSignatures: [DigitalSignature]
    /// Urgency and confidentiality marks, seals and received stamps, kept out of the text fields.
    public var marks: [PageMark]

    public init(
        document: DocumentHeader = DocumentHeader(), legalBasis: [LegalBasis] = [], sections: [PlanSection] = [],
        objectives: Objectives = Objectives(), activities: [Activity] = [], budget: Budget = Budget(),
        assignments: [Assignment] = [], recipients: [TextItem] = [], signature: Signature = Signature(),
        addressees: [TextItem] = [], unreadable: [UnreadableField] = [], digitalSignatures: [DigitalSignature] = [],
        marks: [PageMark] = []
    ) {
        self.document = document
        self.legalBasis = legalBasis
        self.sections = sections
        self.objectives = objectives
        self.activities = activities
        self.budget = budget
        self.assignments = assignments
        self.recipients = recipients
        self.signature = signature
        self.addressees = addressees
        self.unreadable = unreadable
        self.digitalSignatures = digitalSignatures
        self.marks = marks
    }

    enum CodingKeys: String, CodingKey {
        case document, legalBasis, sections, objectives, activities, budget, assignments, recipients, signature,
            addressees, unreadable, digitalSignatures, marks
    }

    /// Decodes leniently: a record without plan keys (an older or plan-less record) decodes to
    /// an empty plan.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        document = try c.decodeIfPresent(DocumentHeader.self, forKey: .document) ?? DocumentHeader()
        legalBasis = try c.decodeIfPresent([LegalBasis].self, forKey: .legalBasis) ?? []
        sections = try c.decodeIfPresent([PlanSection].self, forKey: .sections) ?? []
        objectives = try c.decodeIfPresent(Objectives.self, forKey: .objectives) ?? Objectives()
        activities = try c.decodeIfPresent([Activity].self, forKey: .activities) ?? []
        budget = try c.decodeIfPresent(Budget.self, forKey: .budget) ?? Budget()
        assignments = try c.decodeIfPresent([Assignment].self, forKey: .assignments) ?? []
        recipients = try c.decodeIfPresent([TextItem].self, forKey: .recipients) ?? []
        signature = try c.decodeIfPresent(Signature.self, forKey: .signature) ?? Signature()
        addressees = try c.decodeIfPresent([TextItem].self, forKey: .addressees) ?? []
        unreadable = try c.decodeIfPresent([UnreadableField].self, forKey: .unreadable) ?? []
        digitalSignatures = try c.decodeIfPresent([DigitalSignature].self, forKey: .digitalSignatures) ?? []
        marks = try c.decodeIfPresent([PageMark].self, forKey: .marks) ?? []
    }
}

/// A field that was printed as a blank filled in by hand, or read with low confidence: the value
/// is left out (never guessed) and listed here so that a reviewer can read it off the image.
public struct UnreadableField: Codable, Equatable, Sendable {
    /// The field: "number", "day", "month", or a record path such as "signature.signer".
    public var field: String
    /// What OCR read there ("$4", "{"), possibly empty.
    public var rawText: String
    /// "handwritten" (junk in a printed blank) or "low_confidence".
    public var reason: String
    public var page: Int
    /// The words' box in page pixels, nil when the text came without geometry.
    public var box: BoundingBox?
    public var span: SourceSpan?

    public init(
        field: String, rawText: String, reason: String, page: Int, box: BoundingBox? = nil, span: SourceSpan? = nil
    ) {
        self.field = field
        self.rawText = rawText
        self.reason = reason
        self.page = page
        self.box = box
        self.span = span
    }

    enum CodingKeys: String, CodingKey { case field, rawText, reason, page, box, span }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(field, forKey: .field)
        try c.encode(rawText, forKey: .rawText)
        try c.encode(reason, forKey: .reason)
        try c.encode(page, forKey: .page)
        try c.encode(box, forKey: .box)
        try c.encode(span, forKey: .span)
    }
}

/// A digital-signature overlay: "Ký bởi: …" / "Người ký: …", "Cơ quan: …", "Email: …",
/// "Thời gian ký: 18/03/2024 08:41:42".
public struct DigitalSignature: Codable, Equatable, Sendable {
    public var signedBy: String?
    public var organization: String?
    public var email: String?
    /// ISO 8601 with the offset (Vietnam, +07:00, unless the stamp states another).
    public var signingTime: String?
    /// The overlay's text as read.
    public var text: String
    public var page: Int
    public var box: BoundingBox?
    public var span: SourceSpan?
    /// Where the entry was read: `overlay` (the stamp's printed text) or `signature_field`
    /// (the PDF's own signature dictionary: signer from the certificate, signing time in UTC;
    /// vietdoc does not verify the signature).
    public var source: Source

    public enum Source: String, Codable, Sendable {
        case overlay
        case signatureField = "signature_field"
    }

    public init(
        signedBy: String? = nil, organization: String? = nil, email: String? = nil, signingTime: String? = nil,
        text: String, page: Int, box: BoundingBox? = nil, span: SourceSpan? = nil, source: Source = .overlay
    ) {
        self.signedBy = signedBy
        self.organization = organization
        self.email = email
        self.signingTime = signingTime
        self.text = text
        self.page = page
        self.box = box
        self.span = span
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case signedBy, organization, email, signingTime, text, page, box, span, source
    }

    /// Decodes leniently: a 1.1/1.2 entry without `source` was read from an overlay.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        signedBy = try c.decodeIfPresent(String.self, forKey: .signedBy)
        organization = try c.decodeIfPresent(String.self, forKey: .organization)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        signingTime = try c.decodeIfPresent(String.self, forKey: .signingTime)
        text = try c.decode(String.self, forKey: .text)
        page = try c.decode(Int.self, forKey: .page)
        box = try c.decodeIfPresent(BoundingBox.self, forKey: .box)
        span = try c.decodeIfPresent(SourceSpan.self, forKey: .span)
        source = try c.decodeIfPresent(Source.self, forKey: .source) ?? .overlay
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(source, forKey: .source)
        try c.encode(signedBy, forKey: .signedBy)
        try c.encode(organization, forKey: .organization)
        try c.encode(email, forKey: .email)
        try c.encode(signingTime, forKey: .signingTime)
        try c.encode(text, forKey: .text)
        try c.encode(page, forKey: .page)
        try c.encode(box, forKey: .box)
        try c.encode(span, forKey: .span)
    }
}

/// A mark on the page that is not document text: urgency ("HỎA TỐC", "KHẨN"), confidentiality
/// ("MẬT"), a seal, a received stamp ("CV ĐẾN", "ĐẾN Số: … Ngày: …") or the gazette's stamp.
public struct PageMark: Codable, Equatable, Sendable {
    /// "urgency", "confidentiality", "seal", "received_stamp", "gazette_stamp".
    public var kind: String
    /// The mark's words as read; for urgency and confidentiality the canonical form ("HỎA TỐC").
    public var text: String
    public var page: Int
    public var box: BoundingBox?
    public var span: SourceSpan?

    public init(kind: String, text: String, page: Int, box: BoundingBox? = nil, span: SourceSpan? = nil) {
        self.kind = kind
        self.text = text
        self.page = page
        self.box = box
        self.span = span
    }

    enum CodingKeys: String, CodingKey { case kind, text, page, box, span }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(text, forKey: .text)
        try c.encode(page, forKey: .page)
        try c.encode(box, forKey: .box)
        try c.encode(span, forKey: .span)
    }
}

/// The document's identity from its header (Decree 30/2020/NĐ-CP layout).
public struct DocumentHeader: Codable, Equatable, Sendable {
    /// The document type in its canonical accented capitals ("KẾ HOẠCH", "QUYẾT ĐỊNH").
    @NullWhenAbsent public var type: String?
    /// Number and sign as printed ("259/KH-UBND"); nil when the number is left blank.
    @NullWhenAbsent public var number: String?
    /// The sign alone ("KH-UBND"), kept even when the number is blank.
    @NullWhenAbsent public var sign: String?
    /// The issuing body ("SỞ Y TẾ") and the body above it ("UBND TỈNH LÀO CAI").
    @NullWhenAbsent public var issuer: String?
    @NullWhenAbsent public var parentIssuer: String?
    @NullWhenAbsent public var place: String?
    /// ISO 8601, reduced to "YYYY-MM" or "YYYY" when the day or month is blank or unreadable.
    @NullWhenAbsent public var date: String?
    /// The date as printed ("ngày 10 tháng 10 năm 2022").
    @NullWhenAbsent public var dateText: String?
    /// The trích yếu: the summary line(s) under the type.
    @NullWhenAbsent public var title: String?
    @NullWhenAbsent public var period: Period?
    public var spans: HeaderSpans

    public init(
        type: String? = nil, number: String? = nil, sign: String? = nil, issuer: String? = nil,
        parentIssuer: String? = nil, place: String? = nil, date: String? = nil, dateText: String? = nil,
        title: String? = nil, period: Period? = nil, spans: HeaderSpans = HeaderSpans()
    ) {
        self.type = type
        self.number = number
        self.sign = sign
        self.issuer = issuer
        self.parentIssuer = parentIssuer
        self.place = place
        self.date = date
        self.dateText = dateText
        self.title = title
        self.period = period
        self.spans = spans
    }

}

/// Where each header field was found (nil when the field is absent).
public struct HeaderSpans: Codable, Equatable, Sendable {
    @NullWhenAbsent public var type: SourceSpan?
    @NullWhenAbsent public var number: SourceSpan?
    @NullWhenAbsent public var issuer: SourceSpan?
    @NullWhenAbsent public var parentIssuer: SourceSpan?
    @NullWhenAbsent public var place: SourceSpan?
    @NullWhenAbsent public var date: SourceSpan?
    @NullWhenAbsent public var title: SourceSpan?
    @NullWhenAbsent public var period: SourceSpan?

    public init(
        type: SourceSpan? = nil, number: SourceSpan? = nil, issuer: SourceSpan? = nil,
        parentIssuer: SourceSpan? = nil, place: SourceSpan? = nil, date: SourceSpan? = nil,
        title: SourceSpan? = nil, period: SourceSpan? = nil
    ) {
        self.type = type
        self.number = number
        self.issuer = issuer
        self.parentIssuer = parentIssuer
        self.place = place
        self.date = date
        self.title = title
        self.period = period
    }

}

/// The years a plan covers ("giai đoạn 2022 - 2025" → 2022…2025; "năm 2023" → 2023…2023).
public struct Period: Codable, Equatable, Sendable {
    @NullWhenAbsent public var from: Int?
    @NullWhenAbsent public var to: Int?
    /// The words the years were read from.
    public var text: String

    public init(from: Int?, to: Int?, text: String) {
        self.from = from
        self.to = to
        self.text = text
    }

}

/// One legal basis paragraph and the documents it cites.
public struct LegalBasis: Codable, Equatable, Sendable {
    public var text: String
    public var references: [DocumentReference]
    public var span: SourceSpan

    public init(text: String, references: [DocumentReference], span: SourceSpan) {
        self.text = text
        self.references = references
        self.span = span
    }
}

/// A cited document: "Quyết định số 4026/QĐ-BYT ngày 20/10/2010 của Bộ Y tế".
public struct DocumentReference: Codable, Equatable, Sendable {
    /// Canonical type name ("Quyết định", "Kế hoạch"), from the words or the sign.
    @NullWhenAbsent public var type: String?
    @NullWhenAbsent public var number: String?
    /// ISO 8601 date when stated.
    @NullWhenAbsent public var date: String?
    @NullWhenAbsent public var issuer: String?
    /// The words the reference was read from.
    public var text: String

    public init(type: String?, number: String?, date: String?, issuer: String?, text: String) {
        self.type = type
        self.number = number
        self.date = date
        self.issuer = issuer
        self.text = text
    }

}

/// What a section is about, decided by the words of its heading.
public enum SectionCategory: String, Codable, Sendable, CaseIterable {
    case purpose, objectives, principles, activities, timeline, budget, assignments, recommendations, appendix,
        other
}

/// One heading and the text under it.
public struct PlanSection: Codable, Equatable, Sendable {
    /// The numbering as read, OCR damage repaired ("II" for "I1."); nil for unnumbered headings.
    @NullWhenAbsent public var number: String?
    public var heading: String
    /// 1 for the top level (Roman numerals, or the outermost numbering used).
    public var level: Int
    public var category: SectionCategory
    /// Index in `sections` of the enclosing section, nil at the top level.
    @NullWhenAbsent public var parent: Int?
    /// The section's own text: inline text after a "Heading:" and the lines before the first
    /// subsection (subsections hold the rest).
    public var text: String
    /// From the heading line to the section's last line, subsections included.
    public var span: SourceSpan

    public init(
        number: String?, heading: String, level: Int, category: SectionCategory, parent: Int?, text: String,
        span: SourceSpan
    ) {
        self.number = number
        self.heading = heading
        self.level = level
        self.category = category
        self.parent = parent
        self.text = text
        self.span = span
    }

}

/// A piece of text and where it is.
public struct TextItem: Codable, Equatable, Sendable {
    public var text: String
    public var span: SourceSpan

    public init(text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// General and specific objectives, and the measurable indicators among them.
public struct Objectives: Codable, Equatable, Sendable {
    public var general: [TextItem]
    public var specific: [TextItem]
    public var indicators: [Indicator]

    public init(general: [TextItem] = [], specific: [TextItem] = [], indicators: [Indicator] = []) {
        self.general = general
        self.specific = specific
        self.indicators = indicators
    }
}

/// A target such as "Tỷ lệ … đạt trên 96,5%" or "tối thiểu 70% … đến năm 2025".
public struct Indicator: Codable, Equatable, Sendable {
    public var name: String
    /// The target as printed, with its comparator ("trên 96,5", "≤ 18,5").
    public var target: String
    /// The target's number (decimal comma read), nil when unreadable.
    @NullWhenAbsent public var value: Double?
    /// "gte", "gt", "lte", "lt" or "eq" when the words say so, else nil.
    @NullWhenAbsent public var comparator: String?
    @NullWhenAbsent public var unit: String?
    @NullWhenAbsent public var year: Int?
    public var span: SourceSpan

    public init(
        name: String, target: String, value: Double?, comparator: String?, unit: String?, year: Int?,
        span: SourceSpan
    ) {
        self.name = name
        self.target = target
        self.value = value
        self.comparator = comparator
        self.unit = unit
        self.year = year
        self.span = span
    }

}

/// One task of the plan: a subsection of an activities section, or a numbered item in it.
public struct Activity: Codable, Equatable, Sendable {
    @NullWhenAbsent public var number: String?
    public var title: String
    public var text: String
    /// "Thời gian thực hiện: …", "Quý II/2023", "Năm 2023" when stated.
    @NullWhenAbsent public var timeline: String?
    /// The agency named as lead ("chủ trì"), when stated.
    @NullWhenAbsent public var lead: String?
    /// Agencies named as participants ("phối hợp"), when stated.
    public var participants: [String]
    public var span: SourceSpan

    public init(
        number: String?, title: String, text: String, timeline: String?, lead: String?, participants: [String],
        span: SourceSpan
    ) {
        self.number = number
        self.title = title
        self.text = text
        self.timeline = timeline
        self.lead = lead
        self.participants = participants
        self.span = span
    }

}

/// An amount of money in VND with the words it was read from.
public struct MoneyAmount: Codable, Equatable, Sendable {
    /// Whole đồng ("1.766.925.000 đồng" → 1766925000, "2,5 tỷ đồng" → 2500000000).
    public var amount: Int64
    public var currency: String
    public var text: String
    public var span: SourceSpan

    public init(amount: Int64, currency: String = "VND", text: String, span: SourceSpan) {
        self.amount = amount
        self.currency = currency
        self.text = text
        self.span = span
    }
}

/// One budget line: what the money is for and how much.
public struct BudgetItem: Codable, Equatable, Sendable {
    public var label: String
    public var amount: Int64
    public var currency: String
    /// The whole printed line.
    public var text: String
    public var span: SourceSpan

    public init(label: String, amount: Int64, currency: String = "VND", text: String, span: SourceSpan) {
        self.label = label
        self.amount = amount
        self.currency = currency
        self.text = text
        self.span = span
    }
}

/// The money: stated total, itemised lines and funding sources, all from budget sections.
public struct Budget: Codable, Equatable, Sendable {
    @NullWhenAbsent public var total: MoneyAmount?
    public var items: [BudgetItem]
    public var sources: [TextItem]

    public init(total: MoneyAmount? = nil, items: [BudgetItem] = [], sources: [TextItem] = []) {
        self.total = total
        self.items = items
        self.sources = sources
    }

}

/// An agency and what "Tổ chức thực hiện" asks of it.
public struct Assignment: Codable, Equatable, Sendable {
    public var agency: String
    public var duties: [String]
    public var span: SourceSpan

    public init(agency: String, duties: [String], span: SourceSpan) {
        self.agency = agency
        self.duties = duties
        self.span = span
    }
}

/// The signature block: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / name".
public struct Signature: Codable, Equatable, Sendable {
    /// "TM. …" (on behalf of a collective body).
    @NullWhenAbsent public var authority: String?
    /// "KT. …", "Q. …", "TL. …", "TUQ. …", or the signer's title when signing in own right.
    @NullWhenAbsent public var capacity: String?
    /// The signer's own title under a "KT." line ("PHÓ CHỦ TỊCH").
    @NullWhenAbsent public var title: String?
    @NullWhenAbsent public var signer: String?
    @NullWhenAbsent public var span: SourceSpan?

    public init(
        authority: String? = nil, capacity: String? = nil, title: String? = nil, signer: String? = nil,
        span: SourceSpan? = nil
    ) {
        self.authority = authority
        self.capacity = capacity
        self.title = title
        self.signer = signer
        self.span = span
    }

}
