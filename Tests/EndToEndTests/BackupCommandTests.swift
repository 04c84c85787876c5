import Domain
import Foundation
import GRDB
import Storage
import XCTest

/// `shouhu backup` and `shouhu restore` as a user runs them: real files, real processes.
final class BackupCommandTests: EndToEndTestCase {
    let passphrase = "青山镇 2026 backup"

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    /// The three exports: equal when two databases hold the same children, mentors and pairings.
    func exports(_ db: String) throws -> [String] {
        try [["children", "--include-archived"], ["mentors"], ["pairings"]].map { args in
            let r = try runShouhu(["export"] + args + ["--db", db])
            XCTAssertEqual(r.status, 0, r.stderr)
            return r.stdout
        }
    }

    func names(_ db: String) throws -> [String] {
        try withDatabase(db) { d in
            try d.childrenForExport(includeArchived: true).flatMap { [$0.name, $0.guardian?.name ?? ""] }
                + d.mentorsForExport().map(\.name)
        }.filter { !$0.isEmpty }
    }

    func testEncryptedBackupHidesEveryNameAndRestoresExactly() throws {
        let db = try makeDemoDatabase(children: 120)
        let backup = path("守护备份.shb")
        let made = try runShouhu(["backup", backup, "--encrypt", "--db", db], env: ["SHOUHU_PASSPHRASE": passphrase])
        XCTAssertEqual(made.status, 0, made.stderr)
        XCTAssertEqual(made.errors, Catalog.zh.text("backup.done_encrypted", backup) + "\n")
        XCTAssertEqual(try mode(backup), 0o600)

        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        let all = try names(db)
        XCTAssertGreaterThan(all.count, 200)
        for name in all { XCTAssertNil(bytes.range(of: Data(name.utf8)), "\(name) is readable in the backup") }
        XCTAssertNil(bytes.range(of: Data("SQLite format".utf8)))
        XCTAssertNil(bytes.range(of: Data("CREATE TABLE".utf8)))

        // Restored onto another database: the same records, the replaced file kept beside it.
        let other = try makeDemoDatabase(children: 10, seed: 9, name: "other.sqlite")
        let otherBefore = try exports(other)
        let restored = try runShouhu(["restore", backup, "--db", other, "--lang", "en"], env: ["SHOUHU_PASSPHRASE": passphrase])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertTrue(restored.errors.hasPrefix("Restored: 120 child files; the previous database is kept at \(other).before-restore-"),
                      restored.stderr)
        XCTAssertEqual(try exports(other), try exports(db))
        let kept = try FileManager.default.contentsOfDirectory(atPath: workDir.path).filter { $0.hasPrefix("other.sqlite.before-restore-") }
        XCTAssertEqual(kept.count, 1, "\(kept)")
        XCTAssertEqual(try mode(path(kept[0])), 0o600)
        XCTAssertEqual(try exports(path(kept[0])), otherBefore)
    }

    func testPassphraseFromStandardInput() throws {
        let db = try makeDemoDatabase(children: 20)
        let stdin = path("passphrase.txt")
        try Data((passphrase + "\n").utf8).write(to: URL(fileURLWithPath: stdin))
        let backup = path("b.shb")
        let made = try ProcessRunner.run(executable: binary.path, arguments: ["backup", backup, "--encrypt", "--db", db],
                                         environment: shouhuEnvironment(), stdinPath: stdin, timeout: 60)
        XCTAssertEqual(made.status, 0, made.stderr)
        // The same passphrase given the other way opens it; a fresh database path receives it.
        let fresh = path("new/shouhu.sqlite")
        let restored = try runShouhu(["restore", backup, "--db", fresh], env: ["SHOUHU_PASSPHRASE": passphrase])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        XCTAssertEqual(restored.errors, Catalog.zh.text("restore.done_new", 20) + "\n")
        XCTAssertEqual(try exports(fresh), try exports(db))
        XCTAssertEqual(try mode(fresh), 0o600)

        let none = try runShouhu(["backup", path("c.shb"), "--encrypt", "--db", db])
        XCTAssertEqual(none.status, 1)
        XCTAssertEqual(none.errors, Catalog.zh.text("error.generic", Catalog.zh.text("passphrase.missing")) + "\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: path("c.shb")))
    }

    func testWrongPassphraseAndTruncatedFileChangeNothing() throws {
        let db = try makeDemoDatabase(children: 30)
        let backup = path("b.shb")
        XCTAssertEqual(try runShouhu(["backup", backup, "--encrypt", "--db", db], env: ["SHOUHU_PASSPHRASE": passphrase]).status, 0)
        let target = try makeDemoDatabase(children: 5, seed: 3, name: "target.sqlite")
        let before = try exports(target)

        let wrong = try runShouhu(["restore", backup, "--db", target], env: ["SHOUHU_PASSPHRASE": "not it"])
        XCTAssertEqual(wrong.status, 1)
        XCTAssertEqual(wrong.errors, Catalog.zh.text("error.generic", Catalog.zh.text("restore.wrong_passphrase")) + "\n")

        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        let cut = path("cut.shb")
        try bytes.prefix(bytes.count - 4096).write(to: URL(fileURLWithPath: cut))
        let truncated = try runShouhu(["restore", cut, "--db", target], env: ["SHOUHU_PASSPHRASE": passphrase])
        XCTAssertEqual(truncated.status, 1)
        XCTAssertEqual(truncated.errors, Catalog.zh.text("error.generic", Catalog.zh.text("restore.damaged")) + "\n")

        // A plain backup cut in half is no database either.
        let plain = path("plain.sqlite-backup")
        XCTAssertEqual(try runShouhu(["backup", plain, "--db", db]).status, 0)
        let plainBytes = try Data(contentsOf: URL(fileURLWithPath: plain))
        try plainBytes.prefix(plainBytes.count / 2).write(to: URL(fileURLWithPath: cut))
        let half = try runShouhu(["restore", cut, "--db", target])
        XCTAssertEqual(half.status, 1)
        XCTAssertEqual(half.errors.components(separatedBy: "\n").count, 2, "one line: \(half.errors)")

        XCTAssertEqual(try exports(target), before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: workDir.path)
            .filter { $0.contains("before-restore") || $0.hasPrefix(".") }
        XCTAssertEqual(leftovers, [])
    }

    func testBackupWhileAnotherProcessHoldsAWriteTransaction() throws {
        let db = try makeDemoDatabase(children: 40)
        let committed = try exports(db)
        let backup = path("during.sqlite-backup")
        let pool = try DatabasePool(path: db)
        var restoreWhileBusy: ProcessRunner.Result?
        try pool.writeWithoutTransaction { conn in
            try conn.execute(sql: "BEGIN IMMEDIATE")
            try conn.execute(sql: "UPDATE child SET name = '未提交'")
            let r = try runShouhu(["backup", backup, "--db", db])
            XCTAssertEqual(r.status, 0, r.stderr)
            // A restore needs to write: it waits, then gives up without changing anything.
            restoreWhileBusy = try runShouhu(["restore", backup, "--db", db])
            try conn.execute(sql: "ROLLBACK")
        }
        try pool.close()
        XCTAssertEqual(restoreWhileBusy?.status, 1)
        XCTAssertEqual(restoreWhileBusy?.errors, Catalog.zh.text("error.generic", Catalog.zh.text("backup.busy")) + "\n")
        XCTAssertEqual(try mode(backup), 0o600)
        let fresh = path("fresh.sqlite")
        XCTAssertEqual(try runShouhu(["restore", backup, "--db", fresh]).status, 0)
        XCTAssertEqual(try exports(fresh), committed)
    }

    func testBackupWhileTheTUIIsOpen() throws {
        let db = try makeDemoDatabase(children: 60)
        try startTUI(["--db", db])
        try waitFor(Catalog.zh.text("tab.roster"))
        let backup = path("open.shb")
        let r = try runShouhu(["backup", backup, "--encrypt", "--db", db], env: ["SHOUHU_PASSPHRASE": passphrase])
        XCTAssertEqual(r.status, 0, r.stderr)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
        let fresh = path("fresh.sqlite")
        XCTAssertEqual(try runShouhu(["restore", backup, "--db", fresh], env: ["SHOUHU_PASSPHRASE": passphrase]).status, 0)
        XCTAssertEqual(try exports(fresh), try exports(db))
    }
}
