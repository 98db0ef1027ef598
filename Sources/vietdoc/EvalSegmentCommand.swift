import ArgumentParser

// Placeholder: replaced by the issue that owns this command.
struct EvalSegmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "segment", abstract: "(not yet available)")
    func run() throws { throw ValidationError("vietdoc segment is not available yet") }
}
