import Domain
import Foundation
import GRDB
import Scheduling

/// Who looks after a child day to day, as the year-end summary groups it.
public enum CareGroup: String, CaseIterable, Codable, Sendable {
    /// 隔代看护: a grandparent.
    case grandparents
    /// Uncle, aunt, sibling or another relative.
    case relatives
    /// The parent at home (one parent away, the other cannot act alone as guardian).
    case parents
    /// A teacher, neighbour or other entrusted person.
    case others
    case unknown

    public init(_ relation: GuardianRelation?) {
        guard let relation else { self = .unknown; return }
        if relation.isGrandparent { self = .grandparents; return }
        switch relation {
        case .uncleOrAunt, .sibling, .otherRelative: self = .relatives
        case .father, .mother: self = .parents
        default: self = .others
        }
    }
}

/// What a report needs to know about one child, read in one pass over the roster.
public struct ChildFact: Equatable, Sendable {
    public var id: Int64
    public var sex: Sex?
    public var birth: LocalDate?
    public var type: LeftBehindType?
    public var care: CareGroup
    public var hardship: Bool
    public var disability: Bool
    /// Required fields of a complete file (建档) that are missing.
    public var missing: [ChildField]
    /// The day the file was created (the date part of `created_at`).
    public var created: LocalDate?
    /// Set when archived: the day and the reason.
    public var archivedOn: LocalDate?
    public var archiveReason: ArchiveReason?
    public var grid: String?

    /// On the roster at the end of the period: not archived on or before that day.
    public func isActive(at day: LocalDate) -> Bool { archivedOn.map { $0 > day } ?? true }

    public func age(at day: LocalDate) -> Int? { birth.map { $0.age(on: day) } }
}

/// A group of children behind a figure: what a bar of the reports screen drills into.
public enum ChildSlice: Hashable, Sendable {
    /// Every child on the roster at the period's end.
    case all
    case sex(Sex?)
    /// nil: no birth date, or an age outside every band.
    case ageBand(AgeBand?)
    case leftBehind(LeftBehindType?)
    case care(CareGroup)
    case hardship
    case disability
    /// Files created in the period (on the roster or not).
    case added
    /// Archived in the period (any reason when nil).
    case archived(ArchiveReason?)
    /// Missing a required field (any when nil).
    case incomplete(ChildField?)
    /// Without an active primary mentor at the period's end.
    case uncovered

    /// Whether the child belongs to the slice for the period. `covered` are the children with a
    /// primary mentor at the period's end; `bands` the report's age bands.
    public func contains(_ c: ChildFact, _ period: ReportPeriod, bands: [AgeBand], covered: Set<Int64>) -> Bool {
        let end = period.end
        switch self {
        case .added: return c.created.map { period.start <= $0 && $0 <= end } ?? false
        case .archived(let reason):
            guard let on = c.archivedOn, period.start <= on, on <= end else { return false }
            return reason == nil || c.archiveReason == reason
        default: break
        }
        guard c.isActive(at: end) else { return false }
        switch self {
        case .all: return true
        case .sex(let s): return c.sex == s
        case .ageBand(let band):
            let age = c.age(at: end)
            let found = age.flatMap { a in bands.first { $0.low <= a && a <= $0.high } }
            return found == band
        case .leftBehind(let t): return c.type == t
        case .care(let g): return c.care == g
        case .hardship: return c.hardship
        case .disability: return c.disability
        case .incomplete(let field): return field.map(c.missing.contains) ?? !c.missing.isEmpty
        case .uncovered: return !covered.contains(c.id)
        case .added, .archived: return false
        }
    }
}

extension AppDatabase {
    /// One line per child (archived ones included) with what reports count, in id order.
    public func childFacts() throws -> [ChildFact] {
        try writer.read { db in try Self.childFacts(db) }
    }

    static func childFacts(_ db: Database) throws -> [ChildFact] {
        // Dates as day numbers and presence tests as 0/1 are computed by SQLite: a county's 100,000 rows
        // then decode without a string per field.
        func day(_ column: String) -> String { "CAST(julianday(\(column)) - 2440587.5 AS INTEGER)" }
        let grids = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, name FROM grid").map { ($0[0] as Int64, $0[1] as String) })
        let rows = try Row.fetchCursor(db, sql: """
            SELECT c.id, c.sex, \(day("c.birth_date")), c.left_behind_type, c.guardian_relation, c.hardship, c.disability,
                   coalesce(c.id_number, '') <> '', c.guardian_id IS NOT NULL, coalesce(gd.phone, '') <> '', coalesce(h.address, '') <> '',
                   \(day("substr(c.created_at, 1, 10)")), \(day("c.archived_on")), c.archive_reason, c.grid_id
            FROM child c LEFT JOIN guardian gd ON gd.id = c.guardian_id LEFT JOIN household h ON h.id = c.household_id
            ORDER BY c.id
            """)
        var out: [ChildFact] = []
        let relations = Dictionary(uniqueKeysWithValues: GuardianRelation.allCases.map { ($0.rawValue, $0) })
        func date(_ n: Int?) -> LocalDate? { n.map { LocalDate(dayNumber: $0) } }
        while let r = try rows.next() {
            let sex = (r[1] as String?).flatMap(Sex.init(rawValue:))
            let birth = date(r[2])
            let type = (r[3] as String?).flatMap(LeftBehindType.init(rawValue:))
            let relation = (r[4] as String?).flatMap { relations[$0] }
            var missing: [ChildField] = []
            if !(r[7] as Bool) { missing.append(.idNumber) }
            if birth == nil { missing.append(.birthDate) }
            if sex == nil { missing.append(.sex) }
            if !(r[8] as Bool) { missing.append(.guardianName) }
            if !(r[9] as Bool) { missing.append(.guardianPhone) }
            if !(r[10] as Bool) { missing.append(.address) }
            if type == nil { missing.append(.leftBehindType) }
            out.append(ChildFact(
                id: r[0], sex: sex, birth: birth, type: type, care: CareGroup(relation), hardship: (r[5] as Int? ?? 0) != 0,
                disability: (r[6] as Int? ?? 0) != 0, missing: missing, created: date(r[11]), archivedOn: date(r[12]),
                archiveReason: (r[13] as String?).flatMap(ArchiveReason.init(rawValue:)), grid: (r[14] as Int64?).flatMap { grids[$0] }))
        }
        return out
    }

    /// Children with a primary mentor on `day` (paired on or before it, not ended before it).
    public func childrenWithPrimaryMentor(on day: LocalDate) throws -> Set<Int64> {
        try writer.read { db in
            Set(try Int64.fetchAll(db, sql: """
                SELECT DISTINCT child_id FROM pairing
                WHERE pair_role = 'primary' AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
                """, arguments: [day.description, day.description]))
        }
    }
}
