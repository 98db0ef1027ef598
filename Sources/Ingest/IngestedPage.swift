/// One page as ingest hands it on: text ready for restoration, an image for OCR, or a page
/// that could not be read (the rest of the document goes on).
public enum IngestedPage: Sendable {
    /// Text taken from a PDF text layer or a text file.
    case text(PageText)
    /// A rendered or decoded page, 8-bit grey, with its resolution, for OCR.
    case image(number: Int, GrayImage)
    /// The page could not be read (over the pixel cap, a damaged page…); `reason` says why.
    case failed(number: Int, reason: String)

    /// The 1-based page number.
    public var number: Int {
        switch self {
        case .text(let page): return page.number
        case .image(let number, _), .failed(let number, _): return number
        }
    }
}
