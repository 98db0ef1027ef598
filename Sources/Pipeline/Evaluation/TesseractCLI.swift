import Foundation
import Ingest

/// The tesseract command-line pipeline that vietdoc is measured against.
public enum TesseractCLI {
    /// `pdftoppm -r 300 -gray -f N -l N FILE | tesseract - - -l LANG` for a PDF page, or
    /// `tesseract FILE - -l LANG` for an image (all its pages, separated by form feeds). With
    /// `singleThread`, tesseract runs with `OMP_THREAD_LIMIT=1` like vietdoc's engines.
    public static func command(for task: PageTask, kind: InputKind, languages: String, singleThread: Bool) -> String {
        let env = singleThread ? "OMP_THREAD_LIMIT=1 " : ""
        let file = shellQuoted(task.url.path)
        switch kind {
        case .pdf:
            let n = task.index + 1
            return
                "pdftoppm -r 300 -gray -f \(n) -l \(n) \(file) | \(env)tesseract - - -l \(shellQuoted(languages)) 2>/dev/null"
        default:
            return "\(env)tesseract \(file) - -l \(shellQuoted(languages)) 2>/dev/null"
        }
    }

    /// The CLI's text of each page of `tasks` (all from one input of `kind`), in task order.
    public static func pages(of tasks: [PageTask], kind: InputKind, languages: String) throws -> [String] {
        guard let first = tasks.first else { return [] }
        if kind == .pdf {
            return try tasks.map { try run(command(for: $0, kind: .pdf, languages: languages, singleThread: true)) }
        }
        var split = try run(command(for: first, kind: kind, languages: languages, singleThread: true))
            .components(separatedBy: "\u{0C}")
        if split.count > 1, split.last!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { split.removeLast() }
        return tasks.map { $0.index < split.count ? split[$0.index] : "" }
    }

    /// Runs a shell command and returns its standard output; throws when it fails.
    public static func run(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -o pipefail; " + command]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw VietdocError.missingDependency(
                what: "a working tesseract CLI pipeline (`\(command)` failed)", package: "tesseract-ocr poppler-utils")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }
}
