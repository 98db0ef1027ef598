/// The administrative document types of Decree 30/2020/NĐ-CP (Appendix III), in canonical
/// accented capitals, with their abbreviations used in signs ("KH" in "259/KH-UBND").
enum DocumentType {
    static let names: [(name: String, abbreviation: String)] = [
        ("NGHỊ QUYẾT", "NQ"), ("QUYẾT ĐỊNH", "QĐ"), ("CHỈ THỊ", "CT"), ("QUY CHẾ", "QC"), ("QUY ĐỊNH", "QYĐ"),
        ("THÔNG CÁO", "TC"), ("THÔNG BÁO", "TB"), ("HƯỚNG DẪN", "HD"), ("CHƯƠNG TRÌNH", "CTr"),
        ("KẾ HOẠCH", "KH"), ("PHƯƠNG ÁN", "PA"), ("ĐỀ ÁN", "ĐA"), ("DỰ ÁN", "DA"), ("BÁO CÁO", "BC"),
        ("BIÊN BẢN", "BB"), ("TỜ TRÌNH", "TTr"), ("HỢP ĐỒNG", "HĐ"), ("CÔNG ĐIỆN", "CĐ"),
        ("BẢN GHI NHỚ", "GN"), ("BẢN THỎA THUẬN", "TTh"), ("GIẤY ỦY QUYỀN", "GUQ"), ("GIẤY MỜI", "GM"),
        ("GIẤY GIỚI THIỆU", "GGT"), ("GIẤY NGHỈ PHÉP", "GNP"), ("PHIẾU GỬI", "PG"), ("PHIẾU CHUYỂN", "PC"),
        ("PHIẾU BÁO", "PB"), ("THƯ CÔNG", "TC"), ("CÔNG VĂN", "CV"),
    ]

    /// The sign with its leading type abbreviation written as Decree 30 prints it when OCR read it
    /// with a look-alike slip ("TIr-UBND" → "TTr-UBND"): a head that is no abbreviation takes the
    /// only abbreviation within look-alike distance (the document's own type's first, when known).
    static func canonicalSign(_ sign: String, type: String?) -> String {
        guard let dash = sign.firstIndex(of: "-") else { return sign }
        let head = String(sign[..<dash])
        let key = Array(Fold.key(head))
        let abbreviations = Array(Set(names.map(\.abbreviation)))
        guard key.count >= 2, !abbreviations.contains(where: { Fold.key($0) == String(key) }) else { return sign }
        let near = abbreviations.filter {
            let a = Array(Fold.key($0))
            return a.count == key.count && Keyword.distance(key, a) <= 0.5
        }
        let own = type.flatMap { t in names.first { $0.name == t }?.abbreviation }
        let chosen = own.flatMap { near.contains($0) ? $0 : nil } ?? (near.count == 1 ? near[0] : nil)
        guard let chosen else { return sign }
        return chosen + sign[dash...]
    }

    /// The canonical type whose accent-free form is the whole of `line` (markup removed).
    static func type(ofLine line: String) -> String? {
        let key = Fold.key(line)
        guard !key.isEmpty, key.count <= 20 else { return nil }
        for (name, _) in names where Fold.key(name) == key { return name }
        // OCR may glue or split the words ("KEHOACH"): compare without spaces.
        let compact = key.replacingOccurrences(of: " ", with: "")
        for (name, _) in names where Fold.key(name).replacingOccurrences(of: " ", with: "") == compact {
            return name
        }
        return nil
    }

    /// A type name opening the line, with the rest of the line ("KẾ HOẠCH TRIỂN KHAI …").
    static func typePrefix(ofLine line: String) -> (String, String)? {
        let f = FoldedText(line)
        for (name, _) in names {
            let key = Fold.key(name)
            guard f.folded.hasPrefix(key + " ") else { continue }
            let rest = f.text(key.count..<f.original.count).trimmed(":-–— ")
            guard rest.wordCount >= 2 else { continue }
            return (name, rest)
        }
        return nil
    }

    /// Reference types cited in legal bases, as accent-free phrases and canonical names.
    static let referenceTypes: [(key: String, name: String)] = [
        ("thong tu lien tich", "Thông tư liên tịch"), ("nghi quyet", "Nghị quyết"), ("nghi dinh", "Nghị định"),
        ("quyet dinh", "Quyết định"), ("thong tu", "Thông tư"), ("chi thi", "Chỉ thị"), ("ke hoach", "Kế hoạch"),
        ("de an", "Đề án"), ("chuong trinh hanh dong", "Chương trình hành động"), ("chuong trinh", "Chương trình"),
        ("cong van", "Công văn"), ("van ban", "Văn bản"), ("huong dan", "Hướng dẫn"), ("thong bao", "Thông báo"),
        ("ket luan", "Kết luận"), ("luat", "Luật"), ("phap lenh", "Pháp lệnh"), ("cong dien", "Công điện"),
        ("ban ghi nho", "Bản ghi nhớ"), ("quy dinh", "Quy định"),
    ]

    /// Canonical type from the sign's leading abbreviation ("QĐ-BYT" → Quyết định).
    static func referenceType(fromSign sign: String) -> String? {
        let head = Fold.key(String(sign.split(whereSeparator: { $0 == "-" || $0 == "/" }).first ?? ""))
        let table: [String: String] = [
            "qd": "Quyết định", "nd": "Nghị định", "nq": "Nghị quyết", "tt": "Thông tư", "ttlt": "Thông tư liên tịch",
            "ct": "Chỉ thị", "kh": "Kế hoạch", "da": "Đề án", "ctr": "Chương trình", "hd": "Hướng dẫn",
            "tb": "Thông báo", "kl": "Kết luận", "cd": "Công điện", "bc": "Báo cáo",
        ]
        return table[head]
    }
}
