import Foundation

/// Paths tests need: the repository, its samples and dictionaries, the shared folder beside
/// it, and the built `vietdoc` binary.
public enum Fixtures {
    /// The repository root (the folder holding Package.swift).
    public static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url
            }
        }
        fatalError("Package.swift not found above \(#filePath)")
    }()

    public static var samples: URL { repositoryRoot.appendingPathComponent("samples") }
    public static var dictionaries: URL { repositoryRoot.appendingPathComponent("dictionaries") }
    /// `../shared` beside the repository (seeds, corpus), present in CI and development.
    public static var shared: URL { repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared") }

    /// A sample file by name, e.g. `sample("001_scanned.pdf")`.
    public static func sample(_ name: String) -> URL { samples.appendingPathComponent(name) }

    /// The `vietdoc` executable built beside the test bundle.
    public static var vietdocBinary: URL {
        var dir = Bundle.main.bundleURL
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            dir = bundle.bundleURL.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("vietdoc")
    }

    /// A new empty temporary directory, removed by the caller (or left for the OS).
    public static func temporaryDirectory(_ label: String = "vietdoc-test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
