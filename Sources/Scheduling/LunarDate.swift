import Domain
import Foundation

/// A day of the Chinese lunisolar calendar (农历): month 1…12, possibly a leap month (闰月), day 1…30.
///
/// Converted with Foundation's `Calendar(identifier: .chinese)`, cached per Gregorian month so a
/// whole month grid can be labelled on every frame.
///
///     LunarDate(LocalDate(year: 2026, month: 2, day: 17)!).label   // "正月" (first day shows the month)
///     LunarDate(LocalDate(year: 2026, month: 3, day: 3)!).label    // "十五"
///     LunarDate(LocalDate(year: 2025, month: 7, day: 25)!).label   // "闰六月"
public struct LunarDate: Hashable, Sendable, CustomStringConvertible {
    public let month: Int
    public let day: Int
    public let isLeapMonth: Bool

    /// Nil unless month is 1…12 and day 1…30.
    public init?(month: Int, day: Int, isLeapMonth: Bool = false) {
        guard (1...12).contains(month), (1...30).contains(day) else { return nil }
        self.month = month; self.day = day; self.isLeapMonth = isLeapMonth
    }

    init(unchecked month: Int, _ day: Int, _ isLeapMonth: Bool) {
        self.month = month; self.day = day; self.isLeapMonth = isLeapMonth
    }

    /// The lunar day of a Gregorian date, as reckoned in `timeZone` (China Standard Time by default).
    public init(_ date: LocalDate, timeZone: TimeZone = ChinaTime.zone) {
        self = LunarCalendar.shared.lunarDate(date, timeZone: timeZone)
    }

    /// The lunar days of every day of a Gregorian month, day 1 first (cached).
    public static func days(year: Int, month: Int, timeZone: TimeZone = ChinaTime.zone) -> [LunarDate] {
        LunarCalendar.shared.month(year: year, month: month, timeZone: timeZone)
    }

    static let monthNames = ["正月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "冬月", "腊月"]
    static let digits = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// 正月, 二月 … 十月, 冬月, 腊月; a leap month is 闰六月.
    public var monthName: String { (isLeapMonth ? "闰" : "") + Self.monthNames[month - 1] }

    /// 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十.
    public var dayName: String {
        switch day {
        case 1...10: return "初" + Self.digits[day - 1]
        case 11...19: return "十" + Self.digits[day - 11]
        case 20: return "二十"
        case 21...29: return "廿" + Self.digits[day - 21]
        default: return "三十"
        }
    }

    /// What a Chinese wall calendar prints under the date: the day, or on the first day of a lunar
    /// month the month's name (正月, 闰六月). Two characters, three for a leap month.
    public var label: String { day == 1 ? monthName : dayName }

    /// The full form, `闰六月初一`.
    public var description: String { monthName + dayName }
}

/// What goes under the date in a month grid, as on a Chinese wall calendar.
public enum WallCalendar {
    /// The festival's short name if one falls on `date` (春节, 重阳…), else the lunar label (初一, 十五, 正月).
    public static func label(for date: LocalDate, timeZone: TimeZone = ChinaTime.zone) -> String {
        if let festival = Festival.festivals(on: date, timeZone: timeZone).first { return festival.shortName }
        return LunarDate(date, timeZone: timeZone).label
    }
}

/// Foundation's Chinese calendar behind a small thread-safe cache: lunar days per Gregorian month,
/// festival lists per year, one `Calendar` per time zone.
///
/// A cold month costs one Foundation conversion for its first day and one at each lunar month's
/// end (4–5 in all, a few microseconds each); a warm month is a dictionary look-up.
final class LunarCalendar: @unchecked Sendable {
    static let shared = LunarCalendar()

    private struct MonthKey: Hashable { let zone: String; let year: Int; let month: Int }
    private struct YearKey: Hashable { let zone: String; let year: Int }

    private let lock = NSLock()
    private var calendars: [String: Calendar] = [:]
    private var months: [MonthKey: [LunarDate]] = [:]
    private var festivalLists: [YearKey: [(Festival, LocalDate)]] = [:]
    /// Enough for years of paging back and forth; the cache is simply emptied past it.
    private let maxEntries = 600

    func lunarDate(_ date: LocalDate, timeZone: TimeZone) -> LunarDate {
        month(year: date.year, month: date.month, timeZone: timeZone)[date.day - 1]
    }

    func month(year: Int, month: Int, timeZone: TimeZone) -> [LunarDate] {
        let key = MonthKey(zone: timeZone.identifier, year: year, month: month)
        lock.lock()
        defer { lock.unlock() }
        if let cached = months[key] { return cached }
        let calendar = chineseCalendar(timeZone)
        let count = LocalDate.daysIn(month: month, year: year)
        var days: [LunarDate] = []
        days.reserveCapacity(count)
        for d in 1...count {
            // Lunar months have 29 or 30 days: only after a 29th can the next day start a new month.
            if let previous = days.last, previous.day < 29 {
                days.append(LunarDate(unchecked: previous.month, previous.day + 1, previous.isLeapMonth))
            } else if let date = LocalDate(year: year, month: month, day: d) {
                days.append(Self.convert(date, calendar, timeZone))
            }
        }
        if months.count >= maxEntries { months.removeAll(keepingCapacity: true) }
        months[key] = days
        return days
    }

    func festivals(in year: Int, timeZone: TimeZone) -> [(Festival, LocalDate)] {
        let key = YearKey(zone: timeZone.identifier, year: year)
        lock.lock()
        if let cached = festivalLists[key] { lock.unlock(); return cached }
        lock.unlock()
        let list = Festival.computeFestivals(in: year, timeZone: timeZone) // takes the lock itself
        lock.lock()
        defer { lock.unlock() }
        if festivalLists.count >= maxEntries { festivalLists.removeAll(keepingCapacity: true) }
        festivalLists[key] = list
        return list
    }

    /// The Gregorian date of lunar `month`/`day` (never a leap month) in the lunar year whose New Year
    /// falls in Gregorian `year` (it always does, between 21 January and 20 February).
    func gregorianDate(lunarMonth: Int, day: Int, lunarYearStartingIn year: Int, timeZone: TimeZone) -> LocalDate? {
        guard let june = LocalDate(year: year, month: 6, day: 1) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        let calendar = chineseCalendar(timeZone)
        // 1 June is always past the New Year, so its era and cyclic year name the lunar year.
        let yearOfJune = calendar.dateComponents([.era, .year], from: Self.noon(june, timeZone))
        var wanted = DateComponents()
        wanted.era = yearOfJune.era
        wanted.year = yearOfJune.year
        wanted.month = lunarMonth
        wanted.day = day
        wanted.isLeapMonth = false
        wanted.hour = 12
        guard let instant = calendar.date(from: wanted) else { return nil }
        let result = Self.localDate(instant, timeZone)
        // Trust but verify: the answer must convert back to the day asked for.
        let back = Self.convert(result, calendar, timeZone)
        guard back.month == lunarMonth, back.day == day, !back.isLeapMonth else { return nil }
        return result
    }

    private func chineseCalendar(_ timeZone: TimeZone) -> Calendar {
        if let c = calendars[timeZone.identifier] { return c }
        var c = Calendar(identifier: .chinese)
        c.timeZone = timeZone
        calendars[timeZone.identifier] = c
        return c
    }

    private static func convert(_ date: LocalDate, _ calendar: Calendar, _ timeZone: TimeZone, depth: Int = 0) -> LunarDate {
        let c = calendar.dateComponents([.month, .day, .isLeapMonth], from: noon(date, timeZone))
        let day = c.day ?? 1
        if day < 1, depth == 0 {
            // Foundation answers "day 0" on a day whose new moon falls within seconds of midnight
            // (1950–2150: 2057-09-28 and 2097-08-07). Its next day is the 1st, so this one ends the
            // previous month: the day after the day before.
            let before = convert(date.adding(days: -1), calendar, timeZone, depth: 1)
            return LunarDate(unchecked: before.month, min(before.day + 1, 30), before.isLeapMonth)
        }
        return LunarDate(unchecked: c.month ?? 1, max(day, 1), c.isLeapMonth ?? false)
    }

    /// Noon of `date` in `timeZone`, as an instant (no `Date()`: built from the day number).
    static func noon(_ date: LocalDate, _ timeZone: TimeZone) -> Date {
        let utcNoon = Double(date.dayNumber) * 86400 + 12 * 3600
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: utcNoon))
        return Date(timeIntervalSince1970: utcNoon - Double(offset))
    }

    /// The local day of an instant in `timeZone`.
    static func localDate(_ instant: Date, _ timeZone: TimeZone) -> LocalDate {
        let seconds = instant.timeIntervalSince1970 + Double(timeZone.secondsFromGMT(for: instant))
        return LocalDate(dayNumber: Int((seconds / 86400).rounded(.down)))
    }
}
