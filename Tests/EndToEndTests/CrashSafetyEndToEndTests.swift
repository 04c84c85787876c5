import Foundation
import GRDB
import XCTest

/// Crash safety: a stream of acknowledged writes (new and changed children as the form saves them,
/// contacts, drafts, small roster imports) is killed with SIGKILL at random moments, again and again
/// on the same database; after each kill the database opens, passes `PRAGMA integrity_check`, and
/// holds every acknowledged write whole — and no import or change in part.
///
/// 200 kills by default (about a minute); `SHOUHU_CRASH_RUNS=2000` for the long form,
/// `SHOUHU_CRASH_SEED` to replay other kill moments.
final class CrashSafetyEndToEndTests: EndToEndTestCase {
    func testKilledAtRandomMomentsEveryAcknowledgedWriteSurvives() throws {
        let env = ProcessInfo.processInfo.environment
        let runs = max(1, Int(env["SHOUHU_CRASH_RUNS"] ?? "") ?? 200)
        let seed = UInt64(env["SHOUHU_CRASH_SEED"] ?? "") ?? 2026
        var random = SeededRandom(seed: seed)
        let db = path("crash.sqlite")
        var ledger = CrashLedger()
        var killedWhileWriting = 0, killedBeforeFirstWrite = 0
        let started = Date()

        for run in 1...runs {
            let writer = try Spawned(executable: binary.path, arguments: ["_robust", "write-stream", "--db", db, "--run", String(run)],
                                     environment: shouhuEnvironment())
            // One kill in five within 200 ms of the start (opening, recovering the log of the last
            // kill); the others after 1–15 acknowledged writes and 0–20 ms more, wherever the next
            // write then is (in an import, between two statements of a save, in the commit…) —
            // counted in writes rather than time, so a slow or busy machine kills amid writes too.
            if Int.random(in: 0..<5, using: &random) > 0 {
                let writes = Int.random(in: 1...15, using: &random)
                let deadline = Date().addingTimeInterval(60)
                while writer.stdout.components(separatedBy: "\nACK ").count - 1 < writes, writer.isRunning, Date() < deadline {
                    usleep(1_000)
                }
                usleep(UInt32.random(in: 0..<20_000, using: &random))
            } else {
                usleep(UInt32.random(in: 0..<200_000, using: &random))
            }
            writer.kill(SIGKILL)
            let status = writer.wait()
            XCTAssertEqual(status, 128 + SIGKILL, "run \(run): the writer ended by itself (status \(status)): \(writer.stderr)")
            let before = ledger.acknowledged
            try ledger.add(output: writer.stdout)
            if ledger.acknowledged > before { killedWhileWriting += 1 } else { killedBeforeFirstWrite += 1 }
            let problems = try ledger.problems(in: db)
            XCTAssertEqual(problems, [], "after kill \(run) (seed \(seed)):\n" + problems.prefix(20).joined(separator: "\n"))
            if !problems.isEmpty { break }
        }
        let seconds = Date().timeIntervalSince(started)
        print(String(format: "crash safety: %d kills (%d amid writes, %d before the first) in %.1f s, %d acknowledged writes kept "
                     + "(%d children, %d changed, %d contacts, %d drafts, %d imports), seed %llu",
                     runs, killedWhileWriting, killedBeforeFirstWrite, seconds, ledger.acknowledged, ledger.children.count,
                     ledger.updates.count, ledger.contacts.count, ledger.drafts.count, ledger.imports.count, seed))
        XCTAssertGreaterThan(killedWhileWriting, runs / 2, "most kills should land amid writes")
    }

    /// The check itself sees damage: a lost contact, half an import, a change without its history
    /// line, an acknowledged change rolled back.
    func testTheCheckFindsLostAndHalfWrittenRecords() throws {
        let db = path("checked.sqlite")
        let r = try runShouhu(["_robust", "write-stream", "--db", db, "--run", "1", "--count", "120"])
        XCTAssertEqual(r.status, 0, r.stderr)
        var ledger = CrashLedger()
        try ledger.add(output: r.stdout)
        XCTAssertEqual(try ledger.problems(in: db), [])
        let contact = try XCTUnwrap(ledger.contacts.keys.first)
        let (import_, _) = try XCTUnwrap(ledger.imports.first)
        let (changed, _) = try XCTUnwrap(ledger.updates.first)
        var raw = Configuration()
        raw.foreignKeysEnabled = false
        try DatabaseQueue(path: db, configuration: raw).write { db in
            try db.execute(sql: "DELETE FROM contact_history WHERE contact_id = ?", arguments: [contact])
            try db.execute(sql: "DELETE FROM contact WHERE id = ?", arguments: [contact])
            try db.execute(sql: "DELETE FROM child WHERE id = (SELECT max(id) FROM child WHERE notes LIKE ?)", arguments: ["imp:\(import_)/%"])
            try db.execute(sql: "UPDATE child SET version = version - 1, notes = 'new:x' WHERE id = ?", arguments: [changed])
        }
        let problems = try ledger.problems(in: db)
        XCTAssertTrue(problems.contains { $0.contains("contact \(contact)") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("half an import") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("child \(changed)") && $0.contains("acknowledged") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.contains("child \(changed)") && $0.contains("history") }, "\(problems)")
    }
}
