import Foundation
import Records

/// Everything a `vietdoc convert` run needs to know.
public struct BatchOptions: Sendable {
    /// Files and folders named on the command line.
    public var inputs: [String]
    /// Paths read from `--files-from` (one per line).
    public var listedPaths: [String]
    public var outputDirectory: URL
    public var formats: Set<RecordFormat>
    public var conversion: ConversionOptions
    /// Redo inputs whose outputs are current.
    public var force: Bool
    /// Take only this stable subset of the inputs.
    public var shard: ShardSpec?
    public var verbosity: ProgressReporter.Verbosity

    public init(
        inputs: [String], listedPaths: [String] = [], outputDirectory: URL,
        formats: Set<RecordFormat> = [.txt, .json], conversion: ConversionOptions = ConversionOptions(),
        force: Bool = false, shard: ShardSpec? = nil, verbosity: ProgressReporter.Verbosity = .normal
    ) {
        self.inputs = inputs
        self.listedPaths = listedPaths
        self.outputDirectory = outputDirectory
        self.formats = formats
        self.conversion = conversion
        self.force = force
        self.shard = shard
        self.verbosity = verbosity
    }
}
