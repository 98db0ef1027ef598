import CTesseract
import Foundation

/// Tesseract's orientation and script detection (OSD, `osd.traineddata` from the Debian
/// package `tesseract-ocr-osd`), kept apart from `OCREngine` so that each stays one engine.
/// One detector serves one thread at a time.
public final class OrientationDetector {
    private let handle: OpaquePointer

    /// Below this confidence a detected turn is not trusted (tesseract's own OSD output calls
    /// about 2 reliable on text pages; blank and picture pages score near 0).
    public static let minimumConfidence: Float = 2

    /// Throws `.missingDependency` when `osd.traineddata` is not installed.
    public init(dataPath: String? = nil) throws {
        let dir = try TessdataLocator.directory(for: "osd", explicit: dataPath)
        guard let api = TessBaseAPICreate() else {
            throw VietdocError.ocrFailed(path: dir, page: 0, detail: "tesseract cannot create an engine")
        }
        _ = TessBaseAPISetVariable(api, "debug_file", "/dev/null")
        if TessBaseAPIInit2(api, dir, "osd", OEM_TESSERACT_ONLY) != 0 {
            TessBaseAPIDelete(api)
            throw VietdocError.missingDependency(
                what: "tesseract orientation data 'osd' (init failed in \(dir))", package: "tesseract-ocr-osd")
        }
        TessBaseAPISetPageSegMode(api, PSM_OSD_ONLY)
        handle = api
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// The clockwise turn in degrees (0, 90, 180 or 270) that makes the page upright, or 0 when
    /// the page's orientation cannot be told with confidence.
    public func uprightTurn(of image: GrayImage) -> Int {
        guard image.width > 0, image.height > 0 else { return 0 }
        defer { TessBaseAPIClear(handle) }
        image.pixels.withUnsafeBufferPointer { buffer in
            TessBaseAPISetImage(
                handle, buffer.baseAddress, Int32(image.width), Int32(image.height), 1, Int32(image.bytesPerRow))
        }
        TessBaseAPISetSourceResolution(handle, Int32(image.dpi))
        var degrees: Int32 = 0
        var confidence: Float = 0
        var script: UnsafePointer<CChar>?
        var scriptConfidence: Float = 0
        guard TessBaseAPIDetectOrientationScript(handle, &degrees, &confidence, &script, &scriptConfidence) != 0,
            confidence >= Self.minimumConfidence
        else { return 0 }
        // tesseract reports how far the page is turned clockwise; turning it on by the rest of
        // a full turn makes it upright (its CLI prints the same figure as "Rotate").
        return (360 - (Int(degrees) % 360 + 360) % 360) % 360
    }
}
