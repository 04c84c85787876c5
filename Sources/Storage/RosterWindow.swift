import Foundation
import GRDB

/// Part of the roster's ordered ids: the children at positions `offset ..< offset + ids.count` of
/// a list of `count`. The whole active roster in pinyin order (what the roster shows on start and
/// after a search is cleared) is read this way, so the first frame reads what it shows, not
/// 100,000 ids.
public struct RosterWindow: Equatable, Sendable {
    public var offset: Int
    public var ids: [Int64]
    public var count: Int
    /// The position of the child the window was read around (`rosterWindow(_:around:limit:)`), nil
    /// when that child is not listed or none was asked for.
    public var located: Int?
    /// The `ChildGeneration` when read: windows of different generations do not belong
    /// to the same list.
    public var generation: Int64

    public init(offset: Int, ids: [Int64], count: Int, located: Int? = nil, generation: Int64) {
        self.offset = offset; self.ids = ids; self.count = count; self.located = located; self.generation = generation
    }
}

extension AppDatabase {
    /// Whether the query lists the whole active roster in pinyin order, the list windows are read from.
    public static func isWindowable(_ query: RosterQuery) -> Bool {
        query.search.trimmingCharacters(in: .whitespaces).isEmpty && query.filter.isEmpty && query.sort == .pinyin
    }

    /// The window of at least `limit` ids that covers the positions `range`, centred on them; nil
    /// for a query that is not windowable. In the order of `rosterIDs(query)`.
    public func rosterWindow(_ query: RosterQuery, covering range: Range<Int>, limit: Int) throws -> RosterWindow? {
        guard Self.isWindowable(query) else { return nil }
        return try writer.read { db in
            let count = try Self.activeCount(db)
            let size = max(limit, range.count)
            let offset = max(0, min(range.lowerBound - (size - range.count) / 2, count - size))
            return RosterWindow(offset: offset, ids: try Self.windowIDs(db, offset: offset, limit: size), count: count,
                                generation: try Self.childGeneration(db))
        }
    }

    /// The window of `limit` ids around the child `id` (its position in `located`), or the first
    /// window when the child is not listed; nil for a query that is not windowable.
    public func rosterWindow(_ query: RosterQuery, around id: Int64, limit: Int) throws -> RosterWindow? {
        guard Self.isWindowable(query) else { return nil }
        return try writer.read { db in
            let count = try Self.activeCount(db)
            // Children before it in (name_sort, id) order: a range of the child_roster index.
            let position = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM child c WHERE c.status = 'active'
                        AND (c.name_sort < t.name_sort OR (c.name_sort = t.name_sort AND c.id < t.id)))
                FROM child t WHERE t.id = ? AND t.status = 'active'
                """, arguments: [id])
            let offset = position.map { max(0, min($0 - limit / 2, count - limit)) } ?? 0
            return RosterWindow(offset: offset, ids: try Self.windowIDs(db, offset: offset, limit: limit), count: count,
                                located: position, generation: try Self.childGeneration(db))
        }
    }

    /// Active children: all less the archived (few), both counted on small indexes.
    static func activeCount(_ db: Database) throws -> Int {
        let all = try Int.fetchOne(db, sql: "SELECT count(*) FROM child") ?? 0
        return all - (try Int.fetchOne(db, sql: "SELECT count(*) FROM child WHERE status = 'archived'") ?? 0)
    }

    static func windowIDs(_ db: Database, offset: Int, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db, sql: "SELECT id FROM child WHERE status = 'active' ORDER BY name_sort, id LIMIT ? OFFSET ?",
                           arguments: [limit, offset])
    }

    static func childGeneration(_ db: Database) throws -> Int64 {
        try ChildGeneration.read(db)
    }
}
