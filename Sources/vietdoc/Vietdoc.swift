import ArgumentParser
import Foundation
import Logging
import OCR
import VietdocCore

/// The `vietdoc` command: scanned Vietnamese plans to accented text and plan records.
@main
struct Vietdoc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vietdoc",
        abstract: "Turn scanned Vietnamese administrative documents into accented text and plan records.",
        discussion: """
            Exit codes: 0 all converted; 1 some inputs failed; 64 usage error; \
            69 missing dependency (library, language data or model); 130 interrupted.
            """,
        version: VietdocVersion.current,
        subcommands: [
            ConvertCommand.self, RestoreCommand.self, SearchCommand.self, CatalogCommand.self,
            EvalCommand.self, BenchCommand.self,
        ]
    )

    /// Starts the process with OpenMP limited to one thread per OCR engine (see
    /// `OpenMPThreads`), then parses and runs the command.
    static func main() {
        OpenMPThreads.reexecIfNeeded()
        // A file-size limit (ulimit -f) then makes a write fail with EFBIG, reported like a
        // full disk, instead of killing the process mid-write.
        signal(SIGXFSZ, SIG_IGN)
        bootstrapLogging()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}

/// Diagnostics (per-document stage timings and the like) go to stderr through swift-log, at the
/// level named by `VIETDOC_LOG_LEVEL` (trace, debug, info, notice, warning, error, critical;
/// default warning). User-facing progress and errors do not depend on it.
private func bootstrapLogging() {
    let level =
        ProcessInfo.processInfo.environment["VIETDOC_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}

/// `vietdoc eval …`: accuracy against gold text and gold records.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score vietdoc's output against gold text and gold records.",
        subcommands: [
            EvalRestoreCommand.self, EvalSegmentCommand.self, EvalRecordsCommand.self, EvalOCRCommand.self,
            EvalPDFCommand.self,
        ]
    )
}

/// `vietdoc bench …`: speed and memory against a baseline measured in the same run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure speed and memory against a baseline run on the same input.",
        subcommands: [BenchOCRCommand.self, BenchRestoreCommand.self]
    )
}
