/// What a PDF page holds outside its content stream, as ingest reads it: the text its printed
/// annotations draw (the appearance streams of signature widgets that carry an electronically
/// inserted number and day, the "Ký bởi: …" overlay, the gazette centre's stamp) and the digital
/// signatures of its signature fields. On a scanned page it rides on the image through
/// preprocessing and OCR (`GrayImage.annotations`) and is then merged into the page's text.
public struct PageAnnotations: Equatable, Sendable {
    /// The annotations' words, boxes in the pixels of the page image (or of a render at the
    /// reader's resolution, for a text page), each annotation line numbered apart from the page's.
    public var words: [Word]
    /// One entry per signed signature field: signer and signing time as the PDF states them,
    /// `source` `signature_field`, box of the field's widget.
    public var signatures: [DigitalSignature]

    public init(words: [Word] = [], signatures: [DigitalSignature] = []) {
        self.words = words
        self.signatures = signatures
    }

    public var isEmpty: Bool { words.isEmpty && signatures.isEmpty }

    /// The page with the annotations merged in: the page's own words that an annotation word
    /// covers by half their area or more (OCR's reading of the overlay) are replaced by the
    /// annotation's words, numbered after the page's lines, blocks and paragraphs; the
    /// signatures go to `signatureFields`. The page's `lines` are left as read: the layout stage
    /// rebuilds them from the words.
    public func merged(into page: PageText) -> PageText {
        guard !isEmpty else { return page }
        var out = page
        out.signatureFields += signatures
        guard !words.isEmpty else { return out }
        let kept = page.words.filter { word in
            let area = Double(word.box.width * word.box.height)
            return !words.contains { Double($0.box.intersectionArea(with: word.box)) >= 0.5 * area }
        }
        let lineBase = max(page.words.compactMap(\.line).max() ?? 0, page.lines.count)
        let blockBase = page.words.compactMap(\.block).max()
        let paragraphBase = page.words.compactMap(\.paragraph).max()
        let firstLine = words.compactMap(\.line).min() ?? 1
        out.words =
            kept
            + words.map { word in
                var w = word
                w.line = lineBase + (word.line ?? firstLine) - firstLine + 1
                // Tesseract's pages number blocks and paragraphs: an annotation is one of each.
                w.block = blockBase.map { $0 + 1 }
                w.paragraph = paragraphBase.map { $0 + 1 }
                return w
            }
        return out
    }

    /// The annotations after the page image was scaled by `factor` (an upscale): boxes scaled.
    public func scaled(by factor: Double) -> PageAnnotations {
        func scale(_ b: BoundingBox) -> BoundingBox {
            BoundingBox(
                x: Int((Double(b.x) * factor).rounded()), y: Int((Double(b.y) * factor).rounded()),
                width: max(Int((Double(b.width) * factor).rounded()), 1),
                height: max(Int((Double(b.height) * factor).rounded()), 1))
        }
        var out = self
        for i in out.words.indices { out.words[i].box = scale(out.words[i].box) }
        for i in out.signatures.indices { out.signatures[i].box = out.signatures[i].box.map(scale) }
        return out
    }

    /// The annotations after the page image was rotated (deskewed or turned): their boxes no
    /// longer fit the image, so the words are dropped (OCR's reading stands) and the signatures
    /// lose their boxes.
    public var rotated: PageAnnotations {
        PageAnnotations(
            words: [],
            signatures: signatures.map {
                var s = $0
                s.box = nil
                return s
            })
    }
}
