import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// v11 rebuilds the tables whose CHECK constraints held lists: same rows, same rules, same indexes
/// and triggers, and no list left in any CHECK.
struct TableRebuildTests {
    @Test func listsBecomeComparisons() {
        let sql = """
            CREATE TABLE t (
                kind TEXT NOT NULL CHECK (kind IN ('visit','talk',
                                   'letter')),
                flag INTEGER NOT NULL DEFAULT 0 CHECK (flag IN (0, 1)),
                name TEXT CHECK (length(trim(name)) > 0),
                CHECK (kind = 'visit' OR flag = 0)
            )
            """
        #expect(TableRebuild.comparisons(sql) == """
            CREATE TABLE t (
                kind TEXT NOT NULL CHECK (kind = 'visit' OR kind = 'talk' OR kind = 'letter'),
                flag INTEGER NOT NULL DEFAULT 0 CHECK (flag = 0 OR flag = 1),
                name TEXT CHECK (length(trim(name)) > 0),
                CHECK (kind = 'visit' OR flag = 0)
            )
            """)
    }

    /// Every row of every table, every index and trigger by name.
    private func contents(_ db: AppDatabase) throws -> (rows: [String: [String]], objects: [String]) {
        try db.writer.read { db in
            var rows: [String: [String]] = [:]
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'") {
                rows[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map(\.description).sorted()
            }
            let objects = try String.fetchAll(db, sql: "SELECT type || ' ' || name FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY 1")
            return (rows, objects)
        }
    }

    @Test func upgradeKeepsEveryRowIndexAndTrigger() throws {
        let dir = NSTemporaryDirectory() + "shouhu-rebuild-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/v10.sqlite"
        let before: (rows: [String: [String]], objects: [String])
        do {
            let old = try AppDatabase(DatabaseQueue(path: path, configuration: AppDatabase.configuration()),
                                      migratingUpTo: "v10-no-insert-trigger")
            try old.fillDemo(DemoOptions(children: 80, seed: 11, referenceDate: LocalDate(year: 2026, month: 11, day: 23)!))
            before = try contents(old)
            #expect(before.rows["contact", default: []].count > 0)
            #expect(before.rows["pairing", default: []].count > 0)
            #expect(before.rows["activity", default: []].count > 0)
        }
        let db = try AppDatabase.open(path: path)
        #expect(try db.appliedMigrations().last == "v11-checks-without-lists")
        let after = try contents(db)
        #expect(after.rows == before.rows)
        #expect(after.objects == before.objects)
        #expect(try db.integrityCheck() == "ok")
        try db.writer.read { db in
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            let lists = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '% IN (%'")
            #expect(lists.isEmpty)
        }
    }

    /// The rules hold as before: each value a list allowed still goes in, anything else is refused.
    @Test func rulesStillRefuseWhatTheListsRefused() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 5, seed: 3, referenceDate: LocalDate(year: 2026, month: 11, day: 23)!))
        let refused = [
            "UPDATE child SET sex = 'unknown' WHERE id = 1",
            "UPDATE child SET guardian_relation = 'neighbour' WHERE id = 1",
            "UPDATE child SET left_behind_type = 'none' WHERE id = 1",
            "UPDATE child SET status = 'gone' WHERE id = 1",
            "UPDATE child SET status = 'archived', archive_reason = 'bored' WHERE id = 1",
            "UPDATE mentor SET role = 'boss' WHERE id = 1",
            "UPDATE mentor SET status = 'away' WHERE id = 1",
            "UPDATE pairing SET pair_role = 'friend' WHERE id = 1",
            "UPDATE contact SET kind = 'email' WHERE id = 1",
            "UPDATE contact SET deleted = 2 WHERE id = 1",
            "UPDATE activity SET category = 'party' WHERE id = 1",
            "UPDATE activity SET cancelled = 2 WHERE id = 1",
        ]
        for sql in refused {
            #expect(throws: DatabaseError.self, "\(sql)") { try db.writer.write { try $0.execute(sql: sql) } }
        }
        let allowed = [
            "UPDATE child SET sex = 'female', guardian_relation = 'maternal_grandmother', left_behind_type = 'mother_away' WHERE id = 1",
            "UPDATE child SET sex = NULL, guardian_relation = NULL, left_behind_type = NULL WHERE id = 1",
            "UPDATE mentor SET role = 'social_worker' WHERE id = 1",
            "UPDATE contact SET kind = 'other' WHERE id = 1",
            "UPDATE activity SET category = 'other', cancelled = 1 WHERE id = 1",
        ]
        for sql in allowed { try db.writer.write { try $0.execute(sql: sql) } }
        #expect(try db.writer.read { try String.fetchOne($0, sql: "SELECT role FROM mentor WHERE id = 1") } == "social_worker")
        #expect(try db.writer.read { try String.fetchOne($0, sql: "SELECT category || cancelled FROM activity WHERE id = 1") } == "other1")
    }
}
