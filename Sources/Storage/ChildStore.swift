import Domain
import Foundation
import GRDB

/// Where a saved child went: its id and the home and guardian it belongs to.
public struct SavedChild: Equatable, Sendable {
    public var id: Int64
    public var household: Int64
    public var guardian: Int64?
    public var version: Int

    public init(id: Int64, household: Int64, guardian: Int64?, version: Int) {
        self.id = id; self.household = household; self.guardian = guardian; self.version = version
    }
}

/// Someone else saved the same file since it was opened (two people over SSH).
public struct SaveConflict: Error, Equatable, CustomStringConvertible {
    public var currentVersion: Int
    public var description: String { "the file was changed by someone else since it was opened (now version \(currentVersion))" }
}

/// One line of a child's change history.
public struct HistoryEntry: Equatable, Sendable {
    public var at: String
    public var actor: String
    public var field: String
    public var old: String?
    public var new: String?

    public init(at: String, actor: String, field: String, old: String?, new: String?) {
        self.at = at; self.actor = actor; self.field = field; self.old = old; self.new = new
    }
}

/// A dated note of the growth record (成长记录).
public struct GrowthRecord: Equatable, Sendable {
    public var id: Int64
    public var date: LocalDate
    public var note: String
    public var author: String

    public init(id: Int64, date: LocalDate, note: String, author: String) {
        self.id = id; self.date = date; self.note = note; self.author = author
    }
}

extension AppDatabase {
    /// The child with this ID number (active or archived), if any.
    public func findChild(idNumber: String) throws -> Int64? {
        let id = idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        guard !id.isEmpty else { return nil }
        return try writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM child WHERE id_number = ?", arguments: [id]) }
    }

    /// Children with the same name and birth date (possible duplicates), other than `excluding`.
    public func findChildren(name: String, birthDate: LocalDate, excluding: Int64? = nil) throws -> [Int64] {
        try writer.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM child WHERE name = ? AND birth_date = ? AND id IS NOT ? ORDER BY id",
                               arguments: [name.trimmingCharacters(in: .whitespaces), birthDate.description, excluding])
        }
    }

    /// The record version of a child (incremented by every save), nil if there is no such child.
    public func childVersion(id: Int64) throws -> Int? {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT version FROM child WHERE id = ?", arguments: [id]) }
    }

    /// Saves a new child in one transaction. With `household`, the child joins that home (sweep mode:
    /// siblings share it) and `guardian`; otherwise a home and guardian are created.
    public func saveNewChild(_ child: Child, household: Int64? = nil, guardian: Int64? = nil,
                             actor: String, source: String, timestamp: String) throws -> SavedChild {
        try writer.write { db in
            var w = try ChildWriter(db: db, timestamp: timestamp)
            let home = try household ?? w.insertHousehold(address: child.address, grid: child.gridName)
            var guardianID = guardian
            if guardianID == nil, let g = child.guardian { guardianID = try w.insertGuardian(g, household: home) }
            let id = try w.insertChild(child, household: home, guardian: guardianID)
            try w.recordHistory(child: id, actor: actor, field: "created", old: nil, new: source)
            return SavedChild(id: id, household: home, guardian: guardianID, version: 1)
        }
    }

    /// Saves changes to an existing child. Refuses with `SaveConflict` when `expectedVersion` is given
    /// and someone saved the file since (unless the caller chose to overwrite by passing nil).
    /// Each changed field is written to the history. Home and guardian are shared by siblings, so a
    /// changed address or guardian is the home's and applies to them too.
    public func updateChild(_ child: Child, id: Int64, expectedVersion: Int?, actor: String, timestamp: String) throws -> SavedChild {
        try writer.write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT version, household_id, guardian_id FROM child WHERE id = ?",
                                             arguments: [id]) else {
                throw StorageError.refused(.unknownChild)
            }
            let version: Int = row["version"]
            if let expectedVersion, expectedVersion != version { throw SaveConflict(currentVersion: version) }
            guard let old = try Self.child(db, id: id) else { throw StorageError.refused(.unknownChild) }
            var w = try ChildWriter(db: db, timestamp: timestamp)
            var household: Int64? = row["household_id"]
            var guardian: Int64? = row["guardian_id"]
            if household == nil { household = try w.insertHousehold(address: child.address, grid: child.gridName) }
            try db.execute(sql: "UPDATE household SET address = ?, grid_id = ? WHERE id = ?",
                           arguments: [child.address, try w.gridID(child.gridName), household])
            if let g = child.guardian {
                if let gid = guardian {
                    try w.updateGuardian(g, id: gid)
                } else {
                    guardian = try w.insertGuardian(g, household: household!)
                }
            }
            try w.updateChild(child, id: id, household: household, guardian: child.guardian == nil ? nil : guardian)
            let before = old.fieldValues(), after = child.fieldValues()
            for field in ChildField.allCases where before[field] != after[field] {
                try w.recordHistory(child: id, actor: actor, field: field.rawValue, old: before[field], new: after[field])
            }
            return SavedChild(id: id, household: household!, guardian: guardian, version: version + 1)
        }
    }

    /// Archives a file with a reason and date (never deletes it) and ends its pairings.
    public func archiveChild(id: Int64, reason: ArchiveReason, on date: LocalDate, actor: String, timestamp: String) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE child SET status = 'archived', archive_reason = ?, archived_on = ?, version = version + 1, updated_at = ?
                WHERE id = ?
                """, arguments: [reason.rawValue, date.description, timestamp, id])
            let w = try ChildWriter(db: db, timestamp: timestamp)
            try w.recordHistory(child: id, actor: actor, field: "status", old: "active", new: "archived:" + reason.rawValue)
            // An archived child is no longer owed visits: its pairings end with it, in the same transaction.
            _ = try Self.endChildPairings(db, child: id, on: date, reason: .childArchived, actor: actor, timestamp: timestamp)
        }
    }

    /// Returns an archived file to the active roster.
    public func restoreChild(id: Int64, actor: String, timestamp: String) throws {
        try writer.write { db in
            try db.execute(sql: """
                UPDATE child SET status = 'active', archive_reason = NULL, archived_on = NULL, version = version + 1, updated_at = ?
                WHERE id = ?
                """, arguments: [timestamp, id])
            let w = try ChildWriter(db: db, timestamp: timestamp)
            try w.recordHistory(child: id, actor: actor, field: "status", old: "archived", new: "active")
        }
    }

    /// The change history of a child, newest first.
    public func history(childID: Int64, limit: Int = 200) throws -> [HistoryEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, actor, field, old_value, new_value FROM child_history WHERE child_id = ? ORDER BY id DESC LIMIT ?
                """, arguments: [childID, limit]).map {
                HistoryEntry(at: $0["at"], actor: $0["actor"], field: $0["field"], old: $0["old_value"], new: $0["new_value"])
            }
        }
    }

    /// Adds a dated note to the growth record.
    @discardableResult
    public func addGrowthRecord(childID: Int64, date: LocalDate, note: String, author: String, timestamp: String) throws -> Int64 {
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw StorageError.refused(.emptyNote) }
        return try writer.write { db in
            try db.execute(sql: "INSERT INTO growth_record(child_id, date, note, author, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [childID, date.description, text, author, timestamp])
            let id = db.lastInsertedRowID
            try AuditChain.append(db, at: timestamp, actor: author, action: .write, entity: "growth_record", entityID: id,
                                  childID: childID, field: "created", old: nil, new: date.description + " " + text)
            return id
        }
    }

    /// The growth record of a child, newest first.
    public func growthRecords(childID: Int64) throws -> [GrowthRecord] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, date, note, author FROM growth_record WHERE child_id = ? ORDER BY date DESC, id DESC",
                             arguments: [childID]).compactMap { r in
                guard let d = LocalDate(parsing: r["date"] as String) else { return nil }
                return GrowthRecord(id: r["id"], date: d, note: r["note"], author: r["author"])
            }
        }
    }
}

extension ChildWriter {
    func updateGuardian(_ g: Guardian, id: Int64) throws {
        let keys = pinyinKeysUncached(g.name)
        try db.execute(sql: "UPDATE guardian SET name = ?, name_pinyin = ?, phone = ?, capacity_notes = ? WHERE id = ?",
                       arguments: [g.name, keys.full + " " + keys.initials, g.phone, g.capacityNotes, id])
    }

    func pinyinKeysUncached(_ name: String) -> PinyinKeys { PinyinKeys(name: name) }

    mutating func updateChild(_ c: Child, id: Int64, household: Int64?, guardian: Int64?) throws {
        let columns = ["household_id", "guardian_id"] + ChildWriter.fileColumns
        let args: [(any DatabaseValueConvertible)?] = [household, guardian] + (try fileValues(c)) + [timestamp, id]
        try db.execute(sql: "UPDATE child SET " + columns.map { $0 + " = ?" }.joined(separator: ", ")
                       + ", version = version + 1, updated_at = ? WHERE id = ?", arguments: StatementArguments(args))
    }
}
