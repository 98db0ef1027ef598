import Foundation
import VietdocCore

/// What a batch shows the person running it, on stderr.
///
/// - On a terminal: a live bar (files done/total, pages, pages per minute, ETA) redrawn in
///   place with `\r` at most ten times a second; warnings and errors are printed above it; at
///   the end the bar is replaced by the full summary.
/// - Not on a terminal (a log file, a pipe, cron): no bar, only warnings, errors and one summary
///   line at the end.
/// - `quiet`: errors only (failed inputs). `verbose`: also one line per finished input.
///
/// Every method may be called from any thread.
public final class ProgressReporter: @unchecked Sendable {
    /// How much to say.
    public enum Verbosity: Sendable {
        case quiet, normal, verbose
    }

    /// An input that failed or was skipped for a reason other than being current.
    public struct Outcome: Equatable, Sendable {
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The end-of-run figures.
    public struct Summary: Equatable, Sendable {
        /// Inputs converted in this run.
        public var converted: Int
        /// Inputs skipped because their outputs were already current.
        public var current: Int
        /// Inputs skipped for another reason (unsupported kind…).
        public var skipped: [Outcome]
        public var failed: [Outcome]
        /// Converted inputs with pages that could not be read, and which.
        public var pageFailures: [Outcome] = []
        /// Pages of the inputs processed in this run (current inputs not counted).
        public var pages: Int
        public var seconds: Double

        /// Pages per minute over the run's wall time.
        public var pagesPerMinute: Double { seconds > 0 ? Double(pages) * 60 / seconds : 0 }

        /// The one-line summary:
        /// "converted 12, skipped 3 (already current), failed 1; 340 pages in 5m12s (65.4 pages/min)".
        public var line: String {
            var skippedText = "skipped \(current + skipped.count)"
            if current > 0 && skipped.isEmpty {
                skippedText += " (already current)"
            } else if current > 0 || !skipped.isEmpty {
                skippedText += " (\(current) already current, \(skipped.count) not convertible)"
            }
            let rate = String(format: "%.1f", pagesPerMinute)
            let withFailures = pageFailures.isEmpty ? "" : " (\(pageFailures.count) with unreadable pages)"
            return "converted \(converted)\(withFailures), \(skippedText), failed \(failed.count); "
                + "\(pages) pages in \(ProgressReporter.duration(seconds)) (\(rate) pages/min)"
        }

        /// The summary line followed by each failed and skipped input with its reason.
        public var text: String {
            var lines = [line]
            if !failed.isEmpty {
                lines.append("failed:")
                lines += failed.map { "  \($0.path): \($0.reason)" }
            }
            if !pageFailures.isEmpty {
                lines.append("converted with unreadable pages:")
                lines += pageFailures.map { "  \($0.path): \($0.reason)" }
            }
            if !skipped.isEmpty {
                lines.append("skipped:")
                lines += skipped.map { "  \($0.path): \($0.reason)" }
            }
            return lines.joined(separator: "\n")
        }
    }

    private let isTerminal: Bool
    private let verbosity: Verbosity
    private let output: (String) -> Void
    private let clock: () -> TimeInterval
    private let lock = NSLock()
    private let start: TimeInterval
    private let columns: Int?

    private var totalFiles: Int
    private var finishedFiles = 0
    private var processedFiles = 0  // finished and not current: the ones that took time
    private var converted = 0
    private var current = 0
    private var skipped: [Outcome] = []
    private var failed: [Outcome] = []
    private var pageFailures: [Outcome] = []
    private var pages = 0
    private var livePages: [String: Int] = [:]
    private var lastDraw: TimeInterval = -.infinity
    private var barShown = false
    private var finished = false
    private var timer: DispatchSourceTimer?

    /// Creates a reporter.
    /// - Parameters:
    ///   - totalFiles: inputs in the batch (may be raised later with ``setTotalFiles(_:)``).
    ///   - isTerminal: whether `output` goes to a terminal (decides bar or plain lines).
    ///   - output: receives text exactly as it should be written (with `\r` and `\n`).
    ///   - clock: seconds from any fixed origin; monotonic by default.
    ///   - refreshInterval: on a terminal, how often the bar is redrawn even without news (so
    ///     that the ETA moves during a long page); nil for never.
    ///   - columns: the terminal's width; the bar is cut to fit so that it never wraps (a
    ///     wrapped line cannot be redrawn in place). Nil for no limit.
    public init(
        totalFiles: Int, isTerminal: Bool, verbosity: Verbosity = .normal,
        output: @escaping (String) -> Void,
        clock: @escaping () -> TimeInterval = { ProcessInfo.processInfo.systemUptime },
        refreshInterval: TimeInterval? = 0.5, columns: Int? = nil
    ) {
        self.columns = columns
        self.totalFiles = totalFiles
        self.isTerminal = isTerminal
        self.verbosity = verbosity
        self.output = output
        self.clock = clock
        self.start = clock()
        if isTerminal && verbosity != .quiet, let interval = refreshInterval {
            let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
            timer.schedule(deadline: .now() + interval, repeating: interval)
            timer.setEventHandler { [weak self] in self?.refresh() }
            timer.resume()
            self.timer = timer
        }
    }

    deinit {
        timer?.cancel()
    }

    /// A reporter writing to a file descriptor, with a bar when it is a terminal (`isatty`).
    public convenience init(fileDescriptor: Int32, totalFiles: Int, verbosity: Verbosity) {
        let handle = FileHandle(fileDescriptor: fileDescriptor, closeOnDealloc: false)
        var size = winsize()
        let columns = ioctl(fileDescriptor, UInt(TIOCGWINSZ), &size) == 0 && size.ws_col > 0 ? Int(size.ws_col) : nil
        self.init(
            totalFiles: totalFiles, isTerminal: isatty(fileDescriptor) == 1, verbosity: verbosity,
            output: { text in handle.write(Data(text.utf8)) }, columns: columns)
    }

    /// A reporter writing to the process's stderr, with a bar when stderr is a terminal.
    public static func standardError(totalFiles: Int, verbosity: Verbosity) -> ProgressReporter {
        ProgressReporter(fileDescriptor: STDERR_FILENO, totalFiles: totalFiles, verbosity: verbosity)
    }

    /// Changes the number of inputs (when discovery finishes after the first inputs started).
    public func setTotalFiles(_ count: Int) {
        locked {
            totalFiles = count
            drawIfDue(force: false)
        }
    }

    /// An input began (its pages then count in the bar as they are reported).
    public func fileStarted(path: String) {
        locked { livePages[path] = livePages[path] ?? 0 }
    }

    /// Pages of an input still in progress were finished (OCR'd, restored), for a live count.
    public func pagesDone(_ count: Int, path: String) {
        locked {
            livePages[path, default: 0] += count
            drawIfDue(force: false)
        }
    }

    /// An input is finished. `pages` is its full page count (pages already reported through
    /// ``pagesDone(_:path:)`` are not counted twice). `reason` says why it failed or was
    /// skipped; a skipped input without a reason is "already current". A converted input with a
    /// `reason` has pages that could not be read (`reason` says which). `resumed` of its pages
    /// were taken from an interrupted run's journal: they are not work done in this run.
    public func fileFinished(path: String, status: InputStatus, pages: Int, reason: String? = nil, resumed: Int = 0) {
        locked {
            livePages[path] = nil
            finishedFiles += 1
            var line: String?
            switch status {
            case .converted:
                converted += 1
                processedFiles += 1
                self.pages += pages - resumed
                if let reason {
                    pageFailures.append(Outcome(path: path, reason: reason))
                    line = "error: \(Self.withPath(path, reason))"
                } else if verbosity == .verbose {
                    let kept = resumed > 0 ? ", \(resumed) kept from an interrupted run" : ""
                    line = "converted \(path) (\(pages) page\(pages == 1 ? "" : "s")\(kept))"
                }
            case .skipped:
                if let reason {
                    skipped.append(Outcome(path: path, reason: reason))
                    if verbosity != .quiet { line = "warning: skipped \(Self.withPath(path, reason))" }
                } else {
                    current += 1
                    if verbosity == .verbose { line = "skipped \(path) (already current)" }
                }
            case .failed:
                let reason = reason ?? "unknown error"
                failed.append(Outcome(path: path, reason: reason))
                processedFiles += 1
                self.pages += pages
                line = "error: \(Self.withPath(path, reason))"
            }
            if let line { printLine(line) }
            drawIfDue(force: false)
        }
    }

    /// A problem worth telling that does not fail an input (shown unless quiet).
    public func warning(_ message: String) {
        locked { if verbosity != .quiet { printLine("warning: \(message)") } }
    }

    /// An error that is not one input's failure (shown in every mode).
    public func error(_ message: String) {
        locked { printLine("error: \(message)") }
    }

    /// Ends the run: removes the bar, prints the summary (the full text on a terminal, one line
    /// otherwise, nothing when quiet) and returns it. Later calls return the same figures.
    @discardableResult
    public func finish() -> Summary {
        timer?.cancel()
        return locked {
            let summary = Summary(
                converted: converted, current: current, skipped: skipped, failed: failed,
                pageFailures: pageFailures, pages: pages, seconds: max(0, clock() - start))
            if !finished {
                finished = true
                clearBar()
                if verbosity != .quiet {
                    output(TerminalText.escaped(isTerminal ? summary.text : summary.line) + "\n")
                }
            }
            return summary
        }
    }

    // MARK: - Drawing (called with the lock held)

    private func refresh() {
        locked { drawIfDue(force: true) }
    }

    /// Prints one line; control characters from file names and document text are escaped.
    private func printLine(_ line: String) {
        clearBar()
        output(TerminalText.escaped(line, keepNewlines: false) + "\n")
        if isTerminal { drawIfDue(force: true) }
    }

    private func clearBar() {
        if barShown {
            output("\r\u{1B}[K")
            barShown = false
        }
    }

    private func drawIfDue(force: Bool) {
        guard isTerminal, verbosity != .quiet, !finished else { return }
        let now = clock()
        guard force || now - lastDraw >= 0.1 else { return }
        lastDraw = now
        var line = bar(now: now)
        if let columns, line.count >= columns { line = String(line.prefix(max(0, columns - 1))) }
        output("\r" + line + "\u{1B}[K")
        barShown = true
    }

    /// `[=======>            ] 12/40 files · 153 pages · 41.2 pages/min · ETA 4m10s`
    func bar(now: TimeInterval) -> String {
        let width = 20
        let total = max(totalFiles, finishedFiles)
        let fraction = total > 0 ? Double(finishedFiles) / Double(total) : 0
        let filled = Int((fraction * Double(width)).rounded(.down))
        var gauge = String(repeating: "=", count: filled)
        if filled < width { gauge += ">" + String(repeating: " ", count: width - filled - 1) }
        let elapsed = max(0, now - start)
        let shownPages = pages + livePages.values.reduce(0, +)
        let rate = elapsed > 0 ? Double(shownPages) * 60 / elapsed : 0
        var eta = "--"
        if processedFiles > 0 && total > finishedFiles {
            eta = Self.duration(elapsed / Double(processedFiles) * Double(total - finishedFiles))
        } else if total > 0 && total == finishedFiles {
            eta = "0s"
        }
        return "[\(gauge)] \(finishedFiles)/\(total) files · \(shownPages) pages · "
            + String(format: "%.1f", rate) + " pages/min · ETA \(eta)"
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }

    /// "1h02m", "4m10s", "12s".
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return String(format: "%ldh%02ldm", s / 3600, (s % 3600) / 60) }
        if s >= 60 { return String(format: "%ldm%02lds", s / 60, s % 60) }
        return "\(s)s"
    }

    /// The reason, prefixed with the path unless it already names it.
    private static func withPath(_ path: String, _ reason: String) -> String {
        reason.contains(path) ? reason : "\(path): \(reason)"
    }
}
