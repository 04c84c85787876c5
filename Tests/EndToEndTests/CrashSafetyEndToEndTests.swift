import Foundation
import XCTest

/// Crash safety: a stream of acknowledged writes (new and changed children as the form saves them,
/// contacts, drafts, small roster imports) is killed with SIGKILL at random moments, again and again
/// on the same database; after each kill the database opens, passes `PRAGMA integrity_check`, and
/// holds every acknowledged write whole — and no import or change in part.
///
/// 200 kills by default (about a minute and a half); `SHOUHU_CRASH_RUNS=2000` for the long form,
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
            // kill); the others 0–250 ms into the stream of writes.
            if Int.random(in: 0..<5, using: &random) > 0 {
                let deadline = Date().addingTimeInterval(30)
                while !writer.stdout.hasPrefix("READY"), writer.isRunning, Date() < deadline { usleep(2_000) }
                usleep(UInt32.random(in: 0..<250_000, using: &random))
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
}
