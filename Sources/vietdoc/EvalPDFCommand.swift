import ArgumentParser
import Foundation
import Pipeline

/// `vietdoc eval pdf`: the text a viewer extracts from searchable PDFs (pdftotext), scored
/// against gold text; PDFs from several tools are grouped by their folder, so that one run
/// compares vietdoc's PDFs with another tool's PDFs of the same scans (scripts/bench-pdf runs
/// OCRmyPDF beside vietdoc and calls this).
struct EvalPDFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdf",
        abstract: "Score the text extracted from searchable PDFs (pdftotext) against gold text.",
        discussion: """
            Each PDF is scored against <gold>/<stem>.txt (its whole text, pages pooled) and the \
            figures are printed per file and per folder (one folder per tool), with the size of \
            each PDF against the original given by --originals.
            """)

    @Argument(help: "Searchable PDFs, in one folder per tool; the file names' stems name the gold text.")
    var files: [String]

    @Option(help: "Folder of gold text files named after the PDFs' stems.")
    var gold: String = "gold/text"

    @Option(help: "Folder of the original inputs (same stems), to print the size ratio.")
    var originals: String?

    func run() throws {
        var byFolder: [String: OCREvaluation.Tally] = [:]
        var sizes: [String: (Double, Double)] = [:]
        var rows: [(String, String, OCREvaluation.Tally, Double?)] = []
        for path in files {
            let url = URL(fileURLWithPath: path)
            let stem = url.deletingPathExtension().lastPathComponent
            guard
                let goldText = try? String(
                    contentsOf: URL(fileURLWithPath: gold).appendingPathComponent("\(stem).txt"), encoding: .utf8)
            else {
                FileHandle.standardError.write(Data("vietdoc: \(path): no gold text for \(stem); skipped\n".utf8))
                continue
            }
            let text = try Self.pdftotext(url)
            var tally = OCREvaluation.Tally()
            tally.add(hypothesis: text, gold: goldText)
            let folder = url.deletingLastPathComponent().lastPathComponent
            byFolder[folder] = (byFolder[folder] ?? OCREvaluation.Tally()) + tally
            var ratio: Double?
            if let originals, let original = Self.original(stem, in: originals) {
                let a = Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
                let b = Double((try? FileManager.default.attributesOfItem(atPath: original)[.size] as? Int) ?? 1)
                ratio = a / b
                let s = sizes[folder] ?? (0, 0)
                sizes[folder] = (s.0 + a, s.1 + b)
            }
            rows.append((folder, stem, tally, ratio))
        }
        print("folder           file                              CER   syll.acc   diacr.acc   size/input")
        for (folder, stem, t, ratio) in rows {
            print(Self.row(folder, stem, t, ratio))
        }
        for folder in byFolder.keys.sorted() {
            let s = sizes[folder]
            print(Self.row(folder, "all", byFolder[folder]!, s.map { $0.0 / $0.1 }))
        }
    }

    static func row(_ folder: String, _ file: String, _ t: OCREvaluation.Tally, _ ratio: Double?) -> String {
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        return pad(folder, 16) + " " + pad(file, 30)
            + String(
                format: " %7.2f%% %9.2f%% %10.2f%%", t.cer * 100, t.syllables.syllableAccuracy * 100,
                t.syllables.diacriticAccuracy * 100)
            + (ratio.map { String(format: " %11.3f×", $0) } ?? "")
    }

    /// The PDF's text as poppler's pdftotext extracts it (reading order, pages by form feeds).
    static func pdftotext(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-enc", "UTF-8", url.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("pdftotext failed on \(url.path) (install poppler-utils)")
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func original(_ stem: String, in folder: String) -> String? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.first { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent == stem }
            .map { URL(fileURLWithPath: folder).appendingPathComponent($0).path }
    }
}
