import Domain
import Foundation
import Scheduling
import Storage

/// Computes the facts the calendar screen shows, once per month (see `MonthFacts`): lunar labels and
/// festivals from Scheduling (Foundation's Chinese calendar), the semester from the database.
enum CalendarFacts {
    static func month(year: Int, month: Int, database: AppDatabase, strings: Strings) throws -> MonthFacts {
        let first = LocalDate(year: year, month: month, day: 1)!
        let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!
        // The grid's month plus the days before and after that the agenda looks at.
        let from = first.adding(days: -7), to = last.adding(days: 14)
        let english = strings.language == .en
        var days: [LocalDate: DayFacts] = [:]
        var cursor = LocalDate(year: from.year, month: from.month, day: 1)!
        while cursor <= to {
            let lunar = LunarDate.days(year: cursor.year, month: cursor.month)
            for (i, l) in lunar.enumerated() {
                let date = LocalDate(year: cursor.year, month: cursor.month, day: i + 1)!
                guard from <= date && date <= to else { continue }
                let festivals = Festival.festivals(on: date).map { english ? $0.englishName : $0.shortName }
                days[date] = DayFacts(lunarLabel: l.label, lunarFull: l.description, festivals: festivals)
            }
            cursor = CalendarUpdate.shiftMonth(cursor, by: 1)
        }
        var activities: [LocalDate: [Activity]] = [:]
        for a in try database.activities(from: from, to: to) { activities[a.date, default: []].append(a) }
        let semester = try database.semester(id: Semester.standard(containing: LocalDate(year: year, month: month, day: 15)!).id)
        var facts = MonthFacts(year: year, month: month, days: days,
                               semesterName: strings.semesterName(semester),
                               semesterStart: semester.start, semesterEnd: semester.end)
        facts.activities = activities
        facts.attendance = try database.attendanceCounts(from: from, to: to)
        return facts
    }
}
