import Domain
import Foundation
import GRDB

/// The data side of the role rules: which children an account may reach. A mentor account reaches the
/// children it is paired with now (any pair role); a viewer reaches no file; a coordinator every one.
extension AppDatabase {
    /// `c.id` is one of the children of the mentor given as argument (an active pairing).
    static let mentorScopeSQL = "c.id IN (SELECT child_id FROM pairing WHERE mentor_id = ? AND end_date IS NULL)"

    /// Whether `principal` may open this child's file (and record contacts for the child).
    public func mayOpenFile(child: Int64, as principal: Principal) throws -> Bool {
        guard principal.opensFiles else { return false }
        guard let mentor = principal.mentorScope else { return true }
        return try writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pairing WHERE child_id = ? AND mentor_id = ? AND end_date IS NULL)",
                              arguments: [child, mentor]) ?? false
        }
    }

    /// The ids among `ids` that `principal` may see on a list, in the order given.
    public func reachable(children ids: [Int64], as principal: Principal) throws -> [Int64] {
        guard let mentor = principal.mentorScope, !ids.isEmpty else { return ids }
        let mine = Set(try pairedChildren(mentor: mentor))
        return ids.filter(mine.contains)
    }

    /// The children a mentor is paired with now.
    public func pairedChildren(mentor: Int64) throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT DISTINCT child_id FROM pairing WHERE mentor_id = ? AND end_date IS NULL ORDER BY child_id",
                               arguments: [mentor])
        }
    }
}

extension AppDatabase {
    /// Whether the database file at `path` holds demo data and whether it has accounts, read through a
    /// read-only connection (no migration, no write: safe while another program holds a write).
    /// A missing file is neither.
    public static func accountFacts(path: String) throws -> (isDemo: Bool, hasUsers: Bool) {
        guard FileManager.default.fileExists(atPath: path) else { return (false, false) }
        do {
            let queue = try DatabaseQueue(path: path, configuration: Backup.configuration(readonly: true))
            defer { try? queue.close() }
            return try queue.read { db in
                let demo = try db.tableExists("setting")
                    && String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'is_demo'") == "1"
                let users = try db.tableExists("user") && Bool.fetchOne(db, sql: #"SELECT EXISTS (SELECT 1 FROM "user")"#) == true
                return (demo, users)
            }
        } catch let error as DatabaseError {
            throw Backup.translate(error)
        }
    }
}
