import Foundation

/// Tesseract's OpenMP threading (Debian builds libtesseract with libgomp).
///
/// libgomp reads `OMP_THREAD_LIMIT` once, when the library is loaded at process start, so
/// setting it from inside the process is too late: with two OpenMP threads per engine on top
/// of page-level workers, a 2-core machine spends its time spinning (a page takes about three
/// times as long). The process has to start with `OMP_THREAD_LIMIT=1`.
public enum OpenMPThreads {
    /// Call first thing in `main`, before any work: when `OMP_THREAD_LIMIT` is not set, sets
    /// it to 1 and re-executes the program with the same arguments (Linux). Returns only when
    /// no re-execution was needed or possible. A value the user set is left alone.
    public static func reexecIfNeeded() {
        #if os(Linux)
            guard getenv("OMP_THREAD_LIMIT") == nil, getenv("VIETDOC_NO_REEXEC") == nil else { return }
            setenv("OMP_THREAD_LIMIT", "1", 1)
            let arguments = CommandLine.arguments
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
            argv.append(nil)
            fflush(stdout)
            execv("/proc/self/exe", argv)
            // execv returned: it failed; carry on with OpenMP as it is.
            for p in argv { free(p) }
        #endif
    }

    /// Whether this process started with `OMP_THREAD_LIMIT=1` (read from the environment the
    /// process was started with, not the current one).
    public static var isLimitedToOneThread: Bool {
        #if os(Linux)
            guard let data = FileManager.default.contents(atPath: "/proc/self/environ") else { return false }
            return data.split(separator: 0).contains { Array($0) == Array("OMP_THREAD_LIMIT=1".utf8) }
        #else
            return ProcessInfo.processInfo.environment["OMP_THREAD_LIMIT"] == "1"
        #endif
    }

    /// Sets `OMP_THREAD_LIMIT=1` for child processes (and a libgomp not yet loaded) unless set.
    static func limitForLaterProcesses() {
        _ = once
    }

    private static let once: Void = { setenv("OMP_THREAD_LIMIT", "1", 0) }()
}
