/// Milliseconds spent on one document, in total and per stage: measured by the pipeline,
/// stored by the catalog.
public struct StageTimings: Codable, Equatable, Sendable {
    public var total: Int
    public var ingest: Int
    public var ocr: Int
    public var restore: Int
    public var segment: Int

    public init(total: Int = 0, ingest: Int = 0, ocr: Int = 0, restore: Int = 0, segment: Int = 0) {
        self.total = total
        self.ingest = ingest
        self.ocr = ocr
        self.restore = restore
        self.segment = segment
    }
}
