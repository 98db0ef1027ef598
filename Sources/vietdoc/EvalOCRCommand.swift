import ArgumentParser
import Foundation
import Ingest
import OCR

/// `vietdoc eval ocr`: OCR accuracy on the samples against their gold text, beside the
/// tesseract CLI's accuracy on the same pages.
struct EvalOCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Score vietdoc's OCR (CER, syllable accuracy) against gold text, beside the tesseract CLI.",
        discussion: """
            For every sample that needs OCR (scanned PDFs and images in samples/, or the FILEs \
            given) and has gold text in gold/text/<stem>.txt, OCRs its pages and prints the \
            character error rate and syllable accuracy per file and overall (pooled over \
            pages), with the figures of `pdftoppm -r 300 -gray | tesseract - - -l LANG` (PDFs) or \
            `tesseract FILE - -l LANG` (images) beside them. Pages are paired by form feed.
            """)

    @Argument(help: "Inputs to score (default: the samples with gold text).")
    var files: [String] = []

    @Option(help: "Folder of gold text files named after the inputs' stems.")
    var gold: String?

    @Option(help: "Workers (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "OCR languages in tesseract's form, e.g. vie or vie+eng.")
    var lang: String = "vie"

    @Flag(help: "Skip the tesseract CLI comparison.")
    var noCli = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        OpenMPThreads.reexecIfNeeded()
        do {
            try evaluate()
        } catch let e as VietdocError {
            FileHandle.standardError.write(Data("vietdoc: \(e)\n".utf8))
            throw ExitCode(e.exitCode.rawValue)
        }
    }

    /// Pooled scores: character edits over gold characters, and syllable counts.
    struct Tally {
        var edits = 0.0
        var goldChars = 0.0
        var syllables = TextMetrics.SyllableScores.zero

        mutating func add(hypothesis: String, gold: String) {
            let n = Double(VietnameseText.collapseWhitespace(VietnameseText.nfc(gold)).unicodeScalars.count)
            edits += TextMetrics.characterErrorRate(hypothesis: hypothesis, gold: gold) * n
            goldChars += n
            syllables = syllables + TextMetrics.syllableScores(hypothesis: hypothesis, gold: gold)
        }

        static func + (a: Tally, b: Tally) -> Tally {
            Tally(edits: a.edits + b.edits, goldChars: a.goldChars + b.goldChars, syllables: a.syllables + b.syllables)
        }

        var cer: Double { goldChars == 0 ? 0 : edits / goldChars }
    }

    private func evaluate() throws {
        let goldDir =
            try gold.map { URL(fileURLWithPath: $0) }
            ?? SampleFiles.folder().deletingLastPathComponent().appendingPathComponent("gold/text")
        let candidates = try files.isEmpty ? SampleFiles.all() : files.map { URL(fileURLWithPath: $0) }
        var inputs: [(url: URL, gold: [String], kind: InputKind)] = []
        for url in candidates {
            let goldURL = goldDir.appendingPathComponent(url.deletingPathExtension().lastPathComponent + ".txt")
            guard let text = try? String(contentsOf: goldURL, encoding: .utf8) else {
                if !files.isEmpty {
                    FileHandle.standardError.write(
                        Data("vietdoc: \(url.path): no gold text at \(goldURL.path); skipped\n".utf8))
                }
                continue
            }
            let kind = try InputSniffer.kind(of: url)
            if kind == .text { continue }
            inputs.append((url, text.components(separatedBy: "\u{0C}"), kind))
        }
        let work = try PageOCRRunner.ocrPages(of: inputs.map(\.url))
        guard !work.isEmpty else { throw VietdocError.invalidArgument("no inputs that need OCR and have gold text") }

        let ours = try PageOCRRunner.run(work, workers: jobs, languages: lang)
        var cliText: [URL: [String]] = [:]
        if !noCli {
            // PDFs page by page; images whole (tesseract separates their pages by form feeds).
            var commands: [(URL, Int?, String)] = []
            for input in inputs {
                let pages = work.filter { $0.url == input.url }
                if input.kind == .pdf {
                    commands += pages.map {
                        (
                            input.url, $0.index,
                            TesseractCLI.command(for: $0, kind: .pdf, languages: lang, singleThread: true)
                        )
                    }
                } else if let first = pages.first {
                    commands.append(
                        (
                            input.url, nil,
                            TesseractCLI.command(for: first, kind: .image, languages: lang, singleThread: true)
                        ))
                }
            }
            let outputs = try PageOCRRunner.parallelMap(commands.count, workers: jobs) {
                try TesseractCLI.run(commands[$0].2)
            }
            for ((url, index, _), output) in zip(commands, outputs) {
                if index != nil {
                    cliText[url, default: []].append(output)
                } else {
                    var split = output.components(separatedBy: "\u{0C}")
                    if split.count > 1, split.last!.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                        split.removeLast()
                    }
                    cliText[url] = split
                }
            }
        }

        print(
            "vietdoc eval ocr: lang \(lang), \(work.count) pages, \(String(format: "%.1f", ours.seconds)) s with \(jobs) worker(s)"
        )
        let header = "file".padding(toLength: 36, withPad: " ", startingAt: 0)
        print("\(header) pages   CER vietdoc   CER CLI   syll.acc vietdoc   syll.acc CLI")
        var allOurs = Tally()
        var allCLI = Tally()
        for input in inputs {
            let indices = work.enumerated().filter { $0.element.url == input.url }
            guard !indices.isEmpty else { continue }
            var t = Tally()
            var c = Tally()
            for (position, (i, job)) in indices.enumerated() {
                let goldPage = job.index < input.gold.count ? input.gold[job.index] : ""
                t.add(hypothesis: ours.pages[i].text, gold: goldPage)
                if let cli = cliText[input.url] {
                    let page =
                        input.kind == .pdf
                        ? (position < cli.count ? cli[position] : "") : (job.index < cli.count ? cli[job.index] : "")
                    c.add(hypothesis: page, gold: goldPage)
                }
            }
            allOurs = allOurs + t
            allCLI = allCLI + c
            print(row(input.url.lastPathComponent, indices.count, t, noCli ? nil : c))
        }
        print(row("all", work.count, allOurs, noCli ? nil : allCLI))
    }

    private func row(_ name: String, _ pages: Int, _ t: Tally, _ c: Tally?) -> String {
        let label = name.padding(toLength: 36, withPad: " ", startingAt: 0)
        let cliCER = c.map { String(format: "%7.2f%%", $0.cer * 100) } ?? "      –"
        let cliAcc = c.map { String(format: "%12.2f%%", $0.syllables.syllableAccuracy * 100) } ?? "           –"
        return String(
            format: "%@ %5d %11.2f%% %@ %16.2f%% %@", label, pages, t.cer * 100, cliCER,
            t.syllables.syllableAccuracy * 100, cliAcc)
    }
}
