/// A month laid out as a wall calendar: weeks from Monday, each day a cell of two lines — the day
/// number, and below it a short label (the lunar day or a festival) — with today, the selected day
/// and days that have activities shown apart. Knows nothing of calendars: the caller gives the shape.
public struct MonthGrid {
    /// Days in the month (28…31).
    public var days: Int
    /// Weekday of the 1st, 1 = Monday … 7 = Sunday.
    public var firstWeekday: Int
    public var weekdayNames: [String]
    public var selectedDay: Int
    public var today: Int?
    /// The line under each day number (lunar day, festival name).
    public var labels: [Int: String]
    /// Days whose label is a festival (drawn emphasised).
    public var festivals: Set<Int>
    /// Days with activities (marked with a dot).
    public var marked: Set<Int>

    public init(days: Int, firstWeekday: Int, weekdayNames: [String], selectedDay: Int, today: Int?,
                labels: [Int: String] = [:], festivals: Set<Int> = [], marked: Set<Int> = []) {
        self.days = days; self.firstWeekday = firstWeekday; self.weekdayNames = weekdayNames; self.selectedDay = selectedDay
        self.today = today; self.labels = labels; self.festivals = festivals; self.marked = marked
    }

    /// Number of week rows the month needs (4…6).
    public var weeks: Int { (firstWeekday - 1 + days + 6) / 7 }

    /// Rows the grid takes: the weekday header and two lines a week.
    public var height: Int { 1 + 2 * weeks }

    /// Row (week) and column (weekday) of a day.
    public func position(of day: Int) -> (week: Int, column: Int) {
        let index = firstWeekday - 1 + day - 1
        return (index / 7, index % 7)
    }

    public func render(into buffer: inout Buffer, area: Rect, weekendStyle: Style = Style(fg: .red),
                       selectedStyle: Style = Style(reverse: true), todayStyle: Style = Style(bold: true, underline: true),
                       festivalStyle: Style = Style(fg: .red, bold: true), labelStyle: Style = Style(dim: true)) {
        let cellWidth = max(4, area.width / 7)
        for (i, name) in weekdayNames.prefix(7).enumerated() {
            buffer.putPadded(" " + name, x: area.x + i * cellWidth, y: area.y, width: cellWidth,
                             style: i >= 5 ? weekendStyle.merging(Style(bold: true)) : Style(bold: true))
        }
        for day in 1...days {
            let (week, column) = position(of: day)
            let x = area.x + column * cellWidth
            let y = area.y + 1 + week * 2
            guard y + 1 < area.maxY || y < area.maxY else { break }
            var numberStyle = column >= 5 ? weekendStyle : Style.plain
            if day == today { numberStyle = numberStyle.merging(todayStyle) }
            var labelLineStyle = festivals.contains(day) ? festivalStyle : labelStyle
            if day == selectedDay {
                numberStyle = numberStyle.merging(selectedStyle)
                labelLineStyle = labelLineStyle.merging(selectedStyle)
            }
            let mark = marked.contains(day) ? "•" : " "
            let number = day < 10 ? " \(day)" : "\(day)"
            buffer.putPadded(" " + number + mark, x: x, y: y, width: cellWidth - 1, style: numberStyle)
            if y + 1 < area.maxY {
                buffer.putPadded(" " + (labels[day] ?? ""), x: x, y: y + 1, width: cellWidth - 1, style: labelLineStyle)
            }
        }
    }
}

extension Style {
    /// This style with the set attributes and colors of `other` added.
    public func merging(_ other: Style) -> Style {
        Style(fg: other.fg ?? fg, bg: other.bg ?? bg, bold: bold || other.bold, reverse: reverse || other.reverse,
              underline: underline || other.underline, dim: dim && other.dim)
    }
}
