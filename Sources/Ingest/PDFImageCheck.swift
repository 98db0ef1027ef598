import CQPDF
import Foundation

/// Finds the images of a PDF page that cannot be decoded (a JPEG cut short or garbled, a
/// damaged Flate stream), by decoding them with libqpdf. poppler renders such an image partly
/// or not at all and says so only on stderr (libjpeg's line names no file), so without this
/// check the page would be read as if it were whole.
///
/// Images are checked in the filters qpdf decodes (DCT, Flate, LZW, run-length, ASCII);
/// JBIG2, JPX and CCITT images are left to poppler. An image over the pixel cap is not decoded
/// here. One decoded image is held at a time and released at once.
final class PDFImageCheck {
    private let handle: qpdf_data
    private let maxPixels: Int

    /// Nested forms followed at most (a form drawing itself would otherwise loop).
    static let maxFormDepth = 8

    /// Opens `url` with qpdf; nil when qpdf cannot read it (poppler opened it, so the page is
    /// then rendered unchecked).
    init?(url: URL, maxPixels: Int) {
        handle = qpdf_init()
        self.maxPixels = maxPixels
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        guard qpdf_read(handle, url.path, nil) & QPDF_ERRORS == 0, qpdf_is_encrypted(handle) == QPDF_FALSE,
            qpdf_get_num_pages(handle) >= 0
        else {
            var h: qpdf_data? = handle
            qpdf_cleanup(&h)
            return nil
        }
        qpdf_push_inherited_attributes_to_page(handle)
        drainMessages()
    }

    deinit {
        var h: qpdf_data? = handle
        qpdf_cleanup(&h)
    }

    /// Why an image drawn on page `index` (0-based; its own or one of a form it draws) cannot be
    /// decoded, e.g. "an image (object 5) cannot be decoded: invalid jpeg data reading from
    /// buffer"; nil when every checked image decodes.
    func undecodableImage(onPage index: Int) -> String? {
        defer { qpdf_oh_release_all(handle) }
        let page = qpdf_get_page_n(handle, index)
        guard qpdf_oh_is_dictionary(handle, page) != QPDF_FALSE else { return nil }
        var visited = Set<Int32>()
        return undecodableImage(resources: qpdf_oh_get_key(handle, page, "/Resources"), depth: 0, visited: &visited)
    }

    private func undecodableImage(resources: qpdf_oh, depth: Int, visited: inout Set<Int32>) -> String? {
        guard depth <= Self.maxFormDepth, qpdf_oh_is_dictionary(handle, resources) != QPDF_FALSE else { return nil }
        let xobjects = qpdf_oh_get_key(handle, resources, "/XObject")
        guard qpdf_oh_is_dictionary(handle, xobjects) != QPDF_FALSE else { return nil }
        // qpdf has one key iterator per document: the names are collected before any recursion.
        var names: [String] = []
        qpdf_oh_begin_dict_key_iter(handle, xobjects)
        while qpdf_oh_dict_more_keys(handle) != QPDF_FALSE, let key = qpdf_oh_dict_next_key(handle) {
            names.append(String(cString: key))
        }
        for name in names {
            let object = qpdf_oh_get_key(handle, xobjects, name)
            guard qpdf_oh_is_stream(handle, object) != QPDF_FALSE else { continue }
            let id = qpdf_oh_get_object_id(handle, object)
            guard visited.insert(id).inserted else { continue }
            let dictionary = qpdf_oh_get_dict(handle, object)
            let subtype = qpdf_oh_get_key(handle, dictionary, "/Subtype")
            if qpdf_oh_is_name_and_equals(handle, subtype, "/Image") != QPDF_FALSE {
                if let problem = decodingProblem(image: object, dictionary: dictionary) {
                    return "an image (object \(id)) cannot be decoded: \(problem)"
                }
            } else if qpdf_oh_is_name_and_equals(handle, subtype, "/Form") != QPDF_FALSE {
                let inner = qpdf_oh_get_key(handle, dictionary, "/Resources")
                if let problem = undecodableImage(resources: inner, depth: depth + 1, visited: &visited) {
                    return problem
                }
            }
        }
        return nil
    }

    /// qpdf's message when the image's data cannot be decoded; nil when it decodes, or is not
    /// checked (a filter qpdf does not decode, a size over the cap).
    private func decodingProblem(image: qpdf_oh, dictionary: qpdf_oh) -> String? {
        let width = qpdf_oh_get_int_value(handle, qpdf_oh_get_key(handle, dictionary, "/Width"))
        let height = qpdf_oh_get_int_value(handle, qpdf_oh_get_key(handle, dictionary, "/Height"))
        guard width > 0, height > 0, width.multipliedReportingOverflow(by: height).partialValue <= maxPixels,
            width <= Int64(Int32.max), height <= Int64(Int32.max)
        else { return nil }
        var filterable: QPDF_BOOL = QPDF_FALSE
        _ = qpdf_oh_get_stream_data(handle, image, qpdf_dl_all, &filterable, nil, nil)
        drainMessages()
        guard filterable != QPDF_FALSE else { return nil }
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        let code = qpdf_oh_get_stream_data(handle, image, qpdf_dl_all, &filterable, &buffer, &length)
        free(buffer)
        let messages = drainMessages()
        guard code & QPDF_ERRORS != 0 || !messages.isEmpty else { return nil }
        // "error decoding stream data for object 5 0: invalid jpeg data…": the decoder's words.
        let detail = messages.first ?? "qpdf cannot read its data"
        if let object = detail.range(of: "for object "), let colon = detail[object.upperBound...].range(of: ": ") {
            return String(detail[colon.upperBound...])
        }
        return detail
    }

    /// The warnings (then the error) qpdf collected since the last call, cleared.
    @discardableResult
    private func drainMessages() -> [String] {
        var messages: [String] = []
        while qpdf_more_warnings(handle) != QPDF_FALSE {
            if let warning = qpdf_next_warning(handle), let text = qpdf_get_error_message_detail(handle, warning) {
                messages.append(String(cString: text))
            }
        }
        if qpdf_has_error(handle) != QPDF_FALSE, let error = qpdf_get_error(handle),
            let text = qpdf_get_error_message_detail(handle, error)
        {
            messages.append(String(cString: text))
        }
        return messages
    }
}
