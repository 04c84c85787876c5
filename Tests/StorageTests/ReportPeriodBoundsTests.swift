import Domain
import Foundation
import GRDB
import Scheduling
import Testing
@testable import Storage

/// A report of a quarter or a month counts what happened up to its end, and its five ones are those of
/// the one semester it belongs to, as they stood at its end (`AppDatabase.fiveOnesSemesters(for:)`).
///
/// Two children, default term dates (spring 1 Feb – 31 Jul, autumn 1 Sep – 31 Jan), looked at on
/// 2027-03-01 when both terms are over:
///
///     王小明 / 李秀英 (paired 2026-02-10):  visit 03-10, talk 07-15 | visit 09-10, talk 10-20, letter 12-20, guardian 2027-01-10
///     张小红 / 陈桂兰 (2026-02-10 … 11-20): letter 05-05           | guardian 11-05
@Suite("Report periods are bounded by their end")
struct ReportPeriodBoundsTests {
    typealias F = MentorFixture
    static let today = F.date("2027-03-01")

    /// A real database file with the two pairings and their contacts.
    static func database() throws -> (AppDatabase, String) {
        let dir = NSTemporaryDirectory() + "shouhu-report-period-\(UUID().uuidString)"
        let db = try AppDatabase.open(path: dir + "/shouhu.sqlite")
        let a = try F.child(db, "王小明", grid: "石桥村1组"), b = try F.child(db, "张小红", grid: "柳湾村2组")
        let ma = try F.mentor(db, "李秀英", phone: "13912340824", grid: "石桥村1组")
        let mb = try F.mentor(db, "陈桂兰", phone: "13812345678", grid: "柳湾村2组")
        try db.pair(child: a, mentor: ma, role: .primary, start: F.date("2026-02-10"), actor: "t", timestamp: "t")
        let pb = try db.pair(child: b, mentor: mb, role: .primary, start: F.date("2026-02-10"), actor: "t", timestamp: "t")
        for (child, mentor, kind, date) in [(a, ma, ContactKind.visit, "2026-03-10"), (a, ma, .talk, "2026-07-15"),
                                            (a, ma, .visit, "2026-09-10"), (a, ma, .talk, "2026-10-20"), (a, ma, .letter, "2026-12-20"),
                                            (a, ma, .guardian, "2027-01-10"), (b, mb, .letter, "2026-05-05"), (b, mb, .guardian, "2026-11-05")] {
            try db.addContact(Contact(childID: child, mentorID: mentor, kind: kind, date: F.date(date)), today: today, actor: "t",
                              timestamp: "t")
        }
        try db.endPairing(id: pb, on: F.date("2026-11-20"), reason: .reassigned, actor: "t", timestamp: "t")
        return (db, dir)
    }

    /// Done, due, overdue, not owed.
    static func tally(_ done: Int, _ due: Int, _ overdue: Int, _ notOwed: Int) -> ObligationTally {
        var t = ObligationTally()
        t.done = done; t.due = due; t.overdue = overdue; t.notOwed = notOwed
        return t
    }

    static func figures(_ db: AppDatabase, _ text: String) throws -> ReportFigures {
        try db.reportFigures(period: try db.reportPeriod(#require(ReportPeriod(parsing: text))), rules: .fiveOnes, today: today)
    }

    @Test func aQuarterCountsOnlyContactsInsideIt() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let q3 = try Self.figures(db, "2026-Q3")
        // 07-15 and 09-10 are inside; 03-10, 05-05 before; 10-20 and later after.
        #expect(q3.contactsByKind == [.talk: 1, .visit: 1])
        let q4 = try Self.figures(db, "2026-Q4")
        #expect(q4.contactsByKind == [.talk: 1, .letter: 1, .guardian: 1])
        #expect(try Self.figures(db, "2026-10").contactsByKind == [.talk: 1])
    }

    @Test func aQuarterAcrossTwoTermsGivesTheTermItStartsIn() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // July to September: the spring term (ends 31 July) and the start of autumn. Only spring counts,
        // as it stood on 30 September: 王小明 visit and talk, 张小红 letter.
        let q3 = try Self.figures(db, "2026-Q3")
        #expect(q3.fiveOnesSemesters.map(\.id) == ["2026-spring"])
        #expect(q3.fiveOnes == Self.tally(3, 0, 7, 0))
        #expect(q3.fiveOnesByRule.map(\.tally.done) == [1, 1, 0, 0, 1])
        // The same as the spring report itself (spring is over before Q3 ends).
        #expect(try Self.figures(db, "2026-spring").fiveOnes == q3.fiveOnes)
    }

    @Test func aQuarterOrMonthIsItsTermAsOfItsEnd() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The whole autumn term, seen in March: 王小明 four of five (guardian in January), 张小红's
        // pairing ended on 11-20 after the guardian talk, so the rest is not owed.
        let autumn = try Self.figures(db, "2026-autumn")
        #expect(autumn.fiveOnes == Self.tally(5, 0, 1, 4))
        // Q4 (to 31 December): the January contact does not count yet and nothing is overdue (the target
        // is 31 January); 张小红's pairing ended within it.
        let q4 = try Self.figures(db, "2026-Q4")
        #expect(q4.fiveOnesSemesters.map(\.id) == ["2026-autumn"])
        #expect(q4.fiveOnes == Self.tally(4, 2, 0, 4))
        // October: the visit of 09-10 and the talk of 10-20; the guardian talk of 11-05 is after it, and
        // 张小红's pairing, ended on 11-20, still owed all five then.
        let october = try Self.figures(db, "2026-10")
        #expect(october.fiveOnesSemesters.map(\.id) == ["2026-autumn"])
        #expect(october.fiveOnes == Self.tally(2, 8, 0, 0))
        #expect(try Self.figures(db, "2026-09").fiveOnes == Self.tally(1, 9, 0, 0))
        // August lies between the terms: it belongs to autumn, which owes nothing before September.
        let august = try Self.figures(db, "2026-08")
        #expect(august.fiveOnesSemesters.map(\.id) == ["2026-autumn"])
        #expect(august.fiveOnes.owed == 0)
        // A year counts its own two terms, each once, as of 31 December.
        let year = try Self.figures(db, "2026")
        #expect(year.fiveOnesSemesters.map(\.id) == ["2026-spring", "2026-autumn"])
        #expect(year.fiveOnes == Self.tally(7, 2, 7, 4))
        // By grid, lowest completion first: 柳湾村2组 (张小红, 2 of 6) before 石桥村1组 (5 of 10).
        #expect(year.fiveOnesByGrid.map(\.grid) == ["柳湾村2组", "石桥村1组"])
    }

    @Test func aCommunitysTermDatesDecideWhereAQuarterBelongs() throws {
        let (db, dir) = try Self.database()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // Spring ends on 30 June here: 1 July falls between the terms, so Q3 belongs to autumn,
        // counted to 30 September (the visit of 09-10).
        try db.setSemester(id: "2026-spring", from: F.date("2026-02-24"), to: F.date("2026-06-30"), actor: "t", timestamp: "t")
        let q3 = try Self.figures(db, "2026-Q3")
        #expect(q3.fiveOnesSemesters.map(\.id) == ["2026-autumn"])
        #expect(q3.fiveOnes == Self.tally(1, 9, 0, 0))
        // Q2 (April–June) is spring, as it stood on 30 June: the talk of 07-15 is outside the term.
        let q2 = try Self.figures(db, "2026-Q2")
        #expect(q2.fiveOnesSemesters.map(\.id) == ["2026-spring"])
        #expect(q2.fiveOnes == Self.tally(2, 0, 8, 0))
    }
}
