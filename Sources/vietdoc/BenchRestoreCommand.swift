import ArgumentParser
import Diacritics
import Foundation

/// `vietdoc bench restore`: restoration speed on one core against pyvi on the same text.
struct BenchRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Measure restoration speed (syllables/s, one core) against pyvi in the same run.",
        discussion: """
            Takes held-out corpus text (dictionaries/heldout.tsv) or --input, strips its accents, \
            restores it with vietdoc on one thread (--repeats runs, cold caches, best reported) and with pyvi's \
            ViUtils.add_accents (pip install pyvi) run by --python on the same lines, and prints \
            syllables per second, their ratio, the model load time and peak memory.
            """)

    @OptionGroup var model: ModelOption

    @Option(help: "Text file to use instead of held-out corpus text (accents are stripped).")
    var input: String?

    @Option(help: "The shared corpus folder (default: ../shared/corpus beside the repository).")
    var corpus: String?

    @Option(help: "Syllables of text to restore.")
    var syllables: Int = 30_000

    @Option(help: "Python interpreter that has pyvi installed.")
    var python: String = "python3"

    @Option(help: "Runs of vietdoc on the text (cold caches each); the best is reported.")
    var repeats: Int = 3

    @Flag(help: "Skip the pyvi baseline.")
    var noPeer = false

    func run() throws {
        let dir = try model.directory()
        // Model load time: best and mean of 5 loads.
        var loads: [Double] = []
        var m: DiacriticModel? = nil
        for _ in 0..<5 {
            let t = DispatchTime.now().uptimeNanoseconds
            m = try DiacriticModel.load(from: dir)
            loads.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6)
        }
        let loaded = m!
        var lines: [String] = []
        if let input {
            guard let text = try? String(contentsOfFile: input, encoding: .utf8) else {
                throw VietdocError.unreadableText(path: input, detail: "not UTF-8 or unreadable")
            }
            lines = text.components(separatedBy: "\n")
        } else {
            let corpusDir =
                corpus.map { URL(fileURLWithPath: $0) }
                ?? dir.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")
            let docs = try RestorationEvaluation.heldOutDocuments(
                corpus: corpusDir, heldout: dir.appendingPathComponent("heldout.tsv"),
                sources: ["vlc-law", "tvpl-legal", "unc-news"], maxSyllables: syllables)
            lines = docs.flatMap(\.lines)
        }
        var stripped: [String] = []
        var count = 0
        for line in lines where count < syllables {
            let s = VietnameseText.stripDiacritics(line)
            stripped.append(s)
            count += VietnameseText.syllables(s).count
        }
        // Each run starts with a new restorer (cold candidate caches); the best run is reported
        // because other processes on a shared machine only ever slow a run down.
        var sink = 0
        var times: [Double] = []
        for _ in 0..<max(1, repeats) {
            let restorer = Restorer(model: loaded)
            var context = LineContext()
            let t0 = DispatchTime.now().uptimeNanoseconds
            for line in stripped {
                sink &+= restorer.restoreLine(line, regime: .stripped, context: &context).text.utf8.count
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        let ours = times.min()!
        let oursRate = Double(count) / ours
        print("text: \(count) syllables in \(stripped.count) lines (accents stripped)")
        print(
            String(
                format: "model load: %.1f ms (best of 5), %.1f ms mean; model %@", loads.min()!,
                loads.reduce(0, +) / Double(loads.count), loaded.version))
        print(
            String(
                format: "vietdoc restore: %.3f s, %.0f syllables/s (one thread, best of %d runs; mean %.0f)", ours,
                oursRate,
                times.count, Double(count) * Double(times.count) / times.reduce(0, +)))
        if !noPeer {
            if let peer = try runPyvi(stripped) {
                let rate = Double(count) / peer
                print(String(format: "pyvi ViUtils.add_accents: %.3f s, %.0f syllables/s", peer, rate))
                print(String(format: "ratio vietdoc/pyvi: %.1fx", oursRate / rate))
            } else {
                print("pyvi: not available for \(python) (pip install pyvi); no ratio")
            }
        }
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        print(String(format: "peak RSS: %.1f MiB", Double(usage.ru_maxrss) / 1024))
        if sink == -1 { print("") }
    }

    /// Seconds pyvi takes on the lines (model load excluded), or nil when pyvi is missing.
    private func runPyvi(_ lines: [String]) throws -> Double? {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("vietdoc-bench-\(getpid()).txt")
        try lines.joined(separator: "\n").write(to: tmp, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let script = """
            import sys, time
            from pyvi import ViUtils
            lines = open(sys.argv[1], encoding='utf-8').read().split('\\n')
            ViUtils.add_accents('khoi dong')
            t = time.perf_counter()
            for l in lines:
                if l.strip(): ViUtils.add_accents(l)
            print(time.perf_counter() - t)
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [python, "-c", script, tmp.path]
        var env = ProcessInfo.processInfo.environment
        env["OMP_NUM_THREADS"] = "1"
        env["OPENBLAS_NUM_THREADS"] = "1"
        env["MKL_NUM_THREADS"] = "1"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
