import Foundation
import GRDB

/// A half-typed form, saved as it is typed so a dropped session loses nothing.
public struct Draft: Equatable, Sendable {
    public var key: String
    public var kind: String
    public var payload: String
    public var updatedAt: String

    public init(key: String, kind: String, payload: String, updatedAt: String) {
        self.key = key; self.kind = kind; self.payload = payload; self.updatedAt = updatedAt
    }
}

extension AppDatabase {
    /// Saves (replaces) a draft. With `patience`, waits at most that long for another process's
    /// write (an import elsewhere) instead of the usual busy timeout, so typing never stalls: a draft
    /// that could not be written throws SQLITE_BUSY and the next keystroke writes the whole form again.
    public func saveDraft(_ draft: Draft, patience: TimeInterval? = nil) throws {
        let upsert = { (db: Database) in
            try db.execute(sql: """
                INSERT INTO draft(key, kind, payload, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, updated_at = excluded.updated_at
                """, arguments: [draft.key, draft.kind, draft.payload, draft.updatedAt])
        }
        guard let patience else { return try writer.write(upsert) }
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA busy_timeout = \(Int(patience * 1000))")
            defer { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busyTimeout * 1000))") }
            try db.inTransaction(.immediate) {
                try upsert(db)
                return .commit
            }
        }
    }

    public func draft(key: String) throws -> Draft? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT key, kind, payload, updated_at FROM draft WHERE key = ?", arguments: [key]).map {
                Draft(key: $0["key"], kind: $0["kind"], payload: $0["payload"], updatedAt: $0["updated_at"])
            }
        }
    }

    public func deleteDraft(key: String) throws {
        try writer.write { db in try db.execute(sql: "DELETE FROM draft WHERE key = ?", arguments: [key]) }
    }
}
