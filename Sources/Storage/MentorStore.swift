import Domain
import Foundation
import GRDB

/// Which mentors the registry lists.
public struct MentorFilter: Hashable, Sendable {
    public var role: MentorRole?
    /// Grid name (网格), exact.
    public var grid: String?
    /// Only mentors with fewer active pairings than their capacity.
    public var freeCapacityOnly: Bool
    /// Also list mentors who have left (the default lists active mentors only).
    public var includeLeft: Bool

    public init(role: MentorRole? = nil, grid: String? = nil, freeCapacityOnly: Bool = false, includeLeft: Bool = false) {
        self.role = role; self.grid = grid; self.freeCapacityOnly = freeCapacityOnly; self.includeLeft = includeLeft
    }

    public var isEmpty: Bool { self == MentorFilter() }
}

/// One line of the mentors list.
public struct MentorRow: Equatable, Sendable {
    public var id: Int64
    public var name: String
    public var role: MentorRole
    public var phone: String
    public var organisation: String
    public var gridName: String?
    public var capacity: Int
    /// Active pairings of any pair role (what counts against `capacity`).
    public var load: Int
    public var status: MentorStatus
    public var leftOn: LocalDate?
    /// The date of the mentor's latest recorded contact with any child.
    public var lastContact: LocalDate?

    public init(id: Int64, name: String, role: MentorRole, phone: String, organisation: String, gridName: String?,
                capacity: Int, load: Int, status: MentorStatus, leftOn: LocalDate?, lastContact: LocalDate? = nil) {
        self.id = id; self.name = name; self.role = role; self.phone = phone; self.organisation = organisation
        self.gridName = gridName; self.capacity = capacity; self.load = load; self.status = status; self.leftOn = leftOn
        self.lastContact = lastContact
    }

    /// Places left (0 when full or over capacity through an override).
    public var freeCapacity: Int { max(0, capacity - load) }
}

extension AppDatabase {
    /// Adds a mentor in one transaction and returns its id. The phone must be valid (`Phone.isValid`) and
    /// not used by another mentor. `mentor.capacity` is stored as given: fill it from `capacity(for:)`
    /// when the form or file leaves it blank (the Domain default ignores the community's rules).
    @discardableResult
    public func addMentor(_ mentor: Mentor, source: String = "form", actor: String, timestamp: String) throws -> Int64 {
        let m = try Self.normalized(mentor)
        return try writer.write { db in
            try Self.refuseDuplicatePhone(db, m.phone, excluding: nil)
            let keys = PinyinKeys(name: m.name)
            try Self.mapConstraint {
                try db.execute(sql: """
                    INSERT INTO mentor(name, name_pinyin, name_initials, name_sort, search_extra, role, phone, organisation,
                        grid_id, capacity, status, left_on, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [m.name, keys.full, keys.initials, keys.spaced + " " + m.name, Self.searchExtra(m),
                                     m.role.rawValue, m.phone, m.organisation, try Self.gridID(db, m.gridName), m.capacity,
                                     m.status.rawValue, m.leftOn?.description, timestamp, timestamp])
            }
            let id = db.lastInsertedRowID
            try Self.recordMentorHistory(db, mentor: id, at: timestamp, actor: actor, field: "created", old: nil, new: source)
            return id
        }
    }

    /// Saves changes to a mentor in one transaction and returns the new version. Refuses with `SaveConflict`
    /// when `expectedVersion` is given and someone saved since. Each changed field goes to the history.
    /// Setting `status` to `.left` ends the mentor's pairings on `leftOn` like `markMentorLeft`; lowering
    /// the capacity below the current load is refused (`capacityBelowLoad`).
    @discardableResult
    public func updateMentor(_ mentor: Mentor, id: Int64, expectedVersion: Int?, actor: String, timestamp: String) throws -> Int {
        let m = try Self.normalized(mentor)
        return try writer.write { db in
            guard let old = try Self.mentor(db, id: id),
                  let version = try Int.fetchOne(db, sql: "SELECT version FROM mentor WHERE id = ?", arguments: [id]) else {
                throw PairingError.unknownMentor
            }
            if let expectedVersion, expectedVersion != version { throw SaveConflict(currentVersion: version) }
            try Self.refuseDuplicatePhone(db, m.phone, excluding: id)
            let load = try Self.mentorLoad(db, id: id)
            if m.capacity < old.capacity, m.capacity < load { throw PairingError.capacityBelowLoad(capacity: m.capacity, load: load) }
            if old.status == .active, m.status == .left, let on = m.leftOn {
                try Self.endMentorPairings(db, mentor: id, on: on, actor: actor, timestamp: timestamp)
            }
            let keys = PinyinKeys(name: m.name)
            try Self.mapConstraint {
                try db.execute(sql: """
                    UPDATE mentor SET name = ?, name_pinyin = ?, name_initials = ?, name_sort = ?, search_extra = ?, role = ?,
                        phone = ?, organisation = ?, grid_id = ?, capacity = ?, status = ?, left_on = ?,
                        version = version + 1, updated_at = ?
                    WHERE id = ?
                    """, arguments: [m.name, keys.full, keys.initials, keys.spaced + " " + m.name, Self.searchExtra(m),
                                     m.role.rawValue, m.phone, m.organisation, try Self.gridID(db, m.gridName), m.capacity,
                                     m.status.rawValue, m.status == .left ? m.leftOn?.description : nil, timestamp, id])
            }
            for ((field, was), (_, now)) in zip(Self.fieldValues(old), Self.fieldValues(m)) where was != now {
                try Self.recordMentorHistory(db, mentor: id, at: timestamp, actor: actor, field: field, old: was, new: now)
            }
            return version + 1
        }
    }

    /// Records that a mentor left on `date` and, in the same transaction, ends each of their active
    /// pairings on that date with reason `mentor_left`. Returns how many pairings ended.
    /// Refuses `mentorLeft` when already left and `endBeforeStart` when a pairing starts after `date`.
    @discardableResult
    public func markMentorLeft(id: Int64, on date: LocalDate, actor: String, timestamp: String) throws -> Int {
        try writer.write { db in
            guard let status = try String.fetchOne(db, sql: "SELECT status FROM mentor WHERE id = ?", arguments: [id]) else {
                throw PairingError.unknownMentor
            }
            guard status == MentorStatus.active.rawValue else { throw PairingError.mentorLeft }
            let ended = try Self.endMentorPairings(db, mentor: id, on: date, actor: actor, timestamp: timestamp)
            try db.execute(sql: """
                UPDATE mentor SET status = 'left', left_on = ?, version = version + 1, updated_at = ? WHERE id = ?
                """, arguments: [date.description, timestamp, id])
            try Self.recordMentorHistory(db, mentor: id, at: timestamp, actor: actor, field: "status", old: "active",
                                         new: "left:" + date.description)
            return ended
        }
    }

    /// The mentor's record, with their grid's name; nil when there is no such mentor.
    public func mentor(id: Int64) throws -> Mentor? {
        try writer.read { db in try Self.mentor(db, id: id) }
    }

    /// The record version of a mentor (incremented by every save), nil if there is no such mentor.
    public func mentorVersion(id: Int64) throws -> Int? {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT version FROM mentor WHERE id = ?", arguments: [id]) }
    }

    /// The mentor with this phone number (active or left), if any. Dashes are ignored.
    public func findMentor(phone: String) throws -> Int64? {
        let p = Self.compactPhone(phone)
        guard !p.isEmpty else { return nil }
        return try writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM mentor WHERE replace(phone, '-', '') = ?", arguments: [p])
        }
    }

    /// The change history of a mentor, newest first.
    public func mentorHistory(id: Int64, limit: Int = 200) throws -> [HistoryEntry] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT at, actor, field, old_value, new_value FROM mentor_history WHERE mentor_id = ? ORDER BY id DESC LIMIT ?
                """, arguments: [id, limit]).map {
                HistoryEntry(at: $0["at"], actor: $0["actor"], field: $0["field"], old: $0["old_value"], new: $0["new_value"])
            }
        }
    }

    /// How many children a new mentor of `role` may take: the community's rule (setting
    /// `capacity.<role>`) or else `MentorRole.defaultCapacity`.
    public func capacity(for role: MentorRole) throws -> Int {
        try writer.read { db in try Self.capacity(db, for: role) }
    }

    /// Sets the community's rule for `role`. Existing mentors keep their own capacity, so a new rule
    /// never puts anyone over capacity after the fact; the form and imports use it for new mentors.
    /// One audit entry in the same transaction (entity `setting`, field `capacity.<role>`, the capacity
    /// in force before — stored or the role's default — and the new one); none when it stays the same.
    @discardableResult
    public func setCapacity(_ capacity: Int, for role: MentorRole, actor: String, timestamp: String) throws -> SettingChange {
        guard capacity >= 0 else { throw StorageError.refused(.negativeCapacity) }
        return try writer.write { db in
            let old = String(try Self.capacity(db, for: role))
            let change = SettingChange(old: old, new: String(capacity))
            guard change.changed else { return change }
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [Self.capacityKey(role), String(capacity)])
            try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "setting", entityID: nil, childID: nil,
                                  field: Self.capacityKey(role), old: old, new: change.new)
            return change
        }
    }
}

// MARK: - Helpers shared by the mentor and pairing stores (inside an open transaction)

extension AppDatabase {
    static func capacityKey(_ role: MentorRole) -> String { "capacity." + role.rawValue }

    static func capacity(_ db: Database, for role: MentorRole) throws -> Int {
        let text = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [capacityKey(role)])
        if let text, let n = Int(text.trimmingCharacters(in: .whitespaces)), n >= 0 { return n }
        return role.defaultCapacity
    }

    static func compactPhone(_ s: String) -> String { s.filter { !$0.isWhitespace && $0 != "-" } }

    /// Trims the text fields and checks what the schema cannot say in plain words.
    static func normalized(_ mentor: Mentor) throws -> Mentor {
        var m = mentor
        m.name = m.name.trimmingCharacters(in: .whitespacesAndNewlines)
        m.phone = m.phone.filter { !$0.isWhitespace }
        m.organisation = m.organisation.trimmingCharacters(in: .whitespacesAndNewlines)
        m.gridName = m.gridName?.trimmingCharacters(in: .whitespaces)
        if m.gridName?.isEmpty == true { m.gridName = nil }
        guard !m.name.isEmpty else { throw StorageError.refused(.emptyName) }
        guard Phone.isValid(m.phone) else { throw PairingError.invalidPhone }
        guard m.capacity >= 0 else { throw StorageError.refused(.negativeCapacity) }
        if m.status == .left, m.leftOn == nil { throw StorageError.refused(.leftOnRequired) }
        if m.status == .active { m.leftOn = nil }
        return m
    }

    static func refuseDuplicatePhone(_ db: Database, _ phone: String, excluding: Int64?) throws {
        if try Int64.fetchOne(db, sql: "SELECT id FROM mentor WHERE replace(phone, '-', '') = ? AND id IS NOT ?",
                              arguments: [compactPhone(phone), excluding]) != nil {
            throw PairingError.duplicatePhone
        }
    }

    /// The lowercase haystack for "contains" search beyond the name: phone and organisation.
    static func searchExtra(_ m: Mentor) -> String {
        "|" + [compactPhone(m.phone), m.organisation.lowercased()].filter { !$0.isEmpty }.joined(separator: "|") + "|"
    }

    static func gridID(_ db: Database, _ name: String?) throws -> Int64? {
        guard let name = name?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return nil }
        try db.execute(sql: "INSERT INTO grid(name) VALUES (?) ON CONFLICT(name) DO NOTHING", arguments: [name])
        return try Int64.fetchOne(db, sql: "SELECT id FROM grid WHERE name = ?", arguments: [name])
    }

    static func mentor(_ db: Database, id: Int64) throws -> Mentor? {
        guard let r = try Row.fetchOne(db, sql: """
            SELECT m.*, g.name AS grid FROM mentor m LEFT JOIN grid g ON g.id = m.grid_id WHERE m.id = ?
            """, arguments: [id]) else { return nil }
        return Mentor(id: r["id"], name: r["name"], role: MentorRole(rawValue: r["role"]) ?? .volunteer, phone: r["phone"],
                      organisation: r["organisation"], gridName: r["grid"], capacity: r["capacity"],
                      status: MentorStatus(rawValue: r["status"]) ?? .active,
                      leftOn: (r["left_on"] as String?).flatMap { LocalDate(parsing: $0) })
    }

    /// Active pairings of a mentor, any pair role.
    static func mentorLoad(_ db: Database, id: Int64) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM pairing WHERE mentor_id = ? AND end_date IS NULL", arguments: [id]) ?? 0
    }

    /// The values the history compares, in a fixed order, by column-like field name.
    static func fieldValues(_ m: Mentor) -> [(String, String)] {
        [("name", m.name), ("role", m.role.rawValue), ("phone", m.phone), ("organisation", m.organisation),
         ("grid", m.gridName ?? ""), ("capacity", String(m.capacity)), ("status", m.status.rawValue),
         ("left_on", m.leftOn?.description ?? "")]
    }

    static func recordMentorHistory(_ db: Database, mentor: Int64, at: String, actor: String, field: String,
                                    old: String?, new: String?) throws {
        try db.cachedStatement(sql: """
            INSERT INTO mentor_history(mentor_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [mentor, at, actor, field, old, new])
        try AuditChain.append(db, at: at, actor: actor, action: .write, entity: "mentor", entityID: mentor, childID: nil,
                              field: field, old: old, new: new)
    }
}
