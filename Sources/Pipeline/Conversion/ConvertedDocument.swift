import Foundation
import VietdocCore

/// One converted document: its record, its restored pages and how long each stage took.
public struct ConvertedDocument: Sendable {
    public var record: DocumentRecord
    /// The pages after restoration (or as read, with `--no-restore`).
    public var pages: [PageText]
    public var timings: StageTimings
}
