import Foundation
import VietdocCore

/// The font of the invisible text layer: a Type 0 font whose every character code (a UTF-16
/// code unit, Identity-H) draws the one empty glyph of tesseract's glyphless TrueType font
/// (`pdf.ttf`, shipped in tessdata), with a ToUnicode map that sends each code back to its
/// character. Any Vietnamese text (NFC, all in the BMP) is covered; copy and search return it.
enum GlyphlessFont {
    /// Where tesseract keeps `pdf.ttf`: the tessdata folder given, `TESSDATA_PREFIX`, Debian's.
    static func locate(tessdata: String?) throws -> URL {
        var candidates: [String] = []
        if let tessdata { candidates.append(tessdata) }
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"] {
            candidates += [prefix, prefix + "/tessdata"]
        }
        candidates += [
            "/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata",
        ]
        for dir in candidates {
            let url = URL(fileURLWithPath: dir).appendingPathComponent("pdf.ttf")
            if FileManager.default.isReadableFile(atPath: url.path) { return url }
        }
        throw VietdocError.missingDependency(what: "tesseract's glyphless font pdf.ttf", package: "tesseract-ocr")
    }

    /// Adds the font's objects to `pdf` and returns the (indirect) Type 0 font.
    static func add(to pdf: QPDFDocument, fontFile: Data) -> QPDFDocument.Object {
        let file = pdf.stream(fontFile, dictionary: "<< /Length1 \(fontFile.count) >>")
        // Every CID draws glyph 1, the empty glyph.
        var map = Data(capacity: 65536 * 2)
        for _ in 0..<65536 { map.append(contentsOf: [0, 1]) }
        let cidToGID = pdf.stream(map)
        let toUnicode = pdf.stream(Data(toUnicodeCMap().utf8))
        let descriptor = pdf.indirect(
            pdf.parse(
                "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] "
                    + "/ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"))
        pdf.set(descriptor, "/FontFile2", file)
        let cidFont = pdf.indirect(
            pdf.parse(
                "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont "
                    + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>"))
        pdf.set(cidFont, "/FontDescriptor", descriptor)
        pdf.set(cidFont, "/CIDToGIDMap", cidToGID)
        let font = pdf.indirect(
            pdf.parse("<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>"))
        let descendants = pdf.newArray()
        pdf.append(descendants, cidFont)
        pdf.set(font, "/DescendantFonts", descendants)
        pdf.set(font, "/ToUnicode", toUnicode)
        return font
    }

    /// A ToUnicode CMap mapping each two-byte code to the same UTF-16 code unit, in ranges that
    /// vary only in their last byte (as the CMap rules ask); surrogates are left out.
    static func toUnicodeCMap() -> String {
        var ranges: [String] = []
        for high in 0..<256 where !(0xD8...0xDF).contains(high) {
            let h = String(format: "%02X", high)
            ranges.append("<\(h)00> <\(h)FF> <\(h)00>")
        }
        var s = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange

            """
        var start = 0
        while start < ranges.count {
            let chunk = ranges[start..<min(start + 100, ranges.count)]
            s += "\(chunk.count) beginbfrange\n" + chunk.joined(separator: "\n") + "\nendbfrange\n"
            start += 100
        }
        s += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        return s
    }
}
