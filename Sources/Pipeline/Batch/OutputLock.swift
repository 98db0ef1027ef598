import Foundation

/// The lock a run holds on its output folder (`DIR/.vietdoc.lock`, an exclusive `flock`), so
/// that two runs never write the same outputs, status file and tables at once. The kernel
/// releases it when the process ends however it ends (`kill -9` included), so a stale lock
/// never blocks a rerun.
public final class OutputLock: @unchecked Sendable {
    /// The lock file's name inside the output folder.
    public static let fileName = ".vietdoc.lock"
    private let descriptor: Int32

    /// Takes the lock on `folder` or throws `.outputLocked` at once (a second run stops; it does
    /// not wait). The file holds the holder's process id, for the message.
    public init(folder: AtomicFile.Folder) throws {
        let path = folder.path + "/" + Self.fileName
        let fd = openat(folder.descriptor, Self.fileName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw VietdocError.outputNotWritable(path: path, detail: String(cString: strerror(errno)))
        }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var bytes = [UInt8](repeating: 0, count: 32)
            let count = pread(fd, &bytes, bytes.count, 0)
            let holder = String(decoding: bytes.prefix(max(0, count)), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            close(fd)
            throw VietdocError.outputLocked(
                path: folder.path, detail: holder.isEmpty ? "it holds \(Self.fileName)" : "process \(holder)")
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pwrite(fd, pid, pid.count, 0)
        descriptor = fd
    }

    deinit { close(descriptor) }
}
