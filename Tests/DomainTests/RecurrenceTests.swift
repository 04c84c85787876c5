import Domain
import Scheduling
import Testing

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }
private func days(_ list: [String]) -> [LocalDate] { list.map(day) }

@Suite("Recurrence expansion")
struct RecurrenceTests {
    @Test func weeklyStartsOnTheFirstMatchingDay() {
        // 2026-09-01 is a Tuesday: the first Monday is the 7th.
        #expect(Recurrence.weekly(weekday: 1).dates(from: day("2026-09-01"), until: day("2026-09-30"))
                == days(["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28"]))
        // A start on the weekday itself is the first occurrence; the last day is included.
        #expect(Recurrence.weekly(weekday: 2).dates(from: day("2026-09-01"), until: day("2026-09-15"))
                == days(["2026-09-01", "2026-09-08", "2026-09-15"]))
        // Sunday is 7, across a year end.
        #expect(Recurrence.weekly(weekday: 7).dates(from: day("2026-12-25"), until: day("2027-01-10"))
                == days(["2026-12-27", "2027-01-03", "2027-01-10"]))
    }

    @Test func monthlyOnDay31SkipsShortMonths() {
        #expect(Recurrence.monthlyOnDay(31).dates(from: day("2026-09-01"), until: day("2027-03-31"))
                == days(["2026-10-31", "2026-12-31", "2027-01-31", "2027-03-31"]))
        // 29 February only in a leap year.
        #expect(Recurrence.monthlyOnDay(29).dates(from: day("2027-01-01"), until: day("2028-03-31"))
                .filter { $0.month == 2 } == days(["2028-02-29"]))
        // Days before the start or after the end are left out.
        #expect(Recurrence.monthlyOnDay(15).dates(from: day("2026-09-16"), until: day("2026-11-14"))
                == days(["2026-10-15"]))
    }

    @Test func nthWeekdayOfTheMonth() {
        // The first Saturday of each month of the 2026 autumn term (家园活动).
        #expect(Recurrence.monthlyNthWeekday(n: 1, weekday: 6).dates(from: day("2026-09-01"), until: day("2027-01-31"))
                == days(["2026-09-05", "2026-10-03", "2026-11-07", "2026-12-05", "2027-01-02"]))
        // The fourth Thursday.
        #expect(Recurrence.monthlyNthWeekday(n: 4, weekday: 4).dates(from: day("2026-11-01"), until: day("2026-12-31"))
                == days(["2026-11-26", "2026-12-24"]))
        // The second Saturday (a template's "week 2, weekday 6").
        #expect(Recurrence.nthWeekday(2, 6, year: 2026, month: 9) == day("2026-09-12"))
        // A fifth one exists only in some months.
        #expect(Recurrence.nthWeekday(5, 4, year: 2026, month: 10) == day("2026-10-29"))
        #expect(Recurrence.nthWeekday(5, 6, year: 2026, month: 9) == nil)
    }

    @Test func lastWeekdayOfTheMonth() {
        #expect(Recurrence.monthlyNthWeekday(n: -1, weekday: 5).dates(from: day("2026-09-01"), until: day("2027-01-31"))
                == days(["2026-09-25", "2026-10-30", "2026-11-27", "2026-12-25", "2027-01-29"]))
        // The last day of the month itself (2026-01-31 was a Saturday), and February of a leap year.
        #expect(Recurrence.nthWeekday(-1, 6, year: 2026, month: 1) == day("2026-01-31"))
        #expect(Recurrence.nthWeekday(-1, 2, year: 2028, month: 2) == day("2028-02-29"))
    }

    @Test func invalidRulesAndEmptyRangesGiveNothing() {
        let bad: [Recurrence] = [.weekly(weekday: 0), .weekly(weekday: 8), .monthlyOnDay(0), .monthlyOnDay(32),
                                 .monthlyNthWeekday(n: 0, weekday: 1), .monthlyNthWeekday(n: 5, weekday: 1),
                                 .monthlyNthWeekday(n: -2, weekday: 1), .monthlyNthWeekday(n: 1, weekday: 0)]
        for rule in bad {
            #expect(rule.problem != nil, "\(rule)")
            #expect(rule.dates(from: day("2026-01-01"), until: day("2026-12-31")).isEmpty)
        }
        #expect(Recurrence.weekly(weekday: 1).problem == nil)
        #expect(Recurrence.weekly(weekday: 1).dates(from: day("2026-09-30"), until: day("2026-09-01")).isEmpty)
        #expect(Recurrence.monthlyOnDay(31).dates(from: day("2026-09-01"), until: day("2026-09-30")).isEmpty)
    }
}
