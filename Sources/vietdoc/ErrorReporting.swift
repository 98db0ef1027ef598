import ArgumentParser
import Foundation
import VietdocCore

/// Writes one line to stderr (stdout stays clean for pipes).
/// Control characters from file names and document text are escaped.
func printError(_ message: String) {
    FileHandle.standardError.write(Data((TerminalText.escaped(message) + "\n").utf8))
}

/// Runs `body`; a `VietdocError` that ends the run is printed as one line and turned into
/// its documented exit code.
func runReportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as VietdocError {
        printError("vietdoc: \(error)")
        throw ExitCode(error.exitCode.rawValue)
    }
}
