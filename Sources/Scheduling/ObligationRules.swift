import Domain

/// How long one period of an obligation lasts.
public enum PeriodUnit: String, CaseIterable, Codable, Sendable {
    case semester, quarter, month, week
}

/// One obligation (an entry of the rules file): a pairing of a role owes `count` contacts of a kind
/// each period, by a target date.
///
/// The default set is the five ones (五个一): for each primary pairing, per semester, one each of
/// home visit, heart-to-heart talk, class-teacher contact, guardian communication and letter.
public struct ObligationRule: Equatable, Sendable {
    /// Unique in the file: `visit`, `teacher-talk`, …
    public var id: String
    /// Names shown on screen and in reports (Chinese, English).
    public var nameZh: String
    public var nameEn: String
    public var kind: ContactKind
    /// Pairings of these roles owe it.
    public var pairRoles: Set<PairRole>
    public var period: PeriodUnit
    /// Contacts needed per period (1 for the five ones).
    public var count: Int
    /// The target: within this many days of the period's start (or of the pairing's start, when it
    /// began later). Nil: by the end of the period.
    public var withinDays: Int?
    /// Overrides the file's minimum active days for this obligation.
    public var minDays: Int?

    public init(id: String, nameZh: String, nameEn: String, kind: ContactKind, pairRoles: Set<PairRole> = [.primary],
                period: PeriodUnit = .semester, count: Int = 1, withinDays: Int? = nil, minDays: Int? = nil) {
        self.id = id; self.nameZh = nameZh; self.nameEn = nameEn; self.kind = kind; self.pairRoles = pairRoles
        self.period = period; self.count = count; self.withinDays = withinDays; self.minDays = minDays
    }

    public func name(english: Bool) -> String { english ? nameEn : nameZh }
}

/// The whole rules file: the obligations and the minimum days a pairing must be active in a period
/// to owe that period's obligations.
public struct ObligationRules: Equatable, Sendable {
    public var minDays: Int
    public var rules: [ObligationRule]

    public init(minDays: Int = 30, rules: [ObligationRule]) {
        self.minDays = minDays; self.rules = rules
    }

    /// The five ones, as the default rules file states them (used when no file can be read, and by tests).
    public static let fiveOnes = ObligationRules(minDays: 30, rules: [
        ObligationRule(id: "visit", nameZh: "家访", nameEn: "Home visit", kind: .visit),
        ObligationRule(id: "talk", nameZh: "谈心", nameEn: "Talk", kind: .talk),
        ObligationRule(id: "teacher", nameZh: "联系班主任", nameEn: "Class teacher", kind: .teacher),
        ObligationRule(id: "guardian", nameZh: "监护人沟通", nameEn: "Guardian", kind: .guardian),
        ObligationRule(id: "letter", nameZh: "写信", nameEn: "Letter", kind: .letter),
    ])
}

/// One period an obligation is counted over: a semester, a quarter or a month.
public struct Period: Hashable, Sendable {
    public var unit: PeriodUnit
    /// `2026-autumn`, `2026-Q4`, `2026-10`.
    public var id: String
    public var start: LocalDate
    public var end: LocalDate

    public init(unit: PeriodUnit, id: String, start: LocalDate, end: LocalDate) {
        self.unit = unit; self.id = id; self.start = start; self.end = end
    }

    public var days: Int { end.dayNumber - start.dayNumber + 1 }

    public func contains(_ date: LocalDate) -> Bool { start <= date && date <= end }

    /// The periods of a unit that belong to a semester.
    ///
    /// A month or quarter belongs to the semester in which it starts; one that starts between two
    /// semesters (a holiday gap of a community's own term dates) belongs to the next one. So every
    /// month and quarter belongs to exactly one semester, and is counted whole (contacts in the
    /// part that reaches into the next semester count too). `previousEnd` is the last day of the
    /// semester before (`semester.start - 1` with the default dates).
    public static func periods(_ unit: PeriodUnit, of semester: Semester, previousEnd: LocalDate? = nil) -> [Period] {
        switch unit {
        case .semester:
            return [Period(unit: .semester, id: semester.id, start: semester.start, end: semester.end)]
        case .week:
            let after = previousEnd ?? semester.start.adding(days: -1)
            // The first Monday after `after`.
            var start = after.adding(days: 1)
            while start.isoWeekday != 1 { start = start.adding(days: 1) }
            var result: [Period] = []
            while start <= semester.end {
                result.append(Period(unit: .week, id: isoWeekID(start), start: start, end: start.adding(days: 6)))
                start = start.adding(days: 7)
            }
            return result
        case .month, .quarter:
            let after = previousEnd ?? semester.start.adding(days: -1)
            let step = unit == .month ? 1 : 3
            // The first month (or quarter) that starts after `after`.
            var year = after.year
            var month = after.month
            if unit == .quarter { month = ((month - 1) / 3) * 3 + 1 }
            var result: [Period] = []
            while true {
                let start = LocalDate(year: year, month: month, day: 1)!
                if start > semester.end { break }
                let endMonth = month + step - 1
                let end = LocalDate(year: year, month: endMonth, day: LocalDate.daysIn(month: endMonth, year: year))!
                if start > after {
                    let id = unit == .month ? String(start.description.prefix(7)) : "\(year)-Q\((month - 1) / 3 + 1)"
                    result.append(Period(unit: unit, id: id, start: start, end: end))
                }
                month += step
                if month > 12 { month -= 12; year += 1 }
            }
            return result
        }
    }

    /// `2026-W36`: the ISO 8601 week of a Monday (the week-year is the year of its Thursday).
    static func isoWeekID(_ monday: LocalDate) -> String {
        let thursday = monday.adding(days: 3)
        let jan1 = LocalDate(year: thursday.year, month: 1, day: 1)!
        let week = (thursday.dayNumber - jan1.dayNumber) / 7 + 1
        return "\(thursday.year)-W" + (week < 10 ? "0\(week)" : "\(week)")
    }
}
