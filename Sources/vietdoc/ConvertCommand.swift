import ArgumentParser

// Placeholder: replaced by the issue that owns this command.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "convert", abstract: "(not yet available)")
    func run() throws { throw ValidationError("vietdoc convert is not available yet") }
}
