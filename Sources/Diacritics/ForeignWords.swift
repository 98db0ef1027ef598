import Foundation
import VietdocCore

/// Words of the corpus that are no Vietnamese syllable — foreign names and loans ("Chelsea",
/// "Windows") — keyed by their accent-free lower-case letters. Listed in
/// `dictionaries/foreign-words.tsv` by `tools/model/foreign_words.py`; the regime judge does
/// not count them as OCR damage, so a news page full of names is still read as stripped text.
struct ForeignWords: Sendable {
    static let fileName = "foreign-words.tsv"

    let keys: Set<String>
    /// The list's bytes' hash (0 when there is no list).
    let hash: UInt64

    static let none = ForeignWords(keys: [], hash: 0)

    /// Reads the list; a folder without one gives `none` (models built before it).
    ///
    /// - Throws: `VietdocError.modelInvalid` for a line that is not `key \t count`.
    static func load(from url: URL) throws -> ForeignWords {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .none }
        var keys = Set<String>()
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, Int(fields[1]) != nil else {
                throw VietdocError.modelInvalid(path: url.path, detail: "bad line: \(line)")
            }
            keys.insert(String(fields[0]))
        }
        return ForeignWords(keys: keys, hash: FNV1a.hash64(data))
    }

    /// Whether the word whose accent-free lower-case letters are `key` is listed.
    func contains(_ key: String) -> Bool { keys.contains(key) }
}
