import Foundation
import GRDB

/// Rebuilds tables whose CHECK constraints test a column against a list (`kind IN ('visit', …)`)
/// with the same rules written as comparisons (`kind = 'visit' OR …`).
///
/// Why: SQLite (3.40, the one Debian ships) evaluates a list in a CHECK constraint by building a
/// temporary b-tree of the list for every row written. Measured on 100,000 children with the C API:
/// 2.0 s to insert them with the lists, 1.1 s with comparisons — the lists were half the cost of an
/// import. The rules are the same: NULL passes both forms, and `=` applies the column's affinity
/// as `IN` does.
///
/// The rebuild is SQLite's documented procedure (https://sqlite.org/lang_altertable.html, "other
/// kinds of table schema changes"): with foreign keys off (the migrator's default), the triggers
/// that mention a rebuilt table are dropped; each table is created anew under a temporary name,
/// filled, dropped and renamed; its indexes and the triggers are created again from their saved SQL.
enum TableRebuild {
    /// `CHECK (col IN ('a', 'b'))` → `CHECK (col = 'a' OR col = 'b')`; lists of numbers too.
    static func comparisons(_ sql: String) -> String {
        let list = try! NSRegularExpression(pattern: #"(\w+) IN \(((?:\s*(?:'[^']*'|-?\d+)\s*,)*\s*(?:'[^']*'|-?\d+)\s*)\)"#)
        let value = try! NSRegularExpression(pattern: #"'[^']*'|-?\d+"#)
        var out = sql
        for match in list.matches(in: sql, range: NSRange(sql.startIndex..., in: sql)).reversed() {
            let whole = Range(match.range, in: sql)!
            let column = String(sql[Range(match.range(at: 1), in: sql)!])
            let items = String(sql[Range(match.range(at: 2), in: sql)!])
            let values = value.matches(in: items, range: NSRange(items.startIndex..., in: items))
                .map { String(items[Range($0.range, in: items)!]) }
            out.replaceSubrange(whole, with: values.map { "\(column) = \($0)" }.joined(separator: " OR "))
        }
        return out
    }

    static func rebuild(_ db: Database, tables: [String]) throws {
        let names = tables.map { "'\($0)'" }.joined(separator: ",")
        // Triggers on these tables, or whose body names one of them (pairing's rules read child and mentor).
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
            .filter { row in
                let sql: String = row["sql"]
                return tables.contains { sql.range(of: #"\b\#($0)\b"#, options: .regularExpression) != nil }
            }
        let indexes = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (\(names))
            """)
        for t in triggers { try db.execute(sql: "DROP TRIGGER \(t["name"] as String)") }
        for table in tables {
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                          arguments: [table])!
            let created = comparisons(sql).replacingOccurrences(
                of: #"^CREATE TABLE "?\#(table)"?"#, with: "CREATE TABLE \(table)_rebuilt", options: .regularExpression)
            precondition(created.hasPrefix("CREATE TABLE \(table)_rebuilt"), "unexpected table SQL")
            try db.execute(sql: created)
            try db.execute(sql: "INSERT INTO \(table)_rebuilt SELECT * FROM \"\(table)\"")
            try db.execute(sql: "DROP TABLE \"\(table)\"")
            try db.execute(sql: "ALTER TABLE \(table)_rebuilt RENAME TO \"\(table)\"")
        }
        for sql in indexes { try db.execute(sql: sql) }
        for t in triggers { try db.execute(sql: t["sql"]) }
    }
}
