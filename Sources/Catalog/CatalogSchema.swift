import GRDB

/// The catalog's tables, created and upgraded by a GRDB migrator.
///
/// - `documents`: one row per input, keyed by its relative `path`;
/// - `sections`: one row per plan section, keyed by (`path`, `ordinal`);
/// - `document_index`: an FTS5 table whose rowid is `documents.id`, over accent-folded copies
///   of the title, the header fields and the restored text (see ``AccentFolding``).
enum CatalogSchema {
    /// The migrations in order; a new schema version appends one, never edits an old one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE documents (
                        id INTEGER PRIMARY KEY,
                        path TEXT NOT NULL UNIQUE,
                        sha256 TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('converted', 'skipped', 'failed')),
                        error TEXT,
                        pages INTEGER NOT NULL,
                        total_ms INTEGER NOT NULL,
                        ingest_ms INTEGER NOT NULL,
                        ocr_ms INTEGER NOT NULL,
                        restore_ms INTEGER NOT NULL,
                        segment_ms INTEGER NOT NULL,
                        vietdoc_version TEXT NOT NULL,
                        model_version TEXT,
                        type TEXT,
                        number TEXT,
                        issuer TEXT,
                        place TEXT,
                        date TEXT,
                        title TEXT,
                        text TEXT NOT NULL
                    );
                    CREATE TABLE sections (
                        path TEXT NOT NULL REFERENCES documents(path) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        number TEXT,
                        heading TEXT NOT NULL,
                        category TEXT NOT NULL,
                        level INTEGER NOT NULL,
                        page INTEGER NOT NULL,
                        line_start INTEGER NOT NULL,
                        line_end INTEGER NOT NULL,
                        PRIMARY KEY (path, ordinal)
                    );
                    CREATE INDEX sections_category ON sections(category);
                    CREATE VIRTUAL TABLE document_index USING fts5(
                        title, header, body,
                        tokenize = 'unicode61 remove_diacritics 2'
                    );
                    """)
        }
        return migrator
    }

    /// The tables a file must hold to be read as a catalog.
    static let requiredTables = ["documents", "sections", "document_index"]
}
