import Foundation
import Ingest
import OCR

/// One page of one input, to be rendered (or decoded) and OCR'd.
struct PageJob: Hashable {
    let url: URL
    /// 0-based page index.
    let index: Int
}

/// Renders and OCRs pages on N threads, one `OCREngine` and one `DocumentReader` per file
/// per thread, for `bench ocr` and `eval ocr`. (The pipeline has its own scheduler.)
enum PageOCRRunner {
    /// The OCR'd pages in job order and the wall time, engine creation included.
    static func run(
        _ jobs: [PageJob], workers: Int, languages: String, deadline: TimeInterval = 180
    ) throws -> (pages: [PageText], seconds: Double) {
        let lock = NSLock()
        var next = 0
        var results = [PageText?](repeating: nil, count: jobs.count)
        var firstError: Error?
        let start = Date()
        runThreads(min(max(workers, 1), max(jobs.count, 1))) {
            do {
                let engine = try OCREngine(languages: languages)
                var readers: [URL: DocumentReader] = [:]
                while true {
                    lock.lock()
                    let i = next
                    next += 1
                    let stop = firstError != nil
                    lock.unlock()
                    if stop || i >= jobs.count { return }
                    let job = jobs[i]
                    let reader = try readers[job.url] ?? DocumentReader(url: job.url)
                    readers[job.url] = reader
                    let page: PageText
                    switch try reader.page(at: job.index) {
                    case .image(let number, let image):
                        page = try engine.recognize(image, pageNumber: number, deadline: deadline)
                    case .text(let text):
                        page = text
                    case .failed(let number, let reason):
                        page = PageText(number: number, method: .failed, lines: [], warnings: [reason])
                    }
                    lock.lock()
                    results[i] = page
                    lock.unlock()
                }
            } catch {
                lock.lock()
                if firstError == nil { firstError = error }
                lock.unlock()
            }
        }
        let seconds = Date().timeIntervalSince(start)
        if let firstError { throw firstError }
        return (results.map { $0! }, seconds)
    }

    /// Runs `body` on `count` threads at once and waits for all of them.
    static func runThreads(_ count: Int, _ body: @escaping () -> Void) {
        let group = DispatchGroup()
        var threads: [Thread] = []
        for _ in 0..<count {
            group.enter()
            let thread = Thread {
                body()
                group.leave()
            }
            thread.stackSize = 8 << 20
            threads.append(thread)
        }
        for thread in threads { thread.start() }
        group.wait()
    }

    /// Runs `body(i)` for i in 0..<count on `workers` threads; results in index order.
    static func parallelMap<T>(_ count: Int, workers: Int, _ body: @escaping (Int) throws -> T) throws -> [T] {
        let lock = NSLock()
        var next = 0
        var results = [T?](repeating: nil, count: count)
        var firstError: Error?
        runThreads(min(max(workers, 1), max(count, 1))) {
            while true {
                lock.lock()
                let i = next
                next += 1
                let stop = firstError != nil
                lock.unlock()
                if stop || i >= count { return }
                do {
                    let value = try body(i)
                    lock.lock()
                    results[i] = value
                    lock.unlock()
                } catch {
                    lock.lock()
                    if firstError == nil { firstError = error }
                    lock.unlock()
                }
            }
        }
        if let firstError { throw firstError }
        return results.map { $0! }
    }

    /// The pages of the given inputs that need OCR (rendered PDF pages and image pages);
    /// text-layer pages and text files are left out.
    static func ocrPages(of urls: [URL]) throws -> [PageJob] {
        var jobs: [PageJob] = []
        for url in urls {
            let reader = try DocumentReader(url: url, renderDPI: 300)
            switch reader.inputKind {
            case .text: continue
            case .image: jobs += (0..<reader.pageCount).map { PageJob(url: url, index: $0) }
            case .pdf:
                // A cheap render at 10 dpi tells whether a page would be OCR'd.
                let probe = try DocumentReader(url: url, renderDPI: 10)
                for index in 0..<probe.pageCount {
                    if case .image = try probe.page(at: index) { jobs.append(PageJob(url: url, index: index)) }
                }
            }
        }
        return jobs
    }
}

/// The tesseract command-line pipeline that vietdoc is measured against.
enum TesseractCLI {
    /// `pdftoppm -r 300 -gray -f N -l N FILE | tesseract - - -l LANG` for a PDF page, or
    /// `tesseract FILE - -l LANG` for an image (all its pages). With `singleThread`, tesseract
    /// runs with `OMP_THREAD_LIMIT=1` like vietdoc's engines.
    static func command(for job: PageJob, kind: InputKind, languages: String, singleThread: Bool) -> String {
        let env = singleThread ? "OMP_THREAD_LIMIT=1 " : ""
        let file = shellQuoted(job.url.path)
        switch kind {
        case .pdf:
            let n = job.index + 1
            return
                "pdftoppm -r 300 -gray -f \(n) -l \(n) \(file) | \(env)tesseract - - -l \(shellQuoted(languages)) 2>/dev/null"
        default:
            return "\(env)tesseract \(file) - -l \(shellQuoted(languages)) 2>/dev/null"
        }
    }

    /// Runs a shell command and returns its standard output; throws when it fails.
    static func run(_ command: String) throws -> String {
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

/// Peak resident memory from getrusage, in MiB.
enum PeakMemory {
    /// This process.
    static func selfMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
    }

    /// The largest waited-for child process.
    static func childrenMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN_WHO, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// CPU time (user + system) from getrusage, in seconds.
enum CPUTime {
    /// This process, all threads.
    static func selfSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF_WHO, &usage)
        return seconds(usage)
    }

    /// Waited-for children.
    static func childrenSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN_WHO, &usage)
        return seconds(usage)
    }

    private static func seconds(_ usage: rusage) -> Double {
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }
}

#if os(Linux)
    private let RUSAGE_SELF_WHO = __rusage_who_t(RUSAGE_SELF.rawValue)
    private let RUSAGE_CHILDREN_WHO = __rusage_who_t(RUSAGE_CHILDREN.rawValue)
#else
    private let RUSAGE_SELF_WHO = RUSAGE_SELF
    private let RUSAGE_CHILDREN_WHO = RUSAGE_CHILDREN
#endif
