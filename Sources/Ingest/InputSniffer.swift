import Foundation

/// The three ways an input enters vietdoc.
public enum InputKind: String, Sendable, Equatable {
    /// A PDF: each page is either taken from its text layer or rendered for OCR.
    case pdf
    /// A raster image (PNG, JPEG, TIFF, possibly multi-page), always OCR'd.
    case image
    /// A UTF-8 text file that already holds OCR text; it enters at restoration.
    case text
}

/// Decides what a file is from its first bytes (magic numbers), never from its name.
public enum InputSniffer {
    /// How many leading bytes are read to decide.
    static let sniffLength = 64 * 1024

    /// The kind of input at `url`.
    ///
    /// Throws `.fileNotFound`, `.isDirectory`, `.emptyDocument` (a zero-byte file) or
    /// `.unsupportedFormat` (another image format, binary data, or a file named like a PDF or
    /// an image that holds plain text — typically an HTML error page saved under that name).
    public static func kind(of url: URL) throws -> InputKind {
        let path = url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw VietdocError.fileNotFound(path: path)
        }
        if isDirectory.boolValue { throw VietdocError.isDirectory(path: path) }
        if access(path, R_OK) != 0 && errno == EACCES { throw VietdocError.permissionDenied(path: path) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw VietdocError.unsupportedFormat(path: path, detail: "the file cannot be opened for reading")
        }
        defer { try? handle.close() }
        let head: Data
        do {
            head = try handle.read(upToCount: sniffLength) ?? Data()
        } catch {
            throw VietdocError.unsupportedFormat(path: path, detail: "the file cannot be read")
        }
        if head.isEmpty { throw VietdocError.emptyDocument(path: path) }
        let kind = try kind(ofHead: [UInt8](head), path: path)
        if kind == .text, let claimed = binaryFormatClaimed(byExtensionOf: url) {
            throw VietdocError.unsupportedFormat(
                path: path, detail: "named like a \(claimed) but holds plain text, not a \(claimed)")
        }
        return kind
    }

    /// The kind of a file from its first bytes; `path` only names the file in errors.
    public static func kind(ofHead bytes: [UInt8], path: String) throws -> InputKind {
        if let format = MagicNumber.match(bytes) {
            switch format {
            case .pdf: return .pdf
            case .png, .jpeg, .tiff: return .image
            case .unsupportedImage(let name):
                throw VietdocError.unsupportedFormat(
                    path: path, detail: "a \(name) image; vietdoc reads PNG, JPEG and TIFF images")
            }
        }
        if let problem = TextFileReader.problem(inHead: bytes) {
            throw VietdocError.unsupportedFormat(path: path, detail: problem)
        }
        return .text
    }

    /// The format a file's extension claims when it names a binary format, else nil.
    static func binaryFormatClaimed(byExtensionOf url: URL) -> String? {
        switch url.pathExtension.lowercased() {
        case "pdf": return "PDF"
        case "png": return "PNG image"
        case "jpg", "jpeg": return "JPEG image"
        case "tif", "tiff": return "TIFF image"
        default: return nil
        }
    }
}

/// The file formats recognised by their leading bytes.
enum MagicNumber: Equatable {
    case pdf, png, jpeg, tiff
    case unsupportedImage(String)

    static func match(_ b: [UInt8]) -> MagicNumber? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            b.count >= offset + prefix.count && Array(b[offset..<offset + prefix.count]) == prefix
        }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A])
            || starts([0x49, 0x49, 0x2B, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2B])
        {
            return .tiff
        }
        // The PDF header may follow some junk; readers accept it within the first 1024 bytes.
        let pdf: [UInt8] = Array("%PDF-".utf8)
        let window = min(b.count, 1024)
        if window >= pdf.count {
            for i in 0...(window - pdf.count) where b[i] == 0x25 && starts(pdf, at: i) { return .pdf }
        }
        if starts(Array("GIF8".utf8)) { return .unsupportedImage("GIF") }
        if starts([0x42, 0x4D]) && b.count >= 14 && b[6] == 0 && b[7] == 0 { return .unsupportedImage("BMP") }
        if starts(Array("RIFF".utf8)) && starts(Array("WEBP".utf8), at: 8) { return .unsupportedImage("WebP") }
        if starts([0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20]) || starts([0xFF, 0x4F, 0xFF, 0x51]) {
            return .unsupportedImage("JPEG 2000")
        }
        if starts(Array("8BPS".utf8)) { return .unsupportedImage("Photoshop") }
        if starts([0x00, 0x00, 0x00]) && starts(Array("ftyp".utf8), at: 4) { return .unsupportedImage("HEIF/AVIF") }
        return nil
    }
}
