import Foundation
import Synchronization

/// Turns the first Ctrl-C (SIGINT) or SIGTERM into a cancellation flag that the batch checks
/// between pages and files; a second one ends the process at once with exit code 130.
/// Outputs are written atomically, so either way no file is left half-written.
public final class Interruption: Sendable {
    private struct State {
        var flagged = false
        var sources: [DispatchSourceSignal] = []
        var onFirst: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    public init() {}

    /// True once a signal has arrived.
    public var isRequested: Bool { state.withLock { $0.flagged } }

    /// Starts listening for SIGINT and SIGTERM; `onFirst` runs when the first one arrives.
    public func install(onFirst: @escaping @Sendable () -> Void) {
        state.withLock { $0.onFirst = onFirst }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [weak self] in self?.received() }
            source.resume()
            state.withLock { $0.sources.append(source) }
        }
    }

    /// Marks the run as interrupted (also used by tests).
    public func request() { received() }

    private func received() {
        let (first, onFirst) = state.withLock { s in
            let first = !s.flagged
            s.flagged = true
            return (first, s.onFirst)
        }
        if first {
            onFirst?()
        } else {
            _exit(ExitStatus.interrupted.rawValue)
        }
    }
}
