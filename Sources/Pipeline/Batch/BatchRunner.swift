import Catalog
import Foundation
import Records

/// What a batch did: the reporter's summary, and whether it was interrupted.
public struct BatchOutcome: Sendable {
    public var summary: ProgressReporter.Summary
    public var interrupted: Bool

    /// The documented exit status for this outcome.
    public var exitStatus: ExitStatus {
        if interrupted { return .interrupted }
        return summary.failed.isEmpty ? .success : .someInputsFailed
    }
}

/// Runs `vietdoc convert` over many inputs: discovery, sharding, skip-when-current, a pool of
/// document workers sharing one OCR pool, atomic outputs, the catalog, the status file and
/// progress. One bad input never stops the others.
public final class BatchRunner: @unchecked Sendable {
    public let options: BatchOptions
    public let interruption: Interruption
    private let makeReporter: (_ totalFiles: Int) -> ProgressReporter

    /// - Parameter reporter: makes the progress reporter for a batch of the given size (the CLI's
    ///   writes to stderr, with a bar when it is a terminal).
    public init(
        options: BatchOptions, interruption: Interruption = Interruption(),
        reporter: @escaping (_ totalFiles: Int) -> ProgressReporter
    ) {
        self.options = options
        self.interruption = interruption
        self.makeReporter = reporter
    }

    /// Converts every input. Throws only for problems that stop the whole run (a missing
    /// dependency, an unwritable output folder); per-input failures are in the outcome.
    public func run() throws -> BatchOutcome {
        let root = options.outputDirectory.standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: root.path, detail: "cannot create the output folder")
        }
        guard FileManager.default.isWritableFile(atPath: root.path) else {
            throw VietdocError.outputNotWritable(path: root.path, detail: "the output folder is not writable")
        }

        let discovery = InputDiscovery(excludedFolder: root).discover(
            arguments: options.inputs, listedPaths: options.listedPaths)
        let inShard = { (input: BatchInput) in self.options.shard?.contains(relativePath: input.outputStem) ?? true }
        let inputs = discovery.inputs.filter(inShard)

        let writer = OutputWriter(root: root, formats: options.formats)
        writer.removeStaleTemporaries()
        let interruption = self.interruption
        let converter = try DocumentConverter(options: options.conversion, isCancelled: { interruption.isRequested })
        defer { converter.shutdown() }
        let catalog = try CatalogStore(directory: root)
        let status = try StatusLog(directory: root)
        defer { status.close() }
        let progress = makeReporter(inputs.count)
        interruption.install {
            progress.warning("interrupted: stopping after the pages in progress (Ctrl-C again stops at once)")
        }
        for path in discovery.skippedUnsupported.filter(inShard).map(\.displayPath) {
            let reason = "not a supported kind of file"
            try? status.append(.init(path: path, status: .skipped, reason: reason))
            try? catalog.record(CatalogDocument(path: path, sha256: "", status: .skipped, error: reason), sections: [])
            progress.fileFinished(path: path, status: .skipped, pages: 0, reason: reason)
        }

        let state = BatchState(count: inputs.count)
        let context = Context(
            converter: converter, writer: writer, catalog: catalog, status: status, progress: progress, state: state)
        let group = DispatchGroup()
        for _ in 0..<min(options.conversion.jobs, max(1, inputs.count)) {
            group.enter()
            let thread = Thread { [self] in
                while !interruption.isRequested, state.fatalError == nil, let index = state.nextIndex() {
                    process(inputs[index], index: index, context)
                }
                group.leave()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        group.wait()

        if let fatal = state.fatalError {
            progress.finish()
            throw fatal
        }
        let interrupted = interruption.isRequested
        if !interrupted {
            do {
                try writer.writeAggregates(stems: state.completedStems(inputs))
            } catch {
                progress.error("\(error)")
            }
        }
        return BatchOutcome(summary: progress.finish(), interrupted: interrupted)
    }

    /// The shared pieces every document worker uses.
    private struct Context {
        let converter: DocumentConverter
        let writer: OutputWriter
        let catalog: CatalogStore
        let status: StatusLog
        let progress: ProgressReporter
        let state: BatchState
    }

    private func process(_ input: BatchInput, index: Int, _ context: Context) {
        let started = Date()
        let path = input.displayPath
        context.progress.fileStarted(path: path)
        // Hashed once: the resume check, the record and the catalog row share it.
        let sha256 = try? SHA256.hex(ofFile: input.url)
        if !options.force, let sha256, let record = currentRecord(input, sha256: sha256, context) {
            context.state.markCompleted(index)
            try? context.status.append(
                .init(path: path, status: .skipped, reason: "outputs are current", pages: record.source.pages))
            context.progress.fileFinished(path: path, status: .skipped, pages: record.source.pages)
            return
        }
        do {
            let document = try context.converter.convert(input.url, displayPath: path, sha256: sha256) {
                context.progress.pagesDone(1, path: path)
            }
            try context.writer.write(document, stem: input.outputStem)
            let text = RecordEncoding.plainText(pages: document.pages)
            try context.catalog.record(
                CatalogDocument(converted: document.record, path: path, text: text, timings: document.timings),
                sections: CatalogSection.rows(of: document.record.plan))
            context.state.markCompleted(index)
            for page in document.record.pages where !page.warnings.isEmpty {
                context.progress.warning("\(path): page \(page.number): \(page.warnings.joined(separator: "; "))")
            }
            let pages = document.record.source.pages
            try? context.status.append(
                .init(path: path, status: .converted, pages: pages, milliseconds: document.timings.total))
            context.progress.fileFinished(path: path, status: .converted, pages: pages)
        } catch let error as VietdocError where error.code == .cancelled {
            return
        } catch let error as VietdocError where error.exitCode == .missingDependency {
            // Nothing else can convert either: stop the batch with the dependency's exit code.
            context.state.fail(with: error)
        } catch {
            let reason = Self.reason(error, path: path)
            let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
            try? context.catalog.record(
                CatalogDocument(
                    path: path, sha256: sha256 ?? "", status: .failed, error: reason),
                sections: [])
            try? context.status.append(.init(path: path, status: .failed, reason: reason, milliseconds: milliseconds))
            context.progress.fileFinished(path: path, status: .failed, pages: 0, reason: reason)
        }
    }

    /// The input's record when its outputs and its catalog row are current (same content,
    /// vietdoc version and model), so that it can be skipped.
    private func currentRecord(_ input: BatchInput, sha256 sha: String, _ context: Context) -> DocumentRecord? {
        guard
            let record = context.writer.currentRecord(
                stem: input.outputStem, sha256: sha, modelVersion: context.converter.modelVersion),
            let stamp = try? context.catalog.stamp(path: input.displayPath),
            stamp
                == CatalogStamp(
                    sha256: sha, status: .converted, vietdocVersion: record.vietdocVersion,
                    modelVersion: record.restoration?.modelVersion)
        else { return nil }
        return record
    }

    /// The error's message without a leading copy of the path (the reporter adds the path).
    private static func reason(_ error: Error, path: String) -> String {
        let message = "\(error)"
        let prefix = path + ": "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}

/// The batch's shared counters: the next input to take and which inputs have current outputs.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var completed: [Bool]
    private var fatal: VietdocError?

    /// The first error that stops the whole batch, if any.
    var fatalError: VietdocError? {
        lock.lock()
        defer { lock.unlock() }
        return fatal
    }

    init(count: Int) { completed = Array(repeating: false, count: count) }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < completed.count else { return nil }
        next += 1
        return next - 1
    }

    func markCompleted(_ index: Int) {
        lock.lock()
        completed[index] = true
        lock.unlock()
    }

    func fail(with error: VietdocError) {
        lock.lock()
        if fatal == nil { fatal = error }
        lock.unlock()
    }

    /// Output stems of the inputs that have current outputs, in input order.
    func completedStems(_ inputs: [BatchInput]) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        return inputs.indices.filter { completed[$0] }.map { inputs[$0].outputStem }
    }
}
