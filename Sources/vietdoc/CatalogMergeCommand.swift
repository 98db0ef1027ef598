import ArgumentParser

// Placeholder: replaced by the issue that owns this command.
struct CatalogMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge", abstract: "(not yet available)")
    func run() throws { throw ValidationError("vietdoc catalog merge is not available yet") }
}
