import GRDB

/// The catalog's tables, created and upgraded by a GRDB migrator.
///
/// - `documents`: one row per document, keyed by its `document_id` (its output path under
///   `-o` without extension), with `path` (relative to its input root) and `source` (where it
///   was last read);
/// - `sections`: one row per plan section, keyed by (`document_id`, `ordinal`);
/// - `roots`: the input folders converted into this output folder, so that a file named on its
///   own below one of them gets the same output path as in a folder run;
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
        migrator.registerMigration("v2: document ids, sources, failed pages, roots") { db in
            // Rows of a v1 catalog keep their path as their id and source (they were keyed by
            // the path as typed); the index keeps its rowids, so search finds them as before.
            try db.execute(
                sql: """
                    CREATE TABLE documents_v2 (
                        id INTEGER PRIMARY KEY,
                        document_id TEXT NOT NULL UNIQUE,
                        path TEXT NOT NULL,
                        source TEXT NOT NULL,
                        sha256 TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('converted', 'skipped', 'failed')),
                        error TEXT,
                        pages INTEGER NOT NULL,
                        failed_pages INTEGER NOT NULL DEFAULT 0,
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
                    INSERT INTO documents_v2 (id, document_id, path, source, sha256, status, error, pages,
                        total_ms, ingest_ms, ocr_ms, restore_ms, segment_ms, vietdoc_version, model_version,
                        type, number, issuer, place, date, title, text)
                    SELECT id, path, path, path, sha256, status, error, pages, total_ms, ingest_ms, ocr_ms,
                        restore_ms, segment_ms, vietdoc_version, model_version, type, number, issuer, place,
                        date, title, text
                    FROM documents;
                    CREATE TABLE sections_v2 (
                        document_id TEXT NOT NULL REFERENCES documents_v2(document_id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        number TEXT,
                        heading TEXT NOT NULL,
                        category TEXT NOT NULL,
                        level INTEGER NOT NULL,
                        page INTEGER NOT NULL,
                        line_start INTEGER NOT NULL,
                        line_end INTEGER NOT NULL,
                        PRIMARY KEY (document_id, ordinal)
                    );
                    INSERT INTO sections_v2 SELECT * FROM sections;
                    DROP TABLE sections;
                    DROP TABLE documents;
                    ALTER TABLE documents_v2 RENAME TO documents;
                    ALTER TABLE sections_v2 RENAME TO sections;
                    CREATE INDEX sections_category ON sections(category);
                    CREATE INDEX documents_path ON documents(path);
                    CREATE INDEX documents_source ON documents(source);
                    CREATE TABLE roots (path TEXT PRIMARY KEY);
                    """)
        }
        return migrator
    }

    /// The tables a file must hold to be read as a catalog.
    static let requiredTables = ["documents", "sections", "document_index"]
}
