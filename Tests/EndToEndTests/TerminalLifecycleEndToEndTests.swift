import Domain
import Foundation
import Storage
import XCTest

/// How shouhu starts, resizes and stops in a real terminal: hang-up, a too-small window, an
/// unknown terminal type, no terminal at all.
final class TerminalLifecycleEndToEndTests: EndToEndTestCase {
    /// 4. Closing the pane hangs up the terminal (SIGHUP): shouhu leaves promptly through its normal
    /// exit path and the database is intact and unchanged.
    func testHangUpExitsCleanlyAndKeepsTheDatabase() throws {
        let db = try makeDemoDatabase(children: 300)
        let (before, idsBefore) = try withDatabase(db) { db in (try db.rosterSummary(), try db.rosterIDs()) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: db + "-wal"), "the test's own connection is closed")

        try startTUI(["--db", db])
        try waitFor(Catalog.zh.text("roster.position", 1, idsBefore.count))
        let pids = shouhuPIDs(matching: db)
        XCTAssertEqual(pids.count, 1, "exactly one shouhu running on \(db): \(pids)")

        try session.killSession()

        let deadline = Date().addingTimeInterval(5)
        while !shouhuPIDs(matching: db).isEmpty, Date() < deadline { usleep(50_000) }
        XCTAssertEqual(shouhuPIDs(matching: db), [], "shouhu still running 5 s after SIGHUP")

        // Closing the last connection checkpoints and deletes the write-ahead log and its index; a
        // process killed by the signal leaves both behind.
        for leftover in [db + "-wal", db + "-shm"] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: leftover),
                           "\(leftover) left behind: the database was not closed by the normal exit path")
        }

        try withDatabase(db) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            XCTAssertEqual(try db.rosterSummary(), before)
            XCTAssertEqual(try db.rosterIDs(), idsBefore)
        }
    }

    /// 5. Below 80×24 a message names the size; growing the window shows the roster at once,
    /// shrinking it brings the message back with the new size; q still quits.
    func testTooSmallTerminalThenResize() throws {
        let db = try makeDemoDatabase(children: 300)
        let total = try withDatabase(db) { try $0.rosterIDs().count }
        try startTUI(["--db", db], width: 60, height: 20)
        // The catalog's first line is the headline; the second names the sizes.
        let message = Catalog.zh.text("screen.too_small", 60, 20).components(separatedBy: "\n")
        let headline = message[0]
        let small = try waitFor(headline)
        XCTAssertTrue(small.contains("60×20"), "the message names the current size\n\(small)")
        XCTAssertTrue(small.contains("80×24"), "the message names the minimum\n\(small)")
        for line in message {
            XCTAssertTrue(small.contains(line), "the message line “\(line)”\n\(small)")
        }
        XCTAssertNil(RosterScreen.headerRow(small), "no roster while too small\n\(small)")

        try session.resize(width: 100, height: 30)
        let big = try waitFor("the roster after resize to 100×30") { s in
            !RosterScreen.names(s).isEmpty && s.contains(Catalog.zh.text("roster.position", 1, total))
        }
        XCTAssertFalse(big.contains(headline), big)
        XCTAssertEqual(RosterScreen.names(big).count, 30 - 6, "a full page of rows at 100×30\n\(big)")

        try session.resize(width: 79, height: 30)
        let narrow = try waitFor(headline)
        XCTAssertTrue(narrow.contains("79×30"), narrow)

        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    /// 6. An unknown TERM: a one-line error naming the terminal type, a non-zero status, no trace.
    func testUnknownTerminalTypeIsReportedInOneLine() throws {
        let db = try makeDemoDatabase(children: 10)
        try startTUI(["--db", db], env: ["TERM": "nosuchterm"], width: 200, height: 20)
        let status = try waitForExit()
        XCTAssertNotEqual(status, 0)
        let screen = try capture()
        let printed = screen.components(separatedBy: "\n")
            .prefix { !$0.hasPrefix("EXIT=") }
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        XCTAssertEqual(printed.count, 1, "one line of error expected\n\(screen)")
        let message = printed.first ?? ""
        XCTAssertTrue(message.contains("nosuchterm"), "the error names the terminal type\n\(screen)")
        XCTAssertTrue(message.contains("TERM"), "the error says what to set\n\(screen)")
        for trace in ["Fatal error", "Backtrace", "Stack dump", "Crash", "Segmentation", "#0 "] {
            XCTAssertFalse(screen.contains(trace), "no crash or trace expected\n\(screen)")
        }
    }

    /// Standard input not a terminal: a plain error and a non-zero status, promptly (no hang).
    func testNotATerminalIsReported() throws {
        let db = try makeDemoDatabase(children: 10)
        let r = try runShouhu(["--db", db], env: ["TERM": "xterm-256color"], timeout: 10)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("interactive terminal"), "stderr: \(r.stderr)")
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one line of error expected: \(r.stderr)")
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "no terminal escape codes written to a non-terminal: \(r.stdout.debugDescription)")
    }
}
