import ArgumentParser
import Foundation
import Pipeline
import Segmentation

/// `vietdoc eval records --labels FILE DIR`: the records made from a folder of scans, scored
/// against hand-read labels.
struct EvalRecordsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records",
        abstract: "Score the records `vietdoc convert` wrote for a folder of scans against hand-read labels.",
        discussion: """
            DIR holds the records (DIR/<stem>.json, as `vietdoc convert SCANS -o DIR` writes them); \
            FILE is a labels file such as ../shared/realscans/labels.json, whose entries are matched \
            to records by file name. Prints a row per document, the fields it missed, the accuracy \
            of each field, the printed header fields together (sign, place, printed date, title, \
            issuer, type) and the signer where the signature page is present. Values must equal the \
            labels after NFC and white-space normalisation; a handwritten number or day counts as \
            right when it is read right, or when it is listed as unreadable and its printed part \
            (the sign; the year and month) is right.
            """)

    @Option(help: "The labels file (labels.json).")
    var labels: String

    @Argument(help: "The folder of records.")
    var directory: String

    @Flag(help: "Only the scans: leave out labels marked \"scanned\": false.")
    var scansOnly = false

    @Flag(help: "List every field of every document, not only the misses.")
    var verbose = false

    func run() throws {
        let warn = { (s: String) in FileHandle.standardError.write(Data((s + "\n").utf8)) }
        let labelList = try DocumentLabel.load(URL(fileURLWithPath: labels)).filter { !scansOnly || $0.scanned }
        let records = try RecordFolder.load(URL(fileURLWithPath: directory), warn: warn)
        let result = RecordsEvaluation.evaluate(
            labels: labelList, records: records.map { (fileName: $0.0, plan: $0.1.plan) })
        for id in result.missing { warn("\(id): no record for it in \(directory), not scored") }
        guard !result.scores.isEmpty else {
            throw VietdocError.invalidArgument("nothing to score: no record matched a label")
        }
        print(RecordsEvaluation.report(result.scores, verbose: verbose))
    }
}
