/// The version of vietdoc, recorded in every output so that reruns can tell stale outputs.
public enum VietdocVersion {
    public static let current = "0.1.0"
}
