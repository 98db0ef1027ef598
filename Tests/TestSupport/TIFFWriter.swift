import Foundation

/// Writes small uncompressed 8-bit grey TIFF files for tests, one page per IFD. A page may
/// declare a size its data does not hold (`pixels` shorter than width × height), which is what a
/// hostile file does to make a decoder allocate gigabytes.
public enum TIFFWriter {
    public struct Page {
        public var width: Int
        public var height: Int
        public var pixels: [UInt8]

        public init(width: Int, height: Int, pixels: [UInt8]) {
            self.width = width
            self.height = height
            self.pixels = pixels
        }

        /// A white page with a black bar, fully stored.
        public static func small(width: Int = 64, height: Int = 64) -> Page {
            var pixels = [UInt8](repeating: 255, count: width * height)
            for y in height / 3..<height / 2 { for x in 4..<width - 4 { pixels[y * width + x] = 0 } }
            return Page(width: width, height: height, pixels: pixels)
        }

        /// A page declaring `width × height` pixels whose data is only a few bytes.
        public static func declared(width: Int, height: Int) -> Page {
            Page(width: width, height: height, pixels: [UInt8](repeating: 255, count: 64))
        }
    }

    /// The bytes of a little-endian TIFF holding `pages`.
    public static func data(_ pages: [Page]) -> Data {
        var out: [UInt8] = [0x49, 0x49, 42, 0, 0, 0, 0, 0]
        var nextPointer = 4  // where the offset of the next IFD goes
        for page in pages {
            let dataOffset = out.count
            out += page.pixels
            if out.count % 2 == 1 { out.append(0) }
            let ifdOffset = out.count
            put32(&out, at: nextPointer, UInt32(ifdOffset))
            let entries: [(UInt16, UInt16, UInt32)] = [
                (256, 4, UInt32(page.width)), (257, 4, UInt32(page.height)), (258, 3, 8), (259, 3, 1), (262, 3, 1),
                (273, 4, UInt32(dataOffset)), (277, 3, 1), (278, 4, UInt32(page.height)),
                (279, 4, UInt32(page.width * page.height)),
            ]
            out += le16(UInt16(entries.count))
            for (tag, type, value) in entries {
                out += le16(tag) + le16(type) + le32(1)
                out += type == 3 ? le16(UInt16(value)) + [0, 0] : le32(value)
            }
            nextPointer = out.count
            out += le32(0)
        }
        return Data(out)
    }

    private static func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private static func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    private static func put32(_ bytes: inout [UInt8], at offset: Int, _ v: UInt32) {
        for (i, b) in le32(v).enumerated() { bytes[offset + i] = b }
    }
}
