/// What kind of file a document came from, as recorded in `source.kind`.
public enum SourceKind: String, Codable, Sendable, CaseIterable {
    /// A PDF whose pages had no usable text layer and were OCR'd.
    case scannedPDF = "scanned_pdf"
    /// A PDF whose pages (all or some) carried a usable text layer.
    case textPDF = "text_pdf"
    /// A raster image: PNG, JPEG or TIFF (possibly multi-page).
    case image
    /// A plain-text file that already holds OCR output.
    case text
}

/// How the text of one page was obtained.
public enum PageMethod: String, Codable, Sendable {
    case textLayer = "text_layer"
    case ocr
    case textFile = "text_file"
    /// The page could not be read (deadline or pixel cap exceeded); its text is empty.
    case failed
}
