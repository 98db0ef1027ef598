import Foundation

/// Writes files so that a reader never sees a partial file: the bytes go to a temporary file
/// in the same folder (`.<name>.<pid>.<id>.tmp`), which is flushed and then renamed over the
/// destination.
public enum AtomicFile {
    /// Writes `data` to `url` atomically, creating parent folders as needed.
    public static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { handle in try handle.write(contentsOf: data) }
    }

    /// Writes a string as UTF-8, atomically.
    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Streams a file into place atomically: `body` writes to the handle of a temporary file
    /// that becomes `url` only when `body` returns; if it throws, nothing replaces `url`.
    public static func write(to url: URL, _ body: (FileHandle) throws -> Void) throws {
        try replace(url) { temp in
            guard FileManager.default.createFile(atPath: temp.path, contents: nil) else {
                throw VietdocError.outputNotWritable(
                    path: url.path, detail: "cannot create a file in \(url.deletingLastPathComponent().path)")
            }
            do {
                let handle = try FileHandle(forWritingTo: temp)
                defer { try? handle.close() }
                try body(handle)
                try handle.synchronize()
            } catch let error as VietdocError {
                throw error
            } catch {
                throw VietdocError.outputNotWritable(path: url.path, detail: reason(error))
            }
        }
    }

    /// Replaces `url` with the file `build` makes at the temporary path it is given (a SQLite
    /// database, for instance), by renaming it into place once `build` returns. If `build`
    /// throws, the temporary file is removed and `url` is left as it was. Parent folders are
    /// created as needed.
    @discardableResult
    public static func replace<T>(_ url: URL, by build: (URL) throws -> T) throws -> T {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: dir.path, detail: reason(error))
        }
        let temp = dir.appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UUID().uuidString.prefix(8)).tmp")
        let result: T
        do {
            result = try build(temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw error
        }
        if rename(temp.path, url.path) != 0 {
            let detail = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw VietdocError.outputNotWritable(path: url.path, detail: detail)
        }
        return result
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
