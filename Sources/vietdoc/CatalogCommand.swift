import ArgumentParser

/// `vietdoc catalog …`: maintain the SQLite catalog of a batch.
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Maintain batch catalogs.",
        subcommands: [CatalogMergeCommand.self]
    )
}
