import ArgumentParser
import Diacritics
import Foundation

/// `--model DIR`, shared by every command that restores diacritics.
struct ModelOption: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help:
            "Folder holding the dictionary model (default: $VIETDOC_DICTIONARIES, then a dictionaries/ folder found upwards)."
    )
    var path: String?

    /// The folder named by `--model`, or nil for the default search.
    var url: URL? { path.map { URL(fileURLWithPath: $0) } }

    /// The model folder to use; a missing model is reported as one line and exit code 69.
    func directory() throws -> URL {
        try runReportingErrors { try DiacriticModel.directory(url) }
    }
}
