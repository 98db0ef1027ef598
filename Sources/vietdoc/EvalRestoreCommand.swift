import ArgumentParser
import Diacritics
import Foundation

/// `vietdoc eval restore`: the restorer's accuracy in the settings of issues 4 and 14, beside
/// the previous model's in the same run.
struct EvalRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Score diacritic restoration on held-out text, beside a baseline model.",
        discussion: """
            (a) stripped: held-out corpus documents (dictionaries/heldout.tsv, never counted by \
            the model) and the clean seeds, accents removed; (b) eng and (c) vie: tesseract \
            output of degraded pages rendered from the clean seeds (eval/restore/ocr/); (d) \
            correct: the same gold text unchanged, where harm is the share of syllables the \
            restorer changed; (e) eng, vie and vie+eng: tesseract output of the seeds' pages \
            degraded as real scans (skew, photocopy noise, 200 dpi, JPEG, fax-like 1-bit; \
            eval/restore/scan/). Fixtures are rebuilt by eval/restore/make-fixtures.sh. Each row \
            prints the input's figures, the restored ones, and the baseline model's restored \
            figures with the difference (this − baseline), scored on the same text in the same \
            run; "any tone" is the restored syllable accuracy with the tone placement of both \
            texts normalised (hoà = hòa, thuỷ = thủy: both are correct spellings). The baseline \
            is --baseline-model, else .build/previous-model when present \
            (eval/restore/previous-model.sh writes it: the model before the last change).
            """)

    @OptionGroup var model: ModelOption

    @Option(
        help:
            "Model folder to compare with (default: .build/previous-model in the repository, made by eval/restore/previous-model.sh)."
    )
    var baselineModel: String?

    @Flag(help: "Score this model only.")
    var noBaseline = false

    @Option(help: "The shared corpus folder (default: ../shared/corpus beside the repository).")
    var corpus: String?

    @Option(help: "Folder of the clean seed texts used as extra gold (default: ../shared/seeds).")
    var seeds: String?

    @Option(help: "OCR fixtures folder of (b)/(c) (default: eval/restore/ocr in the repository).")
    var fixtures: String?

    @Option(help: "Scan fixtures folder of (e) (default: eval/restore/scan in the repository).")
    var scanFixtures: String?

    @Option(help: "Held-out syllables to use per source group.")
    var maxSyllables: Int = 40_000

    @Option(help: "After each (a), (b), (c) and (e) row, list its N most frequent errors (count, output → gold).")
    var errors: Int = 0

    /// One scored row: a label, the text it is scored on, and how to score it.
    private struct Setting {
        var name: String
        var text: String
        var harm = false
        var score: (RestorationEvaluation) -> RestorationEvaluation.Figures
    }

    func run() throws {
        let dir = try model.directory()
        let m = try DiacriticModel.load(from: dir)
        // Fixtures and the shared folder are found from the repository the default model lives
        // in, so that `--model /tmp/x` scores the same text.
        let defaultDir = (try? DiacriticModel.directory(nil)) ?? dir
        let repo = defaultDir.deletingLastPathComponent()
        let shared = repo.deletingLastPathComponent().appendingPathComponent("shared")
        let corpusDir = corpus.map { URL(fileURLWithPath: $0) } ?? shared.appendingPathComponent("corpus")
        let seedsDir = seeds.map { URL(fileURLWithPath: $0) } ?? shared.appendingPathComponent("seeds")
        let fixturesDir = fixtures.map { URL(fileURLWithPath: $0) } ?? repo.appendingPathComponent("eval/restore/ocr")
        let scanDir = scanFixtures.map { URL(fileURLWithPath: $0) } ?? repo.appendingPathComponent("eval/restore/scan")
        let baseline = try loadBaseline(repo: repo)

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

        let collect = errors > 0
        var settings: [Setting] = []
        for (label, docs) in groups where !docs.isEmpty {
            settings.append(Setting(name: "(a) stripped", text: label) { $0.stripped(docs, collectErrors: collect) })
        }
        let ocr = RestorationEvaluation.ocrFixtures(directory: fixturesDir)
        if ocr.isEmpty { warn("(b)/(c): no OCR fixtures in \(fixturesDir.path) (run eval/restore/make-fixtures.sh)") }
        for (name, lang) in [("(b) tesseract eng", "eng"), ("(c) tesseract vie", "vie")] where !ocr.isEmpty {
            settings.append(
                Setting(name: name, text: "seeds (rendered)") { $0.ocr(ocr, language: lang, collectErrors: collect) })
        }
        for (label, docs) in groups where !docs.isEmpty {
            settings.append(Setting(name: "(d) correct", text: label, harm: true) { $0.correct(docs) })
        }
        let languages = ["eng", "vie", "vie+eng"]
        let scan = RestorationEvaluation.ocrFixtures(directory: scanDir, languages: languages)
        if scan.isEmpty { warn("(e): no scan fixtures in \(scanDir.path) (run eval/restore/make-fixtures.sh)") }
        for lang in languages where !scan.isEmpty {
            settings.append(
                Setting(name: "(e) scan \(lang)", text: "seeds (scanned)") {
                    $0.ocr(scan, language: lang, collectErrors: collect)
                })
        }

        let eval = RestorationEvaluation(restorer: Restorer(model: m))
        let base = baseline.map { RestorationEvaluation(restorer: Restorer(model: $0.model)) }
        print("model \(m.version)" + (baseline.map { "   baseline \($0.model.version) (\($0.path))" } ?? ""))
        print(
            row(
                "setting", "text", "syllables", "syl.acc in→out", "base", "Δ", "any tone", "diacr.acc in→out", "base",
                "Δ", "CER in→out", "base", "harm", "base"))
        for s in settings {
            let f = s.score(eval)
            let b = base.map { s.score($0) }
            func cmp(_ x: Double, _ y: Double?, _ better: Double) -> (String, String) {
                guard let y else { return ("", "") }
                return (String(format: "%6.2f%%", 100 * y), String(format: "%+.2f", better * 100 * (x - y)))
            }
            if s.harm {
                let (bh, _) = cmp(0, b?.harmRate, 1)
                print(
                    row(
                        s.name, s.text, "\(f.inputSyllables)", "", "", "", "", "", "", "", "", "",
                        String(format: "%.3f%% (%d)", 100 * f.harmRate, f.changed),
                        b.map { String(format: "%.3f%% (%d)", 100 * $0.harmRate, $0.changed) } ?? bh))
                continue
            }
            let (bs, ds) = cmp(f.output.syllableAccuracy, b?.output.syllableAccuracy, 1)
            let (bd, dd) = cmp(f.output.diacriticAccuracy, b?.output.diacriticAccuracy, 1)
            let (bc, _) = cmp(f.outputCER, b?.outputCER, 1)
            print(
                row(
                    s.name, s.text, "\(f.output.gold)", pair(f.input.syllableAccuracy, f.output.syllableAccuracy), bs,
                    ds, String(format: "%6.2f%%", 100 * f.outputAnyTonePlacement.syllableAccuracy),
                    pair(f.input.diacriticAccuracy, f.output.diacriticAccuracy), bd, dd,
                    pair(f.inputCER, f.outputCER), bc, "", ""))
            listErrors(f)
        }
    }

    /// The baseline model named by `--baseline-model`, else `.build/previous-model` when present.
    private func loadBaseline(repo: URL) throws -> (model: DiacriticModel, path: String)? {
        if noBaseline { return nil }
        if let baselineModel {
            return (try DiacriticModel.load(from: URL(fileURLWithPath: baselineModel)), baselineModel)
        }
        let previous = repo.appendingPathComponent(".build/previous-model")
        guard FileManager.default.fileExists(atPath: previous.appendingPathComponent("vietdoc-model.bin").path) else {
            warn("no baseline model (--baseline-model DIR, or eval/restore/previous-model.sh): this model only")
            return nil
        }
        return (try DiacriticModel.load(from: previous), previous.path)
    }

    private func warn(_ message: String) { FileHandle.standardError.write(Data("eval restore: \(message)\n".utf8)) }

    private func listErrors(_ f: RestorationEvaluation.Figures) {
        for e in f.topErrors(errors) { print("    \(e.count)\t\(e.pair.output) → \(e.pair.gold)") }
    }

    private func pair(_ a: Double, _ b: Double) -> String { String(format: "%6.2f%% → %6.2f%%", 100 * a, 100 * b) }

    private func row(_ cols: String...) -> String {
        let widths = [18, 18, 9, 18, 8, 6, 8, 18, 8, 6, 18, 8, 12, 12]
        return zip(cols, widths).map { $0.padding(toLength: max($1, $0.count), withPad: " ", startingAt: 0) }.joined(
            separator: " ")
    }
}
