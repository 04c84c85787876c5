import Domain
import Foundation
import GRDB
import Storage
import XCTest

/// Accounts at work, in real processes: the sign-in screen, a mentor account that cannot reach
/// another mentor's child by the screen, the search or the command line, the idle lock, the first
/// account of a new database, and the audit trail checked and tampered with.
final class AccessEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    struct World {
        var db: String
        var mentorPhone: String
        var mine: [String]
        var otherName: String
        var otherIDNumber: String
    }

    /// A demo roster made a real database (not marked demo), with a coordinator and a mentor account
    /// added through the command line (the second one needs the coordinator's sign-in).
    func makeWorld() throws -> World {
        let db = try makeDemoDatabase(children: 120)
        let world = try withDatabase(db) { d -> World in
            XCTAssertTrue(try d.removeSetting(.isDemo))
            for id in try d.mentorIDs() {
                let children = try d.pairedChildren(mentor: id)
                guard children.count >= 2 else { continue }
                let names = try d.rosterRows(ids: children).map(\.name)
                // Another mentor's child (so the coordinator's obligations list it).
                let theirs = Set(try d.mentorIDs().filter { $0 != id }.flatMap { try d.pairedChildren(mentor: $0) })
                let others = try d.rosterRows(ids: try d.rosterIDs()).filter { row in
                    theirs.contains(row.id) && !children.contains(row.id) && !names.contains(row.name)
                }
                for other in others {
                    guard let number = try d.child(id: other.id)?.idNumber else { continue }
                    return World(db: db, mentorPhone: try d.mentor(id: id)!.phone, mine: names, otherName: other.name,
                                 otherIDNumber: number)
                }
            }
            throw XCTSkip("no mentor with two children in the demo data")
        }
        XCTAssertEqual(try cli(["user", "add", "王主任", "--role", "coordinator", "--password-stdin", "--db", db],
                               input: "coordinator-1\n").status, 0)
        let refused = try cli(["user", "add", "liufang", "--role", "mentor", "--mentor", world.mentorPhone, "--password-stdin",
                               "--db", db], input: "mentor-pass-1\n")
        XCTAssertEqual(refused.status, 1, "a second account needs a coordinator's sign-in")
        XCTAssertEqual(refused.stderr, zh.text("error.generic", zh.text("cli.user_required")) + "\n")
        let added = try cli(["user", "add", "liufang", "--role", "mentor", "--mentor", world.mentorPhone, "--password-stdin",
                             "--db", db, "--user", "王主任"], input: "coordinator-1\nmentor-pass-1\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        return world
    }

    func cli(_ args: [String], input: String = "", env: [String: String?] = [:]) throws -> ProcessRunner.Result {
        let stdin = path("stdin-\(UUID().uuidString)")
        try Data(input.utf8).write(to: URL(fileURLWithPath: stdin))
        defer { try? FileManager.default.removeItem(atPath: stdin) }
        return try ProcessRunner.run(executable: binary.path, arguments: args, environment: shouhuEnvironment(env),
                                     stdinPath: stdin, timeout: 120)
    }

    func testAMentorAccountCannotReachAnotherMentorsChild() throws {
        let w = try makeWorld()
        // The screen: sign in as the mentor; the roster holds their children only.
        try startTUI(["--db", w.db], signIn: false)
        try signInOnScreen("liufang", password: "mentor-pass-1")
        let roster = try waitFor("the mentor's roster") { s in RosterScreen.names(s).count == w.mine.count }
        XCTAssertEqual(Set(RosterScreen.names(roster)), Set(w.mine), roster)
        XCTAssertFalse(roster.contains(w.otherName), roster)
        // The search: the other child's name and ID number find nothing.
        try send("/")
        try type(w.otherName)
        try waitFor("no result for the other child") { s in RosterScreen.query(s) == w.otherName && RosterScreen.names(s).isEmpty }
        let digits = String(w.otherIDNumber.suffix(8))
        try send("C-u")
        try type(digits)
        try waitFor("no result for the other ID number") { s in RosterScreen.query(s) == digits && RosterScreen.names(s).isEmpty }
        try send("Escape")
        // Keys of other roles are not offered, and refused if pressed.
        try send("a")
        try waitFor(zh.text("access.denied"))
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)

        // The command line: no export, no other mentor's obligations, no audit log; their own obligations only.
        let password: [String: String?] = ["SHOUHU_PASSWORD": "mentor-pass-1"]
        let export = try cli(["export", "children", "--db", w.db, "--user", "liufang"], env: password)
        XCTAssertEqual(export.status, 1)
        XCTAssertEqual(export.stdout, "")
        XCTAssertEqual(export.stderr, zh.text("error.generic", zh.text("access.denied")) + "\n")
        let mine = try cli(["obligations", "--db", w.db, "--user", "liufang", "--format", "csv"], env: password)
        XCTAssertEqual(mine.status, 0, mine.stderr)
        XCTAssertFalse(mine.stdout.contains(w.otherName))
        XCTAssertTrue(w.mine.contains { mine.stdout.contains($0) }, mine.stdout)
        let all = try cli(["obligations", "--db", w.db, "--user", "王主任", "--format", "csv"],
                          env: ["SHOUHU_PASSWORD": "coordinator-1"])
        XCTAssertTrue(all.stdout.contains(w.otherName), "the coordinator sees every pairing")
        XCTAssertEqual(try cli(["audit", "log", "--db", w.db, "--user", "liufang"], env: password).status, 1)
        // No --user, or a wrong password: refused with one message, nothing printed.
        let anonymous = try cli(["export", "children", "--db", w.db])
        XCTAssertEqual(anonymous.status, 1)
        XCTAssertEqual(anonymous.stdout, "")
        let wrong = try cli(["export", "children", "--db", w.db, "--user", "王主任"], input: "not-the-password\n")
        XCTAssertEqual(wrong.stderr, zh.text("error.generic", zh.text("user.sign_in_failed")) + "\n")
        XCTAssertEqual(wrong.stdout, "")

        // The audit trail names who opened what: the mentor's sign-in is there, and it verifies.
        let log = try cli(["audit", "log", "--db", w.db, "--user", "王主任", "--by", "liufang"], env: ["SHOUHU_PASSWORD": "coordinator-1"])
        XCTAssertEqual(log.status, 0, log.stderr)
        XCTAssertTrue(log.stdout.split(separator: "\n").contains { $0.contains("\tliufang\tsign_in\t") }, log.stdout)
        let verify = try cli(["audit", "verify", "--db", w.db, "--user", "王主任"], input: "coordinator-1\n")
        XCTAssertEqual(verify.status, 0, verify.stderr)
    }

    func testATamperedAuditEntryIsNamed() throws {
        let w = try makeWorld()
        let coordinator: [String: String?] = ["SHOUHU_PASSWORD": "coordinator-1"]
        let before = try cli(["audit", "verify", "--db", w.db, "--user", "王主任"], env: coordinator)
        XCTAssertEqual(before.status, 0, before.stderr)
        let queue = try DatabaseQueue(path: w.db)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'nobody' WHERE id = 7")
        }
        try queue.close()
        let after = try cli(["audit", "verify", "--db", w.db, "--user", "王主任"], env: coordinator)
        XCTAssertEqual(after.status, 1)
        XCTAssertEqual(after.stderr, zh.text("error.generic", zh.text("audit.changed", 7)) + "\n")
    }

    func testIdleLockHidesTheScreenUntilThePasswordAndKeepsTheForm() throws {
        let w = try makeWorld()
        try startTUI(["--db", w.db], env: ["SHOUHU_IDLE_MINUTES": "0.05"], signIn: false)
        try signInOnScreen("王主任", password: "coordinator-1")
        try waitFor(zh.text("tab.roster"))
        try send("a")
        try type("半填")
        try waitFor("半填")
        // Three seconds without a key: locked.
        let locked = try waitFor(zh.text("lock.title"), timeout: 15)
        XCTAssertFalse(locked.contains("半填"), locked)
        XCTAssertFalse(w.mine.contains { locked.contains($0) }, locked)
        try type("wrong-password")
        try send("Enter")
        try waitFor(zh.text("user.sign_in_failed"))
        try type("coordinator-1")
        try send("Enter")
        try waitFor("the form back, as it was") { s in s.contains("半填") && !s.contains(self.zh.text("lock.title")) }
        // The privacy key locks at once.
        try send("C-l")
        let blank = try waitFor(zh.text("lock.title"))
        XCTAssertFalse(blank.contains("半填"), blank)
    }

    func testFirstStartAsksForTheCoordinator() throws {
        let db = path("new.sqlite")
        try startTUI(["--db", db, "--lang", "en"], signIn: false)
        try waitFor(Catalog.en.text("sign_in.first_title"))
        try type("Wang")
        try send("Tab")
        try type("first-password")
        try send("Tab")
        try type("first-password")
        try send("Tab")
        try type("石桥村")
        try send("Enter")
        let welcome = Catalog.en.text("sign_in.welcome", "Wang", Catalog.en.text("urole.coordinator"))
        // The header names the community the first account gave.
        try waitFor("the header with the community") {
            $0.contains(welcome) && $0.split(separator: "\n").first?.contains("Shouhu · 石桥村") == true
        }
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
        let users = try withDatabase(db) { try $0.users() }
        XCTAssertEqual(users.map(\.name), ["Wang"])
        XCTAssertEqual(users.map(\.role), [.coordinator])
        XCTAssertEqual(try withDatabase(db) { try $0.setting(.communityName) }, "石桥村")
    }

    func testADemoDatabaseNeedsNoSignInAndSaysSo() throws {
        let db = try makeDemoDatabase(children: 20)
        let r = try cli(["export", "children", "--db", db, "--out", path("roster.csv")])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.hasPrefix(zh.text("cli.demo_exempt") + "\n"), r.stderr)
        try startTUI(["--db", db])
        try waitFor(zh.text("app.demo_mark"))
    }
}
