import Segmentation
import VietdocCore

/// Segments a text written inline in a test (pages separated by form feeds).
func plan(_ text: String) -> PlanRecord {
    Segmenter().segment(text: text)
}

/// The (number, heading, level, category) of each section, for compact assertions.
func outline(_ p: PlanRecord) -> [String] {
    p.sections.map { "\($0.number ?? "-")|\($0.heading)|\($0.level)|\($0.category.rawValue)" }
}
