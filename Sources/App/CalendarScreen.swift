import Domain
import TerminalUI

/// What the calendar shows about one day: the lunar date (as printed under the date on a Chinese
/// wall calendar, and in full) and the festivals that fall on it.
public struct DayFacts: Equatable, Sendable {
    /// `初五`, or the month name on the first day (`十月`), `闰六月`.
    public var lunarLabel: String
    /// `十月初五`.
    public var lunarFull: String
    /// Festival names (Chinese), in the interface's language when it has one.
    public var festivals: [String]

    public init(lunarLabel: String, lunarFull: String, festivals: [String]) {
        self.lunarLabel = lunarLabel; self.lunarFull = lunarFull; self.festivals = festivals
    }
}

/// The facts of a span of days around a month, computed once per month by the runtime (Foundation's
/// Chinese calendar is too slow to call per cell per frame), with the semester the month is in.
public struct MonthFacts: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var days: [LocalDate: DayFacts]
    /// Activities by day (cancelled ones included, marked), for the grid's dots and the agenda.
    public var activities: [LocalDate: [Activity]] = [:]
    /// Children marked present, by activity id.
    public var attendance: [Int64: Int] = [:]
    /// The semester containing the selected month's 15th: display name, start and end.
    public var semesterName: String?
    public var semesterStart: LocalDate?
    public var semesterEnd: LocalDate?

    public init(year: Int, month: Int, days: [LocalDate: DayFacts], semesterName: String?, semesterStart: LocalDate?,
                semesterEnd: LocalDate?) {
        self.year = year; self.month = month; self.days = days; self.semesterName = semesterName
        self.semesterStart = semesterStart; self.semesterEnd = semesterEnd
    }
}

/// The semester calendar screen (行事历): a month grid with lunar days and festivals, and the
/// agenda of the selected day and the coming two weeks.
public struct CalendarState: Equatable, Sendable {
    public var selected: LocalDate
    public var facts: MonthFacts?
    /// Which of the selected day's activities is highlighted (Tab moves it).
    public var activityIndex = 0

    /// The selected day's activities.
    public var dayActivities: [Activity] { facts?.activities[selected] ?? [] }
    public var selectedActivity: Activity? {
        dayActivities.indices.contains(activityIndex) ? dayActivities[activityIndex] : nil
    }

    public init(selected: LocalDate) { self.selected = selected }

    public var year: Int { selected.year }
    public var month: Int { selected.month }
}

enum CalendarUpdate {
    /// The teaching week of `date` in a term starting `start`, counted in the calendar's Monday-to-Sunday
    /// rows: week 1 is the row holding the first day, so a row never shows two week numbers (a term
    /// starting on a Tuesday would otherwise turn the week on Tuesdays).
    static func semesterWeek(of date: LocalDate, start: LocalDate) -> Int {
        func monday(_ d: LocalDate) -> Int { d.dayNumber - (d.isoWeekday - 1) }
        return (monday(date) - monday(start)) / 7 + 1
    }

    static func show(_ state: inout AppState) -> [Command] {
        state.screen = .calendar
        return state.calendar.facts.map { $0.year == state.calendar.year && $0.month == state.calendar.month } == true
            ? [] : [.loadMonth(year: state.calendar.year, month: state.calendar.month)]
    }

    /// Moves the selected day; a new month loads its facts.
    static func perform(_ state: inout AppState, _ action: Action) -> [Command] {
        let before = state.calendar.selected
        var d = before
        switch action {
        case .cursorLeft: d = d.adding(days: -1)
        case .cursorRight: d = d.adding(days: 1)
        case .up: d = d.adding(days: -7)
        case .down: d = d.adding(days: 7)
        case .previousMonth: d = shiftMonth(d, by: -1)
        case .nextMonth: d = shiftMonth(d, by: 1)
        case .today: d = state.today
        case .add:
            state.activityForm = .new(on: state.calendar.selected)
            return []
        case .edit:
            guard let a = state.calendar.selectedActivity else { return [] }
            state.activityForm = .editing(a)
            return []
        case .nextActivity:
            let n = state.calendar.dayActivities.count
            if n > 0 { state.calendar.activityIndex = (state.calendar.activityIndex + 1) % n }
            return []
        case .attendance:
            return AttendanceUpdate.open(&state)
        case .editSemester:
            return SemesterFormUpdate.open(&state)
        case .archive:
            guard let a = state.calendar.selectedActivity, let id = a.id, !a.cancelled else { return [] }
            state.prompt = a.seriesID == nil ? .cancelActivity : .activityScope(.cancel(id: id, date: a.date))
            return []
        case .deleteActivity:
            guard let a = state.calendar.selectedActivity, let id = a.id else { return [] }
            state.prompt = a.seriesID == nil ? .deleteActivity : .activityScope(.delete(id: id, date: a.date))
            return []
        default: return []
        }
        state.calendar.selected = d
        if d != before { state.calendar.activityIndex = 0 }
        guard d.year != before.year || d.month != before.month else { return [] }
        return [.loadMonth(year: d.year, month: d.month)]
    }

    /// The same day in another month (the last day when the month is shorter).
    static func shiftMonth(_ d: LocalDate, by delta: Int) -> LocalDate {
        let index = d.year * 12 + (d.month - 1) + delta
        let y = index / 12, m = index % 12 + 1
        return LocalDate(year: y, month: m, day: min(d.day, LocalDate.daysIn(month: m, year: y))) ?? d
    }
}

enum CalendarView {
    static func render(_ state: AppState, into buffer: inout Buffer, area full: Rect) {
        let s = state.strings
        let c = state.calendar
        // The last row is the message line (saved, refused).
        let (area, messageRow) = full.splitBottom(1)
        if let m = state.message {
            buffer.put(m.text, x: messageRow.x + 1, y: messageRow.y, style: m.isError ? Theme.error : Theme.title,
                       maxWidth: messageRow.width - 2)
        }
        let first = LocalDate(year: c.year, month: c.month, day: 1)!
        let days = LocalDate.daysIn(month: c.month, year: c.year)
        let facts = c.facts?.year == c.year && c.facts?.month == c.month ? c.facts : nil

        // Title: month, semester and its week.
        var title = s.format(.calendarMonthTitle, c.year, c.month)
        if let f = facts, let name = f.semesterName, let start = f.semesterStart, let end = f.semesterEnd {
            if start <= c.selected && c.selected <= end {
                title += "  ·  " + s.format(.calendarSemesterWeek, name, CalendarUpdate.semesterWeek(of: c.selected, start: start))
            } else {
                title += "  ·  " + s[.calendarHoliday]
            }
        }
        buffer.put(title, x: area.x + 1, y: area.y, style: Theme.title)

        var labels: [Int: String] = [:], festivalDays: Set<Int> = []
        for day in 1...days {
            guard let f = facts?.days[LocalDate(year: c.year, month: c.month, day: day)!] else { continue }
            if let festival = f.festivals.first {
                labels[day] = festival
                festivalDays.insert(day)
            } else {
                labels[day] = f.lunarLabel
            }
        }
        var marked: Set<Int> = []
        for (date, list) in facts?.activities ?? [:] where date.month == c.month && list.contains(where: { !$0.cancelled }) {
            marked.insert(date.day)
        }
        let grid = MonthGrid(days: days, firstWeekday: first.isoWeekday, weekdayNames: (1...7).map { s.label("weekday", WeekdayKey($0)) },
                             selectedDay: c.selected.day,
                             today: state.today.year == c.year && state.today.month == c.month ? state.today.day : nil,
                             labels: labels, festivals: festivalDays, marked: marked)
        let gridWidth = min(area.width - 2, 7 * 16)
        let gridArea = Rect(x: area.x + 1, y: area.y + 2, width: gridWidth, height: grid.height)
        grid.render(into: &buffer, area: gridArea, weekendStyle: Style(fg: .red), selectedStyle: Theme.selected,
                    todayStyle: Style(bold: true, underline: true), festivalStyle: Style(fg: .red, bold: true),
                    labelStyle: Theme.label)

        // Agenda: the selected day, then festivals of the coming two weeks.
        var y = gridArea.maxY + 1
        guard y < area.maxY else { return }
        let sel = c.selected
        var dayLine = s.format(.calendarDayLine, sel.description, s.label("weekday", WeekdayKey(sel.isoWeekday)))
        if let f = facts?.days[sel] {
            dayLine += " · " + s.format(.calendarLunar, f.lunarFull)
            if !f.festivals.isEmpty { dayLine += " · " + f.festivals.joined(separator: "、") }
        }
        buffer.put(dayLine, x: area.x + 1, y: y, style: Theme.prompt, maxWidth: area.width - 2)
        y += 1
        // The day's activities; Tab highlights one for e (edit) and x (cancel).
        for (i, a) in c.dayActivities.enumerated() where y < area.maxY - 1 {
            var line = (a.startTime.map { $0 + (a.endTime.map { "–" + $0 } ?? "") } ?? s[.activityAllDay]) + "  " + a.title
            line += "  [" + s.label("acat", a.category) + "]"
            if !a.place.isEmpty { line += "  @" + a.place }
            if let id = a.id, let n = c.facts?.attendance[id], n > 0 { line += "  " + s.format(.attendanceCount, n) }
            if a.cancelled { line += "  " + s[.activityCancelled] }
            let style = i == c.activityIndex ? Theme.selected : (a.cancelled ? Theme.hint : Style.plain)
            buffer.putPadded(" " + line, x: area.x + 1, y: y, width: area.width - 2, style: style)
            y += 1
        }
        if c.dayActivities.isEmpty, y < area.maxY - 1 {
            buffer.put(" " + s[.activityNone], x: area.x + 1, y: y, style: Theme.hint)
            y += 1
        }
        var coming: [String] = []
        for offset in 1...14 {
            let d = sel.adding(days: offset)
            var items = facts?.days[d]?.festivals ?? []
            if offset <= 7 { items += (facts?.activities[d] ?? []).filter { !$0.cancelled }.map(\.title) }
            if !items.isEmpty { coming.append("\(d.month)/\(d.day) " + items.joined(separator: "、")) }
        }
        if y < area.maxY {
            let text = coming.isEmpty ? s[.calendarNoFestival] : s[.calendarComing] + coming.joined(separator: "  ")
            buffer.put(text, x: area.x + 1, y: y, style: Theme.hint, maxWidth: area.width - 2)
        }
    }
}

/// A weekday as a catalog label (`weekday.1` … `weekday.7`, Monday first).
struct WeekdayKey: RawRepresentable {
    var rawValue: String
    init(rawValue: String) { self.rawValue = rawValue }
    init(_ isoWeekday: Int) { rawValue = String(isoWeekday) }
}
