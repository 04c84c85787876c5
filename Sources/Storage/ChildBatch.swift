import Domain
import Foundation
import GRDB

/// New households, guardians, children and the children's `created` history lines of an import,
/// written `size` children to a statement. Each INSERT into `child` sets up a statement journal
/// and runs the `child_generation` trigger program, and that set-up — not the row — is much of
/// what a row costs; a multi-row INSERT pays it once per batch. Ids are given out here, in order
/// from the largest in use (what SQLite itself would choose inside the open transaction), so
/// callers know them before the batch is written; homes are written before the children that
/// refer to them.
struct ChildBatch {
    static let size = 64
    static let householdColumns = ["id", "address", "grid_id", "created_at"]
    static let guardianColumns = ["id", "household_id", "name", "name_pinyin", "phone", "capacity_notes"]
    static let childColumns = ["id", "household_id", "guardian_id"] + ChildWriter.fileColumns
        + ["status", "archive_reason", "archived_on", "created_at", "updated_at"]
    static let historyColumns = ["child_id", "at", "actor", "field", "old_value", "new_value"]

    let db: Database
    let timestamp: String
    let actor: String
    /// The history line's new value: `import:<file name>`.
    let source: String
    private var nextID: Int64, nextHousehold: Int64, nextGuardian: Int64
    private var households: [DatabaseValue] = [], guardians: [DatabaseValue] = []
    private var children: [DatabaseValue] = [], history: [DatabaseValue] = []
    private var pending = 0

    init(db: Database, timestamp: String, actor: String, source: String) throws {
        self.db = db; self.timestamp = timestamp; self.actor = actor; self.source = source
        nextID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM child") ?? 0) + 1
        nextHousehold = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM household") ?? 0) + 1
        nextGuardian = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM guardian") ?? 0) + 1
        children.reserveCapacity(Self.size * Self.childColumns.count)
        history.reserveCapacity(Self.size * Self.historyColumns.count)
    }

    /// Queues a household and returns the id it will have.
    mutating func addHousehold(address: String, gridID: Int64?) -> Int64 {
        let id = nextHousehold
        nextHousehold += 1
        households += [id.databaseValue, address.databaseValue, gridID?.databaseValue ?? .null, timestamp.databaseValue]
        return id
    }

    /// Queues a guardian (`pinyin` as `ChildWriter.guardianPinyin` gives it) and returns the id it will have.
    mutating func addGuardian(_ g: Guardian, pinyin: String, household: Int64) -> Int64 {
        let id = nextGuardian
        nextGuardian += 1
        guardians += [id.databaseValue, household.databaseValue, g.name.databaseValue, pinyin.databaseValue,
                      g.phone.databaseValue, g.capacityNotes.databaseValue]
        return id
    }

    /// Queues a child (its `ChildWriter.fileValues`) and returns the id it will have.
    mutating func add(_ c: Child, values: [(any DatabaseValueConvertible)?], household: Int64?, guardian: Int64?) throws -> Int64 {
        let id = nextID
        nextID += 1
        children.append(id.databaseValue)
        children.append(household?.databaseValue ?? .null)
        children.append(guardian?.databaseValue ?? .null)
        for v in values { children.append(v?.databaseValue ?? .null) }
        for v: (any DatabaseValueConvertible)? in [c.status.rawValue, c.archiveReason?.rawValue, c.archivedOn?.description, timestamp, timestamp] {
            children.append(v?.databaseValue ?? .null)
        }
        for v: (any DatabaseValueConvertible)? in [id, timestamp, actor, "created", nil, source] {
            history.append(v?.databaseValue ?? .null)
        }
        pending += 1
        if pending == Self.size { try flush() }
        return id
    }

    /// Writes what is queued: homes, guardians, children, then the children's history lines.
    mutating func flush() throws {
        try insert("household", Self.householdColumns, values: &households)
        try insert("guardian", Self.guardianColumns, values: &guardians)
        try insert("child", Self.childColumns, values: &children)
        try insert("child_history", Self.historyColumns, values: &history)
        pending = 0
    }

    private func insert(_ table: String, _ columns: [String], values: inout [DatabaseValue]) throws {
        let rows = values.count / columns.count
        guard rows > 0 else { return }
        defer { values.removeAll(keepingCapacity: true) }
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
        let sql = "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ",")
        let statement = try db.cachedStatement(sql: sql)
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }
}
