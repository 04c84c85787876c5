import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// A database file of its own, removed after the test, with a child, a mentor, a pairing and a contact.
private struct AuditFixture {
    let dir: URL
    let path: String
    let db: AppDatabase
    let child: Int64
    let mentor: Int64

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("shouhu-audit-\(UUID().uuidString)")
        path = dir.appendingPathComponent("audit.sqlite").path
        db = try AppDatabase.open(path: path)
        let c = Child(name: "王小明", sex: .male, idNumber: "510722201503051174", birthDate: LocalDate(year: 2015, month: 3, day: 5),
                      gridName: "石桥村3组", address: "石桥村3组15号")
        child = try db.saveNewChild(c, actor: "王主任", source: "form", timestamp: "2026-11-23T09:00:00+08:00").id
        var changed = c
        changed.notes = "喜欢画画"
        _ = try db.updateChild(changed, id: child, expectedVersion: 1, actor: "王主任", timestamp: "2026-11-23T09:01:00+08:00")
        mentor = try db.addMentor(Mentor(name: "刘芳", role: .caringMother, phone: "13912340824"), actor: "王主任",
                                  timestamp: "2026-11-23T09:02:00+08:00")
        try db.pair(child: child, mentor: mentor, role: .primary, start: LocalDate(year: 2026, month: 9, day: 1)!, actor: "王主任",
                    timestamp: "2026-11-23T09:03:00+08:00")
        try db.addContact(Contact(childID: child, mentorID: mentor, kind: .visit, date: LocalDate(year: 2026, month: 11, day: 20)!),
                          today: LocalDate(year: 2026, month: 11, day: 23)!, actor: "刘芳", timestamp: "2026-11-23T09:04:00+08:00")
        try db.recordAccess(.open, entityID: child, childID: child, actor: "刘芳", timestamp: "2026-11-23T09:05:00+08:00")
    }

    /// Runs raw SQL on the file through a connection of its own (no Shouhu code in between).
    func raw(_ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: sql) }
        try queue.close()
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

@Suite("Audit trail")
struct AuditTests {
    @Test func everyWriteAndOpeningIsRecordedInOrder() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        let all = try f.db.auditEntries()
        #expect(all.map(\.id) == Array(1...Int64(all.count)))
        #expect(all.map(\.entity) == ["child", "child", "mentor", "pairing", "contact", "child"])
        #expect(all[1].field == "notes" && all[1].old == "" && all[1].new == "喜欢画画" && all[1].actor == "王主任")
        #expect(all[3].childID == f.child && all[3].field == "created")
        #expect(all[4].childID == f.child && all[4].actor == "刘芳")
        #expect(all[5].action == "open" && all[5].childID == f.child)
        // Filters: by child, by actor (any case).
        #expect(try f.db.auditEntries(childID: f.child).map(\.entity) == ["child", "child", "pairing", "contact", "child"])
        #expect(try f.db.auditEntries(actor: "刘芳").map(\.action) == ["write", "open"])
        #expect(try f.db.verifyAudit() == nil)
    }

    @Test func theTableRefusesChangesAndDeletions() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        #expect(throws: DatabaseError.self) { try f.raw("UPDATE audit SET actor = 'someone' WHERE id = 2") }
        #expect(throws: DatabaseError.self) { try f.raw("DELETE FROM audit WHERE id = 2") }
        // Each trigger's refusal is recognised as such, for the interface to word it.
        do { try f.raw("UPDATE audit SET actor = 'someone' WHERE id = 2") } catch { #expect(StorageRefusal(error) == .auditEntryChanged) }
        do { try f.raw("DELETE FROM audit WHERE id = 2") } catch { #expect(StorageRefusal(error) == .auditEntryDeleted) }
        #expect(try f.db.verifyAudit() == nil)
    }

    @Test func anEditedEntryBreaksTheChainThere() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        try f.raw("DROP TRIGGER audit_no_update; UPDATE audit SET new_value = '不喜欢画画' WHERE id = 2")
        #expect(try f.db.verifyAudit() == AuditBreak(entry: 2, reason: .changed))
    }

    @Test func aRecomputedHashStillBreaksTheNextLink() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        // Someone who edits an entry and gives it a matching hash breaks the link of the entry after it.
        let entry = try f.db.auditEntries()[2]
        let forged = AuditChain.hash(previous: try hashOf(f, 2),
                                     .init(id: 3, at: entry.at, actor: "别人", action: entry.action, entity: entry.entity,
                                           entityID: entry.entityID, childID: entry.childID, field: entry.field, old: entry.old,
                                           new: entry.new))
        try f.raw("DROP TRIGGER audit_no_update; UPDATE audit SET actor = '别人', hash = '\(forged)' WHERE id = 3")
        #expect(try f.db.verifyAudit() == AuditBreak(entry: 4, reason: .changed))
    }

    @Test func aDeletedEntryIsNamed() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        try f.raw("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 3")
        #expect(try f.db.verifyAudit() == AuditBreak(entry: 3, reason: .missing))
    }

    @Test func deletingTheLastEntryIsSeenFromTheHead() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        let count = Int64(try f.db.auditCount())
        try f.raw("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = \(count)")
        #expect(try f.db.verifyAudit() == AuditBreak(entry: count, reason: .missing))
        // New entries after the deletion do not heal the chain.
        try f.db.recordAccess(.open, entityID: f.child, childID: f.child, actor: "x", timestamp: "2026-11-23T10:00:00+08:00")
        #expect(try f.db.verifyAudit() == AuditBreak(entry: count, reason: .missing))
    }

    @Test func aRestoreRefusesABackupWithABrokenTrail() throws {
        let f = try AuditFixture()
        defer { f.remove() }
        let backup = f.dir.appendingPathComponent("backup.sqlite").path
        try Backup.copy(database: f.path, to: backup)
        let queue = try DatabaseQueue(path: backup)
        try queue.write { db in try db.execute(sql: "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2") }
        try queue.close()
        let target = f.dir.appendingPathComponent("target.sqlite").path
        #expect(throws: BackupError.auditBroken(entry: 2)) {
            try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: backup)), into: target, stamp: "x")
        }
        #expect(!FileManager.default.fileExists(atPath: target))
    }

    @Test func theMigrationStartsTheTrailFromEarlierHistory() throws {
        // A database of the previous version with history: migrating to v8 seeds the trail from it.
        let queue = try DatabaseQueue()
        var migrator = Migrations.migrator
        try migrator.migrate(queue, upTo: "v7-accounts")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO child(id, name, created_at, updated_at) VALUES (1, '张三', 't', 't');
                INSERT INTO child_history(child_id, at, actor, field, old_value, new_value) VALUES (1, '2026-01-02', 'a', 'created', NULL, 'form');
                INSERT INTO child_history(child_id, at, actor, field, old_value, new_value) VALUES (1, '2026-01-01', 'b', 'name', 'x', '张三');
                """)
        }
        migrator = Migrations.migrator
        try migrator.migrate(queue)
        let db = try AppDatabase(queue)
        #expect(try db.auditEntries().map(\.at) == ["2026-01-01", "2026-01-02"])
        #expect(try db.verifyAudit() == nil)
    }
}

private func hashOf(_ f: AuditFixture, _ id: Int64) throws -> String {
    let queue = try DatabaseQueue(path: f.path)
    defer { try? queue.close() }
    return try queue.read { db in try String.fetchOne(db, sql: "SELECT hash FROM audit WHERE id = ?", arguments: [id])! }
}

@Suite("Purging archived files")
struct PurgeTests {
    @Test func onlyArchivedFilesGoWithEverythingThatHangsOnThemAndThePurgeIsAudited() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 60, seed: 7, referenceDate: LocalDate(year: 2026, month: 11, day: 23)!))
        let archived = try db.childrenForExport(includeArchived: true).filter { $0.status == .archived }.compactMap(\.id)
        let active = try #require(try db.rosterIDs().first)
        #expect(!archived.isEmpty)
        #expect(throws: PurgeError.notArchived(active)) { try db.purgeArchivedChildren(ids: archived + [active], actor: "王主任", timestamp: "t") }
        #expect(try db.childrenForExport(includeArchived: true).filter { $0.status == .archived }.count == archived.count,
                "a refusal changes nothing")
        let before = try db.auditCount()
        #expect(try db.purgeArchivedChildren(ids: archived, actor: "王主任", timestamp: "t") == archived.count)
        #expect(try db.childrenForExport(includeArchived: true).allSatisfy { $0.status == .active })
        for id in archived {
            #expect(try db.child(id: id) == nil)
            #expect(try db.history(childID: id).isEmpty)
            #expect(try db.pairings(childID: id).isEmpty)
            #expect(try db.contacts(childID: id).isEmpty)
        }
        let last = try #require(try db.auditEntries().last)
        #expect(last.action == "purge" && last.new == String(archived.count) && last.actor == "王主任")
        #expect(try db.auditCount() == before + 1)
        #expect(try db.verifyAudit() == nil)
        #expect(try db.integrityCheck() == "ok")
    }
}

@Suite("Guardian consent")
struct ConsentTests {
    @Test func consentIsKeptWithItsHistory() throws {
        let db = try AppDatabase.inMemory()
        var c = Child(name: "李小雨", birthDate: LocalDate(year: 2018, month: 4, day: 2))
        let saved = try db.saveNewChild(c, actor: "王主任", source: "form", timestamp: "t1")
        #expect(try db.child(id: saved.id)?.consentDate == nil)
        c.consentDate = LocalDate(year: 2026, month: 9, day: 3)
        c.consentForm = "书面同意书 2026-017"
        _ = try db.updateChild(c, id: saved.id, expectedVersion: 1, actor: "王主任", timestamp: "t2")
        let back = try #require(try db.child(id: saved.id))
        #expect(back.consentDate == LocalDate(year: 2026, month: 9, day: 3) && back.consentForm == "书面同意书 2026-017")
        #expect(Set(try db.history(childID: saved.id).prefix(2).map(\.field)) == ["consent_date", "consent_form"])
        #expect(try db.childrenForExport(includeArchived: false).first?.consentForm == "书面同意书 2026-017")
        #expect(try db.auditEntries(childID: saved.id).contains { $0.field == "consent_date" && $0.new == "2026-09-03" })
    }
}

@Suite("Demo data and accounts")
struct DemoAccountsTests {
    @Test func aDatabaseWithAccountsIsNeverFilledWithDemoData() throws {
        let db = try AppDatabase.inMemory()
        try db.addUser(name: "王主任", role: .coordinator, password: "coordinator-1", now: Date(), rounds: 1_000)
        #expect(throws: NotADemoDatabase.self) {
            try db.fillDemo(DemoOptions(children: 5, seed: 1, referenceDate: LocalDate(year: 2026, month: 11, day: 23)!))
        }
        #expect(try db.setting(.isDemo) == nil)
    }
}

@Suite("Imports in the audit trail (storage)")
struct ImportAuditStorageTests {
    static func children(_ n: Int) -> [Child] {
        (0..<n).map { i in
            Child(name: "导入\(i)", sex: .female, birthDate: LocalDate(year: 2016, month: 1, day: 1 + i % 28),
                  address: "青山村\(i)号", guardian: Guardian(name: "监护人\(i)", relation: nil, phone: "13912340\(100 + i)"))
        }
    }

    @Test func oneEntryForTheWholeImportInItsTransaction() throws {
        let db = try AppDatabase.inMemory()
        let note = ImportAuditNote(kind: "children", fileName: "花名册.csv", rejectedBeforehand: 2)
        let batch = Self.children(150) + [Self.children(1)[0]]
        _ = try db.importChildren(batch, fileName: "花名册.csv", actor: "王芳", timestamp: "2026-11-23T10:00:00+08:00",
                                  dryRun: true, audit: note)
        #expect(try db.auditCount() == 0, "a dry run leaves nothing")
        let outcomes = try db.importChildren(batch, fileName: "花名册.csv", actor: "王芳",
                                             timestamp: "2026-11-23T10:00:00+08:00", audit: note)
        #expect(outcomes.filter { if case .created = $0 { return true } else { return false } }.count == 150)
        let entries = try db.auditEntries()
        #expect(entries.count == 1)
        #expect(entries[0].action == "import" && entries[0].entity == "children" && entries[0].actor == "王芳")
        #expect(entries[0].at == "2026-11-23T10:00:00+08:00")
        #expect(entries[0].new == "花名册.csv: created 150, duplicates 1, rejected 2")
        #expect(try db.verifyAudit() == nil)
        // The relation not given stays unknown in the database.
        #expect(try db.writer.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM child WHERE guardian_relation IS NULL") } == 150)
    }
}
