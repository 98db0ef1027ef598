import Foundation
import Ingest

/// `vietdoc bench ocr` as a library: the `convert` path (`DocumentConverter` with its page
/// executor, documents in flight as `convert` keeps them) timed against the tesseract command
/// line on the same pages in the same run, the longest document alone (where any speed-up comes
/// from its pages in parallel), and the peak memory of `vietdoc convert` processes on generated
/// documents of several sizes.
public struct OCRBenchmark {
    /// The fastest of repeated runs: its wall time and the CPU time it used.
    public struct Timing: Sendable {
        public var wall = Double.infinity
        public var cpu = 0.0
        public init() {}
        mutating func keep(wall: Double, cpu: Double) {
            if wall < self.wall { (self.wall, self.cpu) = (wall, cpu) }
        }
    }

    public struct Result: Sendable {
        public var pages: Int
        public var cli: Timing
        public var one: Timing
        public var many: Timing
        public var jobs: Int
        /// The document with the most OCR pages, converted alone with one worker and with `jobs`.
        public var longest: URL
        public var longestPages: Int
        public var longestOne: Timing
        public var longestMany: Timing
    }

    public var files: [URL]
    public var options: ConversionOptions
    public var repetitions: Int
    public var cliOpenMP: Bool

    public init(files: [URL], options: ConversionOptions, repetitions: Int = 1, cliOpenMP: Bool = false) {
        self.files = files
        self.options = options
        self.repetitions = max(1, repetitions)
        self.cliOpenMP = cliOpenMP
    }

    /// The PDF pages of `files` that would be OCR'd (no usable text layer), found by a cheap
    /// render at 10 dpi.
    public static func ocrPages(of files: [URL]) throws -> [PageTask] {
        var tasks: [PageTask] = []
        for url in files where (try? InputSniffer.kind(of: url)) == .pdf {
            let probe = try DocumentReader(url: url, renderDPI: 10)
            for index in 0..<probe.pageCount {
                if case .image = try probe.page(at: index) { tasks.append(PageTask(url: url, index: index)) }
            }
        }
        return tasks
    }

    /// Times the CLI on every OCR page, then the convert path with one worker and with
    /// `options.jobs`, `repetitions` times interleaved, keeping each one's fastest run.
    public func run() throws -> Result {
        let tasks = try Self.ocrPages(of: files)
        guard !tasks.isEmpty else { throw VietdocError.invalidArgument("no PDF pages that need OCR in the inputs") }
        let documents = Array(Set(tasks.map(\.url))).sorted { $0.path < $1.path }
        let counts = Dictionary(grouping: tasks, by: \.url).mapValues(\.count)
        let longest = documents.max { counts[$0, default: 0] < counts[$1, default: 0] }!
        var cli = Timing()
        var one = Timing()
        var many = Timing()
        var longestOne = Timing()
        var longestMany = Timing()
        for _ in 0..<repetitions {
            let cpu = ProcessUsage.childrenCPUSeconds()
            let start = Date()
            for task in tasks {
                _ = try TesseractCLI.run(
                    TesseractCLI.command(for: task, kind: .pdf, languages: options.languages, singleThread: !cliOpenMP))
            }
            cli.keep(wall: Date().timeIntervalSince(start), cpu: ProcessUsage.childrenCPUSeconds() - cpu)
            let (wall1, cpu1) = try timeConvert(documents, jobs: 1)
            one.keep(wall: wall1, cpu: cpu1)
            let (wallN, cpuN) = try timeConvert(documents, jobs: options.jobs)
            many.keep(wall: wallN, cpu: cpuN)
            let (wallL1, cpuL1) = try timeConvert([longest], jobs: 1)
            longestOne.keep(wall: wallL1, cpu: cpuL1)
            let (wallLN, cpuLN) = try timeConvert([longest], jobs: options.jobs)
            longestMany.keep(wall: wallLN, cpu: cpuLN)
        }
        return Result(
            pages: tasks.count, cli: cli, one: one, many: many, jobs: options.jobs, longest: longest,
            longestPages: counts[longest, default: 0], longestOne: longestOne, longestMany: longestMany)
    }

    /// Wall and CPU seconds to convert the documents as `convert` does (up to `jobs` documents
    /// at once on one converter and its page executor), the converter's set-up (model load)
    /// included.
    private func timeConvert(_ documents: [URL], jobs: Int) throws -> (Double, Double) {
        var o = options
        o.jobs = jobs
        let cpu = ProcessUsage.selfCPUSeconds()
        let start = Date()
        let converter = try DocumentConverter(options: o)
        defer { converter.shutdown() }
        let failure = FirstError()
        let group = DispatchGroup()
        let next = Counter()
        for _ in 0..<min(jobs, documents.count) {
            group.enter()
            let thread = Thread {
                while let i = next.take(below: documents.count) {
                    do {
                        _ = try converter.convert(documents[i], displayPath: documents[i].path)
                    } catch {
                        failure.keep(error)
                    }
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()
        if let error = failure.error { throw error }
        return (Date().timeIntervalSince(start), ProcessUsage.selfCPUSeconds() - cpu)
    }

    /// A PDF of `pages` copies of page `page` of `source` (qpdf), for memory runs.
    public static func generatedDocument(from source: URL, page: Int, pages: Int, in folder: URL) throws -> URL {
        let out = folder.appendingPathComponent("generated-\(pages).pdf")
        let list = Array(repeating: String(page), count: pages).joined(separator: ",")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["qpdf", "--empty", "--pages", source.path, list, "--", out.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw VietdocError.missingDependency(what: "qpdf (to generate benchmark documents)", package: "qpdf")
        }
        return out
    }

    /// Runs `vietdoc convert` (the binary at `executable`) on `document` into a fresh folder and
    /// returns its peak resident memory in MiB and its wall time.
    public static func peakMemory(
        executable: URL, document: URL, jobs: Int, languages: String, output: URL
    ) throws -> (mib: Double, seconds: Double) {
        let arguments = [
            executable.path, "convert", document.path, "-o", output.path, "--jobs", String(jobs), "--lang", languages,
            "--force", "--quiet",
        ]
        let start = Date()
        let usage = try ProcessUsage.spawnAndWait(arguments)
        return (usage.maxRSSMiB, Date().timeIntervalSince(start))
    }
}

/// The next index to take, shared by threads.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func take(below limit: Int) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard value < limit else { return nil }
        value += 1
        return value - 1
    }
}

/// The first error thrown on any thread.
private final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var first: Error?

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return first
    }

    func keep(_ error: Error) {
        lock.lock()
        if first == nil { first = error }
        lock.unlock()
    }
}
