import Foundation

/// Finds tesseract's language data before an engine is created, so that a missing language
/// is reported with the Debian package that installs it rather than as a failed init.
public enum TessdataLocator {
    /// Folders searched, in order, when no data path is given: `$TESSDATA_PREFIX` (and its
    /// `tessdata` subfolder), then Debian's and the usual source-install locations.
    public static var candidateDirectories: [String] {
        var dirs: [String] = []
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty {
            dirs += [prefix, (prefix as NSString).appendingPathComponent("tessdata")]
        }
        dirs += [
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata",
            "/usr/share/tessdata", "/usr/local/share/tessdata", "/opt/homebrew/share/tessdata",
        ]
        return dirs
    }

    /// The languages of a tesseract language string such as `vie+eng`.
    public static func languages(in spec: String) -> [String] {
        spec.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The Debian package that installs a language's data: `vie` → `tesseract-ocr-vie`,
    /// `chi_sim` → `tesseract-ocr-chi-sim`.
    public static func debianPackage(for language: String) -> String {
        "tesseract-ocr-" + language.lowercased().replacingOccurrences(of: "_", with: "-")
    }

    /// The folder holding `<lang>.traineddata` for every language of `spec`.
    ///
    /// Throws `.invalidArgument` for an empty or malformed spec and `.missingDependency`
    /// naming the first language whose data is found nowhere.
    public static func directory(for spec: String, explicit: String? = nil) throws -> String {
        let languages = languages(in: spec)
        guard !languages.isEmpty,
            languages.allSatisfy({ $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } })
        else {
            throw VietdocError.invalidArgument(
                "invalid OCR language '\(spec)' (expected tesseract's form, e.g. vie or vie+eng)")
        }
        let dirs = explicit.map { [$0] } ?? candidateDirectories
        let fm = FileManager.default
        func has(_ lang: String, in dir: String) -> Bool {
            fm.fileExists(atPath: (dir as NSString).appendingPathComponent("\(lang).traineddata"))
        }
        if let dir = dirs.first(where: { dir in languages.allSatisfy { has($0, in: dir) } }) {
            return dir
        }
        let missing = languages.first { lang in !dirs.contains { has(lang, in: $0) } } ?? languages[0]
        throw VietdocError.missingDependency(
            what: "tesseract language data '\(missing)'", package: debianPackage(for: missing))
    }
}
