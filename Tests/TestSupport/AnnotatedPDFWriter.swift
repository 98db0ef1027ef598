import Foundation

/// Writes one-page PDFs with what a page's text extraction leaves out: signature widgets whose
/// appearance streams draw text (the electronically inserted number, a "Ký bởi: …" overlay),
/// over a text layer of Helvetica text or over a full-page image. The cross-reference table
/// is exact. Text is drawn in an embedded TrueType font (Vietnamese included).
public enum AnnotatedPDFWriter {
    /// Text in the page's content, baseline at `x`, `y` (points from the bottom left);
    /// `invisible` text (render mode 3) is what an OCR layer over a scan is written as.
    public struct Text {
        public var text: String
        public var x, y, size: Double
        public var invisible: Bool

        public init(_ text: String, x: Double, y: Double, size: Double = 12, invisible: Bool = false) {
            self.text = text
            self.x = x
            self.y = y
            self.size = size
            self.invisible = invisible
        }
    }

    /// A printed signature widget (`/FT /Sig`) at `x`, `y` (bottom left, points) whose
    /// appearance draws `lines`, top down. With a `signingTime` (a PDF date,
    /// "D:20240318084142+07'00'") the field holds a signature dictionary (whose contents are not
    /// a real signature).
    public struct Widget {
        public var x, y, width, height: Double
        public var lines: [String]
        public var size: Double
        public var signingTime: String?

        public init(
            x: Double, y: Double, width: Double, height: Double, lines: [String], size: Double = 10,
            signingTime: String? = nil
        ) {
            self.x = x
            self.y = y
            self.width = width
            self.height = height
            self.lines = lines
            self.size = size
            self.signingTime = signingTime
        }
    }

    /// The font the text is drawn in.
    public static let fontPath = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"

    public static func page(
        width: Double = 595.276, height: Double = 841.89, image: PDFWriter.Image? = nil, texts: [Text] = [],
        widgets: [Widget] = []
    ) throws -> Data {
        var objects: [[UInt8]] = []
        func add(_ body: [UInt8]) -> Int {
            objects.append(body)
            return objects.count
        }
        func n(_ v: Double) -> String { String(format: "%.3f", v) }
        // 1 catalog, 2 pages, 3 page, 4 content, 5 font: filled in below, in this order.
        for _ in 0..<5 { _ = add([]) }
        // Noto Sans (installed by scripts/install-deps), embedded with its own widths, as signed
        // documents embed theirs: ASCII as itself, other characters at codes from 128 named
        // uniXXXX, so that the text layer reads back as written.
        let font = try TrueTypeMetrics(path: fontPath)
        var codes: [Unicode.Scalar: UInt8] = [" ": 32]
        for scalar in (texts.map(\.text) + widgets.flatMap(\.lines)).joined().unicodeScalars where codes[scalar] == nil
        {
            if scalar.value < 127 {
                codes[scalar] = UInt8(scalar.value)
            } else {
                let taken = codes.keys.filter { $0.value >= 127 }.count
                precondition(taken < 128, "too many distinct non-ASCII characters for one font")
                codes[scalar] = UInt8(128 + taken)
            }
        }
        let sorted = codes.sorted { $0.value < $1.value }
        let first = Int(sorted.first!.value)
        let last = Int(sorted.last!.value)
        var widths = [Int](repeating: 0, count: last - first + 1)
        for (scalar, code) in sorted { widths[Int(code) - first] = font.advance(of: scalar) * 1000 / font.unitsPerEm }
        let differences = sorted.filter { $0.value >= 128 }.map {
            String(format: "%d /uni%04X", $0.value, $0.key.value)
        }
        let file = add(PDFWriter.stream("<< /Length \(font.bytes.count) /Length1 \(font.bytes.count) >>", font.bytes))
        let descriptor = add(
            Array(
                "<< /Type /FontDescriptor /FontName /NotoSans /Flags 32 /FontBBox [-621 -389 2800 1067] /ItalicAngle 0 /Ascent 1069 /Descent -293 /CapHeight 714 /StemV 80 /FontFile2 \(file) 0 R >>"
                    .utf8))
        objects[4] = Array(
            "<< /Type /Font /Subtype /TrueType /BaseFont /NotoSans /FirstChar \(first) /LastChar \(last) /Widths [\(widths.map(String.init).joined(separator: " "))] /FontDescriptor \(descriptor) 0 R /Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [\(differences.joined(separator: " "))] >> >>"
                .utf8)
        /// A hex string of the text's codes.
        func encoded(_ text: String) -> String {
            "<" + text.unicodeScalars.map { String(format: "%02X", codes[$0]!) }.joined() + ">"
        }
        var content = ""
        var xobjects = ""
        if let image {
            let space = image.components == 3 ? "/DeviceRGB" : "/DeviceGray"
            let id = add(
                PDFWriter.stream(
                    "<< /Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) /ColorSpace \(space) /BitsPerComponent 8 /Length \(image.pixels.count) >>",
                    image.pixels))
            xobjects = "/XObject << /Im0 \(id) 0 R >>"
            content +=
                "q \(n(image.drawnWidth)) 0 0 \(n(image.drawnHeight)) \(n(image.x)) \(n(image.y)) cm /Im0 Do Q\n"
        }
        for t in texts {
            content +=
                "BT \(t.invisible ? 3 : 0) Tr /F1 \(n(t.size)) Tf \(n(t.x)) \(n(t.y)) Td \(encoded(t.text)) Tj ET\n"
        }
        var annots: [Int] = []
        for (i, w) in widgets.enumerated() {
            var drawing = "BT /F1 \(n(w.size)) Tf\n"
            for (k, line) in w.lines.enumerated() {
                let y = w.height - Double(k + 1) * w.size * 1.2
                drawing += "1 0 0 1 2 \(n(y)) Tm \(encoded(line)) Tj\n"
            }
            drawing += "ET\n"
            let appearance = add(
                PDFWriter.stream(
                    "<< /Type /XObject /Subtype /Form /BBox [0 0 \(n(w.width)) \(n(w.height))] /Resources << /Font << /F1 5 0 R >> >> /Length \(drawing.utf8.count) >>",
                    Array(drawing.utf8)))
            var value = ""
            if let time = w.signingTime {
                let sig = add(
                    Array(
                        "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /M (\(time)) /ByteRange [0 0 0 0] /Contents <3000> >>"
                            .utf8))
                value = " /V \(sig) 0 R"
            }
            annots.append(
                add(
                    Array(
                        "<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature\(i + 1)) /F 4 /Rect [\(n(w.x)) \(n(w.y)) \(n(w.x + w.width)) \(n(w.y + w.height))] /P 3 0 R /AP << /N \(appearance) 0 R >>\(value) >>"
                            .utf8)))
        }
        let refs = annots.map { "\($0) 0 R" }.joined(separator: " ")
        objects[0] = Array(
            "<< /Type /Catalog /Pages 2 0 R\(annots.isEmpty ? "" : " /AcroForm << /Fields [\(refs)] /SigFlags 3 >>") >>"
                .utf8)
        objects[1] = Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8)
        objects[2] = Array(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(n(width)) \(n(height))] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> \(xobjects) >>\(annots.isEmpty ? "" : " /Annots [\(refs)]") >>"
                .utf8)
        objects[3] = PDFWriter.stream("<< /Length \(content.utf8.count) >>", Array(content.utf8))
        return PDFWriter.document(objects)
    }

}

/// The advance widths of a TrueType font's characters (its `cmap` format 4 and `hmtx`
/// tables), for a PDF font's /Widths.
struct TrueTypeMetrics {
    let bytes: [UInt8]
    let unitsPerEm: Int
    private let tables: [String: Int]

    init(path: String) throws {
        bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        var tables: [String: Int] = [:]
        let count = Self.u16(bytes, 4)
        for i in 0..<count {
            let record = 12 + 16 * i
            tables[String(decoding: bytes[record..<record + 4], as: UTF8.self)] = Self.u32(bytes, record + 8)
        }
        self.tables = tables
        unitsPerEm = Self.u16(bytes, tables["head"]! + 18)
    }

    func advance(of scalar: Unicode.Scalar) -> Int {
        let metrics = Self.u16(bytes, tables["hhea"]! + 34)
        return Self.u16(bytes, tables["hmtx"]! + 4 * min(glyph(of: scalar), metrics - 1))
    }

    /// The glyph of a BMP character in the Windows Unicode subtable (format 4); 0 when absent.
    func glyph(of scalar: Unicode.Scalar) -> Int {
        let cmap = tables["cmap"]!
        let c = Int(scalar.value)
        for i in 0..<Self.u16(bytes, cmap + 2) {
            let record = cmap + 4 + 8 * i
            guard Self.u16(bytes, record) == 3, Self.u16(bytes, record + 2) == 1 else { continue }
            let table = cmap + Self.u32(bytes, record + 4)
            let segments2 = Self.u16(bytes, table + 6)
            let ends = table + 14
            let starts = ends + segments2 + 2
            let deltas = starts + segments2
            let offsets = deltas + segments2
            for k in stride(from: 0, to: segments2, by: 2) where c <= Self.u16(bytes, ends + k) {
                let start = Self.u16(bytes, starts + k)
                guard c >= start else { return 0 }
                let delta = Self.u16(bytes, deltas + k)
                let offset = Self.u16(bytes, offsets + k)
                if offset == 0 { return (c + delta) & 0xFFFF }
                let g = Self.u16(bytes, offsets + k + offset + 2 * (c - start))
                return g == 0 ? 0 : (g + delta) & 0xFFFF
            }
        }
        return 0
    }

    private static func u16(_ b: [UInt8], _ o: Int) -> Int { Int(b[o]) << 8 | Int(b[o + 1]) }
    private static func u32(_ b: [UInt8], _ o: Int) -> Int { u16(b, o) << 16 | u16(b, o + 2) }
}
