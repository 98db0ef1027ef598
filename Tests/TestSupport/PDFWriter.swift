import Foundation

/// Writes small PDFs with exactly the page content a test needs: images placed anywhere on
/// the page and filled vector shapes, with no text layer. The cross-reference table is exact.
public enum PDFWriter {
    /// An image placed on the page, in points from the bottom left.
    public struct Image {
        public var width: Int
        public var height: Int
        /// 1 (DeviceGray) or 3 (DeviceRGB) bytes per pixel, row-major from the top.
        public var components: Int
        public var pixels: [UInt8]
        public var x, y, drawnWidth, drawnHeight: Double

        public init(
            width: Int, height: Int, components: Int, pixels: [UInt8], x: Double, y: Double, drawnWidth: Double,
            drawnHeight: Double
        ) {
            self.width = width
            self.height = height
            self.components = components
            self.pixels = pixels
            self.x = x
            self.y = y
            self.drawnWidth = drawnWidth
            self.drawnHeight = drawnHeight
        }
    }

    /// A black rectangle in points from the bottom left (vector content).
    public struct Rect {
        public var x, y, width, height: Double
        public init(x: Double, y: Double, width: Double, height: Double) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
        }
    }

    /// A one-page PDF of `width`×`height` points (A4 by default).
    public static func page(
        width: Double = 595.276, height: Double = 841.89, images: [Image] = [], rects: [Rect] = []
    ) -> Data {
        var objects: [[UInt8]] = []
        func number(_ s: Double) -> String { String(format: "%.3f", s) }
        var content = ""
        for (i, image) in images.enumerated() {
            content +=
                "q \(number(image.drawnWidth)) 0 0 \(number(image.drawnHeight)) \(number(image.x)) \(number(image.y)) cm /Im\(i) Do Q\n"
        }
        for r in rects { content += "\(number(r.x)) \(number(r.y)) \(number(r.width)) \(number(r.height)) re f\n" }
        let imageBase = 5
        let xobjects = images.indices.map { "/Im\($0) \(imageBase + $0) 0 R" }.joined(separator: " ")
        objects.append(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        objects.append(Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8))
        objects.append(
            Array(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(width)) \(number(height))] /Contents 4 0 R /Resources << /XObject << \(xobjects) >> >> >>"
                    .utf8))
        objects.append(stream("<< /Length \(content.utf8.count) >>", Array(content.utf8)))
        for image in images {
            let space = image.components == 3 ? "/DeviceRGB" : "/DeviceGray"
            objects.append(
                stream(
                    "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace \(space) /BitsPerComponent 8 /Length \(image.pixels.count) >>",
                    image.pixels))
        }
        return document(objects)
    }

    /// A PDF of `objects` (object 1 the catalog), numbered from 1, with an exact
    /// cross-reference table.
    public static func document(_ objects: [[UInt8]]) -> Data {
        var out = Array("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (i, body) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        out += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for o in offsets { out += Array(String(format: "%010d 00000 n \n", o).utf8) }
        out += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return Data(out)
    }

    /// A stream object: `dictionary` (with its /Length) and the bytes.
    public static func stream(_ dictionary: String, _ bytes: [UInt8]) -> [UInt8] {
        Array("\(dictionary)\nstream\n".utf8) + bytes + Array("\nendstream".utf8)
    }
}
