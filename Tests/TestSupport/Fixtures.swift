import Foundation

/// Paths tests need: the repository, its samples, gold texts and dictionaries, and the built
/// `vietdoc` binary. Tests use files in the repository only; what needs `../shared` (the corpus,
/// the seeds) is measured by the evaluation commands (`vietdoc eval …`).
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
    /// The hand-checked text of each sample (`gold/text/<sample stem>.txt`).
    public static var goldText: URL { repositoryRoot.appendingPathComponent("gold/text") }

    /// The gold text of a sample by stem, e.g. `goldText("001-bacgiang-2022-scanned")`.
    public static func goldText(_ stem: String) throws -> String {
        try String(contentsOf: goldText.appendingPathComponent("\(stem).txt"), encoding: .utf8)
    }

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
