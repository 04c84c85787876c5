import Domain
import Foundation

/// A semester plan (工作行事历) as a community writes it once and applies to every term: which
/// activities, and when, by rule rather than by date ("the second Saturday of September",
/// "10-01", "重阳", "the first Saturday of every month").
///
/// Read from YAML by Interchange's `SemesterTemplateReader`; `plan(for:)` turns it into dated
/// activities for one semester, purely.
public struct SemesterTemplate: Equatable, Sendable {
    public var name: String
    public var entries: [Entry]

    public init(name: String, entries: [Entry]) {
        self.name = name; self.entries = entries
    }

    /// When an entry's activity takes place.
    public enum DateRule: Equatable, Sendable {
        /// The `week`-th `weekday` of `month` (week 2, weekday 6: the second Saturday; week -1: the last).
        case monthWeek(month: Int, week: Int, weekday: Int)
        /// The same month and day every year (`10-01`).
        case fixed(month: Int, day: Int)
        /// A festival's day, moved by `offset` days (-1: the day before).
        case festival(Festival, offset: Int)
        /// Once in every month of the semester, by this rule (家园活动 on the first Saturday).
        case monthly(Recurrence)
    }

    /// One planned activity of the template.
    public struct Entry: Equatable, Sendable {
        /// Identifies the entry across applications (two applications to one semester create it once).
        public var key: String
        public var title: String
        public var category: ActivityCategory
        /// The terms it belongs to (autumn, spring or both).
        public var terms: Set<Semester.Term>
        public var rule: DateRule
        public var startTime: String?
        public var endTime: String?
        public var place: String
        public var organiser: String
        public var notes: String
        /// The line of the template file it was read from (0 when not read from a file).
        public var line: Int

        public init(key: String, title: String, category: ActivityCategory, terms: Set<Semester.Term>, rule: DateRule,
                    startTime: String? = nil, endTime: String? = nil, place: String = "", organiser: String = "",
                    notes: String = "", line: Int = 0) {
            self.key = key; self.title = title; self.category = category; self.terms = terms; self.rule = rule
            self.startTime = startTime; self.endTime = endTime; self.place = place; self.organiser = organiser
            self.notes = notes; self.line = line
        }
    }
}

/// An activity a template plans in a semester, with the key that makes applying it idempotent.
public struct PlannedActivity: Equatable, Sendable {
    /// Unique within the semester: the entry key, plus `@YYYY-MM` for a monthly entry.
    public var templateKey: String
    public var activity: Activity

    public init(templateKey: String, activity: Activity) {
        self.templateKey = templateKey; self.activity = activity
    }
}

/// A template resolved for one semester.
public struct SemesterPlan: Equatable, Sendable {
    /// An entry of the semester's term that has no day in it (a shortened term, 春节 in the other term…).
    public struct Skipped: Equatable, Sendable {
        public var key: String
        public var title: String
        public var reason: SkipReason
    }

    /// Why an entry has no day in the semester (the interface words it; `description` is English,
    /// for logs and tests).
    public enum SkipReason: Error, Equatable, Sendable, CustomStringConvertible {
        /// The rule gives no day at all in the semester's calendar years (29 February in a common year).
        case noDay(SemesterTemplate.DateRule, years: [Int])
        /// The rule's days in those years all fall outside the semester's dates.
        case outside(SemesterTemplate.DateRule, days: [LocalDate], start: LocalDate, end: LocalDate)
        /// A monthly rule gives no day between the semester's first and last.
        case noMonthlyDay(start: LocalDate, end: LocalDate)

        public var description: String {
            switch self {
            case let .noDay(rule, years):
                return "\(rule) has no day in \(years.map(String.init).joined(separator: "/"))"
            case let .outside(rule, days, start, end):
                return "\(rule) falls on \(days.map(\.description).joined(separator: ", ")), outside the semester (\(start) – \(end))"
            case let .noMonthlyDay(start, end):
                return "the monthly rule has no day in the semester (\(start) – \(end))"
            }
        }
    }

    public var semester: Semester
    /// By date, then template order.
    public var activities: [PlannedActivity]
    public var skipped: [Skipped]
}

extension SemesterTemplate {
    /// The dated activities this template plans in `semester`: each entry of its term on the day its
    /// rule gives inside the semester's dates (a monthly entry once a month, all sharing a series id
    /// `template:<semester>:<key>`). Entries of the other term are left out silently; entries of this
    /// term without a day in it are listed in `skipped` with the reason.
    public func plan(for semester: Semester) -> SemesterPlan {
        var planned: [(Int, PlannedActivity)] = []
        var skipped: [SemesterPlan.Skipped] = []
        for (index, entry) in entries.enumerated() where entry.terms.contains(semester.term) {
            func activity(on date: LocalDate, series: String? = nil) -> Activity {
                Activity(title: entry.title, category: entry.category, date: date, startTime: entry.startTime,
                         endTime: entry.endTime, place: entry.place, organiser: entry.organiser, notes: entry.notes,
                         seriesID: series)
            }
            switch Self.resolve(entry.rule, in: semester) {
            case let .success(dates) where dates.count == 1 && !entry.rule.isMonthly:
                planned.append((index, PlannedActivity(templateKey: entry.key, activity: activity(on: dates[0]))))
            case let .success(dates):
                let series = "template:\(semester.id):\(entry.key)"
                for d in dates {
                    let key = entry.key + "@" + String(d.description.prefix(7))
                    planned.append((index, PlannedActivity(templateKey: key, activity: activity(on: d, series: series))))
                }
            case let .failure(reason):
                skipped.append(SemesterPlan.Skipped(key: entry.key, title: entry.title, reason: reason))
            }
        }
        let sorted = planned.sorted { ($0.1.activity.date, $0.0) < ($1.1.activity.date, $1.0) }.map(\.1)
        return SemesterPlan(semester: semester, activities: sorted, skipped: skipped)
    }

    /// The days of `rule` inside the semester: one for a dated rule, one a month for a monthly one.
    static func resolve(_ rule: DateRule, in s: Semester) -> Result<[LocalDate], SemesterPlan.SkipReason> {
        let years = s.start.year == s.end.year ? [s.start.year] : Array(s.start.year...s.end.year)
        /// The first candidate inside the semester, else why none is.
        func first(_ candidates: [LocalDate?]) -> Result<[LocalDate], SemesterPlan.SkipReason> {
            let days = candidates.compactMap { $0 }
            if let d = days.first(where: s.contains) { return .success([d]) }
            if days.isEmpty { return .failure(.noDay(rule, years: years)) }
            return .failure(.outside(rule, days: days, start: s.start, end: s.end))
        }
        switch rule {
        case let .monthWeek(month, week, weekday):
            return first(years.map { Recurrence.nthWeekday(week, weekday, year: $0, month: month) })
        case let .fixed(month, day):
            return first(years.map { LocalDate(year: $0, month: month, day: day) })
        case let .festival(festival, offset):
            return first(years.map { festival.date(in: $0)?.adding(days: offset) })
        case let .monthly(recurrence):
            let days = recurrence.dates(from: s.start, until: s.end)
            return days.isEmpty ? .failure(.noMonthlyDay(start: s.start, end: s.end)) : .success(days)
        }
    }
}

extension SemesterTemplate.DateRule: CustomStringConvertible {
    var isMonthly: Bool { if case .monthly = self { return true } else { return false } }

    /// In English, for logs and tests: `week 2, weekday 6 of month 9`, `10-1`, `double_ninth -1 days`.
    public var description: String {
        switch self {
        case let .monthWeek(month, week, weekday): return "week \(week), weekday \(weekday) of month \(month)"
        case let .fixed(month, day): return "\(month)-\(day)"
        case let .festival(festival, offset):
            return offset == 0 ? festival.rawValue : "\(festival.rawValue) \(offset > 0 ? "+" : "")\(offset) days"
        case let .monthly(recurrence): return "monthly \(recurrence)"
        }
    }
}

/// Chinese and English names of activity categories, as templates and exports write them.
public enum ActivityCategoryNames {
    /// 家园活动, 节日活动…
    public static func chinese(_ c: ActivityCategory) -> String {
        switch c {
        case .homeActivity: return "家园活动"
        case .festival: return "节日活动"
        case .familyCall: return "亲情电话"
        case .parentMeeting: return "家长会/座谈会"
        case .training: return "培训"
        case .counselling: return "心理辅导"
        case .safetyEducation: return "法制安全教育"
        case .visit: return "慰问"
        case .other: return "其他"
        }
    }

    /// The category a template names, by raw value (`home_activity`) or Chinese name (家园活动, 家长会, 座谈会).
    public static func parse(_ text: String) -> ActivityCategory? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let c = ActivityCategory(rawValue: t.lowercased()) { return c }
        if let c = ActivityCategory.allCases.first(where: { chinese($0) == t }) { return c }
        switch t {
        case "家长会", "座谈会": return .parentMeeting
        case "法制教育", "安全教育": return .safetyEducation
        default: return nil
        }
    }
}
