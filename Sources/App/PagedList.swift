import TerminalUI

/// A row a paged list can hold: it knows its database id.
public protocol ListRow: Equatable, Sendable {
    var id: Int64 { get }
}

/// A scrolling list over ordered database ids that keeps only the rows of the visible window.
/// The roster and the mentors list both use it, so scrolling costs the same at 300 or 100,000 rows.
public struct PagedList<Row: ListRow>: Equatable, Sendable {
    public var ids: [Int64] = []
    public var cursor = 0
    public var top = 0
    public var rows: [Int64: Row] = [:]

    public init() {}

    public var selectedID: Int64? { ids.indices.contains(cursor) ? ids[cursor] : nil }

    /// Replaces the ids (a new search or filter, or a reload after a change), keeping the selected row
    /// selected when it is still listed. Loaded rows are dropped: after a change they may be stale.
    public mutating func setIDs(_ new: [Int64], pageSize: Int) {
        let previous = selectedID
        ids = new
        rows = [:]
        cursor = previous.flatMap { new.firstIndex(of: $0) } ?? 0
        if cursor == 0 { top = 0 }
        top = Scrolling.top(cursor: cursor, top: top, height: pageSize, count: new.count)
    }

    /// Moves the cursor: by `delta` rows, or to the first/last row.
    public mutating func move(by delta: Int, pageSize: Int, movesPage: Bool = false) {
        guard !ids.isEmpty else { return }
        let c = max(0, min(ids.count - 1, cursor + delta))
        var t = top
        if movesPage { t += c - cursor } // PgUp/PgDn move the page with the cursor
        cursor = c
        top = Scrolling.top(cursor: c, top: t, height: pageSize, count: ids.count)
    }

    public mutating func moveToStart(pageSize: Int) { move(by: -ids.count, pageSize: pageSize) }
    public mutating func moveToEnd(pageSize: Int) { move(by: ids.count, pageSize: pageSize) }

    /// Applies a movement key (up, down, page up/down, first, last). Returns false for other actions.
    public mutating func move(_ action: Action, pageSize page: Int) -> Bool {
        switch action {
        case .up: move(by: -1, pageSize: page)
        case .down: move(by: 1, pageSize: page)
        case .pageUp: move(by: -page, pageSize: page, movesPage: true)
        case .pageDown: move(by: page, pageSize: page, movesPage: true)
        case .first: moveToStart(pageSize: page)
        case .last: moveToEnd(pageSize: page)
        default: return false
        }
        return true
    }

    /// Keeps the cursor visible after the page size changed.
    public mutating func fit(pageSize: Int) {
        top = Scrolling.top(cursor: cursor, top: top, height: pageSize, count: ids.count)
    }

    /// Ids in the visible window.
    public func visibleIDs(pageSize: Int) -> [Int64] {
        guard !ids.isEmpty else { return [] }
        let end = min(ids.count, top + pageSize)
        return top < end ? Array(ids[top..<end]) : []
    }

    /// Visible ids whose rows are not loaded yet.
    public func missingIDs(pageSize: Int) -> [Int64] { visibleIDs(pageSize: pageSize).filter { rows[$0] == nil } }

    /// Takes loaded rows, keeping only those in the visible window.
    public mutating func merge(_ loaded: [Row], pageSize: Int) {
        let window = Set(visibleIDs(pageSize: pageSize))
        rows = rows.filter { window.contains($0.key) }
        for row in loaded where window.contains(row.id) { rows[row.id] = row }
    }
}
