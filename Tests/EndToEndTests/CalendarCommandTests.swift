import Domain
import Foundation
import Storage
import TestSupport
import XCTest

/// `shouhu calendar festivals` and `shouhu semester list|set|reset`, run as the real binary
/// (`SHOUHU_TODAY` is pinned to 2026-11-23, `SWIFT_BACKTRACE=enable=no`).
final class CalendarCommandTests: EndToEndTestCase {
    private func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// A refusal: non-zero exit, nothing on standard output, one line on standard error containing `fragment`.
    private func assertRefused(_ r: ProcessRunner.Result, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNotEqual(r.status, 0, "expected a refusal: \(r.stdout)", file: file, line: line)
        XCTAssertEqual(lines(r.stderr).count, 1, "one line: \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(fragment), "\(fragment) in: \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stdout, "", file: file, line: line)
    }

    /// A refusal run in Chinese (the default) and in English: one line each; the Chinese one says
    /// `zh` after `出错了：` with no English word outside the values it quotes, the English one says `en`.
    private func assertRefusedInBoth(_ args: [String], zh: String, en: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let chinese = try runShouhu(args)
        assertRefused(chinese, zh, file: file, line: line)
        XCTAssertTrue(chinese.stderr.hasPrefix(Catalog.zh.text("error.generic", "")), chinese.stderr, file: file, line: line)
        XCTAssertEqual(englishWords(inChinese: chinese.stderr), [], "no English in: \(chinese.stderr)", file: file, line: line)
        let english = try runShouhu(args + ["--lang", "en"])
        assertRefused(english, en, file: file, line: line)
        XCTAssertFalse(english.stderr.contains("学期"), "no Chinese term name in English: \(english.stderr)", file: file, line: line)
    }

    func testFestivalsOfAYearAsText() throws {
        let r = try runShouhu(["calendar", "festivals", "--year", "2027"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(lines(r.stdout), [
            "2027-01-01\t元旦\tnew_year",
            "2027-02-06\t春节\tspring_festival",
            "2027-02-20\t元宵节\tlantern_festival",
            "2027-03-08\t三八妇女节\twomens_day",
            "2027-04-05\t清明节\tqingming",
            "2027-05-01\t五一劳动节\tlabour_day",
            "2027-05-04\t五四青年节\tyouth_day",
            "2027-06-01\t六一儿童节\tchildrens_day",
            "2027-06-09\t端午节\tdragon_boat",
            "2027-07-01\t七一建党节\tparty_founding_day",
            "2027-09-10\t教师节\tteachers_day",
            "2027-09-15\t中秋节\tmid_autumn",
            "2027-10-01\t国庆节\tnational_day",
            "2027-10-08\t重阳节\tdouble_ninth",
        ])
    }

    func testFestivalsAsJSON() throws {
        let r = try runShouhu(["calendar", "festivals", "--year", "2026", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let parsed = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
        let rows = try XCTUnwrap(parsed as? [[String: String]], r.stdout)
        XCTAssertEqual(rows.count, 14)
        XCTAssertTrue(rows.allSatisfy { Set($0.keys) == ["id", "name", "date"] })
        XCTAssertEqual(rows.first, ["id": "new_year", "name": "元旦", "date": "2026-01-01"])
        XCTAssertTrue(rows.contains(["id": "spring_festival", "name": "春节", "date": "2026-02-17"]))
        XCTAssertTrue(rows.contains(["id": "qingming", "name": "清明节", "date": "2026-04-05"]))
        XCTAssertTrue(rows.contains(["id": "double_ninth", "name": "重阳节", "date": "2026-10-18"]))
        XCTAssertEqual(rows.map { $0["date"]! }, rows.map { $0["date"]! }.sorted())
    }

    func testDefaultYearIsTodaysAndEnglishNames() throws {
        let r = try runShouhu(["calendar", "festivals", "--lang", "en"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(lines(r.stdout).contains("2026-02-17\tSpring Festival\tspring_festival"), r.stdout)
        XCTAssertTrue(lines(r.stdout).contains("2026-10-18\tDouble Ninth Festival\tdouble_ninth"), r.stdout)
    }

    func testBadYearAndFormatAreRefused() throws {
        try assertRefusedInBoth(["calendar", "festivals", "--year", "1800"], zh: Catalog.zh.text("calendar.bad_year", 1950, 2150, 1800),
                                en: "--year must be between 1950 and 2150, not 1800")
        let format = try runShouhu(["calendar", "festivals", "--format", "xml"])
        XCTAssertNotEqual(format.status, 0)
        XCTAssertTrue(format.stderr.contains("xml"), format.stderr)
    }

    func testSemesterListSetAndReset() throws {
        let db = path("semesters.sqlite")
        let fresh = try runShouhu(["semester", "list", "--db", db])
        XCTAssertEqual(fresh.status, 0, fresh.stderr)
        XCTAssertEqual(lines(fresh.stdout), [
            "2026-spring\t2026年春季学期\t2026-02-01\t2026-07-31\tdefault\t-",
            "2026-autumn\t2026年秋季学期\t2026-09-01\t2027-01-31\tdefault\tcurrent",
            "2027-spring\t2027年春季学期\t2027-02-01\t2027-07-31\tdefault\t-",
        ])

        let set = try runShouhu(["semester", "set", "2026-autumn", "--from", "2026-09-01", "--to", "2027-01-24", "--db", db])
        XCTAssertEqual(set.status, 0, set.stderr)
        XCTAssertEqual(set.stdout, "2026-autumn\t2026年秋季学期\t2026-09-01\t2027-01-24\tcustom\n")
        XCTAssertEqual(try withDatabase(db) { try $0.semester(id: "2026-autumn").end }, LocalDate(year: 2027, month: 1, day: 24))

        let listed = try runShouhu(["semester", "list", "--db", db, "--lang", "en"])
        XCTAssertEqual(listed.status, 0, listed.stderr)
        XCTAssertTrue(lines(listed.stdout).contains("2026-autumn\tAutumn term 2026\t2026-09-01\t2027-01-24\tcustom\tcurrent"), listed.stdout)

        let reset = try runShouhu(["semester", "reset", "2026-autumn", "--db", db])
        XCTAssertEqual(reset.status, 0, reset.stderr)
        XCTAssertEqual(reset.stdout, "2026-autumn\t2026年秋季学期\t2026-09-01\t2027-01-31\tdefault\n")
    }

    func testSemesterSetRefusalsAreOneLineAndChangeNothing() throws {
        let db = path("refusals.sqlite")
        let spring = try runShouhu(["semester", "set", "2027-spring", "--from", "2027-02-20", "--to", "2027-07-05", "--db", db])
        XCTAssertEqual(spring.status, 0, spring.stderr)

        // Each refusal names the term and the dates in the user's language (the store gives the reason as data).
        try assertRefusedInBoth(["semester", "set", "2026-fall", "--from", "2026-09-01", "--to", "2027-01-24", "--db", db],
                                zh: Catalog.zh.text("semester.bad_id", "2026-fall", 1950, 2150), en: "'2026-fall' is not a semester id")
        try assertRefusedInBoth(["semester", "set", "2026-autumn", "--from", "2026-13-01", "--to", "2027-01-24", "--db", db],
                                zh: "选项“--from”的值“2026-13-01”不是日期", en: "--from '2026-13-01' is not a date")
        try assertRefusedInBoth(["semester", "set", "2026-autumn", "--from", "2026-09-01", "--to", "tomorrow", "--db", db],
                                zh: "选项“--to”的值“tomorrow”不是日期", en: "--to 'tomorrow' is not a date")
        try assertRefusedInBoth(["semester", "set", "2026-autumn", "--from", "2027-01-24", "--to", "2026-09-01", "--db", db],
                                zh: "2026年秋季学期的结束日期（2026-09-01）早于开始日期（2027-01-24）",
                                en: "Autumn term 2026 cannot end (2026-09-01) before it starts (2027-01-24)")
        try assertRefusedInBoth(["semester", "set", "2026-autumn", "--from", "2026-09-01", "--to", "2027-02-25", "--db", db],
                                zh: "会与2027年春季学期（“2027-spring”，2027-02-20 至 2027-07-05）重叠",
                                en: "would overlap Spring term 2027 (2027-spring, 2027-02-20 – 2027-07-05)")

        let stored = try withDatabase(db) { try $0.semesterEntry(id: "2026-autumn") }
        XCTAssertFalse(stored.isCustom, "no refused change was stored")
        XCTAssertEqual(try withDatabase(db) { try $0.semester(id: "2027-spring").start }, LocalDate(year: 2027, month: 2, day: 20))
    }
}
