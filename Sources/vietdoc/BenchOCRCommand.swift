import ArgumentParser
import Foundation
import Ingest
import OCR
import Pipeline

/// `vietdoc bench ocr`: the `convert` path against the tesseract CLI pipeline, timed in the same
/// run on the same pages, and the peak memory of `vietdoc convert` by document size.
struct BenchOCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract:
            "Time vietdoc's convert path (--jobs 1 and --jobs N) against `pdftoppm | tesseract` on the same pages.",
        discussion: """
            Takes the PDF pages that need OCR in the given files (default: the PDFs in samples/ \
            without a usable text layer) and, in this order: (1) runs the CLI pipeline \
            `pdftoppm -r 300 -gray -f N -l N FILE | tesseract - - -l LANG` once per page; \
            (2) converts the documents through the convert path (DocumentConverter and its page \
            executor, --jobs documents in flight as `convert` keeps them: rendering, \
            preprocessing, OCR, restoration, segmentation; model loading included) with one \
            worker; (3) the same with --jobs workers; (4) the document with the most pages \
            alone with one worker and with --jobs, where the speed-up comes from its pages in \
            parallel. Prints wall times, \
            the ratios vietdoc-1/CLI (target ≤ 1) and jobs-1/jobs-N (target ≥ 1.85 for 2 jobs on \
            2 cores). Then runs `vietdoc convert --jobs N` on generated documents of \
            --memory-pages pages (copies of one scanned page, made with qpdf) and prints each \
            process's peak resident memory (wait4): it stays flat as documents grow because a \
            worker holds one page image at a time. The CLI's tesseract runs with \
            OMP_THREAD_LIMIT=1, as vietdoc's engines do; --cli-openmp lets it use OpenMP.
            """)

    @Argument(help: "PDF files to benchmark (default: the scanned PDFs in samples/).")
    var files: [String] = []

    @Option(help: "Workers for the parallel run; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "OCR languages in tesseract's form, e.g. vie or vie+eng.")
    var lang: String = "vie"

    @Option(
        name: .customLong("repeat"),
        help:
            "Run the three measurements this many times, interleaved, and keep each one's fastest time (steadier on a busy machine)."
    )
    var repetitions: Int = 1

    @Option(
        name: .customLong("memory-pages"),
        help: "Document sizes (pages, comma-separated) for the peak-memory runs; 0 skips them.")
    var memoryPages: String = "1,30,300"

    @Flag(help: "Let the CLI's tesseract use OpenMP threads (its default build behaviour).")
    var cliOpenmp = false

    @Flag(name: .customLong("no-restore"), help: "Time the convert path without diacritic restoration.")
    var noRestore = false

    @OptionGroup var model: ModelOption

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if repetitions < 1 { throw ValidationError("--repeat must be at least 1") }
        _ = try sizes()
    }

    private func sizes() throws -> [Int] {
        let parts = memoryPages.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.allSatisfy({ $0 != nil && $0! >= 0 }) else {
            throw ValidationError("--memory-pages takes page counts such as 1,30,300")
        }
        return parts.compactMap { $0 }.filter { $0 > 0 }
    }

    func run() throws {
        try runReportingErrors { try measure() }
    }

    private func measure() throws {
        // Line by line, so that a long run shows its figures as they come, also into a file.
        setvbuf(stdout, nil, _IOLBF, 0)
        let inputs =
            try files.isEmpty
            ? SampleFiles.all().filter { $0.pathExtension.lowercased() == "pdf" }
            : files.map { URL(fileURLWithPath: $0) }
        _ = try TessdataLocator.directory(for: lang)
        var options = ConversionOptions(languages: lang, jobs: jobs, restore: !noRestore)
        options.modelDirectory = model.url
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let bench = OCRBenchmark(files: inputs, options: options, repetitions: repetitions, cliOpenMP: cliOpenmp)
        let pages = try OCRBenchmark.ocrPages(of: inputs)
        print(
            "vietdoc bench ocr: \(pages.count) pages from \(Set(pages.map(\.url)).count) file(s), lang \(lang), \(cores) cores, restoration \(noRestore ? "off" : "on")"
        )
        if options.jobs != jobs { print("note: --jobs \(jobs) is capped to \(options.jobs) workers") }
        if !OpenMPThreads.isLimitedToOneThread {
            print(
                "note: this process did not start with OMP_THREAD_LIMIT=1; tesseract's OpenMP threads compete with the workers"
            )
        }
        let r = try bench.run()
        report("tesseract CLI (pdftoppm | tesseract)\(cliOpenmp ? ", OpenMP" : "")", r.cli, r.pages)
        report("vietdoc convert path --jobs 1", r.one, r.pages)
        report("vietdoc convert path --jobs \(r.jobs)", r.many, r.pages)
        let name = r.longest.lastPathComponent
        report("\(name) alone, --jobs 1", r.longestOne, r.longestPages)
        report("\(name) alone, --jobs \(r.jobs)", r.longestMany, r.longestPages)
        print(String(format: "ratio vietdoc-1 / CLI:          %.3f  (target ≤ 1)", r.one.wall / r.cli.wall))
        print(
            String(format: "speed-up jobs-1 / jobs-%d:       %.2f×  (all documents)", r.jobs, r.one.wall / r.many.wall))
        print(
            String(
                format:
                    "speed-up jobs-1 / jobs-%d:       %.2f×  (one %d-page document; target ≥ 1.85× for 2 jobs on 2 cores)",
                r.jobs, r.longestOne.wall / r.longestMany.wall, r.longestPages))

        let counts = try sizes()
        guard !counts.isEmpty, let first = pages.first else { return }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vietdoc-bench-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        // The page of the inputs with the least text: memory, not OCR time, is measured here.
        let source = first.url
        let page = pages.filter { $0.url == source }.last.map { $0.index + 1 } ?? 1
        for count in counts {
            let document = try OCRBenchmark.generatedDocument(from: source, page: page, pages: count, in: scratch)
            let out = scratch.appendingPathComponent("out-\(count)")
            let m = try OCRBenchmark.peakMemory(
                executable: executable, document: document, jobs: options.jobs, languages: lang, output: out)
            print(
                String(
                    format: "peak RSS, vietdoc convert --jobs %d, %4d pages: %6.0f MiB  (%.0f s)", options.jobs, count,
                    m.mib, m.seconds))
        }
    }

    /// One line: wall time, per page, and CPU time over wall time (the cores kept busy; below
    /// the worker count when other processes share the machine).
    private func report(_ label: String, _ t: OCRBenchmark.Timing, _ count: Int) {
        let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
        print(
            String(
                format: "%@ %8.2f s  %6.2f s/page  cpu %7.2f s (%.2f cores busy)",
                padded, t.wall, t.wall / Double(count), t.cpu, t.cpu / t.wall))
    }
}
