import Foundation
import Domain
import GRDB

/// Writes households, guardians and children inside one open transaction, caching the ids of
/// grids, schools and classes it has already looked up. Shared by single saves, demo data and imports.
struct ChildWriter {
    let db: Database
    let timestamp: String
    private var grids: [String: Int64] = [:]
    private var classes: [String: Int64] = [:]
    private var schools: [String: Int64] = [:]
    private let householdStmt: Statement
    private let guardianStmt: Statement
    private let childStmt: Statement
    private var pinyin = PinyinCache()

    init(db: Database, timestamp: String) throws {
        self.db = db
        self.timestamp = timestamp
        householdStmt = try db.makeStatement(sql: "INSERT INTO household(address, grid_id, created_at) VALUES (?, ?, ?)")
        guardianStmt = try db.makeStatement(sql: """
            INSERT INTO guardian(household_id, name, name_pinyin, phone, capacity_notes) VALUES (?, ?, ?, ?, ?)
            """)
        let columns = ["household_id", "guardian_id"] + ChildWriter.fileColumns + ["status", "archive_reason", "archived_on",
                                                                                    "created_at", "updated_at"]
        childStmt = try db.makeStatement(sql: "INSERT INTO child(\(columns.joined(separator: ", "))) VALUES ("
                                              + Array(repeating: "?", count: columns.count).joined(separator: ",") + ")")
    }

    /// The columns of `child` that a form or an import writes, in the order of `fileValues`.
    static let fileColumns = [
        "guardian_relation", "name", "name_pinyin", "name_initials", "name_sort", "search_extra", "sex", "ethnicity",
        "id_number", "birth_date", "school_class_id", "grid_id", "left_behind_type", "father_name", "father_work_place",
        "father_phone", "mother_name", "mother_work_place", "mother_phone", "hardship", "dibao", "disability", "health",
        "interests", "care_notice_given", "care_notice_date", "weekly_parent_contact", "notes", "consent_date", "consent_form",
    ]

    /// Values for `fileColumns`: the record plus its search keys (pinyin computed here, at write time).
    mutating func fileValues(_ c: Child) throws -> [(any DatabaseValueConvertible)?] {
        try fileValues(c, keys: try ChildKeys(c, pinyin: &pinyin))
    }

    /// Values for `fileColumns`, with the search keys computed beforehand (an import computes them
    /// on another thread while this one writes).
    mutating func fileValues(_ c: Child, keys k: ChildKeys) throws -> [(any DatabaseValueConvertible)?] {
        [
            c.guardian?.relation?.rawValue, k.name, k.pinyin.full, k.pinyin.initials, k.pinyin.spaced + " " + k.name,
            k.searchExtra, c.sex?.rawValue, c.ethnicity, k.idNumber, c.birthDate?.description,
            try classID(school: c.schoolName, className: c.className), try gridID(c.gridName), c.leftBehindType?.rawValue,
            c.father.name, c.father.workPlace, c.father.phone, c.mother.name, c.mother.workPlace, c.mother.phone,
            c.hardship, c.dibao, c.disability, c.health, c.interests, c.careNoticeGiven, c.careNoticeDate?.description,
            c.weeklyParentContact, c.notes, c.consentDate?.description, c.consentForm,
        ]
    }

    mutating func gridID(_ name: String?) throws -> Int64? {
        guard let name = name?.trimmingWhitespace, !name.isEmpty else { return nil }
        if let id = grids[name] { return id }
        try db.cachedStatement(sql: "INSERT INTO grid(name) VALUES (?) ON CONFLICT(name) DO NOTHING").execute(arguments: [name])
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM grid WHERE name = ?"), arguments: [name])!
        grids[name] = id
        return id
    }

    mutating func classID(school: String?, className: String?) throws -> Int64? {
        guard let school = school?.trimmingWhitespace, !school.isEmpty,
              let cls = className?.trimmingWhitespace, !cls.isEmpty else { return nil }
        let key = school + "\u{1}" + cls
        if let id = classes[key] { return id }
        let schoolID: Int64
        if let known = schools[school] {
            schoolID = known
        } else {
            try db.cachedStatement(sql: "INSERT INTO school(name) VALUES (?) ON CONFLICT(name) DO NOTHING").execute(arguments: [school])
            schoolID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM school WHERE name = ?"), arguments: [school])!
            schools[school] = schoolID
        }
        try db.cachedStatement(sql: "INSERT INTO school_class(school_id, name) VALUES (?, ?) ON CONFLICT(school_id, name) DO NOTHING")
            .execute(arguments: [schoolID, cls])
        let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM school_class WHERE school_id = ? AND name = ?"),
                                    arguments: [schoolID, cls])!
        classes[key] = id
        return id
    }

    mutating func insertHousehold(address: String, grid: String?) throws -> Int64 {
        try householdStmt.execute(arguments: [address, try gridID(grid), timestamp])
        return db.lastInsertedRowID
    }

    mutating func insertGuardian(_ g: Guardian, household: Int64) throws -> Int64 {
        try guardianStmt.execute(arguments: [household, g.name, guardianPinyin(g.name), g.phone, g.capacityNotes])
        return db.lastInsertedRowID
    }

    /// A guardian's `name_pinyin` column: full pinyin and initials.
    mutating func guardianPinyin(_ name: String) -> String { ChildKeys.guardianPinyin(name, pinyin: &pinyin) }

    mutating func insertChild(_ c: Child, household: Int64?, guardian: Int64?) throws -> Int64 {
        let args: [(any DatabaseValueConvertible)?] = [household, guardian] + (try fileValues(c)) + [
            c.status.rawValue, c.archiveReason?.rawValue, c.archivedOn?.description, timestamp, timestamp,
        ]
        try childStmt.execute(arguments: StatementArguments(args))
        return db.lastInsertedRowID
    }
}

extension ChildWriter {
    /// Appends one line to a child's change history (who, when, field, old → new).
    /// A new file is recorded as field `created` with its source (`form`, `sweep`, `import:<file>`) as new value.
    func recordHistory(child: Int64, actor: String, field: String, old: String?, new: String?) throws {
        // A cached statement: an import records one line per child, 100,000 times.
        try db.cachedStatement(sql: """
            INSERT INTO child_history(child_id, at, actor, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)
            """).execute(arguments: [child, timestamp, actor, field, old, new])
        try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "child", entityID: child, childID: child,
                              field: field, old: old, new: new)
    }
}

extension AppDatabase {
    /// Saves a new child with its own household and guardian, in one transaction. Returns the child's id.
    public func addChild(_ child: Child, timestamp: String) throws -> Int64 {
        try writer.write { db in
            var w = try ChildWriter(db: db, timestamp: timestamp)
            let household = try w.insertHousehold(address: child.address, grid: child.gridName)
            let guardian = try child.guardian.map { try w.insertGuardian($0, household: household) }
            return try w.insertChild(child, household: household, guardian: guardian)
        }
    }
}
