import Foundation
import OCR
import Synchronization

/// The OCR'd pages of one document finished so far, kept in the output folder's work area so
/// that a run interrupted in the middle of a long PDF (Ctrl-C, SIGTERM, `kill -9`, a power cut)
/// is continued by the next run from those pages instead of OCR'ing them again.
///
/// `DIR/.vietdoc-work/pages/<SHA-256 of the document id>/` holds `key.json` (what the pages
/// were made from: the content hash, the vietdoc and model versions, the OCR settings) and one
/// `page-NNNNNN.json` per finished page (its `PageText` as OCR gave it, before layout and
/// restoration, which run again on the whole document). Every file is written atomically and
/// never through a link. A journal whose key differs (the file was edited, an option, vietdoc or
/// the model changed) is emptied before use. The folder is removed once the document's outputs
/// are in place. Only OCR'd pages are kept: text-layer pages cost no more to read again.
public final class PageJournal: Sendable {
    /// What the pages were made from; kept pages are used only under an equal key.
    public struct Key: Codable, Equatable, Sendable {
        public var sha256: String
        public var vietdocVersion: String
        public var modelVersion: String?
        /// The settings that change what OCR reads (`ConversionOptions.ocrSettings`).
        public var ocr: String

        public init(sha256: String, modelVersion: String?, options: ConversionOptions) {
            self.sha256 = sha256
            vietdocVersion = VietdocVersion.current
            self.modelVersion = modelVersion
            ocr = options.ocrSettings
        }
    }

    /// The output folder's work area (hidden, so never taken for an input).
    public static let workFolder = ".vietdoc-work"
    static let keyFile = "key.json"

    private let root: URL
    private let documentID: String
    private let key: Key
    /// The journal's folder, opened on first use (a text input never needs one); nil when it
    /// cannot be opened (a link planted in the work area is refused: nothing is journaled).
    private let opened = Mutex<AtomicFile.Folder??>(nil)

    /// The journal of `documentID` in the output folder `root`, for pages made under `key`.
    /// Nothing is read or written before the first page is asked for.
    public init(root: URL, documentID: String, key: Key) {
        self.root = root
        self.documentID = documentID
        self.key = key
    }

    /// The folder, opened (created) on the first call; a journal made under another key is
    /// emptied then.
    private var folder: AtomicFile.Folder? {
        opened.withLock { state in
            if let folder = state { return folder }
            state = .some(try? openFolder())
            return state!
        }
    }

    private func openFolder() throws -> AtomicFile.Folder {
        let folder = try AtomicFile.Folder.open(root: root, relative: Self.relativePath(documentID))
        let data = Self.read(Self.keyFile, in: folder)
        if data.flatMap({ try? JSONDecoder().decode(Key.self, from: $0) }) != key {
            Self.removeEntries(of: folder.descriptor)
            let bytes = try JSONEncoder().encode(key)
            try AtomicFile.Staged(in: folder, name: Self.keyFile) { try $0.write(contentsOf: bytes) }.commit()
        }
        return folder
    }

    /// The journal's folder below the output folder.
    static func relativePath(_ documentID: String) -> String {
        "\(workFolder)/pages/\(SHA256.hex(of: Data(documentID.utf8)))"
    }

    /// The pages kept, by 0-based index, among the first `count`.
    public func pages(count: Int) -> [Int: PageText] {
        var pages: [Int: PageText] = [:]
        guard let folder else { return pages }
        for index in 0..<count {
            guard let data = Self.read(Self.pageFile(index), in: folder),
                let page = try? JSONDecoder().decode(PageText.self, from: data), page.number == index + 1
            else { continue }
            pages[index] = page
        }
        return pages
    }

    /// Keeps a finished page. A write that fails is let go: the journal only saves work.
    public func keep(_ page: PageText, index: Int) {
        guard let folder, let bytes = try? JSONEncoder().encode(page) else { return }
        try? AtomicFile.Staged(in: folder, name: Self.pageFile(index)) { try $0.write(contentsOf: bytes) }.commit()
    }

    /// Removes the journal of `documentID` from `root` when there is one (its document is done),
    /// and the work area when nothing else is in it. Links are never followed.
    public static func discard(root: URL, documentID: String) {
        let components = relativePath(documentID).split(separator: "/").map(String.init)
        var descriptors = [open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)]
        defer { for fd in descriptors where fd >= 0 { close(fd) } }
        for component in components {
            guard let fd = descriptors.last, fd >= 0 else { return }
            descriptors.append(openat(fd, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC))
        }
        guard let innermost = descriptors.last, innermost >= 0 else { return }
        removeEntries(of: innermost)
        // Innermost first: the document's folder, then `pages` and the work area when empty.
        for (parent, name) in zip(descriptors, components).reversed() {
            if unlinkat(parent, name, AT_REMOVEDIR) != 0 { break }
        }
    }

    static func pageFile(_ index: Int) -> String { String(format: "page-%06d.json", index + 1) }

    /// A regular file's bytes, read without following a link; nil when absent or unreadable.
    private static func read(_ name: String, in folder: AtomicFile.Folder) -> Data? {
        let fd = openat(folder.descriptor, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        return try? handle.readToEnd() ?? Data()
    }

    /// Unlinks every file directly in the folder open at `descriptor` (a journal holds no
    /// subfolders).
    private static func removeEntries(of descriptor: Int32) {
        let copy = dup(descriptor)
        guard copy >= 0, let directory = fdopendir(copy) else { return }
        var names: [[CChar]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
            if name != Array(".".utf8) && name != Array("..".utf8) {
                names.append(name.map { CChar(bitPattern: $0) } + [0])
            }
        }
        closedir(directory)
        for name in names { unlinkat(descriptor, name, 0) }
    }
}

extension ConversionOptions {
    /// The settings that change what OCR reads from a page, in one line: languages, render
    /// resolution, pixel cap, preprocessing steps, tesseract's version and data folder.
    public var ocrSettings: String {
        let steps = [
            ("color-filter", preprocessing.colorFilter), ("smooth", preprocessing.smooth),
            ("upscale", preprocessing.upscale), ("deskew", preprocessing.deskew),
            ("orientation", preprocessing.orientation),
        ]
        .filter(\.1).map(\.0).joined(separator: ",")
        return "lang=\(languages) dpi=\(renderDPI) max-pixels=\(maxPagePixels) steps=\(steps) "
            + "tesseract=\(OCREngine.libraryVersion) tessdata=\(tessdataDirectory ?? "default")"
    }
}
