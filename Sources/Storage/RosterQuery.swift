import Domain
import Foundation
import GRDB

/// Which children the roster lists.
public struct RosterFilter: Hashable, Sendable, Codable {
    public enum Archive: String, Hashable, Sendable, Codable, CaseIterable { case active, archived, all }
    public enum AgeBand: String, Hashable, Sendable, Codable, CaseIterable {
        case under6 = "0-5", primary = "6-11", middle = "12-15", over15 = "16+"
        /// Ages included (whole years on "today").
        public var range: ClosedRange<Int> {
            switch self {
            case .under6: return 0...5
            case .primary: return 6...11
            case .middle: return 12...15
            case .over15: return 16...150
            }
        }
    }

    public var grid: String?
    public var school: String?
    public var className: String?
    public var ageBand: AgeBand?
    public var leftBehindType: LeftBehindType?
    public var hardship: Bool?
    public var disability: Bool?
    /// Only children without an active primary mentor.
    public var unpairedOnly = false
    public var archive: Archive = .active
    /// Only the children this mentor is paired with now (set by the runtime for a mentor account,
    /// whatever the screen asked: the narrowing is not the user's to lift).
    public var mentorScope: Int64?

    public init(grid: String? = nil, school: String? = nil, className: String? = nil, ageBand: AgeBand? = nil,
                leftBehindType: LeftBehindType? = nil, hardship: Bool? = nil, disability: Bool? = nil,
                unpairedOnly: Bool = false, archive: Archive = .active) {
        self.grid = grid; self.school = school; self.className = className; self.ageBand = ageBand
        self.leftBehindType = leftBehindType; self.hardship = hardship; self.disability = disability
        self.unpairedOnly = unpairedOnly; self.archive = archive
    }

    /// True when nothing narrows the default list of active children.
    public var isEmpty: Bool { self == RosterFilter() }
}

/// The order of the roster.
public enum RosterSort: String, Hashable, Sendable, Codable, CaseIterable {
    case pinyin, age, grid
    /// Longest without a recorded contact first (never contacted on top): whom to visit next.
    case lastContact = "last_contact"
}

/// A search, filter and sort: everything that decides which ids the roster shows, in what order.
public struct RosterQuery: Hashable, Sendable {
    public var search: String
    public var filter: RosterFilter
    public var sort: RosterSort

    public init(search: String = "", filter: RosterFilter = RosterFilter(), sort: RosterSort = .pinyin) {
        self.search = search; self.filter = filter; self.sort = sort
    }
}

/// The values the filters can take, read from the data.
public struct FilterOptions: Equatable, Sendable {
    public var grids: [String]
    public var schools: [String]
    public var classes: [String]
    public init(grids: [String], schools: [String], classes: [String]) {
        self.grids = grids; self.schools = schools; self.classes = classes
    }
}

extension AppDatabase {
    public func filterOptions() throws -> FilterOptions {
        try writer.read { db in
            FilterOptions(
                grids: try String.fetchAll(db, sql: "SELECT name FROM grid ORDER BY name"),
                schools: try String.fetchAll(db, sql: "SELECT name FROM school ORDER BY name"),
                classes: try String.fetchAll(db, sql: "SELECT DISTINCT name FROM school_class ORDER BY name"))
        }
    }

    /// Ids of the children matching a query, in its order (search ranking first when searching).
    /// Ages are counted on `today`.
    public func rosterIDs(_ query: RosterQuery, today: LocalDate) throws -> [Int64] {
        // Search-as-you-type over the whole active roster in the usual order: from memory.
        if !query.search.trimmingCharacters(in: .whitespaces).isEmpty, query.filter.isEmpty, query.sort == .pinyin {
            return try writer.read { db in try searchIndex.search(query.search, in: db) }
        }
        return try sqlRosterIDs(query, today: today)
    }

    /// Loads the search keys now (when the search field opens) rather than on the first keystroke.
    public func prepareSearch() throws {
        try writer.read { db in try searchIndex.refresh(in: db) }
    }

    /// The same, always answered by SQL (filters, orders, and the reference for the in-memory index).
    func sqlRosterIDs(_ query: RosterQuery, today: LocalDate) throws -> [Int64] {
        var conditions: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        let f = query.filter
        switch f.archive {
        case .active: conditions.append("c.status = 'active'")
        case .archived: conditions.append("c.status = 'archived'")
        case .all: break
        }
        if let g = f.grid { conditions.append("c.grid_id = (SELECT id FROM grid WHERE name = ?)"); args.append(g) }
        if let s = f.school {
            conditions.append("c.school_class_id IN (SELECT k.id FROM school_class k JOIN school s ON s.id = k.school_id WHERE s.name = ?)")
            args.append(s)
        }
        if let k = f.className { conditions.append("c.school_class_id IN (SELECT id FROM school_class WHERE name = ?)"); args.append(k) }
        if let band = f.ageBand {
            // Age in [lo, hi] on today ⇔ born in (today - (hi+1) years, today - lo years].
            let lo = band.range.lowerBound, hi = band.range.upperBound
            conditions.append("c.birth_date <= ?")
            args.append(Self.yearsBefore(today, lo).description)
            if hi < 100 {
                conditions.append("c.birth_date > ?")
                args.append(Self.yearsBefore(today, hi + 1).description)
            }
        }
        if let t = f.leftBehindType { conditions.append("c.left_behind_type = ?"); args.append(t.rawValue) }
        if let h = f.hardship { conditions.append("c.hardship = ?"); args.append(h) }
        if let d = f.disability { conditions.append("c.disability = ?"); args.append(d) }
        if f.unpairedOnly { conditions.append(Self.unpairedSQL) }
        if let m = f.mentorScope { conditions.append(Self.mentorScopeSQL); args.append(m) }

        var rank = ""
        var rankArgs: [(any DatabaseValueConvertible)?] = []
        if let search = NameSearch(query.search, alias: "c") {
            conditions.append(search.condition)
            args += search.conditionArguments
            rank = search.rank
            rankArgs = search.rankArguments
        }
        let order: String
        switch query.sort {
        case .pinyin: order = "c.name_sort, c.id"
        case .age: order = "c.birth_date IS NULL, c.birth_date DESC, c.name_sort, c.id" // youngest first
        case .grid: order = "(SELECT name FROM grid WHERE id = c.grid_id) IS NULL, (SELECT name FROM grid WHERE id = c.grid_id), c.name_sort, c.id"
        case .lastContact:
            order = "(SELECT max(k.date) FROM contact k WHERE k.child_id = c.id AND k.deleted = 0) IS NOT NULL, "
                + "(SELECT max(k.date) FROM contact k WHERE k.child_id = c.id AND k.deleted = 0), c.name_sort, c.id"
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT c.id FROM child c \(whereClause) ORDER BY \(rank) \(order)"
        return try writer.read { db in try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(args + rankArgs)) }
    }

    /// The same day `years` earlier (28 Feb for 29 Feb in a common year), never before 1900.
    static func yearsBefore(_ d: LocalDate, _ years: Int) -> LocalDate {
        let y = max(1900, d.year - years)
        return LocalDate(year: y, month: d.month, day: min(d.day, LocalDate.daysIn(month: d.month, year: y))) ?? d
    }
}
