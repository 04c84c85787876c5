import Domain
import Foundation
import Testing
@testable import Storage

/// The real binary: `shouhu pairing list` and `shouhu pairing end` — by number or by child and mentor,
/// refused for a day after today, a day before the pairing began and a pairing already ended, a
/// coordinator's once the database has accounts, and audited.
@Suite("shouhu pairing list|end (the binary)")
struct PairingCommandLineTests {
    let cli = CommandLineTests()
    let settings = SettingsCommandLineTests()

    func zh(_ key: String, _ args: String...) throws -> String { try settings.text("zh-Hans", key, args) }
    func en(_ key: String, _ args: String...) throws -> String { try settings.text("en", key, args) }

    /// A child paired with two mentors (primary since 2026-09-01, class teacher since 2026-10-08) and
    /// three accounts.
    func fixture(_ dir: URL) throws -> (db: String, storage: AppDatabase, child: Int64, idNumber: String, primary: Int64, teacher: Int64) {
        let db = dir.appendingPathComponent("p.sqlite").path
        let storage = try AppDatabase.open(path: db)
        let t = "2026-09-01T09:00:00+08:00"
        let idNumber = validID("2016-05-05", male: true)
        let child = try storage.addChild(Child(name: "王小明", sex: .male, idNumber: idNumber), timestamp: t)
        let m1 = try storage.addMentor(Mentor(name: "刘芳", role: .caringMother, phone: "13912340824"), actor: "t", timestamp: t)
        let m2 = try storage.addMentor(Mentor(name: "陈老师", role: .teacher, phone: "13800001111"), actor: "t", timestamp: t)
        let primary = try storage.pair(child: child, mentor: m1, role: .primary, start: LocalDate(year: 2026, month: 9, day: 1)!,
                                       actor: "t", timestamp: t)
        let teacher = try storage.pair(child: child, mentor: m2, role: .classTeacher, start: LocalDate(year: 2026, month: 10, day: 8)!,
                                       actor: "t", timestamp: t)
        try storage.addUser(name: "王主任", role: .coordinator, password: "coordinator-1", now: Date(), rounds: 1_000)
        try storage.addUser(name: "liufang", role: .mentor, mentorPhone: "13912340824", password: "mentor-pass-1", now: Date(), rounds: 1_000)
        try storage.addUser(name: "guest", role: .viewer, password: "viewer-pass-1", now: Date(), rounds: 1_000)
        return (db, storage, child, idNumber, primary, teacher)
    }

    let coordinator = ["--user", "王主任"]
    let password = ["SHOUHU_PASSWORD": "coordinator-1"]

    @Test func listAndEndByNumberAndByChildAndMentor() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try fixture(dir)

        let list = try cli.shouhu(["pairing", "list", "--db", f.db] + coordinator, in: dir, environment: password)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == (try zh("pairing_cli.list_header")))
        #expect(lines.contains("\(f.primary)\t王小明\t#\(f.child)\t刘芳\t139****0824\t一对一帮扶\t2026-09-01\t\t"), "\(lines)")
        #expect(lines.count == 3)

        // Refusals: nothing changes.
        let future = try cli.shouhu(["pairing", "end", String(f.primary), "--on", "2026-11-24", "--db", f.db] + coordinator, in: dir,
                                    environment: password)
        #expect(future.status == 1)
        #expect(future.stderr == (try settings.refusal("zh-Hans", zh("pairing_cli.future", "2026-11-24", "2026-11-23"))))
        let early = try cli.shouhu(["pairing", "end", String(f.teacher), "--on", "2026-10-07", "--db", f.db] + coordinator, in: dir,
                                   lang: "en", environment: password)
        #expect(early.status == 1)
        #expect(early.stderr == (try settings.refusal("en", en("pairing_cli.before_start", "2026-10-07", "2026-10-08"))))
        let several = try cli.shouhu(["pairing", "end", "--child", f.idNumber, "--mentor", "13900000000", "--db", f.db] + coordinator,
                                     in: dir, environment: password)
        #expect(several.status == 1)
        #expect(several.stderr == (try settings.refusal("zh-Hans", zh("pairing_cli.unknown_mentor", "13900000000"))))
        let noTarget = try cli.shouhu(["pairing", "end", "--child", f.idNumber, "--db", f.db] + coordinator, in: dir, environment: password)
        #expect(noTarget.status == 64)
        #expect(noTarget.stderr.contains(try zh("pairing_cli.needs_target")), "\(noTarget.stderr)")
        let badReason = try cli.shouhu(["pairing", "end", String(f.primary), "--reason", "child_archived", "--db", f.db] + coordinator,
                                       in: dir, environment: password)
        #expect(badReason.status == 64)
        #expect(badReason.stderr.contains("“child_archived”不是可选的结束原因"), "\(badReason.stderr)")
        #expect(try f.storage.pairings(childID: f.child).allSatisfy(\.pairing.isActive))

        // By child (ID number) and mentor (phone), on an earlier day, with a reason.
        let ended = try cli.shouhu(["pairing", "end", "--child", f.idNumber, "--mentor", "13912340824", "--on", "2026-11-20",
                                    "--reason", "child_moved", "--db", f.db] + coordinator, in: dir, environment: password)
        #expect(ended.status == 0, "\(ended.stderr)")
        #expect(ended.stdout == (try zh("pairing_cli.ended", String(f.primary), "王小明", "刘芳", "一对一帮扶", "2026-11-20", "儿童迁出")) + "\n")
        let row = try #require(try f.storage.pairing(id: f.primary))
        #expect(row.pairing.end == LocalDate(year: 2026, month: 11, day: 20) && row.pairing.endReason == .childMoved && row.endedBy == "王主任")
        #expect(try f.storage.pairing(id: f.teacher)?.pairing.isActive == true)
        // The audit trail names the coordinator; `audit verify` holds.
        let entry = try #require(try f.storage.auditEntries(childID: f.child).last { $0.entity == "pairing" && $0.field == "end_date" })
        #expect(entry.actor == "王主任" && entry.entityID == f.primary && entry.new == "2026-11-20 child_moved" && entry.at.hasSuffix("+08:00"))

        // Again: already ended, said with its day and reason.
        let again = try cli.shouhu(["pairing", "end", String(f.primary), "--db", f.db] + coordinator, in: dir, environment: password)
        #expect(again.status == 1)
        #expect(again.stderr == (try settings.refusal("zh-Hans", zh("pairing_cli.already_ended", String(f.primary), "2026-11-20", "儿童迁出"))))
        let none = try cli.shouhu(["pairing", "end", "--child", String(f.child), "--mentor", "13912340824", "--db", f.db] + coordinator,
                                  in: dir, environment: password)
        #expect(none.status == 1)
        #expect(none.stderr == (try settings.refusal("zh-Hans", zh("pairing_cli.not_paired", "王小明", "刘芳"))))

        // By number (the class teacher's), today; the list shows only it ended with --all.
        let byNumber = try cli.shouhu(["pairing", "end", String(f.teacher), "--db", f.db] + coordinator, in: dir, lang: "en",
                                      environment: password)
        #expect(byNumber.status == 0, "\(byNumber.stderr)")
        #expect(try f.storage.pairing(id: f.teacher)?.pairing.end == today)
        let active = try cli.shouhu(["pairing", "list", "--child", f.idNumber, "--db", f.db] + coordinator, in: dir, environment: password)
        let noneListed = try zh("pairing_cli.list_none") + "\n"
        #expect(active.stdout.isEmpty && active.stderr == noneListed)
        let all = try cli.shouhu(["pairing", "list", "--all", "--mentor", "13912340824", "--db", f.db] + coordinator, in: dir,
                                 environment: password)
        #expect(all.stdout.contains("\(f.primary)\t王小明\t#\(f.child)\t刘芳\t139****0824\t一对一帮扶\t2026-09-01\t2026-11-20\t儿童迁出"), "\(all.stdout)")
        let verify = try cli.shouhu(["audit", "verify", "--db", f.db] + coordinator, in: dir, environment: password)
        #expect(verify.status == 0, "\(verify.stdout) \(verify.stderr)")
    }

    @Test func onlyACoordinatorEndsAPairing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = try fixture(dir)
        let args = ["pairing", "end", String(f.primary), "--db", f.db]
        let userRequired = try settings.refusal("zh-Hans", zh("cli.user_required"))
        let denied = try settings.refusal("zh-Hans", zh("access.denied")), deniedEn = try settings.refusal("en", en("access.denied"))
        let nobody = try cli.shouhu(args, in: dir)
        #expect(nobody.status == 1 && nobody.stderr == userRequired)
        let mentor = try cli.shouhu(args + ["--user", "liufang"], in: dir, environment: ["SHOUHU_PASSWORD": "mentor-pass-1"])
        #expect(mentor.status == 1 && mentor.stderr == denied)
        let viewer = try cli.shouhu(["pairing", "list", "--db", f.db, "--user", "guest"], in: dir, lang: "en",
                                    environment: ["SHOUHU_PASSWORD": "viewer-pass-1"])
        #expect(viewer.status == 1 && viewer.stderr == deniedEn)
        #expect(try f.storage.pairings(childID: f.child).allSatisfy(\.pairing.isActive))
    }
}
