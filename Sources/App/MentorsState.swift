import Domain
import Storage

extension MentorRow: ListRow {}

/// The mentors screen (结对帮扶 · 帮扶人): a searchable list and one mentor's file.
public struct MentorsState: Equatable, Sendable {
    public var list = PagedList<MentorRow>()
    public var query = ""
    public var searching = false
    public var filter = MentorFilter()
    public var loadedQuery: MentorQuery?
    public var detail: MentorDetailState?
    /// Active mentors, and how many of them can take another child (for the line above the table).
    public var counts: (active: Int, free: Int)?

    public init() {}

    public var mentorQuery: MentorQuery { MentorQuery(search: query, filter: filter) }

    public static func == (a: MentorsState, b: MentorsState) -> Bool {
        a.list == b.list && a.query == b.query && a.searching == b.searching && a.filter == b.filter
            && a.loadedQuery == b.loadedQuery && a.detail == b.detail && a.counts?.active == b.counts?.active
            && a.counts?.free == b.counts?.free
    }
}

/// A search and filter of the mentor registry.
public struct MentorQuery: Hashable, Sendable {
    public var search: String
    public var filter: MentorFilter
    public init(search: String = "", filter: MentorFilter = MentorFilter()) { self.search = search; self.filter = filter }
}

/// One mentor's file: the record, their pairings (active and ended) and the change history.
public struct MentorDetailState: Equatable, Sendable {
    public var mentorID: Int64
    public var row: MentorRow?
    public var pairings: [PairingRow] = []
    public var history: [HistoryEntry] = []
    public var loaded = false
    public var scroll = 0
    public var reveal = false
    /// The record version, for editing (a stale version is a conflict).
    public var version: Int?

    public init(mentorID: Int64) { self.mentorID = mentorID }
}

/// Choosing a mentor for the open child (`p` in a child's file): suggestions first, search by typing.
public struct PairPicker: Equatable, Sendable {
    public var childID: Int64
    public var childName: String
    public var role: PairRole = .primary
    public var query = TextField()
    public var candidates: [MentorRow] = []
    /// Candidates whose grid is the child's (shown with a mark).
    public var sameGrid: Set<Int64> = []
    public var cursor = 0
    /// The question/text being answered for the chosen mentor (override reason), if any.
    public var overrideReason = TextField()

    public init(childID: Int64, childName: String) { self.childID = childID; self.childName = childName }

    public var selected: MentorRow? { candidates.indices.contains(cursor) ? candidates[cursor] : nil }
}
