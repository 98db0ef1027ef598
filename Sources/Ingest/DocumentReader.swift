import Foundation

/// Where a `DocumentReader` gets its pages from.
protocol PageSource: AnyObject {
    var pageCount: Int { get }
    func page(at index: Int) throws -> IngestedPage
}

/// One opened input. Pages are produced on demand, one at a time, so that a 300-page PDF
/// never holds more than one rendered page in memory.
///
/// A reader is not thread-safe: call it from one thread at a time. Several readers (even on
/// the same file) may work in parallel.
public final class DocumentReader {
    public let url: URL
    public let inputKind: InputKind
    /// The resolution PDF pages are rendered at, and images without one are assumed to have.
    public let renderDPI: Int
    public let maxPixels: Int
    /// The largest text input read, in bytes.
    public let maxTextBytes: Int
    /// The default of `maxTextBytes`: a text input takes about 65 times its size in memory.
    public static let defaultMaxTextBytes = TextFileReader.defaultMaxBytes
    private let preprocessing: Preprocessing
    private let source: PageSource?
    private let textPages: [PageText]

    /// Opens `url`, judging its kind by content.
    ///
    /// Throws `VietdocError`: `.fileNotFound`, `.isDirectory`, `.unsupportedFormat`,
    /// `.encryptedPDF`, `.corruptPDF`, `.emptyDocument`, `.unreadableImage`, `.unreadableText`,
    /// `.textTooLarge` (a text input over `maxTextBytes`).
    /// `preprocessing` says whether colour pages have their red and blue ink turned to paper in
    /// the grey conversion and whether scanned pages are smoothed (see `Preprocessing`); the
    /// default reads pages as they are.
    public init(
        url: URL, renderDPI: Int = 300, maxPixels: Int = GrayImage.defaultMaxPixels,
        preprocessing: Preprocessing = .none, maxTextBytes: Int = defaultMaxTextBytes
    ) throws {
        self.url = url
        self.renderDPI = renderDPI
        self.maxPixels = maxPixels
        self.maxTextBytes = maxTextBytes
        self.preprocessing = preprocessing
        inputKind = try InputSniffer.kind(of: url)
        switch inputKind {
        case .pdf:
            source = try PDFPageSource(url: url, dpi: renderDPI, maxPixels: maxPixels, preprocessing: preprocessing)
            textPages = []
        case .image:
            source = try ImagePageSource(url: url, maxPixels: maxPixels, defaultDPI: renderDPI)
            textPages = []
        case .text:
            source = nil
            textPages = try TextFileReader.pages(of: url, maxBytes: maxTextBytes)
            if textPages.allSatisfy({ $0.lines.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }) {
                throw VietdocError.emptyDocument(path: url.path)
            }
        }
    }

    /// Number of pages (for text files: form-feed separated parts).
    public var pageCount: Int { source?.pageCount ?? textPages.count }

    /// The page at a 0-based `index`.
    public func page(at index: Int) throws -> IngestedPage {
        guard let source else { return .text(textPages[index]) }
        let page = try source.page(at: index)
        // Image files are scans; PDF pages are smoothed by the renderer, which knows which are.
        if inputKind == .image, case .image(let number, let image) = page {
            return .image(number: number, preprocessing.smoothed(image))
        }
        return page
    }

    /// The record's `source.kind` once the pages' methods are known: a PDF is a text PDF when
    /// any page came from its text layer.
    public static func sourceKind(of kind: InputKind, methods: [PageMethod]) -> SourceKind {
        switch kind {
        case .pdf: return methods.contains(.textLayer) ? .textPDF : .scannedPDF
        case .image: return .image
        case .text: return .text
        }
    }
}
