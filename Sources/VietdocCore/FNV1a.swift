/// 64-bit FNV-1a: a fast, stable hash for values every machine must agree on (shard choice,
/// the confusion table's version). Not for security.
public enum FNV1a {
    /// The 64-bit FNV-1a of a byte sequence.
    public static func hash64<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }

    /// The 64-bit FNV-1a of a string's UTF-8 bytes.
    public static func hash64(_ text: String) -> UInt64 { hash64(text.utf8) }
}
