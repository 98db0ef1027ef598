import Foundation

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation flag that the batch checks
/// between pages and files; a second one ends the process at once with exit code 130.
/// Outputs are written atomically, so either way no file is left half-written.
public final class Interruption: @unchecked Sendable {
    private let lock = NSLock()
    private var flagged = false
    private var sources: [DispatchSourceSignal] = []
    private var onFirst: (@Sendable () -> Void)?

    public init() {}

    /// True once a signal has arrived.
    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flagged
    }

    /// Starts listening for SIGINT and SIGTERM; `onFirst` runs when the first one arrives.
    public func install(onFirst: @escaping @Sendable () -> Void) {
        self.onFirst = onFirst
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
            sources.append(source)
        }
    }

    /// Marks the run as interrupted (also used by tests).
    public func request() { received() }

    private func received() {
        lock.lock()
        let first = !flagged
        flagged = true
        lock.unlock()
        if first {
            onFirst?()
        } else {
            _exit(ExitStatus.interrupted.rawValue)
        }
    }
}
