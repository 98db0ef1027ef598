import ArgumentParser
import Catalog
import Foundation
import VietdocCore

/// `vietdoc search QUERY --catalog DIR`: find converted documents in a batch's catalog.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find documents in a batch's catalog, with or without diacritics.",
        discussion: """
            Matches the restored text, the title and the header fields (type, number, issuer, \
            place, date) of every converted document, ignoring case and diacritics: \
            "ke hoach phong chong dich" finds "Kế hoạch phòng, chống dịch". All words must occur; \
            "…" matches a phrase, a trailing * a prefix (phong*).

            Prints one block per document, best first: path; type, number and date; title; a \
            snippet of the accented text with the matched words in [ ]. With --json, prints a \
            JSON array of {path, title, type, number, date, snippet, rank, score} instead.

            Exit codes: 0 when the search ran, even with no match (then stdout is empty, or [] \
            with --json, and stderr says so); 1 when the catalog cannot be read; 64 usage error.
            """)

    @Argument(help: "Words to look for (quote them or not).")
    var query: [String]

    @Option(
        name: .long,
        help: ArgumentHelp("The batch output folder holding catalog.sqlite, or the file.", valueName: "DIR"))
    var catalog: String

    @Option(name: .long, help: ArgumentHelp("Show at most N documents.", valueName: "N"))
    var limit: Int = 20

    @Flag(name: .long, help: "Print a JSON array for scripts.")
    var json = false

    func validate() throws {
        guard limit > 0 else { throw ValidationError("--limit must be at least 1") }
        guard !query.joined().trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("give words to search for")
        }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let hits: [SearchHit]
        let file = CatalogStore.catalogFile(at: URL(fileURLWithPath: catalog))
        do {
            hits = try CatalogStore(readOnly: file).search(text, limit: limit)
        } catch let error as VietdocError {
            if error.code == .invalidArgument, let message = error.detail, message.hasPrefix("search query") {
                throw ValidationError(message)
            }
            FileHandle.standardError.write(Data(TerminalText.escaped("vietdoc search: \(error)\n").utf8))
            throw ExitCode(ExitStatus.someInputsFailed.rawValue)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(hits.isEmpty ? "[]" : String(decoding: try encoder.encode(hits), as: UTF8.self))
        } else {
            // Paths and text come from documents: escape control characters before printing.
            print(TerminalText.escaped(Self.render(hits)), terminator: "")
        }
        if hits.isEmpty {
            let message = "vietdoc search: no document matches \"\(text)\" in \(file.path)\n"
            FileHandle.standardError.write(Data(TerminalText.escaped(message).utf8))
        }
    }

    /// Text output: a block per hit, separated by blank lines.
    static func render(_ hits: [SearchHit]) -> String {
        hits.map { hit in
            var lines = ["\(hit.rank). \(hit.path)"]
            let header = [[hit.type, hit.number].compactMap { $0 }.joined(separator: " "), hit.date ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " · ")
            if !header.isEmpty { lines.append("   " + header) }
            if let title = hit.title, !title.isEmpty { lines.append("   " + title) }
            if !hit.snippet.isEmpty { lines.append("   " + hit.snippet) }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }
}
