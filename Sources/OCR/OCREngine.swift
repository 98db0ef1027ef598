import CTesseract
import Foundation

/// A tesseract engine (libtesseract C API), created once and reused for many pages.
///
/// One engine serves one thread at a time; run N engines on N threads for page-level
/// parallelism. Tesseract's own OpenMP threading should be off (`OMP_THREAD_LIMIT=1` in the
/// environment the process started with, see `OpenMPThreads.reexecIfNeeded()`) so that
/// parallelism stays at the page level.
///
/// Failure policy: a page over the pixel cap, or one whose recognition passes the deadline,
/// comes back as `PageText(method: .failed, warnings: [why])` so that the rest of the document
/// goes on; a cancelled page throws `.cancelled`; an image tesseract refuses throws `.ocrFailed`.
public final class OCREngine {
    /// The languages in tesseract's form, e.g. `vie` or `vie+eng`.
    public let languages: String
    /// The folder the language data was loaded from.
    public let dataPath: String
    public let maxPixels: Int
    private let handle: OpaquePointer
    private let monitor: OpaquePointer

    /// The version of libtesseract in use ("5.3.0").
    public static var libraryVersion: String { TessVersion().map { String(cString: $0) } ?? "unknown" }

    /// Creates and initialises an engine.
    ///
    /// Throws `.missingDependency` (naming the Debian package) when a language's data is
    /// missing, `.invalidArgument` for a malformed language string.
    public init(languages: String = "vie", dataPath: String? = nil, maxPixels: Int = GrayImage.defaultMaxPixels) throws
    {
        OpenMPThreads.limitForLaterProcesses()
        self.languages = languages
        self.maxPixels = maxPixels
        let dir = try TessdataLocator.directory(for: languages, explicit: dataPath)
        self.dataPath = dir
        guard let api = TessBaseAPICreate() else {
            throw VietdocError.ocrFailed(path: dir, page: nil, detail: "tesseract cannot create an engine")
        }
        // Tesseract's diagnostics ("Detected N diacritics"…) would otherwise go to stderr.
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        if TessBaseAPIInit2(api, dir, languages, OEM_DEFAULT) != 0 {
            TessBaseAPIDelete(api)
            let first = TessdataLocator.languages(in: languages).first ?? languages
            throw VietdocError.missingDependency(
                what: "tesseract language data '\(languages)' (init failed in \(dir))",
                package: TessdataLocator.debianPackage(for: first))
        }
        // The library's default is a single block; the tesseract CLI (and real pages) want
        // automatic page segmentation.
        TessBaseAPISetPageSegMode(api, PSM_AUTO)
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        handle = api
        monitor = TessMonitorCreate()
    }

    deinit {
        TessMonitorDelete(monitor)
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Recognises one page image.
    ///
    /// - Parameters:
    ///   - pageNumber: the 1-based page number recorded in the result.
    ///   - deadline: seconds allowed for recognition; past it the page is `.failed`.
    ///   - isCancelled: polled during recognition; when it returns true, `.cancelled` is thrown.
    public func recognize(
        _ image: GrayImage, pageNumber: Int, deadline: TimeInterval = 180,
        isCancelled: (() -> Bool)? = nil
    ) throws -> PageText {
        if image.width * image.height > maxPixels {
            return PageText(
                number: pageNumber, method: .failed, lines: [],
                warnings: [
                    "page \(pageNumber): image of \(image.width)×\(image.height) pixels is over the cap of \(maxPixels) pixels; not OCR'd"
                ])
        }
        guard image.width > 0, image.height > 0 else {
            return PageText(
                number: pageNumber, method: .failed, lines: [], warnings: ["page \(pageNumber): empty image"])
        }
        defer { TessBaseAPIClear(handle) }
        image.pixels.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(
                handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.bytesPerRow))
        }
        TessBaseAPISetSourceResolution(handle, Int32(image.dpi))

        let cancel = CancelCheck(isCancelled)
        TessMonitorSetCancelThis(monitor, Unmanaged.passUnretained(cancel).toOpaque())
        TessMonitorSetCancelFunc(monitor) { context, _ in
            guard let context else { return false }
            return Unmanaged<CancelCheck>.fromOpaque(context).takeUnretainedValue().shouldStop()
        }
        let milliseconds = Int32(clamping: Int((max(deadline, 0.001) * 1000).rounded()))
        TessMonitorSetDeadlineMSecs(monitor, milliseconds)
        let start = Date()
        let status = TessBaseAPIRecognize(handle, monitor)
        let elapsed = Date().timeIntervalSince(start)
        TessMonitorSetCancelThis(monitor, nil)
        if cancel.cancelled { throw VietdocError.cancelled }
        if status != 0 {
            if elapsed >= deadline * 0.99 {
                return PageText(
                    number: pageNumber, method: .failed, lines: [],
                    warnings: ["page \(pageNumber): OCR stopped at the page deadline of \(Self.seconds(deadline)) s"])
            }
            throw VietdocError.ocrFailed(path: nil, page: pageNumber, detail: "tesseract could not recognise the image")
        }
        return PageText(
            number: pageNumber, method: .ocr, lines: lines(), words: words(),
            meanConfidence: Double(TessBaseAPIMeanTextConf(handle)))
    }

    /// The recognised text as lines in reading order; an empty line separates paragraphs,
    /// as in the tesseract CLI's output.
    private func lines() -> [String] {
        guard let raw = TessBaseAPIGetUTF8Text(handle) else { return [] }
        defer { TessDeleteText(raw) }
        var lines = VietnameseText.nfc(String(cString: raw))
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines
    }

    /// Every word with its confidence, box, and the running numbers (from 1) of the block,
    /// paragraph and text line tesseract put it in.
    private func words() -> [Word] {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let page = TessResultIteratorGetPageIterator(iterator)
        var words: [Word] = []
        var block = 0
        var paragraph = 0
        var line = 0
        repeat {
            if TessPageIteratorIsAtBeginningOf(page, RIL_BLOCK) != 0 { block += 1 }
            if TessPageIteratorIsAtBeginningOf(page, RIL_PARA) != 0 { paragraph += 1 }
            if TessPageIteratorIsAtBeginningOf(page, RIL_TEXTLINE) != 0 { line += 1 }
            guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { continue }
            let text = VietnameseText.nfc(String(cString: raw))
            TessDeleteText(raw)
            var left: Int32 = 0
            var top: Int32 = 0
            var right: Int32 = 0
            var bottom: Int32 = 0
            _ = TessPageIteratorBoundingBox(page, RIL_WORD, &left, &top, &right, &bottom)
            let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
            words.append(
                Word(
                    text: text, confidence: (confidence * 100).rounded() / 100,
                    box: BoundingBox(x: Int(left), y: Int(top), width: Int(right - left), height: Int(bottom - top)),
                    block: max(block, 1), paragraph: max(paragraph, 1), line: max(line, 1)))
        } while TessResultIteratorNext(iterator, RIL_WORD) != 0
        return words
    }

    private static func seconds(_ t: TimeInterval) -> String {
        t == t.rounded() ? String(Int(t)) : String(format: "%.1f", t)
    }
}

/// Carries a cancellation predicate into tesseract's C callback.
private final class CancelCheck {
    let predicate: (() -> Bool)?
    var cancelled = false
    init(_ predicate: (() -> Bool)?) { self.predicate = predicate }
    func shouldStop() -> Bool {
        if !cancelled, let predicate, predicate() { cancelled = true }
        return cancelled
    }
}
