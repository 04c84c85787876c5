import Domain
import Scheduling
import Storage
import TerminalUI

/// The obligations screen (4): the grid, one mentor's week, the completion dashboard.
enum ObligationsUpdate {
    /// Lines of the grid that fit (header, tabs, title, filter line, table header, message and status bar).
    static func pageSize(_ state: AppState) -> Int { max(1, state.size.height - 7) }

    /// Shows the screen and evaluates the semester again (contacts may have come from another
    /// terminal or an import meanwhile); the last board stays on screen until the new one arrives.
    static func show(_ state: inout AppState) -> [Command] {
        state.screen = .obligations
        guard !state.obligations.loading else { return [] }
        state.obligations.loading = true
        return [.loadObligations(semesterID: state.obligations.semesterID)]
    }

    static func loaded(_ state: inout AppState, semesterID: String?, board: ObligationBoard) -> [Command] {
        guard semesterID == state.obligations.semesterID || state.obligations.semesterID == nil else { return [] }
        var o = state.obligations
        let keep = o.selectedLine.map { ($0.pairingID, o.column) }
        o.board = board
        o.semesterID = board.semester.id
        o.loading = false
        o.refilter()
        o.countCompletion()
        if let (pairing, column) = keep, let i = o.visible.firstIndex(where: { board.lines[$0].pairingID == pairing }) {
            o.cursor = i
            o.column = column
        }
        state.obligations = o
        scrollIntoView(&state)
        return []
    }

    static func scrollIntoView(_ state: inout AppState) {
        let page = pageSize(state)
        var o = state.obligations
        if o.cursor < o.top { o.top = o.cursor }
        if o.cursor >= o.top + page { o.top = o.cursor - page + 1 }
        o.top = max(0, min(o.top, max(0, o.visible.count - page)))
        state.obligations = o
    }

    static func perform(_ state: inout AppState, _ action: Action) -> [Command] {
        var o = state.obligations
        let page = pageSize(state)
        // Correcting and deleting act on a cell of the grid, which the other views hide.
        if o.mode != .grid, action == .editContact || action == .deleteContact { return [] }
        switch o.mode {
        case .week(let mentor):
            let items = o.dueItems(mentorID: mentor)
            switch action {
            case .up: o.listCursor = max(0, o.listCursor - 1)
            case .down: o.listCursor = min(max(0, items.count - 1), o.listCursor + 1)
            case .pageUp: o.listCursor = max(0, o.listCursor - page)
            case .pageDown: o.listCursor = min(max(0, items.count - 1), o.listCursor + page)
            case .back, .weekPlan: o.mode = .grid
            case .recordContact:
                guard items.indices.contains(o.listCursor), let board = o.board else { return [] }
                let item = items[o.listCursor]
                state.obligations = o
                return ContactFormUpdate.openFromGrid(&state, line: board.lines[item.line], kind: board.rules[item.rule].kind)
            case .dashboard: o.mode = .dashboard; o.listCursor = 0
            default: return gridAction(&state, action)
            }
            state.obligations = o
            return []
        case .dashboard:
            switch action {
            case .up: o.listCursor = max(0, o.listCursor - 1)
            case .down: o.listCursor += 1
            case .pageUp: o.listCursor = max(0, o.listCursor - page)
            case .pageDown: o.listCursor += page
            case .back, .dashboard: o.mode = .grid
            case .weekPlan:
                guard let line = o.selectedLine else { return [] }
                o.mode = .week(mentorID: line.mentorID); o.listCursor = 0
            default: return gridAction(&state, action)
            }
            state.obligations = o
            return []
        case .grid:
            return gridAction(&state, action)
        }
    }

    static func gridAction(_ state: inout AppState, _ action: Action) -> [Command] {
        var o = state.obligations
        let page = pageSize(state)
        let s = state.strings
        switch action {
        case .up: o.cursor = max(0, o.cursor - 1)
        case .down: o.cursor = min(max(0, o.visible.count - 1), o.cursor + 1)
        case .pageUp: o.cursor = max(0, o.cursor - page)
        case .pageDown: o.cursor = min(max(0, o.visible.count - 1), o.cursor + page)
        case .first: o.cursor = 0
        case .last: o.cursor = max(0, o.visible.count - 1)
        case .cursorLeft: o.column = max(0, o.column - 1)
        case .cursorRight: o.column = min(max(0, (o.board?.rules.count ?? 1) - 1), o.column + 1)
        case .recordContact:
            guard let line = o.selectedLine, let board = o.board, board.rules.indices.contains(o.column) else { return [] }
            guard line.cells[o.column] != nil else {
                state.message = StatusMessage(s[.obligationNotApplicable], isError: true)
                return []
            }
            return ContactFormUpdate.openFromGrid(&state, line: line, kind: board.rules[o.column].kind)
        case .editContact, .deleteContact:
            return ContactEditing.requestFromGrid(&state, action == .editContact ? .edit : .delete)
        case .search:
            o.searching = true
        case .searchAccept:
            o.searching = false
        case .searchCancel, .back:
            o.searching = false
            if o.mode != .grid { o.mode = .grid } else if !o.filter.text.isEmpty { o.filter.text = ""; o.refilter() }
        case .searchErase:
            if !o.filter.text.isEmpty { o.filter.text.removeLast(); o.cursor = 0; o.refilter() }
        case .searchClear:
            o.filter.text = ""; o.refilter()
        case .mentorOnly:
            if o.filter.mentorID != nil {
                o.filter.mentorID = nil
            } else if let line = o.selectedLine {
                o.filter.mentorID = line.mentorID
                state.message = StatusMessage(s.format(.obligationMentorOnly, line.mentorName))
            }
            o.cursor = 0; o.refilter()
        case .cycleGrid:
            o.filter.grid = cycle(o.filter.grid, options(o, \.grid))
            state.message = StatusMessage(s[.colGrid] + "：" + (o.filter.grid ?? s[.filterAll]))
            o.cursor = 0; o.refilter()
        case .cycleSchool:
            o.filter.school = cycle(o.filter.school, options(o, \.school))
            state.message = StatusMessage(s[.obligationSchool] + "：" + (o.filter.school ?? s[.filterAll]))
            o.cursor = 0; o.refilter()
        case .cycleStatus:
            let all: [ObligationState?] = [nil, .overdue, .due, .done, .notOwed]
            o.filter.state = all[((all.firstIndex(of: o.filter.state) ?? 0) + 1) % all.count]
            state.message = StatusMessage(s[.obligationStateFilter] + "：" + (o.filter.state.map { s.label("ostate", $0) } ?? s[.filterAll]))
            o.cursor = 0; o.refilter()
        case .sort:
            let all = ObligationSort.allCases
            o.sort = all[((all.firstIndex(of: o.sort) ?? 0) + 1) % all.count]
            state.message = StatusMessage(s.label("osort", o.sort))
            o.refilter()
        case .previousSemester, .nextSemester:
            guard let board = o.board else { return [] }
            let id = action == .previousSemester ? board.semester.previousID : board.semester.nextID
            o.semesterID = id
            o.loading = true
            state.obligations = o
            return [.loadObligations(semesterID: id)]
        case .weekPlan:
            guard let line = o.selectedLine else { return [] }
            o.mode = .week(mentorID: line.mentorID)
            o.listCursor = 0
        case .dashboard:
            o.mode = .dashboard
            o.listCursor = 0
        default:
            return []
        }
        state.obligations = o
        scrollIntoView(&state)
        return []
    }

    static func typed(_ state: inout AppState, _ c: Character) -> [Command] {
        state.obligations.filter.text.append(c)
        state.obligations.cursor = 0
        state.obligations.refilter()
        scrollIntoView(&state)
        return []
    }

    static func options(_ o: ObligationsState, _ path: KeyPath<ObligationLine, String>) -> [String] {
        Array(Set(o.board?.lines.map { $0[keyPath: path] }.filter { !$0.isEmpty } ?? [])).sorted()
    }

    static func cycle(_ current: String?, _ options: [String]) -> String? {
        let all: [String?] = [nil] + options.map(Optional.some)
        return all[((all.firstIndex(of: current) ?? 0) + 1) % all.count]
    }
}
