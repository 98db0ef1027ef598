import Catalog
import Diacritics
import Foundation
import Ingest
import Layout
import Logging
import Segmentation

/// Converts one input file into a `ConvertedDocument`: ingest, OCR (on a shared worker pool),
/// layout (regions and reading order), restoration and segmentation. Safe to call from several threads at once.
public final class DocumentConverter: @unchecked Sendable {
    public let options: ConversionOptions
    private let restorer: Restorer?
    private let layout = LayoutAnalyzer()
    private let segmenter = Segmenter()
    private let logger = Logger(label: "vietdoc.pipeline")
    private let poolLock = NSLock()
    private var pool: OCRWorkerPool?
    private var poolError: Error?
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

    deinit { pool?.shutdown() }

    /// Stops the OCR workers once their queued pages are done.
    public func shutdown() {
        poolLock.lock()
        let current = pool
        pool = nil
        poolLock.unlock()
        current?.shutdown()
    }

    /// Converts the file at `url`; `displayPath` is what the record and messages call it.
    /// `onPage` is told of every page read (for progress).
    public func convert(
        _ url: URL, displayPath: String, onPage: @escaping @Sendable () -> Void = {}
    ) throws -> ConvertedDocument {
        let started = Date()
        var timings = StageTimings()
        let sha256: String
        do {
            sha256 = try SHA256.hex(ofFile: url)
        } catch {
            throw Self.openError(url, displayPath: displayPath)
        }

        let ingestStart = Date()
        let reader = try DocumentReader(url: url, renderDPI: options.renderDPI, maxPixels: options.maxPagePixels)
        var ingestSeconds = Date().timeIntervalSince(ingestStart)
        let pageCount = reader.pageCount
        let collector = PageCollector(count: pageCount)
        let inFlight = DispatchSemaphore(value: options.jobs)
        let group = DispatchGroup()

        for index in 0..<pageCount {
            if isCancelled() { break }
            let pageStart = Date()
            let page = try reader.page(at: index)
            ingestSeconds += Date().timeIntervalSince(pageStart)
            switch page {
            case .text(let text):
                collector.set(index, text, seconds: 0)
                onPage()
            case .failed(let number, let reason):
                collector.set(
                    index, PageText(number: number, method: .failed, lines: [], warnings: [reason]), seconds: 0)
                onPage()
            case .image(let number, let image):
                let workers = try ocrPool()
                inFlight.wait()
                group.enter()
                workers.submit(image, pageNumber: number) { result, seconds in
                    let text: PageText
                    switch result {
                    case .success(let recognised): text = recognised
                    case .failure(let error):
                        text = PageText(number: number, method: .failed, lines: [], warnings: ["\(error)"])
                    }
                    collector.set(index, text, seconds: seconds)
                    onPage()
                    inFlight.signal()
                    group.leave()
                }
            }
        }
        group.wait()
        if isCancelled() { throw VietdocError.cancelled }
        timings.ingest = Self.milliseconds(ingestSeconds)
        timings.ocr = Self.milliseconds(collector.ocrSeconds)
        let layoutStart = Date()
        let readPages = layout.analyse(pages: collector.pages)
        let layoutMilliseconds = Self.milliseconds(Date().timeIntervalSince(layoutStart))

        var pages = readPages
        var quality = QualityInfo(ocrMeanConfidence: Self.meanConfidence(readPages))
        var restoration: RestorationSummary?
        if let restorer {
            let start = Date()
            let restored = restorer.restore(pages: readPages)
            pages = restored.pages
            restoration = restored.summary
            quality.restoredTokens = restored.quality.tokens
            quality.changedTokens = restored.quality.changed
            quality.lowConfidenceSpans = restored.quality.lowConfidenceSpans
            timings.restore = Self.milliseconds(Date().timeIntervalSince(start))
        }

        let segmentStart = Date()
        let plan = segmenter.segment(pages: pages)
        timings.segment = Self.milliseconds(Date().timeIntervalSince(segmentStart))

        let source = SourceInfo(
            path: displayPath, sha256: sha256,
            kind: DocumentReader.sourceKind(of: reader.inputKind, methods: readPages.map(\.method)), pages: pageCount)
        let record = DocumentRecord(
            vietdocVersion: VietdocVersion.current, source: source, pages: readPages.map(PageRecord.init),
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
        return ConvertedDocument(record: record, pages: pages, timings: timings)
    }

    // MARK: - Helpers

    private func ocrPool() throws -> OCRWorkerPool {
        poolLock.lock()
        defer { poolLock.unlock() }
        if let pool { return pool }
        if let poolError { throw poolError }
        do {
            let created = try OCRWorkerPool(
                workers: options.jobs, languages: options.languages, dataPath: options.tessdataDirectory,
                maxPixels: options.maxPagePixels, deadline: options.pageTimeout, isCancelled: isCancelled)
            pool = created
            return created
        } catch {
            poolError = error
            throw error
        }
    }

    private static func openError(_ url: URL, displayPath: String) -> VietdocError {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            return .fileNotFound(path: displayPath)
        }
        if isDirectory.boolValue { return .isDirectory(path: displayPath) }
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

/// Collects pages that finish in any order, by index.
private final class PageCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [PageText?]
    private var seconds: TimeInterval = 0

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ page: PageText, seconds: TimeInterval) {
        lock.lock()
        slots[index] = page
        self.seconds += seconds
        lock.unlock()
    }

    var pages: [PageText] {
        lock.lock()
        defer { lock.unlock() }
        return slots.enumerated().map { index, page in
            page ?? PageText(number: index + 1, method: .failed, lines: [], warnings: ["not read"])
        }
    }

    var ocrSeconds: TimeInterval {
        lock.lock()
        defer { lock.unlock() }
        return seconds
    }
}
