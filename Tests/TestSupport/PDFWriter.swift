import Foundation

/// Writes small PDFs with exactly the page content a test needs: images placed anywhere on
/// the page and filled vector shapes, with no text layer, on one page or many. The
/// cross-reference table is exact.
public enum PDFWriter {
    /// An image placed on the page, in points from the bottom left.
    public struct Image {
        public var width: Int
        public var height: Int
        /// 1 (DeviceGray) or 3 (DeviceRGB) components per pixel.
        public var components: Int
        /// The pixels, row-major from the top, one byte per component; or, with a `filter`, the
        /// image's data in that encoding (a JPEG file's bytes for `/DCTDecode`).
        public var pixels: [UInt8]
        public var x, y, drawnWidth, drawnHeight: Double
        /// The stream's `/Filter` (`/DCTDecode`), nil for raw pixels.
        public var filter: String?

        public init(
            width: Int, height: Int, components: Int, pixels: [UInt8], x: Double, y: Double, drawnWidth: Double,
            drawnHeight: Double, filter: String? = nil
        ) {
            self.width = width
            self.height = height
            self.components = components
            self.pixels = pixels
            self.x = x
            self.y = y
            self.drawnWidth = drawnWidth
            self.drawnHeight = drawnHeight
            self.filter = filter
        }
    }

    /// Damaged copies of an image's data, for tests of decoding failures.
    public enum Damage {
        /// The data cut to its first third (a JPEG without its end).
        case cutShort
        /// The data after its first third scrambled (a JPEG with bad codes and stray markers).
        case garbled
    }

    /// The image with its data damaged so.
    public static func damaged(_ image: Image, _ damage: Damage) -> Image {
        var copy = image
        let third = image.pixels.count / 3
        switch damage {
        case .cutShort:
            copy.pixels = Array(image.pixels.prefix(third))
        case .garbled:
            for i in third..<image.pixels.count - 2 { copy.pixels[i] = image.pixels[i] &* 7 &+ 13 }
        }
        return copy
    }

    /// One page of a document: its size in points and what is drawn on it.
    public struct Page {
        public var width, height: Double
        public var images: [Image]
        public var rects: [Rect]

        public init(width: Double = 595.276, height: Double = 841.89, images: [Image] = [], rects: [Rect] = []) {
            self.width = width
            self.height = height
            self.images = images
            self.rects = rects
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
        document([Page(width: width, height: height, images: images, rects: rects)])
    }

    /// A PDF of the given pages, in order.
    public static func document(_ pages: [Page]) -> Data {
        func number(_ s: Double) -> String { String(format: "%.3f", s) }
        // Objects: 1 catalog, 2 page tree, then per page its page object, its content stream
        // and its images.
        var objects: [[UInt8]] = [[], []]
        var kids: [String] = []
        for page in pages {
            let pageObject = objects.count + 1
            kids.append("\(pageObject) 0 R")
            var content = ""
            for (i, image) in page.images.enumerated() {
                content +=
                    "q \(number(image.drawnWidth)) 0 0 \(number(image.drawnHeight)) \(number(image.x)) \(number(image.y)) cm /Im\(i) Do Q\n"
            }
            for r in page.rects {
                content += "\(number(r.x)) \(number(r.y)) \(number(r.width)) \(number(r.height)) re f\n"
            }
            let xobjects = page.images.indices.map { "/Im\($0) \(pageObject + 2 + $0) 0 R" }.joined(separator: " ")
            objects.append(
                Array(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(number(page.width)) \(number(page.height))] /Contents \(pageObject + 1) 0 R /Resources << /XObject << \(xobjects) >> >> >>"
                        .utf8))
            objects.append(stream("<< /Length \(content.utf8.count) >>", Array(content.utf8)))
            for image in page.images {
                let space = image.components == 3 ? "/DeviceRGB" : "/DeviceGray"
                let filter = image.filter.map { " /Filter \($0)" } ?? ""
                objects.append(
                    stream(
                        "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace \(space) /BitsPerComponent 8\(filter) /Length \(image.pixels.count) >>",
                        image.pixels))
            }
        }
        objects[0] = Array("<< /Type /Catalog /Pages 2 0 R >>".utf8)
        objects[1] = Array("<< /Type /Pages /Kids [\(kids.joined(separator: " "))] /Count \(pages.count) >>".utf8)
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

    /// The JPEG images (`/DCTDecode` streams) of a PDF such as a scanned sample, in file order,
    /// each as an image filling an A4 page; for tests that need real scans, damaged or whole.
    public static func jpegImages(in pdf: Data) -> [Image] {
        let bytes = [UInt8](pdf)
        let text = String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self)
        var images: [Image] = []
        var searchFrom = text.startIndex
        while let filter = text.range(of: "/DCTDecode", range: searchFrom..<text.endIndex) {
            searchFrom = filter.upperBound
            guard let open = text.range(of: "<<", options: .backwards, range: text.startIndex..<filter.lowerBound),
                let close = text.range(of: ">>", range: filter.upperBound..<text.endIndex),
                let streamWord = text.range(of: "stream", range: close.upperBound..<text.endIndex)
            else { break }
            let dictionary = String(text[open.lowerBound..<close.upperBound])
            func value(_ key: String) -> Int? {
                guard let k = dictionary.range(of: "/\(key) ") else { return nil }
                return Int(dictionary[k.upperBound...].prefix { $0.isNumber })
            }
            guard let width = value("Width"), let height = value("Height"), let length = value("Length") else {
                continue
            }
            var start = text.utf8.distance(from: text.startIndex, to: streamWord.upperBound)
            if bytes[start] == 0x0D { start += 1 }
            if bytes[start] == 0x0A { start += 1 }
            images.append(
                Image(
                    width: width, height: height, components: dictionary.contains("/DeviceRGB") ? 3 : 1,
                    pixels: Array(bytes[start..<start + length]), x: 0, y: 0, drawnWidth: 595.276,
                    drawnHeight: 841.89, filter: "/DCTDecode"))
        }
        return images
    }

    /// A stream object: `dictionary` (with its /Length) and the bytes.
    public static func stream(_ dictionary: String, _ bytes: [UInt8]) -> [UInt8] {
        Array("\(dictionary)\nstream\n".utf8) + bytes + Array("\nendstream".utf8)
    }
}
