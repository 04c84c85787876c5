import Domain
import Storage
import TerminalUI

/// Marking who came to an activity (`m` on the calendar): search children by typing, Space ticks
/// or unticks, Enter saves the whole list in one go.
public struct AttendancePicker: Equatable, Sendable {
    public var activityID: Int64
    public var activityTitle: String
    public var date: LocalDate
    public var query = TextField()
    public var children: [RosterRow] = []
    public var attended: Set<Int64> = []
    public var cursor = 0

    public init(activityID: Int64, activityTitle: String, date: LocalDate) {
        self.activityID = activityID; self.activityTitle = activityTitle; self.date = date
    }
}

enum AttendanceUpdate {
    static func open(_ state: inout AppState) -> [Command] {
        guard let a = state.calendar.selectedActivity, let id = a.id, !a.cancelled else { return [] }
        state.attendancePicker = AttendancePicker(activityID: id, activityTitle: a.title, date: a.date)
        return [.loadAttendance(activityID: id), .loadAttendanceCandidates(query: "")]
    }

    static func key(_ state: inout AppState, _ key: Key) -> [Command] {
        guard var picker = state.attendancePicker else { return [] }
        if case .char(let c) = key, c != " ", !c.isNewline {
            picker.query.insert(c)
            picker.cursor = 0
            state.attendancePicker = picker
            return [.loadAttendanceCandidates(query: picker.query.text)]
        }
        switch key {
        case .char(" "):
            if picker.children.indices.contains(picker.cursor) {
                let id = picker.children[picker.cursor].id
                if picker.attended.contains(id) { picker.attended.remove(id) } else { picker.attended.insert(id) }
                picker.cursor = min(picker.cursor + 1, max(0, picker.children.count - 1))
            }
        case .up: picker.cursor = max(0, picker.cursor - 1)
        case .down: picker.cursor = min(max(0, picker.children.count - 1), picker.cursor + 1)
        case .backspace, .ctrl("u"):
            guard !picker.query.text.isEmpty else { return [] }
            if key == .backspace { picker.query.backspace() } else { picker.query.clear() }
            picker.cursor = 0
            state.attendancePicker = picker
            return [.loadAttendanceCandidates(query: picker.query.text)]
        case .enter:
            state.attendancePicker = nil
            return [.saveAttendance(activityID: picker.activityID, childIDs: picker.attended.sorted(), date: picker.date)]
        case .escape:
            state.attendancePicker = nil
            return []
        case .function(1):
            state.showHelp = true
        case .ctrl("c"):
            state.running = false
        default:
            break
        }
        state.attendancePicker = picker
        return []
    }

    static func render(_ state: AppState, _ picker: AttendancePicker, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        buffer.fill(area)
        buffer.put(s.format(.attendanceTitle, picker.activityTitle, picker.date.description, picker.attended.count),
                   x: area.x + 1, y: area.y, style: Theme.title, maxWidth: area.width - 2)
        let x = area.x + 1 + buffer.put(s[.searchPrompt], x: area.x + 1, y: area.y + 1, style: Theme.prompt) + 1
        let (shown, col) = picker.query.visible(width: 30)
        buffer.putPadded(shown, x: x, y: area.y + 1, width: 30, style: Style(underline: true))
        buffer.cursor = (x + col, area.y + 1)
        buffer.put(s[.attendanceHint], x: area.x + 1, y: area.y + 2, style: Theme.hint, maxWidth: area.width - 2)
        let tableArea = Rect(x: area.x, y: area.y + 3, width: area.width, height: area.height - 3)
        let page = max(1, tableArea.height - 1)
        let top = Scrolling.top(cursor: picker.cursor, top: 0, height: page, count: picker.children.count)
        var columns = RosterView.columns(s)
        columns.insert(TableColumn("", .fixed(3)), at: 0)
        let rows = picker.children.dropFirst(top).prefix(page).map { row -> [String] in
            [picker.attended.contains(row.id) ? "[✓]" : "[ ]"] + RosterView.cells(row, state)
        }
        Table(columns: columns, rows: Array(rows), selected: picker.children.isEmpty ? nil : picker.cursor - top,
              headerStyle: Theme.tableHeader, selectedStyle: Theme.selected).render(into: &buffer, area: tableArea)
    }
}
