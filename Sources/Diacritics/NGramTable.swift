/// A static hash table of n-gram keys built by `tools/build-model`: keys are hashed with
/// splitmix64, the high bits pick a bucket, the low 32 bits are stored as a fingerprint, and
/// each entry carries zero to two quantised byte values.
///
/// In memory (copied at load from the file's bucket offsets, fingerprints and value columns,
/// see `init(bits:offsets:fingerprints:values0:values1:count:memory:)`) an entry's
/// fingerprint and values lie together, `entryStride` bytes per entry in the file's order,
/// and the bucket offsets are kept as one 32-bit start per group of buckets plus one byte per
/// bucket (under a third of the file's offsets, so they mostly stay in the core's cache): a
/// lookup reads two small offset arrays and one stretch of entries instead of an offset, a
/// fingerprint and a value from three large arrays.
///
/// The arrays live in a `TableMemory` that the owning model keeps alive.
struct NGramTable: @unchecked Sendable {
    /// 64 minus the bucket bits: a hash's bucket is `hash >> shift`.
    let shift: UInt64
    /// Bucket b's entries are `start(b)..<start(b + 1)`: the first entry of its group of
    /// 2^groupShift buckets, `groupStarts[b >> groupShift]`, plus `bucketDeltas[b]`.
    let groupStarts: UnsafePointer<UInt32>
    let bucketDeltas: UnsafePointer<UInt8>
    let groupShift: Int
    /// Per entry: its fingerprint (4 bytes, unaligned), then its values, one byte each.
    let entries: UnsafeRawPointer
    /// Bytes per entry: 4 plus the number of values.
    let entryStride: Int
    /// Number of entries.
    let count: Int

    /// splitmix64 finaliser, the same function as `mix64` in tools/build-model.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The index of bucket b's first entry (b may be the bucket count: then the entry count).
    @inline(__always)
    func start(_ b: Int) -> Int { Int(groupStarts[b >> groupShift]) + Int(bucketDeltas[b]) }

    /// The fingerprint of entry `i`.
    @inline(__always)
    func fingerprint(_ i: Int) -> UInt32 { entries.loadUnaligned(fromByteOffset: i * entryStride, as: UInt32.self) }

    /// The first value of entry `i` (an index `find` returned).
    @inline(__always)
    func value0(at i: Int) -> UInt8 { entries.load(fromByteOffset: i * entryStride + 4, as: UInt8.self) }

    /// The second value of entry `i`.
    @inline(__always)
    func value1(at i: Int) -> UInt8 { entries.load(fromByteOffset: i * entryStride + 5, as: UInt8.self) }

    /// The index of a key's entry, or nil when the key is absent.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let h = NGramTable.mix(key)
        let bucket = Int(h >> shift)
        let fp = UInt32(truncatingIfNeeded: h)
        var i = start(bucket)
        let end = start(bucket + 1)
        while i < end {
            if fingerprint(i) == fp { return i }
            i += 1
        }
        return nil
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { find(key) != nil }
}

/// Quantised log10 probabilities: byte q stands for −q/25.5.
@inline(__always)
func dequantise(_ q: UInt8) -> Float { -Float(q) / 25.5 }

extension NGramTable {
    /// The most keys `find(_:into:)` takes at once.
    static let batchLimit = 64

    /// The entry index of each key (−1 when absent), as `find(_:)` gives it, but the buckets of
    /// all keys are read first, then their first fingerprints, so that the cache misses of the
    /// lookups overlap instead of following one another. At most `batchLimit` keys.
    @inline(__always)
    func find(_ keys: UnsafeBufferPointer<UInt64>, into out: UnsafeMutableBufferPointer<Int32>) {
        let n = keys.count
        guard count > 0 else {
            for j in 0..<n { out[j] = -1 }
            return
        }
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 4 * Self.batchLimit) { tmp in
            // Per key: fingerprint, first entry, end of the bucket, fingerprint of the first entry.
            for j in 0..<n {
                let h = NGramTable.mix(keys[j])
                let bucket = Int(h >> shift)
                tmp[4 * j] = UInt32(truncatingIfNeeded: h)
                tmp[4 * j + 1] = UInt32(truncatingIfNeeded: start(bucket))
                tmp[4 * j + 2] = UInt32(truncatingIfNeeded: start(bucket + 1))
            }
            for j in 0..<n {
                // A valid index even for an empty bucket; only compared when the bucket has entries.
                tmp[4 * j + 3] = fingerprint(min(Int(tmp[4 * j + 1]), count - 1))
            }
            for j in 0..<n {
                let fp = tmp[4 * j]
                var i = Int(tmp[4 * j + 1])
                let end = Int(tmp[4 * j + 2])
                var found: Int32 = -1
                if i < end && tmp[4 * j + 3] == fp {
                    found = Int32(i)
                } else {
                    i += 1
                    while i < end {
                        if fingerprint(i) == fp {
                            found = Int32(i)
                            break
                        }
                        i += 1
                    }
                }
                out[j] = found
            }
        }
    }

    /// `find(_:into:)` for any number of keys, in batches.
    func findAll(_ keys: [UInt64]) -> [Int32] {
        var out: [Int32] = []
        find(all: keys[...], into: &out)
        return out
    }

    /// `find(_:into:)` for any number of keys, in batches, into the first `keys.count` places
    /// of `found` (lengthened when shorter).
    func find(all keys: ArraySlice<UInt64>, into found: inout [Int32]) {
        if found.count < keys.count { found.append(contentsOf: repeatElement(-1, count: keys.count - found.count)) }
        keys.withUnsafeBufferPointer { k in
            found.withUnsafeMutableBufferPointer { out in
                var start = 0
                while start < k.count {
                    let end = min(k.count, start + Self.batchLimit)
                    find(
                        UnsafeBufferPointer(rebasing: k[start..<end]),
                        into: UnsafeMutableBufferPointer(rebasing: out[start..<end]))
                    start = end
                }
            }
        }
    }
}

// MARK: - Building from the model file's arrays

extension NGramTable {
    /// Buckets per group of the bucket offsets at most (as a power of two).
    static let maxGroupShift = 4

    /// The table of the model file's arrays, copied into `memory`: bucket starts `offsets`
    /// (2^bits + 1 of them, checked by the caller to lie in 0...n in order), the entries'
    /// fingerprints and zero to two value columns, `n` entries in all.
    init(
        bits: Int, offsets: UnsafePointer<UInt32>, fingerprints: UnsafePointer<UInt32>,
        values0: UnsafePointer<UInt8>?, values1: UnsafePointer<UInt8>?, count n: Int, memory: TableMemory
    ) {
        let buckets = 1 << bits
        // The largest groups whose buckets all start within 255 entries of their group's start.
        var shift = min(Self.maxGroupShift, bits)
        while shift > 0
            && (0..<buckets).contains(where: { offsets[$0] - offsets[($0 >> shift) << shift] > UInt32(UInt8.max) })
        {
            shift -= 1
        }
        let groups = (buckets >> shift) + 1
        let groupStarts = memory.allocate(byteCount: groups * 4).bindMemory(to: UInt32.self, capacity: groups)
        for g in 0..<groups { groupStarts[g] = offsets[g << shift] }
        // One more delta, 0, for the end of the last bucket (the last group starts there).
        let deltas = memory.allocate(byteCount: buckets + 1).bindMemory(to: UInt8.self, capacity: buckets + 1)
        for b in 0..<buckets { deltas[b] = UInt8(offsets[b] - offsets[(b >> shift) << shift]) }
        deltas[buckets] = 0
        let columns = values1 != nil ? 2 : values0 != nil ? 1 : 0
        let stride = 4 + columns
        let entries = memory.allocate(byteCount: n * stride)
        for i in 0..<n {
            let entry = entries + i * stride
            entry.storeBytes(of: fingerprints[i], toByteOffset: 0, as: UInt32.self)
            if let values0 { entry.storeBytes(of: values0[i], toByteOffset: 4, as: UInt8.self) }
            if let values1 { entry.storeBytes(of: values1[i], toByteOffset: 5, as: UInt8.self) }
        }
        self.init(
            shift: UInt64(64 - bits), groupStarts: UnsafePointer(groupStarts), bucketDeltas: UnsafePointer(deltas),
            groupShift: shift, entries: UnsafeRawPointer(entries), entryStride: stride, count: n)
    }
}
