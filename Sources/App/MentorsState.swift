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
    /// The grids to cycle through with `w` (loaded with the list).
    public var grids: [String] = []

    public init() {}

    public var mentorQuery: MentorQuery { MentorQuery(search: query, filter: filter) }

    public static func == (a: MentorsState, b: MentorsState) -> Bool {
        a.list == b.list && a.query == b.query && a.searching == b.searching && a.filter == b.filter
            && a.loadedQuery == b.loadedQuery && a.detail == b.detail && a.counts?.active == b.counts?.active
            && a.counts?.free == b.counts?.free && a.grids == b.grids
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
    /// The mentor's contact log, newest first.
    public var contacts: [ContactRow] = []
    public var loaded = false
    public var scroll = 0
    public var reveal = false
    /// The record version, for editing (a stale version is a conflict).
    public var version: Int?
    /// The contact chosen in the mentor's contact log (Tab), nil until one is chosen.
    public var contactCursor: Int?

    public init(mentorID: Int64) { self.mentorID = mentorID }
}

/// Choosing a mentor for the open child (`p` in a child's file) or a child for the open mentor
/// (`p` in a mentor's file): suggestions first, search by typing.
public struct PairPicker: Equatable, Sendable {
    public enum Target: Equatable, Sendable {
        case mentorForChild(id: Int64, name: String)
        case childForMentor(id: Int64, name: String, grid: String?)
    }

    public var target: Target
    public var role: PairRole = .primary
    public var query = TextField()
    /// Mentors to choose from (`mentorForChild`).
    public var candidates: [MentorRow] = []
    /// Children to choose from (`childForMentor`): unpaired children of the mentor's grid, or search results.
    public var children: [RosterRow] = []
    /// Candidates whose grid is the child's (shown with a mark).
    public var sameGrid: Set<Int64> = []
    public var cursor = 0
    /// The question/text being answered for the chosen mentor (override reason), if any.
    public var overrideReason = TextField()
    /// The user agreed to reassign the child; a capacity override then reassigns rather than pairs.
    public var reassigning = false

    public init(childID: Int64, childName: String) { target = .mentorForChild(id: childID, name: childName) }

    public init(mentorID: Int64, mentorName: String, grid: String?) {
        target = .childForMentor(id: mentorID, name: mentorName, grid: grid)
    }

    public var count: Int {
        if case .mentorForChild = target { return candidates.count } else { return children.count }
    }

    /// The child and mentor the highlighted row would pair.
    public var selectedPair: (child: Int64, mentor: Int64)? {
        guard (0..<count).contains(cursor) else { return nil }
        switch target {
        case .mentorForChild(let child, _): return (child, candidates[cursor].id)
        case .childForMentor(let mentor, _, _): return (children[cursor].id, mentor)
        }
    }
}
