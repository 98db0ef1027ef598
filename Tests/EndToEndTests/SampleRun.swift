import Foundation
import Synchronization
import TestSupport

/// One `vietdoc convert samples/* -o DIR` run, made once and shared by the end-to-end tests
/// that read its outputs (OCR of the scanned samples is the slow part of the suite).
enum SampleRun {
    /// The sample files as the command names them, relative to the repository root.
    static let samples: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Fixtures.samples.path)) ?? []
        return names.sorted().map { "samples/\($0)" }
    }()

    private static let cached = Mutex<(result: CommandResult, output: URL)?>(nil)

    /// The run's result and output folder; every format is written.
    static func shared() throws -> (result: CommandResult, output: URL) {
        try cached.withLock { cached in
            if let cached { return cached }
            let output = try Fixtures.temporaryDirectory("sample-run")
            let result = try runCommand(
                Fixtures.vietdocBinary,
                ["convert"] + samples + ["-o", output.path, "--format", "txt,json,md,jsonl,csv,pdf,alto,hocr,html"],
                currentDirectory: Fixtures.repositoryRoot)
            cached = (result, output)
            return (result, output)
        }
    }
}
