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
    public func saveDraft(_ draft: Draft) throws {
        try writer.write { db in
            try db.execute(sql: """
                INSERT INTO draft(key, kind, payload, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET kind = excluded.kind, payload = excluded.payload, updated_at = excluded.updated_at
                """, arguments: [draft.key, draft.kind, draft.payload, draft.updatedAt])
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
