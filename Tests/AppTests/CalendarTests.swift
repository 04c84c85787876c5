import Domain
import Storage
import Testing
import TerminalUI
@testable import App

@Suite("Calendar screen")
struct CalendarTests {
    func state() throws -> AppState {
        AppState(size: Size(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans))
    }

    @Test func showingTheCalendarLoadsTheMonthOnce() throws {
        var s = try state()
        #expect(Update.update(&s, .key(.char("3"))) == [.loadMonth(year: 2026, month: 11)])
        #expect(s.screen == .calendar && s.keyContexts == [.calendar, .global])
        _ = Update.update(&s, .monthLoaded(MonthFacts(year: 2026, month: 11, days: [:], semesterName: nil, semesterStart: nil,
                                                      semesterEnd: nil)))
        _ = Update.update(&s, .key(.char("1")))
        #expect(Update.update(&s, .key(.char("3"))) == [])
    }

    @Test func movingTheDayAndTheMonth() throws {
        var s = try state()
        _ = Update.update(&s, .key(.char("3")))
        #expect(Update.update(&s, .key(.right)) == [])
        #expect(s.calendar.selected == LocalDate(year: 2026, month: 11, day: 24))
        _ = Update.update(&s, .key(.char("k")))
        #expect(s.calendar.selected == LocalDate(year: 2026, month: 11, day: 17))
        #expect(Update.update(&s, .key(.char(">"))) == [.loadMonth(year: 2026, month: 12)])
        #expect(s.calendar.selected == LocalDate(year: 2026, month: 12, day: 17))
        _ = Update.update(&s, .key(.char(">")))
        _ = Update.update(&s, .key(.char(">")))
        #expect(s.calendar.selected == LocalDate(year: 2027, month: 2, day: 17))
        // A long month's last day moves to a short month's last day.
        s.calendar.selected = LocalDate(year: 2027, month: 1, day: 31)!
        _ = Update.update(&s, .key(.pageDown))
        #expect(s.calendar.selected == LocalDate(year: 2027, month: 2, day: 28))
        #expect(Update.update(&s, .key(.char("t"))) == [.loadMonth(year: 2026, month: 11)])
        #expect(s.calendar.selected == fixedToday)
        // Crossing a month by days loads it too.
        s.calendar.selected = LocalDate(year: 2026, month: 11, day: 30)!
        #expect(Update.update(&s, .key(.char("l"))) == [.loadMonth(year: 2026, month: 12)])
    }
}

@Suite("Calendar screen with the real calendar")
struct CalendarScreenTests {
    /// The week number turns on Mondays, with the calendar's rows: a term starting on Tuesday
    /// 1 September 2026 has Monday 7 and Tuesday 8 December in one week (15), not 14 and 15.
    @Test func theSemesterWeekTurnsOnMondays() {
        let start = LocalDate(year: 2026, month: 9, day: 1)!
        let week = { (m: Int, d: Int) in CalendarUpdate.semesterWeek(of: LocalDate(year: 2026, month: m, day: d)!, start: start) }
        #expect(week(9, 1) == 1 && week(9, 6) == 1)   // Tuesday to Sunday of the first row
        #expect(week(9, 7) == 2)                      // the next Monday
        #expect(week(12, 7) == 15 && week(12, 8) == 15 && week(12, 13) == 15 && week(12, 14) == 16)
    }

    @Test func lunarDaysFestivalsAndTheSemesterWeek() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("3"))
        let facts = try #require(p.state.calendar.facts)
        #expect(facts.days[LocalDate(year: 2026, month: 11, day: 23)!]?.lunarFull == "十月十五")
        p.press(.char("<"))
        let october = try #require(p.state.calendar.facts)
        #expect(october.month == 10)
        #expect(october.days[LocalDate(year: 2026, month: 10, day: 18)!]?.festivals == ["重阳"])
        #expect(october.days[LocalDate(year: 2026, month: 10, day: 1)!]?.festivals == ["国庆"])
        #expect(p.screen.contains("重阳") && p.screen.contains("国庆"))
        #expect(p.screen.contains("2026年秋季学期 · 第 8 周")) // 2026-10-23 is 52 days after Sep 1
    }

    @Test(arguments: [Language.zhHans, .en], GoldenScreenTests.sizes)
    func golden(language: Language, size: Size) throws {
        let p = try makeProgram(size: size, language: language)
        p.press(.char("3"))
        expectGolden(p.screen, "calendar-\(language.rawValue)-\(size.width)x\(size.height)")
    }
}

@Suite("Activities on the calendar")
struct ActivityScreenTests {
    @Test func addingEditingAndCancellingAnActivity() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("3"), .char("a"))
        #expect(p.state.activityForm?.value(.date) == "2026-11-23")
        p.type("家庭茶话会")
        p.press(.tab)
        p.type("节") // category by typing: 节日活动
        #expect(p.state.activityForm?.value(.category) == ActivityCategory.festival.rawValue)
        p.press(.tab, .tab)
        p.type("930")
        p.press(.tab)
        p.type("9")
        p.press(.ctrl("s"))
        #expect(p.state.activityForm?.focusedField == .endTime) // "9" is not a time
        p.press(.ctrl("u"))
        p.type("1130")
        p.press(.tab)
        p.type("村委会")
        p.press(.ctrl("s"))
        #expect(p.state.activityForm == nil)
        let a = try #require(p.state.calendar.selectedActivity)
        #expect(a.title == "家庭茶话会" && a.startTime == "09:30" && a.endTime == "11:30" && a.place == "村委会")
        #expect(p.screen.contains("09:30–11:30  家庭茶话会"))
        #expect(p.screen.contains("23•")) // the day is marked in the grid
        let stored = try p.runtime.database.activities(from: fixedToday, to: fixedToday)
        #expect(stored.map(\.title) == ["家庭茶话会"])

        p.press(.char("e"))
        p.press(.ctrl("u"))
        p.type("亲情茶话会")
        p.press(.ctrl("s"))
        #expect(try p.runtime.database.activities(from: fixedToday, to: fixedToday).map(\.title) == ["亲情茶话会"])

        p.press(.char("x"))
        #expect(p.state.prompt == .cancelActivity)
        p.press(.char("y"))
        #expect(p.state.calendar.selectedActivity?.cancelled == true)
        #expect(p.screen.contains(p.state.strings[.activityCancelled]))
        #expect(!p.screen.contains("23•")) // a cancelled activity no longer marks the day
    }
}

@Suite("Attendance")
struct AttendanceTests {
    @Test func tickingChildrenAndSaving() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        let db = p.runtime.database
        _ = try db.addActivity(Activity(title: "六一游园", category: .festival, date: fixedToday), actor: "t", timestamp: "t")
        p.press(.char("3"))
        let activity = try #require(p.state.calendar.selectedActivity)
        p.press(.char("m"))
        #expect(p.state.keyContexts == [.attendance])
        let first = try #require(p.state.attendancePicker?.children.first)
        p.press(.char(" ")) // ticks the first child and moves down
        p.press(.char(" "))
        #expect(p.state.attendancePicker?.attended.count == 2)
        p.press(.up, .char(" ")) // unticks the second
        #expect(p.state.attendancePicker?.attended == [first.id])
        // Typing searches; the ticks stay.
        let other = try #require(p.state.attendancePicker?.children.last)
        p.type(String(other.name.prefix(2)))
        #expect(p.state.attendancePicker?.children.contains { $0.id == other.id } == true)
        let index = try #require(p.state.attendancePicker?.children.firstIndex { $0.id == other.id })
        for _ in 0..<index { p.press(.down) }
        p.press(.char(" "), .enter)
        #expect(p.state.attendancePicker == nil)
        #expect(Set(try db.attendance(activityID: try #require(activity.id))) == [first.id, other.id])
        #expect(p.screen.contains(p.state.strings.format(.attendanceCount, 2)))
        #expect(p.state.message?.text == p.state.strings.format(.attendanceSavedMessage, 2)) // not "activity saved"
        // Reopening shows the saved ticks; Esc discards changes.
        p.press(.char("m"))
        #expect(p.state.attendancePicker?.attended == [first.id, other.id])
        p.press(.char(" "), .escape)
        #expect(try db.attendanceCount(activityID: activity.id!) == 2)
    }
}

@Suite("Repeating activities")
struct RepeatingActivityTests {
    @Test func weeklyUntilTheTermEndThenOneDayOrTheRest() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        let db = p.runtime.database
        p.press(.char("3"), .char("a"))
        p.type("周末课堂")
        while p.state.activityForm?.focusedField != .repeats { p.press(.tab) }
        p.press(.right) // weekly
        #expect(p.state.activityForm?.value(.repeats) == RepeatChoice.weekly.rawValue)
        p.press(.ctrl("s"))
        // Mondays from 2026-11-23 to the end of the autumn term (2027-01-31): 10 of them.
        let all = try db.activities(from: fixedToday, to: LocalDate(year: 2027, month: 1, day: 31)!)
        #expect(all.count == 10 && all.allSatisfy { $0.date.isoWeekday == 1 && $0.seriesID != nil })
        #expect(p.screen.contains("11/30 周末课堂")) // the coming week lists it

        // Editing one day of a series asks which days.
        p.press(.char("e"), .ctrl("u"))
        p.type("周末课堂（改期）")
        p.press(.ctrl("s"))
        guard case .activityScope = p.state.prompt else { Issue.record("expected the scope question"); return }
        p.press(.char("1"))
        let after = try db.activities(from: fixedToday, to: LocalDate(year: 2027, month: 1, day: 31)!)
        #expect(after.filter { $0.title == "周末课堂（改期）" }.count == 1)
        // Cancelling from the next week on cancels the rest of the series.
        p.press(.char("l"), .char("l"), .char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
        p.press(.char("x"), .char("2"))
        let final = try db.activities(from: fixedToday, to: LocalDate(year: 2027, month: 1, day: 31)!)
        #expect(final.filter(\.cancelled).count == 9 && final.filter { !$0.cancelled }.count == 1)
        // Deleting asks first and keeps nothing on the calendar for that day.
        p.press(.char("D"))
        #expect(p.state.prompt != nil)
        p.press(.char("1"))
        #expect(try db.activities(from: fixedToday.adding(days: 7), to: fixedToday.adding(days: 7)).isEmpty)
    }
}

@Suite("Term dates from the calendar")
struct SemesterFormTests {
    @Test func changingTheTermEnd() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("3"), .char("S"))
        #expect(p.state.semesterForm?.value(.start) == "2026-09-01")
        p.press(.ctrl("u"))
        p.type("20260907")
        p.press(.tab, .ctrl("u"))
        p.type("2027-01-2x")
        p.press(.ctrl("s"))
        #expect(p.state.semesterForm?.focusedField == .end) // not a date
        p.press(.backspace)
        p.type("4")
        p.press(.ctrl("s"))
        #expect(p.state.semesterForm == nil)
        let s = try p.runtime.database.semester(id: "2026-autumn")
        #expect(s.start == LocalDate(year: 2026, month: 9, day: 7) && s.end == LocalDate(year: 2027, month: 1, day: 24))
        #expect(p.screen.contains("2026年秋季学期 · 第 12 周")) // 2026-11-23 is 77 days after Sep 7
        // A refused change is explained and changes nothing.
        p.press(.char("S"), .ctrl("u"))
        p.type("2026-12-01")
        p.press(.ctrl("s"))
        #expect(p.state.message?.isError == true)
        #expect(try p.runtime.database.semester(id: "2026-autumn").start == LocalDate(year: 2026, month: 9, day: 7))
    }
}

@Suite("Calendar messages")
struct CalendarMessageTests {
    @Test func savingAnActivitySaysSo() throws {
        let p = try makeProgram(size: Size(width: 80, height: 24))
        p.press(.char("3"), .char("a"))
        p.type("茶话会")
        p.press(.ctrl("s"))
        #expect(p.screen.contains(p.state.strings[.activitySavedMessage]))
    }
}
