import Foundation
import VietdocCore

/// One hand-read label of a scanned document (`labels.json`, see `../shared/realscans/README.md`):
/// the printed header fields, the "Nơi nhận" list and the signature block.
public struct DocumentLabel: Sendable, Equatable {
    public var id: String
    /// The scanned file's name ("d01.pdf"), matched against the record's source path.
    public var file: String
    public var scanned: Bool
    public var type: String?
    public var number: String?
    /// Parts filled in by hand after printing: "number", "day", "month".
    public var handwritten: [String]
    public var issuer: [String]
    public var place: String?
    /// ISO "yyyy-mm-dd".
    public var date: String?
    public var title: String?
    public var recipients: [String]?
    public var authority: String?
    public var capacity: String?
    public var signer: String?

    public init(
        id: String, file: String, scanned: Bool = true, type: String? = nil, number: String? = nil,
        handwritten: [String] = [], issuer: [String] = [], place: String? = nil, date: String? = nil,
        title: String? = nil, recipients: [String]? = nil, authority: String? = nil, capacity: String? = nil,
        signer: String? = nil
    ) {
        self.id = id
        self.file = file
        self.scanned = scanned
        self.type = type
        self.number = number
        self.handwritten = handwritten
        self.issuer = issuer
        self.place = place
        self.date = date
        self.title = title
        self.recipients = recipients
        self.authority = authority
        self.capacity = capacity
        self.signer = signer
    }

    /// The sign: the number after its first "/" ("CT-UBND" of "04/CT-UBND").
    public var sign: String? {
        guard let n = number, let slash = n.firstIndex(of: "/") else { return nil }
        return String(n[n.index(after: slash)...])
    }

    /// Reads a labels file: `{"labels": [ … ]}` or a bare array of labels.
    public static func load(_ url: URL) throws -> [DocumentLabel] {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw VietdocError.fileNotFound(path: url.path) }
        return try parse(data, path: url.path)
    }

    public static func parse(_ data: Data, path: String = "labels") throws -> [DocumentLabel] {
        let obj = try? JSONSerialization.jsonObject(with: data)
        guard let list = (obj as? [String: Any])?["labels"] as? [[String: Any]] ?? obj as? [[String: Any]] else {
            throw VietdocError.invalidArgument("\(path): expected {\"labels\": [...]} (see the realscans README)")
        }
        return try list.map { d in
            guard let id = d["id"] as? String else {
                throw VietdocError.invalidArgument("\(path): a label has no \"id\"")
            }
            let sig = d["signature"] as? [String: Any] ?? [:]
            return DocumentLabel(
                id: id, file: d["file"] as? String ?? id, scanned: d["scanned"] as? Bool ?? true,
                type: d["type"] as? String, number: d["number"] as? String,
                handwritten: d["handwritten_fields"] as? [String] ?? [], issuer: d["issuer"] as? [String] ?? [],
                place: d["place"] as? String, date: d["date"] as? String, title: d["title"] as? String,
                recipients: d["recipients"] as? [String], authority: sig["authority"] as? String,
                capacity: sig["capacity"] as? String, signer: sig["signer"] as? String)
        }
    }
}

/// The score of one record against its label: one result per field.
public struct RecordScore: Sendable {
    public struct Field: Sendable, Equatable {
        public var name: String
        public var expected: String?
        public var actual: String?
        public var correct: Bool
    }

    public var id: String
    public var fields: [Field] = []
    /// Recipients as a list: items matched one to one (exact after normalisation), produced, labelled.
    public var recipientsMatched = 0
    public var recipientsProduced = 0
    public var recipientsLabelled = 0

    public func field(_ name: String) -> Field? { fields.first { $0.name == name } }
}

/// Scores plan records against hand-read labels. Text fields must be equal after Unicode NFC,
/// collapsing white space and removing the space before closing punctuation; nothing is fuzzy,
/// because the labels say what is printed. A handwritten part (number, day) counts as right when
/// it is read right, or when it is listed in `unreadable` and the printed part is right
/// (number null with the printed sign; the date reduced to year and month).
public enum RecordsEvaluation {
    /// The fields, in table order.
    public static let fieldNames = [
        "type", "number", "sign", "issuer", "place", "date", "title", "recipients", "recipients.exact",
        "signature.authority", "signature.capacity", "signature.signer",
    ]
    /// The printed header fields aggregated by issue 9's target.
    public static let printedHeaderFields = ["sign", "place", "date", "title", "issuer", "type"]

    /// The form compared: NFC, white space collapsed, no space before ",;:.)" or after "(".
    public static func normalized(_ s: String?) -> String? {
        guard let s else { return nil }
        var t = VietnameseText.nfc(s).collapsed
        for p in [",", ";", ":", ".", ")"] { t = t.replacingOccurrences(of: " " + p, with: p) }
        t = t.replacingOccurrences(of: "( ", with: "(")
        return t.isEmpty ? nil : t
    }

    static func same(_ a: String?, _ b: String?) -> Bool { normalized(a) == normalized(b) }

    public static func score(_ plan: PlanRecord, label: DocumentLabel) -> RecordScore {
        var s = RecordScore(id: label.id)
        let d = plan.document
        func add(_ name: String, _ expected: String?, _ actual: String?, _ ok: Bool? = nil) {
            s.fields.append(
                .init(name: name, expected: expected, actual: actual, correct: ok ?? same(expected, actual)))
        }
        let unread = Set(plan.unreadable.map(\.field))
        add("type", label.type, d.type)
        // Number: as printed, or left out and flagged when it was written by hand.
        let number = d.number?.replacingOccurrences(of: " ", with: "")
        let numberFlagged =
            label.handwritten.contains("number") && number == nil && unread.contains("number")
            && same(d.sign, label.sign)
        add(
            "number", label.number, number ?? (unread.contains("number") ? "(unreadable)/\(d.sign ?? "")" : nil),
            same(label.number, number) || numberFlagged)
        add("sign", label.sign, d.sign.map { $0.replacingOccurrences(of: " ", with: "") })
        let issuer = [d.parentIssuer, d.issuer].compactMap { $0 }.joined(separator: " ")
        add("issuer", label.issuer.isEmpty ? nil : label.issuer.joined(separator: " "), issuer.isEmpty ? nil : issuer)
        add("place", label.place, d.place)
        // Date: in full, or its printed part with the handwritten day flagged.
        var dateOK = label.date == d.date
        if !dateOK, let ld = label.date, label.handwritten.contains("day"), unread.contains("day") {
            dateOK = d.date == String(ld.prefix(7))
        }
        add("date", label.date, d.date.map { unread.contains("day") && $0.count == 7 ? $0 + "-??" : $0 }, dateOK)
        add("title", label.title, d.title)
        if let rec = label.recipients {
            let produced = plan.recipients.map(\.text)
            var used = [Bool](repeating: false, count: produced.count)
            var matched = 0
            for r in rec {
                if let i = produced.indices.first(where: { !used[$0] && same(produced[$0], r) }) {
                    used[i] = true
                    matched += 1
                }
            }
            s.recipientsMatched = matched
            s.recipientsProduced = produced.count
            s.recipientsLabelled = rec.count
            let f1 = SegmentationScore.f1(matched: matched, produced: produced.count, gold: rec.count).f
            add(
                "recipients", "\(rec.count) items", "\(produced.count) items, \(matched) right",
                f1 >= 0.999)
            let exact = produced.count == rec.count && zip(produced, rec).allSatisfy { same($0, $1) }
            add("recipients.exact", "\(rec.count) items in order", exact ? "the same" : "not the same", exact)
        }
        let sig = plan.signature
        add("signature.authority", label.authority, sig.authority)
        let capacity = [sig.capacity, sig.title].compactMap { $0 }.joined(separator: " / ")
        add("signature.capacity", label.capacity, capacity.isEmpty ? nil : capacity)
        if label.signer != nil { add("signature.signer", label.signer, sig.signer) }
        return s
    }

    /// Pairs each label with its record by file name and scores it; labels with no record are
    /// reported in `missing`.
    public static func evaluate(labels: [DocumentLabel], records: [(fileName: String, plan: PlanRecord)])
        -> (scores: [RecordScore], missing: [String])
    {
        var scores: [RecordScore] = []
        var missing: [String] = []
        for label in labels {
            let stem = (label.file as NSString).deletingPathExtension
            guard
                let r = records.first(where: { $0.fileName == label.file })
                    ?? records.first(where: { ($0.fileName as NSString).deletingPathExtension == stem })
            else {
                missing.append(label.id)
                continue
            }
            scores.append(score(r.plan, label: label))
        }
        return (scores, missing)
    }

    /// Right and total counts per field over the scored records.
    public static func totals(_ scores: [RecordScore]) -> [String: (right: Int, total: Int)] {
        var out: [String: (right: Int, total: Int)] = [:]
        for s in scores {
            for f in s.fields {
                out[f.name, default: (0, 0)].right += f.correct ? 1 : 0
                out[f.name, default: (0, 0)].total += 1
            }
        }
        return out
    }

    /// The printed report: a row per document (✓/✗ per field), then per-field totals, the printed
    /// header aggregate, signer where present, and recipients as a list (micro F1).
    public static func report(_ scores: [RecordScore], verbose: Bool = false) -> String {
        var out: [String] = []
        let short = [
            "type": "type", "number": "num", "sign": "sign", "issuer": "issuer", "place": "place", "date": "date",
            "title": "title", "recipients": "recip", "recipients.exact": "r.exact",
            "signature.authority": "auth", "signature.capacity": "capac", "signature.signer": "signer",
        ]
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        func pct(_ r: Int, _ t: Int) -> String {
            t == 0 ? "    -" : String(format: "%5.1f%%", 100 * Double(r) / Double(t))
        }
        out.append(pad("doc", 6) + fieldNames.map { pad(short[$0]!, 8) }.joined())
        for s in scores {
            out.append(
                pad(s.id, 6)
                    + fieldNames.map { n in pad(s.field(n).map { $0.correct ? "ok" : "MISS" } ?? "-", 8) }.joined())
        }
        for s in scores {
            let wrong = s.fields.filter { !$0.correct || verbose }
            guard !wrong.isEmpty else { continue }
            out.append("")
            out.append("== \(s.id)")
            for f in wrong {
                out.append(
                    "  \(f.correct ? "ok  " : "MISS") \(pad(f.name, 20)) expected: \(f.expected ?? "null") | got: \(f.actual ?? "null")"
                )
            }
        }
        let t = totals(scores)
        out.append("")
        out.append("== per field (\(scores.count) documents)")
        for n in fieldNames {
            guard let (r, n2) = t[n] else { continue }
            out.append("  \(pad(n, 22)) \(pct(r, n2))  (\(r)/\(n2))")
        }
        let header = printedHeaderFields.compactMap { t[$0] }
        let hr = header.map(\.right).reduce(0, +)
        let ht = header.map(\.total).reduce(0, +)
        out.append(
            "  \(pad("printed header fields", 22)) \(pct(hr, ht))  (\(hr)/\(ht): \(printedHeaderFields.joined(separator: ", ")))"
        )
        if let (r, n) = t["signature.signer"] {
            out.append("  \(pad("signer where present", 22)) \(pct(r, n))  (\(r)/\(n))")
        }
        let m = scores.map(\.recipientsMatched).reduce(0, +)
        let p = scores.map(\.recipientsProduced).reduce(0, +)
        let g = scores.map(\.recipientsLabelled).reduce(0, +)
        let f = SegmentationScore.f1(matched: m, produced: p, gold: g)
        let figures = String(format: "P %.1f%%  R %.1f%%  F1 %.1f%%", 100 * f.p, 100 * f.r, 100 * f.f)
        out.append("  \(pad("recipient items", 22)) \(figures)  (\(m) matched, \(p) produced, \(g) labelled)")
        return out.joined(separator: "\n")
    }
}
