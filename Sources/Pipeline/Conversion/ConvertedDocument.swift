import Foundation
import VietdocCore

/// One converted document: its record, its restored pages and how long each stage took.
public struct ConvertedDocument: Sendable {
    public var record: DocumentRecord
    /// The pages after restoration (or as read, with `--no-restore`).
    public var pages: [PageText]
    /// The pages as read (text layer or OCR), before restoration.
    public var ocrPages: [PageText]
    public var timings: StageTimings
    /// The file it was read from (the archival outputs copy its pages).
    public var input: URL? = nil
    /// Pages taken from the journal of an interrupted run instead of being read again.
    public var resumedPages = 0
}
