import ArgumentParser

// Placeholder: replaced by the issue that owns this command.
struct EvalRestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "restore", abstract: "(not yet available)")
    func run() throws { throw ValidationError("vietdoc restore is not available yet") }
}
