/// A static hash table of n-gram keys built by `tools/build-model`: keys are hashed with
/// splitmix64, the high bits pick a bucket, the low 32 bits are stored as a fingerprint, and
/// each entry carries one or two quantised byte values.
struct NGramTable: Sendable {
    let shift: UInt64
    let offsets: [UInt32]
    let fingerprints: [UInt32]
    let values0: [UInt8]
    let values1: [UInt8]

    var count: Int { fingerprints.count }

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
        return offsets.withUnsafeBufferPointer { off in
            fingerprints.withUnsafeBufferPointer { fps -> Int? in
                var i = Int(off[bucket])
                let end = Int(off[bucket + 1])
                while i < end {
                    if fps[i] == fp { return i }
                    i += 1
                }
                return nil
            }
        }
    }

    func contains(_ key: UInt64) -> Bool { find(key) != nil }
}

/// Quantised log10 probabilities: byte q stands for −q/25.5.
@inline(__always)
func dequantise(_ q: UInt8) -> Float { -Float(q) / 25.5 }
