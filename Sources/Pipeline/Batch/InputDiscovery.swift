import Foundation

/// One input of a batch: where it is, and where its outputs go.
public struct BatchInput: Equatable, Sendable {
    /// The file to read.
    public var url: URL
    /// The path as the user named it (or as found under a named folder), for messages and records.
    public var displayPath: String
    /// Output path relative to the output folder, without extension ("sub/plan" → sub/plan.json).
    public var outputStem: String
}

/// Turns command-line inputs (files, folders, a `--files-from` list) into a sorted list of
/// batch inputs with distinct output paths.
public struct InputDiscovery {
    /// File name endings picked up when walking folders; explicit files are judged by content.
    public static let supportedExtensions: Set<String> = ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "txt"]

    /// What discovery found: the inputs, and files under folders that were not picked up.
    public struct Result: Sendable {
        public var inputs: [BatchInput]
        /// Files under the folders that are not of a supported kind (listed as skipped).
        public var skippedUnsupported: [BatchInput]
    }

    /// Folder excluded from walks (the output folder, when it lies inside an input folder).
    public var excludedFolder: URL?

    public init(excludedFolder: URL? = nil) {
        self.excludedFolder = excludedFolder?.standardizedFileURL
    }

    /// Expands `arguments` (files and folders) and the lines of `listedPaths`.
    ///
    /// Files named on the command line write to `<output>/<stem>.*`; files under a named folder
    /// mirror their path below that folder; listed relative paths keep their folders. A folder
    /// holding no supported file is kept as an input, so that it is reported as a failure.
    public func discover(arguments: [String], listedPaths: [String] = []) -> Result {
        var inputs: [BatchInput] = []
        var skipped: [BatchInput] = []
        let fm = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            let url = URL(fileURLWithPath: argument)
            if fm.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue {
                let (found, unsupported) = walk(url, displayRoot: argument)
                inputs += found
                skipped += unsupported
                if found.isEmpty {
                    // A folder with nothing to convert is reported like a file that cannot be read.
                    inputs.append(
                        BatchInput(url: url, displayPath: argument, outputStem: Self.stem(url.lastPathComponent)))
                }
            } else {
                inputs.append(BatchInput(url: url, displayPath: argument, outputStem: Self.stem(url.lastPathComponent)))
            }
        }
        for line in listedPaths {
            let path = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !path.isEmpty else { continue }
            inputs.append(
                BatchInput(url: URL(fileURLWithPath: path), displayPath: path, outputStem: Self.listedStem(path)))
        }
        return Result(
            inputs: Self.disambiguated(inputs), skippedUnsupported: skipped.sorted { $0.displayPath < $1.displayPath })
    }

    /// The files below `root` in sorted order; hidden files and folders are passed over.
    private func walk(_ root: URL, displayRoot: String) -> ([BatchInput], [BatchInput]) {
        var inputs: [BatchInput] = []
        var unsupported: [BatchInput] = []
        let rootPath = root.standardizedFileURL.path
        guard
            let enumerator = FileManager.default.enumerator(
                at: root, includingPropertiesForKeys: [.isRegularFileKey, .isDirectoryKey],
                options: [.skipsHiddenFiles])
        else { return ([], []) }
        for case let url as URL in enumerator {
            let standardized = url.standardizedFileURL
            if let excludedFolder, standardized.path == excludedFolder.path {
                enumerator.skipDescendants()
                continue
            }
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            var relative = String(standardized.path.dropFirst(rootPath.count))
            while relative.hasPrefix("/") { relative.removeFirst() }
            let display = (displayRoot as NSString).appendingPathComponent(relative)
            let input = BatchInput(url: url, displayPath: display, outputStem: Self.stem(relative))
            if Self.supportedExtensions.contains(url.pathExtension.lowercased()) {
                inputs.append(input)
            } else {
                unsupported.append(input)
            }
        }
        inputs.sort { $0.displayPath < $1.displayPath }
        return (inputs, unsupported)
    }

    /// A listed path keeps its folders when it is relative and stays below the current folder.
    static func listedStem(_ path: String) -> String {
        let components = path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
        if path.hasPrefix("/") || components.contains("..") || components.isEmpty {
            return stem((path as NSString).lastPathComponent)
        }
        return stem(components.joined(separator: "/"))
    }

    /// The path without its last extension.
    static func stem(_ path: String) -> String {
        let ns = path as NSString
        return ns.pathExtension.isEmpty ? path : ns.deletingPathExtension
    }

    /// Gives every input a distinct output stem: a later input whose stem is taken keeps its
    /// extension ("a.txt" beside "a.pdf"), then gains a counter. The same input named twice
    /// is kept once.
    static func disambiguated(_ inputs: [BatchInput]) -> [BatchInput] {
        var seenFiles = Set<String>()
        var taken = Set<String>()
        var result: [BatchInput] = []
        for var input in inputs {
            let key = input.url.standardizedFileURL.path
            guard seenFiles.insert(key).inserted else { continue }
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
        return result
    }
}
