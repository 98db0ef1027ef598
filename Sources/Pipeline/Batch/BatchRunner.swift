import Catalog
import Foundation
import Records

/// What a batch did: the reporter's summary, and whether it was interrupted.
public struct BatchOutcome: Sendable {
    public var summary: ProgressReporter.Summary
    public var interrupted: Bool

    /// The documented exit status for this outcome: a converted input with unreadable pages
    /// counts like a failed one.
    public var exitStatus: ExitStatus {
        if interrupted { return .interrupted }
        return summary.failed.isEmpty && summary.pageFailures.isEmpty ? .success : .someInputsFailed
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
    /// dependency, an unwritable or locked output folder, a batch-wide file that cannot be
    /// written); per-input failures are in the outcome.
    public func run() throws -> BatchOutcome {
        let root = try Self.outputRoot(options.outputDirectory)
        let folder = try AtomicFile.Folder.open(root: root, relative: "")
        guard access(root.path, W_OK) == 0 else {
            throw VietdocError.outputNotWritable(path: root.path, detail: "the output folder is not writable")
        }
        let lock = try OutputLock(folder: folder)
        defer { withExtendedLifetime(lock) {} }
        for argument in options.inputs where InputDiscovery.isFolder(argument) {
            if InputDiscovery.realPath(argument) == root.path {
                throw VietdocError.invalidArgument(
                    "-o \(options.outputDirectory.path) is the input folder \(argument): the outputs would be "
                        + "written among the inputs; give another output folder (for instance \(argument)/vietdoc)")
            }
        }

        let catalog = try CatalogStore(directory: root)
        let discovery = InputDiscovery(excludedFolder: root, knownRoots: try catalog.roots()).discover(
            arguments: options.inputs, listedPaths: options.listedPaths)
        let inShard = { (input: BatchInput) in self.options.shard?.contains(relativePath: input.outputStem) ?? true }
        let inputs = discovery.inputs.filter(inShard)

        let writer = OutputWriter(root: root, formats: options.formats, protecting: discovery.inputs)
        writer.removeStaleTemporaries()
        let registry = DocumentRegistry(catalog: catalog, writer: writer, wanted: Set(inputs.map(\.outputStem)))
        let interruption = self.interruption
        let converter = try DocumentConverter(options: options.conversion, isCancelled: { interruption.isRequested })
        defer { converter.shutdown() }
        for path in discovery.roots { try catalog.addRoot(path) }
        let status = try StatusLog(folder: folder)
        defer { status.close() }
        let progress = makeReporter(inputs.count)
        interruption.install {
            progress.warning("interrupted: stopping after the pages in progress (Ctrl-C again stops at once)")
        }
        let inputSources = Set(discovery.inputs.map(\.source))
        for (input, reason) in discovery.skipped where inShard(input) {
            try status.append(.init(path: input.displayPath, status: .skipped, reason: reason))
            // A second name of an input is not a document of its own; a document converted
            // before keeps its row.
            if !inputSources.contains(input.source),
                let (id, known) = try? registry.claim(input, sha256: "", preferred: input.relativePath),
                known?.stamp.status != .converted
            {
                try catalog.record(
                    CatalogDocument(
                        documentID: id, path: input.relativePath, source: input.source, sha256: "", status: .skipped,
                        error: reason),
                    sections: [])
            }
            progress.fileFinished(path: input.displayPath, status: .skipped, pages: 0, reason: reason)
        }

        let state = BatchState(count: inputs.count)
        let context = Context(
            converter: converter, writer: writer, catalog: catalog, registry: registry, status: status,
            progress: progress, state: state)
        let group = DispatchGroup()
        for _ in 0..<min(options.conversion.jobs, max(1, inputs.count)) {
            group.enter()
            let thread = Thread { [self] in
                while !interruption.isRequested, state.fatalError == nil, let index = state.nextIndex() {
                    process(inputs[index], context)
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
        do {
            // The tables describe every converted document in the output folder, whichever run
            // converted it; an interrupted run brings them up to date with what it finished.
            try writer.writeAggregates(documentIDs: try catalog.convertedDocumentIDs())
            try status.flush()
        } catch {
            progress.finish()
            throw error
        }
        return BatchOutcome(summary: progress.finish(), interrupted: interrupted)
    }

    /// The output folder's real path, created if missing; `-o ""` is a usage error.
    static func outputRoot(_ url: URL) throws -> URL {
        guard !url.path.isEmpty, url.relativePath != "" else {
            throw VietdocError.invalidArgument("-o: the output folder name is empty")
        }
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw VietdocError.outputNotWritable(path: url.path, detail: "cannot create the output folder")
        }
        guard let real = InputDiscovery.realPath(url.path) else {
            throw VietdocError.outputNotWritable(path: url.path, detail: "cannot resolve the output folder")
        }
        return URL(fileURLWithPath: real)
    }

    /// The shared pieces every document worker uses.
    private struct Context {
        let converter: DocumentConverter
        let writer: OutputWriter
        let catalog: CatalogStore
        let registry: DocumentRegistry
        let status: StatusLog
        let progress: ProgressReporter
        let state: BatchState
    }

    private func process(_ input: BatchInput, _ context: Context) {
        let started = Date()
        let path = input.displayPath
        context.progress.fileStarted(path: path)
        // Hashed once: the resume check, the converter and the catalog row share it.
        let sha = input.problem == nil ? ((try? SHA256.hex(ofFile: input.url)) ?? "") : ""
        let id: String
        let known: CatalogIdentity?
        do {
            (id, known) = try context.registry.claim(input, sha256: sha)
        } catch {
            fail(input, documentID: nil, sha: sha, reason: Self.reason(error, input: input), started: started, context)
            return
        }
        if let problem = input.problem {
            fail(input, documentID: id, sha: sha, reason: problem, started: started, context)
            return
        }
        if !options.force, let known, let record = currentRecord(id, sha: sha, context) {
            if known.source != input.source || known.path != input.relativePath {
                // Moved, remounted or named another way: the same document, still current.
                try? context.catalog.updateSource(documentID: id, path: input.relativePath, source: input.source)
            }
            // A journal left by a run killed after the outputs were in place is of no more use.
            PageJournal.discard(root: context.writer.root, documentID: id)
            try? context.status.append(
                .init(path: path, status: .skipped, reason: "outputs are current", pages: record.source.pages))
            context.progress.fileFinished(path: path, status: .skipped, pages: record.source.pages)
            return
        }
        do {
            let journal = self.journal(id, sha: sha, context)
            let document = try context.converter.convert(
                input.url, displayPath: path, sha256: sha.isEmpty ? nil : sha, journal: journal
            ) {
                context.progress.pagesDone(1, path: path)
            }
            let pages = document.record.source.pages
            let failedPages = document.record.pages.filter { $0.method == .failed }
            if !failedPages.isEmpty && failedPages.count == document.record.pages.count {
                PageJournal.discard(root: context.writer.root, documentID: id)
                throw PageFailure(reason: "no page could be read (\(Self.pageReasons(failedPages)))")
            }
            // The document's files are written beside their destinations, its catalog row is
            // committed, then the files are renamed into place: a failure anywhere leaves the
            // previous outputs and row as they were.
            let staged = try context.writer.stage(document, stem: id)
            let text = RecordEncoding.plainText(pages: document.pages)
            var row = CatalogDocument(
                converted: document.record, path: input.relativePath, text: text, timings: document.timings)
            row.documentID = id
            row.source = input.source
            row.failedPages = failedPages.count
            try context.catalog.record(row, sections: CatalogSection.rows(of: document.record.plan))
            try context.writer.commit(staged)
            PageJournal.discard(root: context.writer.root, documentID: id)
            let warnedPages = document.record.pages.filter { $0.method != .failed && !$0.warnings.isEmpty }
            let pageReason =
                failedPages.isEmpty
                ? nil
                : "\(failedPages.count) of \(pages) pages could not be read (\(Self.pageReasons(failedPages)))"
                    + (warnedPages.isEmpty ? "" : "; \(Self.pageReasons(warnedPages))")
            // One line per document however many pages have warnings (low quality, deadline…):
            // with the unreadable pages' line when there is one.
            if !warnedPages.isEmpty && pageReason == nil {
                context.progress.warning("\(path): \(Self.pageReasons(warnedPages))")
            }
            try context.status.append(
                .init(
                    path: path, status: .converted, reason: pageReason, pages: pages,
                    milliseconds: document.timings.total, failedPages: failedPages.count,
                    resumedPages: document.resumedPages))
            context.progress.fileFinished(
                path: path, status: .converted, pages: pages, reason: pageReason, resumed: document.resumedPages)
        } catch let error as VietdocError where error.code == .cancelled {
            return
        } catch let error as VietdocError where error.exitCode == .missingDependency {
            // Nothing else can convert either: stop the batch with the dependency's exit code.
            context.state.fail(with: error)
        } catch {
            fail(input, documentID: id, sha: sha, reason: Self.reason(error, input: input), started: started, context)
        }
    }

    /// The journal that keeps the document's OCR'd pages until its outputs are in place, so that
    /// an interrupted run is continued mid-document; nil without a content hash. `--force`
    /// starts it afresh.
    private func journal(_ id: String, sha: String, _ context: Context) -> PageJournal? {
        if options.force { PageJournal.discard(root: context.writer.root, documentID: id) }
        guard !sha.isEmpty else { return nil }
        return PageJournal(
            root: context.writer.root, documentID: id,
            key: .init(sha256: sha, modelVersion: context.converter.modelVersion, options: options.conversion))
    }

    /// Records a failed input in the catalog, the status file and the summary.
    private func fail(
        _ input: BatchInput, documentID: String?, sha: String, reason: String, started: Date, _ context: Context
    ) {
        let milliseconds = Int(Date().timeIntervalSince(started) * 1000)
        // A failed input keeps its id. When it was converted before, its earlier outputs stay
        // on disk and its row keeps describing them (the tables still list them); this run's
        // failure is in status.jsonl and the summary.
        let convertedBefore = documentID.flatMap { try? context.catalog.stamp(documentID: $0) }?.status == .converted
        if let documentID, !convertedBefore {
            do {
                try context.catalog.record(
                    CatalogDocument(
                        documentID: documentID, path: input.relativePath, source: input.source, sha256: sha,
                        status: .failed, error: reason),
                    sections: [])
            } catch {
                context.progress.error("\(error)")
            }
        }
        do {
            try context.status.append(
                .init(path: input.displayPath, status: .failed, reason: reason, milliseconds: milliseconds))
        } catch {
            context.progress.error("\(error)")
        }
        context.progress.fileFinished(path: input.displayPath, status: .failed, pages: 0, reason: reason)
    }

    /// The document's record when its outputs and its catalog row are current (same content,
    /// vietdoc version and model), so that it can be skipped.
    private func currentRecord(_ id: String, sha: String, _ context: Context) -> DocumentRecord? {
        guard !sha.isEmpty,
            let record = context.writer.currentRecord(
                stem: id, sha256: sha, modelVersion: context.converter.modelVersion),
            let stamp = try? context.catalog.stamp(documentID: id),
            stamp
                == CatalogStamp(
                    sha256: sha, status: .converted, vietdocVersion: record.vietdocVersion,
                    modelVersion: record.restoration?.modelVersion)
        else { return nil }
        return record
    }

    /// Page failures in one short phrase: the first few page numbers with the first reason, so
    /// that 5,000 pages over the cap make one line, not 5,000.
    static func pageReasons(_ pages: [PageRecord]) -> String {
        let numbers = pages.prefix(5).map { String($0.number) }.joined(separator: ", ")
        let more = pages.count > 5 ? " and \(pages.count - 5) more" : ""
        var first = pages.first?.warnings.first ?? "unreadable"
        if let number = pages.first?.number, first.hasPrefix("page \(number): ") {
            first.removeFirst("page \(number): ".count)
        }
        return "page\(pages.count == 1 ? "" : "s") \(numbers)\(more): \(first)"
    }

    /// The error's message without a leading copy of the path (the reporter adds the path),
    /// whether the error named the input as typed or by its real path.
    static func reason(_ error: Error, input: BatchInput) -> String {
        var message = "\(error)"
        for prefix in [input.displayPath, input.url.path, input.url.standardizedFileURL.path].map({ $0 + ": " })
        where message.hasPrefix(prefix) {
            message = String(message.dropFirst(prefix.count))
        }
        return message
    }
}

/// A document none of whose pages could be read: a failed input.
struct PageFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
}

/// The batch's shared counters: the next input to take and the error that stops the batch.
private final class BatchState: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private let count: Int
    private var fatal: VietdocError?

    /// The first error that stops the whole batch, if any.
    var fatalError: VietdocError? {
        lock.lock()
        defer { lock.unlock() }
        return fatal
    }

    init(count: Int) { self.count = count }

    func nextIndex() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < count else { return nil }
        next += 1
        return next - 1
    }

    func fail(with error: VietdocError) {
        lock.lock()
        if fatal == nil { fatal = error }
        lock.unlock()
    }
}
