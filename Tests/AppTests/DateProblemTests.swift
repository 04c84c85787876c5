import Domain
import TerminalUI
import Testing
@testable import App

/// An impossible date is told as one ("2015 年 2 月没有 30 日"), not as a format mistake.
@Suite("Dates that do not exist")
struct DateProblemTests {
    @Test(arguments: [
        ("2015-02-30", FieldProblem.noSuchDate(year: 2015, month: 2, day: 30)),
        ("2015/2/30", .noSuchDate(year: 2015, month: 2, day: 30)),
        ("2015年2月30日", .noSuchDate(year: 2015, month: 2, day: 30)),
        ("20150230", .noSuchDate(year: 2015, month: 2, day: 30)),
        ("2019-13-45", .noSuchDate(year: 2019, month: 13, day: 45)),
        ("2023-02-29", .noSuchDate(year: 2023, month: 2, day: 29)),
        ("2026-04-31", .noSuchDate(year: 2026, month: 4, day: 31)),
        ("2015-00-10", .noSuchDate(year: 2015, month: 0, day: 10)),
        // Not written as a date at all, or a year Shouhu does not take: the format message.
        ("30/02/2015", .date), ("明天", .date), ("2015-2", .date), ("1800-02-30", .date), ("2015-02-3x", .date),
    ])
    func problem(_ raw: String, _ expected: FieldProblem) {
        #expect(FieldParsing.date(raw) == nil)
        #expect(FieldParsing.dateProblem(raw) == expected)
    }

    @Test func toldInBothLanguages() throws {
        let zh = try Strings.load(.zhHans), en = try Strings.load(.en)
        #expect(zh.describe(.noSuchDate(year: 2015, month: 2, day: 30)) == "日期不存在：2015 年 2 月没有 30 日")
        #expect(en.describe(.noSuchDate(year: 2015, month: 2, day: 30)) == "no such date: month 2 of 2015 has no day 30")
        #expect(zh.describe(.noSuchDate(year: 2019, month: 13, day: 45)) == "日期不存在：一年只有 12 个月，没有 13 月")
        #expect(en.describe(.noSuchDate(year: 2019, month: 13, day: 45)) == "no such date: there is no month 13")
        #expect(zh.describe(.date) == "日期格式应为 2026-09-01 或 20260901")
    }
}

/// A guardian whose relation was not given (an imported roster without 与儿童关系) shows as such in the file.
@Suite("Guardian relation not given, in the file")
struct RelationNotGivenFileTests {
    func fileLines(_ relation: GuardianRelation?, _ language: Language) throws -> [DetailView.Line] {
        var s = AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(language))
        s.principal = .coordinator("local")
        let child = Child(id: 5, name: "小明", guardian: Guardian(name: "李秀英", relation: relation, phone: "13912345678"))
        var d = DetailState(childID: 5)
        d.file = ChildFile(child: child, version: 1, history: [], growth: [], pairings: [], contacts: [])
        d.loaded = true
        s.detail = d
        return DetailView.lines(s)
    }

    @Test func shownAsNotGiven() throws {
        let zh = try Strings.load(.zhHans)
        #expect(try fileLines(nil, .zhHans).contains(.field(zh[.fieldGuardian], "李秀英（关系未填）")))
        #expect(try fileLines(.paternalGrandmother, .zhHans).contains(.field(zh[.fieldGuardian], "李秀英（奶奶）")))
        let en = try Strings.load(.en)
        #expect(try fileLines(nil, .en).contains(.field(en[.fieldGuardian], "李秀英 (relation not given)")))
    }
}
