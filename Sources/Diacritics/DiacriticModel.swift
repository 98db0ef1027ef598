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
        bigrams: NGramTable, trigrams: NGramTable, wordPairs: NGramTable, acronyms: [String: String],
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

    /// For each candidate `ws[j]`: log10 P(w | v) into `logs[j]` (as `logProb2`), and into
    /// `pairs[j]` whether `v w` is a dictionary word pair (false for every j when `wantPairs` is
    /// false). The lookups of all candidates are batched.
    func bigramRow(
        _ v: Int32, _ ws: UnsafeBufferPointer<Int32>, logs: UnsafeMutableBufferPointer<Float>,
        pairs: UnsafeMutableBufferPointer<Bool>, wantPairs: Bool
    ) {
        Self.batches(ws.count) { range in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: range.count) { keys in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: range.count) { found in
                    for (j, k) in range.enumerated() { keys[j] = (UInt64(v) << 16) | UInt64(ws[k]) }
                    bigrams.find(UnsafeBufferPointer(keys), into: found)
                    for (j, k) in range.enumerated() {
                        let i = Int(found[j])
                        logs[k] =
                            i >= 0 ? dequantise(bigrams.values0![i]) : unigramGamma[Int(v)] + unigramLog[Int(ws[k])]
                    }
                    if wantPairs {
                        wordPairs.find(UnsafeBufferPointer(keys), into: found)
                        for (j, k) in range.enumerated() { pairs[k] = found[j] >= 0 }
                    } else {
                        for k in range { pairs[k] = false }
                    }
                }
            }
        }
    }

    /// `logProb(u, v, ws[j], context: context, bigram: bigram[j])` into `out[j]` for every
    /// candidate, the trigram lookups batched.
    func logProbRow(
        _ u: Int32, _ v: Int32, _ ws: UnsafeBufferPointer<Int32>, context: (gamma: Float, hasTrigrams: Bool),
        bigram: UnsafeBufferPointer<Float>, into out: UnsafeMutableBufferPointer<Float>
    ) {
        guard context.hasTrigrams else {
            for k in 0..<ws.count { out[k] = (context.gamma + bigram[k]) * Self.ln10 }
            return
        }
        Self.batches(ws.count) { range in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: range.count) { keys in
                withUnsafeTemporaryAllocation(of: Int32.self, capacity: range.count) { found in
                    for (j, k) in range.enumerated() { keys[j] = (UInt64(u) << 32) | (UInt64(v) << 16) | UInt64(ws[k]) }
                    trigrams.find(UnsafeBufferPointer(keys), into: found)
                    for (j, k) in range.enumerated() {
                        let i = Int(found[j])
                        out[k] =
                            i >= 0
                            ? dequantise(trigrams.values0![i]) * Self.ln10 : (context.gamma + bigram[k]) * Self.ln10
                    }
                }
            }
        }
    }

    /// Calls `body` with consecutive ranges of `0..<n` of at most `NGramTable.batchLimit`.
    @inline(__always)
    private static func batches(_ n: Int, _ body: (Range<Int>) -> Void) {
        var start = 0
        while start < n {
            let end = min(n, start + NGramTable.batchLimit)
            body(start..<end)
            start = end
        }
    }

    /// True when `v w` are adjacent syllables of a dictionary word.
    @inline(__always)
    func isWordPair(_ v: Int32, _ w: Int32) -> Bool { wordPairs.contains((UInt64(v) << 16) | UInt64(w)) }
}
