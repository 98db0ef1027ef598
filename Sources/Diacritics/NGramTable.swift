/// A static hash table of n-gram keys built by `tools/build-model`: keys are hashed with
/// splitmix64, the high bits pick a bucket, the low 32 bits are stored as a fingerprint, and
/// each entry carries zero to two quantised byte values.
///
/// The arrays point into the model file's bytes, which the owning `ModelStorage` keeps alive.
struct NGramTable: @unchecked Sendable {
    let shift: UInt64
    let offsets: UnsafePointer<UInt32>
    let fingerprints: UnsafePointer<UInt32>
    let values0: UnsafePointer<UInt8>?
    let values1: UnsafePointer<UInt8>?
    let count: Int

    /// splitmix64 finaliser, the same function as `mix64` in tools/build-model.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The index of a key's entry, or nil when the key is absent.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let h = NGramTable.mix(key)
        let bucket = Int(h >> shift)
        let fp = UInt32(truncatingIfNeeded: h)
        var i = Int(offsets[bucket])
        let end = Int(offsets[bucket + 1])
        while i < end {
            if fingerprints[i] == fp { return i }
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
                tmp[4 * j + 1] = offsets[bucket]
                tmp[4 * j + 2] = offsets[bucket + 1]
            }
            for j in 0..<n {
                // A valid index even for an empty bucket; only compared when the bucket has entries.
                tmp[4 * j + 3] = fingerprints[min(Int(tmp[4 * j + 1]), count - 1)]
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
                        if fingerprints[i] == fp {
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
        var out = [Int32](repeating: -1, count: keys.count)
        keys.withUnsafeBufferPointer { k in
            out.withUnsafeMutableBufferPointer { o in
                var start = 0
                while start < k.count {
                    let end = min(k.count, start + Self.batchLimit)
                    find(
                        UnsafeBufferPointer(rebasing: k[start..<end]),
                        into: UnsafeMutableBufferPointer(rebasing: o[start..<end]))
                    start = end
                }
            }
        }
        return out
    }
}
