import Foundation
import Records

extension OutputWriter {
    /// Writes the archival formats asked for (ALTO, hOCR), each atomically.
    func writeArchival(_ document: ConvertedDocument, stem: String) throws {
        if formats.contains(.alto) {
            try AtomicFile.write(
                RecordEncoding.alto(document.record, pages: document.pages),
                to: url(stem: stem, extension: RecordFormat.alto.fileExtension))
        }
        if formats.contains(.hocr) {
            try AtomicFile.write(
                RecordEncoding.hocr(document.record, pages: document.pages),
                to: url(stem: stem, extension: RecordFormat.hocr.fileExtension))
        }
    }
}
