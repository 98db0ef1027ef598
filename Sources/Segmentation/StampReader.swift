import Foundation
import VietdocCore

/// Reads stamps and marks as data: the digital-signature overlay of electronic copies ("Ký bởi:",
/// "Người ký:", "Cơ quan:", "Email:", "Thời gian ký:"), the gazette centre's stamp, received
/// stamps ("CV ĐẾN", "ĐẾN Số: … Ngày: …"), urgency and confidentiality marks ("HỎA TỐC", "KHẨN",
/// "MẬT"). From the layout's stamp regions when the layout stage ran; from lines of the header
/// otherwise, which are then kept out of the header fields.
enum StampReader {
    /// The labelled lines of a digital-signature overlay, by field.
    enum Label: String { case signedBy, organization, email, time }

    static let labels: [(phrase: String, label: Label)] = [
        ("ky boi", .signedBy), ("nguoi ky", .signedBy), ("co quan", .organization), ("to chuc", .organization),
        ("email", .email), ("e mail", .email), ("thoi gian ky", .time), ("ngay ky", .time),
    ]

    /// Urgency and confidentiality marks of Decree 30/2020 (Appendix I), canonical forms.
    static let marks: [(phrase: String, text: String, kind: String)] = [
        ("hoa toc", "HỎA TỐC", "urgency"), ("thuong khan", "THƯỢNG KHẨN", "urgency"), ("khan", "KHẨN", "urgency"),
        ("tuyet mat", "TUYỆT MẬT", "confidentiality"), ("toi mat", "TỐI MẬT", "confidentiality"),
        ("mat", "MẬT", "confidentiality"),
    ]

    /// The label a stamp line starts with ("Ký bởi: …"), and the text after it.
    static func labelled(_ line: String) -> (Label, String)? {
        let f = FoldedText(line)
        guard let colon = f.original.firstIndex(of: ":"), colon <= 16 else { return nil }
        let head = Fold.key(f.text(0..<colon))
        for (phrase, label) in labels where Keyword.same(head, phrase) {
            return (label, f.text((colon + 1)..<f.original.count).trimmed)
        }
        return nil
    }

    /// True for a line of a digital-signature overlay.
    static func isSignatureLine(_ line: String) -> Bool { labelled(line) != nil }

    /// The mark a whole line is ("HỎA TỐC", "KHẨN", "MẬT"), in capitals as printed.
    static func mark(ofLine line: String) -> (text: String, kind: String)? {
        let t = line.trimmed("*_-–— ")
        let letters = t.filter(\.isLetter)
        guard letters.count >= 3, letters.allSatisfy(\.isUppercase) else { return nil }
        let key = Fold.key(t)
        for m in marks where key == m.phrase { return (m.text, m.kind) }
        return nil
    }

    /// A received stamp's line: "CV ĐẾN", "ĐẾN", "Số: … Ngày: …" inside it, "Chuyển: …".
    static func isReceivedStampLine(_ line: String) -> Bool {
        let key = Fold.key(line)
        return key == "den" || key.hasPrefix("cv den") || key.hasPrefix("cong van den") || key.hasPrefix("den so")
            || key.hasPrefix("den ngay") || key.hasPrefix("den gio")
    }

    /// The digital signature read from an overlay's lines, nil when none of them is labelled.
    static func digitalSignature(lines: [String], page: Int, box: BoundingBox?, span: SourceSpan?)
        -> DigitalSignature?
    {
        var sig = DigitalSignature(text: lines.joined(separator: "\n"), page: page, box: box, span: span)
        var any = false
        var unlabelled: [String] = []
        var previous: Label?
        for line in lines {
            guard let (label, value) = labelled(line) else {
                // A name the overlay wrapped ("Ký bởi: Ủy ban nhân dân tỉnh Quảng" / "Ngãi").
                if let p = previous, p == .signedBy || p == .organization, email(in: line) == nil,
                    signingTime(in: line) == nil,
                    ClosingExtractor.isWordy(line, minimumLetters: 2) || line.split(separator: " ").count <= 2
                {
                    if p == .signedBy { sig.signedBy = sig.signedBy.map { $0 + " " + line } }
                    if p == .organization { sig.organization = sig.organization.map { $0 + " " + line } }
                    previous = nil
                    continue
                }
                previous = nil
                unlabelled.append(line)
                if sig.signingTime == nil, let t = signingTime(in: line) { sig.signingTime = t }
                if sig.email == nil, let e = email(in: line) { sig.email = e }
                continue
            }
            any = true
            previous = label
            switch label {
            case .signedBy: sig.signedBy = sig.signedBy ?? value
            case .organization: sig.organization = sig.organization ?? value
            case .email: sig.email = sig.email ?? email(in: value) ?? value
            case .time: sig.signingTime = sig.signingTime ?? signingTime(in: value)
            }
        }
        // The gazette centre's stamp: its name in capitals, an e-mail and a time, no labels.
        if !any, sig.signingTime != nil || sig.email != nil {
            let name = unlabelled.filter { SectionBuilder.isCaps($0) && email(in: $0) == nil }
            if !name.isEmpty {
                sig.organization = name.joined(separator: " ").collapsed.trimmingCharacters(in: .letters.inverted)
            }
            any = true
        }
        return any ? sig : nil
    }

    static let timePattern = Pattern(
        #"(\d{1,2})\s?[/\.\-]\s?(\d{1,2})\s?[/\.\-]\s?(\d{4})\D{0,3}?(\d{1,2})\s?[:h]\s?(\d{2})(?:\s?:\s?(\d{2}))?(?:\s*(?:gmt|utc)?\s*([+\-])\s?(\d{2}):?(\d{2}))?"#
    )

    /// "18/03/2024 08:41:42" → "2024-03-18T08:41:42+07:00" (Vietnam time unless an offset is
    /// printed: "18.03.2024 09:25:19 +07:00").
    static func signingTime(in s: String) -> String? {
        let f = FoldedText(s)
        guard let m = timePattern.firstMatch(in: f), let d = m[1], let mo = m[2], let y = m[3], let h = m[4],
            let mi = m[5], let day = Int(f.text(d)), let month = Int(f.text(mo)), let year = Int(f.text(y)),
            let hour = Int(f.text(h)), let minute = Int(f.text(mi)),
            (1...12).contains(month), (1...VietnameseDate.daysIn(month: month, year: year)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        let second = m[6].flatMap { Int(f.text($0)) } ?? 0
        guard (0...59).contains(second) else { return nil }
        var offset = "+07:00"
        if let sign = m[7], let oh = m[8], let om = m[9] {
            offset = "\(f.text(sign))\(f.text(oh)):\(f.text(om))"
        }
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second) + offset
    }

    static let emailPattern = Pattern(#"[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}"#)

    static func email(in s: String) -> String? {
        let f = FoldedText(s)
        return emailPattern.firstMatch(in: f).flatMap { $0[0] }.map { f.text($0).lowercased() }
    }

    /// Digital signatures and marks from the layout's stamp regions.
    static func read(stamps: [(page: Int, region: LayoutRegion)]) -> (signatures: [DigitalSignature], marks: [PageMark])
    {
        var sigs: [DigitalSignature] = []
        var marks: [PageMark] = []
        for (page, region) in stamps {
            let lines = region.lines.map { DocumentLines.clean($0.text) }.filter { !$0.isEmpty }
            let text = lines.joined(separator: "\n")
            switch region.stamp {
            case .digitalSignature?, .gazetteStamp?:
                if let s = digitalSignature(lines: lines, page: page, box: region.box, span: nil) { sigs.append(s) }
                if region.stamp == .gazetteStamp {
                    marks.append(PageMark(kind: "gazette_stamp", text: text, page: page, box: region.box))
                }
            case .urgency?:
                let m = lines.lazy.compactMap(mark(ofLine:)).first
                marks.append(PageMark(kind: m?.kind ?? "urgency", text: m?.text ?? text, page: page, box: region.box))
            case .receivedStamp?:
                marks.append(PageMark(kind: "received_stamp", text: text, page: page, box: region.box))
            case .seal?:
                marks.append(PageMark(kind: "seal", text: text, page: page, box: region.box))
            case .unknown?, nil:
                if let s = digitalSignature(lines: lines, page: page, box: region.box, span: nil) { sigs.append(s) }
            }
        }
        return (sigs, marks)
    }
}
