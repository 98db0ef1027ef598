import CLeptonica
import Foundation

/// A PNG, JPEG or TIFF (multi-page too) decoded with leptonica into 8-bit grey, one page at a
/// time. Only this type touches leptonica in ingest.
final class ImagePageSource: PageSource {
    private let path: String
    private let isTIFF: Bool
    let pageCount: Int
    private let maxPixels: Int
    private let defaultDPI: Int

    init(url: URL, maxPixels: Int, defaultDPI: Int) throws {
        Leptonica.silence()
        path = url.path
        self.maxPixels = maxPixels
        self.defaultDPI = defaultDPI
        var format: Int32 = 0
        if findFileFormat(path, &format) != 0 {
            throw VietdocError.unreadableImage(path: path, detail: "unknown image format")
        }
        isTIFF = Leptonica.isTIFF(format)
        if let problem = Self.truncation(of: url, format: format) {
            throw VietdocError.unreadableImage(path: path, detail: problem)
        }
        if isTIFF {
            guard let file = fopenReadStream(path) else {
                throw VietdocError.unreadableImage(path: path, detail: "the file cannot be opened")
            }
            defer { fclose(file) }
            var count: Int32 = 0
            if tiffGetCount(file, &count) != 0 || count < 1 {
                throw VietdocError.unreadableImage(path: path, detail: "no readable TIFF directory")
            }
            pageCount = Int(count)
        } else {
            var w: Int32 = 0
            var h: Int32 = 0
            var bps: Int32 = 0
            var spp: Int32 = 0
            var cmap: Int32 = 0
            if pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap) != 0 || w <= 0 || h <= 0 {
                throw VietdocError.unreadableImage(path: path, detail: "the image header is damaged")
            }
            pageCount = 1
        }
    }

    func page(at index: Int) throws -> IngestedPage {
        precondition(index >= 0 && index < pageCount, "page index \(index) out of 0..<\(pageCount)")
        let number = index + 1
        // The size the header declares is checked before any pixel is decoded: a small file
        // may declare 40000×40000 pixels and would take gigabytes once decoded.
        guard let (w, h) = declaredSize(page: index) else {
            if pageCount == 1 { throw VietdocError.unreadableImage(path: path, detail: "the image header is damaged") }
            return .failed(number: number, reason: "the header of TIFF page \(number) is damaged")
        }
        if w * h > maxPixels {
            return .failed(number: number, reason: "the image is \(w)×\(h) pixels, over the cap of \(maxPixels) pixels")
        }
        var pix = isTIFF ? pixReadTiff(path, Int32(index)) : pixRead(path)
        guard pix != nil else {
            if pageCount == 1 { throw VietdocError.unreadableImage(path: path, detail: "the image data is damaged") }
            return .failed(number: number, reason: "page \(number) of the TIFF cannot be decoded")
        }
        defer { pixDestroy(&pix) }
        let width = Int(pixGetWidth(pix))
        let height = Int(pixGetHeight(pix))
        if width * height > maxPixels {
            return .failed(
                number: number,
                reason: "the image is \(width)×\(height) pixels, over the cap of \(maxPixels) pixels")
        }
        // Transparent pixels (RGBA, grey+alpha PNGs) are paper: blend them on white, or a
        // transparent background would turn black.
        var opaque = pixGetSpp(pix) == 4 ? pixAlphaBlendUniform(pix, 0xFFFF_FF00) : nil
        defer { if opaque != nil { pixDestroy(&opaque) } }
        var gray = pixConvertTo8(opaque ?? pix, 0)
        guard gray != nil else {
            throw VietdocError.unreadableImage(
                path: path, detail: "depth \(pixGetDepth(pix)) cannot be converted to grey")
        }
        defer { pixDestroy(&gray) }
        var data: UnsafeMutablePointer<UInt8>?
        var count = 0
        guard pixGetRasterData(gray, &data, &count) == 0, let data, count >= width * height else {
            throw VietdocError.unreadableImage(path: path, detail: "the pixels cannot be read")
        }
        defer { free(data) }
        let pixels = [UInt8](UnsafeBufferPointer(start: data, count: width * height))
        let dpi = Self.plausibleDPI(Int(pixGetXRes(pix)), width: width, fallback: defaultDPI)
        return .image(
            number: number, GrayImage(width: width, height: height, pixels: pixels, bytesPerRow: width, dpi: dpi))
    }

    /// Width and height as the header of page `index` declares them, read without decoding
    /// pixels; nil when the header cannot be read.
    func declaredSize(page index: Int) -> (Int, Int)? {
        var format: Int32 = 0
        var w: Int32 = 0
        var h: Int32 = 0
        var bps: Int32 = 0
        var spp: Int32 = 0
        var cmap: Int32 = 0
        var res: Int32 = 0
        let status =
            isTIFF
            ? readHeaderTiff(path, Int32(index), &w, &h, &bps, &spp, &res, &cmap, &format)
            : pixReadHeader(path, &format, &w, &h, &bps, &spp, &cmap)
        guard status == 0, w > 0, h > 0 else { return nil }
        return (Int(w), Int(h))
    }

    /// A PNG without its IEND chunk or a JPEG without its end-of-image marker was cut short:
    /// the decoders would print to stderr and (JPEG) hand back a page filled with grey.
    static func truncation(of url: URL, format: Int32) -> String? {
        let marker: [UInt8]
        switch Int(format) {
        case IFF_PNG: marker = Array("IEND".utf8)
        case IFF_JFIF_JPEG: marker = [0xFF, 0xD9]
        default: return nil
        }
        guard let handle = FileHandle(forReadingAtPath: url.path) else { return "the file cannot be opened" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let tail = min(size, 1024)
        try? handle.seek(toOffset: size - tail)
        let bytes = [UInt8]((try? handle.readToEnd()) ?? Data())
        if bytes.count >= marker.count {
            for i in 0...(bytes.count - marker.count)
            where bytes[i] == marker[0] && Array(bytes[i..<i + marker.count]) == marker {
                return nil
            }
        }
        return "truncated: the image ends before its end marker"
    }

    /// The image's resolution when it is believable, else one inferred from its width as a
    /// portrait A4 page (8.27 inches) when that gives 70–600 dpi, else `fallback`. Missing (0),
    /// absurd, and the 72/96 dpi that cameras and editors write by default all count as unknown:
    /// a page scanned at 100 dpi but labelled 72 would otherwise be scaled as if its glyphs
    /// were larger than they are.
    static func plausibleDPI(_ dpi: Int, width: Int, fallback: Int) -> Int {
        if dpi >= 70, dpi <= 2400, dpi != 72, dpi != 96, Double(width) / Double(dpi) <= 17 { return dpi }
        let inferred = Int((Double(width) / 8.27).rounded())
        return (70...600).contains(inferred) ? inferred : fallback
    }
}

/// Process-wide leptonica settings.
enum Leptonica {
    private static let once: Void = { _ = setMsgSeverity(Int32(L_SEVERITY_NONE)) }()

    /// Stops leptonica printing its own messages on stderr (errors come back as typed errors).
    static func silence() { _ = once }

    static func isTIFF(_ format: Int32) -> Bool {
        let tiffFormats = [
            IFF_TIFF, IFF_TIFF_PACKBITS, IFF_TIFF_RLE, IFF_TIFF_G3, IFF_TIFF_G4, IFF_TIFF_LZW, IFF_TIFF_ZIP,
            IFF_TIFF_JPEG,
        ]
        return tiffFormats.contains(Int(format))
    }
}
