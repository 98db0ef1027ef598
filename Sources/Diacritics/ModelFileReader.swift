import Foundation

/// Reads `vietdoc-model.bin`: the magic "VDMODEL\0", a little-endian UInt32 header length, a JSON
/// header (format, version, section offsets), then 8-byte aligned sections (see
/// dictionaries/README.md for the layout).
struct ModelFileReader {
    static let supportedFormat = 1
    let data: Data
    let path: String
    let version: String
    let sections: [String: (offset: Int, length: Int)]
    let bodyStart: Int

    init(data: Data, path: String) throws {
        self.data = data
        self.path = path
        guard data.count > 12, data.prefix(8) == Data("VDMODEL\0".utf8) else {
            throw VietdocError.modelInvalid(path: path, detail: "not a vietdoc model file (bad magic)")
        }
        let headerLength = data.withUnsafeBytes { Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self))) }
        guard 12 + headerLength <= data.count,
            let header = try? JSONSerialization.jsonObject(with: data.subdata(in: 12..<(12 + headerLength))) as? [String: Any],
            let format = header["format"] as? Int, let version = header["version"] as? String,
            let sec = header["sections"] as? [String: [Int]]
        else { throw VietdocError.modelInvalid(path: path, detail: "unreadable header") }
        guard format == Self.supportedFormat else {
            throw VietdocError.modelInvalid(path: path, detail: "format \(format), this vietdoc reads format \(Self.supportedFormat)")
        }
        self.version = version
        self.bodyStart = 12 + headerLength
        var s: [String: (Int, Int)] = [:]
        for (k, v) in sec where v.count == 2 {
            guard v[0] >= 0, v[1] >= 0, bodyStart + v[0] + v[1] <= data.count else {
                throw VietdocError.modelInvalid(path: path, detail: "section \(k) lies outside the file (truncated?)")
            }
            s[k] = (v[0], v[1])
        }
        self.sections = s
    }

    func bytes(_ name: String) throws -> Data {
        guard let s = sections[name] else { throw VietdocError.modelInvalid(path: path, detail: "missing section \(name)") }
        return data.subdata(in: (bodyStart + s.offset)..<(bodyStart + s.offset + s.length))
    }

    func array<T>(_ name: String, of: T.Type) throws -> [T] {
        let d = try bytes(name)
        let n = d.count / MemoryLayout<T>.stride
        return d.withUnsafeBytes { raw in
            [T](unsafeUninitializedCapacity: n) { buffer, count in
                memcpy(buffer.baseAddress!, raw.baseAddress!, n * MemoryLayout<T>.stride)
                count = n
            }
        }
    }

    func table(_ name: String, columns: Int) throws -> NGramTable {
        let bitsData = try bytes(name + "_bits")
        guard bitsData.count == 4 else { throw VietdocError.modelInvalid(path: path, detail: "bad \(name)_bits") }
        let bits = bitsData.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        let offsets = try array(name + "_off", of: UInt32.self)
        let fps = try array(name + "_fp", of: UInt32.self)
        let v0 = columns > 0 ? try array(name + "_v0", of: UInt8.self) : []
        let v1 = columns > 1 ? try array(name + "_v1", of: UInt8.self) : []
        guard bits > 0, bits < 32, offsets.count == (1 << Int(bits)) + 1, Int(offsets.last!) == fps.count,
            columns < 1 || v0.count == fps.count, columns < 2 || v1.count == fps.count
        else { throw VietdocError.modelInvalid(path: path, detail: "inconsistent table \(name)") }
        return NGramTable(shift: UInt64(64 - bits), offsets: offsets, fingerprints: fps, values0: v0, values1: v1)
    }

    func makeModel(channel: ConfusionChannel) throws -> DiacriticModel {
        let vocabText = String(decoding: try bytes("vocab"), as: UTF8.self)
        var forms: [[Unicode.Scalar]] = [], skeletons: [String] = [], listed: [Bool] = []
        for line in vocabText.split(separator: "\n", omittingEmptySubsequences: false) {
            let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard parts.count == 3 else { throw VietdocError.modelInvalid(path: path, detail: "bad vocabulary line \(line)") }
            forms.append(Array(parts[0].unicodeScalars))
            skeletons.append(String(parts[1]))
            listed.append(parts[2] == "1")
        }
        let uni = try array("uni_p", of: Float.self), gam = try array("uni_g", of: Float.self)
        guard uni.count == forms.count, gam.count == forms.count else {
            throw VietdocError.modelInvalid(path: path, detail: "unigram arrays do not match the vocabulary")
        }
        var acronyms: [String: String] = [:]
        for line in String(decoding: try bytes("acronyms"), as: UTF8.self).split(separator: "\n") {
            let p = line.split(separator: "\t")
            if p.count == 2 { acronyms[String(p[0])] = String(p[1]) }
        }
        return DiacriticModel(
            version: version + "+" + channel.version, forms: forms, listed: listed, unigramLog: uni, unigramGamma: gam,
            bigrams: try table("bi", columns: 2), trigrams: try table("tri", columns: 1),
            wordPairs: try table("wp", columns: 0), acronyms: acronyms, channel: channel, skeletons: skeletons)
    }
}
