import Domain
import Foundation
import GRDB
import Storage
import XCTest

/// Two or more real `shouhu` processes on one database, as two people over SSH: the terminal stays
/// responsive while another process imports; two saves of the same child never lose one silently;
/// writers under contention wait their turn instead of failing with "database is locked".
final class ConcurrencyEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh
    func label(_ f: ChildField) -> String { zh.text("cf." + f.rawValue) }

    /// A roster CSV of `rows` invented children.
    func writeRoster(rows: Int, name: String = "大名册.csv", tag: String = "并发") throws -> String {
        var text = "姓名,性别,家庭住址,备注\n"
        text.reserveCapacity(rows * 40)
        for i in 0..<rows { text += "\(tag)儿童\(i),\(i % 2 == 0 ? "男" : "女"),\(tag)村\(i % 97)组\(i)号,\(tag)\n" }
        let file = path(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// Sends `key` and returns the seconds until the pane shows what `shown` looks for (polled every
    /// 10 ms; the figure includes one capture).
    func latency(_ key: String, literal: Bool = false, timeout: Double = 30, until shown: (String) -> Bool) throws -> Double {
        let t0 = Date()
        if literal { try type(key) } else { try send(key) }
        while true {
            let screen = try capture()
            if shown(screen) { return Date().timeIntervalSince(t0) }
            if Date().timeIntervalSince(t0) > timeout {
                XCTFail("no response to \(key) within \(timeout) s:\n\(screen)")
                throw E2EError.timeout(key)
            }
            usleep(10_000)
        }
    }

    /// The import's progress in per cent, from its progress bar on standard error (the second half is writing).
    func percent(_ importer: Spawned) -> Int {
        let bar = importer.stderr.components(separatedBy: "\r").last ?? ""
        guard let end = bar.firstIndex(of: "%") else { return 0 }
        return Int(bar[..<end].split(separator: " ").last ?? "") ?? 0
    }

    static func summary(_ seconds: [Double]) -> String {
        guard !seconds.isEmpty else { return "none" }
        let s = seconds.sorted()
        return String(format: "n=%d median %.0f ms, max %.0f ms", s.count, s[s.count / 2] * 1000, s.last! * 1000)
    }

    /// 1. While another process imports 40,000 rows (one long write transaction), the terminal still
    /// moves through the roster and takes typing in a form (each keystroke saves a draft); no
    /// "database is busy" reaches the screen. Latencies are printed, asserted only to be finite.
    func testTerminalStaysResponsiveWhileAnotherProcessImports() throws {
        let db = try makeDemoDatabase(children: 300)
        let total = try withDatabase(db) { try $0.rosterIDs().count }
        let csv = try writeRoster(rows: 40_000)
        try startApp(["--db", db])
        try waitFor(zh.text("roster.position", 1, total))

        let importer = try Spawned(executable: binary.path, arguments: ["import", "children", csv, "--db", db],
                                   environment: shouhuEnvironment())
        // Wait for the writing half (the write lock is held from there to the commit).
        let deadline = Date().addingTimeInterval(120)
        while percent(importer) <= 52, importer.isRunning, Date() < deadline { usleep(20_000) }
        XCTAssertTrue(importer.isRunning, "the import ended before it could be watched: \(importer.stderr.suffix(300))")

        var moving: [Double] = [], typing: [Double] = []
        var position = 1
        for i in 0..<6 where importer.isRunning {
            position += i % 2 == 0 ? 1 : -1
            let expected = zh.text("roster.position", position, total)
            moving.append(try latency(i % 2 == 0 ? "Down" : "Up") { $0.contains(expected) })
        }
        if importer.isRunning {
            try send("a")
            try waitForField(label(.name), value: "")
            var typed = ""
            for c in "李小萌同学" where importer.isRunning {
                typed.append(c)
                let value = typed
                typing.append(try latency(String(c), literal: true) { FormScreen.value($0, self.label(.name)) == value })
                let screen = try capture()
                XCTAssertFalse(screen.contains(zh.text("fault.busy")) || screen.contains("locked"),
                               "typing while another process writes shows no error:\n\(screen)")
            }
        }
        print("responsiveness during an import: roster keys \(Self.summary(moving)); form keys \(Self.summary(typing))")
        XCTAssertFalse(moving.isEmpty, "no keystroke was measured while the import was writing")

        XCTAssertEqual(importer.wait(), 0, importer.stderr.suffix(500).description)
        XCTAssertTrue(importer.stdout.contains("导入 40000 名"), importer.stdout)
        // After the import the form still saves.
        if !typing.isEmpty {
            try send("C-s")
            try waitFor(zh.text("form.saved", "李小萌同学".prefix(typing.count)))
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
        try withDatabase(db) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            XCTAssertEqual(try db.rosterSummary().activeChildren, total + 40_000 + (typing.isEmpty ? 0 : 1))
        }
    }

    /// 2. Two processes save the same child at the same moment, both from version v: one saves
    /// (v + 1), the other is told of the conflict and changes nothing — ten rounds, no lost update.
    func testTwoProcessesSavingTheSameChildOneIsToldOfTheConflict() throws {
        let db = try makeDemoDatabase(children: 20)
        let id = try withDatabase(db) { try $0.rosterIDs().first! }
        for round in 1...10 {
            let version = try withDatabase(db) { try $0.childVersion(id: id)! }
            let go = path("go-\(round)")
            let savers = try ["甲", "乙"].map { who in
                try Spawned(executable: binary.path, arguments: [
                    "_robust", "save-child", "--db", db, "--id", String(id), "--expect-version", String(version),
                    "--notes", "\(who)的备注\(round)", "--go", go,
                ], environment: shouhuEnvironment())
            }
            usleep(100_000)
            FileManager.default.createFile(atPath: go, contents: nil)
            let statuses = savers.map { $0.wait() }
            XCTAssertEqual(statuses.sorted(), [0, 3], "round \(round): one saves, one is refused: \(savers.map(\.stderr))")
            guard let w = statuses.firstIndex(of: 0), let l = statuses.firstIndex(of: 3) else { return }
            XCTAssertEqual(savers[w].stdout, "saved \(version + 1)\n")
            XCTAssertEqual(savers[l].stdout, "conflict \(version + 1)\n")
            try withDatabase(db) { db in
                XCTAssertEqual(try db.childVersion(id: id), version + 1)
                XCTAssertEqual(try db.child(id: id)?.notes, "\(["甲", "乙"][w])的备注\(round)")
                XCTAssertEqual(try db.history(childID: id).filter { $0.field == "notes" }.count, round)
            }
        }
    }

    /// 3. The same in the terminal against a second process: the TUI's save finds the file changed,
    /// asks; n keeps editing, r loads the other person's version (their change is kept), y overwrites
    /// (their change stays in the history).
    func testTerminalSaveAfterAnotherProcessSavedAsksAndNeverLosesSilently() throws {
        let db = try makeDemoDatabase(children: 20)
        let (id, name) = try withDatabase(db) { db -> (Int64, String) in
            let id = try db.rosterIDs().first!
            return (id, try db.child(id: id)!.name)
        }
        func otherSaves(_ notes: String, from version: Int) throws {
            let r = try runShouhu(["_robust", "save-child", "--db", db, "--id", String(id), "--expect-version", String(version),
                                   "--notes", notes])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let question = zh.text("prompt.conflict")
        try startApp(["--db", db])
        try waitFor(zh.text("roster.position", 1, try withDatabase(db) { try $0.rosterIDs().count }))
        try send("e")
        try waitForField(label(.name), value: name)
        try type("甲")
        try waitForField(label(.name), value: name + "甲")
        try otherSaves("另一处的修改", from: 1)

        try send("C-s")
        try waitFor(question)
        try send("n")
        try waitFor("the form, still editing") { !$0.contains(question) && FormScreen.value($0, self.label(.name)) == name + "甲" }
        try withDatabase(db) { XCTAssertEqual(try $0.child(id: id)?.name, name, "nothing saved yet") }

        try send("C-s")
        try waitFor(question)
        try send("r")
        try waitFor(zh.text("form.reloaded"))
        try waitForField(label(.name), value: name)
        try type("乙")
        try waitForField(label(.name), value: name + "乙")
        try send("C-s")
        try waitFor(zh.text("form.saved", name + "乙"))
        try withDatabase(db) { db in
            let child = try XCTUnwrap(try db.child(id: id))
            XCTAssertEqual(child.name, name + "乙")
            XCTAssertEqual(child.notes, "另一处的修改", "the other person's change was kept")
            XCTAssertEqual(try db.childVersion(id: id), 3)
        }

        // Overwrite: the other change is replaced on purpose, and stays in the history.
        try send("e")
        try waitForField(label(.name), value: name + "乙")
        try otherSaves("第二次修改", from: 3)
        try type("丙")
        try waitForField(label(.name), value: name + "乙丙")
        try send("C-s")
        try waitFor(question)
        try send("y")
        try waitFor(zh.text("form.saved", name + "乙丙"))
        try withDatabase(db) { db in
            let child = try XCTUnwrap(try db.child(id: id))
            XCTAssertEqual(child.name, name + "乙丙")
            XCTAssertEqual(child.notes, "另一处的修改", "overwritten with the form's values")
            let notes = try db.history(childID: id).filter { $0.field == "notes" }.map(\.new)
            XCTAssertEqual(notes, ["另一处的修改", "第二次修改", "另一处的修改"], "every change is in the history")
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 4. Contention: four writers (form saves, contacts, drafts, small imports) and a 20,000-row
    /// import on one database at once; every process finishes, none fails with "database is
    /// locked", and every acknowledged write is there.
    func testWritersUnderContentionWaitTheirTurn() throws {
        let db = path("busy.sqlite")
        // The harness marks a new database as synthetic; the first writer creates it alone.
        let first = try runShouhu(["_robust", "write-stream", "--db", db, "--run", "1", "--count", "5"])
        XCTAssertEqual(first.status, 0, first.stderr)
        var ledger = CrashLedger(concurrent: true)
        try ledger.add(output: first.stdout)
        let csv = try writeRoster(rows: 20_000, tag: "争用")
        let started = Date()
        let importer = try Spawned(executable: binary.path, arguments: ["import", "children", csv, "--db", db],
                                   environment: shouhuEnvironment())
        let writers = try (2...5).map { run in
            try Spawned(executable: binary.path, arguments: ["_robust", "write-stream", "--db", db, "--run", String(run), "--count", "150"],
                        environment: shouhuEnvironment())
        }
        for w in writers {
            XCTAssertEqual(w.wait(), 0, "a writer failed under contention: \(w.stderr)")
            XCTAssertFalse(w.stderr.contains("locked"), w.stderr)
            try ledger.add(output: w.stdout)
        }
        XCTAssertEqual(importer.wait(), 0, importer.stderr.suffix(500).description)
        print(String(format: "contention: 4 writers × 150 writes and a 20,000-row import in %.1f s, %d conflicts told",
                     Date().timeIntervalSince(started), ledger.conflicts))
        XCTAssertEqual(ledger.acknowledged + ledger.conflicts, 5 + 4 * 150, "every write acknowledged, or refused as a conflict")
        XCTAssertEqual(try ledger.problems(in: db), [])
        try withDatabase(db) { db in
            XCTAssertGreaterThanOrEqual(try db.rosterSummary().activeChildren, 20_000)
        }
    }
}
