import Domain
import Foundation
import GRDB
import Testing
@testable import Storage

/// A fresh directory for one test, removed by `cleanup`.
private struct Scratch {
    let dir = NSTemporaryDirectory() + "shouhu-backup-\(UUID().uuidString)"
    init() throws { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) }
    func path(_ name: String) -> String { dir + "/" + name }
    func cleanup() { try? FileManager.default.removeItem(atPath: dir) }
}

private func mode(_ path: String) throws -> Int {
    (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
}

/// Every row of every table, as text: two databases hold the same records when these are equal.
/// (Except the search-cache counter `child_generation`, which a restore moves on purpose.)
private func dump(_ path: String) throws -> [String: [String]] {
    let queue = try DatabaseQueue(path: path)
    return try queue.read { db in
        var out: [String: [String]] = [:]
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        for table in tables {
            let skip = table == "setting" ? " WHERE key <> 'child_generation'" : ""
            out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"" + skip).map(\.description).sorted()
        }
        return out
    }
}

private func demoDatabase(_ path: String, children: Int = 40, seed: UInt64 = 2026) throws -> AppDatabase {
    let db = try AppDatabase.open(path: path)
    try db.fillDemo(DemoOptions(children: children, seed: seed, referenceDate: LocalDate(year: 2026, month: 11, day: 23)!))
    return db
}

/// A cheap scrypt cost, so the tests of the file format run fast (the command uses `.standard`).
private let cheap = SealedFile.Cost(log2N: 10, r: 8, p: 1)

@Suite("Sealed (encrypted) files")
struct SealedFileTests {
    @Test func roundTripAndHeader() throws {
        let plain = Data("SQLite format 3\u{0}王小明 510722201503051171".utf8)
        let sealed = try SealedFile.seal(plain, passphrase: "青山 correct horse", cost: cheap)
        #expect(SealedFile.isSealed(sealed))
        #expect(Array(sealed.prefix(8)) == Array("SHOUHU".utf8) + [0, UInt8(ascii: "E")])
        let header: [UInt8] = Array(sealed[8..<14])
        #expect(header == [1, 1, 10, 8, 1, 16])
        #expect(sealed.range(of: Data("王小明".utf8)) == nil)
        #expect(sealed.range(of: Data("SQLite".utf8)) == nil)
        #expect(try SealedFile.open(sealed, passphrase: "青山 correct horse") == plain)
        // Two seals of the same data differ (fresh salt and nonce).
        #expect(try SealedFile.seal(plain, passphrase: "x", cost: cheap) != SealedFile.seal(plain, passphrase: "x", cost: cheap))
    }

    @Test func wrongPassphraseAndAlteredBytesAreRefused() throws {
        let sealed = try SealedFile.seal(Data(repeating: 7, count: 1000), passphrase: "right", cost: cheap)
        #expect(throws: SealedFile.Failure.wrongPassphraseOrDamaged) { try SealedFile.open(sealed, passphrase: "wrong") }
        var flipped = sealed
        flipped[sealed.count - 100] ^= 1
        #expect(throws: SealedFile.Failure.wrongPassphraseOrDamaged) { try SealedFile.open(flipped, passphrase: "right") }
        var salted = sealed
        salted[20] ^= 1 // a byte of the salt: the key differs
        #expect(throws: SealedFile.Failure.wrongPassphraseOrDamaged) { try SealedFile.open(salted, passphrase: "right") }
    }

    @Test func truncatedOrForeignFilesAreDamaged() throws {
        let sealed = try SealedFile.seal(Data(repeating: 7, count: 1000), passphrase: "right", cost: cheap)
        for length in [0, 5, 13, 30, 50, sealed.count - 1] {
            #expect(throws: SealedFile.Failure.damaged) { try SealedFile.open(sealed.prefix(length), passphrase: "right") }
        }
        var version = sealed
        version[8] = 9
        #expect(throws: SealedFile.Failure.damaged) { try SealedFile.open(version, passphrase: "right") }
        var greedy = sealed
        greedy[10] = 20; greedy[11] = 255 // 2^20 × 255 × 128 bytes: refused before any work
        #expect(throws: SealedFile.Failure.damaged) { try SealedFile.open(greedy, passphrase: "right") }
        #expect(!SealedFile.isSealed(Data("SQLite format 3\u{0}".utf8)))
    }
}

@Suite("Backups and restores")
struct BackupTests {
    @Test func encryptedBackupShowsNoNameAndRestoresExactly() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        let source = s.path("shouhu.sqlite")
        let db = try demoDatabase(source)
        let names = try db.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM child UNION SELECT name FROM guardian UNION SELECT name FROM mentor")
        }
        #expect(names.count > 40)

        let plain = try Backup.snapshot(of: source, scratchDirectory: s.dir)
        #expect(names.allSatisfy { plain.range(of: Data($0.utf8)) != nil }, "the plain snapshot holds the names")
        let sealed = try SealedFile.seal(plain, passphrase: "口令 2026", cost: cheap)
        try OwnerOnlyFile.write(sealed, to: s.path("backup.shb"))
        #expect(try mode(s.path("backup.shb")) == 0o600)
        let written = try Data(contentsOf: URL(fileURLWithPath: s.path("backup.shb")))
        for name in names { #expect(written.range(of: Data(name.utf8)) == nil, "\(name) readable in the backup") }
        // Nothing is left behind in the scratch directory.
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.dir).sorted()
            == ["backup.shb", "shouhu.sqlite", "shouhu.sqlite-shm", "shouhu.sqlite-wal"])

        let target = s.path("restored/shouhu.sqlite")
        let outcome = try Backup.restore(try SealedFile.open(written, passphrase: "口令 2026"), into: target, stamp: "20261123-090000")
        let summary = try db.rosterSummary()
        #expect(outcome.previous == nil)
        #expect(outcome.children == summary.activeChildren + summary.archivedChildren)
        #expect(try dump(target) == dump(source))
        #expect(try mode(target) == 0o600)
        #expect(try AppDatabase.open(path: target).integrityCheck() == "ok")
    }

    @Test func restoreKeepsThePreviousDatabase() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        let a = s.path("a.sqlite"), b = s.path("b.sqlite")
        _ = try demoDatabase(a, children: 20, seed: 1)
        let other = try demoDatabase(b, children: 30, seed: 2)
        let before = try dump(b)
        try Backup.copy(database: a, to: s.path("a.backup"))
        #expect(try mode(s.path("a.backup")) == 0o600)

        let outcome = try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: s.path("a.backup"))), into: b,
                                         stamp: "20261123-090000")
        #expect(outcome.previous == b + ".before-restore-20261123-090000")
        #expect(try dump(b) == dump(a))
        #expect(try dump(b + ".before-restore-20261123-090000") == before)
        #expect(try mode(b + ".before-restore-20261123-090000") == 0o600)
        // The search-cache counter moved past both, so a Shouhu open on b reloads its search keys.
        let generation = try other.writer.read { db in try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'child_generation'") }
        let generations = try [a, b + ".before-restore-20261123-090000"].map { path in
            try DatabaseQueue(path: path).read { db in try Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM setting WHERE key = 'child_generation'") ?? 0 }
        }
        #expect(generation == generations.max()! + 1)
        // The connection that was open on b sees the restored records.
        #expect(try other.rosterSummary() == AppDatabase.open(path: a).rosterSummary())
        // A second restore in the same second keeps the first kept file.
        let again = try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: s.path("a.backup"))), into: b,
                                       stamp: "20261123-090000")
        #expect(again.previous == b + ".before-restore-20261123-090000-2")
    }

    @Test func theRestoredTrailRecordsTheRestoreAndStillHolds() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        let path = s.path("shouhu.sqlite")
        let db = try demoDatabase(path, children: 10, seed: 3)
        try db.recordAccess(.export, entity: "backup", detail: "plain", actor: "王芳", timestamp: "2026-11-23T09:00:00+08:00")
        try Backup.copy(database: path, to: s.path("守护-2026-11-23.shb"))
        let atBackup = try db.auditCount()
        // Work after the backup: in the kept file only, once restored.
        try db.recordAccess(.open, entityID: 1, childID: 1, actor: "王芳", timestamp: "2026-11-23T10:00:00+08:00")
        let outcome = try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: s.path("守护-2026-11-23.shb"))), into: path,
                                         stamp: "20261123-110000")
        let kept = try #require(outcome.previous)
        try AppDatabase.open(path: path).recordRestore(from: "守护-2026-11-23.shb", previous: (kept as NSString).lastPathComponent,
                                                       actor: "王芳", timestamp: "2026-11-23T11:00:00+08:00")
        let restored = try AppDatabase.open(path: path)
        let entries = try restored.auditEntries()
        #expect(entries.count == atBackup + 1)
        let last = try #require(entries.last)
        #expect(last.action == "restore" && last.entity == "database" && last.actor == "王芳")
        #expect(last.at == "2026-11-23T11:00:00+08:00")
        #expect(last.old == "shouhu.sqlite.before-restore-20261123-110000" && last.new == "守护-2026-11-23.shb")
        #expect(try restored.verifyAudit() == nil)
        // The replaced trail, with the entry made after the backup, is intact in the kept file.
        let previous = try AppDatabase.open(path: kept)
        #expect(try previous.auditCount() == atBackup + 1)
        #expect(try previous.auditEntries().last?.action == "open")
        #expect(try previous.verifyAudit() == nil)
        // And a backup of the restored database restores (its trail holds).
        try Backup.copy(database: path, to: s.path("again.shb"))
        _ = try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: s.path("again.shb"))), into: s.path("other.sqlite"),
                               stamp: "20261123-120000")
    }

    @Test func damagedForeignOrNewerFilesChangeNothing() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        let live = s.path("live.sqlite")
        _ = try demoDatabase(live, children: 10)
        let before = try dump(live)
        try Backup.copy(database: live, to: s.path("good.backup"))
        let good = try Data(contentsOf: URL(fileURLWithPath: s.path("good.backup")))

        #expect(throws: BackupError.notABackup) { try Backup.restore(Data("name,id\n".utf8), into: live, stamp: "x") }
        #expect(throws: BackupError.self) { try Backup.restore(good.prefix(good.count / 2), into: live, stamp: "x") }
        var scrambled = good
        for i in stride(from: 4096 + 200, to: min(good.count, 4096 * 6), by: 7) { scrambled[i] ^= 0x55 }
        #expect(throws: BackupError.self) { try Backup.restore(scrambled, into: live, stamp: "x") }

        // A database of a newer Shouhu, and a SQLite file that is not Shouhu's.
        let newer = s.path("newer.sqlite")
        try FileManager.default.copyItem(atPath: s.path("good.backup"), toPath: newer)
        try DatabaseQueue(path: newer).write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-future')") }
        #expect(throws: BackupError.newerVersion) {
            try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: newer)), into: live, stamp: "x")
        }
        let foreign = s.path("foreign.sqlite")
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t(x); INSERT INTO t VALUES (1)") }
        #expect(throws: BackupError.notABackup) {
            try Backup.restore(try Data(contentsOf: URL(fileURLWithPath: foreign)), into: live, stamp: "x")
        }

        #expect(try dump(live) == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: s.dir).filter { $0.hasPrefix(".") || $0.contains("before-restore") }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test func backupDuringAnOpenWriteTransactionHoldsTheCommittedRecords() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        let live = s.path("live.sqlite")
        let db = try demoDatabase(live, children: 10)
        let committed = try dump(live)
        let pool = try DatabasePool(path: live)
        try pool.writeWithoutTransaction { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            try conn.execute(sql: "UPDATE child SET name = '未提交的名字'")
            try Backup.copy(database: live, to: s.path("during.backup"))
            try conn.execute(sql: "ROLLBACK")
        }
        #expect(try dump(s.path("during.backup")) == committed)
        #expect(try db.integrityCheck() == "ok")
    }

    @Test func backupOfAMissingDatabaseIsRefused() throws {
        let s = try Scratch()
        defer { s.cleanup() }
        #expect(throws: BackupError.noDatabase(path: s.path("none.sqlite"))) {
            try Backup.copy(database: s.path("none.sqlite"), to: s.path("out"))
        }
        #expect(!FileManager.default.fileExists(atPath: s.path("out")))
    }
}
