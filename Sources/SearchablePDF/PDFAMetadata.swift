import Foundation

/// The document information dictionary and, for PDF/A-2b, the matching XMP packet and an sRGB
/// output intent.
enum PDFAMetadata {
    static func apply(_ metadata: SearchablePDFWriter.Metadata, to pdf: QPDFDocument, pdfA: Bool) {
        let info = pdf.indirect(pdf.newDictionary())
        pdf.set(pdf.trailer, "/Info", info)
        let subject = metadata.number.map { "Số \($0)" }
        let entries: [(String, String?)] = [
            ("/Title", metadata.title), ("/Author", metadata.issuer), ("/Subject", subject),
            ("/Keywords", metadata.type), ("/Producer", metadata.producer),
        ]
        for case let (key, value?) in entries { pdf.set(info, key, pdf.unicodeString(value)) }
        guard pdfA else { return }
        let xmp = pdf.stream(
            Data(packet(metadata, subject: subject).utf8), dictionary: "<< /Type /Metadata /Subtype /XML >>")
        pdf.set(pdf.root, "/Metadata", xmp)
        let profile = pdf.stream(ICCProfile.sRGB, dictionary: "<< /N 3 >>")
        let intent = pdf.parse(
            "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) /Info (sRGB) >>")
        pdf.set(intent, "/DestOutputProfile", profile)
        let intents = pdf.newArray()
        pdf.append(intents, intent)
        pdf.set(pdf.root, "/OutputIntents", intents)
    }

    /// The XMP packet: PDF/A-2b identification and the same title, author, subject, keywords
    /// and producer as the information dictionary, plus the document's date and number.
    static func packet(_ m: SearchablePDFWriter.Metadata, subject: String?) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;")
        }
        var body = "<pdfaid:part>2</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>\n"
        if let t = m.title {
            body += "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(esc(t))</rdf:li></rdf:Alt></dc:title>\n"
        }
        if let a = m.issuer { body += "<dc:creator><rdf:Seq><rdf:li>\(esc(a))</rdf:li></rdf:Seq></dc:creator>\n" }
        if let s = subject {
            body +=
                "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(esc(s))</rdf:li></rdf:Alt></dc:description>\n"
        }
        if let n = m.number { body += "<dc:identifier>\(esc(n))</dc:identifier>\n" }
        if let d = m.date { body += "<dc:date><rdf:Seq><rdf:li>\(esc(d))</rdf:li></rdf:Seq></dc:date>\n" }
        body += "<dc:language><rdf:Bag><rdf:li>vi</rdf:li></rdf:Bag></dc:language>\n"
        if let k = m.type { body += "<pdf:Keywords>\(esc(k))</pdf:Keywords>\n" }
        body += "<pdf:Producer>\(esc(m.producer))</pdf:Producer>\n"
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" \
            xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            \(body)</rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="w"?>
            """
    }
}

/// A small ICC v2 display profile of sRGB (its D50-adapted primaries, white point and a 2.2
/// gamma curve), built here so that PDF/A output needs no profile file.
enum ICCProfile {
    static let sRGB: Data = {
        func be32(_ v: UInt32) -> [UInt8] {
            [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
        }
        func s15(_ v: Double) -> [UInt8] { be32(UInt32(bitPattern: Int32((v * 65536).rounded()))) }
        func sig(_ s: String) -> [UInt8] { Array(s.utf8) }
        func xyz(_ x: Double, _ y: Double, _ z: Double) -> [UInt8] {
            sig("XYZ ") + [0, 0, 0, 0] + s15(x) + s15(y) + s15(z)
        }
        let name = "sRGB (vietdoc)"
        var desc = sig("desc") + [0, 0, 0, 0] + be32(UInt32(name.utf8.count + 1)) + Array(name.utf8) + [0]
        desc += [0, 0, 0, 0] + [0, 0, 0, 0] + [0, 0] + [0] + [UInt8](repeating: 0, count: 67)
        let cprt = sig("text") + [0, 0, 0, 0] + Array("No copyright, use freely".utf8) + [0]
        let curve = sig("curv") + [0, 0, 0, 0] + be32(1) + [0x02, 0x33]
        let tags: [(String, [UInt8])] = [
            ("desc", desc), ("cprt", cprt), ("wtpt", xyz(0.9642, 1.0, 0.8249)),
            ("rXYZ", xyz(0.4361, 0.2225, 0.0139)), ("gXYZ", xyz(0.3851, 0.7169, 0.0971)),
            ("bXYZ", xyz(0.1431, 0.0606, 0.7141)), ("rTRC", curve), ("gTRC", curve), ("bTRC", curve),
        ]
        var table: [UInt8] = be32(UInt32(tags.count))
        var data: [UInt8] = []
        var offset = 128 + 4 + 12 * tags.count
        for (signature, bytes) in tags {
            var padded = bytes
            while padded.count % 4 != 0 { padded.append(0) }
            table += sig(signature) + be32(UInt32(offset)) + be32(UInt32(bytes.count))
            data += padded
            offset += padded.count
        }
        var header =
            be32(UInt32(offset)) + [0, 0, 0, 0] + [0x02, 0x10, 0, 0] + sig("mntr") + sig("RGB ") + sig("XYZ ")
        header += [0x07, 0xE8, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]  // 2024-01-01 00:00:00
        header += sig("acsp") + [UInt8](repeating: 0, count: 4 + 4 + 4 + 4 + 8 + 4)
        header += s15(0.9642) + s15(1.0) + s15(0.8249)
        header += [UInt8](repeating: 0, count: 128 - header.count)
        return Data(header + table + data)
    }()
}
