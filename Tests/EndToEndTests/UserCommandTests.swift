import Foundation
import Storage
import XCTest

/// `shouhu user …` as a coordinator runs it: passwords on standard input, each command its own process.
final class UserCommandTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// Runs `shouhu` with `input` on standard input.
    func run(_ args: [String], input: String = "") throws -> ProcessRunner.Result {
        let stdin = path("stdin-\(UUID().uuidString)")
        try Data(input.utf8).write(to: URL(fileURLWithPath: stdin))
        defer { try? FileManager.default.removeItem(atPath: stdin) }
        return try ProcessRunner.run(executable: binary.path, arguments: args, environment: shouhuEnvironment(),
                                     stdinPath: stdin, timeout: 60)
    }

    func failure(_ reason: String) -> String { zh.text("error.generic", reason) + "\n" }

    func testAddListDisableAndRoles() throws {
        let db = try makeDemoDatabase(children: 20)
        let mentor = try XCTUnwrap(try withDatabase(db) { try $0.mentorsForExport().first })

        let added = try run(["user", "add", "王主任", "--role", "coordinator", "--password-stdin", "--db", db], input: "qingshan-2026\n")
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(added.stdout, zh.text("user.added", "王主任", zh.text("urole.coordinator")) + "\n")
        let m = try run(["user", "add", "mentor1", "--role", "mentor", "--mentor", mentor.phone, "--password-stdin", "--db", db],
                        input: "mentor-pass-1\n")
        XCTAssertEqual(m.status, 0, m.stderr)

        let noMentor = try run(["user", "add", "m2", "--role", "mentor", "--password-stdin", "--db", db], input: "mentor-pass-2\n")
        XCTAssertEqual(noMentor.status, 1)
        XCTAssertEqual(noMentor.errors, failure(zh.text("user.error.mentor_required")))
        let twice = try run(["user", "add", "王主任", "--role", "viewer", "--password-stdin", "--db", db], input: "another-pass\n")
        XCTAssertEqual(twice.errors, failure(zh.text("user.error.duplicate", "王主任")))
        let short = try run(["user", "add", "v", "--role", "viewer", "--password-stdin", "--db", db], input: "short\n")
        XCTAssertEqual(short.errors, failure(zh.text("user.error.password_short", 8)))
        let noPassword = try run(["user", "add", "v", "--role", "viewer", "--db", db])
        XCTAssertEqual(noPassword.errors, failure(zh.text("user.password_missing")), "no terminal, no --password-stdin")

        let list = try run(["user", "list", "--db", db])
        XCTAssertEqual(list.stdout, """
            mentor1\tmentor\t\(zh.text("urole.mentor"))\t\(mentor.name)\t\(zh.text("user.status.active"))
            王主任\tcoordinator\t\(zh.text("urole.coordinator"))\t—\t\(zh.text("user.status.active"))

            """)
        XCTAssertEqual(try run(["user", "disable", "mentor1", "--db", db]).status, 0)
        XCTAssertTrue(try run(["user", "list", "--db", db]).stdout.contains("\t\(zh.text("user.status.disabled"))"))
        let disabled = try run(["user", "verify", "mentor1", "--password-stdin", "--db", db], input: "mentor-pass-1\n")
        XCTAssertEqual(disabled.status, 1)
        XCTAssertEqual(disabled.errors, failure(zh.text("user.sign_in_failed")))
        // No password is anywhere in the file.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db))
        XCTAssertNil(bytes.range(of: Data("qingshan-2026".utf8)))
    }

    func testLockoutPersistsAcrossProcessesAndSaysNothingAboutWhichPartWasWrong() throws {
        let db = try makeDemoDatabase(children: 5)
        XCTAssertEqual(try run(["user", "add", "王主任", "--role", "coordinator", "--password-stdin", "--db", db],
                               input: "qingshan-2026\n").status, 0)
        let unknownName = try run(["user", "verify", "nobody", "--password-stdin", "--db", db], input: "qingshan-2026\n")
        XCTAssertEqual(unknownName.status, 1)
        var messages = [unknownName.errors]
        for attempt in 1...5 {
            let r = try run(["user", "verify", "王主任", "--password-stdin", "--db", db], input: "guess-\(attempt)\n")
            XCTAssertEqual(r.status, 1)
            messages.append(r.errors)
        }
        // Each attempt was a new process; the sixth, with the right password, is refused all the same.
        let locked = try run(["user", "verify", "王主任", "--password-stdin", "--db", db], input: "qingshan-2026\n")
        XCTAssertEqual(locked.status, 1)
        messages.append(locked.errors)
        XCTAssertEqual(Set(messages), [failure(zh.text("user.sign_in_failed"))], "one message for every failure")
        XCTAssertTrue(try run(["user", "list", "--db", db]).stdout.contains(zh.text("user.status.locked", "").trimmingCharacters(in: .whitespaces)))

        // passwd checks the current password like a sign-in; --reset lifts the lock.
        let passwd = try run(["user", "passwd", "王主任", "--password-stdin", "--db", db], input: "qingshan-2026\nnew-pass-2026\n")
        XCTAssertEqual(passwd.status, 1)
        let reset = try run(["user", "passwd", "王主任", "--reset", "--password-stdin", "--db", db], input: "new-pass-2026\n")
        XCTAssertEqual(reset.status, 0, reset.stderr)
        XCTAssertEqual(reset.stdout, zh.text("user.password_changed", "王主任") + "\n")
        let ok = try run(["user", "verify", "王主任", "--password-stdin", "--db", db], input: "new-pass-2026\n")
        XCTAssertEqual(ok.status, 0, ok.stderr)
        let changed = try run(["user", "passwd", "王主任", "--password-stdin", "--db", db], input: "new-pass-2026\nthird-pass-2026\n")
        XCTAssertEqual(changed.status, 0, changed.stderr)
        XCTAssertEqual(try run(["user", "verify", "王主任", "--password-stdin", "--db", db], input: "third-pass-2026\n").status, 0)
    }
}
