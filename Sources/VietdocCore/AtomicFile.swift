import Foundation

/// Writes files so that a reader never sees a partial file: the bytes go to a temporary file
/// in the same folder, which is flushed and then renamed over the destination.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating parent folders as needed.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { handle in try handle.write(contentsOf: data) }
    }

    /// Streams a file into place atomically: `body` writes to the handle of a temporary file
    /// that becomes `url` only when `body` returns; if it throws, nothing replaces `url`.
    public static func write(to url: URL, _ body: (FileHandle) throws -> Void) throws {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: dir.path, detail: reason(error))
        }
        let temp = dir.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        guard fm.createFile(atPath: temp.path, contents: nil) else {
            throw VietdocError.outputNotWritable(path: url.path, detail: "cannot create a file in \(dir.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temp)
            defer { try? handle.close() }
            try body(handle)
            try handle.synchronize()
        } catch {
            try? fm.removeItem(at: temp)
            if error is VietdocError { throw error }
            throw VietdocError.outputNotWritable(path: url.path, detail: reason(error))
        }
        if rename(temp.path, url.path) != 0 {
            let detail = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw VietdocError.outputNotWritable(path: url.path, detail: detail)
        }
    }

    /// Writes a string as UTF-8, atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
