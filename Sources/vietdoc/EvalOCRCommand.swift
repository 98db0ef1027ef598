import ArgumentParser
import Foundation
import Ingest
import Pipeline

/// `vietdoc eval ocr`: OCR accuracy through the convert path against gold text, with and
/// without restoration, beside the tesseract CLI's accuracy on the same pages.
struct EvalOCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Score vietdoc's OCR (CER, syllable accuracy) against gold text, beside the tesseract CLI.",
        discussion: """
            For every input that needs OCR (scanned PDFs and images in samples/ with gold text in \
            gold/text/<stem>.txt, or the FILEs and folders given, with gold text <stem>.txt beside \
            them or in --gold), converts it as `vietdoc convert` does and prints, per file and \
            pooled over all pages, the character error rate and syllable accuracy of vietdoc's \
            OCR without restoration ("ocr") and with it ("restored"), for each --variant of the \
            preprocessing, and of `pdftoppm -r 300 -gray | tesseract - - -l LANG` (PDFs) or \
            `tesseract FILE - -l LANG` (images) on the same pages. Pages are paired by form feed; \
            text-layer pages are left out. The steps line says how many pages each step changed.
            """)

    @Argument(help: "Inputs or folders to score (default: the samples with gold text).")
    var files: [String] = []

    @Option(help: "Folder of gold text files named after the inputs' stems (default: beside the inputs).")
    var gold: String?

    @Option(help: "Workers (default: the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "OCR languages in tesseract's form, e.g. vie or vie+eng.")
    var lang: String = "vie"

    @Option(
        name: .customLong("variant"),
        help:
            "Preprocessing to score: default, none, or steps on/off such as -smooth,-deskew or none,+smooth (repeatable)."
    )
    var variants: [String] = ["default"]

    @Flag(help: "Skip the tesseract CLI comparison.")
    var noCli = false

    @OptionGroup var model: ModelOption

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        for v in variants { _ = try OCREvaluation.Variant(parsing: v) }
    }

    func run() throws {
        try runReportingErrors { try evaluate() }
    }

    private func evaluate() throws {
        let urls: [URL]
        var goldDir = gold.map { URL(fileURLWithPath: $0) }
        if files.isEmpty {
            urls = try SampleFiles.all()
            if goldDir == nil {
                goldDir = try SampleFiles.folder().deletingLastPathComponent().appendingPathComponent("gold/text")
            }
        } else {
            urls = files.flatMap { SampleFiles.expand(URL(fileURLWithPath: $0)) }
        }
        let inputs = OCREvaluation.inputs(urls, goldFolder: goldDir) { url, why in
            if !files.isEmpty { FileHandle.standardError.write(Data("vietdoc: \(url.path): \(why); skipped\n".utf8)) }
        }
        guard !inputs.isEmpty else { throw VietdocError.invalidArgument("no inputs that need OCR and have gold text") }
        var options = ConversionOptions(languages: lang, jobs: jobs)
        options.modelDirectory = model.url
        let parsed = try variants.map { try OCREvaluation.Variant(parsing: $0) }
        let start = Date()
        let scores = try OCREvaluation(inputs: inputs, variants: parsed, base: options, compareWithCLI: !noCli).run()
        let pages = scores.map(\.pages).reduce(0, +)
        print(
            "vietdoc eval ocr: lang \(lang), \(pages) pages, \(options.jobs) worker(s), \(String(format: "%.0f", Date().timeIntervalSince(start))) s"
        )
        print(
            "\("file".padding(toLength: 34, withPad: " ", startingAt: 0)) pages  \("measure".padding(toLength: 30, withPad: " ", startingAt: 0))      CER  syll.acc"
        )
        for file in scores where file.pages > 0 { printRows(file.name, file.pages, file, parsed) }
        let all = OCREvaluation.FileScores.pooled(scores)
        printRows("all", all.pages, all, parsed)
    }

    private func printRows(
        _ name: String, _ pages: Int, _ file: OCREvaluation.FileScores, _ variants: [OCREvaluation.Variant]
    ) {
        var label = name.padding(toLength: 34, withPad: " ", startingAt: 0)
        var count = String(format: "%5d", pages)
        func row(_ measure: String, _ t: OCREvaluation.Tally) {
            print(
                String(
                    format: "%@ %@  %@ %7.2f%%  %7.2f%%", label, count,
                    measure.padding(toLength: 30, withPad: " ", startingAt: 0), t.cer * 100, t.syllableAccuracy * 100))
            label = String(repeating: " ", count: 34)
            count = "     "
        }
        for (v, variant) in variants.enumerated() {
            row("vietdoc \(variant.name) ocr", file.raw[v])
            row("vietdoc \(variant.name) restored", file.restored[v])
        }
        if let cli = file.cli { row("tesseract CLI", cli) }
        for (v, variant) in variants.enumerated() where !file.steps[v].isEmpty {
            let steps = file.steps[v].sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            print("\(label)        steps (\(variant.name)): \(steps) page(s)")
        }
    }
}
