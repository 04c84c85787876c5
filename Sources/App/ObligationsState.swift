import Domain
import Scheduling
import Storage

/// One cell of the obligations grid: a pairing's obligation over every period of the semester
/// (one period for the five ones; several for monthly or weekly rules).
public struct ObligationCell: Equatable, Sendable {
    public var states: [ObligationState]
    public var doneDates: [LocalDate?]
    public var targets: [LocalDate]
    /// Index of the period that contains today, if any.
    public var current: Int?
    /// The contact that fulfilled each period (0 where none did).
    public var contactIDs: [Int64] = []

    public var overdue: Int { states.lazy.filter { $0 == .overdue }.count }

    /// The period whose contact stands behind the cell's ✓: today's when it is done, else the latest done.
    public var donePeriod: Int? {
        func counts(_ i: Int) -> Bool { states[i] == .done && contactIDs.indices.contains(i) && contactIDs[i] != 0 }
        if let c = current, states.indices.contains(c), counts(c) { return c }
        return states.indices.last(where: counts)
    }

    /// The contact behind the cell's ✓ (to correct or delete it), nil when nothing is done.
    public var doneContactID: Int64? { donePeriod.map { contactIDs[$0] } }

    /// What the cell shows: `!` (with a count above one) when anything is overdue, else the state of
    /// today's period (or the last one), `✓` when everything owed is done, `–` when nothing is owed.
    public var state: ObligationState {
        if states.contains(.overdue) { return .overdue }
        if let c = current, states[c] != .notOwed { return states[c] }
        if states.contains(.due) { return .due }
        if states.contains(.done) { return .done }
        return .notOwed
    }

    public var mark: String {
        let s = state
        if s == .overdue, overdue > 1 { return "!\(overdue)" }
        return Self.mark(s)
    }

    /// ✓ done, · due, ! overdue, – not owed.
    public static func mark(_ s: ObligationState) -> String {
        switch s {
        case .done: return "✓"
        case .due: return "·"
        case .overdue: return "!"
        case .notOwed: return "–"
        }
    }
}

/// One line of the grid: a pairing, its cells (nil where a rule does not apply to its role) and counts.
public struct ObligationLine: Equatable, Sendable {
    public var pairingID: Int64
    public var childID: Int64
    public var mentorID: Int64
    public var childName: String
    public var mentorName: String
    public var grid: String
    public var school: String
    public var address: String
    /// Pinyin order keys of the names.
    public var childSort: String
    public var mentorSort: String
    public var cells: [ObligationCell?]
    public var tally: ObligationTally
}

/// The evaluated semester, ready to show.
public struct ObligationBoard: Equatable, Sendable {
    public var semester: Semester
    public var rules: [ObligationRule]
    public var periods: [[Period]]
    public var lines: [ObligationLine]
    public var today: LocalDate

    /// Groups the engine's rows by pairing, with names and places from the labels.
    public static func build(_ report: ObligationReport, children: [Int64: ObligationChildLabel],
                             mentors: [Int64: ObligationMentorLabel], today: LocalDate) -> ObligationBoard {
        let rules = report.rules.rules
        let current: [Int?] = report.periods.map { ps in ps.firstIndex { $0.contains(today) } }
        var lines: [ObligationLine] = []
        var i = 0
        let rows = report.rows
        while i < rows.count {
            let first = rows[i]
            var cells = [ObligationCell?](repeating: nil, count: rules.count)
            var tally = ObligationTally()
            var j = i
            while j < rows.count, rows[j].pairingID == first.pairingID {
                let row = rows[j], r = Int(row.rule)
                var cell = cells[r] ?? ObligationCell(states: [], doneDates: [], targets: [], current: nil)
                if current[r] == Int(row.period) { cell.current = cell.states.count }
                cell.states.append(row.state)
                cell.doneDates.append(row.date)
                cell.contactIDs.append(row.contactID)
                cell.targets.append(row.target)
                cells[r] = cell
                tally.add(row.state)
                j += 1
            }
            let child = children[first.childID], mentor = mentors[first.mentorID]
            lines.append(ObligationLine(pairingID: first.pairingID, childID: first.childID, mentorID: first.mentorID,
                                        childName: child?.name ?? "#\(first.childID)", mentorName: mentor?.name ?? "#\(first.mentorID)",
                                        grid: child?.grid ?? "", school: child?.school ?? "", address: child?.address ?? "",
                                        childSort: child?.sortKey ?? "", mentorSort: mentor?.sortKey ?? "", cells: cells, tally: tally))
            i = j
        }
        return ObligationBoard(semester: report.semester, rules: rules, periods: report.periods, lines: lines, today: today)
    }
}

/// Which lines the grid shows.
public struct ObligationFilter: Equatable, Sendable {
    public var mentorID: Int64?
    public var grid: String?
    public var school: String?
    /// Lines with at least one cell in this state.
    public var state: ObligationState?
    /// Part of the child's or mentor's name, the grid or the school.
    public var text = ""

    public init() {}

    public var isEmpty: Bool { self == ObligationFilter() }

    func matches(_ line: ObligationLine) -> Bool {
        if let m = mentorID, line.mentorID != m { return false }
        if let g = grid, line.grid != g { return false }
        if let s = school, line.school != s { return false }
        if let st = state, !line.cells.contains(where: { $0?.state == st }) { return false }
        let t = text.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty, ![line.childName, line.mentorName, line.grid, line.school].contains(where: { $0.localizedCaseInsensitiveContains(t) }) {
            return false
        }
        return true
    }
}

/// The grid's order.
public enum ObligationSort: String, CaseIterable, Sendable {
    /// Most overdue first, then least done.
    case overdue
    case child
    case mentor
}

/// What the obligations screen shows.
public enum ObligationMode: Equatable, Sendable {
    case grid
    /// What one mentor has to do: overdue, due this week, later (to plan a home-visit sweep).
    case week(mentorID: Int64)
    /// Completion by mentor and by grid, as bars.
    case dashboard
}

/// One outstanding obligation in the "this week" list.
public struct DueItem: Equatable, Sendable {
    public var line: Int
    public var rule: Int
    public var period: Int
    public var target: LocalDate
    public var overdue: Bool
}

/// The obligations screen (4).
public struct ObligationsState: Equatable, Sendable {
    /// The semester shown (nil: the current one, until the first load says which).
    public var semesterID: String?
    public var board: ObligationBoard?
    /// Indices into `board.lines` after filter and sort.
    public var visible: [Int] = []
    /// The states of every cell of the visible lines, counted when they are chosen (not per frame:
    /// a county's grid has hundreds of thousands of cells).
    public var visibleTally = ObligationTally()
    /// Completion by mentor and by grid (the `d` view), counted when the board arrives.
    public var byMentor: [Tallied<String>] = []
    public var byGrid: [Tallied<String>] = []
    public var cursor = 0
    public var top = 0
    public var column = 0
    public var filter = ObligationFilter()
    public var sort = ObligationSort.overdue
    public var mode = ObligationMode.grid
    public var searching = false
    /// Cursor in the week list or the dashboard.
    public var listCursor = 0
    public var listTop = 0
    public var loading = false

    public init() {}

    public var selectedLine: ObligationLine? {
        guard let board, visible.indices.contains(cursor) else { return nil }
        return board.lines[visible[cursor]]
    }

    /// Applies the filter and order to the board's lines.
    public mutating func refilter() {
        guard let board else { visible = []; visibleTally = ObligationTally(); return }
        let keep = board.lines.indices.filter { filter.matches(board.lines[$0]) }
        var tally = ObligationTally()
        for i in keep { for cell in board.lines[i].cells { for st in cell?.states ?? [] { tally.add(st) } } }
        visibleTally = tally
        let lines = board.lines
        switch sort {
        case .overdue:
            visible = keep.sorted {
                let a = lines[$0].tally, b = lines[$1].tally
                return (-a.overdue, a.done - a.owed, lines[$0].childSort, $0) < (-b.overdue, b.done - b.owed, lines[$1].childSort, $1)
            }
        case .child:
            visible = keep.sorted { (lines[$0].childSort, lines[$0].mentorSort, $0) < (lines[$1].childSort, lines[$1].mentorSort, $1) }
        case .mentor:
            visible = keep.sorted { (lines[$0].mentorSort, lines[$0].childSort, $0) < (lines[$1].mentorSort, lines[$1].childSort, $1) }
        }
        cursor = min(cursor, max(0, visible.count - 1))
        top = min(top, cursor)
        if let board = self.board { column = min(column, max(0, board.rules.count - 1)) }
    }

    /// The mentor's outstanding obligations: overdue first, then by target date.
    public func dueItems(mentorID: Int64) -> [DueItem] {
        guard let board else { return [] }
        var items: [DueItem] = []
        for (l, line) in board.lines.enumerated() where line.mentorID == mentorID {
            for (r, cell) in line.cells.enumerated() {
                guard let cell else { continue }
                for (p, state) in cell.states.enumerated() where state == .due || state == .overdue {
                    items.append(DueItem(line: l, rule: r, period: p, target: cell.targets[p], overdue: state == .overdue))
                }
            }
        }
        return items.sorted { ($0.overdue ? 0 : 1, $0.target, board.lines[$0.line].childSort, $0.rule) < ($1.overdue ? 0 : 1, $1.target, board.lines[$1.line].childSort, $1.rule) }
    }

    /// Counts completion per mentor and per grid, lowest first (those who need help on top).
    public mutating func countCompletion() {
        (byMentor, byGrid) = dashboard()
    }

    func dashboard() -> ([Tallied<String>], [Tallied<String>]) {
        guard let board else { return ([], []) }
        var byMentor: [Int64: (String, ObligationTally)] = [:]
        var byGrid: [String: ObligationTally] = [:]
        for line in board.lines {
            var m = byMentor[line.mentorID] ?? (line.mentorName, ObligationTally())
            var g = byGrid[line.grid] ?? ObligationTally()
            for cell in line.cells.compactMap({ $0 }) {
                for s in cell.states { m.1.add(s); g.add(s) }
            }
            byMentor[line.mentorID] = m
            byGrid[line.grid] = g
        }
        func order(_ a: Tallied<String>, _ b: Tallied<String>) -> Bool {
            (a.tally.completion ?? 2, a.key) < (b.tally.completion ?? 2, b.key)
        }
        return (byMentor.values.filter { $0.1.owed > 0 }.map { Tallied(key: $0.0, tally: $0.1) }.sorted(by: order),
                byGrid.filter { $0.value.owed > 0 }.map { Tallied(key: $0.key, tally: $0.value) }.sorted(by: order))
    }
}
