import Domain

/// How a recurring activity repeats (家园活动 every first Saturday, a weekly 亲情电话 hour…).
///
/// Weekdays are ISO: 1 = Monday … 7 = Sunday, as Chinese calendars count them.
///
///     Recurrence.monthlyNthWeekday(n: 1, weekday: 6).dates(from: 2026-09-01, until: 2026-12-31)
///     // 2026-09-05, 2026-10-03, 2026-11-07, 2026-12-05
public enum Recurrence: Equatable, Sendable {
    /// Every week on `weekday` (1 = Monday … 7 = Sunday).
    case weekly(weekday: Int)
    /// Every month on this day (1…31); months too short for it are skipped (no 31 September).
    case monthlyOnDay(Int)
    /// Every month on the `n`-th `weekday` (n = 1…4, or -1 for the last).
    case monthlyNthWeekday(n: Int, weekday: Int)

    /// Why a rule is unusable, with the number at fault (the interface words it; `description` is
    /// English, for logs and tests).
    public enum Problem: Equatable, Sendable, CustomStringConvertible {
        /// A weekday outside 1 (Monday) … 7 (Sunday).
        case weekday(Int)
        /// A day of the month outside 1…31.
        case dayOfMonth(Int)
        /// A week of the month outside 1…4 and not -1 (the last).
        case weekOfMonth(Int)

        public var description: String {
            switch self {
            case .weekday(let n): return "weekday must be 1 (Monday) – 7 (Sunday), not \(n)"
            case .dayOfMonth(let n): return "day of month must be 1–31, not \(n)"
            case .weekOfMonth(let n): return "week of month must be 1–4 or -1 (the last), not \(n)"
            }
        }
    }

    /// Why the rule is unusable, or nil when it is fine.
    public var problem: Problem? {
        switch self {
        case let .weekly(weekday):
            return Self.weekdayProblem(weekday)
        case let .monthlyOnDay(day):
            return (1...31).contains(day) ? nil : .dayOfMonth(day)
        case let .monthlyNthWeekday(n, weekday):
            if n != -1 && !(1...4).contains(n) { return .weekOfMonth(n) }
            return Self.weekdayProblem(weekday)
        }
    }

    public var isValid: Bool { problem == nil }

    /// Every date of the rule from `start` to `end`, both included, in order; empty for an invalid rule
    /// or an empty range.
    public func dates(from start: LocalDate, until end: LocalDate) -> [LocalDate] {
        guard isValid, start <= end else { return [] }
        switch self {
        case let .weekly(weekday):
            var d = start.adding(days: (weekday - start.isoWeekday + 7) % 7)
            var out: [LocalDate] = []
            while d <= end { out.append(d); d = d.adding(days: 7) }
            return out
        case let .monthlyOnDay(day):
            return Self.months(from: start, until: end).compactMap { y, m in
                LocalDate(year: y, month: m, day: day).flatMap { start <= $0 && $0 <= end ? $0 : nil }
            }
        case let .monthlyNthWeekday(n, weekday):
            return Self.months(from: start, until: end).compactMap { y, m in
                Self.nthWeekday(n, weekday, year: y, month: m).flatMap { start <= $0 && $0 <= end ? $0 : nil }
            }
        }
    }

    /// The `n`-th `weekday` of a month (n = 1…5, or -1 for the last); nil when the month has no such day.
    ///
    ///     Recurrence.nthWeekday(2, 6, year: 2026, month: 9)   // 2026-09-12, the second Saturday
    public static func nthWeekday(_ n: Int, _ weekday: Int, year: Int, month: Int) -> LocalDate? {
        guard (1...7).contains(weekday), n == -1 || (1...5).contains(n),
              let first = LocalDate(year: year, month: month, day: 1) else { return nil }
        if n == -1 {
            let last = LocalDate(year: year, month: month, day: LocalDate.daysIn(month: month, year: year))!
            return last.adding(days: -((last.isoWeekday - weekday + 7) % 7))
        }
        let d = first.adding(days: (weekday - first.isoWeekday + 7) % 7 + 7 * (n - 1))
        return d.month == month ? d : nil
    }

    /// The (year, month) pairs that `start…end` touches, in order.
    static func months(from start: LocalDate, until end: LocalDate) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        var (y, m) = (start.year, start.month)
        while (y, m) <= (end.year, end.month) {
            out.append((y, m))
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return out
    }

    static func weekdayProblem(_ weekday: Int) -> Problem? {
        (1...7).contains(weekday) ? nil : .weekday(weekday)
    }
}
