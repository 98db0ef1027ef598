import Foundation
import Ingest

/// `vietdoc eval ocr` as a library: the OCR of inputs with gold text beside them, scored
/// through the `convert` path (`DocumentConverter`) with and without restoration, for one or
/// more preprocessing variants, beside the tesseract command line, all on the same pages in
/// the same run.
public struct OCREvaluation {
    /// One input and its gold pages (split on form feeds).
    public struct Input {
        public var url: URL
        public var gold: [String]
        public init(url: URL, gold: [String]) {
            self.url = url
            self.gold = gold
        }
    }

    /// Pooled scores: character edits over gold characters, and syllable counts.
    public struct Tally: Sendable {
        public var edits = 0.0
        public var goldChars = 0.0
        public var syllables = TextMetrics.SyllableScores.zero

        public init() {}

        public mutating func add(hypothesis: String, gold: String) {
            let n = Double(VietnameseText.collapseWhitespace(gold).unicodeScalars.count)
            edits += TextMetrics.characterErrorRate(hypothesis: hypothesis, gold: gold) * n
            goldChars += n
            syllables = syllables + TextMetrics.syllableScores(hypothesis: hypothesis, gold: gold)
        }

        public static func + (a: Tally, b: Tally) -> Tally {
            var t = Tally()
            t.edits = a.edits + b.edits
            t.goldChars = a.goldChars + b.goldChars
            t.syllables = a.syllables + b.syllables
            return t
        }

        public var cer: Double { goldChars == 0 ? 0 : edits / goldChars }
        public var syllableAccuracy: Double { syllables.syllableAccuracy }
    }

    /// A named preprocessing setting to score.
    public struct Variant: Sendable {
        public var name: String
        public var preprocessing: Preprocessing
        public init(name: String, preprocessing: Preprocessing) {
            self.name = name
            self.preprocessing = preprocessing
        }

        /// `default` (every step on), `none`, or `default` with some steps off, spelled
        /// `-color-filter`, `-smooth`, `-upscale`, `-deskew`, `-orientation` joined by commas
        /// (e.g. `-smooth,-deskew`), or `none` with some on (`+smooth`).
        public init(parsing spec: String) throws {
            var p = Preprocessing()
            for part in spec.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                switch part {
                case "default": p = Preprocessing()
                case "none": p = .none
                default:
                    guard let sign = part.first, sign == "+" || sign == "-" else {
                        throw VietdocError.invalidArgument(
                            "variant '\(spec)': '\(part)' is not default, none, +step or -step")
                    }
                    let on = sign == "+"
                    switch part.dropFirst() {
                    case "color-filter": p.colorFilter = on
                    case "smooth": p.smooth = on
                    case "upscale": p.upscale = on
                    case "deskew": p.deskew = on
                    case "orientation": p.orientation = on
                    default:
                        throw VietdocError.invalidArgument(
                            "variant '\(spec)': unknown step '\(part.dropFirst())' (color-filter, smooth, upscale, deskew, orientation)"
                        )
                    }
                }
            }
            self.init(name: spec, preprocessing: p)
        }
    }

    /// One input's scores: per variant without and with restoration, and the CLI's.
    public struct FileScores: Sendable {
        public var name: String
        public var pages: Int
        public var raw: [Tally]
        public var restored: [Tally]
        public var cli: Tally?
        /// Per variant: how many pages had each preprocessing step applied.
        public var steps: [[String: Int]]

        /// The scores of several files pooled into one row named `name`.
        public static func pooled(_ files: [FileScores], name: String = "all") -> FileScores {
            let variants = files.first?.raw.count ?? 0
            var all = FileScores(
                name: name, pages: 0, raw: Array(repeating: Tally(), count: variants),
                restored: Array(repeating: Tally(), count: variants), cli: nil,
                steps: Array(repeating: [:], count: variants))
            for file in files {
                all.pages += file.pages
                for v in 0..<variants {
                    all.raw[v] = all.raw[v] + file.raw[v]
                    all.restored[v] = all.restored[v] + file.restored[v]
                    all.steps[v].merge(file.steps[v], uniquingKeysWith: +)
                }
                if let c = file.cli { all.cli = (all.cli ?? Tally()) + c }
            }
            return all
        }
    }

    public var inputs: [Input]
    public var variants: [Variant]
    public var base: ConversionOptions
    public var compareWithCLI: Bool

    public init(inputs: [Input], variants: [Variant], base: ConversionOptions, compareWithCLI: Bool = true) {
        self.inputs = inputs
        self.variants = variants
        self.base = base
        self.compareWithCLI = compareWithCLI
    }

    /// Scores every input. Pages are those the converter OCR'd (text-layer pages are left out).
    public func run() throws -> [FileScores] {
        var converters: [DocumentConverter] = []
        for variant in variants {
            var options = base
            options.preprocessing = variant.preprocessing
            options.restore = true
            converters.append(try DocumentConverter(options: options))
        }
        defer { for c in converters { c.shutdown() } }
        var out: [FileScores] = []
        for input in inputs {
            var raw: [Tally] = []
            var restored: [Tally] = []
            var steps: [[String: Int]] = []
            var ocrIndices: [Int] = []
            for converter in converters {
                let document = try converter.convert(input.url, displayPath: input.url.path)
                ocrIndices = document.ocrPages.indices.filter { document.ocrPages[$0].method != .textLayer }
                var r = Tally()
                var s = Tally()
                var counts: [String: Int] = [:]
                for i in ocrIndices {
                    let gold = i < input.gold.count ? input.gold[i] : ""
                    r.add(hypothesis: document.ocrPages[i].text, gold: gold)
                    s.add(hypothesis: document.pages[i].text, gold: gold)
                    for step in document.ocrPages[i].preprocessing {
                        counts[String(step.prefix { $0 != "(" }), default: 0] += 1
                    }
                }
                raw.append(r)
                restored.append(s)
                steps.append(counts)
            }
            var cli: Tally?
            if compareWithCLI, !ocrIndices.isEmpty {
                let kind = try InputSniffer.kind(of: input.url)
                let texts = try TesseractCLI.pages(
                    of: ocrIndices.map { PageTask(url: input.url, index: $0) }, kind: kind, languages: base.languages)
                var c = Tally()
                for (i, text) in zip(ocrIndices, texts) {
                    c.add(hypothesis: text, gold: i < input.gold.count ? input.gold[i] : "")
                }
                cli = c
            }
            out.append(
                FileScores(
                    name: input.url.lastPathComponent, pages: ocrIndices.count, raw: raw, restored: restored, cli: cli,
                    steps: steps))
        }
        return out
    }

    /// The inputs among `urls` that have gold text `<stem>.txt` in `goldFolder` (or beside them
    /// when it is nil) and are not text files; `skipped` is told of the others.
    public static func inputs(_ urls: [URL], goldFolder: URL?, skipped: (URL, String) -> Void = { _, _ in }) -> [Input]
    {
        urls.compactMap { url in
            let stem = url.deletingPathExtension().lastPathComponent
            let goldURL = (goldFolder ?? url.deletingLastPathComponent()).appendingPathComponent(stem + ".txt")
            guard goldURL.standardizedFileURL != url.standardizedFileURL,
                let text = try? String(contentsOf: goldURL, encoding: .utf8)
            else {
                skipped(url, "no gold text at \(goldURL.path)")
                return nil
            }
            guard let kind = try? InputSniffer.kind(of: url), kind != .text else { return nil }
            return Input(url: url, gold: text.components(separatedBy: "\u{0C}"))
        }
    }
}
