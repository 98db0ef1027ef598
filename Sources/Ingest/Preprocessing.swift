import CLeptonica
import Foundation

/// The image steps a page goes through between ingest and OCR, each one measured on real pages
/// (see docs/INGEST-OCR.md) and each one switchable. `apply` records in the image's `steps` what it
/// actually changed, so that the page record says which steps were applied.
public struct Preprocessing: Sendable, Equatable {
    /// Red seals and blue signatures and stamps are turned to paper before grey conversion
    /// (`color-filter`); done while converting colour to grey (`GrayConversion`).
    public var colorFilter: Bool
    /// A horizontal half-pixel smoothing of scanned pages (`smooth`), as poppler's Splash
    /// renderer's bilinear sampling does; it removes JPEG ringing that tesseract misreads.
    public var smooth: Bool
    /// Pages below `minimumDPI` (or with no believable resolution) are scaled up to
    /// `targetDPI` (`upscale`).
    public var upscale: Bool
    /// Skew of a few degrees is measured and corrected (`deskew`).
    public var deskew: Bool
    /// Pages upside down or at 90° are turned upright with tesseract's orientation detection
    /// (`rotate-90`, `rotate-180`, `rotate-270`); done in the OCR stage.
    public var orientation: Bool

    public static let minimumDPI = 250
    public static let targetDPI = 300

    public init(
        colorFilter: Bool = true, smooth: Bool = true, upscale: Bool = true, deskew: Bool = true,
        orientation: Bool = true
    ) {
        self.colorFilter = colorFilter
        self.smooth = smooth
        self.upscale = upscale
        self.deskew = deskew
        self.orientation = orientation
    }

    /// No step at all: the page as rendered or decoded.
    public static let none = Preprocessing(
        colorFilter: false, smooth: false, upscale: false, deskew: false, orientation: false)

    /// The page after the enabled geometric steps (upscale, deskew), with the steps that changed
    /// it appended to `steps`. Colour filtering and smoothing happen earlier, in the reader,
    /// which knows whether a page is a scan.
    public func apply(to image: GrayImage) -> GrayImage {
        var out = image
        if upscale, out.dpi < Self.minimumDPI, let scaled = ImageOps.scaled(out, to: Self.targetDPI) {
            out = scaled
            out.steps.append("upscale")
        }
        if deskew, let (rotated, angle) = ImageOps.deskewed(out) {
            out = rotated
            out.steps.append(String(format: "deskew(%.1f°)", angle))
        }
        return out
    }

    /// A scanned page smoothed when `smooth` is on and it is not bilevel (a fax or 1-bit scan
    /// has no ringing to remove).
    func smoothed(_ image: GrayImage) -> GrayImage {
        guard smooth, !ImageOps.isBilevel(image) else { return image }
        var out = ImageOps.smoothedHorizontally(image)
        out.steps.append("smooth")
        return out
    }
}

extension Preprocessing {
    /// The page turned clockwise by `degrees` (a multiple of 90), with `rotate-<degrees>` in its
    /// steps; the page itself when `degrees` is 0 or the turn fails.
    public static func turned(_ image: GrayImage, clockwise degrees: Int) -> GrayImage {
        let quarters = ((degrees / 90) % 4 + 4) % 4
        guard quarters != 0 else { return image }
        var pix = ImageOps.pix(from: image)
        defer { pixDestroy(&pix) }
        var turned = pix.flatMap { pixRotateOrth($0, Int32(quarters)) }
        defer { pixDestroy(&turned) }
        guard let turned, var out = ImageOps.image(from: turned, dpi: image.dpi) else { return image }
        out.steps = image.steps + ["rotate-\(quarters * 90)"]
        out.annotations = image.annotations.rotated
        return out
    }
}

/// Pixel operations on grey pages (leptonica where it has them).
enum ImageOps {
    /// Each pixel averaged with its left neighbour: the half-pixel phase of a bilinear sampler.
    static func smoothedHorizontally(_ image: GrayImage) -> GrayImage {
        let w = image.width
        let h = image.height
        let stride = image.bytesPerRow
        let pixels = image.pixels.withUnsafeBufferPointer { src in
            [UInt8](unsafeUninitializedCapacity: w * h) { out, count in
                for y in 0..<h {
                    let row = y * stride
                    let base = y * w
                    var left = UInt16(src[row])
                    for x in 0..<w {
                        let p = UInt16(src[row + x])
                        out[base + x] = UInt8((p + left + 1) >> 1)
                        left = p
                    }
                }
                count = w * h
            }
        }
        var result = GrayImage(width: w, height: h, pixels: pixels, bytesPerRow: w, dpi: image.dpi)
        result.steps = image.steps
        result.annotations = image.annotations
        return result
    }

    /// True when nearly every pixel is black or white (a fax or a 1-bit scan).
    static func isBilevel(_ image: GrayImage) -> Bool {
        var extreme = 0
        var total = 0
        let step = max(1, image.height / 200)
        for y in Swift.stride(from: 0, to: image.height, by: step) {
            let row = y * image.bytesPerRow
            for x in 0..<image.width {
                let p = image.pixels[row + x]
                if p == 0 || p == 255 { extreme += 1 }
                total += 1
            }
        }
        return total > 0 && Double(extreme) / Double(total) > 0.995
    }

    /// The page scaled by `dpi / image.dpi` with linear interpolation.
    static func scaled(_ image: GrayImage, to dpi: Int) -> GrayImage? {
        guard image.dpi > 0 else { return nil }
        let factor = Float(dpi) / Float(image.dpi)
        var pix = pix(from: image)
        defer { pixDestroy(&pix) }
        var scaled = pix.flatMap { pixScaleGrayLI($0, factor, factor) }
        defer { pixDestroy(&scaled) }
        guard let scaled else { return nil }
        guard var result = self.image(from: scaled, dpi: dpi) else { return nil }
        result.steps = image.steps
        result.annotations = image.annotations.scaled(by: Double(result.width) / Double(max(image.width, 1)))
        return result
    }

    /// Skew below this (degrees) is left to tesseract's own line finding: correcting the
    /// 0.2–1.3° of the measured pages did not help (docs/INGEST-OCR.md), and each rotation resamples.
    static let minimumSkew: Float = 1.5

    /// The page rotated by its measured skew when that is between `minimumSkew` and 7° with
    /// confidence; nil when there is nothing to correct. The angle is in degrees.
    static func deskewed(_ image: GrayImage) -> (GrayImage, Double)? {
        var pix = pix(from: image)
        defer { pixDestroy(&pix) }
        var binary = pix.flatMap { pixConvertTo1($0, 160) }
        defer { pixDestroy(&binary) }
        guard let pix, let binary else { return nil }
        var angle: Float = 0
        var confidence: Float = 0
        guard pixFindSkew(binary, &angle, &confidence) == 0, confidence >= 3, abs(angle) >= minimumSkew, abs(angle) <= 7
        else { return nil }
        let radians = angle * .pi / 180
        var rotated = pixRotate(pix, radians, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)
        defer { pixDestroy(&rotated) }
        guard let rotated else { return nil }
        guard var result = self.image(from: rotated, dpi: image.dpi) else { return nil }
        result.steps = image.steps
        result.annotations = image.annotations.rotated
        return (result, Double(angle))
    }

    /// An 8-bit leptonica image holding the page's pixels.
    static func pix(from image: GrayImage) -> UnsafeMutablePointer<PIX>? {
        guard let pix = pixCreate(Int32(image.width), Int32(image.height), 8), let data = pixGetData(pix) else {
            return nil
        }
        let wpl = Int(pixGetWpl(pix))
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<image.height {
                let row = data + y * wpl
                let base = y * image.bytesPerRow
                for word in 0..<wpl {
                    var value: UInt32 = 0
                    for k in 0..<4 {
                        let x = word * 4 + k
                        let byte = x < image.width ? UInt32(src[base + x]) : 255
                        value |= byte << UInt32((3 - k) * 8)
                    }
                    row[word] = value
                }
            }
        }
        return pix
    }

    /// The pixels of an 8-bit leptonica image as a page.
    static func image(from pix: UnsafeMutablePointer<PIX>, dpi: Int) -> GrayImage? {
        var data: UnsafeMutablePointer<UInt8>?
        var count = 0
        let width = Int(pixGetWidth(pix))
        let height = Int(pixGetHeight(pix))
        guard pixGetDepth(pix) == 8, pixGetRasterData(pix, &data, &count) == 0, let data, count >= width * height
        else { return nil }
        defer { free(data) }
        let pixels = [UInt8](UnsafeBufferPointer(start: data, count: width * height))
        return GrayImage(width: width, height: height, pixels: pixels, bytesPerRow: width, dpi: dpi)
    }
}
