import Domain
import Foundation
import GRDB

/// One pairing as the pairings spreadsheet writes it: the child and mentor by what identifies them in files.
public struct PairingExportRow: Equatable, Sendable {
    public var childName: String
    public var childIDNumber: String?
    public var childBirthDate: LocalDate?
    public var mentorName: String
    public var mentorPhone: String
    public var role: PairRole
    public var start: LocalDate
    public var end: LocalDate?
    public var endReason: PairingEndReason?
    public var overrideReason: String?

    public init(childName: String, childIDNumber: String?, childBirthDate: LocalDate?, mentorName: String, mentorPhone: String,
                role: PairRole, start: LocalDate, end: LocalDate? = nil, endReason: PairingEndReason? = nil,
                overrideReason: String? = nil) {
        self.childName = childName; self.childIDNumber = childIDNumber; self.childBirthDate = childBirthDate
        self.mentorName = mentorName; self.mentorPhone = mentorPhone; self.role = role; self.start = start
        self.end = end; self.endReason = endReason; self.overrideReason = overrideReason
    }
}

/// What a pairing card (爱心结对卡) shows of an active pairing. The child's ID number is deliberately
/// not here: the card is handed to the two parties and must not carry it.
public struct PairingCardRecord: Equatable, Sendable {
    public var pairingID: Int64
    public var role: PairRole
    public var start: LocalDate
    public var childName: String
    public var childSex: Sex?
    public var childBirthDate: LocalDate?
    public var school: String?
    public var className: String?
    public var grid: String?
    public var address: String
    public var guardianName: String?
    public var guardianRelation: GuardianRelation?
    public var guardianPhone: String?
    public var mentorName: String
    public var mentorRole: MentorRole
    public var mentorPhone: String
    public var mentorOrganisation: String

    public init(pairingID: Int64, role: PairRole, start: LocalDate, childName: String, childSex: Sex?, childBirthDate: LocalDate?,
                school: String?, className: String?, grid: String?, address: String, guardianName: String?,
                guardianRelation: GuardianRelation?, guardianPhone: String?, mentorName: String, mentorRole: MentorRole,
                mentorPhone: String, mentorOrganisation: String) {
        self.pairingID = pairingID; self.role = role; self.start = start; self.childName = childName; self.childSex = childSex
        self.childBirthDate = childBirthDate; self.school = school; self.className = className; self.grid = grid
        self.address = address; self.guardianName = guardianName; self.guardianRelation = guardianRelation
        self.guardianPhone = guardianPhone; self.mentorName = mentorName; self.mentorRole = mentorRole
        self.mentorPhone = mentorPhone; self.mentorOrganisation = mentorOrganisation
    }
}

extension AppDatabase {
    /// Every mentor, active and left, for export: one query, in the list's order (pinyin of the name, then id).
    public func mentorsForExport() throws -> [Mentor] {
        try writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.id, m.name, m.role, m.phone, m.organisation, g.name, m.capacity, m.status, m.left_on
                FROM mentor m LEFT JOIN grid g ON g.id = m.grid_id
                ORDER BY m.name_sort, m.id
                """).map { r in
                Mentor(id: r[0], name: r[1], role: MentorRole(rawValue: r[2]) ?? .volunteer, phone: r[3], organisation: r[4],
                       gridName: r[5], capacity: r[6], status: MentorStatus(rawValue: r[7]) ?? .active,
                       leftOn: (r[8] as String?).flatMap { LocalDate(parsing: $0) })
            }
        }
    }

    /// Every pairing, active and ended, for export: one query. Ordered by the child as the roster export
    /// orders children (active files first, pinyin, id), then start date, pair role and mentor phone, so a
    /// database rebuilt from the exported files exports the same rows in the same order.
    public func pairingsForExport() throws -> [PairingExportRow] {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT c.name, c.id_number, c.birth_date, m.name, m.phone, p.pair_role, p.start_date, p.end_date, p.end_reason,
                       p.override_reason
                FROM pairing p JOIN child c ON c.id = p.child_id JOIN mentor m ON m.id = p.mentor_id
                ORDER BY c.status = 'archived', c.name_sort, c.id, p.start_date, p.pair_role, replace(m.phone, '-', ''),
                         p.end_date IS NULL, p.end_date, p.id
                """)
            var out: [PairingExportRow] = []
            while let r = try rows.next() {
                guard let start = LocalDate(parsing: r[6] as String) else { continue }
                out.append(PairingExportRow(
                    childName: r[0], childIDNumber: (r[1] as String?).flatMap { $0.isEmpty ? nil : $0 },
                    childBirthDate: (r[2] as String?).flatMap { LocalDate(parsing: $0) }, mentorName: r[3], mentorPhone: r[4],
                    role: PairRole(rawValue: r[5]) ?? .primary, start: start,
                    end: (r[7] as String?).flatMap { LocalDate(parsing: $0) },
                    endReason: (r[8] as String?).flatMap(PairingEndReason.init(rawValue:)), overrideReason: r[9]))
            }
            return out
        }
    }

    /// The active pairings with what their cards show, in one query: by the child's grid, the child
    /// (pinyin, id), then primary mentor, class teacher, student helper.
    public func pairingCards() throws -> [PairingCardRecord] {
        try writer.read { db in
            let rows = try Row.fetchCursor(db, sql: """
                SELECT p.id, p.pair_role, p.start_date, c.name, c.sex, c.birth_date, s.name, k.name, gr.name, h.address,
                       gu.name, c.guardian_relation, gu.phone, m.name, m.role, m.phone, m.organisation
                FROM pairing p
                JOIN child c ON c.id = p.child_id
                JOIN mentor m ON m.id = p.mentor_id
                LEFT JOIN school_class k ON k.id = c.school_class_id
                LEFT JOIN school s ON s.id = k.school_id
                LEFT JOIN grid gr ON gr.id = c.grid_id
                LEFT JOIN household h ON h.id = c.household_id
                LEFT JOIN guardian gu ON gu.id = c.guardian_id
                WHERE p.end_date IS NULL
                ORDER BY gr.name IS NULL, gr.name, c.name_sort, c.id,
                         CASE p.pair_role WHEN 'primary' THEN 0 WHEN 'class_teacher' THEN 1 ELSE 2 END, m.name_sort, p.id
                """)
            var cards: [PairingCardRecord] = []
            while let r = try rows.next() {
                guard let start = LocalDate(parsing: r[2] as String) else { continue }
                cards.append(PairingCardRecord(
                    pairingID: r[0], role: PairRole(rawValue: r[1]) ?? .primary, start: start, childName: r[3],
                    childSex: (r[4] as String?).flatMap(Sex.init(rawValue:)),
                    childBirthDate: (r[5] as String?).flatMap { LocalDate(parsing: $0) }, school: r[6], className: r[7],
                    grid: r[8], address: r[9] ?? "", guardianName: r[10],
                    guardianRelation: (r[11] as String?).flatMap(GuardianRelation.init(rawValue:)), guardianPhone: r[12],
                    mentorName: r[13], mentorRole: MentorRole(rawValue: r[14]) ?? .volunteer, mentorPhone: r[15],
                    mentorOrganisation: r[16]))
            }
            return cards
        }
    }
}
