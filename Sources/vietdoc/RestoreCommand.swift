import ArgumentParser
import Diacritics
import Foundation

/// `vietdoc restore [FILE...]`: restored text on stdout, one output line per input line.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Restore Vietnamese diacritics in text files (or stdin), line by line.",
        discussion: """
            Reads each FILE (or standard input when none is given) and writes the restored text \
            to standard output, one output line per input line, streaming in constant memory. \
            The text's state (stripped, mangled by OCR, or accented) is judged on a leading \
            window of each input (--window lines) and sets how much its own marks are trusted.
            With --explain, each change is listed on standard error as \
            FILE:LINE<TAB>original<TAB>output<TAB>reason<TAB>margin (nats: how far the reading \
            written beat the best other), and the judged regime first; a word kept as written \
            although another reading came within 2 nats is listed with reason "kept" (a negative \
            margin: the marks were trusted over a reading the model preferred).
            """)

    @Argument(help: "Text files to restore (UTF-8). Standard input when none is given.")
    var files: [String] = []

    @Flag(help: "List every change on standard error.")
    var explain = false

    @OptionGroup var model: ModelOption

    @Option(help: "Force the regime instead of judging it: stripped, mangled or accented.")
    var regime: String?

    @Option(help: "Lines read ahead to judge the regime.")
    var window: Int = 200

    func run() throws {
        let loaded = try runReportingErrors {
            try DiacriticModel.load(from: model.directory())
        }
        var forced: TextRegime? = nil
        if let regime {
            guard let r = TextRegime(rawValue: regime) else {
                throw ValidationError("--regime must be stripped, mangled or accented")
            }
            forced = r
        }
        let restorer = Restorer(model: loaded)
        let out = BufferedOutput(handle: .standardOutput)
        let err = BufferedOutput(handle: .standardError)
        var failed = false
        let inputs: [String?] = files.isEmpty ? [nil] : files.map { $0 }
        for path in inputs {
            let name = path ?? "-"
            let reader: LineReader
            do { reader = try LineReader(path: path) } catch let e as VietdocError {
                err.write("vietdoc: \(e)\n")
                failed = true
                continue
            }
            // Judge the regime on a leading window, then stream.
            var head: [String] = []
            while head.count < window, let line = reader.next() { head.append(line) }
            let judged = forced ?? TextRegime.judge(lines: head, model: loaded)
            if explain { err.write("\(name)\tregime\t\(judged.rawValue)\tmodel \(loaded.version)\n") }
            var number = 0
            var context = LineContext()
            func emit(_ line: String) {
                number += 1
                let r = restorer.restoreLine(line, regime: judged, context: &context)
                out.write(r.text)
                out.write("\n")
                if explain {
                    // Changes and the words kept with low confidence, in line order.
                    var entries: [(word: Int, text: String)] = r.changes.map { c in
                        (
                            c.word?.index ?? 0,
                            "\(c.original)\t\(c.output)\t\(c.reason.rawValue)\t\(String(format: "%.2f", c.margin))"
                        )
                    }
                    for span in r.lowConfidence where span.kept == true {
                        entries.append(
                            (
                                span.word?.index ?? 0,
                                "\(span.text)\t\(span.text)\tkept\t\(String(format: "%.2f", span.margin))"
                            ))
                    }
                    // A stable sort: the changes of one word stay in order.
                    for e in entries.enumerated().sorted(by: {
                        ($0.element.word, $0.offset) < ($1.element.word, $1.offset)
                    }) {
                        err.write("\(name):\(number)\t\(e.element.text)\n")
                    }
                }
            }
            for line in head { emit(line) }
            head = []
            while let line = reader.next() { emit(line) }
            if reader.failed {
                err.write("vietdoc: \(name): the text file cannot be read (invalid UTF-8 or I/O error)\n")
                failed = true
            }
        }
        out.flush()
        err.flush()
        if failed { throw ExitCode(ExitStatus.someInputsFailed.rawValue) }
    }
}

/// Reads a file or stdin line by line in fixed-size chunks (constant memory), splitting on
/// "\n" and dropping one trailing "\r".
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var eof = false
    private(set) var failed = false

    init(path: String?) throws {
        if let path {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw VietdocError.fileNotFound(path: path)
            }
            guard !isDir.boolValue else { throw VietdocError.isDirectory(path: path) }
            guard let h = FileHandle(forReadingAtPath: path) else {
                throw VietdocError.unreadableText(path: path, detail: "permission denied")
            }
            handle = h
        } else {
            handle = .standardInput
        }
    }

    /// Start of the unread part of `buffer`.
    private var position = 0

    func next() -> String? {
        while true {
            if let nl = buffer[position...].firstIndex(of: 0x0A) {
                var lineData = buffer[position..<nl]
                position = nl + 1
                if lineData.last == 0x0D { lineData = lineData.dropLast() }
                return decode(lineData)
            }
            if eof {
                if position >= buffer.count { return nil }
                let rest = buffer[position...]
                position = buffer.count
                return decode(rest)
            }
            // Drop what was read, then append the next block: memory stays one block plus one line.
            if position > 0 {
                buffer = buffer.subdata(in: position..<buffer.count)
                position = 0
            }
            let chunk = handle.readData(ofLength: 1 << 16)
            if chunk.isEmpty { eof = true } else { buffer.append(chunk) }
        }
    }

    private func decode(_ d: Data) -> String {
        if let s = String(data: d, encoding: .utf8) { return s }
        failed = true
        return String(decoding: d, as: UTF8.self)
    }
}

/// Collects output and writes it in large blocks.
final class BufferedOutput {
    private let handle: FileHandle
    private var buffer = Data()

    init(handle: FileHandle) { self.handle = handle }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        if !buffer.isEmpty {
            handle.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
    }
}
