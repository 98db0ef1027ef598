/// The plan extracted from a document's restored text (owned by the Segmentation stage,
/// encoded inline in `DocumentRecord`). Placeholder until segmentation lands.
public struct PlanRecord: Codable, Equatable, Sendable {
    public init() {}
}
