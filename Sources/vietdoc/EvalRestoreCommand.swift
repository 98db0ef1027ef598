import ArgumentParser
import Diacritics
import Foundation

/// `vietdoc eval restore`: the restorer's accuracy in the four settings of issue 4.
struct EvalRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Score diacritic restoration on held-out text in four settings.",
        discussion: """
            (a) stripped: held-out corpus documents (dictionaries/heldout.tsv, never counted by \
            the model) and the clean seeds, accents removed; (b) eng and (c) vie: tesseract \
            output of degraded pages rendered from the clean seeds (eval/restore/ocr/, rebuilt \
            by eval/restore/make-fixtures.sh); (d) correct: the same gold text unchanged, where \
            harm is the share of syllables the restorer changed. Each row prints the input's \
            figures beside the restored ones.
            """)

    @OptionGroup var model: ModelOption

    @Option(help: "The shared corpus folder (default: ../shared/corpus beside the repository).")
    var corpus: String?

    @Option(help: "Folder of the clean seed texts used as extra gold (default: ../shared/seeds).")
    var seeds: String?

    @Option(help: "OCR fixtures folder (default: eval/restore/ocr in the repository).")
    var fixtures: String?

    @Option(help: "Held-out syllables to use per source group.")
    var maxSyllables: Int = 40_000

    @Option(help: "After each (a), (b) and (c) row, list its N most frequent errors (count, output → gold).")
    var errors: Int = 0

    func run() throws {
        let dir = try model.directory()
        let m = try DiacriticModel.load(from: dir)
        let repo = dir.deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
        let corpusDir = corpus.map { URL(fileURLWithPath: $0) } ?? shared.appendingPathComponent("corpus")
        let seedsDir = seeds.map { URL(fileURLWithPath: $0) } ?? shared.appendingPathComponent("seeds")
        let fixturesDir = fixtures.map { URL(fileURLWithPath: $0) } ?? repo.appendingPathComponent("eval/restore/ocr")
        let eval = RestorationEvaluation(restorer: Restorer(model: m))

        var groups: [(String, [RestorationEvaluation.Document])] = []
        let heldout = dir.appendingPathComponent("heldout.tsv")
        // The corpus and the seeds live beside the repository (../shared), not in it: say what
        // is missing and score the rest.
        if FileManager.default.fileExists(atPath: corpusDir.appendingPathComponent("text").path) {
            for (label, sources) in [
                ("legal", ["vlc-law", "tvpl-legal"]), ("news", ["unc-news"]), ("wiki", ["viwiki"]),
            ] {
                let docs = try RestorationEvaluation.heldOutDocuments(
                    corpus: corpusDir, heldout: heldout, sources: sources, maxSyllables: maxSyllables)
                groups.append(("held-out \(label)", docs))
            }
        } else {
            warn("held-out rows need the model corpus at \(corpusDir.path) (--corpus DIR): not scored")
        }
        let seedDocs = RestorationEvaluation.seedDocuments(directory: seedsDir, prefixes: ["001", "003", "004"])
        if seedDocs.isEmpty { warn("seed rows need the seed texts at \(seedsDir.path) (--seeds DIR): not scored") }
        groups.append(("seeds 001,003,004", seedDocs))

        print("model \(m.version)")
        print(row("setting", "text", "syllables", "syl.acc in→out", "diacr.acc in→out", "CER in→out", "harm"))
        for (label, docs) in groups where !docs.isEmpty {
            let f = eval.stripped(docs, collectErrors: errors > 0)
            print(
                row(
                    "(a) stripped", label, "\(f.output.gold)",
                    pair(f.input.syllableAccuracy, f.output.syllableAccuracy),
                    pair(f.input.diacriticAccuracy, f.output.diacriticAccuracy), pair(f.inputCER, f.outputCER), ""))
            listErrors(f)
        }
        let ocr = RestorationEvaluation.ocrFixtures(directory: fixturesDir)
        if ocr.isEmpty { print("(b)/(c): no OCR fixtures in \(fixturesDir.path) (run eval/restore/make-fixtures.sh)") }
        for (setting, lang) in [("(b) tesseract eng", "eng"), ("(c) tesseract vie", "vie")] where !ocr.isEmpty {
            let f = eval.ocr(ocr, language: lang, collectErrors: errors > 0)
            print(
                row(
                    setting, "seeds (rendered)", "\(f.output.gold)",
                    pair(f.input.syllableAccuracy, f.output.syllableAccuracy),
                    pair(f.input.diacriticAccuracy, f.output.diacriticAccuracy), pair(f.inputCER, f.outputCER), ""))
            listErrors(f)
        }
        for (label, docs) in groups where !docs.isEmpty {
            let f = eval.correct(docs)
            print(
                row(
                    "(d) correct", label, "\(f.inputSyllables)",
                    pair(f.input.syllableAccuracy, f.output.syllableAccuracy),
                    pair(f.input.diacriticAccuracy, f.output.diacriticAccuracy), pair(f.inputCER, f.outputCER),
                    String(format: "%.3f%% (%d)", 100 * f.harmRate, f.changed)))
        }
    }

    private func warn(_ message: String) { FileHandle.standardError.write(Data("eval restore: \(message)\n".utf8)) }

    private func listErrors(_ f: RestorationEvaluation.Figures) {
        for e in f.topErrors(errors) { print("    \(e.count)\t\(e.pair.output) → \(e.pair.gold)") }
    }

    private func pair(_ a: Double, _ b: Double) -> String { String(format: "%6.2f%% → %6.2f%%", 100 * a, 100 * b) }

    private func row(_ cols: String...) -> String {
        let widths = [18, 18, 10, 20, 20, 20, 12]
        return zip(cols, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }.joined(
            separator: " ")
    }
}
