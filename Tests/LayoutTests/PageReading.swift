import Foundation
import Ingest
import Layout
import OCR
import TestSupport
import XCTest

/// Reads a sample's pages as the pipeline does (ingest, OCR of rendered pages, with what the
/// PDF draws over them merged in) and runs the
/// layout stage over the document.
enum PageReading {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: [PageText]] = [:]

    /// The laid-out pages of a sample (read once per test run).
    static func laidOut(_ name: String) throws -> [PageText] {
        lock.lock()
        defer { lock.unlock() }
        if let pages = cache[name] { return pages }
        let reader = try DocumentReader(url: Fixtures.sample(name))
        var engine: OCREngine?
        var pages: [PageText] = []
        for index in 0..<reader.pageCount {
            switch try reader.page(at: index) {
            case .text(let text): pages.append(text)
            case .image(let number, let image):
                if engine == nil { engine = try OCREngine(languages: "vie") }
                pages.append(image.annotations.merged(into: try engine!.recognize(image, pageNumber: number)))
            case .failed(let number, let reason): XCTFail("page \(number) of \(name): \(reason)")
            }
        }
        let laidOut = LayoutAnalyzer().analyse(pages: pages)
        cache[name] = laidOut
        return laidOut
    }
}

extension PageText {
    /// The texts of the lines of the page's regions of a kind, in reading order.
    func texts(_ kind: RegionKind) -> [String] {
        (layout?.regions(kind) ?? []).flatMap(\.lines).map(\.text)
    }

    /// The stamp kinds found on the page.
    var stampKinds: Set<StampKind> { Set((layout?.regions(.stamp) ?? []).compactMap(\.stamp)) }

    /// The 1-based page line of the first line of the first region of a kind.
    func firstLine(of kind: RegionKind) -> Int? { layout?.regions(kind).first?.lines.first?.lineIndex }
}

/// Accent-free, lower-cased form, for assertions that must not hang on one OCR mark.
func folded(_ s: String) -> String { VietnameseText.stripDiacritics(s).lowercased() }
