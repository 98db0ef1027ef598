import Diacritics
import Foundation
import Ingest
import Layout
import Logging
import Segmentation
import VietdocCore

/// Converts one input file into a `ConvertedDocument`: ingest, OCR (on a shared worker pool),
/// layout (regions and reading order), restoration and segmentation. Safe to call from several threads at once.
public final class DocumentConverter: @unchecked Sendable {
    public let options: ConversionOptions
    private let restorer: Restorer?
    private let layout = LayoutAnalyzer()
    private let segmenter = Segmenter()
    private let logger = Logger(label: "vietdoc.pipeline")
    private let executorLock = NSLock()
    private var executor: PageExecutor?
    /// Checked between pages; set by the batch runner on Ctrl-C.
    private let isCancelled: @Sendable () -> Bool

    /// Version of the restoration model in use, or nil when restoration is off.
    public var modelVersion: String? { restorer?.model.version }

    /// Loads the restoration model (when restoration is on). OCR engines start on the first
    /// page that needs them, so text-only batches never load tesseract.
    public init(options: ConversionOptions, isCancelled: @escaping @Sendable () -> Bool = { false }) throws {
        self.options = options
        self.isCancelled = isCancelled
        if options.restore {
            restorer = Restorer(model: try DiacriticModel.load(from: DiacriticModel.directory(options.modelDirectory)))
        } else {
            restorer = nil
        }
    }

    deinit { executor?.shutdown() }

    /// Stops the page workers once their queued pages are done.
    public func shutdown() {
        executorLock.lock()
        let current = executor
        executor = nil
        executorLock.unlock()
        current?.shutdown()
    }

    /// Converts the file at `url`; `displayPath` is what the record and messages call it.
    /// `sha256` is the content hash when the caller has it (the file is then not hashed again).
    /// `journal` holds the pages an interrupted run finished (they are not read again) and
    /// receives each page OCR'd now. `onPage` is told of every page read (for progress).
    public func convert(
        _ url: URL, displayPath: String, sha256 knownHash: String? = nil, journal: PageJournal? = nil,
        onPage: @escaping @Sendable () -> Void = {}
    ) throws -> ConvertedDocument {
        let started = Date()
        var timings = StageTimings()
        let sha256: String
        if let knownHash {
            sha256 = knownHash
        } else {
            do {
                sha256 = try SHA256.hex(ofFile: url)
            } catch {
                throw Self.openError(url, displayPath: displayPath)
            }
        }

        let ingestStart = Date()
        let reader = try DocumentReader(
            url: url, renderDPI: options.renderDPI, maxPixels: options.maxPagePixels,
            maxTextBytes: options.maxTextBytes)
        var ingestSeconds = Date().timeIntervalSince(ingestStart)
        var ocrSeconds = 0.0
        let pageCount = reader.pageCount
        var readPages: [PageText]
        var resumedPages = 0
        if reader.inputKind == .text {
            readPages = try (0..<pageCount).map { index in
                guard case .text(let text) = try reader.page(at: index) else {
                    preconditionFailure("a text input has text pages only")
                }
                onPage()
                return text
            }
        } else {
            let read = try readImagePages(url, count: pageCount, journal: journal, onPage: onPage)
            readPages = read.pages
            ingestSeconds += read.readSeconds
            ocrSeconds = read.ocrSeconds
            resumedPages = read.resumed
        }
        // Interrupted with every page read: the document is finished and kept.
        if isCancelled() && readPages.contains(where: { $0.method == .failed }) {
            throw VietdocError.cancelled
        }
        timings.ingest = Self.milliseconds(ingestSeconds)
        timings.ocr = Self.milliseconds(ocrSeconds)
        let layoutStart = Date()
        readPages = layout.analyse(pages: readPages)
        let layoutMilliseconds = Self.milliseconds(Date().timeIntervalSince(layoutStart))

        var pages = readPages
        var quality = QualityInfo(ocrMeanConfidence: Self.meanConfidence(readPages))
        var restoration: RestorationSummary?
        if let restorer {
            let start = Date()
            let restored = LineRestoration(restorer: restorer).restore(pages: readPages, isCancelled: isCancelled)
            if isCancelled() { throw VietdocError.cancelled }
            pages = restored.pages
            restoration = restored.summary
            quality.restoredTokens = restored.quality.tokens
            quality.changedTokens = restored.quality.changed
            quality.lowConfidenceSpans = restored.quality.lowConfidenceSpans
            timings.restore = Self.milliseconds(Date().timeIntervalSince(start))
        }
        let pageRecords = Self.pageRecords(readPages, restoration: restoration, spans: quality.lowConfidenceSpans)
        // Every change and span counted in the pages' quality; the record lists a bounded number
        // of each per page.
        restoration = restoration?.listing(atMost: options.listedChangesPerPage)
        quality = quality.listing(atMost: options.listedChangesPerPage)

        let segmentStart = Date()
        let plan = segmenter.segment(pages: pages)
        timings.segment = Self.milliseconds(Date().timeIntervalSince(segmentStart))

        let source = SourceInfo(
            path: displayPath, sha256: sha256,
            kind: DocumentReader.sourceKind(of: reader.inputKind, methods: readPages.map(\.method)), pages: pageCount)
        let record = DocumentRecord(
            vietdocVersion: VietdocVersion.current, source: source, pages: pageRecords,
            plan: plan, quality: quality, restoration: restoration)
        timings.total = Self.milliseconds(Date().timeIntervalSince(started))
        logger.debug(
            "converted",
            metadata: [
                "path": "\(displayPath)", "pages": "\(pageCount)", "ingest_ms": "\(timings.ingest)",
                "ocr_ms": "\(timings.ocr)", "layout_ms": "\(layoutMilliseconds)", "restore_ms": "\(timings.restore)",
                "segment_ms": "\(timings.segment)",
                "total_ms": "\(timings.total)",
            ])
        return ConvertedDocument(
            record: record, pages: pages, ocrPages: readPages, timings: timings, input: url, resumedPages: resumedPages)
    }

    // MARK: - Helpers

    /// The pages of an image or PDF input as read, with the seconds spent reading and in OCR,
    /// and how many came from the journal.
    private struct ReadPages {
        var pages: [PageText] = []
        var readSeconds = 0.0
        var ocrSeconds = 0.0
        var resumed = 0
    }

    /// Reads the pages of an image or PDF input. Pages an interrupted run finished come from
    /// `journal`; the others are read, preprocessed and OCR'd on the shared executor, in
    /// parallel within the document (each OCR'd page is journaled as it finishes), while this
    /// thread waits and reassembles them by index.
    private func readImagePages(
        _ url: URL, count: Int, journal: PageJournal?, onPage: @escaping @Sendable () -> Void
    ) throws -> ReadPages {
        // A single page has no middle to resume from.
        let journal = count > 1 ? journal : nil
        var byIndex = journal?.pages(count: count) ?? [:]
        var read = ReadPages(resumed: byIndex.count)
        let tasks = (0..<count).filter { byIndex[$0] == nil }.map { PageTask(url: url, index: $0) }
        let results = pageExecutor().run(tasks) { task, result in
            if let journal, case .success(let done) = result, done.page.method == .ocr {
                journal.keep(done.page, index: task.index)
            }
            onPage()
        }
        for (task, result) in zip(tasks, results) {
            switch result {
            case .success(let done):
                byIndex[task.index] = done.page
                read.readSeconds += done.readSeconds
                read.ocrSeconds += done.ocrSeconds
            case .failure(let error as VietdocError)
            where error.exitCode == .missingDependency || error.exitCode == .interrupted:
                throw error
            case .failure(let error):
                byIndex[task.index] = PageText(
                    number: task.index + 1, method: .failed, lines: [], warnings: ["\(error)"])
            }
        }
        read.pages = (0..<count).map { byIndex[$0]! }
        return read
    }

    /// The page executor, started on the first document with pages to read (its engines start
    /// on their first image page, so text-layer PDFs never load tesseract).
    private func pageExecutor() -> PageExecutor {
        executorLock.lock()
        defer { executorLock.unlock() }
        if let executor { return executor }
        let processor = PageProcessor(
            languages: options.languages, tessdataDirectory: options.tessdataDirectory, renderDPI: options.renderDPI,
            maxPixels: options.maxPagePixels, deadline: options.pageTimeout, preprocessing: options.preprocessing,
            isCancelled: isCancelled)
        let created = PageExecutor(workers: options.jobs, processor: processor)
        executor = created
        return created
    }

    /// The pages' records, each OCR'd page with its quality (and a warning when it is poor).
    static func pageRecords(_ pages: [PageText], restoration: RestorationSummary?, spans: [LowConfidenceSpan])
        -> [PageRecord]
    {
        // Counted by page once: filtering the whole list for each page is quadratic in a long PDF.
        let changesOnPage = (restoration?.changes ?? []).reduce(into: [Int: Int]()) { $0[$1.page, default: 0] += 1 }
        // Words kept with low confidence are not counted: the share is of syllables changed.
        let spansOnPage = spans.reduce(into: [Int: Int]()) { $0[$1.page, default: 0] += $1.kept == true ? 0 : 1 }
        return pages.map { page in
            guard page.method == .ocr else { return PageRecord(page) }
            let syllables = VietnameseText.syllables(page.text).count
            let changed = restoration.map { _ in changesOnPage[page.number, default: 0] }
            let low = restoration.map { _ in spansOnPage[page.number, default: 0] }
            let quality = PageQuality.assess(page: page, syllables: syllables, changed: changed, lowConfidence: low)
            var record = PageRecord(page, quality: quality)
            if quality.poor {
                record.warnings.append(
                    "poor OCR quality (\(quality.reasons.joined(separator: "; "))): review the page or rescan it")
            }
            return record
        }
    }

    private static func openError(_ url: URL, displayPath: String) -> VietdocError {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            return .fileNotFound(path: displayPath)
        }
        if isDirectory.boolValue { return .isDirectory(path: displayPath) }
        if access(url.path, R_OK) != 0 && errno == EACCES { return .permissionDenied(path: displayPath) }
        return .unsupportedFormat(path: displayPath, detail: "the file cannot be read")
    }

    /// Mean word confidence over the OCR'd pages, weighted by their words.
    static func meanConfidence(_ pages: [PageText]) -> Double? {
        let words = pages.filter { $0.method == .ocr }.flatMap(\.words)
        guard !words.isEmpty else { return nil }
        let mean = words.map(\.confidence).reduce(0, +) / Double(words.count)
        return (mean * 100).rounded() / 100
    }

    static func milliseconds(_ seconds: TimeInterval) -> Int { Int((seconds * 1000).rounded()) }
}
