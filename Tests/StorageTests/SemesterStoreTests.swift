import Domain
import Foundation
import GRDB
import Scheduling
import Testing
@testable import Storage

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

/// The semester refusal `body` throws (in English, its `description`), nil when it throws nothing.
private func invalidReason(_ body: () throws -> Void) -> String? {
    do { try body() } catch StorageError.refused(.semester(let refusal)) {
        return refusal.description
    } catch { return "unexpected error \(error)" }
    return nil
}

private extension AppDatabase {
    /// The tests' coordinator sets or resets a term's dates.
    @discardableResult
    func setSemester(id: String, from: LocalDate, to: LocalDate) throws -> Semester {
        try setSemester(id: id, from: from, to: to, actor: "王主任", timestamp: "2026-11-23T10:00:00+08:00")
    }

    @discardableResult
    func resetSemester(id: String) throws -> Bool { try resetSemester(id: id, actor: "王主任", timestamp: "2026-11-23T10:00:00+08:00") }
}

@Suite("Semesters (v3)")
struct SemesterStoreTests {
    @Test func migrationCreatesTheTableWithItsChecks() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.appliedMigrations().contains("v3-semesters"))
        let columns = try db.writer.read { db in try db.columns(in: "semester").map(\.name) }
        #expect(columns == ["id", "name", "start_date", "end_date"])
        try db.writer.write { db in
            try db.execute(sql: "INSERT INTO semester VALUES ('2026-autumn', '2026年秋季学期', '2026-09-01', '2027-01-24')")
        }
        // The schema refuses what the API never writes.
        let bad = [
            "('2026-summer', 'x', '2026-09-01', '2027-01-24')", // not autumn/spring
            "('2027-spring', 'x', '2027-07-01', '2027-02-01')", // ends before it starts
            "('2028-spring', '  ', '2028-02-01', '2028-07-01')", // blank name
            "('2029-spring', 'x', '2029/02/01', '2029-07-01')", // not ISO
            "('2026-autumn', 'x', '2026-09-02', '2027-01-24')", // duplicate id
        ]
        for values in bad {
            #expect(throws: DatabaseError.self, "\(values)") {
                try db.writer.write { db in try db.execute(sql: "INSERT INTO semester VALUES \(values)") }
            }
        }
    }

    @Test func migratesAnExistingV2File() throws {
        let dir = NSTemporaryDirectory() + "shouhu-semester-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/v2.sqlite"
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v2-mentors")
            #expect(try queue.read { try $0.tableExists("semester") } == false)
        }
        let db = try AppDatabase.open(path: path)
        #expect(try db.appliedMigrations() == ["v1-foundation", "v2-mentors", "v3-semesters", "v4-activities", "v5-search-generation", "v6-contacts",
                                                "v7-accounts", "v8-audit", "v9-consent", "v10-no-insert-trigger", "v11-checks-without-lists"])
        #expect(try db.semester(id: "2026-autumn") == Semester.standard(year: 2026, term: .autumn))
    }

    @Test func defaultsUntilSet() throws {
        let db = try AppDatabase.inMemory()
        let entry = try db.semesterEntry(id: "2026-autumn")
        #expect(entry.isCustom == false)
        #expect(entry.semester.start == day("2026-09-01"))
        #expect(entry.semester.end == day("2027-01-31"))
        #expect(try db.semester(id: "2027-spring") == Semester.standard(year: 2027, term: .spring))
    }

    @Test func setAndReadBack() throws {
        let db = try AppDatabase.inMemory()
        let saved = try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-01-24"))
        #expect(saved.displayName == "2026年秋季学期")
        let entry = try db.semesterEntry(id: "2026-autumn")
        #expect(entry.isCustom)
        #expect(entry.semester.start == day("2026-09-01"))
        #expect(entry.semester.end == day("2027-01-24"))
        let name = try db.writer.read { db in try String.fetchOne(db, sql: "SELECT name FROM semester WHERE id = '2026-autumn'") }
        #expect(name == "2026年秋季学期")
        // Setting again replaces.
        try db.setSemester(id: "2026-autumn", from: day("2026-08-31"), to: day("2027-01-20"))
        #expect(try db.semester(id: "2026-autumn").start == day("2026-08-31"))
        #expect(try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM semester") } == 1)
        // An id in capitals is the same term.
        #expect(try db.semester(id: "2026-Autumn").start == day("2026-08-31"))
        // Reset goes back to the defaults.
        #expect(try db.resetSemester(id: "2026-autumn"))
        #expect(try db.semesterEntry(id: "2026-autumn") == SemesterEntry(semester: .standard(year: 2026, term: .autumn), isCustom: false))
        #expect(try db.resetSemester(id: "2026-autumn") == false)
    }

    @Test(arguments: ["2026-fall", "autumn-2026", "2026", "", "2026-autumn-x", "02026-autumn", "2199-autumn", "1900-spring"])
    func malformedIdsAreRefused(_ id: String) throws {
        let db = try AppDatabase.inMemory()
        let reason = invalidReason { _ = try db.semester(id: id) }
        #expect(reason?.contains("is not a semester id") == true, "\(id): \(reason ?? "accepted")")
        #expect(invalidReason { try db.setSemester(id: id, from: day("2026-09-01"), to: day("2027-01-24")) } != nil)
    }

    @Test func datesAreValidated() throws {
        let db = try AppDatabase.inMemory()
        #expect(invalidReason { try db.setSemester(id: "2026-autumn", from: day("2027-01-24"), to: day("2026-09-01")) }
            == "2026-autumn cannot end (2026-09-01) before it starts (2027-01-24)")
        #expect(invalidReason { try db.setSemester(id: "2026-autumn", from: day("2027-09-01"), to: day("2028-01-24")) }
            == "2026-autumn must start between 2026-07-01 and 2026-10-31, not on 2027-09-01")
        #expect(invalidReason { try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-06-30")) }
            == "2026-autumn must end by 2027-03-31, not on 2027-06-30")
        #expect(invalidReason { try db.setSemester(id: "2027-spring", from: day("2026-12-20"), to: day("2027-07-01")) }
            == "2027-spring must start between 2027-01-01 and 2027-04-30, not on 2026-12-20")
        #expect(invalidReason { try db.setSemester(id: "2027-spring", from: day("2027-02-20"), to: day("2027-09-30")) }
            == "2027-spring must end by 2027-08-31, not on 2027-09-30")
        // A one-day term is odd but allowed; nothing refused was stored.
        #expect(invalidReason { try db.setSemester(id: "2027-spring", from: day("2027-03-01"), to: day("2027-03-01")) } == nil)
        #expect(try db.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM semester") } == 1)
    }

    @Test func overlapWithAStoredNeighbourIsRefusedAndNamed() throws {
        let db = try AppDatabase.inMemory()
        try db.setSemester(id: "2027-spring", from: day("2027-02-20"), to: day("2027-07-05"))
        let reason = invalidReason { try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-02-25")) }
        #expect(throws: StorageError.refused(.semester(.overlaps(
            Semester(year: 2026, term: .autumn, start: day("2026-09-01"), end: day("2027-02-25")),
            other: Semester(year: 2027, term: .spring, start: day("2027-02-20"), end: day("2027-07-05")))))) {
            try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-02-25"))
        }
        #expect(reason == "2026-autumn (2026-09-01 – 2027-02-25) would overlap 2027-spring (2027-02-20 – 2027-07-05); change that semester's dates first")
        // Touching is fine: autumn may end the day before spring starts.
        try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-02-19"))
        // And the other way round.
        let back = invalidReason { try db.setSemester(id: "2027-spring", from: day("2027-02-10"), to: day("2027-07-05")) }
        #expect(back?.contains("would overlap 2026-autumn (2026-09-01 – 2027-02-19)") == true, "\(back ?? "accepted")")
        #expect(try db.semester(id: "2027-spring").start == day("2027-02-20"), "a refused change changes nothing")
    }

    @Test func defaultsGiveWayToAStoredNeighbour() throws {
        let db = try AppDatabase.inMemory()
        // Autumn runs into February: the default spring starts the day after.
        try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-02-10"))
        let spring = try db.semesterEntry(id: "2027-spring")
        #expect(spring.isCustom == false)
        #expect(spring.semester.start == day("2027-02-11"))
        #expect(spring.semester.end == day("2027-07-31"))
        // Spring starting in January cuts the default autumn before it short.
        try db.setSemester(id: "2028-spring", from: day("2028-01-25"), to: day("2028-07-10"))
        #expect(try db.semester(id: "2027-autumn").end == day("2028-01-24"))
    }

    @Test func currentSemesterFollowsStoredDatesAndHolidays() throws {
        let db = try AppDatabase.inMemory()
        #expect(try db.currentSemester(today: day("2026-11-23")).id == "2026-autumn")
        #expect(try db.currentSemester(today: day("2027-01-31")).id == "2026-autumn")
        #expect(try db.currentSemester(today: day("2027-02-01")).id == "2027-spring")
        #expect(try db.currentSemester(today: day("2026-08-15")).id == "2026-autumn", "summer holiday: the coming term")
        try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-01-24"))
        try db.setSemester(id: "2027-spring", from: day("2027-02-24"), to: day("2027-07-05"))
        #expect(try db.currentSemester(today: day("2027-01-24")).id == "2026-autumn")
        let winter = try db.currentSemester(today: day("2027-01-25"))
        #expect(winter.id == "2027-spring", "winter holiday: the coming term")
        #expect(winter.start == day("2027-02-24"))
        #expect(try db.currentSemester(today: day("2027-07-06")).id == "2027-autumn")
        // Autumn stored into February: still autumn on 5 February.
        try db.setSemester(id: "2027-autumn", from: day("2027-09-01"), to: day("2028-02-08"))
        #expect(try db.currentSemester(today: day("2028-02-05")).id == "2027-autumn")
        #expect(try db.currentSemester(today: day("2028-02-09")).id == "2028-spring")
    }

    @Test func listHoldsStoredTermsAndTheOnesAroundToday() throws {
        let db = try AppDatabase.inMemory()
        let plain = try db.semesters(today: day("2026-11-23"))
        #expect(plain.map(\.semester.id) == ["2026-spring", "2026-autumn", "2027-spring"])
        #expect(plain.allSatisfy { !$0.isCustom })
        try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-01-24"))
        try db.setSemester(id: "2030-spring", from: day("2030-02-18"), to: day("2030-07-05"))
        let list = try db.semesters(today: day("2026-11-23"))
        #expect(list.map(\.semester.id) == ["2026-spring", "2026-autumn", "2027-spring", "2030-spring"])
        #expect(list.map(\.isCustom) == [false, true, false, true])
        #expect(list[1].semester.end == day("2027-01-24"))
    }

    /// Every change of a term's dates is one audit entry (who, which term, old and new dates), written with
    /// the change; the same dates again, a reset of default dates and a refused change write none.
    @Test func dateChangesAreAuditedWithOldAndNewDates() throws {
        let db = try AppDatabase.inMemory()
        try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-01-24"), actor: "王主任", timestamp: "a1")
        try db.setSemester(id: "2026-Autumn", from: day("2026-09-01"), to: day("2027-01-24"), actor: "王主任", timestamp: "a2")
        try db.setSemester(id: "2026-autumn", from: day("2026-08-31"), to: day("2027-01-20"), actor: "李四", timestamp: "a3")
        try db.setSemester(id: "2027-spring", from: day("2027-02-20"), to: day("2027-07-05"), actor: "王主任", timestamp: "a4")
        #expect(throws: StorageError.self) {
            try db.setSemester(id: "2026-autumn", from: day("2026-09-01"), to: day("2027-02-25"), actor: "王主任", timestamp: "a5")
        }
        #expect(try db.resetSemester(id: "2026-autumn", actor: "李四", timestamp: "a6"))
        #expect(try !db.resetSemester(id: "2026-autumn", actor: "李四", timestamp: "a7"))
        let entries = try db.auditEntries()
        #expect(entries.map(\.at) == ["a1", "a3", "a4", "a6"])
        #expect(entries.allSatisfy { $0.entity == "semester" && $0.action == "write" && $0.entityID == nil && $0.childID == nil })
        #expect(entries.map(\.actor) == ["王主任", "李四", "王主任", "李四"])
        #expect(entries.map(\.field) == ["2026-autumn", "2026-autumn", "2027-spring", "2026-autumn"])
        #expect(entries.map(\.old) == [nil, "2026-09-01..2027-01-24", nil, "2026-08-31..2027-01-20"])
        #expect(entries.map(\.new) == ["2026-09-01..2027-01-24", "2026-08-31..2027-01-20", "2027-02-20..2027-07-05", nil])
        #expect(try db.verifyAudit() == nil)
    }
}
