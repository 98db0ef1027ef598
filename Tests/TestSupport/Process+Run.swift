import Foundation
import Synchronization

/// The outcome of running a command: exit status and captured output.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Starts an executable in the background with its standard error discarded (for tests that
/// signal, kill or race a running `vietdoc`); the caller waits for it.
public func startCommand(_ executable: URL, _ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

/// Runs an executable with arguments, waits, and captures stdout and stderr.
public func runCommand(
    _ executable: URL, _ arguments: [String], stdin: String? = nil,
    environment: [String: String]? = nil, currentDirectory: URL? = nil
) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so that a full pipe never blocks the child.
    let errData = PipeContents()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData.data, as: UTF8.self))
}

/// What one pipe delivered, filled on another thread and read after the group is waited on.
private final class PipeContents: Sendable {
    private let bytes = Mutex(Data())
    var data: Data {
        get { bytes.withLock { $0 } }
        set { bytes.withLock { $0 = newValue } }
    }
}
