import ArgumentParser
import Foundation
import Ingest
import OCR

/// `vietdoc bench ocr`: vietdoc's in-process OCR against the tesseract CLI pipeline, timed in
/// the same run on the same pages.
struct BenchOCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ocr",
        abstract: "Time vietdoc's OCR (--jobs 1 and --jobs N) against `pdftoppm | tesseract` on the same pages.",
        discussion: """
            OCRs the pages that need OCR in the given files (default: the PDFs in samples/ \
            without a usable text layer) three ways, in this order: (1) the CLI pipeline \
            `pdftoppm -r 300 -gray -f N -l N FILE | tesseract - - -l LANG`, one process pair per \
            page; (2) vietdoc in-process with one worker; (3) vietdoc with --jobs workers. Each \
            vietdoc run includes engine start-up, rendering and recognition. Prints wall times, \
            the ratios vietdoc-1/CLI (target ≤ 1.03) and jobs-1/jobs-N (target ≥ 1.85 for 2 \
            jobs on 2 cores), and peak resident memory (getrusage). The CLI's tesseract runs \
            with OMP_THREAD_LIMIT=1, as vietdoc's engines do; --cli-openmp lets it use OpenMP.
            """)

    @Argument(help: "PDF files to benchmark (default: the scanned PDFs in samples/).")
    var files: [String] = []

    @Option(help: "Workers for the parallel run; the default is the number of cores.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Benchmark at most this many pages (default: all).")
    var pages: Int?

    @Option(help: "OCR languages in tesseract's form, e.g. vie or vie+eng.")
    var lang: String = "vie"

    @Option(
        name: .customLong("repeat"),
        help:
            "Run the three measurements this many times, interleaved, and keep each one's fastest time (steadier on a busy machine)."
    )
    var repetitions: Int = 1

    @Flag(help: "Let the CLI's tesseract use OpenMP threads (its default build behaviour).")
    var cliOpenmp = false

    func validate() throws {
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if let pages, pages < 1 { throw ValidationError("--pages must be at least 1") }
        if repetitions < 1 { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        OpenMPThreads.reexecIfNeeded()
        do {
            try measure()
        } catch let e as VietdocError {
            FileHandle.standardError.write(Data("vietdoc: \(e)\n".utf8))
            throw ExitCode(e.exitCode.rawValue)
        }
    }

    private func measure() throws {
        let inputs =
            try files.isEmpty
            ? SampleFiles.all().filter { $0.pathExtension.lowercased() == "pdf" }
            : files.map { URL(fileURLWithPath: $0) }
        var work = try PageOCRRunner.ocrPages(of: inputs).filter { (try? InputSniffer.kind(of: $0.url)) == .pdf }
        if let pages { work = Array(work.prefix(pages)) }
        guard !work.isEmpty else { throw VietdocError.invalidArgument("no PDF pages that need OCR in the inputs") }
        // Fail early on missing language data, without loading a model: the CLI's children
        // are spawned from this process, and their peak RSS starts from this process's peak.
        _ = try TessdataLocator.directory(for: lang)

        let fileCount = Set(work.map(\.url)).count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("vietdoc bench ocr: \(work.count) pages from \(fileCount) file(s), lang \(lang), \(cores) cores")
        if !OpenMPThreads.isLimitedToOneThread {
            print(
                "note: this process did not start with OMP_THREAD_LIMIT=1; tesseract's OpenMP threads compete with the workers"
            )
        }

        var cli = Timing()
        var one = Timing()
        var many = Timing()
        var cliPeak = 0.0
        for round in 0..<repetitions {
            let cliCPU = CPUTime.childrenSeconds()
            let cliStart = Date()
            for job in work {
                _ = try TesseractCLI.run(
                    TesseractCLI.command(for: job, kind: .pdf, languages: lang, singleThread: !cliOpenmp))
            }
            cli.keep(wall: Date().timeIntervalSince(cliStart), cpu: CPUTime.childrenSeconds() - cliCPU)
            // A spawned child starts with this process's peak RSS, so the children's peak is
            // read before vietdoc's own runs have grown it.
            if round == 0 { cliPeak = PeakMemory.childrenMiB() }
            var cpu = CPUTime.selfSeconds()
            var wall = try PageOCRRunner.run(work, workers: 1, languages: lang).seconds
            one.keep(wall: wall, cpu: CPUTime.selfSeconds() - cpu)
            cpu = CPUTime.selfSeconds()
            wall = try PageOCRRunner.run(work, workers: jobs, languages: lang).seconds
            many.keep(wall: wall, cpu: CPUTime.selfSeconds() - cpu)
        }
        report("tesseract CLI (pdftoppm | tesseract)\(cliOpenmp ? ", OpenMP" : "")", cli, work.count)
        report("vietdoc --jobs 1", one, work.count)
        report("vietdoc --jobs \(jobs)", many, work.count)

        print(String(format: "ratio vietdoc-1 / CLI:          %.3f  (target ≤ 1.03)", one.wall / cli.wall))
        print(
            String(
                format: "speed-up jobs-1 / jobs-%d:       %.2f×  (target ≥ 1.85× for 2 jobs on 2 cores)", jobs,
                one.wall / many.wall))
        print(
            String(
                format: "peak RSS: vietdoc process (%d engines) %.0f MiB; largest CLI child %.0f MiB",
                jobs, PeakMemory.selfMiB(), cliPeak))
    }

    /// The fastest of repeated runs: its wall time and the CPU time it used.
    struct Timing {
        var wall = Double.infinity
        var cpu = 0.0
        mutating func keep(wall: Double, cpu: Double) {
            if wall < self.wall { (self.wall, self.cpu) = (wall, cpu) }
        }
    }

    /// One line: wall time, per page, and CPU time over wall time (the cores kept busy; below
    /// the worker count when other processes share the machine).
    private func report(_ label: String, _ t: Timing, _ count: Int) {
        let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
        print(
            String(
                format: "%@ %8.2f s  %6.2f s/page  cpu %7.2f s (%.2f cores busy)",
                padded, t.wall, t.wall / Double(count), t.cpu, t.cpu / t.wall))
    }
}

/// The sample inputs: the files of `samples/` in the current folder (or above it), sorted.
enum SampleFiles {
    static func folder() throws -> URL {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = dir.appendingPathComponent("samples")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), isDir.boolValue {
                return candidate
            }
            if dir.path == "/" { break }
            dir.deleteLastPathComponent()
        }
        throw VietdocError.invalidArgument("no samples/ folder here or above; give the files to use")
    }

    static func all() throws -> [URL] {
        let dir = try folder()
        return try FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }
}
