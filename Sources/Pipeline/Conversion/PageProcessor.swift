import Foundation
import Ingest
import OCR

/// One page's outcome: its text (with the preprocessing steps applied to it) and where the
/// time went.
public struct PageResult: Sendable {
    public var page: PageText
    /// Seconds spent reading the page: rendering or decoding, and preprocessing.
    public var readSeconds: Double
    /// Seconds spent in OCR (0 for text pages).
    public var ocrSeconds: Double

    public init(page: PageText, readSeconds: Double = 0, ocrSeconds: Double = 0) {
        self.page = page
        self.readSeconds = readSeconds
        self.ocrSeconds = ocrSeconds
    }
}

/// The per-page function: a page of a file in, a `PageResult` out. Reads the page (text layer,
/// render or decode), preprocesses an image and OCRs it. `PageExecutor` runs it on its workers;
/// nothing else reads pages for OCR.
public struct PageProcessor: Sendable {
    public var languages: String
    public var tessdataDirectory: String?
    public var renderDPI: Int
    public var maxPixels: Int
    public var deadline: TimeInterval
    public var preprocessing: Preprocessing
    /// Polled during recognition; when true, the page throws `.cancelled`.
    public var isCancelled: @Sendable () -> Bool

    public init(
        languages: String = "vie", tessdataDirectory: String? = nil, renderDPI: Int = 300,
        maxPixels: Int = GrayImage.defaultMaxPixels, deadline: TimeInterval = 180,
        preprocessing: Preprocessing = Preprocessing(), isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.languages = languages
        self.tessdataDirectory = tessdataDirectory
        self.renderDPI = renderDPI
        self.maxPixels = maxPixels
        self.deadline = deadline
        self.preprocessing = preprocessing
        self.isCancelled = isCancelled
    }

    /// What one worker keeps between pages: its engine and the readers of its last documents.
    public struct WorkerState {
        var engine: OCREngine?
        var detector: OrientationDetector?
        var detectorMissing = false
        var readers: [(url: URL, reader: DocumentReader)] = []
        public init() {}
    }

    /// Readers kept open per worker; a worker mostly takes consecutive pages of one document.
    static let openReaders = 2

    /// Reads, preprocesses and OCRs one page. Throws `.cancelled`, `.missingDependency` (no
    /// language data) and errors opening the file; a page that cannot be read or recognised is
    /// a `.failed` page with a warning, not an error.
    public func process(_ task: PageTask, state: inout WorkerState) throws -> PageResult {
        if isCancelled() { throw VietdocError.cancelled }
        let readStart = Date()
        let reader = try self.reader(for: task.url, state: &state)
        let ingested = try reader.page(at: task.index)
        switch ingested {
        case .text(let text):
            return PageResult(page: text, readSeconds: Date().timeIntervalSince(readStart))
        case .failed(let number, let reason):
            return PageResult(
                page: PageText(number: number, method: .failed, lines: [], warnings: [reason]),
                readSeconds: Date().timeIntervalSince(readStart))
        case .image(let number, let raw):
            var prepared = raw
            if preprocessing.orientation, let detector = try orientationDetector(&state) {
                prepared = Preprocessing.turned(prepared, clockwise: detector.uprightTurn(of: prepared))
            }
            prepared = preprocessing.apply(to: prepared)
            let readSeconds = Date().timeIntervalSince(readStart)
            let engine = try self.engine(&state)
            let ocrStart = Date()
            var page: PageText
            do {
                page = try engine.recognize(
                    prepared, pageNumber: number, deadline: deadline, isCancelled: isCancelled)
            } catch let error as VietdocError where error.code == .ocrFailed {
                page = PageText(
                    number: number, method: .failed, lines: [],
                    warnings: ["page \(number): OCR failed (\(error.detail ?? "no detail"))"])
            }
            // What the PDF draws over the scan (a digital-signature overlay) replaces OCR's reading.
            if page.method != .failed { page = prepared.annotations.merged(into: page) }
            page.preprocessing = prepared.steps
            page.frame = PageFrame(width: prepared.width, height: prepared.height, dpi: prepared.dpi)
            return PageResult(page: page, readSeconds: readSeconds, ocrSeconds: Date().timeIntervalSince(ocrStart))
        }
    }

    private func reader(for url: URL, state: inout WorkerState) throws -> DocumentReader {
        if let i = state.readers.firstIndex(where: { $0.url == url }) {
            let entry = state.readers.remove(at: i)
            state.readers.append(entry)
            return entry.reader
        }
        let reader = try DocumentReader(
            url: url, renderDPI: renderDPI, maxPixels: maxPixels, preprocessing: preprocessing)
        state.readers.append((url, reader))
        if state.readers.count > Self.openReaders { state.readers.removeFirst() }
        return reader
    }

    /// The worker's orientation detector; nil when `osd.traineddata` is missing (orientation is
    /// then left as it is: the page is still read).
    private func orientationDetector(_ state: inout WorkerState) throws -> OrientationDetector? {
        if let detector = state.detector { return detector }
        if state.detectorMissing { return nil }
        do {
            state.detector = try OrientationDetector(dataPath: tessdataDirectory)
        } catch {
            state.detectorMissing = true
        }
        return state.detector
    }

    private func engine(_ state: inout WorkerState) throws -> OCREngine {
        if let engine = state.engine { return engine }
        let engine = try OCREngine(languages: languages, dataPath: tessdataDirectory, maxPixels: maxPixels)
        state.engine = engine
        return engine
    }
}
