import Domain
import GRDB
import Scheduling

/// Why the store refused a write, as data: the interface words each case from its string catalog,
/// so no English sentence of this layer reaches a person reading Chinese. `description` is English,
/// for logs and tests.
///
/// Thrown as `StorageError.refused(_:)`. `StorageRefusal(error)` also recognises the schema's own
/// refusals — the triggers' `RAISE(ABORT, 'pairing: …')` and `'audit: …'` messages and SQLite's
/// constraint failures — for a write that slipped past the store's checks (two processes at once,
/// a bug), so their SQL wording is never shown either.
public enum StorageRefusal: Equatable, Sendable, CustomStringConvertible {
    /// A child's or a mentor's name is empty (or only spaces).
    case emptyName
    /// A growth note is empty.
    case emptyNote
    /// A capacity (a mentor's, or a role's default) below zero.
    case negativeCapacity
    /// A mentor marked as left needs the day they left.
    case leftOnRequired
    /// No child with that id (deleted or purged meanwhile).
    case unknownChild
    /// A semester's id or dates break a rule of the terms.
    case semester(SemesterRefusal)
    /// The schema's pairing trigger: the child's file is archived.
    case pairingChildArchived
    /// The schema's pairing trigger: the mentor has left.
    case pairingMentorLeft
    /// The schema's pairing trigger: the mentor is at capacity and no override reason was given.
    case pairingCapacityReached
    /// The audit trail's trigger: its entries are never changed.
    case auditEntryChanged
    /// The audit trail's trigger: its entries are never deleted.
    case auditEntryDeleted
    /// Another rule of the schema (a unique index, a reference, a check); which table or column is
    /// not said, as SQLite's message would.
    case constraint(Constraint)

    /// The kinds of SQLite constraint failure.
    public enum Constraint: String, CaseIterable, Equatable, Sendable {
        case unique, foreignKey = "foreign_key", check, notNull = "not_null", other
    }

    public var description: String {
        switch self {
        case .emptyName: return "name: empty"
        case .emptyNote: return "note: empty"
        case .negativeCapacity: return "capacity: negative"
        case .leftOnRequired: return "left_on: required when the mentor has left"
        case .unknownChild: return "id: no such child"
        case .semester(let r): return "semester: \(r)"
        case .pairingChildArchived: return "pairing: child is archived"
        case .pairingMentorLeft: return "pairing: mentor has left"
        case .pairingCapacityReached: return "pairing: mentor capacity reached"
        case .auditEntryChanged: return "audit: entries are never changed"
        case .auditEntryDeleted: return "audit: entries are never deleted"
        case .constraint(let c): return "constraint failed: \(c.rawValue)"
        }
    }

    /// The refusal behind `error`: a `StorageError.refused`, or a constraint failure of SQLite (the
    /// schema's triggers by their message). Nil for anything else (a fault, a bug).
    public init?(_ error: any Error) {
        if case let .refused(r)? = error as? StorageError { self = r; return }
        guard let e = error as? DatabaseError, e.resultCode == .SQLITE_CONSTRAINT else { return nil }
        let message = e.message ?? ""
        let triggers: [(String, StorageRefusal)] = [
            ("pairing: child is archived", .pairingChildArchived),
            ("pairing: mentor has left", .pairingMentorLeft),
            ("pairing: mentor capacity reached", .pairingCapacityReached),
            ("audit: entries are never changed", .auditEntryChanged),
            ("audit: entries are never deleted", .auditEntryDeleted),
        ]
        if let hit = triggers.first(where: { message.contains($0.0) }) { self = hit.1; return }
        switch e.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY: self = .constraint(.unique)
        case .SQLITE_CONSTRAINT_FOREIGNKEY: self = .constraint(.foreignKey)
        case .SQLITE_CONSTRAINT_CHECK: self = .constraint(.check)
        case .SQLITE_CONSTRAINT_NOTNULL: self = .constraint(.notNull)
        default: self = .constraint(.other)
        }
    }
}

/// Why a semester's id or dates were refused (see `AppDatabase.setSemester`), with the dates at fault.
public enum SemesterRefusal: Equatable, Sendable, CustomStringConvertible {
    /// Not an id like `2026-autumn` or `2027-spring` with a year in `years`.
    case badID(String, years: ClosedRange<Int>)
    /// The term's last day is before its first.
    case endsBeforeStart(Semester)
    /// The term's year is outside the years this program handles.
    case outsideYears(Semester)
    /// The first day is outside the season of its kind of term.
    case startOutside(Semester, earliest: LocalDate, latest: LocalDate)
    /// The last day is later than a term of its kind may run.
    case endsTooLate(Semester, lastEnd: LocalDate)
    /// The dates overlap another stored term.
    case overlaps(Semester, other: Semester)

    public var description: String {
        switch self {
        case let .badID(id, years):
            return "'\(id)' is not a semester id; use one like 2026-autumn or 2027-spring (years \(years.lowerBound)–\(years.upperBound))"
        case let .endsBeforeStart(s): return "\(s.id) cannot end (\(s.end)) before it starts (\(s.start))"
        case let .outsideYears(s): return "\(s.id) is outside the years this program handles"
        case let .startOutside(s, earliest, latest): return "\(s.id) must start between \(earliest) and \(latest), not on \(s.start)"
        case let .endsTooLate(s, lastEnd): return "\(s.id) must end by \(lastEnd), not on \(s.end)"
        case let .overlaps(s, other):
            return "\(s.id) (\(s.start) – \(s.end)) would overlap \(other.id) (\(other.start) – \(other.end)); change that semester's dates first"
        }
    }
}
