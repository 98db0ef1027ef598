import Foundation
import VietdocCore

/// The invisible text of one page: a content stream that draws the restored words in text
/// render mode 3 (neither filled nor stroked) with the glyphless font, each word stretched
/// (`Tz`) over its OCR box, so that selection, copy and search in a viewer find the restored
/// words where the page image shows them.
enum TextLayer {
    /// The resource name of the glyphless font in page resources.
    static let fontName = "FVietdocGlyphless"

    /// The content stream for `lines` on a page whose image spans `box` (user space points,
    /// [x0 y0 x1 y1]) and whose boxes are pixels of `frame`. Words without a box are skipped.
    static func contentStream(lines: [PlacedLine], frame: PageFrame, box: [Double]) -> Data {
        let sx = (box[2] - box[0]) / Double(frame.width)
        let sy = (box[3] - box[1]) / Double(frame.height)
        var s = "q\nBT\n3 Tr\n"
        for line in lines {
            let words = line.words.filter { $0.box != nil }
            guard let lineBox = BoundingBox.union(of: words.compactMap(\.box)) else { continue }
            // One baseline per line (a little above the box's bottom, for descenders), one size.
            let size = max(1, Double(lineBox.height) * sy)
            let baseline = box[3] - Double(lineBox.y + lineBox.height) * sy + size * 0.2
            for (k, word) in words.enumerated() {
                let b = word.box!
                let left = box[0] + Double(b.x) * sx
                let last = k == words.count - 1
                // A space after each word but the last, so that extraction separates words; the
                // word then stretches up to the next word's start.
                let text = last ? word.text : word.text + " "
                let units = text.utf16.count
                let right = last ? left + Double(b.width) * sx : box[0] + Double(words[k + 1].box!.x) * sx
                let natural = Double(units) * 0.5 * size
                let scale = natural > 0 ? max(1, 100 * (right - left) / natural) : 100
                s += "/\(fontName) \(fmt(size)) Tf \(fmt(scale)) Tz 1 0 0 1 \(fmt(left)) \(fmt(baseline)) Tm <"
                s += hex(text) + "> Tj\n"
            }
        }
        s += "ET\nQ\n"
        return Data(s.utf8)
    }

    /// The string as the font's codes: UTF-16 code units, big-endian, in hex (Identity-H, the
    /// CID of a character is its code unit; ToUnicode maps it back).
    static func hex(_ text: String) -> String {
        VietnameseText.nfc(text).utf16.map { String(format: "%04X", $0) }.joined()
    }

    static func fmt(_ v: Double) -> String {
        let r = (v * 100).rounded() / 100
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
