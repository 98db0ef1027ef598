import Foundation
import VietdocCore

/// One of `count` disjoint parts of a batch's inputs, chosen by `--shard index/count`.
///
/// An input belongs to shard `FNV1a.hash64(path) % count`, where `path` is its path relative to
/// the input root (NFC, `/` separators, no leading `./`). The hash is FNV-1a (64-bit) over
/// the UTF-8 bytes: fixed, unseeded and the same on every machine and every run, so that
/// machines given `0/n` … `(n-1)/n` (a Kubernetes `JOB_COMPLETION_INDEX`, a Slurm
/// `SLURM_ARRAY_TASK_ID`, GNU parallel's `{%}` minus one) split one archive between them with
/// no input left out and none done twice.
public struct ShardSpec: Equatable, Sendable, CustomStringConvertible {
    /// 0-based shard index, `0 ≤ index < count`.
    public let index: Int
    /// Number of shards, at least 1.
    public let count: Int

    /// A shard from its index and count; throws unless `0 ≤ index < count`.
    public init(index: Int, count: Int) throws {
        guard count >= 1 else {
            throw VietdocError.invalidArgument("--shard \(index)/\(count): the shard count must be at least 1")
        }
        guard (0..<count).contains(index) else {
            throw VietdocError.invalidArgument(
                "--shard \(index)/\(count): the index is 0-based and must be between 0 and \(count - 1)")
        }
        self.index = index
        self.count = count
    }

    /// Parses `"i/n"` (for instance `"0/4"` … `"3/4"`).
    public init(parsing text: String) throws {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw VietdocError.invalidArgument(
                "--shard \(text): expected INDEX/COUNT with a 0-based index, for instance 0/4 … 3/4")
        }
        try self.init(index: index, count: count)
    }

    /// The whole batch as one shard.
    public static let all = try! ShardSpec(index: 0, count: 1)

    /// True when the input at this relative path belongs to this shard.
    public func contains(relativePath: String) -> Bool {
        Self.shard(of: relativePath, count: count) == index
    }

    /// The shard (0-based) an input falls in when the batch is split `count` ways.
    public static func shard(of relativePath: String, count: Int) -> Int {
        precondition(count >= 1, "shard count must be at least 1")
        return Int(FNV1a.hash64(normalized(relativePath)) % UInt64(count))
    }

    /// The path in the form that is hashed: NFC, `/` separators, no leading `./`.
    public static func normalized(_ relativePath: String) -> String {
        var path = relativePath.precomposedStringWithCanonicalMapping
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }

    public var description: String { "\(index)/\(count)" }
}
