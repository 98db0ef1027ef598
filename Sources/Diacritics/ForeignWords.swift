import Foundation
import VietdocCore

/// Words of the corpus that are no Vietnamese syllable — foreign names and loans ("Chelsea",
/// "Windows") — keyed by their accent-free lower-case letters. Listed in
/// `dictionaries/foreign-words.tsv` by `tools/model/foreign_words.py`; the regime judge does
/// not count them as OCR damage, so a news page full of names is still read as stripped text,
/// and stripped text gets back the marks such a word usually carries ("oxy" → "ôxy").
struct ForeignWords: Sendable {
    static let fileName = "foreign-words.tsv"

    let keys: Set<String>
    /// The written form of keys usually written with marks ("oxy" → "ôxy", "kito" → "kitô"),
    /// with the share of the key's occurrences it holds.
    let forms: [String: (form: [Unicode.Scalar], share: Float)]
    /// The list's bytes' hash (0 when there is no list).
    let hash: UInt64

    static let none = ForeignWords(keys: [], forms: [:], hash: 0)

    /// Reads the list; a folder without one gives `none` (models built before it).
    ///
    /// - Throws: `VietdocError.modelInvalid` for a line that is not `key \t count`.
    static func load(from url: URL) throws -> ForeignWords {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .none }
        var keys = Set<String>()
        var forms: [String: (form: [Unicode.Scalar], share: Float)] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2 || fields.count == 4, let count = Float(fields[1]) else {
                throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(line)")
            }
            let key = String(fields[0])
            keys.insert(key)
            if fields.count == 4 {
                let form = Array(fields[2].unicodeScalars)
                guard let n = Float(fields[3]), n <= count, AccentFolding.fold(String(fields[2])) == key else {
                    throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(line)")
                }
                forms[key] = (form, n / count)
            }
        }
        return ForeignWords(keys: keys, forms: forms, hash: FNV1a.hash64(data))
    }

    /// Whether the word whose accent-free lower-case letters are `key` is listed.
    func contains(_ key: String) -> Bool { keys.contains(key) }

    /// The usual written form of an unmarked word that is no syllable, in the word's case
    /// pattern ("Kito" → "Kitô"), with the share of the corpus's occurrences it holds; nil when
    /// the word is not listed with a form or its case is mixed.
    func writtenForm(of letters: [Unicode.Scalar]) -> (text: String, share: Float)? {
        guard !forms.isEmpty, !VietnameseLetters.hasMarks(letters) else { return nil }
        let pattern = SyllableForm.casePattern(letters)
        guard pattern != .mixed, let entry = forms[AccentFolding.fold(String(String.UnicodeScalarView(letters)))],
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
