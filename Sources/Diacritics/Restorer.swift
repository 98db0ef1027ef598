import Foundation
import Synchronization

/// One restored line with the changes made to it.
public struct RestoredLine: Sendable, Equatable {
    public var text: String
    /// Changes in this line; `page` is 0 and `line` is 0 until the caller places the line.
    public var changes: [TokenChange]
    public var lowConfidence: [LowConfidenceSpan]
    /// Word tokens the decoder read in this line.
    public var tokens: Int
}

/// The language-model state carried from one line to the next, so that a sentence wrapped over
/// lines keeps its context. Start with `LineContext()`; an empty line or punctuation resets it.
public struct LineContext: Sendable {
    var state: (Int32, Int32)?
    /// The letter of the last list item seen ("c" after a line opening "c)").
    var lastItemLetter: Unicode.Scalar?
    /// What the stream has looked up so far (token readings, channel costs).
    var memo = StreamMemo()
    public init() {}
}

/// A restored document: its pages with restored lines (same count and order as the input) and
/// what restoration did.
public struct RestoredDocument: Sendable {
    public var pages: [PageText]
    public var summary: RestorationSummary
    /// Word tokens read, tokens changed, and the spans the restorer was unsure of.
    public var quality: (tokens: Int, changed: Int, lowConfidenceSpans: [LowConfidenceSpan])
    /// The regime judged for each page, in page order.
    public var pageRegimes: [TextRegime]
}

/// Restores Vietnamese diacritics in stripped, OCR-mangled or slightly wrong text.
///
/// Each line is tokenised keeping all spacing and punctuation; protected tokens pass through;
/// runs of words are decoded jointly. Output always has one line per input line.
public struct Restorer: Sendable {
    public let model: DiacriticModel
    private let caches: CandidateCaches
    /// A change whose margin (nats) is below this is reported as a low-confidence span.
    public var lowConfidenceMargin: Float = 2.0

    public init(model: DiacriticModel) {
        self.model = model
        self.caches = CandidateCaches()
    }

    /// Restores a document, judging the regime per page (pages with few words use the
    /// document's regime). Line numbers in changes are 1-based within each page.
    /// `isCancelled` is checked before every line: once it is true the remaining lines pass
    /// through unchanged, so that Ctrl-C stops a long text at once (the caller discards the
    /// result).
    public func restore(pages: [PageText], isCancelled: () -> Bool = { false }) -> RestoredDocument {
        var docStats = RegimeStatistics()
        var pageStats: [RegimeStatistics] = []
        for page in pages {
            var s = RegimeStatistics()
            for line in page.lines {
                if isCancelled() { break }
                s.add(line: line, model: model)
                docStats.add(line: line, model: model)
            }
            pageStats.append(s)
        }
        let docRegime = docStats.regime
        var outPages: [PageText] = []
        var changes: [TokenChange] = []
        var spans: [LowConfidenceSpan] = []
        var tokens = 0
        var regimes: [TextRegime] = []
        var memo = StreamMemo()  // shared by the pages of the document
        var itemLetter: Unicode.Scalar? = nil  // list items run on across pages
        for (page, stats) in zip(pages, pageStats) {
            let regime = stats.words >= 40 ? stats.regime : docRegime
            regimes.append(regime)
            var out = page
            var context = LineContext()
            context.lastItemLetter = itemLetter
            swap(&context.memo, &memo)
            defer {
                swap(&context.memo, &memo)
                itemLetter = context.lastItemLetter
            }
            out.lines = page.lines.enumerated().map { (i, line) in
                if isCancelled() { return line }
                var r = restoreLine(line, regime: regime, context: &context)
                for k in r.changes.indices {
                    r.changes[k].page = page.number
                    r.changes[k].line = i + 1
                }
                for k in r.lowConfidence.indices {
                    r.lowConfidence[k].page = page.number
                    r.lowConfidence[k].line = i + 1
                }
                changes += r.changes
                spans += r.lowConfidence
                tokens += r.tokens
                return r.text
            }
            outPages.append(out)
        }
        let counts = Dictionary(grouping: regimes, by: { $0 }).mapValues(\.count)
        let overall =
            counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key.rawValue > $1.key.rawValue }?.key
            ?? docRegime
        return RestoredDocument(
            pages: outPages,
            summary: RestorationSummary(regime: overall.rawValue, modelVersion: model.version, changes: changes),
            quality: (tokens, changes.count, spans), pageRegimes: regimes)
    }

    /// Restores one line, judging the regime from the line alone (accented when unclear). For
    /// streams, judge the regime on a leading window and call `restoreLine(_:regime:)`.
    public func restoreLine(_ line: String) -> RestoredLine {
        restoreLine(line, regime: TextRegime.judge(lines: [line], model: model))
    }

    /// Restores one line in a known regime.
    public func restoreLine(_ line: String, regime: TextRegime) -> RestoredLine {
        var context = LineContext()
        return restoreLine(line, regime: regime, context: &context)
    }

    /// Restores one line in a known regime, continuing the sentence context of the previous
    /// line and updating it for the next.
    public func restoreLine(_ line: String, regime: TextRegime, context: inout LineContext) -> RestoredLine {
        var text = line
        if line.unicodeScalars.contains(where: { (0x0300...0x036F).contains($0.value) }) {
            text = line.precomposedStringWithCanonicalMapping
        }
        // Items run a), b), c), d), đ), e): a "d)" item after a "d)" one is "đ)" without its bar.
        var itemChange: TokenChange? = nil
        if let (letter, index) = Self.itemLetter(text) {
            var read = VietnameseLetters.lower(letter)
            if regime != .accented, read == "d", context.lastItemLetter == "d" {
                read = "đ"
                let bar: Unicode.Scalar = letter == "D" ? "Đ" : "đ"
                var scalars = Array(text.unicodeScalars)
                scalars[index] = bar
                text = String(String.UnicodeScalarView(scalars))
                itemChange = TokenChange(
                    page: 0, line: 0, original: String(letter), output: String(bar), reason: .stripped,
                    margin: Double(Self.itemSequenceMargin), word: WordPosition(index: 1))
            }
            context.lastItemLetter = read
        }
        // The stream's memo, moved out of the context for the line (and back at the end).
        var memo = StreamMemo()
        swap(&memo, &context.memo)
        defer { swap(&memo, &context.memo) }
        let costs = memo.costs(regime, shared: caches, channel: model.channel)
        let generator = CandidateGenerator(model: model, costs: costs)
        let mangledGenerator = CandidateGenerator(
            model: model, costs: memo.costs(.mangled, shared: caches, channel: model.channel))
        var tokenizer = LineTokenizer(
            model: model, junk: costs.rulesProfile?.junkScalars ?? [], allowDigits: costs.allowDigits)
        tokenizer.keepUnknownMarked = regime == .accented
        let pieces = tokenizer.pieces(text)
        var output = ""
        var words = LineWords()
        var changes: [TokenChange] = itemChange.map { [$0] } ?? []
        var spans: [LowConfidenceSpan] = []
        var tokens = 0
        var run:
            [(
                text: String, letters: [Unicode.Scalar], merged: Bool, alts: [Alternative], title: Bool,
                identity: Int32?, keep: Int?
            )] = []
        // Mangled OCR reads a marked lower-case vowel as a capital ("BO Y té" for "Bộ Y tế").
        let titleFlags = costs.titleIsolatedCaps ? Self.isolatedShortCaps(pieces) : []
        // A capitalised word inside a sentence is probably a name (`CapitalPrior`); not in
        // lines of capitalised words (headings, titles).
        let capitalWeight =
            costs.capitalPriorWeight == 0 || model.capitalPrior.logShare.isEmpty || Self.isMostlyCapitalised(text)
            ? 0 : costs.capitalPriorWeight
        var atSentenceStart = true
        var tokensSeen = 0  // words, numbers and protected tokens so far in the line
        var firstTokenLength = 0
        func see(_ token: String) {
            tokensSeen += 1
            if tokensSeen == 1 { firstTokenLength = token.unicodeScalars.count }
            atSentenceStart = false
        }
        var wordIndex = 0
        var between: [String] = []  // verbatim text after each word of the run

        var sawBoundary = false
        var runStart: (Int32, Int32)? = context.state
        var endState: (Int32, Int32)? = nil
        func flush() {
            defer { runStart = nil }
            guard !run.isEmpty else { return }
            let slots = run.map { $0.alts }
            let keep: [Int?] = run.map { $0.merged ? nil : $0.keep }
            let decodable = slots.allSatisfy { !$0.isEmpty }
            var choice: [Int] = []
            var margins: [Float] = []
            if decodable {
                let start = sawBoundary ? (Int32(1), Int32(1)) : (runStart ?? (1, 1))
                let end: (Int32, Int32)
                (choice, margins, end) = ViterbiDecoder(
                    model: model, wordBonus: costs.wordBonus, beamWidth: costs.beamWidth, lmScale: costs.lmScale
                ).decode(slots, keep: keep, start: start)
                endState = end
            } else {
                // Decode the sub-runs of readable words separately.
                choice = Array(repeating: -1, count: run.count)
                margins = Array(repeating: .infinity, count: run.count)
                var s = 0
                while s < run.count {
                    if slots[s].isEmpty {
                        s += 1
                        continue
                    }
                    var e = s
                    while e < run.count && !slots[e].isEmpty { e += 1 }
                    let (c, m, _) = ViterbiDecoder(
                        model: model, wordBonus: costs.wordBonus, beamWidth: costs.beamWidth, lmScale: costs.lmScale
                    )
                    .decode(Array(slots[s..<e]), keep: Array(keep[s..<e]))
                    for k in s..<e {
                        choice[k] = c[k - s]
                        margins[k] = m[k - s]
                    }
                    s = e
                }
            }
            // Keep the input where the evidence for a change is weak and the regime trusts marks;
            // the kept reading's margin over the change is then negative.
            for k in run.indices where choice[k] >= 0 {
                if let kk = keep[k], kk != choice[k], margins[k] < costs.minChangeMargin {
                    choice[k] = kk
                    margins[k] = -margins[k]
                }
            }
            for (k, w) in run.enumerated() {
                var rendered = w.text
                if !w.letters.isEmpty { tokens += 1 }
                if choice[k] >= 0 && !w.letters.isEmpty {
                    let alt = w.alts[choice[k]]
                    rendered =
                        keep[k] == choice[k] && !w.title
                        ? w.text
                        : render(
                            alt, original: w.letters, text: w.text, merged: w.merged, title: w.title,
                            identity: w.identity)
                    let word = WordPosition(
                        index: words.index(of: rendered),
                        count: rendered.unicodeScalars.reduce(1) { $1 == " " ? $0 + 1 : $0 })
                    if rendered != w.text {
                        let reason: ChangeReason = w.merged ? .merge : alt.reason
                        changes.append(
                            TokenChange(
                                page: 0, line: 0, original: w.text, output: rendered, reason: reason,
                                margin: Double(margins[k].isFinite ? margins[k] : 99), word: word))
                        if margins[k] < lowConfidenceMargin {
                            spans.append(
                                LowConfidenceSpan(
                                    page: 0, line: 0, text: rendered, margin: Double(margins[k]), word: word))
                        }
                    } else if keep[k] == choice[k], margins[k] < lowConfidenceMargin {
                        // Kept as written, though another reading came close.
                        spans.append(
                            LowConfidenceSpan(
                                page: 0, line: 0, text: rendered, margin: Double(margins[k]), word: word, kept: true))
                    }
                } else if choice[k] < 0, regime == .stripped, !w.merged, w.text.unicodeScalars.elementsEqual(w.letters),
                    let form = model.foreignWords.writtenForm(of: w.letters)
                {
                    // A foreign word no syllable reading covers, usually written with marks ("ôxy").
                    rendered = form.text
                    let margin = form.share < 1 ? log(Double(form.share) / Double(1 - form.share)) : 99
                    let word = WordPosition(index: words.index(of: rendered))
                    changes.append(
                        TokenChange(
                            page: 0, line: 0, original: w.text, output: rendered, reason: .stripped, margin: margin,
                            word: word))
                    if margin < Double(lowConfidenceMargin) {
                        spans.append(LowConfidenceSpan(page: 0, line: 0, text: rendered, margin: margin, word: word))
                    }
                }
                output += rendered
                words.append(rendered)
                output += between[k]
                words.append(between[k])
            }
            run.removeAll()
            between.removeAll()
        }

        for piece in pieces {
            switch piece {
            case .boundary:
                flush()
                sawBoundary = true
                endState = nil
            case .verbatim(let s):
                if let c = s.unicodeScalars.last(where: { !$0.properties.isWhitespace }) {
                    // A sentence end, a quote or bracket, a bullet, or an item's letter ("a)", "12)").
                    atSentenceStart =
                        Self.opensSentence.contains(c) || (c == ")" && tokensSeen == 1 && firstTokenLength <= 2)
                }
                if run.isEmpty {
                    output += s
                    words.append(s)
                } else {
                    between[between.count - 1] += s
                }
            case .protected(let original, let out):
                see(original)
                flush()
                sawBoundary = true
                endState = nil
                if out != original {
                    changes.append(
                        TokenChange(
                            page: 0, line: 0, original: original, output: out, reason: .code, margin: 99,
                            word: WordPosition(index: words.index(of: out))))
                }
                output += out
                words.append(out)
            case .number(let t):
                see(t)
                if let num = model.numberId {
                    var alts = [Alternative(ids: [num], cost: 0, cuts: [], reason: .stripped)]
                    // Mangled OCR writes short words as digits ("46" for "độ", "6" for "ở"): a
                    // short number may also be read as a syllable, at a price.
                    let scalars = Array(t.unicodeScalars)
                    if costs.digitWordPenalty.isFinite && scalars.count <= 2
                        && scalars.allSatisfy({ $0.isASCII && $0.isNumericFast })
                    {
                        for a in memo.readings(scalars, regime: regime, shared: caches, generator: generator)
                            .alternatives where a.ids.count == 1
                        {
                            alts.append(
                                Alternative(
                                    ids: a.ids, cost: a.cost + costs.digitWordPenalty, cuts: [], reason: .confusion))
                        }
                    }
                    let letters = alts.count > 1 ? scalars : []
                    let identity = letters.isEmpty ? nil : model.id(of: letters.map(VietnameseLetters.lower))
                    let keep = identity.flatMap { id in alts.firstIndex { $0.ids.count == 1 && $0.ids[0] == id } }
                    run.append((t, letters, false, alts, false, identity, keep))
                    between.append("")
                } else {
                    flush()
                    output += t
                    words.append(t)
                }
            case .word(let t, let letters, let merged):
                // A word broken by a stray mark ("ti,nh") probably lost a mark to it: read it
                // with the mangled-OCR channel whatever the regime.
                let r =
                    merged
                    ? memo.readings(letters, regime: .mangled, shared: caches, generator: mangledGenerator)
                    : memo.readings(letters, regime: regime, shared: caches, generator: generator)
                let title = wordIndex < titleFlags.count && titleFlags[wordIndex]
                wordIndex += 1
                var alternatives = r.alternatives
                if capitalWeight > 0, !atSentenceStart, !merged, letters.count > 1,
                    SyllableForm.casePattern(letters) == .title
                {
                    model.capitalPrior.apply(to: &alternatives, weight: capitalWeight, cap: costs.capitalPriorCap)
                }
                see(t)
                run.append((t, letters, merged, alternatives, title, r.identity, r.keep))
                between.append("")
            }
        }
        flush()
        context.state = endState
        return RestoredLine(text: output, changes: changes, lowConfidence: spans, tokens: tokens)
    }

    /// The text of a reading in the input's case pattern; the input itself when unchanged.
    /// `identity` is the syllable the token spells as written, if any.
    private func render(
        _ alt: Alternative, original: [Unicode.Scalar], text: String, merged: Bool, title: Bool, identity: Int32?
    ) -> String {
        if let num = model.numberId, alt.ids.count == 1, alt.ids[0] == num { return text }
        if alt.ids.count == 1, !merged, !title, let id = identity, id == alt.ids[0] { return text }
        var parts: [String] = []
        var start = 0
        for (i, id) in alt.ids.enumerated() {
            let end = i < alt.cuts.count ? alt.cuts[i] : original.count
            var pattern = SyllableForm.casePattern(original[start..<end])
            if pattern == .mixed { pattern = original[start].properties.isUppercase ? .title : .lower }
            // Only a reading with marks: the marks are what made OCR see capitals.
            if title && pattern == .upper && end - start >= 2 && VietnameseLetters.hasMarks(model.forms[Int(id)]) {
                pattern = .title
            }
            parts.append(SyllableForm.apply(pattern, to: model.forms[Int(id)]))
            start = end
        }
        return parts.joined(separator: " ")
    }
}

extension Restorer {
    /// The margin given to an item letter read from the items' order.
    static let itemSequenceMargin: Float = 10

    /// The letter of a list item opening the line ("c) …", "d. …") and its scalar offset.
    static func itemLetter(_ line: String) -> (Unicode.Scalar, Int)? {
        let scalars = Array(line.unicodeScalars.prefix(8))
        var i = 0
        while i < scalars.count && scalars[i].properties.isWhitespace { i += 1 }
        guard i + 2 < scalars.count, let m = VietnameseLetters.marks(scalars[i]), m.tone == .none,
            m.shape == .none || m.base == "d", scalars[i + 1] == ")" || scalars[i + 1] == ".",
            scalars[i + 2].properties.isWhitespace
        else { return nil }
        return (scalars[i], i)
    }

    /// Characters after which a capital opens a sentence or an item rather than a name: sentence
    /// ends, opening quotes and brackets, bullets (as tools/model/capitalised.py counts).
    static let opensSentence = Set(".!?:…\"'“‘([«-–—+•*".unicodeScalars)

    /// Whether at least 3 in 5 of the line's white-space words begin with a capital.
    static func isMostlyCapitalised(_ line: String) -> Bool {
        var words = 0
        var capitalised = 0
        for w in line.split(whereSeparator: \.isWhitespace) {
            words += 1
            if w.first?.isUppercase == true { capitalised += 1 }
        }
        return words > 0 && capitalised * 5 >= words * 3
    }

    /// Per word piece of a line: whether it is a 2–3 letter all-capital word standing alone
    /// (neither neighbour is an all-capital word or acronym) in a line of at least three words
    /// with lower-case letters, which mangled OCR makes of a Title Case word ("BO" for "Bộ").
    static func isolatedShortCaps(_ pieces: [LineTokenizer.Piece]) -> [Bool] {
        var caps: [Bool] = []
        var wordSlot: [Int] = []
        var short: [Bool] = []
        var lowerWords = 0
        func classify(_ scalars: [Unicode.Scalar]) -> (caps: Bool, lower: Bool, letters: Int) {
            var up = 0
            var low = 0
            for u in scalars {
                if let m = VietnameseLetters.marks(u) { if m.isUppercase { up += 1 } else { low += 1 } }
            }
            return (up >= 2 && low == 0, low > 0, up + low)
        }
        for p in pieces {
            switch p {
            case .word(_, let letters, _):
                let c = classify(letters)
                if c.lower { lowerWords += 1 }
                wordSlot.append(caps.count)
                short.append(c.letters <= 3)
                caps.append(c.caps)
            case .protected(let original, _):
                caps.append(classify(Array(original.unicodeScalars)).caps)
            default: break
            }
        }
        guard lowerWords >= 3 else { return [] }
        return wordSlot.enumerated().map { (w, i) in
            caps[i] && short[w] && !(i > 0 && caps[i - 1]) && !(i + 1 < caps.count && caps[i + 1])
        }
    }
}

/// Counts the words of a line as it is written out, split at spaces and tabs as
/// `WordPlacement` and the review page split a restored line.
struct LineWords {
    private(set) var count = 0
    private var inWord = false

    /// The 1-based index of the word that `text` (no leading space) starts or continues when
    /// appended next.
    func index(of text: String) -> Int { inWord ? count : count + 1 }

    mutating func append(_ text: String) {
        for u in text.unicodeScalars {
            if u == " " || u == "\t" {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
            }
        }
    }
}

/// Memoised token readings per regime, shared by copies of a `Restorer` (thread-safe, bounded).
/// Each stream asks it once per distinct token (`StreamMemo` remembers the answer), so the lock
/// is off the per-token path.
final class CandidateCaches: Sendable {
    private struct State {
        var tables: [TextRegime: [[Unicode.Scalar]: [Alternative]]] = [:]
        var costTable: [TextRegime: ChannelCosts] = [:]
    }
    private let state = Mutex(State())
    static let limit = 200_000

    func costs(_ regime: TextRegime, channel: ConfusionChannel) -> ChannelCosts {
        state.withLock { s in
            if let c = s.costTable[regime] { return c }
            let c = ChannelCosts.forRegime(regime, channel: channel)
            s.costTable[regime] = c
            return c
        }
    }

    func alternatives(_ token: [Unicode.Scalar], regime: TextRegime, generator: CandidateGenerator) -> [Alternative] {
        if let hit = state.withLock({ $0.tables[regime]?[token] }) { return hit }
        // Generated outside the lock: other threads go on reading while this one works.
        let alts = generator.alternatives(original: token)
        state.withLock { s in
            if s.tables[regime, default: [:]].count >= Self.limit { s.tables[regime] = [:] }
            s.tables[regime, default: [:]][token] = alts
        }
        return alts
    }
}
