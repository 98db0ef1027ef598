import CQPDF
import Foundation
import VietdocCore

/// A thin wrapper over libqpdf's C API: a PDF read from a file (or a new, empty one) whose
/// objects can be parsed, added and changed, then written out. Object handles are plain
/// integers valid until the document is released (in `deinit`).
final class QPDFDocument {
    typealias Object = qpdf_oh
    private let handle: qpdf_data

    /// Opens `url`; a damaged or encrypted file is an `unsupportedFormat` error.
    init(reading url: URL) throws {
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        if qpdf_read(handle, url.path, nil) & QPDF_ERRORS != 0 || qpdf_is_encrypted(handle) != QPDF_FALSE {
            let detail = lastError() ?? "encrypted"
            var h: qpdf_data? = handle
            qpdf_cleanup(&h)
            throw VietdocError.corruptPDF(path: url.path, detail: "qpdf cannot open it: \(detail)")
        }
    }

    /// A new document with no pages.
    init() {
        handle = qpdf_init()
        qpdf_silence_errors(handle)
        _ = qpdf_empty_pdf(handle)
    }

    deinit {
        var h: qpdf_data? = handle
        qpdf_cleanup(&h)
    }

    var pageCount: Int { Int(qpdf_get_num_pages(handle)) }
    var root: Object { qpdf_get_root(handle) }
    var trailer: Object { qpdf_get_trailer(handle) }

    /// The page dictionary at `index`, with inherited attributes (Resources, MediaBox…) pushed
    /// onto it so that it can be changed alone.
    func page(at index: Int) -> Object {
        qpdf_push_inherited_attributes_to_page(handle)
        return qpdf_get_page_n(handle, index)
    }

    /// Parses a direct object from PDF syntax ("<< /Type /Font >>", "[0 0 612 792]").
    func parse(_ syntax: String) -> Object { qpdf_oh_parse(handle, syntax) }

    /// A new indirect stream holding `data` (stored as given: `filter` names its encoding) with
    /// the dictionary entries of `dictionary` (PDF syntax of a dictionary).
    func stream(_ data: Data, dictionary: String = "<< >>", filter: String? = nil, decodeParms: String? = nil)
        -> Object
    {
        let stream = qpdf_oh_new_stream(handle)
        let dict = qpdf_oh_get_dict(handle, stream)
        let extra = parse(dictionary)
        qpdf_oh_begin_dict_key_iter(handle, extra)
        while qpdf_oh_dict_more_keys(handle) != QPDF_FALSE {
            guard let key = qpdf_oh_dict_next_key(handle) else { break }
            let name = String(cString: key)
            qpdf_oh_replace_key(handle, dict, name, qpdf_oh_get_key(handle, extra, name))
        }
        let filterObject = filter.map { parse($0) } ?? qpdf_oh_new_null(handle)
        let parms = decodeParms.map { parse($0) } ?? qpdf_oh_new_null(handle)
        data.withUnsafeBytes { raw in
            qpdf_oh_replace_stream_data(
                handle, stream, raw.bindMemory(to: UInt8.self).baseAddress, data.count, filterObject, parms)
        }
        return stream
    }

    /// Makes `object` indirect (shared by reference).
    func indirect(_ object: Object) -> Object { qpdf_make_indirect_object(handle, object) }

    func key(_ object: Object, _ name: String) -> Object { qpdf_oh_get_key(handle, object, name) }
    func has(_ object: Object, _ name: String) -> Bool { qpdf_oh_has_key(handle, object, name) != QPDF_FALSE }
    func set(_ object: Object, _ name: String, _ value: Object) { qpdf_oh_replace_key(handle, object, name, value) }
    func isArray(_ object: Object) -> Bool { qpdf_oh_is_array(handle, object) != QPDF_FALSE }
    func isDictionary(_ object: Object) -> Bool { qpdf_oh_is_dictionary(handle, object) != QPDF_FALSE }
    func count(_ array: Object) -> Int { Int(qpdf_oh_get_array_n_items(handle, array)) }
    func item(_ array: Object, _ index: Int) -> Object { qpdf_oh_get_array_item(handle, array, Int32(index)) }
    func append(_ array: Object, _ item: Object) { qpdf_oh_append_item(handle, array, item) }
    func number(_ object: Object) -> Double { qpdf_oh_get_numeric_value(handle, object) }
    func newArray() -> Object { qpdf_oh_new_array(handle) }
    func newDictionary() -> Object { qpdf_oh_new_dictionary(handle) }
    func unicodeString(_ s: String) -> Object { qpdf_oh_new_unicode_string(handle, s) }
    func addPage(_ page: Object) { _ = qpdf_add_page(handle, handle, page, QPDF_FALSE) }

    /// Sets a key of the document information dictionary (a text string, UTF-16 when needed).
    func setInfo(_ key: String, _ value: String) {
        let info: Object
        if has(trailer, "/Info") {
            info = self.key(trailer, "/Info")
        } else {
            info = indirect(newDictionary())
            set(trailer, "/Info", info)
        }
        set(info, key, unicodeString(value))
    }

    /// The document's bytes (object streams, unfiltered new streams compressed with Flate,
    /// existing streams copied as they are, an /ID derived from the content); `path` names the
    /// output in errors.
    func written(path: String) throws -> Data {
        guard qpdf_init_write_memory(handle) & QPDF_ERRORS == 0 else {
            throw VietdocError.outputNotWritable(path: path, detail: lastError() ?? "qpdf cannot write")
        }
        qpdf_set_object_stream_mode(handle, qpdf_o_generate)
        qpdf_set_compress_streams(handle, QPDF_TRUE)
        qpdf_set_deterministic_ID(handle, QPDF_TRUE)
        guard qpdf_write(handle) & QPDF_ERRORS == 0, let buffer = qpdf_get_buffer(handle) else {
            throw VietdocError.outputNotWritable(path: path, detail: lastError() ?? "qpdf cannot write")
        }
        return Data(bytes: buffer, count: Int(qpdf_get_buffer_length(handle)))
    }

    private func lastError() -> String? {
        guard qpdf_has_error(handle) != QPDF_FALSE, let error = qpdf_get_error(handle),
            let text = qpdf_get_error_full_text(handle, error)
        else { return nil }
        return String(cString: text)
    }
}
