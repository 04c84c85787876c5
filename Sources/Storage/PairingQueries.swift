import Domain
import Foundation
import GRDB

/// A pairing with the names a list or card shows.
public struct PairingRow: Equatable, Sendable {
    public var pairing: Pairing
    public var childName: String
    public var mentorName: String
    public var mentorRole: MentorRole
    public var mentorPhone: String
    /// Who made the pairing, and when (the write's timestamp).
    public var actor: String
    public var createdAt: String
    /// Who ended it, when it has ended.
    public var endedBy: String?

    public init(pairing: Pairing, childName: String, mentorName: String, mentorRole: MentorRole, mentorPhone: String,
                actor: String, createdAt: String, endedBy: String? = nil) {
        self.pairing = pairing; self.childName = childName; self.mentorName = mentorName; self.mentorRole = mentorRole
        self.mentorPhone = mentorPhone; self.actor = actor; self.createdAt = createdAt; self.endedBy = endedBy
    }

    public var id: Int64 { pairing.id ?? 0 }
}

/// A mentor proposed for a child, with why it ranks where it does.
public struct MentorSuggestion: Equatable, Sendable {
    public var mentor: MentorRow
    /// The mentor's grid is the child's.
    public var sameGrid: Bool

    public init(mentor: MentorRow, sameGrid: Bool) { self.mentor = mentor; self.sameGrid = sameGrid }
}

extension PairRole {
    /// The mentor roles suggested for this part in a pair: a primary mentor (爱心辅导员) is a caring mother,
    /// proxy parent, volunteer, child director or social worker; the others are a teacher and a student.
    public var suggestedMentorRoles: [MentorRole] {
        switch self {
        case .primary: return [.caringMother, .proxyParent, .volunteer, .childDirector, .socialWorker]
        case .classTeacher: return [.teacher]
        case .studentHelper: return [.studentHelper]
        }
    }
}

extension AppDatabase {
    /// Every pairing of a child, active and ended: active first, then newest start first.
    public func pairings(childID: Int64) throws -> [PairingRow] {
        try writer.read { db in try Self.pairingRows(db, where: "p.child_id = ?", [childID]) }
    }

    /// Every pairing of a mentor, active and ended: active first, then newest start first.
    public func pairings(mentorID: Int64) throws -> [PairingRow] {
        try writer.read { db in try Self.pairingRows(db, where: "p.mentor_id = ?", [mentorID]) }
    }

    /// Every pairing (the active ones only with `activeOnly`): active first, then newest start first.
    public func pairings(activeOnly: Bool) throws -> [PairingRow] {
        try writer.read { db in try Self.pairingRows(db, where: activeOnly ? "p.end_date IS NULL" : "1", []) }
    }

    /// One pairing, or nil.
    public func pairing(id: Int64) throws -> PairingRow? {
        try writer.read { db in try Self.pairingRows(db, where: "p.id = ?", [id]).first }
    }

    /// The child's active primary mentor, if any.
    public func primaryMentorID(childID: Int64) throws -> Int64? {
        try writer.read { db in
            try Int64.fetchOne(db, sql: """
                SELECT mentor_id FROM pairing WHERE child_id = ? AND pair_role = 'primary' AND end_date IS NULL
                """, arguments: [childID])
        }
    }

    /// Pairings made beyond a mentor's capacity, with the reason given, newest start first (for reports).
    public func capacityOverrides(activeOnly: Bool = false) throws -> [PairingRow] {
        try writer.read { db in
            try Self.pairingRows(db, where: "p.override_reason IS NOT NULL" + (activeOnly ? " AND p.end_date IS NULL" : ""), [],
                                 order: "p.start_date DESC, p.id DESC")
        }
    }

    /// Active children without an active primary mentor, in pinyin order.
    public func unpairedChildIDs() throws -> [Int64] {
        try writer.read { db in try Int64.fetchAll(db, sql: "SELECT c.id FROM child c WHERE \(Self.unpairedSQL) ORDER BY c.name_sort, c.id") }
    }

    /// How many active children have no active primary mentor (the number in the header).
    public func unpairedCount() throws -> Int {
        try writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM child c WHERE \(Self.unpairedSQL)") ?? 0 }
    }

    /// Condition on child alias `c`: active, no active primary pairing.
    static let unpairedSQL = """
        c.status = 'active' AND NOT EXISTS
            (SELECT 1 FROM pairing p WHERE p.child_id = c.id AND p.pair_role = 'primary' AND p.end_date IS NULL)
        """

    /// Mentors to propose when pairing a child, best first.
    ///
    /// Candidates: active mentors whose role fits `role` (`PairRole.suggestedMentorRoles`, or
    /// `mentorRoles` when given), not already actively paired with this child, and — unless
    /// `includeFull` — with free capacity. Order, key by key:
    /// 1. same grid as the child first;
    /// 2. has free capacity first (only matters with `includeFull`);
    /// 3. fewest active children first;
    /// 4. more free places first (a tie-break: ranking by the amount of room first would always put
    ///    child directors and social workers, who may take 30, ahead of volunteers, who take 2);
    /// 5. pinyin name, then id.
    public func suggestions(forChild child: Int64, role: PairRole = .primary, mentorRoles: [MentorRole]? = nil,
                            includeFull: Bool = false, limit: Int = 10) throws -> [MentorSuggestion] {
        try writer.read { db in
            guard let c = try Row.fetchOne(db, sql: "SELECT status, grid_id FROM child WHERE id = ?", arguments: [child]) else {
                throw PairingError.unknownChild
            }
            guard (c["status"] as String) == ChildStatus.active.rawValue else { throw PairingError.childArchived }
            let roles = (mentorRoles ?? role.suggestedMentorRoles).map(\.rawValue)
            guard !roles.isEmpty else { return [] }
            let grid: Int64? = c["grid_id"]
            let marks = Array(repeating: "?", count: roles.count).joined(separator: ",")
            var args: [(any DatabaseValueConvertible)?] = [grid]
            args += roles.map { $0 as (any DatabaseValueConvertible)? }
            args += [child, limit]
            let rows = try Row.fetchAll(db, sql: """
                WITH cand AS (
                    SELECT m.id, m.name_sort, m.capacity, (m.grid_id IS NOT NULL AND m.grid_id IS ?) AS same_grid,
                           \(Self.mentorLoadSQL) AS load
                    FROM mentor m
                    WHERE m.status = 'active' AND m.role IN (\(marks))
                      AND NOT EXISTS (SELECT 1 FROM pairing q WHERE q.child_id = ? AND q.mentor_id = m.id AND q.end_date IS NULL)
                )
                SELECT id, same_grid FROM cand \(includeFull ? "" : "WHERE load < capacity")
                ORDER BY same_grid DESC, load < capacity DESC, load ASC, capacity - load DESC, name_sort, id
                LIMIT ?
                """, arguments: StatementArguments(args))
            let mentors = try Self.mentorRows(db, ids: rows.map { $0["id"] })
            return zip(mentors, rows).map { MentorSuggestion(mentor: $0, sameGrid: $1["same_grid"]) }
        }
    }

    static func pairingRows(_ db: Database, where condition: String, _ args: [Int64],
                            order: String = "p.end_date IS NOT NULL, p.start_date DESC, p.id DESC") throws -> [PairingRow] {
        try Row.fetchAll(db, sql: """
            SELECT p.*, c.name AS child_name, m.name AS mentor_name, m.role AS mentor_role, m.phone AS mentor_phone
            FROM pairing p JOIN child c ON c.id = p.child_id JOIN mentor m ON m.id = p.mentor_id
            WHERE \(condition) ORDER BY \(order)
            """, arguments: StatementArguments(args)).compactMap { r in
            guard let start = LocalDate(parsing: r["start_date"] as String) else { return nil }
            let pairing = Pairing(
                id: r["id"], childID: r["child_id"], mentorID: r["mentor_id"],
                role: PairRole(rawValue: r["pair_role"]) ?? .primary, start: start,
                end: (r["end_date"] as String?).flatMap { LocalDate(parsing: $0) },
                endReason: (r["end_reason"] as String?).flatMap(PairingEndReason.init(rawValue:)),
                overrideReason: r["override_reason"])
            return PairingRow(pairing: pairing, childName: r["child_name"], mentorName: r["mentor_name"],
                              mentorRole: MentorRole(rawValue: r["mentor_role"]) ?? .volunteer, mentorPhone: r["mentor_phone"],
                              actor: r["actor"], createdAt: r["created_at"], endedBy: r["ended_by"])
        }
    }
}
