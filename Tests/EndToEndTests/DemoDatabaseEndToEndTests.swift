import Domain
import Foundation
import Storage
import TestSupport
import XCTest

/// `shouhu demo` and `shouhu --demo`: synthetic data, deterministic, and never in the real database.
final class DemoDatabaseEndToEndTests: EndToEndTestCase {
    /// The summary line `shouhu demo` prints.
    struct SummaryLine {
        var path: String
        var active: Int
        var archived: Int
        var homes: Int
        var seed: String

        init?(_ text: String) {
            let pattern = #"^demo database (.+): (\d+) active and (\d+) archived children in (\d+) homes \(seed (\d+)\)$"#
            let line = text.trimmingCharacters(in: .newlines)
            guard let regex = try? NSRegularExpression(pattern: pattern),
                  let m = regex.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), m.numberOfRanges == 6
            else { return nil }
            func group(_ i: Int) -> String { String(line[Range(m.range(at: i), in: line)!]) }
            path = group(1); active = Int(group(2))!; archived = Int(group(3))!; homes = Int(group(4))!; seed = group(5)
        }
    }

    /// 7. A large demo (5 000 children by default): succeeds, draws a progress bar on standard error,
    /// prints the summary line, and the file holds what the line says.
    ///
    /// 100 000 children took 16 s, then 19–24 s by hand and 26–28 s inside the suite in a debug build
    /// on this 2-core machine — over the ~20 s budget, so the default is 5 000 (about 1.5 s). Set
    /// `SHOUHU_E2E_DEMO_CHILDREN=100000` to run the full size.
    func testLargeDemoShowsProgressAndSummary() throws {
        let n = ProcessInfo.processInfo.environment["SHOUHU_E2E_DEMO_CHILDREN"].flatMap { Int($0) } ?? 5000
        XCTAssertGreaterThanOrEqual(n, 1000, "the progress bar starts at 1000 children")
        let db = path("large.sqlite")
        let r = try runShouhu(["demo", "--db", db, "--children", String(n), "--seed", "2026"], timeout: 300)
        print("shouhu demo --children \(n) took \(String(format: "%.1f", r.seconds)) s")
        XCTAssertEqual(r.status, 0, r.stderr)
        let summary = try XCTUnwrap(SummaryLine(r.stdout), "summary line: \(r.stdout.debugDescription)")
        XCTAssertEqual(summary.path, db)
        XCTAssertEqual(summary.seed, "2026")
        XCTAssertEqual(summary.active + summary.archived, n)
        XCTAssertGreaterThan(summary.homes, 0)

        // The bar redraws in place (\r) and ends complete with a newline.
        XCTAssertTrue(r.stderr.contains("\r"), "progress redraws in place")
        XCTAssertTrue(r.stderr.contains("█"), "a bar is drawn")
        if n % 1000 == 0 {
            XCTAssertTrue(r.stderr.contains("50% \(n / 2)/\(n)"), "intermediate progress shown")
        }
        XCTAssertTrue(r.stderr.hasSuffix("100% \(n)/\(n)\n"), "stderr ends with the full bar: \(r.stderr.suffix(120).debugDescription)")
        XCTAssertEqual(r.stderr.components(separatedBy: "\n").count, 2, "the bar is one line, redrawn in place")
        XCTAssertFalse(r.stdout.contains("█"), "the bar stays off standard output")

        try withDatabase(db) { db in
            let s = try db.rosterSummary()
            XCTAssertEqual(s.activeChildren, summary.active)
            XCTAssertEqual(s.archivedChildren, summary.archived)
            XCTAssertEqual(s.households, summary.homes)
            XCTAssertTrue(s.isDemo)
            XCTAssertEqual(try db.setting(.demoSeed), "2026")
        }
    }

    /// Small runs print no bar; the same seed gives the same children, another seed others.
    func testSmallDemoIsQuietAndDeterministic() throws {
        func names(_ path: String) throws -> [String] {
            try withDatabase(path) { db in try db.rosterRows(ids: db.rosterIDs()).map(\.name) }
        }
        let a = path("a.sqlite"), b = path("b.sqlite"), c = path("c.sqlite")
        let r = try runShouhu(["demo", "--db", a, "--children", "300", "--seed", "7"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "", "no progress bar for a small run")
        let line = try XCTUnwrap(SummaryLine(r.stdout), r.stdout)
        XCTAssertEqual(line.active + line.archived, 300)
        XCTAssertEqual(try runShouhu(["demo", "--db", b, "--children", "300", "--seed", "7"]).status, 0)
        XCTAssertEqual(try runShouhu(["demo", "--db", c, "--children", "300", "--seed", "8"]).status, 0)
        let namesA = try names(a)
        XCTAssertEqual(namesA.count, line.active)
        XCTAssertEqual(namesA, try names(b), "same seed, same data")
        XCTAssertNotEqual(namesA, try names(c), "another seed, other data")
    }

    /// 8. `shouhu --demo` with SHOUHU_DB unset creates `$XDG_DATA_HOME/shouhu/demo.sqlite` (0600, in a
    /// 0700 directory) and never `shouhu.sqlite`.
    func testDemoFlagUsesTheSeparateDemoDatabase() throws {
        let xdg = path("xdg")
        try startTUI(["--demo"], env: ["XDG_DATA_HOME": xdg, "SHOUHU_DB": nil])
        let screen = try waitFor("the demo roster") { $0.contains(Catalog.zh.text("app.demo_mark")) && !RosterScreen.names($0).isEmpty }
        XCTAssertFalse(RosterScreen.names(screen).isEmpty, screen)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)

        let dir = xdg + "/shouhu"
        let demo = dir + "/demo.sqlite"
        let fm = FileManager.default
        XCTAssertTrue(fm.fileExists(atPath: demo), "\(demo) created")
        XCTAssertFalse(fm.fileExists(atPath: dir + "/shouhu.sqlite"), "the real database must not be created")
        XCTAssertEqual(try permissions(demo), 0o600, "demo.sqlite mode")
        XCTAssertEqual(try permissions(dir), 0o700, "shouhu directory mode")
        for extra in ["-wal", "-shm"] where fm.fileExists(atPath: demo + extra) {
            XCTAssertEqual(try permissions(demo + extra) & 0o077, 0, "\(demo + extra) readable by others")
        }
        try withDatabase(demo) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            XCTAssertEqual(try db.setting(.isDemo), "1")
            XCTAssertGreaterThan(try db.rosterSummary().activeChildren, 0)
        }
    }

    /// With SHOUHU_DB pointing at a real database, neither `shouhu demo` nor `shouhu --demo` touches it.
    func testDemoNeverWritesTheDatabaseNamedBySHOUHU_DB() throws {
        let xdg = path("xdg")
        let real = path("real/shouhu.sqlite")
        let r = try runShouhu(["demo", "--children", "50"], env: ["XDG_DATA_HOME": xdg, "SHOUHU_DB": real])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(SummaryLine(r.stdout)?.path, xdg + "/shouhu/demo.sqlite", r.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: real), "shouhu demo created \(real)")

        try startTUI(["--demo"], env: ["XDG_DATA_HOME": xdg, "SHOUHU_DB": real])
        try waitFor("the demo roster") { $0.contains(Catalog.zh.text("app.demo_mark")) && !RosterScreen.names($0).isEmpty }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: real), "shouhu --demo created \(real)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: xdg + "/shouhu/shouhu.sqlite"))
        // The 50 children made by `shouhu demo` are what --demo opened (not regenerated).
        try withDatabase(xdg + "/shouhu/demo.sqlite") { db in
            let s = try db.rosterSummary()
            XCTAssertEqual(s.activeChildren + s.archivedChildren, 50)
        }
    }

    /// A database that holds a real record is never filled with demo data: one line in the user's
    /// language (the store's refusal worded from the catalog), nothing added.
    func testDemoRefusesARealDatabaseInTheUsersLanguage() throws {
        let real = path("real.sqlite")
        _ = try withDatabase(real) { try $0.addChild(Child(name: "王小明"), timestamp: "t") }
        let zh = try runShouhu(["demo", "--db", real, "--children", "5"])
        XCTAssertEqual(zh.status, 1)
        XCTAssertEqual(zh.stderr, Catalog.zh.text("error.generic", Catalog.zh.text("demo.refused")) + "\n")
        XCTAssertEqual(englishWords(inChinese: zh.stderr), [], zh.stderr)
        let en = try runShouhu(["demo", "--db", real, "--children", "5", "--lang", "en"])
        XCTAssertEqual(en.status, 1)
        XCTAssertTrue(en.stderr.contains("this database holds real records"), en.stderr)
        try withDatabase(real) { db in XCTAssertEqual(try db.rosterSummary().activeChildren, 1) }
    }

    func permissions(_ path: String) throws -> Int {
        let attrs = try FileManager.default.attributesOfItem(atPath: path)
        return (attrs[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
