import Foundation

/// The bytes of a model file, read once into memory that lives while the model is read from it.
/// The n-gram tables' sections can be given back to the system once copied (`discard`), so that
/// the file and all of the tables' copies are never in memory at once.
final class ModelStorage: @unchecked Sendable {
    let bytes: UnsafeMutableRawBufferPointer
    let count: Int

    init(path: String) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw VietdocError.modelInvalid(path: path, detail: "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw VietdocError.modelInvalid(path: path, detail: "cannot stat") }
        let size = Int(st.st_size)
        // An anonymous mapping of its own, so that `discard` may drop any of its pages.
        let mapped = mmap(nil, max(size, 1), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw VietdocError.modelInvalid(path: path, detail: "cannot map \(size) bytes to read it into")
        }
        bytes = UnsafeMutableRawBufferPointer(start: mapped, count: max(size, 1))
        var done = 0
        while done < size {
            let n = read(fd, mapped + done, size - done)
            if n <= 0 {
                munmap(mapped, max(size, 1))
                throw VietdocError.modelInvalid(path: path, detail: "read failed after \(done) of \(size) bytes")
            }
            done += n
        }
        count = size
    }

    /// Gives the whole pages of `section` (bytes of this storage never read again) back to the
    /// system; a no-op where that is not supported.
    func discard(_ section: UnsafeRawBufferPointer) {
        #if os(Linux)
            guard let base = section.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let start = (Int(bitPattern: base) + page - 1) & ~(page - 1)
            let end = (Int(bitPattern: base) + section.count) & ~(page - 1)
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, MADV_DONTNEED) }
        #endif
    }

    deinit { munmap(bytes.baseAddress, bytes.count) }
}

/// Memory for a model's n-gram tables, zero-filled when handed out and freed with the model.
/// Each piece is its own mapping whose whole 2 MiB pages are backed by huge pages where the
/// system allows (Linux transparent huge pages on `madvise`): lookups land anywhere in
/// megabytes of entries, and with 4 KiB pages most would also miss the TLB.
final class TableMemory: @unchecked Sendable {
    private var mappings: [(base: UnsafeMutableRawPointer, length: Int)] = []
    static let hugePage = 2 << 20

    /// `byteCount` zero bytes, aligned to a huge page, valid while this memory lives.
    func allocate(byteCount: Int) -> UnsafeMutableRawPointer {
        let bytes = max(byteCount, 1)
        // One huge page more than needed, to start on a huge-page boundary.
        let length = bytes + Self.hugePage
        let base = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let base, base != UnsafeMutableRawPointer(bitPattern: -1) else {
            fatalError("cannot map \(length) bytes for the model's tables: \(String(cString: strerror(errno)))")
        }
        mappings.append((base, length))
        let start = UnsafeMutableRawPointer(
            bitPattern: (Int(bitPattern: base) + Self.hugePage - 1) & ~(Self.hugePage - 1))!
        #if os(Linux)
            let whole = bytes & ~(Self.hugePage - 1)
            if whole > 0 { _ = madvise(start, whole, MADV_HUGEPAGE) }
        #endif
        return start
    }

    deinit { for m in mappings { munmap(m.base, m.length) } }
}

/// Reads `vietdoc-model.bin`: the magic "VDMODEL\0", a little-endian UInt32 header length, a JSON
/// header (format, version, section offsets), then 8-byte aligned sections (see
/// dictionaries/README.md for the layout). The n-gram tables are rebuilt in a `TableMemory` in
/// the layout `NGramTable` reads; the rest is copied, so the file's bytes can go after loading.
/// Format 1 holds a trigram model; format 2 adds a 4-gram table (`quad_*`) and the trigrams'
/// back-off weights as 4-gram contexts (`tri_v1`).
struct ModelFileReader {
    static let supportedFormats = 1...2
    let storage: ModelStorage
    /// Where the tables the reader builds keep their entries.
    let tableMemory = TableMemory()
    let path: String
    let version: String
    let format: Int
    let sections: [String: (offset: Int, length: Int)]
    let bodyStart: Int

    init(storage: ModelStorage, path: String) throws {
        self.storage = storage
        self.path = path
        let raw = UnsafeRawBufferPointer(storage.bytes)
        guard storage.count > 12, Array(raw[0..<8]) == Array("VDMODEL\0".utf8) else {
            throw VietdocError.modelInvalid(path: path, detail: "not a vietdoc model file (bad magic)")
        }
        let headerLength = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self)))
        guard 12 + headerLength <= storage.count,
            let header = try? JSONSerialization.jsonObject(with: Data(raw[12..<(12 + headerLength)])) as? [String: Any],
            let format = header["format"] as? Int, let version = header["version"] as? String,
            let sec = header["sections"] as? [String: [Int]]
        else { throw VietdocError.modelInvalid(path: path, detail: "unreadable header") }
        guard Self.supportedFormats.contains(format) else {
            throw VietdocError.modelInvalid(
                path: path,
                detail:
                    "format \(format), this vietdoc reads formats \(Self.supportedFormats.lowerBound)–\(Self.supportedFormats.upperBound)"
            )
        }
        self.version = version
        self.format = format
        self.bodyStart = 12 + headerLength
        guard bodyStart % 8 == 0 else { throw VietdocError.modelInvalid(path: path, detail: "misaligned body") }
        var s: [String: (Int, Int)] = [:]
        for (k, v) in sec where v.count == 2 {
            guard v[0] >= 0, v[1] >= 0, bodyStart + v[0] + v[1] <= storage.count else {
                throw VietdocError.modelInvalid(path: path, detail: "section \(k) lies outside the file (truncated?)")
            }
            s[k] = (v[0], v[1])
        }
        self.sections = s
    }

    func section(_ name: String) throws -> UnsafeRawBufferPointer {
        guard let s = sections[name] else {
            throw VietdocError.modelInvalid(path: path, detail: "missing section \(name)")
        }
        return UnsafeRawBufferPointer(
            rebasing: UnsafeRawBufferPointer(storage.bytes)[(bodyStart + s.offset)..<(bodyStart + s.offset + s.length)])
    }

    func pointer<T>(_ name: String, of: T.Type, count: Int) throws -> UnsafePointer<T> {
        let b = try section(name)
        guard b.count == count * MemoryLayout<T>.stride, let base = b.baseAddress,
            Int(bitPattern: base) % MemoryLayout<T>.alignment == 0
        else {
            throw VietdocError.modelInvalid(path: path, detail: "section \(name) has the wrong size")
        }
        return base.assumingMemoryBound(to: T.self)
    }

    func table(_ name: String, columns: Int) throws -> NGramTable {
        let bitsData = try section(name + "_bits")
        guard bitsData.count == 4 else { throw VietdocError.modelInvalid(path: path, detail: "bad \(name)_bits") }
        let bits = Int(UInt32(littleEndian: bitsData.loadUnaligned(as: UInt32.self)))
        guard bits > 0, bits < 32 else { throw VietdocError.modelInvalid(path: path, detail: "bad \(name)_bits") }
        let n = (try section(name + "_fp")).count / 4
        let offsets = try pointer(name + "_off", of: UInt32.self, count: (1 << bits) + 1)
        // Every bucket must lie inside the table (lookups read fingerprints[offsets[b]..<offsets[b+1]]
        // unchecked): offsets start at 0, never decrease and end at the entry count.
        guard offsets[0] == 0, Int(offsets[1 << bits]) == n else {
            throw VietdocError.modelInvalid(path: path, detail: "inconsistent table \(name)")
        }
        for bucket in 0..<(1 << bits) where offsets[bucket] > offsets[bucket + 1] {
            throw VietdocError.modelInvalid(
                path: path, detail: "table \(name): bucket \(bucket) lies outside the table (damaged file?)")
        }
        let table = NGramTable(
            bits: bits, offsets: offsets, fingerprints: try pointer(name + "_fp", of: UInt32.self, count: n),
            values0: columns > 0 ? try pointer(name + "_v0", of: UInt8.self, count: n) : nil,
            values1: columns > 1 ? try pointer(name + "_v1", of: UInt8.self, count: n) : nil, count: n,
            memory: tableMemory)
        for part in ["_off", "_fp", "_v0", "_v1"] where sections[name + part] != nil {
            storage.discard(try section(name + part))
        }
        return table
    }

    /// The model of this file with its channel and word lists. Its version is the file's, the
    /// channel's, and when there are word lists a hash of them: "vdm1-…+…[+…]".
    func makeModel(
        channel: ConfusionChannel, foreignWords: ForeignWords = .none, capitalPrior: CapitalPrior = .none
    ) throws -> DiacriticModel {
        // Vocabulary lines: syllable \t skeleton \t listed — parsed at byte level.
        let vocab = try section("vocab")
        var forms: [[Unicode.Scalar]] = []
        var skeletons: [String] = []
        var listed: [Bool] = []
        forms.reserveCapacity(10_000)
        skeletons.reserveCapacity(10_000)
        listed.reserveCapacity(10_000)
        var fieldStart = 0
        var field = 0
        var form = ""
        var skel = ""
        for i in 0...vocab.count {
            let b: UInt8 = i < vocab.count ? vocab[i] : 0x0A
            if b == 0x09 || b == 0x0A {
                let text = String(decoding: UnsafeRawBufferPointer(rebasing: vocab[fieldStart..<i]), as: UTF8.self)
                switch field {
                case 0: form = text
                case 1: skel = text
                default: break
                }
                if b == 0x0A {
                    guard field == 2 else {
                        throw VietdocError.modelInvalid(path: path, detail: "bad vocabulary line \(forms.count)")
                    }
                    forms.append(Array(form.unicodeScalars))
                    skeletons.append(skel)
                    listed.append(text == "1")
                    field = 0
                } else {
                    field += 1
                }
                fieldStart = i + 1
            }
        }
        let v = forms.count
        let uni = try pointer("uni_p", of: Float.self, count: v)
        let gam = try pointer("uni_g", of: Float.self, count: v)
        var acronyms: [String: String] = [:]
        for line in String(decoding: try section("acronyms"), as: UTF8.self).split(separator: "\n") {
            let p = line.split(separator: "\t")
            if p.count == 2 { acronyms[String(p[0])] = String(p[1]) }
        }
        return DiacriticModel(
            version: version + "+" + channel.version + Self.listsVersion(foreignWords.hash, capitalPrior.hash),
            tableMemory: tableMemory, forms: forms, listed: listed,
            unigramLog: Array(UnsafeBufferPointer(start: uni, count: v)),
            unigramGamma: Array(UnsafeBufferPointer(start: gam, count: v)),
            bigrams: try table("bi", columns: 2), trigrams: try table("tri", columns: format >= 2 ? 2 : 1),
            quadgrams: format >= 2 ? try table("quad", columns: 1) : nil, wordPairs: try table("wp", columns: 0),
            acronyms: acronyms, channel: channel, foreignWords: foreignWords, capitalPrior: capitalPrior,
            skeletons: skeletons)
    }

    /// "+" and 8 hex digits identifying the word lists, or nothing when there are none.
    static func listsVersion(_ hashes: UInt64...) -> String {
        guard hashes.contains(where: { $0 != 0 }) else { return "" }
        let bytes = hashes.flatMap { h in (0..<8).map { UInt8(truncatingIfNeeded: h >> (8 * $0)) } }
        return "+" + String(String(FNV1a.hash64(bytes), radix: 16).prefix(8))
    }
}
