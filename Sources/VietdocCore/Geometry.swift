/// An axis-aligned box in page pixels (origin top-left), as tesseract reports it.
public struct BoundingBox: Codable, Equatable, Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}

/// An 8-bit greyscale raster with its resolution: what ingest hands to OCR.
public struct GrayImage: Sendable {
    /// The pixel cap of a page image (80 M: an A3 page at 600 dpi fits): a larger rendered page
    /// or image is reported as a failed page, not read or OCR'd. Ingest and OCR share it.
    public static let defaultMaxPixels = 80_000_000

    public var width: Int
    public var height: Int
    /// Row-major pixels, `bytesPerRow * height` bytes, 0 = black, 255 = white.
    public var pixels: [UInt8]
    public var bytesPerRow: Int
    /// Dots per inch, so that OCR can size its expectations of glyphs.
    public var dpi: Int
    /// The preprocessing steps already applied to these pixels (`color-filter`, `smooth`,
    /// `upscale`…), in order, for the page record.
    public var steps: [String] = []
    /// What the PDF draws over this page besides its content (annotation text, signature
    /// fields), in this image's pixels; merged into the page's text after OCR.
    public var annotations = PageAnnotations()

    public init(width: Int, height: Int, pixels: [UInt8], bytesPerRow: Int, dpi: Int) {
        precondition(pixels.count >= bytesPerRow * height, "pixel buffer too small")
        self.width = width
        self.height = height
        self.pixels = pixels
        self.bytesPerRow = bytesPerRow
        self.dpi = dpi
    }
}
