import Domain
import Storage
import TerminalUI

/// The top-level screens, switched with the digit keys. Only screens that exist are listed.
public enum ScreenID: Int, CaseIterable, Sendable {
    case roster = 1

    var title: StringKey {
        switch self { case .roster: return .tabRoster }
    }
}

/// A line in the message area: information or an error.
public struct StatusMessage: Equatable, Sendable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) { self.text = text; self.isError = isError }
}

/// The roster list: the ordered ids of the children matching the search, and the rows loaded for
/// the visible window only (so cost follows what is on screen, not the roster size).
public struct RosterState: Equatable, Sendable {
    public var ids: [Int64] = []
    public var cursor = 0
    public var top = 0
    public var query = ""
    public var searching = false
    public var rows: [Int64: RosterRow] = [:]
    /// The query whose ids are in `ids` (a reply for an older query is ignored).
    public var loadedQuery: String?

    public init() {}

    public var selectedID: Int64? { ids.indices.contains(cursor) ? ids[cursor] : nil }
}

/// The read-only file of one child.
public struct DetailState: Equatable, Sendable {
    public var childID: Int64
    public var child: Child?
    public var loaded = false
    public var scroll = 0
    /// Full ID and phone numbers shown instead of masked ones.
    public var reveal = false

    public init(childID: Int64) { self.childID = childID }
}

/// Everything the screen shows. `update` changes it; `view` draws it.
public struct AppState: Equatable, Sendable {
    public var size: Size
    public var today: LocalDate
    public var strings: Strings
    public var summary: RosterSummary?
    public var screen: ScreenID = .roster
    public var roster = RosterState()
    public var detail: DetailState?
    public var showHelp = false
    public var helpScroll = 0
    public var message: StatusMessage?
    public var running = true

    public init(size: Size, today: LocalDate, strings: Strings) {
        self.size = size; self.today = today; self.strings = strings
    }

    /// Rows of the roster table that fit on screen (header, tabs, search line, table header,
    /// message line and status bar take six).
    public var rosterPageSize: Int { max(1, size.height - 6) }

    /// Rows of the detail body that fit on screen.
    public var detailPageSize: Int { max(1, size.height - 4) }

    /// The key contexts in force, most specific first.
    public var keyContexts: [KeyContext] {
        if showHelp { return [.help] }
        if detail != nil { return [.detail, .global] }
        if roster.searching { return [.search, .roster, .global] }
        return [.roster, .global]
    }

    public var isTooSmall: Bool { size.width < 80 || size.height < 24 }
}

/// Something that happened: a key, a resize, or the result of a command.
public enum Msg: Equatable, Sendable {
    case key(Key)
    case resized(Size)
    case summaryLoaded(RosterSummary)
    case rosterIDsLoaded(query: String, ids: [Int64])
    case rosterRowsLoaded([RosterRow])
    case detailLoaded(id: Int64, child: Child?)
    /// A command failed; the text is safe to show (no personal data).
    case failed(String)
}

/// Work for the runtime, as data so tests can compare it.
public enum Command: Equatable, Sendable {
    case loadSummary
    case loadRosterIDs(query: String)
    case loadRosterRows([Int64])
    case loadDetail(Int64)
}
