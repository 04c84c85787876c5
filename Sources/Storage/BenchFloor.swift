import Foundation
import GRDB

extension AppDatabase {
    /// For the benchmark's floor under the roster import: copies the households, guardians,
    /// children and history lines of the database at `path` into this one (empty, same schema) in
    /// one transaction, by SQLite alone — no file to read, nothing to check or compute — with the
    /// settings the import uses (references checked after, statement journal in memory). The
    /// `WHERE` keeps SQLite from copying pages wholesale (its transfer optimisation), so each row is
    /// inserted and indexed as an import inserts it. Returns the children copied.
    public func copyRosterRows(from path: String) throws -> Int {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer { try? db.execute(sql: "PRAGMA temp_store = DEFAULT") }
            try db.execute(sql: "PRAGMA cache_size = -131072")
            try db.execute(sql: "ATTACH DATABASE ? AS source", arguments: [path])
            defer { try? db.execute(sql: "DETACH DATABASE source") }
            var copied = 0
            try db.inTransaction(.immediate) {
                for table in ["grid", "school", "school_class"] {
                    try db.execute(sql: "INSERT OR IGNORE INTO \(table) SELECT * FROM source.\(table)")
                }
                for table in ["household", "guardian", "child", "child_history"] {
                    try db.execute(sql: "INSERT INTO \(table) SELECT * FROM source.\(table) WHERE id > 0")
                }
                copied = try Int.fetchOne(db, sql: "SELECT count(*) FROM child") ?? 0
                return .commit
            }
            return copied
        }
    }
}
