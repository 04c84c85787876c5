import Foundation
import GRDB

/// One entry of the audit trail, as `shouhu audit log` shows it.
public struct AuditEntry: Equatable, Sendable {
    public var id: Int64
    public var at: String
    public var actor: String
    public var action: String
    public var entity: String
    public var entityID: Int64?
    public var childID: Int64?
    public var field: String?
    public var old: String?
    public var new: String?
}

extension AppDatabase {
    /// Records that `actor` opened a child's file, revealed its numbers, exported or purged records
    /// (a write of its own, outside any other transaction).
    public func recordAccess(_ action: AuditAction, entity: String = "child", entityID: Int64? = nil, childID: Int64? = nil,
                             detail: String? = nil, actor: String, timestamp: String) throws {
        try writer.write { db in
            try AuditChain.append(db, at: timestamp, actor: actor, action: action, entity: entity, entityID: entityID,
                                  childID: childID, field: nil, old: nil, new: detail)
        }
    }

    /// Records, in a database just restored from a backup, that it was: entry `restore database`, old
    /// value the file the replaced database was kept as (nil when there was none), new value the
    /// backup's file name. The entries before it are the backup's; those made after the backup was
    /// taken are in the kept file.
    public func recordRestore(from backupName: String, previous: String?, actor: String, timestamp: String) throws {
        try writer.write { db in
            try AuditChain.append(db, at: timestamp, actor: actor, action: .restore, entity: "database", entityID: nil,
                                  childID: nil, field: nil, old: previous, new: backupName)
        }
    }

    /// The first entry of the trail that does not hold (edited, deleted, or its link broken), nil when intact.
    public func verifyAudit() throws -> AuditBreak? {
        try writer.read { db in try AuditChain.verify(db) }
    }

    /// How many entries the trail holds.
    public func auditCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM audit") ?? 0 }
    }

    /// Entries oldest first, optionally only those about one child or by one account (name, any case).
    public func auditEntries(childID: Int64? = nil, actor: String? = nil, limit: Int = 10_000) throws -> [AuditEntry] {
        try writer.read { db in
            var clauses: [String] = []
            var args: StatementArguments = []
            if let childID { clauses.append("child_id = ?"); args += [childID] }
            if let actor { clauses.append("actor = ? COLLATE NOCASE"); args += [actor] }
            let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
            args += [limit]
            return try Row.fetchAll(db, sql: """
                SELECT * FROM (SELECT id, at, actor, action, entity, entity_id, child_id, field, old_value, new_value FROM audit
                \(whereSQL) ORDER BY id DESC LIMIT ?) ORDER BY id
                """, arguments: args).map { r in
                AuditEntry(id: r["id"], at: r["at"], actor: r["actor"], action: r["action"], entity: r["entity"],
                           entityID: r["entity_id"], childID: r["child_id"], field: r["field"], old: r["old_value"],
                           new: r["new_value"])
            }
        }
    }
}
