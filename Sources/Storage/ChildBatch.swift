import Domain
import Foundation
import GRDB
import GRDBSQLite

private let SQLITE_TRANSIENT = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

/// New households, guardians, children and the children's `created` history lines of an import,
/// written `size` children to a statement. Each INSERT statement sets up a statement journal, and
/// that set-up — not the row — is much of what a row costs; a multi-row INSERT pays it once per
/// batch. Ids are given out here, in order from the largest in use (what SQLite itself would
/// choose inside the open transaction), so callers know them before the batch is written; homes
/// are written before the children that refer to them.
///
/// The batch runs with foreign key enforcement off (see `AppDatabase.importChildren`): SQLite
/// checks a reference by opening a cursor on the parent table per row and reference, seven per
/// child here, most of an import's time in SQLite. `checkReferences` checks the same references
/// for every row the batch wrote, in one statement, before the transaction commits.
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
    /// Prepared multi-row INSERTs by table and row count.
    private var statements: [String: Statement] = [:]

    /// The first ids the batch gives out (the history's is SQLite's own max + 1).
    let first: (child: Int64, household: Int64, guardian: Int64, history: Int64)

    init(db: Database, timestamp: String, actor: String, source: String) throws {
        self.db = db; self.timestamp = timestamp; self.actor = actor; self.source = source
        nextID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM child") ?? 0) + 1
        nextHousehold = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM household") ?? 0) + 1
        nextGuardian = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM guardian") ?? 0) + 1
        first = (nextID, nextHousehold, nextGuardian, (try Int64.fetchOne(db, sql: "SELECT max(id) FROM child_history") ?? 0) + 1)
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
        children.append(c.status.rawValue.databaseValue)
        children.append(c.archiveReason?.rawValue.databaseValue ?? .null)
        children.append(c.archivedOn?.description.databaseValue ?? .null)
        children.append(timestamp.databaseValue)
        children.append(timestamp.databaseValue)
        history.append(id.databaseValue)
        history.append(timestamp.databaseValue)
        history.append(actor.databaseValue)
        history.append("created".databaseValue)
        history.append(.null)
        history.append(source.databaseValue)
        pending += 1
        if pending == Self.size { try flush() }
        return id
    }

    /// The rows written since `first` whose references (grid, household, guardian, class, child)
    /// name no row: zero unless the batch has a bug. One statement, each parent found by its key.
    static func brokenReferences(_ db: Database, since first: (child: Int64, household: Int64, guardian: Int64, history: Int64)) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM household h WHERE h.id >= ?
                      AND h.grid_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM grid WHERE id = h.grid_id))
                 + (SELECT count(*) FROM guardian g WHERE g.id >= ?
                      AND g.household_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM household WHERE id = g.household_id))
                 + (SELECT count(*) FROM child c WHERE c.id >= ? AND (
                         (c.household_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM household WHERE id = c.household_id))
                      OR (c.guardian_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM guardian WHERE id = c.guardian_id))
                      OR (c.school_class_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM school_class WHERE id = c.school_class_id))
                      OR (c.grid_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM grid WHERE id = c.grid_id))))
                 + (SELECT count(*) FROM child_history x WHERE x.id >= ?
                      AND NOT EXISTS (SELECT 1 FROM child WHERE id = x.child_id))
            """, arguments: [first.household, first.guardian, first.child, first.history]) ?? 0
    }

    /// Writes what is queued: homes, guardians, children, then the children's history lines.
    mutating func flush() throws {
        try insert("household", Self.householdColumns, values: households)
        try insert("guardian", Self.guardianColumns, values: guardians)
        try insert("child", Self.childColumns, values: children)
        try insert("child_history", Self.historyColumns, values: history)
        households.removeAll(keepingCapacity: true)
        guardians.removeAll(keepingCapacity: true)
        children.removeAll(keepingCapacity: true)
        history.removeAll(keepingCapacity: true)
        pending = 0
    }

    private mutating func insert(_ table: String, _ columns: [String], values: [DatabaseValue]) throws {
        let rows = values.count / columns.count
        guard rows > 0 else { return }
        let key = "\(table) \(rows)"
        let statement: Statement
        if let known = statements[key] {
            statement = known
        } else {
            let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")"
            statement = try db.makeStatement(sql: "INSERT INTO \(table)(\(columns.joined(separator: ", "))) VALUES "
                                                  + Array(repeating: row, count: rows).joined(separator: ","))
            // Marks the arguments as bound, so `execute()` runs with those bound below.
            statement.setUncheckedArguments(StatementArguments(Array(repeating: DatabaseValue.null, count: values.count)))
            statements[key] = statement
        }
        // Values straight into SQLite, as GRDB binds them, without a `StatementArguments` per batch.
        let raw = statement.sqliteStatement
        sqlite3_reset(raw)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value.storage {
            case .null: sqlite3_bind_null(raw, index)
            case .int64(let n): sqlite3_bind_int64(raw, index, n)
            case .double(let d): sqlite3_bind_double(raw, index, d)
            case .string(let s): sqlite3_bind_text(raw, index, s, -1, SQLITE_TRANSIENT)
            case .blob(let data): _ = data.withUnsafeBytes { sqlite3_bind_blob(raw, index, $0.baseAddress, Int32($0.count), SQLITE_TRANSIENT) }
            }
        }
        try statement.execute()
    }
}
