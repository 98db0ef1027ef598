import ArgumentParser

// Placeholder: replaced by the issue that owns this command.
struct EvalOCRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ocr", abstract: "(not yet available)")
    func run() throws { throw ValidationError("vietdoc ocr is not available yet") }
}
