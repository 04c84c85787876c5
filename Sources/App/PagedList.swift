import TerminalUI

/// A row a paged list can hold: it knows its database id.
public protocol ListRow: Equatable, Sendable {
    var id: Int64 { get }
}

/// A scrolling list over ordered database ids that keeps only the rows of the visible window.
/// The roster and the mentors list both use it, so scrolling costs the same at 300 or 100,000 rows.
///
/// The ids are all of the list's (`setIDs`), or, for a long list, a window of them (`setWindow`):
/// `ids` are then the ids at positions `offset ..< offset + ids.count` of `count`, and the caller
/// reads another window when the visible rows leave it (`uncovered`).
public struct PagedList<Row: ListRow>: Equatable, Sendable {
    /// The ids known: all of them, or those of the window from `offset`.
    public var ids: [Int64] = []
    /// The position of `ids[0]` in the whole list.
    public var offset = 0
    /// How many rows the whole list has.
    public var count = 0
    public var cursor = 0
    public var top = 0
    public var rows: [Int64: Row] = [:]

    public init() {}

    public var selectedID: Int64? { id(at: cursor) }

    /// The id at a position of the whole list, if known.
    public func id(at position: Int) -> Int64? {
        let i = position - offset
        return ids.indices.contains(i) ? ids[i] : nil
    }

    /// The position of a known id.
    public func position(of id: Int64) -> Int? { ids.firstIndex(of: id).map { offset + $0 } }

    /// Replaces the ids (a new search or filter, or a reload after a change), keeping the selected row
    /// selected when it is still listed. Loaded rows are dropped: after a change they may be stale.
    public mutating func setIDs(_ new: [Int64], pageSize: Int) {
        let previous = selectedID
        replace(offset: 0, ids: new, count: new.count, selecting: previous.flatMap { new.firstIndex(of: $0) }, pageSize: pageSize)
    }

    /// Replaces the list with a window of a longer one, selecting the row at position `selecting`
    /// (the first row when nil) the way `setIDs` keeps a selected row. Loaded rows are dropped.
    public mutating func replace(offset: Int, ids new: [Int64], count: Int, selecting: Int?, pageSize: Int) {
        ids = new
        self.offset = offset
        self.count = count
        rows = [:]
        cursor = selecting ?? 0
        if cursor == 0 { top = 0 }
        top = Scrolling.top(cursor: cursor, top: top, height: pageSize, count: count)
    }

    /// Another window of the same list (scrolling): the cursor stays, loaded rows are kept.
    public mutating func extend(offset: Int, ids new: [Int64]) {
        ids = new
        self.offset = offset
    }

    /// The visible positions when some of them lie outside the known ids, else nil.
    public func uncovered(pageSize: Int) -> Range<Int>? {
        let visible = top..<min(count, top + pageSize)
        guard !visible.isEmpty else { return nil }
        return visible.lowerBound >= offset && visible.upperBound <= offset + ids.count ? nil : visible
    }

    /// Moves the cursor: by `delta` rows, or to the first/last row.
    public mutating func move(by delta: Int, pageSize: Int, movesPage: Bool = false) {
        guard count > 0 else { return }
        let c = max(0, min(count - 1, cursor + delta))
        var t = top
        if movesPage { t += c - cursor } // PgUp/PgDn move the page with the cursor
        cursor = c
        top = Scrolling.top(cursor: c, top: t, height: pageSize, count: count)
    }

    public mutating func moveToStart(pageSize: Int) { move(by: -count, pageSize: pageSize) }
    public mutating func moveToEnd(pageSize: Int) { move(by: count, pageSize: pageSize) }

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
        top = Scrolling.top(cursor: cursor, top: top, height: pageSize, count: count)
    }

    /// Known ids in the visible window.
    public func visibleIDs(pageSize: Int) -> [Int64] {
        let end = min(count, top + pageSize)
        return top < end ? (top..<end).compactMap(id(at:)) : []
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
