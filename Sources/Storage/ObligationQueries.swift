import Domain
import Foundation
import GRDB
import GRDBSQLite
import Scheduling

/// What a line of the obligations grid shows about a child.
public struct ObligationChildLabel: Equatable, Sendable {
    public var name: String
    public var idNumber: String?
    public var grid: String?
    public var school: String?
    /// The household's address (for planning a visit).
    public var address: String?
    /// Orders names as the roster does (by pinyin).
    public var sortKey: String = ""
}

/// What a line of the obligations grid shows about a mentor.
public struct ObligationMentorLabel: Equatable, Sendable {
    public var name: String
    public var phone: String
    public var grid: String?
    /// Orders names as the registry does (by pinyin).
    public var sortKey: String = ""
}

extension AppDatabase {
    /// Everything the five-ones engine needs for one semester, read in one transaction: the
    /// pairings of the roles the rules name that overlap the semester's periods, the archived
    /// children among them, and the contacts dated within those periods. With `mentorID`, only that
    /// mentor's pairings and contacts (their workload). With `childID`, that child's pairings of every
    /// pair role (for the child's own coverage, where any of their mentors counts) and contacts.
    public func obligationInput(rules: ObligationRules, semesterID: String, mentorID: Int64? = nil, childID: Int64? = nil,
                                today: LocalDate) throws -> ObligationInput {
        let semester = try self.semester(id: semesterID)
        let previousEnd = try Semester(id: semester.previousID).map { try self.semester(id: $0.id).end }
        return try writer.read { db in
            let periods = rules.rules.flatMap { Period.periods($0.period, of: semester, previousEnd: previousEnd) }
            let from = periods.map(\.start).min() ?? semester.start
            let to = periods.map(\.end).max() ?? semester.end
            let roles = (childID == nil ? Array(Set(rules.rules.flatMap(\.pairRoles))) : PairRole.allCases).map(\.rawValue).sorted()
            let roleList = roles.map { "'\($0)'" }.joined(separator: ",")
            var pairings: [PairingFact] = []
            var sql = """
                SELECT id, child_id, mentor_id, pair_role, CAST(julianday(start_date) - 2440587.5 AS INTEGER),
                       CAST(julianday(end_date) - 2440587.5 AS INTEGER), end_reason FROM pairing
                WHERE pair_role IN (\(roleList.isEmpty ? "''" : roleList)) AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)
                """
            var args: StatementArguments = [to.description, from.description]
            if let mentorID { sql += " AND mentor_id = ?"; args += [mentorID] }
            if let childID { sql += " AND child_id = ?"; args += [childID] }
            let cursor = try Row.fetchCursor(db, sql: sql + " ORDER BY child_id, mentor_id, id", arguments: args)
            let roleByName = Dictionary(uniqueKeysWithValues: PairRole.allCases.map { ($0.rawValue, $0) })
            while let row = try cursor.next() {
                guard let role = roleByName[row[3] as String], let start = row[4] as Int? else { continue }
                let end: Int? = row[5]
                let reason: String? = row[6]
                pairings.append(PairingFact(id: row[0], childID: row[1], mentorID: row[2], role: role, start: LocalDate(dayNumber: start),
                                            end: end.map { LocalDate(dayNumber: $0) }, endReason: reason.flatMap(PairingEndReason.init)))
            }
            var archived: [Int64: LocalDate] = [:]
            var archivedSQL = "SELECT id, archived_on FROM child WHERE status = 'archived' AND archived_on IS NOT NULL"
            if let mentorID {
                archivedSQL += " AND id IN (SELECT child_id FROM pairing WHERE mentor_id = \(mentorID))"
            }
            if let childID { archivedSQL += " AND id = \(childID)" }
            let archivedRows = try Row.fetchCursor(db, sql: archivedSQL)
            while let row = try archivedRows.next() {
                if let d = LocalDate(parsing: row[1]) { archived[row[0]] = d }
            }
            let contacts = try Self.contactFacts(db, from: from, to: to, mentorID: mentorID, childID: childID,
                                                 kinds: ContactKind.allCases.filter { k in rules.rules.contains { $0.kind == k } })
            return ObligationInput(rules: rules, semester: semester, previousEnd: previousEnd, pairings: pairings,
                                   archivedOn: archived, contacts: contacts, today: today)
        }
    }

    /// Contacts dated `from`…`to` (not deleted) of the given kinds. SQLite turns the kind and the date into
    /// integers, so reading a million rows allocates no strings (about ten times faster than text columns).
    static func contactFacts(_ db: Database, from: LocalDate, to: LocalDate, mentorID: Int64?, childID: Int64? = nil,
                             kinds: [ContactKind] = ContactKind.allCases) throws -> [ContactFact] {
        let all = ContactKind.allCases
        let wanted = kinds.map { "'\($0.rawValue)'" }.joined(separator: ",")
        var sql = """
            SELECT id, child_id, mentor_id, kind, date FROM contact
            WHERE deleted = 0 AND date BETWEEN ? AND ? AND kind IN (\(wanted.isEmpty ? "''" : wanted))
            """
        var args: StatementArguments = [from.description, to.description]
        if let mentorID { sql += " AND mentor_id = ?"; args += [mentorID] }
        if let childID { sql += " AND child_id = ?"; args += [childID] }
        var out: [ContactFact] = []
        // Hand-stepped with SQLite's C API: GRDB's row cursor costs more per column than SQLite's own
        // scan, and this is the one query that reads a county's million contacts.
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(args)
        let stmt = statement.sqliteStatement
        defer { sqlite3_reset(stmt) }
        while true {
            let rc = sqlite3_step(stmt)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: "reading contacts") }
            // The kind and the date are read as bytes: no String per row.
            guard let kindText = sqlite3_column_text(stmt, 3), let dateText = sqlite3_column_text(stmt, 4),
                  let kind = Self.contactKind(kindText, Int(sqlite3_column_bytes(stmt, 3)), all),
                  let day = Self.dayNumber(dateText, Int(sqlite3_column_bytes(stmt, 4))) else { continue }
            out.append(ContactFact(id: sqlite3_column_int64(stmt, 0), childID: sqlite3_column_int64(stmt, 1),
                                   mentorID: sqlite3_column_int64(stmt, 2), kind: kind, day: Int32(day)))
        }
        return out
    }

    /// The kind whose code these UTF-8 bytes spell.
    static func contactKind(_ p: UnsafePointer<UInt8>, _ n: Int, _ all: [ContactKind]) -> ContactKind? {
        for kind in all {
            let code = kind.rawValue.utf8
            if code.count == n, code.elementsEqual(UnsafeBufferPointer(start: p, count: n)) { return kind }
        }
        return nil
    }

    /// `YYYY-MM-DD` bytes as days since 1970-01-01 (`LocalDate.dayNumber`), nil for anything else.
    static func dayNumber(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ from: Int, _ count: Int) -> Int? {
            var v = 0
            for i in from..<(from + count) {
                let d = Int(p[i]) - 48
                guard (0...9).contains(d) else { return nil }
                v = v * 10 + d
            }
            return v
        }
        guard let y = digits(0, 4), let m = digits(5, 2), let d = digits(8, 2),
              let date = LocalDate(year: y, month: m, day: d) else { return nil }
        return date.dayNumber
    }

    /// Names and places for grid lines, by child id.
    public func obligationChildLabels(ids: [Int64]) throws -> [Int64: ObligationChildLabel] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in
            var out: [Int64: ObligationChildLabel] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT c.id, c.name, c.id_number, g.name, s.name, h.address, c.name_sort FROM child c
                    LEFT JOIN household h ON h.id = c.household_id LEFT JOIN grid g ON g.id = c.grid_id
                    LEFT JOIN school_class k ON k.id = c.school_class_id LEFT JOIN school s ON s.id = k.school_id
                    WHERE c.id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """, arguments: StatementArguments(chunk))
                for r in rows {
                    out[r[0]] = ObligationChildLabel(name: r[1], idNumber: r[2], grid: r[3], school: r[4], address: r[5], sortKey: r[6])
                }
            }
            return out
        }
    }

    /// Names and phones for grid lines, by mentor id.
    public func obligationMentorLabels(ids: [Int64]) throws -> [Int64: ObligationMentorLabel] {
        guard !ids.isEmpty else { return [:] }
        return try writer.read { db in
            var out: [Int64: ObligationMentorLabel] = [:]
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT m.id, m.name, m.phone, g.name, m.name_sort FROM mentor m LEFT JOIN grid g ON g.id = m.grid_id
                    WHERE m.id IN (\(chunk.map { _ in "?" }.joined(separator: ",")))
                    """, arguments: StatementArguments(chunk))
                for r in rows { out[r[0]] = ObligationMentorLabel(name: r[1], phone: r[2], grid: r[3], sortKey: r[4]) }
            }
            return out
        }
    }
}
