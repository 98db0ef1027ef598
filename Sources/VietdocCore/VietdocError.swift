/// An error a user can act on: what kind of problem (`code`, from which the exit status
/// follows), the file and page it concerns, what went wrong in words, and the error of the
/// library underneath when there is one. Its description is the one line vietdoc prints.
public struct VietdocError: Error, Equatable, CustomStringConvertible {
    /// The kind of problem. Each maps to one documented exit status.
    public enum Code: String, Sendable, CaseIterable {
        case fileNotFound, isDirectory, unsupportedFormat, encryptedPDF, corruptPDF, emptyDocument
        case unreadableImage, unreadableText, textTooLarge, outputNotWritable, outputLocked, permissionDenied
        case catalogUnreadable, ocrFailed
        case missingDependency, missingModel, modelInvalid
        case invalidArgument
        case cancelled

        /// The process exit status an error of this kind leads to when it ends a run: a missing
        /// or broken dependency 69, a wrong command line 64, an interruption 130, and a problem
        /// with an input (or a catalog) 1; an output folder that cannot be written 73, one that
        /// another run holds 75. (A write that fails for one document only fails that input.)
        public var exitStatus: ExitStatus {
            switch self {
            case .missingDependency, .missingModel, .modelInvalid: return .missingDependency
            case .invalidArgument: return .usage
            case .cancelled: return .interrupted
            case .outputNotWritable: return .outputNotWritable
            case .outputLocked: return .outputLocked
            case .fileNotFound, .isDirectory, .unsupportedFormat, .encryptedPDF, .corruptPDF, .emptyDocument,
                .unreadableImage, .unreadableText, .textTooLarge, .permissionDenied, .catalogUnreadable, .ocrFailed:
                return .someInputsFailed
            }
        }
    }

    public var code: Code
    /// The file concerned (an input, an output, a model or catalog file), when there is one.
    public var path: String?
    /// The 1-based page concerned, when there is one.
    public var page: Int?
    /// What went wrong, in words.
    public var detail: String?
    /// What to do about it, when vietdoc knows ("install the Debian package …").
    public var remedy: String?
    /// The library's own error (GRDB, Foundation), kept for logs and callers; not compared.
    public var underlying: (any Error)?

    public init(
        _ code: Code, path: String? = nil, page: Int? = nil, detail: String? = nil, remedy: String? = nil,
        underlying: (any Error)? = nil
    ) {
        self.code = code
        self.path = path
        self.page = page
        self.detail = detail
        self.remedy = remedy
        self.underlying = underlying
    }

    /// The process exit code this error leads to when it ends a run.
    public var exitCode: ExitStatus { code.exitStatus }

    public static func == (a: VietdocError, b: VietdocError) -> Bool {
        a.code == b.code && a.path == b.path && a.page == b.page && a.detail == b.detail && a.remedy == b.remedy
    }

    public var description: String {
        let what: String
        switch code {
        case .fileNotFound: what = "no such file"
        case .isDirectory: what = "is a directory, expected a file"
        case .unsupportedFormat: what = "not a PDF, a supported image or a text file" + parenthesised(detail)
        case .encryptedPDF: what = "the PDF is encrypted (password-protected)"
        case .corruptPDF: what = "the PDF is damaged or truncated" + parenthesised(detail)
        case .emptyDocument: what = "the document has no pages"
        case .unreadableImage: what = "the image cannot be read" + parenthesised(detail)
        case .unreadableText: what = "the text file cannot be read" + parenthesised(detail)
        case .textTooLarge: what = (detail ?? "the text file is too large") + (remedy.map { "; \($0)" } ?? "")
        case .outputNotWritable: what = "cannot write output" + parenthesised(detail)
        case .outputLocked:
            what =
                "another vietdoc run is writing to this output folder" + parenthesised(detail)
                + "; wait for it to finish or give another -o"
        case .permissionDenied: what = "permission denied (the file cannot be read by this user)"
        case .catalogUnreadable: what = "cannot read the catalog" + parenthesised(detail)
        case .ocrFailed: what = "OCR failed" + parenthesised(detail)
        case .missingDependency: what = "missing dependency: \(detail ?? "")" + parenthesised(remedy)
        case .missingModel:
            what =
                "missing dependency: the dictionary model: \(detail ?? "") "
                + "(set VIETDOC_DICTIONARIES or pass --model DIR; rebuild it with tools/build-model)"
        case .modelInvalid: what = "the dictionary model is invalid" + parenthesised(detail)
        case .invalidArgument: what = detail ?? "invalid argument"
        case .cancelled: what = "interrupted"
        }
        let place = [path.flatMap { $0.isEmpty ? nil : $0 }, page.map { "page \($0)" }].compactMap { $0 }
        return (place + [what]).joined(separator: ": ")
    }

    private func parenthesised(_ text: String?) -> String { text.map { " (\($0))" } ?? "" }
}

// MARK: - The errors vietdoc raises

extension VietdocError {
    public static func fileNotFound(path: String) -> Self { .init(.fileNotFound, path: path) }
    public static func isDirectory(path: String) -> Self { .init(.isDirectory, path: path) }
    public static func unsupportedFormat(path: String, detail: String) -> Self {
        .init(.unsupportedFormat, path: path, detail: detail)
    }
    public static func encryptedPDF(path: String) -> Self { .init(.encryptedPDF, path: path) }
    public static func corruptPDF(path: String, detail: String) -> Self {
        .init(.corruptPDF, path: path, detail: detail)
    }
    public static func emptyDocument(path: String) -> Self { .init(.emptyDocument, path: path) }
    public static func unreadableImage(path: String, detail: String) -> Self {
        .init(.unreadableImage, path: path, detail: detail)
    }
    public static func unreadableText(path: String, detail: String) -> Self {
        .init(.unreadableText, path: path, detail: detail)
    }
    /// A text input larger than one document may be (`limit` bytes): it is not read, and
    /// `vietdoc restore`, which streams, is named as the way to restore it.
    public static func textTooLarge(path: String, bytes: Int, limit: Int) -> Self {
        let mb = { (n: Int) in n >= 1_000_000 ? String(format: "%.1f MB", Double(n) / 1_000_000) : "\(n / 1_000) KB" }
        return .init(
            .textTooLarge, path: path,
            detail: "the text file is \(mb(bytes)), over the \(mb(limit)) one document may be (--max-text-mb)",
            remedy: "`vietdoc restore FILE > OUT.txt` restores it as a stream in little memory")
    }
    public static func outputNotWritable(path: String, detail: String) -> Self {
        .init(.outputNotWritable, path: path, detail: detail)
    }
    /// Another vietdoc run holds the output folder's lock.
    public static func outputLocked(path: String, detail: String) -> Self {
        .init(.outputLocked, path: path, detail: detail)
    }
    /// The file exists but this user may not read it.
    public static func permissionDenied(path: String) -> Self { .init(.permissionDenied, path: path) }
    /// A catalog that exists but cannot be read (damaged, locked, not SQLite): a failed input
    /// (exit 1), not a usage error.
    public static func catalogUnreadable(path: String, detail: String, underlying: (any Error)? = nil) -> Self {
        .init(.catalogUnreadable, path: path, detail: detail, underlying: underlying)
    }
    /// A library, language data or tool is missing; `package` is the Debian package to install.
    public static func missingDependency(what: String, package: String) -> Self {
        .init(.missingDependency, detail: what, remedy: "install the Debian package \(package)")
    }
    /// A file of vietdoc's own dictionary model is missing (`detail` names it).
    public static func missingModel(detail: String) -> Self { .init(.missingModel, detail: detail) }
    /// OCR of a page failed; `path` is nil where only the caller knows the file.
    public static func ocrFailed(path: String?, page: Int?, detail: String) -> Self {
        .init(.ocrFailed, path: path, page: page, detail: detail)
    }
    public static func modelInvalid(path: String, detail: String) -> Self {
        .init(.modelInvalid, path: path, detail: detail)
    }
    public static func invalidArgument(_ message: String) -> Self { .init(.invalidArgument, detail: message) }
    public static let cancelled = VietdocError(.cancelled)
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
