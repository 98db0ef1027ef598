import Foundation

/// One input of a batch: where it is, which root it was found under, and the output path it
/// asks for.
public struct BatchInput: Equatable, Sendable {
    /// The file to read (below the real path of its root; a link in the last component is
    /// read through, never written).
    public var url: URL
    /// The path as the user named it (or as found under a named folder), for messages and records.
    public var displayPath: String
    /// The input's path relative to its input root, NFC, `/` separators: with the content hash,
    /// what identifies the document when the archive moves.
    public var relativePath: String
    /// Output path relative to the output folder, without extension ("sub/plan" → sub/plan.json),
    /// unique in this run. The document keeps the id it already has in the catalog, if any.
    public var outputStem: String
    /// Set when the input cannot even be opened (a file name that is not UTF-8, a folder that
    /// cannot be listed): it is reported as failed with this reason.
    public var problem: String?

    public init(
        url: URL, displayPath: String, relativePath: String? = nil, outputStem: String, problem: String? = nil
    ) {
        self.url = url
        self.displayPath = displayPath
        self.relativePath = relativePath ?? url.lastPathComponent
        self.outputStem = outputStem
        self.problem = problem
    }

    /// Where the input is, as the catalog remembers it.
    public var source: String { url.path }
}

/// Turns command-line inputs (files, folders, a `--files-from` list) into a sorted list of
/// batch inputs with distinct output paths. Folders are read with `readdir`, so that every
/// entry is accounted for: converted, skipped with a reason (unsupported kind, a link to a
/// folder, not a regular file) or failed with a reason (a name that is not UTF-8, a folder
/// that cannot be listed, a broken link). Hidden entries (`.name`) are passed over.
public struct InputDiscovery {
    /// File name endings picked up when walking folders; explicit files are judged by content.
    public static let supportedExtensions: Set<String> = ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "txt"]

    /// What discovery found.
    public struct Result: Sendable {
        /// Inputs to convert (some carry a `problem` and will be reported as failed).
        public var inputs: [BatchInput]
        /// Entries under the folders that are not converted, with the reason.
        public var skipped: [(input: BatchInput, reason: String)]
        /// Real paths of the folder arguments (the input roots of this run).
        public var roots: [String]
    }

    /// Folder excluded from walks (the output folder, when it lies inside an input folder).
    public var excludedFolder: String?
    /// Input roots of earlier runs into the same output folder: a file named on its own below
    /// one of them gets the output path it had (or would have) in a folder run.
    public var knownRoots: [String]

    public init(excludedFolder: URL? = nil, knownRoots: [String] = []) {
        self.excludedFolder = excludedFolder.map { Self.realPath($0.path) ?? $0.standardizedFileURL.path }
        self.knownRoots = knownRoots
    }

    /// Expands `arguments` (files and folders) and the lines of `listedPaths`.
    ///
    /// Files named on the command line write to `<output>/<stem>.*`; files under a named folder
    /// mirror their path below that folder; listed relative paths keep their folders; a file
    /// below a known root mirrors its path below that root. A folder holding nothing to convert
    /// is kept as an input, so that it is reported as a failure.
    public func discover(arguments: [String], listedPaths: [String] = []) -> Result {
        var inputs: [BatchInput] = []
        var skipped: [(input: BatchInput, reason: String)] = []
        var roots: [String] = []
        let folders = arguments.filter(Self.isFolder)
        for folder in folders { if let real = Self.realPath(folder) { roots.append(real) } }
        let allRoots = knownRoots + roots
        for argument in arguments {
            if Self.isFolder(argument), let real = Self.realPath(argument) {
                var walk = Walk(displayRoot: argument, excluded: excludedFolder)
                walk.visit(real, relative: "")
                inputs += walk.inputs.sorted { $0.displayPath < $1.displayPath }
                skipped += walk.skipped
                if walk.inputs.isEmpty {
                    // A folder with nothing to convert is reported like a file that cannot be read.
                    let url = URL(fileURLWithPath: real)
                    inputs.append(
                        BatchInput(
                            url: url, displayPath: argument, relativePath: url.lastPathComponent,
                            outputStem: Self.stem(url.lastPathComponent)))
                }
            } else {
                inputs.append(file(argument, keepFolders: false, roots: allRoots))
            }
        }
        for line in listedPaths {
            let path = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !path.isEmpty else { continue }
            inputs.append(file(path, keepFolders: true, roots: allRoots))
        }
        let (distinct, duplicates) = Self.disambiguated(inputs)
        skipped += duplicates
        return Result(
            inputs: distinct, skipped: skipped.sorted { $0.input.displayPath < $1.input.displayPath }, roots: roots)
    }

    /// A file named on the command line or in a list. Its folder's real path is used (so
    /// `./res/a.txt` and `res/a.txt` are the same input); below a known root it mirrors its
    /// path there; a listed relative path keeps its folders; otherwise its name alone.
    private func file(_ argument: String, keepFolders: Bool, roots: [String]) -> BatchInput {
        let given = URL(fileURLWithPath: argument)
        let name = given.lastPathComponent
        var url = given
        if let folder = Self.realPath(given.deletingLastPathComponent().path) {
            url = URL(fileURLWithPath: folder).appendingPathComponent(name)
            let full = url.path
            if let root = roots.filter({ full.hasPrefix($0 + "/") }).max(by: { $0.count < $1.count }) {
                let relative = VietnameseText.nfc(String(full.dropFirst(root.count + 1)))
                return BatchInput(
                    url: url, displayPath: argument, relativePath: relative, outputStem: Self.stem(relative))
            }
        }
        let stem = keepFolders ? Self.listedStem(argument) : Self.stem(VietnameseText.nfc(name))
        let relative = keepFolders ? stem + (given.pathExtension.isEmpty ? "" : "." + given.pathExtension) : name
        return BatchInput(
            url: url, displayPath: argument, relativePath: VietnameseText.nfc(relative), outputStem: stem)
    }

    /// A listed path keeps its folders when it is relative and stays below the current folder.
    static func listedStem(_ path: String) -> String {
        let components = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        if path.hasPrefix("/") || components.contains("..") || components.isEmpty {
            return stem(VietnameseText.nfc((path as NSString).lastPathComponent))
        }
        return stem(VietnameseText.nfc(components.joined(separator: "/")))
    }

    /// The path without its last extension.
    static func stem(_ path: String) -> String {
        let ns = path as NSString
        return ns.pathExtension.isEmpty ? path : ns.deletingPathExtension
    }

    /// Gives every input a distinct output stem: a later input whose stem is taken keeps its
    /// extension ("a.txt" beside "a.pdf"), then gains a counter. Stems are compared as Swift
    /// strings, so two names that differ only in Unicode normalisation get distinct outputs.
    /// The same file named twice (by any path, a link included) is converted once; the
    /// other names come back as skipped, with the name that was kept.
    static func disambiguated(_ inputs: [BatchInput]) -> (
        inputs: [BatchInput], duplicates: [(input: BatchInput, reason: String)]
    ) {
        var seenFiles: [FileIdentity: String] = [:]
        var taken = Set<String>()
        var result: [BatchInput] = []
        var duplicates: [(input: BatchInput, reason: String)] = []
        for var input in inputs {
            if input.problem == nil, let identity = FileIdentity(path: input.url.path) {
                if let kept = seenFiles[identity] {
                    if kept != input.displayPath { duplicates.append((input, "the same file as \(kept)")) }
                    continue
                }
                seenFiles[identity] = input.displayPath
            }
            if taken.contains(input.outputStem) {
                let ext = input.url.pathExtension
                var candidate = ext.isEmpty ? input.outputStem : "\(input.outputStem).\(ext)"
                var counter = 2
                while taken.contains(candidate) {
                    candidate = "\(input.outputStem)-\(counter)"
                    counter += 1
                }
                input.outputStem = candidate
            }
            taken.insert(input.outputStem)
            result.append(input)
        }
        return (result, duplicates)
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return !path.isEmpty && FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            && isDirectory.boolValue
    }

    /// The path with every link resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path.isEmpty ? "." : path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// A file's device and inode: the same file whatever path names it.
struct FileIdentity: Hashable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// One folder walk: every entry below a root, read with `readdir` so that no name is lost.
private struct Walk {
    let displayRoot: String
    let excluded: String?
    var inputs: [BatchInput] = []
    var skipped: [(input: BatchInput, reason: String)] = []

    init(displayRoot: String, excluded: String?) {
        self.displayRoot = displayRoot
        self.excluded = excluded
    }

    mutating func visit(_ folder: String, relative: String) {
        guard let directory = opendir(folder) else {
            let reason =
                errno == EACCES
                ? "permission denied: the folder cannot be listed" : String(cString: strerror(errno))
            fail(folder: folder, relative: relative, reason)
            return
        }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }  // hidden, and . and ..
            names.append(name)
        }
        closedir(directory)
        for bytes in names {
            guard let name = String(validating: bytes, as: UTF8.self) else {
                let shown = Self.escapedName(bytes)
                let display = join(displayRoot, join(relative, shown))
                inputs.append(
                    BatchInput(
                        url: URL(fileURLWithPath: folder).appendingPathComponent(shown), displayPath: display,
                        relativePath: join(relative, shown), outputStem: InputDiscovery.stem(join(relative, shown)),
                        problem: "the file name is not valid UTF-8 (saved by an old Windows tool?); rename it to "
                            + "UTF-8, for instance with `convmv -f cp1258 -t utf8 --notest`"))
                continue
            }
            let path = folder + "/" + name
            let childRelative = join(relative, name)
            if path == excluded { continue }
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                visit(path, relative: childRelative)
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) != 0 {
                    add(path, childRelative, skip: "a broken symbolic link")
                } else if (target.st_mode & S_IFMT) == S_IFDIR {
                    add(path, childRelative, skip: "a symbolic link to a folder (not followed; name the folder itself)")
                } else {
                    add(path, childRelative, skip: nil)
                }
            case S_IFREG:
                add(path, childRelative, skip: nil)
            default:
                add(path, childRelative, skip: "not a regular file")
            }
        }
    }

    private mutating func add(_ path: String, _ relative: String, skip: String?) {
        let normalized = VietnameseText.nfc(relative)
        let input = BatchInput(
            url: URL(fileURLWithPath: path), displayPath: join(displayRoot, relative), relativePath: normalized,
            outputStem: InputDiscovery.stem(normalized))
        if let skip {
            skipped.append((input, skip))
        } else if InputDiscovery.supportedExtensions.contains(input.url.pathExtension.lowercased()) {
            inputs.append(input)
        } else {
            skipped.append((input, "not a supported kind of file"))
        }
    }

    private mutating func fail(folder: String, relative: String, _ reason: String) {
        inputs.append(
            BatchInput(
                url: URL(fileURLWithPath: folder), displayPath: join(displayRoot, relative),
                relativePath: relative.isEmpty ? URL(fileURLWithPath: folder).lastPathComponent : relative,
                outputStem: relative.isEmpty ? URL(fileURLWithPath: folder).lastPathComponent : relative,
                problem: reason))
    }

    private func join(_ a: String, _ b: String) -> String {
        a.isEmpty ? b : b.isEmpty ? a : (a as NSString).appendingPathComponent(b)
    }

    /// A name that is not UTF-8, printable: ASCII kept, other bytes as `\xNN`.
    static func escapedName(_ bytes: [UInt8]) -> String {
        bytes.map { $0 >= 0x20 && $0 < 0x7F ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
    }
}
