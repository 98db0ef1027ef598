import Crypto
import Foundation

/// SHA-256 of inputs (resume decisions and record ids), computed by swift-crypto (BoringSSL's
/// assembly on Linux, CryptoKit on Apple platforms) behind the small API the stages use.
public struct SHA256 {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// Feeds more bytes.
    public mutating func update<D: DataProtocol>(_ data: D) { hasher.update(data: data) }

    /// The digest as 64 lowercase hex digits.
    public mutating func finalizeHex() -> String { Self.hex(hasher.finalize()) }

    /// The SHA-256 of a byte sequence, as hex.
    public static func hex<D: DataProtocol>(of data: D) -> String { hex(Crypto.SHA256.hash(data: data)) }

    /// The SHA-256 of a file's content, read in 1 MiB chunks, as hex.
    public static func hex(ofFile url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.finalizeHex()
    }

    private static let digits = Array("0123456789abcdef".utf8)

    private static func hex(_ digest: Crypto.SHA256.Digest) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
