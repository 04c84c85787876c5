import Domain
import Foundation
import GRDB
import Scheduling
import Testing
@testable import Storage

/// Every figure of a report checked against a direct SQL count over a generated data set.
@Suite("Report figures against SQL")
struct ReportFiguresTests {
    static let today = LocalDate(year: 2026, month: 11, day: 23)!

    static func database() throws -> AppDatabase {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 500, seed: 11, referenceDate: today))
        return db
    }

    func count(_ db: AppDatabase, _ sql: String, _ args: StatementArguments = []) throws -> Int {
        try db.writer.read { try Int.fetchOne($0, sql: sql, arguments: args) ?? -1 }
    }

    /// Children on the roster at the end (`:end`), with the child table aliased `c`.
    static let onRoster = "(c.archived_on IS NULL OR c.archived_on > :end)"
    static let age = "(CAST(strftime('%Y', :end) AS INT) - CAST(strftime('%Y', c.birth_date) AS INT) - (strftime('%m-%d', :end) < strftime('%m-%d', c.birth_date)))"

    @Test(arguments: ["2026-autumn", "2026", "2026-Q3", "2026-09-15..2026-10-31", "2026-spring"])
    func childrenFigures(_ text: String) throws {
        let db = try Self.database()
        let period = try db.reportPeriod(try #require(ReportPeriod(parsing: text)))
        let f = try db.reportFigures(period: period, rules: .fiveOnes, today: Self.today)
        let end: StatementArguments = ["end": period.end.description]
        let both: StatementArguments = ["start": period.start.description, "end": period.end.description]
        func children(_ condition: String = "1") throws -> Int {
            try count(db, "SELECT count(*) FROM child c WHERE \(Self.onRoster) AND \(condition)", end)
        }
        #expect(f.children == (try children()))
        #expect(f.children > 100)
        #expect(f.bySex[.male] == (try children("c.sex = 'male'")))
        #expect(f.bySex[.female] == (try children("c.sex = 'female'")))
        for (band, n) in f.byAgeBand {
            #expect(n == (try children("c.birth_date IS NOT NULL AND \(Self.age) BETWEEN \(band.low) AND \(band.high)")), "\(band)")
        }
        #expect(f.byAgeBand.map(\.count).reduce(0, +) + f.ageUnknown == f.children)
        for t in LeftBehindType.allCases { #expect((f.byType[t] ?? 0) == (try children("c.left_behind_type = '\(t.rawValue)'"))) }
        let gp = GuardianRelation.allCases.filter(\.isGrandparent).map { "'\($0.rawValue)'" }.joined(separator: ",")
        #expect((f.byCare[.grandparents] ?? 0) == (try children("c.guardian_relation IN (\(gp))")))
        #expect((f.byCare[.relatives] ?? 0) == (try children("c.guardian_relation IN ('uncle_or_aunt','sibling','other_relative')")))
        #expect(f.hardship == (try children("c.hardship = 1")))
        #expect(f.disability == (try children("c.disability = 1")))
        #expect(f.added == (try count(db, "SELECT count(*) FROM child WHERE date(created_at) BETWEEN :start AND :end", both)))
        #expect(f.archivedTotal == (try count(db, "SELECT count(*) FROM child WHERE archived_on BETWEEN :start AND :end", both)))
        for r in ArchiveReason.allCases {
            #expect((f.archived[r] ?? 0) == (try count(db, """
                SELECT count(*) FROM child WHERE archived_on BETWEEN :start AND :end AND archive_reason = '\(r.rawValue)'
                """, both)))
        }
        #expect(f.complete == (try children("""
            coalesce(c.id_number, '') <> '' AND c.birth_date IS NOT NULL AND c.sex IS NOT NULL AND c.guardian_id IS NOT NULL
            AND coalesce((SELECT phone FROM guardian WHERE id = c.guardian_id), '') <> ''
            AND coalesce((SELECT address FROM household WHERE id = c.household_id), '') <> '' AND c.left_behind_type IS NOT NULL
            """)))
        #expect(f.covered == (try children("""
            EXISTS (SELECT 1 FROM pairing p WHERE p.child_id = c.id AND p.pair_role = 'primary' AND p.start_date <= :end
                    AND (p.end_date IS NULL OR p.end_date >= :end))
            """)))
        #expect(f.coverage > 0 && f.coverage < 1)
        for role in MentorRole.allCases {
            #expect((f.mentorsByRole[role] ?? 0) == (try count(db, """
                SELECT count(*) FROM mentor WHERE role = '\(role.rawValue)' AND (status = 'active' OR left_on > :end)
                """, end)))
        }
        for kind in ContactKind.allCases {
            #expect((f.contactsByKind[kind] ?? 0) == (try count(db, """
                SELECT count(*) FROM contact WHERE kind = '\(kind.rawValue)' AND date BETWEEN :start AND :end AND deleted = 0
                """, both)))
        }
        #expect(f.activities == (try count(db, "SELECT count(*) FROM activity WHERE date BETWEEN :start AND :end AND deleted = 0 AND cancelled = 0", both)))
        #expect(f.attendance == (try count(db, """
            SELECT count(*) FROM activity_attendance t JOIN activity a ON a.id = t.activity_id
            WHERE a.date BETWEEN :start AND :end AND a.deleted = 0 AND a.cancelled = 0
            """, both)))
        #expect(f.childrenReached == (try count(db, """
            SELECT count(DISTINCT t.child_id) FROM activity_attendance t JOIN activity a ON a.id = t.activity_id
            WHERE a.date BETWEEN :start AND :end AND a.deleted = 0 AND a.cancelled = 0
            """, both)))
    }

    /// The five ones for a semester: done and owed counted by SQL straight from pairings and contacts.
    @Test func fiveOnesAgainstSQL() throws {
        let db = try Self.database()
        let period = try db.reportPeriod(ReportPeriod(parsing: "2026-spring")!)
        let f = try db.reportFigures(period: period, rules: .fiveOnes, today: Self.today)
        let args: StatementArguments = ["s": period.start.description, "e": period.end.description]
        // Every primary pairing overlapping the term, clipped to it (and to the child's archiving), × the five kinds.
        let clipped = """
            SELECT p.child_id, p.mentor_id, k.kind,
                   max(p.start_date, :s) AS a,
                   min(coalesce(p.end_date, :e), coalesce(c.archived_on, :e), :e) AS b,
                   min(coalesce(p.end_date, :e), coalesce(c.archived_on, :e)) AS last
            FROM pairing p JOIN child c ON c.id = p.child_id,
                 (SELECT 'visit' AS kind UNION ALL SELECT 'talk' UNION ALL SELECT 'teacher' UNION ALL SELECT 'guardian'
                  UNION ALL SELECT 'letter') k
            WHERE p.pair_role = 'primary' AND p.start_date <= :e AND (p.end_date IS NULL OR p.end_date >= :s)
            """
        let doneSQL = """
            EXISTS (SELECT 1 FROM contact t WHERE t.child_id = x.child_id AND t.mentor_id = x.mentor_id AND t.kind = x.kind
                    AND t.deleted = 0 AND t.date BETWEEN x.a AND x.b)
            """
        let rows = try count(db, "SELECT count(*) FROM (\(clipped)) x WHERE x.a <= x.b", args)
        let done = try count(db, "SELECT count(*) FROM (\(clipped)) x WHERE x.a <= x.b AND \(doneSQL)", args)
        // Owed but not done: the pairing lasted until the target (the term's end) and at least 30 days.
        let open = try count(db, """
            SELECT count(*) FROM (\(clipped)) x WHERE x.a <= x.b AND NOT \(doneSQL)
              AND x.last >= :e AND julianday(x.b) - julianday(x.a) + 1 >= 30
            """, args)
        #expect(f.fiveOnes.done + f.fiveOnes.due + f.fiveOnes.overdue + f.fiveOnes.notOwed == rows)
        #expect(f.fiveOnes.done == done)
        #expect(f.fiveOnes.owed == done + open)
        #expect(f.fiveOnes.due == 0, "the spring term is over")
        #expect(f.fiveOnesByRule.map(\.tally.done).reduce(0, +) == done)
        #expect(f.fiveOnesByGrid.map(\.tally.owed).reduce(0, +) == f.fiveOnes.owed)
        #expect(f.fiveOnesByMentor.count <= AppDatabase.reportMentorLimit)
        #expect(f.fiveOnesByMentor.map { $0.tally.completion ?? 0 } == f.fiveOnesByMentor.map { $0.tally.completion ?? 0 }.sorted())
        #expect(done > 0 && open > 0)
    }

    @Test func drillingIntoAFigureGivesItsChildren() throws {
        let db = try Self.database()
        let period = try db.reportPeriod(ReportPeriod(parsing: "2026-autumn")!)
        let f = try db.reportFigures(period: period, rules: .fiveOnes, today: Self.today)
        #expect(try db.reportChildren(.all, period: period).count == f.children)
        #expect(try db.reportChildren(.sex(.female), period: period).count == f.bySex[.female])
        #expect(try db.reportChildren(.ageBand(AgeBand(6, 11)), period: period).count == f.byAgeBand[1].count)
        #expect(try db.reportChildren(.care(.grandparents), period: period).count == f.byCare[.grandparents])
        #expect(try db.reportChildren(.uncovered, period: period).count == f.children - f.covered)
        #expect(try db.reportChildren(.incomplete(nil), period: period).count == f.children - f.complete)
        #expect(try db.reportChildren(.archived(nil), period: period).count == f.archivedTotal)
    }

    @Test func periods() throws {
        #expect(ReportPeriod(parsing: "2026-Q3")?.start == LocalDate(year: 2026, month: 7, day: 1))
        #expect(ReportPeriod(parsing: "2026-Q3")?.end == LocalDate(year: 2026, month: 9, day: 30))
        #expect(ReportPeriod(parsing: "2026")?.end == LocalDate(year: 2026, month: 12, day: 31))
        #expect(ReportPeriod(parsing: "2026-autumn")?.end == LocalDate(year: 2027, month: 1, day: 31))
        #expect(ReportPeriod(parsing: "2026-09-01..2026-12-31")?.kind == .range)
        #expect(ReportPeriod(parsing: "2026-12-31..2026-09-01") == nil)
        #expect(ReportPeriod(parsing: "2026-Q5") == nil)
        #expect(ReportPeriod(parsing: "2026-02")?.end == LocalDate(year: 2026, month: 2, day: 28))
        #expect(ReportPeriod(parsing: "2026-Q1")?.previous.id == "2025-Q4")
        #expect(ReportPeriod(parsing: "2026-autumn")?.next.id == "2027-spring")
        #expect(AgeBand.parse("0-5,6-11,12-15") == AgeBand.standard)
        #expect(AgeBand.parse("0-6,6-11") == nil)
        // A community's own term dates replace the defaults.
        let db = try AppDatabase.inMemory()
        try db.setSemester(id: "2026-autumn", from: LocalDate(year: 2026, month: 9, day: 1)!, to: LocalDate(year: 2027, month: 1, day: 20)!, actor: "t", timestamp: "t")
        #expect(try db.reportPeriod(ReportPeriod(parsing: "2026-autumn")!).end == LocalDate(year: 2027, month: 1, day: 20))
    }
}
