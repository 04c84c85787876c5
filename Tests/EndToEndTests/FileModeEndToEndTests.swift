import Foundation
import Storage
import XCTest

/// Files that hold personal data are created 0600, and a database file that other users could read
/// is named on standard error (its mode and the fix; no name, no path).
final class FileModeEndToEndTests: EndToEndTestCase {
    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    func testEveryFileWrittenIsPrivateWhateverTheUmask() throws {
        // The children inherit an umask that would let anyone read and write.
        let saved = umask(0)
        defer { umask(saved) }
        let db = try makeDemoDatabase(children: 20)
        XCTAssertEqual(try mode(db), 0o600)
        let outputs: [([String], String)] = [
            (["export", "children", "--out", path("roster.csv")], "roster.csv"),
            (["export", "mentors", "--out", path("mentors.csv")], "mentors.csv"),
            (["export", "pairings", "--format", "json", "--out", path("pairings.json")], "pairings.json"),
            (["export", "pairing-cards", "--format", "html", "--out", path("cards.html")], "cards.html"),
            (["calendar", "export", "--semester", "2026-autumn", "--out", path("plan.ics")], "plan.ics"),
            (["backup", path("b.sqlite-backup")], "b.sqlite-backup"),
        ]
        for (args, file) in outputs {
            let r = try runShouhu(args + ["--db", db])
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertEqual(try mode(path(file)), 0o600, file)
        }
        let restored = try runShouhu(["restore", path("b.sqlite-backup"), "--db", db])
        XCTAssertEqual(restored.status, 0, restored.stderr)
        let kept = try FileManager.default.contentsOfDirectory(atPath: workDir.path).filter { $0.contains(".before-restore-") }
        XCTAssertEqual(kept.count, 1)
        for file in kept + ["roster.sqlite"] { XCTAssertEqual(try mode(path(file)), 0o600, file) }
        // SQLite gives its side files the database's mode.
        try withDatabase(db) { d in
            _ = try d.rosterSummary()
            for side in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: db + side) {
                XCTAssertEqual(try mode(db + side), 0o600, side)
            }
        }
    }

    func testADatabaseOthersCanReadIsWarnedAbout() throws {
        let db = try makeDemoDatabase(children: 10)
        let quiet = try runShouhu(["capacity", "--db", db])
        XCTAssertEqual(quiet.stderr, "", "no warning for a private file")

        XCTAssertEqual(chmod(db, 0o644), 0)
        let zh = try runShouhu(["capacity", "--db", db])
        XCTAssertEqual(zh.status, 0, zh.stderr)
        XCTAssertEqual(zh.stderr, Catalog.zh.text("privacy.database_readable", "0644") + "\n")
        let en = try runShouhu(["export", "children", "--db", db, "--lang", "en", "--out", path("r.csv")])
        XCTAssertTrue(en.stderr.hasPrefix(Catalog.en.text("privacy.database_readable", "0644") + "\n"), en.stderr)
        XCTAssertFalse(en.stderr.contains(db), "the warning names no path")

        // The backup command warns too, and its own file is private anyway.
        XCTAssertEqual(chmod(db, 0o640), 0)
        let backup = try runShouhu(["backup", path("b"), "--db", db], env: ["SHOUHU_LANG": "en"])
        XCTAssertTrue(backup.stderr.hasPrefix(Catalog.en.text("privacy.database_readable", "0640") + "\n"), backup.stderr)
        XCTAssertEqual(try mode(path("b")), 0o600)

        XCTAssertEqual(chmod(db, 0o600), 0)
        XCTAssertEqual(try runShouhu(["capacity", "--db", db]).stderr, "")
    }
}
