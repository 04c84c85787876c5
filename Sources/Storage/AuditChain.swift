import Crypto
import Foundation
import GRDB

/// The audit trail's hash chain: every entry carries the SHA-256 of the entry before it and of its
/// own content, and the `setting` row `audit_head` names the last entry and its hash. An edited
/// entry no longer matches its hash; a deleted one leaves a gap in the numbering (or, at the end,
/// a head that names an entry the table lacks). The chain shows tampering; it cannot prevent it.
enum AuditChain {
    /// The "previous hash" of the first entry.
    static let genesis = String(repeating: "0", count: 64)
    static let headKey = "audit_head"

    /// The values an entry's hash covers, in a fixed order.
    struct Content {
        var id: Int64
        var at: String
        var actor: String
        var action: String
        var entity: String
        var entityID: Int64?
        var childID: Int64?
        var field: String?
        var old: String?
        var new: String?
    }

    /// `hex(SHA-256(previous ‖ content))`, each value written as `<byte count>:<text>` (nil as `~`),
    /// so no two different entries read the same.
    static func hash(previous: String, _ c: Content) -> String {
        var text = previous + "\n"
        for value in [String(c.id), c.at, c.actor, c.action, c.entity, c.entityID.map(String.init), c.childID.map(String.init),
                      c.field, c.old, c.new] {
            if let value { text += "\(value.utf8.count):\(value)|" } else { text += "~|" }
        }
        return SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The last entry's id and hash (0 and the genesis hash for an empty trail).
    static func head(_ db: Database) throws -> (id: Int64, hash: String) {
        guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT value FROM setting WHERE key = 'audit_head'")),
              let space = text.firstIndex(of: " "), let id = Int64(text[..<space]) else { return (0, genesis) }
        return (id, String(text[text.index(after: space)...]))
    }

    /// Appends one entry inside the caller's transaction.
    static func append(_ db: Database, at: String, actor: String, action: AuditAction, entity: String, entityID: Int64?,
                       childID: Int64?, field: String?, old: String?, new: String?) throws {
        let head = try head(db)
        let content = Content(id: head.id + 1, at: at, actor: actor, action: action.rawValue, entity: entity, entityID: entityID,
                              childID: childID, field: field, old: old, new: new)
        let hash = hash(previous: head.hash, content)
        try db.cachedStatement(sql: """
            INSERT INTO audit(id, at, actor, action, entity, entity_id, child_id, field, old_value, new_value, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [content.id, at, actor, action.rawValue, entity, entityID, childID, field, old, new,
                                     head.hash, hash])
        try db.cachedStatement(sql: """
            INSERT INTO setting(key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value
            """).execute(arguments: ["\(content.id) \(hash)"])
    }

    /// Walks the whole trail in order; the first entry that does not hold, or nil when all do.
    static func verify(_ db: Database) throws -> AuditBreak? {
        guard try db.tableExists("audit") else { return nil }
        var expectedID: Int64 = 1
        var previous = genesis
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, at, actor, action, entity, entity_id, child_id, field, old_value, new_value, prev_hash, hash
            FROM audit ORDER BY id
            """)
        while let r = try rows.next() {
            let id: Int64 = r["id"]
            if id != expectedID { return AuditBreak(entry: expectedID, reason: .missing) }
            let content = Content(id: id, at: r["at"], actor: r["actor"], action: r["action"], entity: r["entity"],
                                  entityID: r["entity_id"], childID: r["child_id"], field: r["field"], old: r["old_value"],
                                  new: r["new_value"])
            let stored: String = r["hash"]
            if (r["prev_hash"] as String) != previous || hash(previous: previous, content) != stored {
                return AuditBreak(entry: id, reason: .changed)
            }
            previous = stored
            expectedID += 1
        }
        let head = try head(db)
        if head.id >= expectedID { return AuditBreak(entry: expectedID, reason: .missing) }
        if head.id == expectedID - 1, head.hash != previous { return AuditBreak(entry: head.id, reason: .changed) }
        return nil
    }
}

/// What an audit entry records.
public enum AuditAction: String, Sendable, CaseIterable {
    /// A field of a record changed (or a record was created: field `created`).
    case write
    /// A child's file was opened on screen.
    case open
    /// A child's full ID number and phones were shown.
    case reveal
    /// Personal data left the program (an export), with the count.
    case export
    /// Archived records were removed, with the count.
    case purge
    /// Someone signed in (or the sign-in failed: field `failed`).
    case signIn = "sign_in"
    /// An account was added or changed.
    case account
    /// A spreadsheet was imported: one entry per import (entity `children`, `mentors`, `pairings` or
    /// `contacts`), the file's name and the counts in the new value (see `ImportAuditNote`).
    case importSheet = "import"
    /// The database was replaced by a backup: old value the file the replaced database was kept as,
    /// new value the backup's file name. Entries after the backup was taken are in the kept file.
    case restore
}

/// The first audit entry that does not hold.
public struct AuditBreak: Equatable, Sendable, Error {
    public enum Reason: String, Sendable { case changed, missing }
    /// The entry's number (the one that is missing, or the one whose content or link changed).
    public var entry: Int64
    public var reason: Reason
}

extension AuditChain {
    /// The pairing as one audit value: `mentor <id> <pair role> from <start>`.
    static func pairingValue(mentor: Int64, role: String, start: String) -> String { "mentor \(mentor) \(role) from \(start)" }

    /// Starts the trail of a database that kept history before the trail existed (migration v8):
    /// the four history tables and the pairings, oldest first.
    static func seedFromHistory(_ db: Database) throws {
        let rows = try Row.fetchAll(db, sql: """
            SELECT at, actor, 'child' AS entity, child_id AS entity_id, child_id, field, old_value, new_value, 1 AS t, id
              FROM child_history
            UNION ALL SELECT at, actor, 'mentor', mentor_id, NULL, field, old_value, new_value, 2, id FROM mentor_history
            UNION ALL SELECT at, actor, 'activity', activity_id, NULL, field, old_value, new_value, 3, id FROM activity_history
            UNION ALL SELECT h.at, h.actor, 'contact', h.contact_id, c.child_id, h.field, h.old_value, h.new_value, 4, h.id
              FROM contact_history h JOIN contact c ON c.id = h.contact_id
            UNION ALL SELECT created_at, actor, 'pairing', id, child_id, 'created', NULL,
                             'mentor ' || mentor_id || ' ' || pair_role || ' from ' || start_date, 5, id FROM pairing
            UNION ALL SELECT ended_at, ended_by, 'pairing', id, child_id, 'end_date', NULL, end_date || ' ' || end_reason, 6, id
              FROM pairing WHERE ended_at IS NOT NULL
            ORDER BY at, t, id
            """)
        for r in rows {
            try append(db, at: r["at"], actor: r["actor"] ?? "", action: .write, entity: r["entity"], entityID: r["entity_id"],
                       childID: r["child_id"], field: r["field"], old: r["old_value"], new: r["new_value"])
        }
    }
}
