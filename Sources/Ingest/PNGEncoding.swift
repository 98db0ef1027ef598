import CPoppler
import Foundation
import VietdocCore

/// PNG files of page images (cairo's PNG writer), for the review page.
public enum PNGEncoding {
    /// The PNG bytes of a grey image, or nil when cairo cannot allocate or encode it.
    public static func png(_ image: GrayImage) -> Data? {
        guard image.width > 0, image.height > 0,
            let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(image.width), Int32(image.height))
        else { return nil }
        defer { cairo_surface_destroy(surface) }
        guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(surface)
        else { return nil }
        let stride = Int(cairo_image_surface_get_stride(surface))
        for y in 0..<image.height {
            let row = data + y * stride
            let source = y * image.bytesPerRow
            for x in 0..<image.width {
                let v = image.pixels[source + x]
                row[4 * x] = v
                row[4 * x + 1] = v
                row[4 * x + 2] = v
                row[4 * x + 3] = 255
            }
        }
        cairo_surface_mark_dirty(surface)
        final class Sink { var data = Data() }
        let sink = Sink()
        let status = cairo_surface_write_to_png_stream(
            surface,
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque())
        return status == CAIRO_STATUS_SUCCESS ? sink.data : nil
    }
}
