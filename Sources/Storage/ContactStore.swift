import Domain
import Foundation
import GRDB

/// Why a contact was not saved. The screens and commands word each case from the catalog;
/// `description` is English, for logs and tests.
public enum ContactError: Error, Equatable, CustomStringConvertible {
    case unknownChild
    case unknownMentor
    case unknownContact
    /// The date is after today.
    case futureDate
    /// The same contact (child, mentor, kind, date, summary) is already recorded.
    case duplicate(existing: Int64)

    public var description: String {
        switch self {
        case .unknownChild: return "the child is not in the roster"
        case .unknownMentor: return "the mentor is not in the registry"
        case .unknownContact: return "there is no such contact (it may have been deleted)"
        case .futureDate: return "the date is in the future"
        case .duplicate: return "the same contact is already recorded"
        }
    }
}

/// One line of a contact list (a child's or a mentor's file).
public struct ContactRow: Equatable, Sendable {
    public var contact: Contact
    public var childName: String
    public var mentorName: String
    /// Who recorded it.
    public var author: String
    public var version: Int

    public init(contact: Contact, childName: String, mentorName: String, author: String, version: Int) {
        self.contact = contact; self.childName = childName; self.mentorName = mentorName; self.author = author
        self.version = version
    }
}

extension AppDatabase {
    /// Records a contact in one transaction and returns its id. Texts are trimmed; a contact dated after
    /// `today`, for an unknown child or mentor, or recorded already, is refused (`ContactError`).
    @discardableResult
    public func addContact(_ contact: Contact, today: LocalDate, source: String = "form", actor: String,
                           timestamp: String) throws -> Int64 {
        let c = Self.normalized(contact)
        return try writer.write { db in try Self.insertContact(db, c, today: today, source: source, actor: actor, timestamp: timestamp) }
    }

    static func insertContact(_ db: Database, _ c: Contact, today: LocalDate, source: String, actor: String,
                              timestamp: String) throws -> Int64 {
        try refuseContact(db, c, today: today, excluding: nil)
        try db.cachedStatement(sql: """
            INSERT INTO contact(child_id, mentor_id, kind, date, place, summary, concerns, follow_up, created_at, updated_at,
                actor, source)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [c.childID, c.mentorID, c.kind.rawValue, c.date.description, c.place, c.summary,
                                     c.concernCodes, c.followUp, timestamp, timestamp, actor, source])
        let id = db.lastInsertedRowID
        try recordContactHistory(db, contact: id, at: timestamp, actor: actor, field: "created", old: nil, new: source)
        return id
    }

    /// Saves changes to a contact; refuses with `SaveConflict` when someone saved since `expectedVersion`.
    /// Each changed field goes to the history. Returns the new version.
    @discardableResult
    public func updateContact(_ contact: Contact, id: Int64, expectedVersion: Int?, today: LocalDate, actor: String,
                              timestamp: String) throws -> Int {
        let c = Self.normalized(contact)
        return try writer.write { db in
            guard let old = try Self.contactRow(db, id: id) else { throw ContactError.unknownContact }
            if let expectedVersion, expectedVersion != old.version { throw SaveConflict(currentVersion: old.version) }
            try Self.refuseContact(db, c, today: today, excluding: id)
            try db.execute(sql: """
                UPDATE contact SET child_id = ?, mentor_id = ?, kind = ?, date = ?, place = ?, summary = ?, concerns = ?,
                    follow_up = ?, version = version + 1, updated_at = ?
                WHERE id = ?
                """, arguments: [c.childID, c.mentorID, c.kind.rawValue, c.date.description, c.place, c.summary, c.concernCodes,
                                 c.followUp, timestamp, id])
            for ((field, was), (_, now)) in zip(Self.contactFields(old.contact), Self.contactFields(c)) where was != now {
                try Self.recordContactHistory(db, contact: id, at: timestamp, actor: actor, field: field, old: was, new: now)
            }
            return old.version + 1
        }
    }

    /// Marks a contact deleted (the row and its history stay; obligations no longer count it). With
    /// `expectedVersion`, refuses with `SaveConflict` when someone saved the contact since that version.
    public func deleteContact(id: Int64, expectedVersion: Int? = nil, actor: String, timestamp: String) throws {
        try writer.write { db in
            if let expectedVersion {
                guard let current = try Int.fetchOne(db, sql: "SELECT version FROM contact WHERE id = ? AND deleted = 0",
                                                     arguments: [id]) else { throw ContactError.unknownContact }
                if current != expectedVersion { throw SaveConflict(currentVersion: current) }
            }
            try db.execute(sql: "UPDATE contact SET deleted = 1, version = version + 1, updated_at = ? WHERE id = ? AND deleted = 0",
                           arguments: [timestamp, id])
            guard db.changesCount == 1 else { throw ContactError.unknownContact }
            try Self.recordContactHistory(db, contact: id, at: timestamp, actor: actor, field: "deleted", old: "0", new: "1")
        }
    }

    public func contact(id: Int64) throws -> ContactRow? {
        try writer.read { db in try Self.contactRow(db, id: id) }
    }

    /// A child's contacts, newest first.
    public func contacts(childID: Int64, limit: Int = 200) throws -> [ContactRow] {
        try writer.read { db in
            try Self.contactRows(db, where: "c.child_id = ?", arguments: [childID], limit: limit)
        }
    }

    /// A mentor's contacts, newest first.
    public func contacts(mentorID: Int64, limit: Int = 200) throws -> [ContactRow] {
        try writer.read { db in
            try Self.contactRows(db, where: "c.mentor_id = ?", arguments: [mentorID], limit: limit)
        }
    }

    /// How many contacts are recorded (not deleted).
    public func contactCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM contact WHERE deleted = 0") ?? 0 }
    }

    /// The history of one contact, oldest first.
    public func contactHistory(id: Int64) throws -> [HistoryEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, actor, field, old_value, new_value FROM contact_history WHERE contact_id = ? ORDER BY id
                """, arguments: [id]).map {
                HistoryEntry(at: $0[0], actor: $0[1], field: $0[2], old: $0[3], new: $0[4])
            }
        }
    }

    // MARK: - Rows

    static let contactSelect = """
        SELECT c.id, c.child_id, c.mentor_id, c.kind, c.date, c.place, c.summary, c.concerns, c.follow_up, c.actor, c.version,
               ch.name, m.name
        FROM contact c JOIN child ch ON ch.id = c.child_id JOIN mentor m ON m.id = c.mentor_id
        """

    static func contactRow(_ db: Database, id: Int64) throws -> ContactRow? {
        try contactRows(db, where: "c.id = ?", arguments: [id], limit: 1).first
    }

    static func contactRows(_ db: Database, where clause: String, arguments: StatementArguments, limit: Int) throws -> [ContactRow] {
        try Row.fetchAll(db, sql: contactSelect + " WHERE c.deleted = 0 AND " + clause + " ORDER BY c.date DESC, c.id DESC LIMIT \(limit)",
                         arguments: arguments).compactMap { row in
            guard let kind = ContactKind(rawValue: row[3]), let date = LocalDate(parsing: row[4]) else { return nil }
            let c = Contact(id: row[0], childID: row[1], mentorID: row[2], kind: kind, date: date, place: row[5], summary: row[6],
                            concerns: Contact.concerns(fromCodes: row[7]), followUp: row[8])
            return ContactRow(contact: c, childName: row[11], mentorName: row[12], author: row[9], version: row[10])
        }
    }

    // MARK: - Rules

    static func normalized(_ c: Contact) -> Contact {
        var v = c
        v.place = c.place.trimmingCharacters(in: .whitespacesAndNewlines)
        v.summary = c.summary.trimmingCharacters(in: .whitespacesAndNewlines)
        v.followUp = c.followUp.trimmingCharacters(in: .whitespacesAndNewlines)
        return v
    }

    static func refuseContact(_ db: Database, _ c: Contact, today: LocalDate, excluding: Int64?) throws {
        if c.date > today { throw ContactError.futureDate }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM child WHERE id = ?", arguments: [c.childID]) != nil else {
            throw ContactError.unknownChild
        }
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM mentor WHERE id = ?", arguments: [c.mentorID]) != nil else {
            throw ContactError.unknownMentor
        }
        if let existing = try Int64.fetchOne(db, sql: """
            SELECT id FROM contact WHERE child_id = ? AND mentor_id = ? AND kind = ? AND date = ? AND summary = ? AND deleted = 0
              AND id IS NOT ?
            """, arguments: [c.childID, c.mentorID, c.kind.rawValue, c.date.description, c.summary, excluding]) {
            throw ContactError.duplicate(existing: existing)
        }
    }

    static func contactFields(_ c: Contact) -> [(String, String?)] {
        [("child_id", String(c.childID)), ("mentor_id", String(c.mentorID)), ("kind", c.kind.rawValue),
         ("date", c.date.description), ("place", c.place), ("summary", c.summary), ("concerns", c.concernCodes),
         ("follow_up", c.followUp)]
    }

    static func recordContactHistory(_ db: Database, contact: Int64, at: String, actor: String, field: String,
                                     old: String?, new: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO contact_history(contact_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [contact, at, actor, field, old, new])
        let child = try Int64.fetchOne(db.cachedStatement(sql: "SELECT child_id FROM contact WHERE id = ?"), arguments: [contact])
        try AuditChain.append(db, at: at, actor: actor, action: .write, entity: "contact", entityID: contact, childID: child,
                              field: field, old: old, new: new)
    }
}
