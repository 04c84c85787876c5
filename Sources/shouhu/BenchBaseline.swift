import Foundation

/// The same work done by the `sqlite3` command-line tool on the same data, so each figure can be
/// read as a ratio (absolute times vary from machine to machine): `.import` of the county CSV, and
/// a `LIKE '%…%'` search over the names for each typed prefix.
struct SQLiteBaseline {
    let tool: String

    /// The `sqlite3` on PATH, if any.
    static func find() -> SQLiteBaseline? { Spawn.which("sqlite3").map(SQLiteBaseline.init(tool:)) }

    /// Seconds of each run of `sqlite3 NEW.db ".import --csv FILE roster"` (one transaction, no checks).
    func importCSV(_ csv: String, runs: Int) throws -> [Double] {
        let db = (csv as NSString).deletingLastPathComponent + "/sqlite3-import.db"
        var samples: [Double] = []
        for _ in 0..<runs {
            try? FileManager.default.removeItem(atPath: db)
            samples.append(try Clock.wall { try Spawn.run(tool, [db, ".import --csv '\(csv)' roster"]) })
        }
        try? FileManager.default.removeItem(atPath: db)
        return samples
    }

    /// Seconds of one `SELECT count(*) FROM child WHERE name LIKE '%q%'`, averaged over every
    /// prefix of the queries (as they are typed), repeated until about a million names were
    /// compared. The tool's timer shows whole milliseconds, so the time of the same number of
    /// empty statements is subtracted instead.
    func likeSearch(database: String, queries: [String], children: Int) throws -> Double? {
        var prefixes: [String] = []
        for q in queries { for k in 1...max(1, q.count) { prefixes.append(String(q.prefix(k)).replacingOccurrences(of: "'", with: "''")) } }
        let repeats = max(1, 1_000_000 / max(1, children * prefixes.count))
        let like = prefixes.map { "SELECT count(*) FROM child WHERE name LIKE '%\($0)%';" }
        let empty = prefixes.map { _ in "SELECT count(*) FROM child WHERE 0;" }
        let statements = like.count * repeats
        let total = try time(database, Array(repeating: like, count: repeats).flatMap { $0 })
        let idle = try time(database, Array(repeating: empty, count: repeats).flatMap { $0 })
        return statements > 0 ? max(0, total - idle) / Double(statements) : nil
    }

    /// Wall time of the tool running `statements` on `database` (warmed by one run first).
    private func time(_ database: String, _ statements: [String]) throws -> Double {
        let scriptPath = NSTemporaryDirectory() + "shouhu-bench-like-\(getpid()).sql"
        try Data((statements.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: scriptPath))
        defer { unlink(scriptPath) }
        try Spawn.run(tool, [database], stdin: scriptPath)
        return try Clock.wall { try Spawn.run(tool, [database], stdin: scriptPath) }
    }
}
