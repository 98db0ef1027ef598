/// Errors a user can act on. Each names the file (when there is one) and the problem.
public enum VietdocError: Error, Equatable, Sendable, CustomStringConvertible {
    case fileNotFound(path: String)
    case isDirectory(path: String)
    case unsupportedFormat(path: String, detail: String)
    case encryptedPDF(path: String)
    case corruptPDF(path: String, detail: String)
    case emptyDocument(path: String)
    case unreadableImage(path: String, detail: String)
    case unreadableText(path: String, detail: String)
    case outputNotWritable(path: String, detail: String)
    /// Another vietdoc run holds the output folder's lock.
    case outputLocked(path: String, detail: String)
    /// The file exists but this user may not read it.
    case permissionDenied(path: String)
    case missingDependency(what: String, package: String)
    /// A file of vietdoc's own dictionary model is missing (`detail` names it).
    case missingModel(detail: String)
    case ocrFailed(path: String, page: Int, detail: String)
    case modelInvalid(path: String, detail: String)
    case invalidArgument(String)
    case cancelled

    public var description: String {
        switch self {
        case .fileNotFound(let p): return "\(p): no such file"
        case .isDirectory(let p): return "\(p): is a directory, expected a file"
        case .unsupportedFormat(let p, let d): return "\(p): not a PDF, a supported image or a text file (\(d))"
        case .encryptedPDF(let p): return "\(p): the PDF is encrypted (password-protected)"
        case .corruptPDF(let p, let d): return "\(p): the PDF is damaged or truncated (\(d))"
        case .emptyDocument(let p): return "\(p): the document has no pages"
        case .unreadableImage(let p, let d): return "\(p): the image cannot be read (\(d))"
        case .unreadableText(let p, let d): return "\(p): the text file cannot be read (\(d))"
        case .outputNotWritable(let p, let d): return "\(p): cannot write output (\(d))"
        case .outputLocked(let p, let d):
            return "\(p): another vietdoc run is writing to this output folder (\(d)); "
                + "wait for it to finish or give another -o"
        case .permissionDenied(let p): return "\(p): permission denied (the file cannot be read by this user)"
        case .missingDependency(let w, let pkg): return "missing dependency: \(w) (install the Debian package \(pkg))"
        case .missingModel(let detail):
            return "missing dependency: the dictionary model: \(detail) "
                + "(set VIETDOC_DICTIONARIES or pass --model DIR; rebuild it with tools/build-model)"
        case .ocrFailed(let p, let n, let d): return "\(p): page \(n): OCR failed (\(d))"
        case .modelInvalid(let p, let d): return "\(p): the dictionary model is invalid (\(d))"
        case .invalidArgument(let m): return m
        case .cancelled: return "interrupted"
        }
    }

    /// The process exit code this error leads to when it ends a run. (A write that fails for
    /// one document only fails that input: exit 1, like any failed input.)
    public var exitCode: ExitStatus {
        switch self {
        case .missingDependency, .missingModel, .modelInvalid: return .missingDependency
        case .invalidArgument: return .usage
        case .cancelled: return .interrupted
        case .outputNotWritable: return .outputNotWritable
        case .outputLocked: return .outputLocked
        default: return .someInputsFailed
        }
    }
}

/// The documented exit codes of `vietdoc` (see the README).
public enum ExitStatus: Int32, Sendable {
    /// Every input converted (or was already current).
    case success = 0
    /// At least one input failed, or a converted input has pages that could not be read; the
    /// others were converted.
    case someInputsFailed = 1
    /// The command line was wrong.
    case usage = 64
    /// A required library, language data or model file is missing.
    case missingDependency = 69
    /// The output folder (or a batch-wide file in it) cannot be written: created, locked,
    /// written or flushed (sysexits' EX_CANTCREAT).
    case outputNotWritable = 73
    /// Another run holds the output folder's lock; nothing was done (sysexits' EX_TEMPFAIL).
    case outputLocked = 75
    /// Interrupted by Ctrl-C (SIGINT) or SIGTERM.
    case interrupted = 130
}
