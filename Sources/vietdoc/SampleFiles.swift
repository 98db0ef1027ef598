import Foundation
import VietdocCore

/// The sample inputs: the files of `samples/` in the current folder (or above it), sorted.
enum SampleFiles {
    static func folder() throws -> URL {
        var dir = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        while true {
            let candidate = dir.appendingPathComponent("samples")
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDir), isDir.boolValue {
                return candidate
            }
            if dir.path == "/" { break }
            dir.deleteLastPathComponent()
        }
        throw VietdocError.invalidArgument("no samples/ folder here or above; give the files to use")
    }

    static func all() throws -> [URL] { expand(try folder()) }

    /// A folder's files (not hidden, sorted, recursively), or the file itself.
    static func expand(_ url: URL) -> [URL] {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue,
            let e = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey])
        else { return [url] }
        return e.compactMap { $0 as? URL }
            .filter {
                !$0.lastPathComponent.hasPrefix(".")
                    && (try? $0.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true
            }
            .sorted { $0.path < $1.path }
    }
}
