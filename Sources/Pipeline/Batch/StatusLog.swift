import Foundation
import VietdocCore

/// The batch's status file, `DIR/status.jsonl`: one JSON line per input, in the order inputs
/// finish, for scripts and for the archivist's overnight log.
///
/// Each line is `{"path":…,"status":…,"reason":…,"pages":…,"milliseconds":…,"failed_pages":…,"resumed_pages":…}`
/// with `reason` null when the input converted with every page read. The file is truncated
/// when the log is opened (one run, one file; the run holds the output folder's lock) and
/// every line reaches the file with one `write(2)` as soon as it is appended, so a crash loses
/// no finished line. It is opened with `O_NOFOLLOW`: a link planted in its place is refused,
/// never followed. Safe to call from several threads.
public final class StatusLog: @unchecked Sendable {
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
        /// Pages that could not be read (0 when every page was read).
        public var failedPages: Int
        /// Pages an interrupted run had finished, taken from its journal instead of being read again.
        public var resumedPages: Int

        public init(
            path: String, status: InputStatus, reason: String? = nil, pages: Int = 0, milliseconds: Int = 0,
            failedPages: Int = 0, resumedPages: Int = 0
        ) {
            self.path = path
            self.status = status
            self.reason = reason
            self.pages = pages
            self.milliseconds = milliseconds
            self.failedPages = failedPages
            self.resumedPages = resumedPages
        }

        enum CodingKeys: String, CodingKey {
            case path, status, reason, pages, milliseconds
            case failedPages = "failed_pages"
            case resumedPages = "resumed_pages"
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            self.init(
                path: try c.decode(String.self, forKey: .path), status: try c.decode(InputStatus.self, forKey: .status),
                reason: try c.decodeIfPresent(String.self, forKey: .reason),
                pages: try c.decode(Int.self, forKey: .pages),
                milliseconds: try c.decode(Int.self, forKey: .milliseconds),
                failedPages: try c.decodeIfPresent(Int.self, forKey: .failedPages) ?? 0,
                resumedPages: try c.decodeIfPresent(Int.self, forKey: .resumedPages) ?? 0)
        }

        /// The entry as one JSON line (keys in the documented order, `reason` always present).
        public var jsonLine: String {
            func json(_ s: String) -> String {
                // Encoding a lone string cannot fail.
                String(decoding: try! Self.encoder.encode(s), as: UTF8.self)
            }
            let reasonJSON = reason.map(json) ?? "null"
            return "{\"path\":\(json(path)),\"status\":\(json(status.rawValue)),\"reason\":\(reasonJSON),"
                + "\"pages\":\(pages),\"milliseconds\":\(milliseconds),\"failed_pages\":\(failedPages),"
                + "\"resumed_pages\":\(resumedPages)}"
        }

        private static let encoder: JSONEncoder = {
            let e = JSONEncoder()
            e.outputFormatting = [.withoutEscapingSlashes]
            return e
        }()
    }

    /// The status file.
    public let file: URL
    private let lock = NSLock()
    private var descriptor: Int32

    /// Creates (or truncates) `directory/status.jsonl`.
    public convenience init(directory: URL) throws {
        try self.init(folder: try AtomicFile.Folder.open(root: directory, relative: ""))
    }

    /// Creates (or truncates) `status.jsonl` in an open output folder, never through a link.
    public init(folder: AtomicFile.Folder) throws {
        file = URL(fileURLWithPath: folder.path).appendingPathComponent(Self.fileName)
        try folder.refuseLink(Self.fileName)
        descriptor = openat(
            folder.descriptor, Self.fileName, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw VietdocError.outputNotWritable(path: file.path, detail: String(cString: strerror(errno)))
        }
    }

    deinit {
        if descriptor >= 0 { _ = Foundation.close(descriptor) }
    }

    /// Appends one input's line.
    public func append(_ entry: Entry) throws {
        let bytes = Array((entry.jsonLine + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else {
            throw VietdocError.outputNotWritable(path: file.path, detail: "the status log is closed")
        }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw VietdocError.outputNotWritable(path: file.path, detail: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Flushes the file to disk and closes it; later appends throw.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = Foundation.close(descriptor)
        descriptor = -1
    }

    /// Flushes the file to disk, throwing when the disk refuses (a full disk shows here).
    public func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        if descriptor >= 0, fsync(descriptor) != 0 {
            throw VietdocError.outputNotWritable(path: file.path, detail: String(cString: strerror(errno)))
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
