import Foundation
import Pipeline
import TestSupport
import XCTest

/// Collects what a reporter writes, with a clock the test moves.
private final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [String] = []
    var now: TimeInterval = 1000

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return chunks.joined()
    }

    func reporter(terminal: Bool, verbosity: ProgressReporter.Verbosity = .normal, total: Int = 4) -> ProgressReporter {
        ProgressReporter(
            totalFiles: total, isTerminal: terminal, verbosity: verbosity,
            output: { [self] chunk in
                lock.lock()
                chunks.append(chunk)
                lock.unlock()
            },
            clock: { [self] in now }, refreshInterval: nil)
    }
}

final class ProgressReporterTests: XCTestCase {
    /// A batch of four inputs: two converted, one current, one failed.
    private func runBatch(_ r: ProgressReporter, _ capture: Capture) -> ProgressReporter.Summary {
        r.fileStarted(path: "a.pdf")
        capture.now += 30
        r.pagesDone(2, path: "a.pdf")
        capture.now += 30
        r.fileFinished(path: "a.pdf", status: .converted, pages: 3)
        r.fileFinished(path: "b.pdf", status: .skipped, pages: 7)
        r.warning("c.pdf: page 2: OCR deadline exceeded, page left empty")
        capture.now += 60
        r.fileFinished(path: "c.pdf", status: .converted, pages: 2)
        capture.now += 1
        r.fileFinished(
            path: "d.pdf", status: .failed, pages: 0, reason: "d.pdf: the PDF is encrypted (password-protected)")
        return r.finish()
    }

    func testPipeGetsNoBarOnlyWarningsErrorsAndOneSummaryLine() {
        let capture = Capture()
        let summary = runBatch(capture.reporter(terminal: false), capture)
        XCTAssertEqual(
            capture.text,
            """
            warning: c.pdf: page 2: OCR deadline exceeded, page left empty
            error: d.pdf: the PDF is encrypted (password-protected)
            converted 2, skipped 1 (already current), failed 1; 5 pages in 2m01s (2.5 pages/min)

            """)
        XCTAssertFalse(capture.text.contains("\r"))
        XCTAssertEqual(summary.converted, 2)
        XCTAssertEqual(summary.current, 1)
        XCTAssertEqual(
            summary.failed, [.init(path: "d.pdf", reason: "d.pdf: the PDF is encrypted (password-protected)")])
        XCTAssertEqual(summary.pages, 5)  // the current file's 7 pages are not this run's work
        XCTAssertEqual(summary.seconds, 121, accuracy: 1e-9)
    }

    func testTerminalDrawsABarInPlaceAndEndsWithTheFullSummary() {
        let capture = Capture()
        let summary = runBatch(capture.reporter(terminal: true), capture)
        let text = capture.text
        // Redrawn in place, with files, pages, rate and ETA.
        XCTAssertTrue(
            text.contains("\r[=====>              ] 1/4 files · 3 pages · 3.0 pages/min · ETA 3m00s\u{1B}[K"), text)
        XCTAssertTrue(text.contains("\r[>                   ] 0/4 files · 2 pages · 4.0 pages/min · ETA --"), text)
        // A warning clears the bar, prints its line, and the bar comes back.
        XCTAssertTrue(
            text.contains("\r\u{1B}[Kwarning: c.pdf: page 2: OCR deadline exceeded, page left empty\n\r["), text)
        // The end: bar cleared, then the summary with the failure's reason.
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[K" + summary.text + "\n"), text)
        XCTAssertTrue(summary.text.hasSuffix("failed:\n  d.pdf: d.pdf: the PDF is encrypted (password-protected)"))
    }

    func testBarIsRedrawnAtMostTenTimesASecond() {
        let capture = Capture()
        let r = capture.reporter(terminal: true, total: 1000)
        for i in 0..<1000 {
            capture.now += 0.001  // a thousand events in one second
            r.fileFinished(path: "\(i).txt", status: .skipped, pages: 1)
        }
        r.finish()
        let draws = capture.text.components(separatedBy: "\r[").count - 1
        XCTAssertGreaterThanOrEqual(draws, 9)
        XCTAssertLessThanOrEqual(draws, 11)
    }

    func testBarIsCutToTheTerminalWidthSoItNeverWraps() {
        var chunks: [String] = []
        let r = ProgressReporter(
            totalFiles: 10_000, isTerminal: true, output: { chunks.append($0) }, clock: { 5 }, refreshInterval: nil,
            columns: 40)
        r.fileFinished(path: "a.pdf", status: .converted, pages: 120)
        let bar = chunks.first { $0.hasPrefix("\r[") }!
        XCTAssertEqual(bar, "\r[>                   ] 1/10000 files · \u{1B}[K")
        XCTAssertEqual(bar.dropFirst().dropLast(3).count, 39)
    }

    func testQuietShowsOnlyErrorsAndVerboseALinePerFile() {
        let quiet = Capture()
        _ = runBatch(quiet.reporter(terminal: true, verbosity: .quiet), quiet)
        XCTAssertEqual(quiet.text, "error: d.pdf: the PDF is encrypted (password-protected)\n")

        let verbose = Capture()
        _ = runBatch(verbose.reporter(terminal: false, verbosity: .verbose), verbose)
        XCTAssertEqual(
            verbose.text.split(separator: "\n").map(String.init),
            [
                "converted a.pdf (3 pages)", "skipped b.pdf (already current)",
                "warning: c.pdf: page 2: OCR deadline exceeded, page left empty", "converted c.pdf (2 pages)",
                "error: d.pdf: the PDF is encrypted (password-protected)",
                "converted 2, skipped 1 (already current), failed 1; 5 pages in 2m01s (2.5 pages/min)",
            ])
    }

    func testSkippedForAReasonIsAWarningAndListedInTheSummary() {
        let capture = Capture()
        let r = capture.reporter(terminal: false, total: 2)
        r.fileFinished(path: "notes.docx", status: .skipped, pages: 0, reason: "not a PDF, an image or a text file")
        r.fileFinished(path: "a.txt", status: .skipped, pages: 1)
        let summary = r.finish()
        XCTAssertEqual(
            capture.text,
            """
            warning: skipped notes.docx: not a PDF, an image or a text file
            converted 0, skipped 2 (1 already current, 1 not convertible), failed 0; 0 pages in 0s (0.0 pages/min)

            """)
        XCTAssertTrue(summary.text.hasSuffix("skipped:\n  notes.docx: not a PDF, an image or a text file"))
    }

    func testConcurrentCallsCountEveryFile() {
        let capture = Capture()
        let r = capture.reporter(terminal: true, total: 400)
        DispatchQueue.concurrentPerform(iterations: 400) { i in
            r.fileStarted(path: "\(i).pdf")
            r.pagesDone(1, path: "\(i).pdf")
            r.fileFinished(path: "\(i).pdf", status: i % 10 == 0 ? .failed : .converted, pages: 2, reason: "bad")
        }
        let summary = r.finish()
        XCTAssertEqual(summary.converted, 360)
        XCTAssertEqual(summary.failed.count, 40)
        XCTAssertEqual(summary.pages, 800)
    }

    /// The mode follows the file descriptor: a pseudo-terminal gets the bar, a pipe does not.
    func testPseudoTerminalGetsTheBarAndAPipeDoesNot() throws {
        let pty = try XCTUnwrap(PseudoTerminal())
        let master = pty.master
        defer { close(master) }
        let slave = open(pty.slavePath, O_RDWR | O_NOCTTY)
        XCTAssertGreaterThanOrEqual(slave, 0)
        defer { close(slave) }
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        defer { close(fds[0]) }

        for fd in [slave, fds[1]] {
            let r = ProgressReporter(fileDescriptor: fd, totalFiles: 1, verbosity: .normal)
            r.fileFinished(path: "a.txt", status: .converted, pages: 1)
            r.finish()
        }
        close(fds[1])
        let piped = String(decoding: FileHandle(fileDescriptor: fds[0]).readDataToEndOfFile(), as: UTF8.self)
        XCTAssertTrue(piped.hasPrefix("converted 1, skipped 0, failed 0; 1 pages in "), piped)
        XCTAssertFalse(piped.contains("\r"))
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = read(master, &buffer, buffer.count)
        let onTerminal = String(decoding: buffer[0..<max(0, n)], as: UTF8.self)
        XCTAssertTrue(onTerminal.contains("\r[====================] 1/1 files"), onTerminal)
    }
}

/// A pseudo-terminal pair from the C library's posix_openpt family (looked up at run time:
/// glibc declares them only under _XOPEN_SOURCE, which Swift's Glibc module does not set).
private struct PseudoTerminal {
    let master: Int32
    let slavePath: String

    init?() {
        typealias IntToInt = @convention(c) (Int32) -> Int32
        typealias Name = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        guard let openSym = dlsym(nil, "posix_openpt"), let grantSym = dlsym(nil, "grantpt"),
            let unlockSym = dlsym(nil, "unlockpt"), let nameSym = dlsym(nil, "ptsname")
        else { return nil }
        let fd = unsafeBitCast(openSym, to: IntToInt.self)(O_RDWR | O_NOCTTY)
        guard fd >= 0 else { return nil }
        guard unsafeBitCast(grantSym, to: IntToInt.self)(fd) == 0, unsafeBitCast(unlockSym, to: IntToInt.self)(fd) == 0,
            let name = unsafeBitCast(nameSym, to: Name.self)(fd)
        else {
            close(fd)
            return nil
        }
        master = fd
        slavePath = String(cString: name)
    }
}
