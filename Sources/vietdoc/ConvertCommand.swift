import ArgumentParser
import Foundation
import Ingest
import Pipeline
import Records

/// `vietdoc convert INPUT... -o DIR`: the main job.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert scanned plans (PDF, images, OCR text dumps) into restored text and plan records.",
        discussion: """
            Each input becomes DIR/<stem>.json (the record; always written) and, by default, \
            DIR/<stem>.txt (the restored text, pages separated by a form feed). Folders are \
            walked recursively and mirrored under DIR. A rerun skips inputs whose outputs are \
            current (same content, vietdoc version and model); --force redoes them. \
            The run also keeps DIR/catalog.sqlite (search it with `vietdoc search`) and \
            DIR/status.jsonl (one line per input).

            Exit codes: 0 all converted or current; 1 some inputs failed or have unreadable \
            pages (the others were converted); 64 usage error; 69 missing dependency; 73 the \
            output folder or a batch-wide file cannot be written; 75 another run holds the \
            output folder; 130 interrupted (Ctrl-C).
            """
    )

    @Argument(help: "PDF, PNG, JPEG or TIFF files, text files of OCR output, or folders of them.")
    var inputs: [String] = []

    @Option(name: .shortAndLong, help: "Output folder (created if missing).")
    var output: String

    @Option(name: .customLong("files-from"), help: "Read more input paths from FILE, one per line ('-' for stdin).")
    var filesFrom: String?

    @Option(
        name: .customLong("format"),
        help:
            "Output formats, comma-separated: \(RecordFormat.allCases.map(\.rawValue).joined(separator: ", ")). JSON is always written."
    )
    var formats: [String] = ["txt", "json"]

    @Option(help: "Tesseract languages, e.g. vie or vie+eng.")
    var lang = "vie"

    @Option(
        help:
            "Parallel workers (page workers, each with one OCR engine and one page image, and documents in flight). Default: the number of cores; at most twice the cores and 32."
    )
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    @Option(name: .customLong("page-timeout"), help: "Seconds one page may spend in OCR before it is given up.")
    var pageTimeout: Double = 180

    @Option(
        name: .customLong("max-text-mb"),
        help:
            "Largest text input converted, in megabytes (a text input takes about 65 times its size in memory); larger ones fail, and `vietdoc restore` streams them."
    )
    var maxTextMB: Double = Double(DocumentReader.defaultMaxTextBytes) / 1_000_000

    @Flag(name: .customLong("no-restore"), help: "Skip diacritic restoration (keep the text as read).")
    var noRestore = false

    @OptionGroup var model: ModelOption

    @OptionGroup(title: "Preprocessing") var steps: PreprocessingOption

    @Flag(help: "Redo inputs whose outputs are already current.")
    var force = false

    @Option(help: "Take only shard i of n (0-based, e.g. 3/8): a stable subset by path, for splitting across machines.")
    var shard: String?

    @Flag(name: .shortAndLong, help: "Print only errors.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print a line per file.")
    var verbose = false

    func validate() throws {
        if inputs.isEmpty && filesFrom == nil {
            throw ValidationError("give at least one input file or folder, or --files-from")
        }
        if jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if pageTimeout <= 0 { throw ValidationError("--page-timeout must be positive") }
        if !(maxTextMB > 0) { throw ValidationError("--max-text-mb must be positive") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
        if output.isEmpty { throw ValidationError("-o: the output folder name is empty") }
        if inputs.contains("") { throw ValidationError("an input path is empty") }
        if let shard {
            do {
                _ = try ShardSpec(parsing: shard)
            } catch {
                throw ValidationError("\(error)")
            }
        }
        _ = try parsedFormats()
    }

    func run() throws {
        let listed = try filesFrom.map(Self.readList) ?? []
        var conversion = ConversionOptions(languages: lang, jobs: jobs, pageTimeout: pageTimeout, restore: !noRestore)
        conversion.modelDirectory = model.url
        conversion.maxTextBytes = Int((maxTextMB * 1_000_000).rounded())
        conversion.preprocessing = steps.preprocessing
        if conversion.jobs != jobs, !quiet {
            printError("vietdoc: --jobs \(jobs) is capped to \(conversion.jobs) workers (twice the cores, at most 32)")
        }
        let options = BatchOptions(
            inputs: inputs, listedPaths: listed, outputDirectory: URL(fileURLWithPath: output),
            formats: try parsedFormats(), conversion: conversion, force: force,
            shard: try shard.map { try ShardSpec(parsing: $0) },
            verbosity: quiet ? .quiet : (verbose ? .verbose : .normal))
        let runner = BatchRunner(options: options) { total in
            ProgressReporter.standardError(totalFiles: total, verbosity: options.verbosity)
        }
        let outcome = try runReportingErrors { try runner.run() }
        if outcome.exitStatus != .success { throw ExitCode(outcome.exitStatus.rawValue) }
    }

    private func parsedFormats() throws -> Set<RecordFormat> {
        var result = Set<RecordFormat>()
        for name in formats.flatMap({ $0.split(separator: ",") }) {
            guard let format = RecordFormat(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw ValidationError(
                    "unknown format '\(name)'; choose from \(RecordFormat.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            result.insert(format)
        }
        return result
    }

    private static func readList(_ path: String) throws -> [String] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw ValidationError("--files-from \(path): cannot read the file")
            }
            data = contents
        }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }
}
