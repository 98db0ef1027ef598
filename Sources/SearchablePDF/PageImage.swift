import Foundation
import VietdocCore

/// A page image ready to embed as an image XObject: its encoded bytes and the PDF filter that
/// decodes them. JPEG files go in as they are (DCTDecode) and PNG files keep their compressed
/// data (FlateDecode with PNG predictors), so neither is re-encoded; other images (TIFF, PNG
/// with transparency or interlacing) are embedded from their decoded pixels, losslessly.
struct PageImage {
    var width: Int
    var height: Int
    /// The rest of the image dictionary (colour space, bits per component, decode array).
    var dictionary: String
    var data: Data
    var filter: String?
    var decodeParms: String?

    /// The image of a JPEG file, bytes untouched; nil when it is not a baseline or progressive JPEG.
    static func jpeg(_ data: Data) -> PageImage? {
        let b = [UInt8](data)
        guard b.count > 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var i = 2
        var adobe = false
        while i + 4 <= b.count {
            guard b[i] == 0xFF else { return nil }
            let marker = b[i + 1]
            if marker == 0xD8 || marker == 0x01 || (0xD0...0xD7).contains(marker) {
                i += 2
                continue
            }
            let length = Int(b[i + 2]) << 8 | Int(b[i + 3])
            if marker == 0xEE, i + 9 <= b.count, String(bytes: b[(i + 4)..<(i + 9)], encoding: .ascii) == "Adobe" {
                adobe = true
            }
            let sof: Set<UInt8> = [0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF]
            if sof.contains(marker), i + 10 <= b.count {
                let bits = Int(b[i + 4])
                let height = Int(b[i + 5]) << 8 | Int(b[i + 6])
                let width = Int(b[i + 7]) << 8 | Int(b[i + 8])
                let components = Int(b[i + 9])
                let space: String
                switch components {
                case 1: space = "/DeviceGray"
                case 3: space = "/DeviceRGB"
                case 4: space = "/DeviceCMYK" + (adobe ? " /Decode [1 0 1 0 1 0 1 0]" : "")
                default: return nil
                }
                guard width > 0, height > 0, bits == 8 else { return nil }
                return PageImage(
                    width: width, height: height, dictionary: "/ColorSpace \(space) /BitsPerComponent 8", data: data,
                    filter: "/DCTDecode", decodeParms: nil)
            }
            i += 2 + length
        }
        return nil
    }

    /// The image of a PNG file with its zlib data kept; nil for transparency, interlacing or
    /// anything else a PDF image cannot take as it is.
    static func png(_ data: Data) -> PageImage? {
        let b = [UInt8](data)
        guard b.count > 8, b[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        func u32(_ at: Int) -> Int { Int(b[at]) << 24 | Int(b[at + 1]) << 16 | Int(b[at + 2]) << 8 | Int(b[at + 3]) }
        var i = 8
        var width = 0
        var height = 0
        var depth = 0
        var colour = -1
        var palette: [UInt8] = []
        var idat = Data()
        while i + 8 <= b.count {
            let length = u32(i)
            let type = String(bytes: b[(i + 4)..<(i + 8)], encoding: .ascii) ?? ""
            let body = i + 8
            guard body + length <= b.count else { return nil }
            switch type {
            case "IHDR":
                guard length >= 13 else { return nil }
                width = u32(body)
                height = u32(body + 4)
                depth = Int(b[body + 8])
                colour = Int(b[body + 9])
                if b[body + 12] != 0 { return nil }  // interlaced
            case "PLTE": palette = Array(b[body..<(body + length)])
            case "tRNS": return nil
            case "IDAT": idat.append(contentsOf: b[body..<(body + length)])
            case "IEND": i = b.count
            default: break
            }
            i = body + length + 4
        }
        let colours: Int
        let space: String
        switch colour {
        case 0:
            (colours, space) = (1, "/DeviceGray")
        case 2:
            (colours, space) = (3, "/DeviceRGB")
        case 3:
            guard !palette.isEmpty else { return nil }
            let hex = palette.map { String(format: "%02X", $0) }.joined()
            (colours, space) = (1, "[/Indexed /DeviceRGB \(palette.count / 3 - 1) <\(hex)>]")
        default: return nil
        }
        guard width > 0, height > 0, !idat.isEmpty else { return nil }
        return PageImage(
            width: width, height: height, dictionary: "/ColorSpace \(space) /BitsPerComponent \(depth)", data: idat,
            filter: "/FlateDecode",
            decodeParms: "<< /Predictor 15 /Colors \(colours) /BitsPerComponent \(depth) /Columns \(width) >>")
    }

    /// The image from decoded grey pixels: one bit per pixel when the page is pure black and
    /// white (faxes, bilevel scans), eight otherwise; compressed without loss when written.
    static func gray(_ image: GrayImage) -> PageImage {
        let bilevel = image.pixels.allSatisfy { $0 == 0 || $0 == 255 }
        var data = Data()
        if bilevel {
            let rowBytes = (image.width + 7) / 8
            data.reserveCapacity(rowBytes * image.height)
            for y in 0..<image.height {
                var row = [UInt8](repeating: 0, count: rowBytes)
                let start = y * image.bytesPerRow
                for x in 0..<image.width where image.pixels[start + x] == 255 {
                    row[x >> 3] |= 0x80 >> UInt8(x & 7)
                }
                data.append(contentsOf: row)
            }
        } else {
            data.reserveCapacity(image.width * image.height)
            for y in 0..<image.height {
                let start = y * image.bytesPerRow
                data.append(contentsOf: image.pixels[start..<(start + image.width)])
            }
        }
        return PageImage(
            width: image.width, height: image.height,
            dictionary: "/ColorSpace /DeviceGray /BitsPerComponent \(bilevel ? 1 : 8)", data: data, filter: nil,
            decodeParms: nil)
    }
}
