import ArgumentParser
import Catalog
import Foundation
import Pipeline
import VietdocCore

/// `vietdoc catalog merge SHARD... -o DIR`: one catalog from the catalogs of several shards.
struct CatalogMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the catalogs of several shards (or runs) into DIR/catalog.sqlite.",
        discussion: """
            Each argument is a shard's output folder (holding catalog.sqlite) or a catalog file. \
            The result holds every document and section of the sources and answers `vietdoc \
            search` as one run over all inputs would. When a path occurs in several sources, the \
            last one given wins (a warning lists them). DIR/catalog.sqlite is built in a \
            temporary file and renamed into place, so it is replaced whole or not at all; DIR may \
            itself be one of the sources.

            Exit codes: 0 merged; 1 a source is missing or not a catalog, or DIR is not writable \
            (nothing is changed); 64 usage error.
            """)

    @Argument(help: ArgumentHelp("Shard output folders or catalog files.", valueName: "SHARD_DIR_OR_FILE"))
    var sources: [String]

    @Option(
        name: [.short, .customLong("output")],
        help: ArgumentHelp("Folder to write catalog.sqlite to.", valueName: "DIR"))
    var output: String

    func validate() throws {
        guard !sources.isEmpty else { throw ValidationError("give at least one shard folder or catalog file") }
    }

    func run() throws {
        let summary: CatalogMergeSummary
        do {
            // A convert run writing into the same folder holds its lock: do not replace its catalog.
            let lock = try OutputLock(folder: AtomicFile.Folder.open(root: URL(fileURLWithPath: output), relative: ""))
            defer { withExtendedLifetime(lock) {} }
            summary = try CatalogStore.merge(
                sources.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: output))
        } catch let error as VietdocError {
            FileHandle.standardError.write(Data("vietdoc catalog merge: \(error)\n".utf8))
            if error.code == .outputLocked { throw ExitCode(ExitStatus.outputLocked.rawValue) }
            throw ExitCode(ExitStatus.someInputsFailed.rawValue)
        }
        if !summary.duplicatePaths.isEmpty {
            let list = summary.duplicatePaths.prefix(10).joined(separator: ", ")
            let more = summary.duplicatePaths.count > 10 ? " and \(summary.duplicatePaths.count - 10) more" : ""
            FileHandle.standardError.write(
                Data("warning: in several catalogs (the last one kept): \(list)\(more)\n".utf8))
        }
        let catalogs = "\(summary.sources.count) catalog\(summary.sources.count == 1 ? "" : "s")"
        let message = "merged \(catalogs): \(summary.documents) documents → \(summary.destination.path)\n"
        FileHandle.standardError.write(Data(message.utf8))
    }
}
