import ArgumentParser
import Diacritics
import Foundation
import Layout
import Pipeline
import Records
import Segmentation
import VietdocCore

/// `vietdoc eval segment`: plan-record accuracy against the hand-checked gold records.
struct EvalSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "segment",
        abstract: "Score segmentation (header fields, sections, budget, agencies) against gold records.",
        discussion: """
            By default segments the five seed texts (../shared/seeds), restored first when the \
            diacritics model is found (--no-restore to score the raw text). --input scores text \
            files instead; --records scores the JSON/JSONL records that `vietdoc convert` wrote. \
            Each input is matched to gold/records/NNN-*.json by the three digits its file name \
            starts with (NNN-place-year-variant.ext, or NNN_*.txt for the seeds). Text fields \
            match when their accent-free forms are ≥ 80% similar; number, date, period, type, \
            categories and amounts must be equal. Sections are compared at levels 1–2 as \
            (heading, category) pairs.
            """)

    @Option(name: .customLong("input"), parsing: .upToNextOption, help: "Text files to segment and score.")
    var inputs: [String] = []

    @Option(help: "A folder of records (.json/.jsonl) written by `vietdoc convert`, to score instead.")
    var records: String?

    @Option(help: "Folder of the seed texts (default: ../shared/seeds).")
    var seeds: String = "../shared/seeds"

    @Option(help: "Folder of the gold records.")
    var gold: String = "gold/records"

    @Flag(help: "Score the text as given, without diacritic restoration.")
    var noRestore = false

    @Flag(help: "Print every scored field and unmatched section, not only the tables.")
    var verbose = false

    func run() throws {
        let golds = try loadGolds()
        var scored: [(name: String, score: SegmentationScore)] = []
        if let records {
            for (name, record) in try RecordFolder.load(
                URL(fileURLWithPath: records), warn: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
            {
                guard let g = gold(for: name, in: golds) else {
                    FileHandle.standardError.write(Data("\(name): no gold record for it, skipped\n".utf8))
                    continue
                }
                scored.append((name, SegmentationEvaluation.score(record.plan, gold: g)))
            }
        } else {
            let files: [URL]
            if !inputs.isEmpty {
                files = inputs.map { URL(fileURLWithPath: $0) }
            } else {
                let dir = URL(fileURLWithPath: seeds)
                guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
                    throw VietdocError.invalidArgument(
                        "the seed texts are not at \(dir.path): give their folder with --seeds DIR (they live in "
                            + "../shared/seeds, beside the repository) or score files with --input FILE…")
                }
                files = names.filter { $0.hasSuffix(".txt") }.sorted().map { dir.appendingPathComponent($0) }
            }
            let restorer = noRestore ? nil : loadRestorer()
            print(
                restorer == nil
                    ? "text: as given (no restoration)" : "text: restored (diacritics model \(restorer!.model.version))"
            )
            for url in files {
                let name = url.lastPathComponent
                guard let g = gold(for: name, in: golds) else {
                    FileHandle.standardError.write(Data("\(name): no gold record for it, skipped\n".utf8))
                    continue
                }
                guard let data = FileManager.default.contents(atPath: url.path) else {
                    throw VietdocError.fileNotFound(path: url.path)
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw VietdocError.unreadableText(path: url.path, detail: "not UTF-8")
                }
                var pages = LayoutAnalyzer().analyse(pages: PageText.pages(fromText: text))
                if let restorer { pages = LineRestoration(restorer: restorer).restore(pages: pages).pages }
                scored.append((name, SegmentationEvaluation.score(Segmenter().segment(pages: pages), gold: g)))
            }
        }
        guard !scored.isEmpty else {
            throw VietdocError.invalidArgument("nothing to score: no input matched a gold record")
        }
        printTables(scored)
    }

    private func loadRestorer() -> Restorer? {
        guard let model = try? DiacriticModel.loadDefault() else {
            FileHandle.standardError.write(Data("diacritics model not found: scoring the text as given\n".utf8))
            return nil
        }
        return Restorer(model: model)
    }

    private func loadGolds() throws -> [String: GoldRecord] {
        let dir = URL(fileURLWithPath: gold)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else {
            throw VietdocError.fileNotFound(path: dir.path)
        }
        var out: [String: GoldRecord] = [:]
        for name in names.sorted() where name.hasSuffix(".json") {
            guard let n = GoldRecord.documentNumber(ofFileName: name) else { continue }
            out[n] = try GoldRecord.load(dir.appendingPathComponent(name))
        }
        return out
    }

    private func gold(for fileName: String, in golds: [String: GoldRecord]) -> GoldRecord? {
        GoldRecord.documentNumber(ofFileName: fileName).flatMap { golds[$0] }
    }

    private func printTables(_ scored: [(name: String, score: SegmentationScore)]) {
        let fieldNames = [
            "type", "number", "issuer", "parent_issuer", "place", "date", "date_text", "title", "period",
            "signature.authority", "signature.capacity", "signature.signer", "budget.total",
        ]
        func pct(_ x: Double) -> String { String(format: "%5.1f%%", 100 * x) }
        func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
        var totals: [String: (Int, Int)] = [:]
        var all = SegmentationScore()
        for (name, s) in scored {
            print("")
            print("== \(name)")
            let fieldsOK = s.fields.filter(\.correct).count
            print("  header/budget fields: \(fieldsOK)/\(s.fields.count) correct")
            for f in s.fields {
                totals[f.name, default: (0, 0)].0 += f.correct ? 1 : 0
                totals[f.name, default: (0, 0)].1 += 1
                if verbose || !f.correct {
                    let mark = f.correct ? "ok  " : "MISS"
                    print(
                        "    \(mark) \(pad(f.name, 20)) expected: \(f.expected ?? "null") | got: \(f.actual ?? "null")")
                }
            }
            let sf = s.sectionF1
            let af = s.agencyF1
            print(
                "  sections (heading, category): P \(pct(sf.p))  R \(pct(sf.r))  F1 \(pct(sf.f))  (\(s.sectionMatched) matched, \(s.sectionProduced) produced, \(s.sectionGold) gold; headings alone matched \(s.headingMatched))"
            )
            if verbose {
                for g in s.unmatchedGold { print("    missed:   \(g)") }
                for p in s.unmatchedProduced { print("    spurious: \(p)") }
            }
            if s.agencyGold > 0 || s.agencyProduced > 0 {
                print(
                    "  assignment agencies:          P \(pct(af.p))  R \(pct(af.r))  F1 \(pct(af.f))  (\(s.agencyMatched) matched, \(s.agencyProduced) produced, \(s.agencyGold) gold)"
                )
            }
            all.sectionMatched += s.sectionMatched
            all.sectionProduced += s.sectionProduced
            all.sectionGold += s.sectionGold
            all.headingMatched += s.headingMatched
            all.agencyMatched += s.agencyMatched
            all.agencyProduced += s.agencyProduced
            all.agencyGold += s.agencyGold
        }
        print("")
        print("== overall (\(scored.count) documents)")
        print("  \(pad("field", 22)) accuracy")
        var ok = 0
        var n = 0
        for name in fieldNames {
            guard let (c, t) = totals[name] else { continue }
            ok += c
            n += t
            print("  \(pad(name, 22)) \(pct(Double(c) / Double(t)))  (\(c)/\(t))")
        }
        if n > 0 { print("  \(pad("all fields", 22)) \(pct(Double(ok) / Double(n)))  (\(ok)/\(n))") }
        let sf = all.sectionF1
        let af = all.agencyF1
        let hf = SegmentationScore.f1(matched: all.headingMatched, produced: all.sectionProduced, gold: all.sectionGold)
        print("  section (heading, category) P \(pct(sf.p))  R \(pct(sf.r))  F1 \(pct(sf.f))")
        print("  section headings alone      P \(pct(hf.p))  R \(pct(hf.r))  F1 \(pct(hf.f))")
        print("  assignment agencies         P \(pct(af.p))  R \(pct(af.r))  F1 \(pct(af.f))")
    }
}
