import Domain
import Scheduling
import TerminalUI

/// The obligations screen: the grid (one line per pairing, one column per obligation), one
/// mentor's outstanding list, and completion bars by mentor and grid.
enum ObligationsView {
    static let done = Style(fg: .green, bold: true)
    static let cellFocus = Style(fg: .black, bg: .yellow, bold: true, reverse: true)

    static func render(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let o = state.obligations
        let (titleRow, rest0) = area.splitTop(1)
        let (lineRow, rest) = rest0.splitTop(1)
        let (body, messageRow) = rest.splitBottom(1)
        guard let board = o.board else {
            buffer.put(s[.obligationLoading], x: area.x + 2, y: area.y + 1, style: Theme.hint)
            return
        }
        // Title: semester, and the counts of what is shown.
        var title = s.semesterName(board.semester) + " · " + s[.tabObligations]
        if case .week(let m) = o.mode, let name = board.lines.first(where: { $0.mentorID == m })?.mentorName {
            title += " · " + s.format(.obligationWeekTitle, name)
        } else if o.mode == .dashboard {
            title += " · " + s[.obligationDashboardTitle]
        }
        buffer.put(title, x: titleRow.x + 1, y: titleRow.y, style: Theme.title)
        let tally = o.visibleTally
        let counts = s.format(.obligationCounts, tally.overdue, tally.due, tally.done,
                              tally.completion.map { "\(Int(($0 * 100).rounded()))%" } ?? "–")
        let cw = TextWidth.of(counts)
        if titleRow.width - TextWidth.of(title) - 4 > cw {
            buffer.put(counts, x: titleRow.maxX - 1 - cw, y: titleRow.y, style: Theme.hint)
        }
        // Search or filters line.
        let filters = filterSummary(state)
        View.drawSearchLine(state, query: o.filter.text, searching: o.searching, result: s.format(.searchResults, o.visible.count),
                            hint: filters.isEmpty ? s[.obligationHint] : "", into: &buffer, area: lineRow)
        if !filters.isEmpty {
            let w = min(TextWidth.of(filters), lineRow.width - 2)
            buffer.put(filters, x: lineRow.maxX - 1 - w, y: lineRow.y, style: Theme.prompt, maxWidth: w)
        }
        switch o.mode {
        case .grid: grid(state, board, into: &buffer, area: body)
        case .week(let mentor): week(state, board, mentor: mentor, into: &buffer, area: body)
        case .dashboard: dashboard(state, into: &buffer, area: body)
        }
        if let m = state.message {
            buffer.put(m.text, x: messageRow.x + 1, y: messageRow.y, style: m.isError ? Theme.error : Theme.hint)
        } else if o.mode == .grid {
            var legend = s[.obligationLegend]
            // On a ✓ cell: when it was done, and the keys that correct or delete its contact.
            if state.allows(.editContact), let line = o.selectedLine, line.cells.indices.contains(o.column),
               let cell = line.cells[o.column], let period = cell.donePeriod, cell.doneDates.indices.contains(period),
               let date = cell.doneDates[period] {
                legend = s.format(.obligationCellDone, date.description)
            }
            buffer.put(legend, x: messageRow.x + 1, y: messageRow.y, style: Theme.hint, maxWidth: messageRow.width - 2)
            if !o.visible.isEmpty {
                let pos = s.format(.position, o.cursor + 1, o.visible.count)
                let w = TextWidth.of(pos)
                if TextWidth.of(legend) + w + 4 < messageRow.width {
                    buffer.put(pos, x: messageRow.maxX - 1 - w, y: messageRow.y, style: Theme.hint)
                }
            }
        }
    }

    static func filterSummary(_ state: AppState) -> String {
        let s = state.strings, f = state.obligations.filter
        var parts: [String] = []
        if let m = f.mentorID, let name = state.obligations.board?.lines.first(where: { $0.mentorID == m })?.mentorName { parts.append(name) }
        if let g = f.grid { parts.append(g) }
        if let school = f.school { parts.append(school) }
        if let st = f.state { parts.append(s.label("ostate", st)) }
        if state.obligations.sort != .overdue { parts.append(s.label("osort", state.obligations.sort)) }
        return parts.isEmpty ? "" : s[.filterPrefix] + parts.joined(separator: " · ")
    }

    static func columns(_ state: AppState, _ board: ObligationBoard) -> [TableColumn] {
        let s = state.strings
        let english = s.language == .en
        return [TableColumn(s[.colName], .flex(min: 6, weight: 1)), TableColumn(s[.obligationMentor], .flex(min: 6, weight: 1)),
                TableColumn(s[.colGrid], .flex(min: 8, weight: 2))]
            + board.rules.map { TableColumn($0.name(english: english), .fixed(max(3, TextWidth.of($0.name(english: english))))) }
            + [TableColumn(s[.obligationDoneColumn], .fixed(max(5, TextWidth.of(s[.obligationDoneColumn]))), alignRight: true)]
    }

    static func grid(_ state: AppState, _ board: ObligationBoard, into buffer: inout Buffer, area: Rect) {
        let o = state.obligations
        let cols = columns(state, board)
        let widths = Table.layout(cols, totalWidth: area.width - 2)
        var xs: [Int] = []
        var x = area.x + 1
        for w in widths { xs.append(x); x += w + (w > 0 ? 1 : 0) }
        for (i, c) in cols.enumerated() where widths[i] > 0 {
            buffer.putPadded(c.title, x: xs[i], y: area.y, width: widths[i], style: Theme.tableHeader, alignRight: c.alignRight)
        }
        if o.visible.isEmpty {
            let text = o.filter.isEmpty ? state.strings[.obligationNone] : state.strings[.rosterNoMatch]
            buffer.put(text, x: area.x + 2, y: area.y + 2, style: Theme.hint)
            return
        }
        let ruleCount = board.rules.count
        for (row, index) in o.visible.dropFirst(o.top).prefix(area.height - 1).enumerated() {
            let y = area.y + 1 + row
            let line = board.lines[index]
            let selected = o.top + row == o.cursor
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Theme.selected) }
            let base = selected ? Theme.selected : Style.plain
            let texts = [line.childName, line.mentorName, line.grid.isEmpty ? "—" : line.grid]
            for (i, t) in texts.enumerated() where widths[i] > 0 {
                buffer.putPadded(t, x: xs[i], y: y, width: widths[i], style: base)
            }
            for r in 0..<ruleCount where widths[3 + r] > 0 {
                let cell = line.cells[r]
                let mark = cell?.mark ?? " "
                var style = base
                if !selected {
                    switch cell?.state {
                    case .overdue?: style = Theme.error
                    case .done?: style = done
                    case .notOwed?: style = Theme.hint
                    default: break
                    }
                }
                if selected, r == o.column { style = cellFocus }
                let w = widths[3 + r]
                let pad = max(0, (w - TextWidth.of(mark)) / 2)
                buffer.putPadded(String(repeating: " ", count: pad) + mark, x: xs[3 + r], y: y, width: w, style: style)
            }
            let last = cols.count - 1
            if widths[last] > 0 {
                buffer.putPadded("\(line.tally.done)/\(line.tally.owed)", x: xs[last], y: y, width: widths[last], style: base,
                                 alignRight: true)
            }
        }
    }

    static func week(_ state: AppState, _ board: ObligationBoard, mentor: Int64, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let o = state.obligations
        let items = o.dueItems(mentorID: mentor)
        if items.isEmpty {
            buffer.put(s[.obligationWeekNone], x: area.x + 2, y: area.y + 1, style: Theme.hint)
            return
        }
        let weekEnd = board.today.adding(days: 6)
        let english = s.language == .en
        let top = max(0, min(o.listCursor - area.height + 2, items.count - area.height))
        for (row, item) in items.enumerated().dropFirst(max(0, top)).prefix(area.height) {
            let y = area.y + row - max(0, top)
            let line = board.lines[item.line]
            let when = item.overdue ? s[.obligationOverdueGroup] : (item.target <= weekEnd ? s[.obligationThisWeekGroup] : s[.obligationLaterGroup])
            let rule = board.rules[item.rule]
            let period = board.periods[item.rule][item.period]
            let text = [when, item.target.description, rule.name(english: english) + (board.periods[item.rule].count > 1 ? " " + period.id : ""),
                        line.childName, line.address.isEmpty ? line.grid : line.address]
            let selected = row == o.listCursor
            if selected { buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Theme.selected) }
            let style = selected ? Theme.selected : (item.overdue ? Theme.error : Style.plain)
            var x = area.x + 1
            for (i, t) in text.enumerated() {
                let w = [6, 11, 14, 10][min(i, 3)]
                if i == text.count - 1 {
                    buffer.put(t, x: x, y: y, style: style, maxWidth: max(0, area.maxX - 1 - x))
                } else {
                    buffer.putPadded(t, x: x, y: y, width: max(w, TextWidth.of(t)), style: style)
                    x += max(w, TextWidth.of(t)) + 1
                }
            }
        }
    }

    static func dashboard(_ state: AppState, into buffer: inout Buffer, area: Rect) {
        let s = state.strings
        let o = state.obligations
        var lines: [(String, ObligationTally?)] = [(s[.obligationByMentor], nil)] + o.byMentor.map { ($0.key, $0.tally) }
            + [("", nil), (s[.obligationByGrid], nil)] + o.byGrid.map { ($0.key, $0.tally) }
        if lines.count <= 4 { lines = [(s[.obligationNone], nil)] }
        let labelWidth = min(16, lines.map { TextWidth.of($0.0) }.max() ?? 8)
        let barWidth = max(10, area.width - labelWidth - 20)
        let top = max(0, min(o.listCursor, lines.count - area.height))
        for (row, entry) in lines.dropFirst(top).prefix(area.height).enumerated() {
            let y = area.y + row
            guard let t = entry.1 else {
                buffer.put(entry.0, x: area.x + 1, y: y, style: Theme.section)
                continue
            }
            buffer.putPadded(entry.0, x: area.x + 2, y: y, width: labelWidth)
            let share = t.completion ?? 0
            let filled = Int((share * Double(barWidth)).rounded())
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            buffer.put(bar, x: area.x + 3 + labelWidth, y: y, style: share < 0.5 ? Theme.error : done)
            buffer.put(" \(Int((share * 100).rounded()))% (\(t.done)/\(t.owed))", x: area.x + 3 + labelWidth + barWidth, y: y,
                       style: Theme.hint)
        }
    }
}
