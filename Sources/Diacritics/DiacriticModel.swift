import Foundation

/// The diacritic-restoration model: syllable inventory, smoothed syllable trigram language
/// model, dictionary word evidence, acronym map and the learned OCR confusion channel.
///
/// Built by `tools/build-model` into `dictionaries/` (see dictionaries/README.md). Loading reads
/// `vietdoc-model.bin` with one file read (its n-gram tables rearranged in memory for lookup
/// speed, see `NGramTable`) and `confusions.tsv`; the model is immutable after loading and
/// safe to share between threads.
public final class DiacriticModel: @unchecked Sendable {
    /// Identifies the model; recorded in outputs and changed whenever the model files change.
    public let version: String
    /// Lower-case NFC syllables by id (ids 0–2: unknown, sentence start, sentence end).
    let forms: [[Unicode.Scalar]]
    let formStrings: [String]
    /// Whether a syllable occurs in the dictionary word lists.
    let listed: [Bool]
    /// Syllable ids by accent-free skeleton.
    let bySkeleton: [String: [Int32]]
    /// Syllable id by lower-case canonical form.
    let idByForm: [String: Int32]
    let unigramLog: [Float]
    let unigramGamma: [Float]
    let bigrams: NGramTable
    let trigrams: NGramTable
    /// 4-grams (format 2), nil for a trigram model (format 1).
    let quadgrams: NGramTable?
    let wordPairs: NGramTable
    /// Acronyms whose Đ is certain: "HDND" → "HĐND".
    let acronyms: [String: String]
    let channel: ConfusionChannel
    /// Foreign words of the corpus, which are not OCR damage.
    let foreignWords: ForeignWords
    /// How likely each syllable is to be capitalised inside a sentence (names), by id.
    let capitalPrior: CapitalPrior
    /// The language model's token for a number, when the model has one.
    let numberId: Int32?

    static let modelFile = "vietdoc-model.bin"
    static let channelFile = "confusions.tsv"

    /// The n-gram tables' arrays (the model file's bytes are freed after loading).
    let tableMemory: TableMemory

    init(
        version: String, tableMemory: TableMemory, forms: [[Unicode.Scalar]], listed: [Bool],
        unigramLog: [Float], unigramGamma: [Float],
        bigrams: NGramTable, trigrams: NGramTable, quadgrams: NGramTable?, wordPairs: NGramTable,
        acronyms: [String: String],
        channel: ConfusionChannel, foreignWords: ForeignWords = .none, capitalPrior: CapitalPrior = .none,
        skeletons: [String]
    ) {
        self.version = version
        self.tableMemory = tableMemory
        self.forms = forms
        self.formStrings = forms.map { String(String.UnicodeScalarView($0)) }
        self.listed = listed
        self.unigramLog = unigramLog
        self.unigramGamma = unigramGamma
        self.bigrams = bigrams
        self.trigrams = trigrams
        self.quadgrams = quadgrams
        self.wordPairs = wordPairs
        self.acronyms = acronyms
        self.channel = channel
        self.foreignWords = foreignWords
        self.capitalPrior = capitalPrior.indexed(forms: formStrings)
        var sk: [String: [Int32]] = [:]
        var byForm: [String: Int32] = [:]
        sk.reserveCapacity(forms.count)
        byForm.reserveCapacity(forms.count)
        for i in 3..<forms.count {
            sk[skeletons[i], default: []].append(Int32(i))
            byForm[self.formStrings[i]] = Int32(i)
        }
        self.bySkeleton = sk
        self.idByForm = byForm
        self.numberId = byForm["<num>"]
    }

    /// Loads the model from a `dictionaries/` folder.
    ///
    /// - Throws: `VietdocError.missingDependency` when the files are absent,
    ///   `VietdocError.modelInvalid` when they are damaged or of another format.
    public static func load(from directory: URL) throws -> DiacriticModel {
        let url = directory.appendingPathComponent(modelFile)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw VietdocError.missingModel(detail: "\(url.path) not found")
        }
        let storage = try ModelStorage(path: url.path)
        let reader = try ModelFileReader(storage: storage, path: url.path)
        let channel = try ConfusionChannel.load(from: directory.appendingPathComponent(channelFile))
        return try reader.makeModel(
            channel: channel,
            foreignWords: try ForeignWords.load(from: directory.appendingPathComponent(ForeignWords.fileName)),
            capitalPrior: try CapitalPrior.load(from: directory.appendingPathComponent(CapitalPrior.fileName)))
    }

    /// Where the model is found when no folder is given: `$VIETDOC_DICTIONARIES`; else the
    /// installed model, `../share/vietdoc` beside the executable's folder (`scripts/install`
    /// puts it there); else the first `dictionaries/` holding the model file found walking up
    /// from the executable's folder and from the current directory (a checkout).
    public static func defaultDirectory() -> URL? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["VIETDOC_DICTIONARIES"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        var starts: [URL] = []
        if let exe = Bundle.main.executableURL {
            let bin = exe.resolvingSymlinksInPath().deletingLastPathComponent()
            let installed = bin.deletingLastPathComponent().appendingPathComponent("share/vietdoc")
            if fm.fileExists(atPath: installed.appendingPathComponent(modelFile).path) { return installed }
            starts.append(bin)
        }
        starts.append(URL(fileURLWithPath: fm.currentDirectoryPath))
        for start in starts {
            var dir = start
            while true {
                let candidate = dir.appendingPathComponent("dictionaries")
                if fm.fileExists(atPath: candidate.appendingPathComponent(modelFile).path) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return nil
    }

    /// Loads the model from `defaultDirectory()`, or throws `missingDependency`.
    public static func loadDefault() throws -> DiacriticModel {
        try load(from: directory(nil))
    }

    /// The model folder to use: `explicit` when given (`--model`), else the default search;
    /// throws `.missingDependency` naming the ways to point at one when none is found.
    public static func directory(_ explicit: URL?) throws -> URL {
        if let explicit { return explicit }
        guard let dir = defaultDirectory() else {
            throw VietdocError.missingModel(
                detail:
                    "no vietdoc-model.bin in ../share/vietdoc beside the program nor in a dictionaries/ folder "
                    + "above it or the current folder (install with scripts/install, or set VIETDOC_DICTIONARIES)")
        }
        return dir
    }

    /// Number of syllables in the inventory (without the three special ids).
    public var inventorySize: Int { forms.count - 3 }

    /// True when the lower-case NFC string is a syllable of the inventory (either tone convention).
    public func isSyllable(_ lower: String) -> Bool { id(of: Array(lower.unicodeScalars)) != nil }

    /// True when some syllable of the inventory has the token's accent-free skeleton.
    func hasSkeleton(_ lower: [Unicode.Scalar]) -> Bool {
        guard let sk = VietnameseLetters.skeleton(lower) else { return false }
        return bySkeleton[sk] != nil
    }

    func id(of lower: [Unicode.Scalar]) -> Int32? {
        idByForm[String(String.UnicodeScalarView(SyllableForm.canonical(lower)))]
    }

    // MARK: - Language model

    static let ln10: Float = 2.302585

    /// Natural-log probability of `w` after `u v` (interpolated Kneser-Ney in back-off form).
    @inline(__always)
    func logProb(_ u: Int32, _ v: Int32, _ w: Int32) -> Float {
        let k3 = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
        if let i = trigrams.find(k3) { return dequantise(trigrams.value0(at: i)) * Self.ln10 }
        var gamma: Float = 0
        if let j = bigrams.find((UInt64(u) << 16) | UInt64(v)) { gamma = dequantise(bigrams.value1(at: j)) }
        return (gamma + logProb2(v, w)) * Self.ln10
    }

    /// log10 back-off weight of the context `u v` (0 when the context is unseen), and whether
    /// any trigram follows that context (the build gives contexts without trigrams γ = 1).
    @inline(__always)
    func contextGamma(_ u: Int32, _ v: Int32) -> (gamma: Float, hasTrigrams: Bool) {
        if let j = bigrams.find((UInt64(u) << 16) | UInt64(v)) {
            let q = bigrams.value1(at: j)
            return (dequantise(q), q != 0)
        }
        return (0, false)
    }

    /// `logProb(u, v, w)` with the context's back-off weight already looked up.
    @inline(__always)
    func logProb(_ u: Int32, _ v: Int32, _ w: Int32, context: (gamma: Float, hasTrigrams: Bool)) -> Float {
        if context.hasTrigrams {
            let k3 = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
            if let i = trigrams.find(k3) { return dequantise(trigrams.value0(at: i)) * Self.ln10 }
        }
        return (context.gamma + logProb2(v, w)) * Self.ln10
    }

    /// `logProb(u, v, w)` with the context's back-off weight and log10 P(w | v) already known.
    @inline(__always)
    func logProb(_ u: Int32, _ v: Int32, _ w: Int32, context: (gamma: Float, hasTrigrams: Bool), bigram: Float) -> Float
    {
        if context.hasTrigrams {
            let k3 = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
            if let i = trigrams.find(k3) { return dequantise(trigrams.value0(at: i)) * Self.ln10 }
        }
        return (context.gamma + bigram) * Self.ln10
    }

    @inline(__always)
    func logProb2(_ v: Int32, _ w: Int32) -> Float {
        if let i = bigrams.find((UInt64(v) << 16) | UInt64(w)) { return dequantise(bigrams.value0(at: i)) }
        return unigramGamma[Int(v)] + unigramLog[Int(w)]
    }

    /// `logProb(u, v, w)` for a 4-gram model (format 2), after the history `t u v` (`t` = 0 when
    /// the history holds two syllables): the 4-gram's probability when the table has it, else
    /// γ(t u v) + the trigram-level probability. Also whether 4-grams follow `u v w`, that is
    /// whether the next history keeps three syllables. For a trigram model, `logProb(u, v, w)`.
    @inline(__always)
    func step(_ t: Int32, _ u: Int32, _ v: Int32, _ w: Int32) -> (logProb: Float, keepsThree: Bool) {
        guard let quads = quadgrams else { return (logProb(u, v, w), false) }
        let context = contextGamma(u, v)
        let k3 = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
        let tri = context.hasTrigrams ? trigrams.find(k3) : nil
        let p3 = tri.map { dequantise(trigrams.value0(at: $0)) } ?? (context.gamma + logProb2(v, w))
        let keepsThree = tri.map { trigrams.value1(at: $0) != 0 } ?? false
        guard t != 0 else { return (p3 * Self.ln10, keepsThree) }
        if let i = quads.find((UInt64(t) << 48) | k3) {
            return (dequantise(quads.value0(at: i)) * Self.ln10, keepsThree)
        }
        var gamma4: Float = 0
        if let j = trigrams.find((UInt64(t) << 32) | (UInt64(u) << 16) | UInt64(v)) {
            gamma4 = dequantise(trigrams.value1(at: j))
        }
        return ((gamma4 + p3) * Self.ln10, keepsThree)
    }

    /// The language model's part of one decoding step. For each history `(u, v)` and candidate
    /// `ws[j]`, at index `h * ws.count + j`: ln P(w | u v) into `buffers.logProbs`, as
    /// `logProb(u, v, w, context:)` gives it (no trigram lookup after a context without
    /// trigrams), and into `buffers.pairs` whether `v w` is a dictionary word pair (false after
    /// a sentence mark, v ≤ 2). Every table lookup of the step is batched, so that their cache
    /// misses overlap: this is where decoding spends its time.
    /// With 4-grams (format 2), `thirds[h]` is the syllable before history h (0 when it holds
    /// two), the probabilities are `step(t, u, v, w)`'s, and `buffers.keepsThree` says per cell
    /// whether the next history keeps three syllables; for a trigram model it is left alone.
    func stepScores(_ histories: [(Int32, Int32)], thirds: [Int32], _ ws: [Int32], buffers b: inout StepBuffers) {
        let width = ws.count
        let cells = histories.count * width
        StepBuffers.grow(&b.logProbs, to: cells, with: 0)
        StepBuffers.grow(&b.pairs, to: cells, with: false)
        // log10 P(w | v) and word pairs, once per distinct previous syllable.
        b.previous.removeAll(keepingCapacity: true)
        b.rowOf.removeAll(keepingCapacity: true)
        for (_, v) in histories {
            if let r = b.previous.firstIndex(of: v) {
                b.rowOf.append(r)
            } else {
                b.rowOf.append(b.previous.count)
                b.previous.append(v)
            }
        }
        b.keys.removeAll(keepingCapacity: true)
        for v in b.previous { for w in ws { b.keys.append((UInt64(v) << 16) | UInt64(w)) } }
        let rows = b.keys.count
        // The contexts' back-off weights, in the same batch of bigram lookups.
        for (u, v) in histories { b.keys.append((UInt64(u) << 16) | UInt64(v)) }
        bigrams.find(all: b.keys[...], into: &b.bigramFound)
        wordPairs.find(all: b.keys[..<rows], into: &b.pairFound)
        StepBuffers.grow(&b.contextFound, to: histories.count, with: -1)
        for h in histories.indices { b.contextFound[h] = b.bigramFound[rows + h] }
        StepBuffers.grow(&b.bigram, to: rows, with: 0)
        for (r, v) in b.previous.enumerated() {
            for (j, w) in ws.enumerated() {
                let i = Int(b.bigramFound[r * width + j])
                b.bigram[r * width + j] =
                    i >= 0 ? dequantise(bigrams.value0(at: i)) : unigramGamma[Int(v)] + unigramLog[Int(w)]
            }
        }
        // Trigrams of the contexts that have any.
        b.keys.removeAll(keepingCapacity: true)
        for (h, (u, v)) in histories.enumerated() {
            let j = Int(b.contextFound[h])
            guard j >= 0, bigrams.value1(at: j) != 0 else { continue }
            for w in ws { b.keys.append((UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)) }
        }
        trigrams.find(all: b.keys[...], into: &b.trigramFound)
        if let quads = quadgrams {
            quadStep(quads, histories, thirds, ws, buffers: &b)
            return
        }
        var t = 0
        for (h, (_, v)) in histories.enumerated() {
            let j = Int(b.contextFound[h])
            let q: UInt8 = j >= 0 ? bigrams.value1(at: j) : 0
            let gamma: Float = j >= 0 ? dequantise(q) : 0
            let base = b.rowOf[h] * width
            for k in 0..<width {
                var lp = (gamma + b.bigram[base + k]) * Self.ln10
                if q != 0 {
                    let i = Int(b.trigramFound[t])
                    t += 1
                    if i >= 0 { lp = dequantise(trigrams.value0(at: i)) * Self.ln10 }
                }
                b.logProbs[h * width + k] = lp
                b.pairs[h * width + k] = v > 2 && b.pairFound[base + k] >= 0
            }
        }
    }

    /// The end of `stepScores` for a 4-gram model: the trigram-level probabilities as for a
    /// trigram model, then the 4-grams after the histories that hold three syllables and those
    /// histories' back-off weights, looked up together.
    private func quadStep(
        _ quads: NGramTable, _ histories: [(Int32, Int32)], _ thirds: [Int32], _ ws: [Int32],
        buffers b: inout StepBuffers
    ) {
        let width = ws.count
        StepBuffers.grow(&b.keepsThree, to: histories.count * width, with: false)
        b.keys.removeAll(keepingCapacity: true)
        for (h, (u, v)) in histories.enumerated() where thirds[h] != 0 {
            b.keys.append((UInt64(thirds[h]) << 32) | (UInt64(u) << 16) | UInt64(v))
        }
        trigrams.find(all: b.keys[...], into: &b.gammaFound)
        b.keys.removeAll(keepingCapacity: true)
        for (h, (u, v)) in histories.enumerated() where thirds[h] != 0 {
            let t = UInt64(thirds[h])
            for w in ws { b.keys.append((t << 48) | (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)) }
        }
        quads.find(all: b.keys[...], into: &b.quadFound)
        var t = 0
        var g = 0
        for (h, (_, v)) in histories.enumerated() {
            let j = Int(b.contextFound[h])
            let q: UInt8 = j >= 0 ? bigrams.value1(at: j) : 0
            let gamma: Float = j >= 0 ? dequantise(q) : 0
            let base = b.rowOf[h] * width
            var gamma4: Float = 0
            if thirds[h] != 0 {
                let i = Int(b.gammaFound[g])
                if i >= 0 { gamma4 = dequantise(trigrams.value1(at: i)) }
            }
            for k in 0..<width {
                var p3 = gamma + b.bigram[base + k]
                var three = false
                if q != 0 {
                    let i = Int(b.trigramFound[t])
                    t += 1
                    if i >= 0 {
                        p3 = dequantise(trigrams.value0(at: i))
                        three = trigrams.value1(at: i) != 0
                    }
                }
                var lp = p3 * Self.ln10
                if thirds[h] != 0 {
                    let i = Int(b.quadFound[g * width + k])
                    lp = i >= 0 ? dequantise(quads.value0(at: i)) * Self.ln10 : (gamma4 + p3) * Self.ln10
                }
                b.logProbs[h * width + k] = lp
                b.pairs[h * width + k] = v > 2 && b.pairFound[base + k] >= 0
                b.keepsThree[h * width + k] = three
            }
            if thirds[h] != 0 { g += 1 }
        }
    }

    /// `logProb(u, v, w)` and `isWordPair(v, w)` for each trigram, the lookups batched.
    func logProbs(_ trigrams3: [(Int32, Int32, Int32)]) -> (logProbs: [Float], pairs: [Bool]) {
        var keys = trigrams3.map { (UInt64($0.0) << 32) | (UInt64($0.1) << 16) | UInt64($0.2) }
        let found = trigrams.findAll(keys)
        var out = [Float](repeating: 0, count: trigrams3.count)
        var missing: [Int] = []
        for (k, i) in found.enumerated() {
            if i >= 0 { out[k] = dequantise(trigrams.value0(at: Int(i))) * Self.ln10 } else { missing.append(k) }
        }
        // Back-off: the context's weight and the bigram, for the trigrams the table lacks.
        keys.removeAll(keepingCapacity: true)
        for k in missing {
            let (u, v, w) = trigrams3[k]
            keys.append((UInt64(u) << 16) | UInt64(v))
            keys.append((UInt64(v) << 16) | UInt64(w))
        }
        let backoff = bigrams.findAll(keys)
        for (m, k) in missing.enumerated() {
            let (_, v, w) = trigrams3[k]
            let c = Int(backoff[2 * m])
            let b = Int(backoff[2 * m + 1])
            let gamma: Float = c >= 0 ? dequantise(bigrams.value1(at: c)) : 0
            let p2 = b >= 0 ? dequantise(bigrams.value0(at: b)) : unigramGamma[Int(v)] + unigramLog[Int(w)]
            out[k] = (gamma + p2) * Self.ln10
        }
        let pairFound = wordPairs.findAll(trigrams3.map { (UInt64($0.1) << 16) | UInt64($0.2) })
        return (out, pairFound.map { $0 >= 0 })
    }

    /// True when `v w` are adjacent syllables of a dictionary word.
    @inline(__always)
    func isWordPair(_ v: Int32, _ w: Int32) -> Bool { wordPairs.contains((UInt64(v) << 16) | UInt64(w)) }
}

/// The buffers of `DiacriticModel.stepScores`, kept by the decoder from one step to the next so
/// that a step allocates nothing once they have grown.
struct StepBuffers {
    /// The step's results per history h and candidate j, at `h * width + j` (see `stepScores`).
    var logProbs: [Float] = []
    var pairs: [Bool] = []
    var keepsThree: [Bool] = []
    /// The distinct previous syllables of the step's histories, and each history's row among them.
    var previous: [Int32] = []
    var rowOf: [Int] = []
    /// The keys of the batch being looked up.
    var keys: [UInt64] = []
    /// Found entries (−1 absent): the bigrams `v w` per row and candidate followed by the
    /// histories' contexts (one batch), the word pairs `v w`, the contexts alone, the trigrams
    /// after contexts that have any, and for a 4-gram model the three-syllable histories as
    /// trigrams and their 4-grams.
    var bigramFound: [Int32] = []
    var pairFound: [Int32] = []
    var contextFound: [Int32] = []
    var trigramFound: [Int32] = []
    var gammaFound: [Int32] = []
    var quadFound: [Int32] = []
    /// log10 P(w | v) per row and candidate.
    var bigram: [Float] = []

    /// Makes `array` at least `count` long.
    static func grow<T>(_ array: inout [T], to count: Int, with filler: T) {
        if array.count < count { array.append(contentsOf: repeatElement(filler, count: count - array.count)) }
    }
}
