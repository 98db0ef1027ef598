import Foundation
import VietdocCore

/// Words of the corpus that are no Vietnamese syllable — foreign names and loans ("Chelsea",
/// "Windows") — keyed by their accent-free lower-case letters. Listed in
/// `dictionaries/foreign-words.tsv` by `tools/model/foreign_words.py`; the regime judge does
/// not count them as OCR damage, so a news page full of names is still read as stripped text,
/// and stripped text gets back the marks such a word usually carries ("oxy" → "ôxy").
struct ForeignWords: Sendable {
    static let fileName = "foreign-words.tsv"

    /// The keys' 64-bit FNV-1a hashes (a collision could only join two foreign words).
    let keys: Set<UInt64>
    /// The written form of keys usually written with marks ("oxy" → "ôxy", "kito" → "kitô"),
    /// with the share of the key's occurrences it holds, by key hash.
    let forms: [UInt64: (form: [Unicode.Scalar], share: Float)]
    /// The list's bytes' hash (0 when there is no list).
    let hash: UInt64

    static let none = ForeignWords(keys: [], forms: [:], hash: 0)

    /// Reads the list; a folder without one gives `none` (models built before it).
    ///
    /// - Throws: `VietdocError.modelInvalid` for a line that is not `key \t count`.
    static func load(from url: URL) throws -> ForeignWords {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .none }
        var keys = Set<UInt64>()
        var forms: [UInt64: (form: [Unicode.Scalar], share: Float)] = [:]
        try TabSeparatedRows.forEach(data) { row in
            guard row.fields.count == 2 || row.fields.count == 4, let count = row.number(1) else {
                throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(row.text)")
            }
            let key = row.hash(0)
            keys.insert(key)
            if row.fields.count == 4 {
                let form = row.string(2)
                guard let n = row.number(3), n <= count, AccentFolding.fold(form) == row.string(0) else {
                    throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(row.text)")
                }
                forms[key] = (Array(form.unicodeScalars), Float(n) / Float(count))
            }
        }
        return ForeignWords(keys: keys, forms: forms, hash: FNV1a.hash64(data))
    }

    /// The list's key of a word's letters: the hash of their accent-free lower-case form.
    private static func key(_ letters: [Unicode.Scalar]) -> UInt64 {
        FNV1a.hash64(AccentFolding.fold(String(String.UnicodeScalarView(letters))))
    }

    /// Whether the word of these letters is listed.
    func contains(letters: [Unicode.Scalar]) -> Bool { !keys.isEmpty && keys.contains(Self.key(letters)) }

    /// The usual written form of an unmarked word that is no syllable, in the word's case
    /// pattern ("Kito" → "Kitô"), with the share of the corpus's occurrences it holds; nil when
    /// the word is not listed with a form or its case is mixed.
    func writtenForm(of letters: [Unicode.Scalar]) -> (text: String, share: Float)? {
        guard !forms.isEmpty, !VietnameseLetters.hasMarks(letters) else { return nil }
        let pattern = SyllableForm.casePattern(letters)
        guard pattern != .mixed,
            let entry = forms[Self.key(letters)],
            entry.form.count == letters.count
        else { return nil }
        let form = String(String.UnicodeScalarView(entry.form))
        switch pattern {
        case .upper: return (form.uppercased(), entry.share)
        case .title: return (form.prefix(1).uppercased() + form.dropFirst(), entry.share)
        case .lower, .mixed: return (form, entry.share)
        }
    }
}
