import Domain
import Foundation
import GRDB

extension AppDatabase {
    /// SQL for a mentor's load (active pairings of any pair role); `m` is the mentor alias.
    static let mentorLoadSQL = "(SELECT count(*) FROM pairing p WHERE p.mentor_id = m.id AND p.end_date IS NULL)"

    /// Ids of the mentors matching `search` and `filter`, search ranking first, then pinyin order.
    ///
    /// The search works like the children's: a name fragment in Chinese (`李秀`), full pinyin
    /// (`lixiu`, spaces ignored), initials (`lxy`), or a fragment of the phone or organisation.
    /// Ranking: exact name, then prefix, then contains, then other fields. Pinyin keys are columns
    /// computed at write time.
    public func mentorIDs(search: String = "", filter: MentorFilter = MentorFilter()) throws -> [Int64] {
        var conditions: [String] = []
        var args: [(any DatabaseValueConvertible)?] = []
        if !filter.includeLeft { conditions.append("m.status = 'active'") }
        if let role = filter.role { conditions.append("m.role = ?"); args.append(role.rawValue) }
        if let g = filter.grid { conditions.append("m.grid_id = (SELECT id FROM grid WHERE name = ?)"); args.append(g) }
        if filter.freeCapacityOnly { conditions.append("\(Self.mentorLoadSQL) < m.capacity") }
        var rank = ""
        var rankArgs: [(any DatabaseValueConvertible)?] = []
        // Phones are stored without dashes in the haystack, so "0817-23" finds "08172345678".
        let compact = Self.compactPhone(search)
        if let q = NameSearch(search, alias: "m", extraFragment: compact.isEmpty ? nil : compact) {
            conditions.append(q.condition)
            args += q.conditionArguments
            rank = q.rank
            rankArgs = q.rankArguments
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT m.id FROM mentor m \(whereClause) ORDER BY \(rank) m.name_sort, m.id"
        return try writer.read { db in try Int64.fetchAll(db, sql: sql, arguments: StatementArguments(args + rankArgs)) }
    }

    /// Mentor lines for the given ids, in the order given (ids not found are skipped).
    public func mentorRows(ids: [Int64]) throws -> [MentorRow] {
        guard !ids.isEmpty else { return [] }
        return try writer.read { db in try Self.mentorRows(db, ids: ids) }
    }

    static func mentorRows(_ db: Database, ids: [Int64]) throws -> [MentorRow] {
        var byID: [Int64: MentorRow] = [:]
        // Chunks keep the statement under SQLite's variable limit for very long lists.
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(ids.count, start + 500)])
            let placeholders = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT m.id, m.name, m.role, m.phone, m.organisation, g.name AS grid, m.capacity, m.status, m.left_on,
                       \(Self.mentorLoadSQL) AS load,
                       (SELECT max(date) FROM contact c WHERE c.mentor_id = m.id AND c.deleted = 0) AS last_contact
                FROM mentor m LEFT JOIN grid g ON g.id = m.grid_id
                WHERE m.id IN (\(placeholders))
                """, arguments: StatementArguments(chunk))
            for r in rows {
                let id: Int64 = r["id"]
                byID[id] = MentorRow(
                    id: id, name: r["name"], role: MentorRole(rawValue: r["role"]) ?? .volunteer, phone: r["phone"],
                    organisation: r["organisation"], gridName: r["grid"], capacity: r["capacity"], load: r["load"],
                    status: MentorStatus(rawValue: r["status"]) ?? .active,
                    leftOn: (r["left_on"] as String?).flatMap { LocalDate(parsing: $0) },
                    lastContact: (r["last_contact"] as String?).flatMap { LocalDate(parsing: $0) })
            }
        }
        return ids.compactMap { byID[$0] }
    }

    /// Number of active mentors, and of those with room for another child.
    public func mentorCounts() throws -> (active: Int, withFreeCapacity: Int) {
        try writer.read { db in
            let active = try Int.fetchOne(db, sql: "SELECT count(*) FROM mentor WHERE status = 'active'") ?? 0
            let free = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM mentor m WHERE m.status = 'active' AND \(Self.mentorLoadSQL) < m.capacity
                """) ?? 0
            return (active, free)
        }
    }
}
