import Domain
import Foundation
import GRDB

/// One mentor read from a spreadsheet, offered to `importMentors`.
public struct MentorImportItem: Equatable, Sendable {
    public var mentor: Mentor
    /// The capacity cell was blank: the community's rule for the role (`capacity(for:)`) applies,
    /// not `mentor.capacity`.
    public var capacityFromRule: Bool

    public init(mentor: Mentor, capacityFromRule: Bool) {
        self.mentor = mentor; self.capacityFromRule = capacityFromRule
    }
}

/// What became of one mentor offered to `importMentors`.
public enum MentorImportOutcome: Equatable, Sendable {
    /// A new mentor was added with this id (rolled back again in a dry run).
    case created(Int64)
    /// A mentor with this phone number is already in the database (phones identify mentors): nothing written.
    case alreadyInDatabase(Int64)
    /// The same phone number on an earlier item of this import, at the given index: nothing written.
    case repeats(Int)
    /// The store refused the record (e.g. `invalidPhone`); callers check the rows first, so this is rare.
    case refused(PairingError)
}

extension AppDatabase {
    /// Adds mentors read from a spreadsheet, all in ONE transaction, skipping those whose phone number
    /// (dashes and spaces ignored) is already in the database or on an earlier item: re-running an import
    /// adds nothing. A blank capacity takes the community's rule for the role (`capacity(for:)`).
    /// Each new mentor gets a history line: field `created`, new value `import:<file name>`.
    ///
    /// With `dryRun` everything is written and then rolled back, so the outcomes are exactly those of a
    /// real import. `progress(done, total)` is called every few hundred mentors.
    public func importMentors(_ items: [MentorImportItem], fileName: String, actor: String, timestamp: String,
                              dryRun: Bool = false, audit: ImportAuditNote? = nil,
                              progress: ((Int, Int) -> Void)? = nil) throws -> [MentorImportOutcome] {
        try writer.writeWithoutTransaction { db in
            var outcomes: [MentorImportOutcome] = []
            try db.inTransaction(.immediate) {
                outcomes = try Self.importMentors(db, items, source: "import:" + fileName, actor: actor,
                                                  timestamp: timestamp, progress: progress)
                if dryRun { return .rollback }
                try audit?.record(db, outcomes, actor: actor, timestamp: timestamp) { outcome in
                    switch outcome {
                    case .created: return .created
                    case .alreadyInDatabase, .repeats: return .duplicate
                    case .refused: return .refused
                    }
                }
                return .commit
            }
            return outcomes
        }
    }

    private static func importMentors(_ db: Database, _ items: [MentorImportItem], source: String, actor: String,
                                      timestamp: String, progress: ((Int, Int) -> Void)?) throws -> [MentorImportOutcome] {
        // Bulk reads: every phone, every grid, the capacity rules. No query per row.
        var known: [String: Int64] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, phone FROM mentor") { known[compactPhone(r[1])] = r[0] }
        var grids: [String: Int64] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT id, name FROM grid") { grids[r[1]] = r[0] }
        var rules: [MentorRole: Int] = [:]
        for role in MentorRole.allCases { rules[role] = try capacity(db, for: role) }
        let insert = try db.makeStatement(sql: """
            INSERT INTO mentor(name, name_pinyin, name_initials, name_sort, search_extra, role, phone, organisation,
                grid_id, capacity, status, left_on, created_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        var seen: [String: Int] = [:]
        var outcomes: [MentorImportOutcome] = []
        outcomes.reserveCapacity(items.count)
        let step = max(500, items.count / 100)
        for (index, item) in items.enumerated() {
            if let progress, index > 0, index % step == 0 { progress(index, items.count) }
            var mentor = item.mentor
            if item.capacityFromRule { mentor.capacity = rules[mentor.role] ?? mentor.role.defaultCapacity }
            do {
                let m = try normalized(mentor)
                let key = compactPhone(m.phone)
                if let id = known[key] { outcomes.append(.alreadyInDatabase(id)); continue }
                if let earlier = seen[key] { outcomes.append(.repeats(earlier)); continue }
                var grid: Int64?
                if let name = m.gridName {
                    if let id = grids[name] {
                        grid = id
                    } else {
                        grid = try gridID(db, name)
                        grids[name] = grid
                    }
                }
                let keys = PinyinKeys(name: m.name)
                try mapConstraint {
                    try insert.execute(arguments: [
                        m.name, keys.full, keys.initials, keys.spaced + " " + m.name, searchExtra(m), m.role.rawValue, m.phone,
                        m.organisation, grid, m.capacity, m.status.rawValue, m.leftOn?.description, timestamp, timestamp,
                    ])
                }
                let id = db.lastInsertedRowID
                try recordMentorHistory(db, mentor: id, at: timestamp, actor: actor, field: "created", old: nil, new: source)
                seen[key] = index
                outcomes.append(.created(id))
            } catch let error as PairingError {
                outcomes.append(.refused(error))
            }
        }
        progress?(items.count, items.count)
        return outcomes
    }
}
