import ArgumentParser
import Foundation
import VietdocCore

/// Writes text to stderr as it is (stdout stays clean for pipes).
func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}

/// Writes one line to stderr.
func printError(_ message: String) {
    writeToStandardError(message + "\n")
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
