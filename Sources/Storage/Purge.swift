import Domain
import GRDB

/// Why a purge refused.
public enum PurgeError: Error, Equatable {
    /// One of the files is not archived (only archived files are ever purged).
    case notArchived(Int64)
}

extension AppDatabase {
    /// Removes archived child files for good, in one transaction, with what hangs on them: their contacts
    /// (and those contacts' history), pairings, attendance marks, growth notes and change history, and any
    /// guardian or home no other child shares. Refuses (changing nothing) if any id is not an archived file.
    /// The audit trail keeps its entries (it is append-only) and gains one: `purge`, with the count.
    /// Returns how many files were removed.
    @discardableResult
    public func purgeArchivedChildren(ids: [Int64], actor: String, timestamp: String) throws -> Int {
        guard !ids.isEmpty else { return 0 }
        return try writer.write { db in
            for id in ids {
                guard try String.fetchOne(db, sql: "SELECT status FROM child WHERE id = ?", arguments: [id]) == "archived" else {
                    throw PurgeError.notArchived(id)
                }
            }
            let list = Self.jsonArray(Set(ids))
            let inList = "IN (SELECT value FROM json_each(?))"
            let homes = try Row.fetchAll(db, sql: "SELECT DISTINCT household_id, guardian_id FROM child WHERE id \(inList)",
                                         arguments: [list])
            for sql in [
                "DELETE FROM contact_history WHERE contact_id IN (SELECT id FROM contact WHERE child_id \(inList))",
                "DELETE FROM contact WHERE child_id \(inList)",
                "DELETE FROM pairing WHERE child_id \(inList)",
                "DELETE FROM activity_attendance WHERE child_id \(inList)",
                "DELETE FROM growth_record WHERE child_id \(inList)",
                "DELETE FROM child_history WHERE child_id \(inList)",
                "DELETE FROM child WHERE id \(inList)",
            ] {
                try db.execute(sql: sql, arguments: [list])
            }
            for home in homes {
                if let g: Int64 = home["guardian_id"] {
                    try db.execute(sql: "DELETE FROM guardian WHERE id = ? AND NOT EXISTS (SELECT 1 FROM child WHERE guardian_id = ?)",
                                   arguments: [g, g])
                }
                if let h: Int64 = home["household_id"] {
                    try db.execute(sql: """
                        DELETE FROM household WHERE id = ? AND NOT EXISTS (SELECT 1 FROM child WHERE household_id = ?)
                          AND NOT EXISTS (SELECT 1 FROM guardian WHERE household_id = ?)
                        """, arguments: [h, h, h])
                }
            }
            try AuditChain.append(db, at: timestamp, actor: actor, action: .purge, entity: "child", entityID: nil, childID: nil,
                                  field: "archived", old: nil, new: String(ids.count))
            return ids.count
        }
    }
}
