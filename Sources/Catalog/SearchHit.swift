import GRDB

/// One document found by ``CatalogStore/search(_:limit:)``.
public struct SearchHit: Codable, Equatable, Sendable {
    public var path: String
    public var title: String?
    public var type: String?
    public var number: String?
    /// ISO 8601 date.
    public var date: String?
    /// Original accented text around the matches, matched words in `[` `]`.
    public var snippet: String
    /// 1-based position in the results, best first.
    public var rank: Int
    /// BM25 relevance (higher is better; title matches weigh most, then header fields).
    public var score: Double

    public init(
        path: String, title: String?, type: String?, number: String?, date: String?, snippet: String, rank: Int,
        score: Double
    ) {
        self.path = path
        self.title = title
        self.type = type
        self.number = number
        self.date = date
        self.snippet = snippet
        self.rank = rank
        self.score = score
    }
}

extension CatalogStore {
    /// The documents matching a query, best first, at most `limit` of them.
    ///
    /// Matching ignores case and diacritics ("ke hoach phong chong dich" finds "Kế hoạch
    /// phòng, chống dịch"); see ``SearchQuery`` for the syntax. Ties are ordered by path.
    public func search(_ query: String, limit: Int = 20) throws -> [SearchHit] {
        let parsed = try SearchQuery(query)
        guard limit > 0 else { return [] }
        let rows = try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.path, d.title, d.type, d.number, d.issuer, d.place, d.date, d.text,
                           bm25(document_index, 10.0, 5.0, 1.0) AS bm25
                    FROM document_index JOIN documents d ON d.id = document_index.rowid
                    WHERE document_index MATCH ?
                    ORDER BY bm25, d.path
                    LIMIT ?
                    """,
                arguments: [parsed.expression, limit])
        }
        return rows.enumerated().map { offset, row in
            let title: String? = row["title"]
            let text: String = row["text"]
            let fields: [String?] = ["type", "number", "issuer", "place", "date"].map { row[$0] }
            let header = fields.compactMap { $0 }.joined(separator: " ")
            let snippet =
                Snippet.make(text, query: parsed) ?? title.flatMap { Snippet.make($0, query: parsed) }
                ?? Snippet.make(header, query: parsed) ?? ""
            let bm25: Double = row["bm25"]
            return SearchHit(
                path: row["path"], title: title, type: row["type"], number: row["number"], date: row["date"],
                snippet: snippet, rank: offset + 1, score: -bm25)
        }
    }
}
