import Foundation

/// Writes files so that a reader never sees a partial file and no symbolic link is ever
/// followed: the bytes go to a new temporary file (`O_CREAT | O_EXCL | O_NOFOLLOW`) in the real
/// destination folder, which is flushed and then renamed over the destination.
///
/// Folders are opened one component at a time with `O_NOFOLLOW`, so a link planted where a
/// subfolder should be is refused instead of leading the write elsewhere; a destination that is
/// itself a link is refused too.
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
        let folder = url.deletingLastPathComponent()
        let staged = try Staged(
            in: try Folder.open(root: folder.standardizedFileURL, relative: ""), name: url.lastPathComponent, body)
        try staged.commit()
    }

    /// Replaces `url` with the file `build` makes at the temporary path it is given (a SQLite
    /// database, for instance), by renaming it into place once `build` returns. If `build`
    /// throws, the temporary file is removed and `url` is left as it was. A destination that is
    /// a symbolic link is refused; parent folders are created as needed.
    @discardableResult
    public static func replace<T>(_ url: URL, by build: (URL) throws -> T) throws -> T {
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: dir.path, detail: Staged.describe(error))
        }
        var info = stat()
        if lstat(url.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
            throw VietdocError.outputNotWritable(
                path: url.path, detail: "it is a symbolic link; links are never written")
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
            let detail = Staged.lastError()
            try? fm.removeItem(at: temp)
            throw VietdocError.outputNotWritable(path: url.path, detail: detail)
        }
        return result
    }

    /// A temporary file written beside its destination and not yet renamed into place, so that
    /// several files (a document's outputs) can be written first and then put in place together.
    public final class Staged {
        public let folder: Folder
        public let name: String
        private let temporaryName: String
        private var done = false

        /// The destination's path (for messages).
        public var path: String { folder.path + "/" + name }

        /// Writes `body`'s bytes to a new temporary file in `folder`, flushed to disk.
        public init(in folder: Folder, name: String, _ body: (FileHandle) throws -> Void) throws {
            self.folder = folder
            self.name = name
            temporaryName = ".\(name).\(getpid()).\(UUID().uuidString.prefix(8)).tmp"
            try folder.refuseLink(name)
            let fd = openat(
                folder.descriptor, temporaryName, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw VietdocError.outputNotWritable(path: folder.path + "/" + name, detail: Self.lastError())
            }
            let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
            do {
                try body(handle)
                try handle.synchronize()
                try handle.close()
            } catch {
                try? handle.close()
                unlinkat(folder.descriptor, temporaryName, 0)
                if error is VietdocError { throw error }
                throw VietdocError.outputNotWritable(path: folder.path + "/" + name, detail: Self.describe(error))
            }
        }

        deinit { discard() }

        /// Renames the temporary file over the destination.
        public func commit() throws {
            guard !done else { return }
            try folder.refuseLink(name)
            if renameat(folder.descriptor, temporaryName, folder.descriptor, name) != 0 {
                let detail = Self.lastError()
                discard()
                throw VietdocError.outputNotWritable(path: path, detail: detail)
            }
            done = true
        }

        /// Removes the temporary file; the destination stays as it was.
        public func discard() {
            guard !done else { return }
            unlinkat(folder.descriptor, temporaryName, 0)
            done = true
        }

        static func lastError() -> String { String(cString: strerror(errno)) }

        static func describe(_ error: Error) -> String {
            let ns = error as NSError
            if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
            if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                return String(cString: strerror(Int32(underlying.code)))
            }
            return ns.localizedFailureReason ?? ns.localizedDescription
        }
    }

    /// An open folder reached without following any symbolic link below its root.
    public final class Folder: @unchecked Sendable {
        public let descriptor: Int32
        /// The folder's path, for messages.
        public let path: String

        init(descriptor: Int32, path: String) {
            self.descriptor = descriptor
            self.path = path
        }

        deinit { close(descriptor) }

        /// Opens `relative` (a `/`-separated path, "" for the root itself) below `root`,
        /// creating missing folders; a component that is a link or not a folder is refused.
        /// `root` itself may be a link (the user named it).
        public static func open(root: URL, relative: String) throws -> Folder {
            let fm = FileManager.default
            if !fm.fileExists(atPath: root.path) {
                do {
                    try fm.createDirectory(at: root, withIntermediateDirectories: true)
                } catch {
                    throw VietdocError.outputNotWritable(path: root.path, detail: Staged.describe(error))
                }
            }
            var fd = Foundation.open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else { throw VietdocError.outputNotWritable(path: root.path, detail: Staged.lastError()) }
            var path = root.path
            for component in relative.split(separator: "/").map(String.init) where component != "." {
                path += "/" + component
                if component == ".." {
                    close(fd)
                    throw VietdocError.outputNotWritable(path: path, detail: "the path leaves the output folder")
                }
                if mkdirat(fd, component, 0o755) != 0 && errno != EEXIST {
                    let detail = Staged.lastError()
                    close(fd)
                    throw VietdocError.outputNotWritable(path: path, detail: detail)
                }
                let next = openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                let failure = errno
                close(fd)
                guard next >= 0 else {
                    let detail =
                        failure == ELOOP || failure == ENOTDIR
                        ? "a symbolic link or a file stands where a folder should be; vietdoc never writes through links"
                        : String(cString: strerror(failure))
                    throw VietdocError.outputNotWritable(path: path, detail: detail)
                }
                fd = next
            }
            return Folder(descriptor: fd, path: path)
        }

        /// Throws when `name` in this folder is a symbolic link (it would be replaced, or
        /// followed by other writers).
        public func refuseLink(_ name: String) throws {
            var info = stat()
            if fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0, (info.st_mode & S_IFMT) == S_IFLNK {
                throw VietdocError.outputNotWritable(
                    path: path + "/" + name, detail: "it is a symbolic link; vietdoc never writes through links")
            }
        }
    }
}
