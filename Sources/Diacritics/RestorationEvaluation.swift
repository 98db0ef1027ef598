import Foundation

/// Scores the restorer on text held out of the model: (a) stripped text, (b) tesseract `eng` OCR
/// and (c) tesseract `vie` OCR of rendered degraded pages, (d) correct text (harm), (e) `eng`,
/// `vie` and `vie+eng` OCR of pages degraded as real scans. Used by `vietdoc eval restore` and
/// the tests.
public struct RestorationEvaluation {
    /// Scores of a text against gold, before and after restoration.
    public struct Figures: Sendable {
        public var input = TextMetrics.SyllableScores.zero
        public var output = TextMetrics.SyllableScores.zero
        /// The output scored with both texts in one tone-placement convention ("hoà" = "hòa").
        public var outputAnyTonePlacement = TextMetrics.SyllableScores.zero
        public var inputEdits = 0
        public var outputEdits = 0
        public var goldCharacters = 0
        /// Syllables of the input the restorer changed (harm, setting d).
        public var changed = 0
        public var inputSyllables = 0
        /// Output errors by (output, gold) syllable group, counted when `collectErrors` is set:
        /// runs of misaligned syllables, "" on the side of a gap.
        public var errors: [ErrorPair: Int] = [:]
        public var collectErrors = false

        public var inputCER: Double { goldCharacters == 0 ? 0 : Double(inputEdits) / Double(goldCharacters) }
        public var outputCER: Double { goldCharacters == 0 ? 0 : Double(outputEdits) / Double(goldCharacters) }
        public var harmRate: Double { inputSyllables == 0 ? 0 : Double(changed) / Double(inputSyllables) }

        mutating func add(input: String, output: String, gold: String) {
            self.input = self.input + TextMetrics.syllableScores(hypothesis: input, gold: gold)
            self.output = self.output + TextMetrics.syllableScores(hypothesis: output, gold: gold)
            outputAnyTonePlacement =
                outputAnyTonePlacement
                + TextMetrics.syllableScores(
                    hypothesis: RestorationEvaluation.inModelTonePlacement(output),
                    gold: RestorationEvaluation.inModelTonePlacement(gold))
            let g = Array(VietnameseText.collapseWhitespace(VietnameseText.nfc(gold)).unicodeScalars)
            inputEdits += TextMetrics.editDistance(
                Array(VietnameseText.collapseWhitespace(VietnameseText.nfc(input)).unicodeScalars), g)
            outputEdits += TextMetrics.editDistance(
                Array(VietnameseText.collapseWhitespace(VietnameseText.nfc(output)).unicodeScalars), g)
            goldCharacters += g.count
            let change = TextMetrics.syllableScores(hypothesis: output, gold: input)
            changed += change.gold - change.correct
            inputSyllables += change.gold
            if collectErrors { countErrors(output: output, gold: gold) }
        }

        private mutating func countErrors(output: String, gold: String) {
            let h = VietnameseText.syllables(output)
            let g = VietnameseText.syllables(gold)
            var out: [String] = []
            var ref: [String] = []
            func close() {
                if !out.isEmpty || !ref.isEmpty {
                    errors[
                        ErrorPair(output: out.joined(separator: " "), gold: ref.joined(separator: " ")), default: 0] +=
                        1
                }
                out = []
                ref = []
            }
            for (i, j) in TextMetrics.alignment(h, g) {
                if let i, let j, h[i] == g[j] {
                    close()
                    continue
                }
                if let i { out.append(h[i]) }
                if let j { ref.append(g[j]) }
            }
            close()
        }

        /// The `n` most frequent errors, most frequent first.
        public func topErrors(_ n: Int) -> [(pair: ErrorPair, count: Int)] {
            errors.map { (pair: $0.key, count: $0.value) }
                .sorted {
                    $0.count != $1.count
                        ? $0.count > $1.count : ($0.pair.gold, $0.pair.output) < ($1.pair.gold, $1.pair.output)
                }
                .prefix(n).map { $0 }
        }
    }

    /// The text with every syllable in the model's tone-placement convention ("hoà" → "hòa",
    /// "Thuỵ" → "Thụy"). Both placements are correct spellings; published restoration figures
    /// are often given with them normalised so.
    public static func inModelTonePlacement(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var letters: [Unicode.Scalar] = []
        for u in VietnameseText.nfc(text).unicodeScalars {
            if VietnameseLetters.marks(u) != nil {
                letters.append(u)
            } else {
                out.append(contentsOf: SyllableForm.canonical(letters))
                letters.removeAll(keepingCapacity: true)
                out.append(u)
            }
        }
        out.append(contentsOf: SyllableForm.canonical(letters))
        return String(out)
    }

    /// Restored syllables that differ from gold, and the gold they stand for.
    public struct ErrorPair: Hashable, Sendable {
        public var output: String
        public var gold: String
    }

    /// A document of gold text.
    public struct Document: Sendable {
        public var name: String
        public var lines: [String]

        public init(name: String, lines: [String]) {
            self.name = name
            self.lines = lines
        }
    }

    /// An OCR'd page with its gold: OCR text by tesseract language (`eng`, `vie`, `vie+eng`).
    public struct OCRPage: Sendable {
        public var gold: String
        public var texts: [String: String]
        public var eng: String { texts["eng"] ?? "" }
        public var vie: String { texts["vie"] ?? "" }
    }

    public let restorer: Restorer

    public init(restorer: Restorer) { self.restorer = restorer }

    /// Held-out corpus documents listed in `dictionaries/heldout.tsv` (never counted by the
    /// model build), in file order, taking whole documents of `sources` until `maxSyllables`.
    public static func heldOutDocuments(corpus: URL, heldout: URL, sources: [String], maxSyllables: Int) throws
        -> [Document]
    {
        guard let listing = try? String(contentsOf: heldout, encoding: .utf8) else {
            throw VietdocError.fileNotFound(path: heldout.path)
        }
        var docs: [Document] = []
        var syllables = 0
        var shardCache: (String, [Substring])? = nil
        for row in listing.split(separator: "\n") where !row.hasPrefix("#") {
            let f = row.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 5, let first = Int(f[1]), let count = Int(f[2]), sources.contains(String(f[3])) else {
                continue
            }
            let shardPath = corpus.appendingPathComponent("text/\(f[3])/\(f[0])").path
            if shardCache?.0 != shardPath {
                guard let text = try? String(contentsOfFile: shardPath, encoding: .utf8) else {
                    throw VietdocError.fileNotFound(path: shardPath)
                }
                shardCache = (shardPath, text.split(separator: "\n", omittingEmptySubsequences: false))
            }
            let lines = shardCache!.1[(first - 1)..<min(shardCache!.1.count, first - 1 + count)].map(String.init)
            docs.append(Document(name: "\(f[3])/\(f[4])", lines: lines))
            syllables += lines.reduce(0) { $0 + VietnameseText.syllables($1).count }
            if syllables >= maxSyllables { break }
        }
        return docs
    }

    /// OCR fixtures: `DIR/<doc>/page-NNN.{gold,<language>…}.txt`, grouped by document; a page
    /// is taken when it has every one of `languages`.
    public static func ocrFixtures(directory: URL, languages: [String] = ["eng", "vie"]) -> [(
        name: String, pages: [OCRPage]
    )] {
        let fm = FileManager.default
        guard let docs = try? fm.contentsOfDirectory(atPath: directory.path) else { return [] }
        var result: [(String, [OCRPage])] = []
        for doc in docs.sorted() {
            let dir = directory.appendingPathComponent(doc)
            guard let files = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            var pages: [OCRPage] = []
            for gold in files.filter({ $0.hasSuffix(".gold.txt") }).sorted() {
                let base = String(gold.dropLast(".gold.txt".count))
                func read(_ ext: String) -> String? {
                    try? String(contentsOf: dir.appendingPathComponent("\(base).\(ext).txt"), encoding: .utf8)
                }
                guard let g = read("gold") else { continue }
                let texts = languages.compactMap { l in read(l).map { (l, $0) } }
                guard texts.count == languages.count else { continue }
                pages.append(OCRPage(gold: g, texts: Dictionary(uniqueKeysWithValues: texts)))
            }
            if !pages.isEmpty { result.append((doc, pages)) }
        }
        return result
    }

    /// (a) Accents stripped from gold documents, restored line by line, scored per line.
    public func stripped(_ docs: [Document], collectErrors: Bool = false) -> Figures {
        var fig = Figures()
        fig.collectErrors = collectErrors
        for doc in docs {
            let input = doc.lines.map(VietnameseText.stripDiacritics)
            let out = restorer.restore(pages: [PageText(number: 1, method: .textFile, lines: input)]).pages[0].lines
            for (i, gold) in doc.lines.enumerated() { fig.add(input: input[i], output: out[i], gold: gold) }
        }
        return fig
    }

    /// (d) Correct text: the share of syllables changed is the harm rate.
    public func correct(_ docs: [Document]) -> Figures {
        var fig = Figures()
        for doc in docs {
            let out = restorer.restore(pages: [PageText(number: 1, method: .textFile, lines: doc.lines)]).pages[0].lines
            for (i, gold) in doc.lines.enumerated() { fig.add(input: gold, output: out[i], gold: gold) }
        }
        return fig
    }

    /// (b)/(c)/(e) OCR output of rendered pages, restored per document (regime judged per page),
    /// scored per page against the page's gold.
    public func ocr(_ fixtures: [(name: String, pages: [OCRPage])], language: String, collectErrors: Bool = false)
        -> Figures
    {
        var fig = Figures()
        fig.collectErrors = collectErrors
        for doc in fixtures {
            let pages = doc.pages.enumerated().map { (i, p) in
                PageText(
                    number: i + 1, method: .ocr,
                    lines: (p.texts[language] ?? "").components(separatedBy: "\n"))
            }
            let restored = restorer.restore(pages: pages)
            for (i, p) in doc.pages.enumerated() {
                fig.add(input: pages[i].text, output: restored.pages[i].text, gold: p.gold)
            }
        }
        return fig
    }
}

extension RestorationEvaluation {
    /// Clean seed documents (`<prefix>_*.txt`) as gold documents; light Markdown markers
    /// (`#`, `**`) are removed the way the OCR fixtures render them.
    public static func seedDocuments(directory: URL, prefixes: [String]) -> [Document] {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var docs: [Document] = []
        for prefix in prefixes {
            guard let file = files.sorted().first(where: { $0.hasPrefix(prefix + "_") && $0.hasSuffix(".txt") }),
                let text = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            else { continue }
            let lines = text.components(separatedBy: "\n").map { line -> String in
                var l = line.replacingOccurrences(of: "**", with: "")
                while l.hasPrefix("#") { l.removeFirst() }
                return l.trimmingCharacters(in: .whitespaces)
            }
            docs.append(Document(name: file, lines: lines.map(VietnameseText.nfc)))
        }
        return docs
    }
}
