import Domain
import GRDB
import Scheduling

/// A semester as this community has it: its dates, and whether they were set here or are the defaults.
public struct SemesterEntry: Hashable, Sendable {
    public let semester: Semester
    /// True when the community stored these dates (`shouhu semester set`); false for the defaults.
    public let isCustom: Bool

    public init(semester: Semester, isCustom: Bool) {
        self.semester = semester; self.isCustom = isCustom
    }
}

/// Term dates per community (table `semester`, migration v3).
///
/// A term with a stored row has exactly those dates. A term without one has the defaults of
/// `Semester.standard` (autumn 1 Sep – 31 Jan, spring 1 Feb – 31 Jul), shortened where a stored
/// neighbour reaches into them, so the terms a community sees never overlap: with 2026-autumn set
/// to end on 2027-02-10, the default 2027-spring starts on 2027-02-11.
///
///     try db.setSemester(id: "2026-autumn", from: LocalDate(parsing: "2026-09-01")!, to: LocalDate(parsing: "2027-01-24")!)
///     try db.currentSemester(today: LocalDate(parsing: "2026-11-23")!).displayName   // 2026年秋季学期
extension AppDatabase {
    /// The semester `id` (`2026-autumn`) with this community's dates; throws `.invalid` for a malformed id.
    public func semester(id: String) throws -> Semester { try semesterEntry(id: id).semester }

    /// The semester `id` and whether its dates were set by the community.
    public func semesterEntry(id: String) throws -> SemesterEntry {
        let standard = try Self.parseSemesterID(id)
        return try writer.read { db in try Self.effectiveSemester(db, standard) }
    }

    /// Stores the community's dates for semester `id` and returns it.
    ///
    /// Refused with `StorageError.refused(.semester(…))`, saying why, when the id is malformed,
    /// the term ends before it starts, it starts outside its season (an autumn term of 2026 between
    /// 2026-07-01 and 2026-10-31, a spring term of 2027 between 2027-01-01 and 2027-04-30), it runs past
    /// the end of the following March (autumn) or August (spring), or it overlaps another stored term.
    ///
    /// The change goes into the audit trail in the same transaction, by `actor`: entity `semester`,
    /// field the term's id, old and new dates as `2026-09-01..2027-01-24` (old nil: the defaults were in
    /// force). Dates already stored as given write nothing.
    @discardableResult
    public func setSemester(id: String, from start: LocalDate, to end: LocalDate, actor: String, timestamp: String) throws -> Semester {
        let standard = try Self.parseSemesterID(id)
        let semester = Semester(year: standard.year, term: standard.term, start: start, end: end)
        try Self.checkBounds(semester)
        try writer.write { db in
            for other in try Self.storedSemesters(db) where other.id != semester.id {
                if other.start <= semester.end && semester.start <= other.end {
                    throw StorageError.refused(.semester(.overlaps(semester, other: other)))
                }
            }
            let old = try Self.storedSemester(db, id: semester.id).map(Self.datesValue)
            let new = Self.datesValue(semester)
            guard old != new else { return }
            try db.execute(sql: """
                INSERT INTO semester(id, name, start_date, end_date) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET name = excluded.name, start_date = excluded.start_date, end_date = excluded.end_date
                """, arguments: [semester.id, semester.displayName, start.description, end.description])
            try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "semester", entityID: nil, childID: nil,
                                  field: semester.id, old: old, new: new)
        }
        return semester
    }

    /// Forgets the community's dates for `id`: the term goes back to the defaults. False if none were stored
    /// (and nothing is written); otherwise one audit entry as `setSemester` writes, its new value nil.
    @discardableResult
    public func resetSemester(id: String, actor: String, timestamp: String) throws -> Bool {
        let standard = try Self.parseSemesterID(id)
        return try writer.write { db in
            let old = try String.fetchOne(db, sql: "SELECT start_date || '..' || end_date FROM semester WHERE id = ?",
                                          arguments: [standard.id])
            try db.execute(sql: "DELETE FROM semester WHERE id = ?", arguments: [standard.id])
            guard db.changesCount > 0 else { return false }
            try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "semester", entityID: nil, childID: nil,
                                  field: standard.id, old: old, new: nil)
            return true
        }
    }

    /// A term's dates as one audit value: `2026-09-01..2027-01-24`.
    static func datesValue(_ s: Semester) -> String { "\(s.start)..\(s.end)" }

    /// Every stored semester, plus the current one and its neighbours (stored or default), by start date.
    public func semesters(today: LocalDate) throws -> [SemesterEntry] {
        try writer.read { db in
            var byID: [String: SemesterEntry] = [:]
            for s in try Self.storedSemesters(db) { byID[s.id] = SemesterEntry(semester: s, isCustom: true) }
            let current = try Self.currentSemester(db, today: today)
            for id in [current.previousID, current.id, current.nextID] where byID[id] == nil {
                if let standard = Semester(id: id) { byID[id] = try Self.effectiveSemester(db, standard) }
            }
            return byID.values.sorted { ($0.semester.start, $0.semester.id) < ($1.semester.start, $1.semester.id) }
        }
    }

    /// The semester `today` falls in; between two terms (summer or winter holiday), the coming one.
    public func currentSemester(today: LocalDate) throws -> Semester {
        try writer.read { db in try Self.currentSemester(db, today: today) }
    }

    // MARK: - Inside a transaction

    static func currentSemester(_ db: Database, today: LocalDate) throws -> Semester {
        let y = today.year
        let candidates = try [
            Semester.standard(year: y - 1, term: .autumn), Semester.standard(year: y, term: .spring),
            Semester.standard(year: y, term: .autumn), Semester.standard(year: y + 1, term: .spring),
        ].map { try effectiveSemester(db, $0).semester }
        if let containing = candidates.first(where: { $0.contains(today) }) { return containing }
        // The next spring term starts in January at the earliest, so one always lies ahead.
        return candidates.filter { $0.start > today }.min { $0.start < $1.start } ?? Semester.standard(containing: today)
    }

    /// The stored dates of `standard`'s term, else its defaults clipped by stored neighbours.
    static func effectiveSemester(_ db: Database, _ standard: Semester) throws -> SemesterEntry {
        if let stored = try storedSemester(db, id: standard.id) { return SemesterEntry(semester: stored, isCustom: true) }
        var start = standard.start
        var end = standard.end
        if let previous = try storedSemester(db, id: standard.previousID), previous.end >= start {
            start = previous.end.adding(days: 1)
        }
        if let next = try storedSemester(db, id: standard.nextID), next.start <= end {
            end = next.start.adding(days: -1)
        }
        // The bounds of stored terms keep this from happening; should it, the defaults stand.
        if end < start { return SemesterEntry(semester: standard, isCustom: false) }
        return SemesterEntry(semester: Semester(year: standard.year, term: standard.term, start: start, end: end), isCustom: false)
    }

    static func storedSemester(_ db: Database, id: String) throws -> Semester? {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, start_date, end_date FROM semester WHERE id = ?", arguments: [id])
        else { return nil }
        return semester(from: row)
    }

    static func storedSemesters(_ db: Database) throws -> [Semester] {
        try Row.fetchAll(db, sql: "SELECT id, start_date, end_date FROM semester ORDER BY start_date, id").compactMap(semester(from:))
    }

    /// A stored row as a semester; nil for a row whose dates do not parse (it is then ignored).
    private static func semester(from row: Row) -> Semester? {
        guard let id: String = row["id"], let standard = Semester(id: id),
              let start = LocalDate(parsing: row["start_date"] ?? ""), let end = LocalDate(parsing: row["end_date"] ?? ""),
              start <= end else { return nil }
        return Semester(year: standard.year, term: standard.term, start: start, end: end)
    }

    /// The years whose terms can be named and stored.
    public static let semesterYears = 1950...2150

    static func parseSemesterID(_ id: String) throws -> Semester {
        let trimmed = id.trimmingCharacters(in: .whitespaces).lowercased()
        // Years are checked first: `Semester.standard` needs the following year to be a valid date too.
        guard let year = Int(trimmed.prefix { $0 != "-" }), semesterYears.contains(year),
              let s = Semester(id: trimmed), trimmed == s.id else {
            throw StorageError.refused(.semester(.badID(id, years: semesterYears)))
        }
        return s
    }

    /// The dates a term of its kind may have (see `setSemester`).
    static func checkBounds(_ s: Semester) throws {
        func refuse(_ reason: SemesterRefusal) -> StorageError { .refused(.semester(reason)) }
        guard s.end >= s.start else { throw refuse(.endsBeforeStart(s)) }
        let y = s.year
        let (earliest, latest, lastEnd): (LocalDate?, LocalDate?, LocalDate?)
        switch s.term {
        case .autumn:
            (earliest, latest, lastEnd) = (LocalDate(year: y, month: 7, day: 1), LocalDate(year: y, month: 10, day: 31),
                                           LocalDate(year: y + 1, month: 3, day: 31))
        case .spring:
            (earliest, latest, lastEnd) = (LocalDate(year: y, month: 1, day: 1), LocalDate(year: y, month: 4, day: 30),
                                           LocalDate(year: y, month: 8, day: 31))
        }
        guard let earliest, let latest, let lastEnd else { throw refuse(.outsideYears(s)) }
        guard earliest <= s.start, s.start <= latest else { throw refuse(.startOutside(s, earliest: earliest, latest: latest)) }
        guard s.end <= lastEnd else { throw refuse(.endsTooLate(s, lastEnd: lastEnd)) }
    }
}
