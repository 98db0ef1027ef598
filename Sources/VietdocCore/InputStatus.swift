/// What a batch did with one input, as written to the status file, the catalog and the summary.
public enum InputStatus: String, Codable, Sendable, CaseIterable {
    /// The input was converted in this run.
    case converted
    /// The input was not converted: its outputs were already current, or its kind is unsupported.
    case skipped
    /// The input could not be converted; the reason says why.
    case failed
}
