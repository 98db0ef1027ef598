import Foundation
import Synchronization
import VietdocCore

/// The batch's status file, `DIR/status.jsonl`: one JSON line per input, in the order inputs
/// finish, for scripts and for the archivist's overnight log.
///
/// Each line is `{"path":…,"status":…,"reason":…,"pages":…,"milliseconds":…}` with `reason`
/// null when the input converted. The file is truncated when the log is opened (one run, one
/// file) and every line reaches the file with one `write(2)` as soon as it is appended, so a
/// crash loses no finished line. Safe to call from several threads.
public final class StatusLog: Sendable {
    /// The status file's name inside the output folder.
    public static let fileName = "status.jsonl"

    /// One input's outcome.
    public struct Entry: Codable, Equatable, Sendable {
        /// The input's path relative to the batch root.
        public var path: String
        public var status: InputStatus
        /// Why it failed or was skipped; nil when converted.
        public var reason: String?
        public var pages: Int
        /// Wall time spent on the input.
        public var milliseconds: Int

        public init(path: String, status: InputStatus, reason: String? = nil, pages: Int = 0, milliseconds: Int = 0) {
            self.path = path
            self.status = status
            self.reason = reason
            self.pages = pages
            self.milliseconds = milliseconds
        }

        /// The entry as one JSON line (keys in the documented order, `reason` always present).
        public var jsonLine: String {
            func json(_ s: String) -> String {
                // Encoding a lone string cannot fail.
                String(decoding: try! Self.encoder.encode(s), as: UTF8.self)
            }
            let reasonJSON = reason.map(json) ?? "null"
            return "{\"path\":\(json(path)),\"status\":\(json(status.rawValue)),\"reason\":\(reasonJSON),"
                + "\"pages\":\(pages),\"milliseconds\":\(milliseconds)}"
        }

        private static let encoder: JSONEncoder = {
            let e = JSONEncoder()
            e.outputFormatting = [.withoutEscapingSlashes]
            return e
        }()
    }

    /// The status file.
    public let file: URL
    /// The open file, or -1 once closed.
    private let descriptor: Mutex<Int32>

    /// Creates (or truncates) `directory/status.jsonl`.
    public init(directory: URL) throws {
        file = directory.appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: directory.path, detail: error.localizedDescription)
        }
        let fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0o644)
        descriptor = Mutex(fd)
        guard fd >= 0 else {
            throw VietdocError.outputNotWritable(path: file.path, detail: String(cString: strerror(errno)))
        }
    }

    deinit {
        descriptor.withLock { fd in if fd >= 0 { _ = Foundation.close(fd) } }
    }

    /// Appends one input's line.
    public func append(_ entry: Entry) throws {
        let bytes = Array((entry.jsonLine + "\n").utf8)
        let path = file.path
        try descriptor.withLock { fd in
            guard fd >= 0 else {
                throw VietdocError.outputNotWritable(path: path, detail: "the status log is closed")
            }
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
                if written < 0 {
                    if errno == EINTR { continue }
                    throw VietdocError.outputNotWritable(path: path, detail: String(cString: strerror(errno)))
                }
                offset += written
            }
        }
    }

    /// Flushes the file to disk and closes it; later appends throw.
    public func close() {
        descriptor.withLock { fd in
            guard fd >= 0 else { return }
            _ = fsync(fd)
            _ = Foundation.close(fd)
            fd = -1
        }
    }

    /// Reads a status file back (for tests, resume reports and scripts written in Swift).
    public static func read(_ file: URL) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw VietdocError.fileNotFound(path: file.path)
        }
        let decoder = JSONDecoder()
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated().map { number, line in
            do {
                return try decoder.decode(Entry.self, from: Data(line.utf8))
            } catch {
                throw VietdocError.unreadableText(path: file.path, detail: "line \(number + 1) is not a status entry")
            }
        }
    }
}
