import Foundation
import Domain
import Interchange
import Scheduling
import Storage
import TerminalUI

/// The children behind one figure, listed like the roster.
public struct ReportDrill: Equatable, Sendable {
    public var title: String
    public var slice: ChildSlice
    public var list = PagedList<RosterRow>()
    public var loaded = false
}

/// The reports screen (5): the figures of a period with bars; Enter on a figure lists its children.
public struct ReportsState: Equatable, Sendable {
    /// The period shown (nil until the first load picks the current semester).
    public var period: ReportPeriod?
    public var document: ReportDocument?
    public var cursor = 0
    public var top = 0
    public var drill: ReportDrill?
    public var loading = false

    public init() {}

    /// (section, item) of every figure line, in order.
    public var items: [(section: Int, item: Int)] {
        guard let doc = document else { return [] }
        return doc.sections.enumerated().flatMap { s, section in section.items.indices.map { (s, $0) } }
    }

    public var selectedItem: ReportItem? {
        guard let doc = document, items.indices.contains(cursor) else { return nil }
        let (s, i) = items[cursor]
        return doc.sections[s].items[i]
    }
}

enum ReportsUpdate {
    static func pageSize(_ state: AppState) -> Int { max(1, state.size.height - 6) }

    /// Shows the screen and counts again (the figures follow every change made meanwhile).
    static func show(_ state: inout AppState) -> [Command] {
        state.screen = .reports
        guard !state.reports.loading, state.reports.drill == nil else { return [] }
        state.reports.loading = true
        return [.loadReport(state.reports.period)]
    }

    static func message(_ state: inout AppState, _ msg: Msg) -> [Command] {
        switch msg {
        case let .reportLoaded(period, document):
            state.reports.period = period
            state.reports.document = document
            state.reports.loading = false
            state.reports.cursor = min(state.reports.cursor, max(0, state.reports.items.count - 1))
            return []
        case let .reportChildrenLoaded(slice, ids):
            guard var drill = state.reports.drill, drill.slice == slice else { return [] }
            drill.list.setIDs(ids, pageSize: pageSize(state))
            drill.loaded = true
            state.reports.drill = drill
            return drillWindow(state)
        case .reportRowsLoaded(let rows):
            guard var drill = state.reports.drill else { return [] }
            drill.list.merge(rows, pageSize: pageSize(state))
            state.reports.drill = drill
            return []
        default:
            return []
        }
    }

    static func drillWindow(_ state: AppState) -> [Command] {
        guard let missing = state.reports.drill?.list.missingIDs(pageSize: pageSize(state)), !missing.isEmpty else { return [] }
        return [.loadReportRows(missing)]
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Command] {
        let page = pageSize(state)
        if state.reports.drill != nil {
            switch action {
            case .back:
                state.reports.drill = nil
                return []
            case .open, .recordContact:
                guard let id = state.reports.drill?.list.selectedID else { return [] }
                state.detail = DetailState(childID: id)
                state.detail?.returnScreen = .reports
                state.screen = .roster
                return [.loadDetail(id)]
            default:
                var drill = state.reports.drill!
                let moved = drill.list.move(action, pageSize: page)
                state.reports.drill = drill
                return moved ? drillWindow(state) : []
            }
        }
        var r = state.reports
        let count = r.items.count
        switch action {
        case .up: r.cursor = max(0, r.cursor - 1)
        case .down: r.cursor = min(max(0, count - 1), r.cursor + 1)
        case .pageUp: r.cursor = max(0, r.cursor - page)
        case .pageDown: r.cursor = min(max(0, count - 1), r.cursor + page)
        case .first: r.cursor = 0
        case .last: r.cursor = max(0, count - 1)
        case .previousSemester, .nextSemester:
            guard let p = r.period else { return [] }
            r.period = action == .previousSemester ? p.previous : p.next
            r.loading = true
            state.reports = r
            return [.loadReport(r.period)]
        case .cyclePeriod:
            guard let p = r.period else { return [] }
            r.period = nextKind(p, today: state.today)
            r.loading = true
            state.reports = r
            return [.loadReport(r.period)]
        case .open, .recordContact:
            guard let item = r.selectedItem, let slice = item.slice, let period = r.period else {
                state.message = StatusMessage(state.strings[.reportNoDrill])
                return []
            }
            r.drill = ReportDrill(title: item.label.trimmingCharacters(in: .whitespaces) + " · " + item.value, slice: slice)
            state.reports = r
            return [.loadReportChildren(slice, period)]
        default:
            return []
        }
        if r.cursor < r.top { r.top = r.cursor }
        state.reports = r
        return []
    }

    /// Semester → quarter → month → year → semester, each the one containing the period's end (or today).
    static func nextKind(_ p: ReportPeriod, today: LocalDate) -> ReportPeriod {
        let day = min(p.end, today)
        switch p.kind {
        case .semester: return ReportPeriod(parsing: "\(day.year)-Q\((day.month - 1) / 3 + 1)")!
        case .quarter: return ReportPeriod(parsing: String(format: "%04d-%02d", day.year, day.month))!
        case .month: return ReportPeriod(parsing: String(day.year))!
        case .year, .range: return ReportPeriod(parsing: Semester.standard(containing: day).id)!
        }
    }
}

enum ReportsView {
    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let r = state.reports
        let (titleRow, rest) = area.splitTop(1)
        let (body, messageRow) = rest.splitBottom(1)
        guard let doc = r.document else {
            buffer.put(s[.reportLoading], x: area.x + 2, y: area.y + 1, style: Theme.hint)
            return
        }
        buffer.put(doc.periodLine, x: titleRow.x + 1, y: titleRow.y, style: Theme.title, maxWidth: titleRow.width - 2)
        if let drill = r.drill {
            buffer.put(drill.title, x: body.x + 1, y: body.y, style: Theme.section, maxWidth: body.width - 2)
            let tableArea = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
            let visible = drill.list.visibleIDs(pageSize: ReportsUpdate.pageSize(state))
            let rows = visible.map { id in drill.list.rows[id].map { RosterView.cells($0, state) } ?? ["…"] }
            Table(columns: RosterView.columns(s), rows: rows, selected: drill.list.ids.isEmpty ? nil : drill.list.cursor - drill.list.top,
                  headerStyle: Theme.tableHeader, selectedStyle: Theme.selected).render(into: &buffer, area: tableArea)
            let pos = s.format(.position, drill.list.ids.isEmpty ? 0 : drill.list.cursor + 1, drill.list.ids.count)
            buffer.put(pos, x: messageRow.maxX - 1 - TextWidth.of(pos), y: messageRow.y, style: Theme.hint)
            return
        }
        // Sections and their figures, scrolled so the cursor shows.
        var lines: [(text: String, item: ReportItem?, index: Int?)] = []
        var index = 0
        for section in doc.sections where !section.items.isEmpty {
            lines.append((section.title, nil, nil))
            for item in section.items { lines.append((item.label, item, index)); index += 1 }
        }
        let cursorLine = lines.firstIndex { $0.index == r.cursor } ?? 0
        let top = max(0, min(cursorLine - body.height / 2, lines.count - body.height))
        let items = doc.sections.flatMap(\.items)
        let labelWidth = min(30, items.map { TextWidth.of($0.label) }.max() ?? 10)
        // Columns of each section's own values (a section's figures are alike: counts and shares).
        var columns: [ValueColumns] = []
        for section in doc.sections where !section.items.isEmpty {
            let c = ValueColumns(section.items.map(\.value))
            columns += Array(repeating: c, count: section.items.count)
        }
        let valueWidth = min(22, columns.map(\.width).max() ?? 10)
        let barX = body.x + 2 + labelWidth + 2 + valueWidth + 2
        let barWidth = max(0, min(40, body.maxX - 1 - barX))
        for (row, line) in lines.dropFirst(top).prefix(body.height).enumerated() {
            let y = body.y + row
            guard let item = line.item else {
                buffer.put(line.text, x: body.x + 1, y: y, style: Theme.section)
                continue
            }
            let selected = line.index == r.cursor
            if selected { buffer.fill(Rect(x: body.x, y: y, width: body.width, height: 1), style: Theme.selected) }
            let base = selected ? Theme.selected : Style.plain
            buffer.putPadded(item.label, x: body.x + 2, y: y, width: labelWidth, style: base)
            buffer.putPadded((line.index.map { columns[$0] }?.aligned(item.value) ?? item.value), x: body.x + 2 + labelWidth + 2, y: y, width: valueWidth, style: base)
            if let share = item.share, barWidth >= 5 {
                buffer.put(ReportFormats.bar(share, width: barWidth), x: barX, y: y, style: selected ? base : Theme.section)
            }
            if item.slice != nil, !selected { buffer.put("›", x: body.maxX - 1, y: y, style: Theme.hint) }
        }
        if let m = state.message {
            buffer.put(m.text, x: messageRow.x + 1, y: messageRow.y, style: m.isError ? Theme.error : Theme.hint)
        } else {
            buffer.put(s[.reportHint], x: messageRow.x + 1, y: messageRow.y, style: Theme.hint, maxWidth: messageRow.width - 2)
        }
    }
}

/// A figure's value as two columns, each right-aligned: the part before a double space (a count:
/// `59 人`, or a rate) and the part after it (its share: `20.3%`, or `(409 人)`), so the digits of
/// a section stand under one another. A value without a second part aligns with the first column.
struct ValueColumns {
    static let separator = "  "
    let first: Int
    let second: Int

    init(_ values: [String]) {
        var first = 0, second = 0
        for value in values {
            let (a, b) = Self.split(value)
            first = max(first, TextWidth.of(a))
            if let b { second = max(second, TextWidth.of(b)) }
        }
        self.first = first
        self.second = second
    }

    var width: Int { first + (second > 0 ? Self.separator.count + second : 0) }

    func aligned(_ value: String) -> String {
        let (a, b) = Self.split(value)
        let head = TextWidth.fit(a, to: first, alignRight: true)
        guard second > 0 else { return head }
        return head + Self.separator + TextWidth.fit(b ?? "", to: second, alignRight: true)
    }

    static func split(_ value: String) -> (String, String?) {
        guard let range = value.range(of: separator) else { return (value, nil) }
        return (String(value[..<range.lowerBound]), String(value[range.upperBound...]).trimmingCharacters(in: .whitespaces))
    }
}
