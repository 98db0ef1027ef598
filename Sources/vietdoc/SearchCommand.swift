import ArgumentParser

// Placeholder: replaced by the issue that owns this command.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "search", abstract: "(not yet available)")
    func run() throws { throw ValidationError("vietdoc search is not available yet") }
}
