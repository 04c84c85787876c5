import Domain
import Foundation
import GRDB

/// Why a mentor or pairing write was refused. The store enforces these rules itself (with the schema's
/// indexes and triggers behind it), so every caller — form, import, script — gets the same answer.
/// The interface words each case from its string catalog; `description` is English, for logs and tests.
public enum PairingError: Error, Equatable, CustomStringConvertible {
    /// The mentor already has `current` active pairings and may have `limit`; pass an override reason to exceed it.
    case capacityReached(limit: Int, current: Int)
    /// A mentor's capacity cannot be lowered below the children they have now.
    case capacityBelowLoad(capacity: Int, load: Int)
    /// The child has an active primary mentor; reassign instead.
    case childAlreadyHasPrimary
    /// This child and mentor are already paired in that role.
    case alreadyPaired
    case unknownChild
    case unknownMentor
    case unknownPairing
    case childArchived
    case mentorLeft
    case endBeforeStart
    case alreadyEnded
    /// Another mentor has this phone number (it identifies mentors in files).
    case duplicatePhone
    case invalidPhone

    public var description: String {
        switch self {
        case let .capacityReached(limit, current):
            return "capacity reached: the mentor has \(current) children and the limit is \(limit) (give a reason to override)"
        case let .capacityBelowLoad(capacity, load):
            return "capacity \(capacity) is below the \(load) children this mentor has now; end or reassign pairings first"
        case .childAlreadyHasPrimary: return "the child already has a primary mentor; reassign instead"
        case .alreadyPaired: return "this child and mentor are already paired in that role"
        case .unknownChild: return "no such child"
        case .unknownMentor: return "no such mentor"
        case .unknownPairing: return "no such pairing"
        case .childArchived: return "the child's file is archived; restore it before pairing"
        case .mentorLeft: return "the mentor has left the programme"
        case .endBeforeStart: return "the end date is before the start date"
        case .alreadyEnded: return "the pairing has already ended"
        case .duplicatePhone: return "another mentor already has this phone number"
        case .invalidPhone: return "the phone number is not a valid mobile (11 digits) or landline (0xx-xxxxxxx)"
        }
    }
}

extension AppDatabase {
    /// Pairs a child with a mentor from `start`, in one transaction, and returns the pairing's id.
    ///
    /// Refused: unknown or archived child, unknown mentor or one who has left, the same pair already
    /// active, a second active primary mentor (`childAlreadyHasPrimary`), and a mentor at capacity
    /// (`capacityReached`) unless `overrideReason` is given. The reason is recorded only when it was
    /// needed, so `capacityOverrides()` lists real overrides.
    @discardableResult
    public func pair(child: Int64, mentor: Int64, role: PairRole, start: LocalDate, overrideReason: String? = nil,
                     actor: String, timestamp: String) throws -> Int64 {
        try writer.write { db in
            try Self.insertPairing(db, child: child, mentor: mentor, role: role, start: start, overrideReason: overrideReason,
                                   actor: actor, timestamp: timestamp)
        }
    }

    /// Ends a pairing on `date` with a reason (pairings are never deleted).
    public func endPairing(id: Int64, on date: LocalDate, reason: PairingEndReason, actor: String, timestamp: String) throws {
        try writer.write { db in
            guard let r = try Row.fetchOne(db, sql: "SELECT start_date, end_date FROM pairing WHERE id = ?", arguments: [id]) else {
                throw PairingError.unknownPairing
            }
            guard (r["end_date"] as String?) == nil else { throw PairingError.alreadyEnded }
            try Self.endPairing(db, id: id, start: r["start_date"], on: date, reason: reason, actor: actor, timestamp: timestamp)
        }
    }

    /// Gives a child a new primary mentor in ONE transaction: the active primary pairing (if any) ends on
    /// `start` with reason `reassigned` and the new one starts that day. If any rule refuses the new
    /// pairing, nothing changes and the old pairing stays active. Returns the new pairing's id.
    @discardableResult
    public func reassign(child: Int64, to mentor: Int64, start: LocalDate, overrideReason: String? = nil,
                         actor: String, timestamp: String) throws -> Int64 {
        try writer.write { db in
            if let current = try Row.fetchOne(db, sql: """
                SELECT id, mentor_id, start_date FROM pairing WHERE child_id = ? AND pair_role = 'primary' AND end_date IS NULL
                """, arguments: [child]) {
                guard (current["mentor_id"] as Int64) != mentor else { throw PairingError.alreadyPaired }
                try Self.endPairing(db, id: current["id"], start: current["start_date"], on: start, reason: .reassigned,
                                    actor: actor, timestamp: timestamp)
            }
            return try Self.insertPairing(db, child: child, mentor: mentor, role: .primary, start: start,
                                          overrideReason: overrideReason, actor: actor, timestamp: timestamp)
        }
    }

    /// Ends every active pairing of a child on `date` with reason `child_archived`; call it when archiving
    /// a file. Returns how many ended. Does not look at the child's status, so it may run before or after
    /// `archiveChild` (inside that transaction, use `endChildPairings(_:child:on:reason:actor:timestamp:)`).
    @discardableResult
    public func endPairingsOfArchivedChild(id: Int64, on date: LocalDate, actor: String, timestamp: String) throws -> Int {
        try writer.write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM child WHERE id = ?", arguments: [id]) != nil else {
                throw PairingError.unknownChild
            }
            return try Self.endChildPairings(db, child: id, on: date, reason: .childArchived, actor: actor, timestamp: timestamp)
        }
    }
}

// MARK: - Writes inside an open transaction

extension AppDatabase {
    static func insertPairing(_ db: Database, child: Int64, mentor: Int64, role: PairRole, start: LocalDate,
                              overrideReason: String?, actor: String, timestamp: String) throws -> Int64 {
        guard let childStatus = try String.fetchOne(db, sql: "SELECT status FROM child WHERE id = ?", arguments: [child]) else {
            throw PairingError.unknownChild
        }
        guard childStatus == ChildStatus.active.rawValue else { throw PairingError.childArchived }
        guard let m = try Row.fetchOne(db, sql: "SELECT status, capacity FROM mentor WHERE id = ?", arguments: [mentor]) else {
            throw PairingError.unknownMentor
        }
        guard (m["status"] as String) == MentorStatus.active.rawValue else { throw PairingError.mentorLeft }
        if try Bool.fetchOne(db, sql: """
            SELECT 1 FROM pairing WHERE child_id = ? AND mentor_id = ? AND pair_role = ? AND end_date IS NULL
            """, arguments: [child, mentor, role.rawValue]) != nil {
            throw PairingError.alreadyPaired
        }
        if role == .primary, try Bool.fetchOne(db, sql: """
            SELECT 1 FROM pairing WHERE child_id = ? AND pair_role = 'primary' AND end_date IS NULL
            """, arguments: [child]) != nil {
            throw PairingError.childAlreadyHasPrimary
        }
        let limit: Int = m["capacity"]
        let load = try mentorLoad(db, id: mentor)
        let reason = overrideReason?.trimmingCharacters(in: .whitespacesAndNewlines)
        var recorded: String? = nil
        if load >= limit {
            guard let reason, !reason.isEmpty else { throw PairingError.capacityReached(limit: limit, current: load) }
            recorded = reason
        }
        try mapConstraint(capacity: .capacityReached(limit: limit, current: load)) {
            try db.execute(sql: """
                INSERT INTO pairing(child_id, mentor_id, pair_role, start_date, override_reason, created_at, actor)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [child, mentor, role.rawValue, start.description, recorded, timestamp, actor])
        }
        let id = db.lastInsertedRowID
        try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "pairing", entityID: id, childID: child,
                              field: "created", old: nil,
                              new: AuditChain.pairingValue(mentor: mentor, role: role.rawValue, start: start.description))
        if let recorded {
            try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "pairing", entityID: id, childID: child,
                                  field: "override_reason", old: nil, new: recorded)
        }
        return id
    }

    static func endPairing(_ db: Database, id: Int64, start: String, on date: LocalDate, reason: PairingEndReason,
                           actor: String, timestamp: String) throws {
        guard date.description >= start else { throw PairingError.endBeforeStart }
        try mapConstraint {
            try db.execute(sql: """
                UPDATE pairing SET end_date = ?, end_reason = ?, ended_at = ?, ended_by = ? WHERE id = ? AND end_date IS NULL
                """, arguments: [date.description, reason.rawValue, timestamp, actor, id])
        }
        guard db.changesCount > 0 else { return }
        let child = try Int64.fetchOne(db.cachedStatement(sql: "SELECT child_id FROM pairing WHERE id = ?"), arguments: [id])
        try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "pairing", entityID: id, childID: child,
                              field: "end_date", old: nil, new: date.description + " " + reason.rawValue)
    }

    /// Ends a mentor's active pairings on `date` (reason `mentor_left`); returns how many.
    @discardableResult
    static func endMentorPairings(_ db: Database, mentor: Int64, on date: LocalDate, actor: String, timestamp: String) throws -> Int {
        try endPairings(db, whereSQL: "mentor_id = ?", id: mentor, on: date, reason: .mentorLeft, actor: actor, timestamp: timestamp)
    }

    /// Ends a child's active pairings on `date` with `reason`; returns how many. For use inside another
    /// write (archiving a file, moving away) so the child and its pairings change together.
    @discardableResult
    static func endChildPairings(_ db: Database, child: Int64, on date: LocalDate, reason: PairingEndReason,
                                 actor: String, timestamp: String) throws -> Int {
        try endPairings(db, whereSQL: "child_id = ?", id: child, on: date, reason: reason, actor: actor, timestamp: timestamp)
    }

    private static func endPairings(_ db: Database, whereSQL: String, id: Int64, on date: LocalDate, reason: PairingEndReason,
                                    actor: String, timestamp: String) throws -> Int {
        let active = try Row.fetchAll(db, sql: "SELECT id, start_date FROM pairing WHERE \(whereSQL) AND end_date IS NULL",
                                      arguments: [id])
        for p in active {
            try endPairing(db, id: p["id"], start: p["start_date"], on: date, reason: reason, actor: actor, timestamp: timestamp)
        }
        return active.count
    }

    /// Runs `body`, turning the schema's constraint failures into `PairingError`s (for writes that slipped
    /// past the checks above, e.g. two processes writing at once).
    static func mapConstraint<T>(capacity: PairingError? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            let message = error.message ?? ""
            let known: [(String, PairingError)] = [
                ("mentor.phone", .duplicatePhone),
                ("pairing: child is archived", .childArchived),
                ("pairing: mentor has left", .mentorLeft),
                ("pairing.child_id, pairing.mentor_id, pairing.pair_role", .alreadyPaired),
                ("UNIQUE constraint failed: pairing.child_id", .childAlreadyHasPrimary),
                ("end_date >= start_date", .endBeforeStart),
            ]
            if message.contains("pairing: mentor capacity reached") { throw capacity ?? StorageError.refused(.pairingCapacityReached) }
            if let hit = known.first(where: { message.contains($0.0) }) { throw hit.1 }
            throw error
        }
    }
}
