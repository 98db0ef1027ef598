import Foundation
import Ingest

/// How one document is converted: OCR settings and whether restoration runs.
public struct ConversionOptions: Sendable {
    /// Tesseract languages in its `vie+eng` form.
    public var languages: String
    /// Page workers (each with one OCR engine and at most one page image), and documents in
    /// flight; capped by `PageExecutor.workerCount(forJobs:)`.
    public var jobs: Int
    /// Seconds one page may take in OCR before it is given up.
    public var pageTimeout: TimeInterval
    /// Largest page, in pixels, that is rendered and OCR'd; larger pages are reported and skipped.
    public var maxPagePixels: Int
    /// Largest text input, in bytes, converted as one document; larger ones fail
    /// (`.textTooLarge`), which bounds a job's memory.
    public var maxTextBytes = DocumentReader.defaultMaxTextBytes
    /// Render resolution for pages without a usable text layer.
    public var renderDPI: Int
    /// Run diacritic restoration (on by default; `--no-restore` turns it off).
    public var restore: Bool
    /// Folder holding the dictionary model; nil means the default search.
    public var modelDirectory: URL?
    /// Folder holding tesseract's traineddata; nil means tesseract's default.
    public var tessdataDirectory: String?
    /// The image steps between ingest and OCR (all on by default; `--no-…` options turn them off).
    public var preprocessing: Preprocessing
    /// The most restoration changes the record lists per page (the others are counted).
    public var listedChangesPerPage = RestorationSummary.listedChangesPerPage

    public init(
        languages: String = "vie", jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        pageTimeout: TimeInterval = 180, maxPagePixels: Int = GrayImage.defaultMaxPixels, renderDPI: Int = 300,
        restore: Bool = true, modelDirectory: URL? = nil, tessdataDirectory: String? = nil,
        preprocessing: Preprocessing = Preprocessing()
    ) {
        self.languages = languages
        self.jobs = PageExecutor.workerCount(forJobs: jobs)
        self.preprocessing = preprocessing
        self.pageTimeout = pageTimeout
        self.maxPagePixels = maxPagePixels
        self.renderDPI = renderDPI
        self.restore = restore
        self.modelDirectory = modelDirectory
        self.tessdataDirectory = tessdataDirectory
    }
}
