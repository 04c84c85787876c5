import Domain
import Scheduling
import Testing

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

private typealias Entry = SemesterTemplate.Entry

private let autumn2026 = Semester.standard(year: 2026, term: .autumn)

private func entry(_ key: String, _ rule: SemesterTemplate.DateRule, terms: Set<Semester.Term> = [.autumn],
                   category: ActivityCategory = .other) -> Entry {
    Entry(key: key, title: "活动 \(key)", category: category, terms: terms, rule: rule, startTime: "09:30", endTime: "11:00",
          place: "留守儿童之家", organiser: "关工委", notes: "备注")
}

@Suite("Semester templates: dates for a semester")
struct SemesterTemplateTests {
    @Test func eachRuleResolvesInsideTheSemester() {
        let template = SemesterTemplate(name: "t", entries: [
            entry("tea", .monthWeek(month: 9, week: 2, weekday: 6)),
            entry("jan", .monthWeek(month: 1, week: 3, weekday: 5)),
            entry("law", .fixed(month: 12, day: 4)),
            entry("nine", .festival(.doubleNinth, offset: 0)),
            entry("national", .festival(.nationalDay, offset: -1)),
            entry("lastfri", .monthWeek(month: 10, week: -1, weekday: 5)),
        ])
        let plan = template.plan(for: autumn2026)
        let byKey = Dictionary(uniqueKeysWithValues: plan.activities.map { ($0.templateKey, $0.activity.date) })
        #expect(byKey == ["tea": day("2026-09-12"), "jan": day("2027-01-15"), "law": day("2026-12-04"),
                          "nine": day("2026-10-18"), "national": day("2026-09-30"), "lastfri": day("2026-10-30")])
        #expect(plan.skipped.isEmpty)
        // By date.
        #expect(plan.activities.map(\.activity.date) == plan.activities.map(\.activity.date).sorted())
        // The entry's texts and times are carried; a single entry is not a series.
        let tea = plan.activities.first { $0.templateKey == "tea" }!.activity
        #expect(tea == Activity(title: "活动 tea", category: .other, date: day("2026-09-12"), startTime: "09:30", endTime: "11:00",
                                place: "留守儿童之家", organiser: "关工委", notes: "备注"))
    }

    @Test func monthlyEntriesGiveOneAMonthAsASeries() {
        let template = SemesterTemplate(name: "t", entries: [
            entry("home", .monthly(.monthlyNthWeekday(n: 1, weekday: 6)), terms: [.autumn, .spring], category: .homeActivity),
        ])
        let plan = template.plan(for: autumn2026)
        #expect(plan.activities.map(\.templateKey) == ["home@2026-09", "home@2026-10", "home@2026-11", "home@2026-12", "home@2027-01"])
        #expect(plan.activities.map(\.activity.date) == ["2026-09-05", "2026-10-03", "2026-11-07", "2026-12-05", "2027-01-02"].map(day))
        #expect(Set(plan.activities.map(\.activity.seriesID)) == ["template:2026-autumn:home"])
        // The same in spring: a different semester, so keys may repeat.
        let spring = template.plan(for: Semester.standard(year: 2027, term: .spring))
        #expect(spring.activities.first?.templateKey == "home@2027-02")
        #expect(spring.activities.count == 6)
    }

    @Test func otherTermEntriesAreLeftOutAndMissingDaysAreSkippedWithAReason() {
        let template = SemesterTemplate(name: "t", entries: [
            entry("girls", .festival(.womensDay, offset: 0), terms: [.spring]),
            entry("newyear", .festival(.springFestival, offset: 3), terms: [.autumn, .spring]),
            entry("feb29", .fixed(month: 2, day: 29), terms: [.spring]),
            entry("summary", .monthWeek(month: 1, week: 3, weekday: 5)),
        ])
        // 春节 2027 is 6 February: not in the 2026 autumn term.
        let autumn = template.plan(for: autumn2026)
        #expect(autumn.activities.map(\.templateKey) == ["summary"])
        #expect(autumn.skipped.map(\.key) == ["newyear"])
        #expect(autumn.skipped[0].reason.description.contains("2027-02-09"), "\(autumn.skipped[0].reason)")
        // 春节 2028 is 26 January: in the 2027 autumn term.
        #expect(template.plan(for: Semester.standard(year: 2027, term: .autumn)).activities.first { $0.templateKey == "newyear" }?
                    .activity.date == day("2028-01-29"))
        // A shortened term loses the January entry; 2027 has no 29 February.
        let short = Semester(year: 2026, term: .autumn, start: day("2026-09-01"), end: day("2027-01-10"))
        let plan = template.plan(for: short)
        #expect(plan.activities.isEmpty)
        #expect(plan.skipped.first { $0.key == "summary" }?.reason.description.contains("outside the semester (2026-09-01 – 2027-01-10)") == true)
        let spring = template.plan(for: Semester.standard(year: 2027, term: .spring))
        #expect(spring.skipped.first { $0.key == "feb29" }?.reason.description.contains("no day") == true)
        #expect(spring.activities.map(\.templateKey) == ["newyear", "girls"])
        #expect(template.plan(for: Semester.standard(year: 2028, term: .spring)).activities.contains { $0.templateKey == "feb29" })
    }

    @Test func categoryNamesInChineseAndEnglish() {
        for c in ActivityCategory.allCases {
            #expect(ActivityCategoryNames.parse(c.rawValue) == c)
            #expect(ActivityCategoryNames.parse(ActivityCategoryNames.chinese(c)) == c)
        }
        #expect(ActivityCategoryNames.parse("座谈会") == .parentMeeting)
        #expect(ActivityCategoryNames.parse("outing") == nil)
    }
}
