import Foundation

/// The diacritic-restoration model: syllable inventory, smoothed syllable trigram language
/// model, dictionary word evidence, acronym map and the learned OCR confusion channel.
///
/// Built by `tools/build-model` into `dictionaries/` (see dictionaries/README.md). Loading reads
/// `vietdoc-model.bin` with one file read and `confusions.tsv`; the model is immutable after
/// loading and safe to share between threads.
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
    /// The language model's token for a number, when the model has one.
    let numberId: Int32?

    static let modelFile = "vietdoc-model.bin"
    static let channelFile = "confusions.tsv"

    /// The model file's bytes, which the n-gram tables point into.
    let storage: ModelStorage

    init(
        version: String, storage: ModelStorage, forms: [[Unicode.Scalar]], listed: [Bool],
        unigramLog: [Float], unigramGamma: [Float],
        bigrams: NGramTable, trigrams: NGramTable, quadgrams: NGramTable?, wordPairs: NGramTable,
        acronyms: [String: String],
        channel: ConfusionChannel, skeletons: [String]
    ) {
        self.version = version
        self.storage = storage
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
        return try reader.makeModel(channel: channel)
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
        if let i = trigrams.find(k3) { return dequantise(trigrams.values0![i]) * Self.ln10 }
        var gamma: Float = 0
        if let j = bigrams.find((UInt64(u) << 16) | UInt64(v)) { gamma = dequantise(bigrams.values1![j]) }
        return (gamma + logProb2(v, w)) * Self.ln10
    }

    /// log10 back-off weight of the context `u v` (0 when the context is unseen), and whether
    /// any trigram follows that context (the build gives contexts without trigrams γ = 1).
    @inline(__always)
    func contextGamma(_ u: Int32, _ v: Int32) -> (gamma: Float, hasTrigrams: Bool) {
        if let j = bigrams.find((UInt64(u) << 16) | UInt64(v)) {
            let q = bigrams.values1![j]
            return (dequantise(q), q != 0)
        }
        return (0, false)
    }

    /// `logProb(u, v, w)` with the context's back-off weight already looked up.
    @inline(__always)
    func logProb(_ u: Int32, _ v: Int32, _ w: Int32, context: (gamma: Float, hasTrigrams: Bool)) -> Float {
        if context.hasTrigrams {
            let k3 = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
            if let i = trigrams.find(k3) { return dequantise(trigrams.values0![i]) * Self.ln10 }
        }
        return (context.gamma + logProb2(v, w)) * Self.ln10
    }

    /// `logProb(u, v, w)` with the context's back-off weight and log10 P(w | v) already known.
    @inline(__always)
    func logProb(_ u: Int32, _ v: Int32, _ w: Int32, context: (gamma: Float, hasTrigrams: Bool), bigram: Float) -> Float
    {
        if context.hasTrigrams {
            let k3 = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(w)
            if let i = trigrams.find(k3) { return dequantise(trigrams.values0![i]) * Self.ln10 }
        }
        return (context.gamma + bigram) * Self.ln10
    }

    @inline(__always)
    func logProb2(_ v: Int32, _ w: Int32) -> Float {
        if let i = bigrams.find((UInt64(v) << 16) | UInt64(w)) { return dequantise(bigrams.values0![i]) }
        return unigramGamma[Int(v)] + unigramLog[Int(w)]
    }

    /// The back-off weights of a state's history, looked up once per hypothesis.
    struct LMContext {
        /// log10 γ(u v) and whether trigrams follow `u v`.
        var gamma: Float
        var hasTrigrams: Bool
        /// log10 γ(t u v) as a 4-gram context (0 for a two-syllable state).
        var gamma4: Float
    }

    @inline(__always)
    func context(_ state: LMState) -> LMContext {
        let c = contextGamma(state.u, state.v)
        var gamma4: Float = 0
        if let t = state.t, let i = trigrams.find((UInt64(t) << 32) | (UInt64(state.u) << 16) | UInt64(state.v)) {
            gamma4 = dequantise(trigrams.values1![i])
        }
        return LMContext(gamma: c.gamma, hasTrigrams: c.hasTrigrams, gamma4: gamma4)
    }

    /// The language model's one scoring step: ln P(w | the state's history) and the next state.
    /// The state keeps the last three syllables only where the model has 4-grams after them (a
    /// 4-gram context), else the last two.
    @inline(__always)
    func step(_ state: LMState, _ w: Int32) -> (logProb: Float, next: LMState) {
        guard quadgrams != nil else { return (logProb(state.u, state.v, w), LMState(state.v, w)) }
        return step(state, w, context: context(state))
    }

    /// `step(state, w)` with the state's back-off weights and, when known, log10 P(w | v).
    @inline(__always)
    func step(_ state: LMState, _ w: Int32, context: LMContext, bigram: Float? = nil)
        -> (logProb: Float, next: LMState)
    {
        let k3 = (UInt64(state.u) << 32) | (UInt64(state.v) << 16) | UInt64(w)
        let tri = context.hasTrigrams ? trigrams.find(k3) : nil
        let p3 = tri.map { dequantise(trigrams.values0![$0]) } ?? (context.gamma + (bigram ?? logProb2(state.v, w)))
        guard let quads = quadgrams else { return (p3 * Self.ln10, LMState(state.v, w)) }
        // Format 2: the trigram entry also says whether 4-grams follow `u v w`.
        let next = tri.map { trigrams.values1![$0] != 0 } == true ? LMState(state.u, state.v, w) : LMState(state.v, w)
        if let t = state.t, let i = quads.find((UInt64(t) << 48) | k3) {
            return (dequantise(quads.values0![i]) * Self.ln10, next)
        }
        return ((context.gamma4 + p3) * Self.ln10, next)
    }

    /// True when `v w` are adjacent syllables of a dictionary word.
    @inline(__always)
    func isWordPair(_ v: Int32, _ w: Int32) -> Bool { wordPairs.contains((UInt64(v) << 16) | UInt64(w)) }
}

/// The language-model history a hypothesis carries: the last two syllable ids, and a third
/// before them when the model has 4-grams after the three. Equal states score every
/// continuation alike, so hypotheses with equal states can be merged.
struct LMState: Equatable {
    /// The third-last syllable (0 when the history holds two).
    let third: Int32
    let u: Int32
    let v: Int32

    init(_ u: Int32, _ v: Int32) {
        third = 0
        self.u = u
        self.v = v
    }

    init(_ t: Int32, _ u: Int32, _ v: Int32) {
        third = t
        self.u = u
        self.v = v
    }

    var t: Int32? { third > 0 ? third : nil }

    /// A non-zero key identifying the state (ids are below 2^16).
    var key: UInt64 {
        ((UInt64(UInt32(bitPattern: third)) << 32) | (UInt64(UInt32(bitPattern: u)) << 16)
            | UInt64(UInt32(bitPattern: v))) &+ 1
    }
}
