import Domain
import Foundation
import Testing
@testable import Storage

/// The real binary: the community's configuration — capacities, term dates, obligation rules and the
/// planned activities of a semester — is changed by a coordinator only once the database has accounts,
/// each change goes into the audit trail with its old and new value, and looking stays open. Also the
/// idle lock's minutes from the environment or the database, refused in the user's language.
@Suite("Configuration changes: coordinators only, audited (the binary)")
struct ConfigAccessCommandLineTests {
    let cli = CommandLineTests()
    let settings = SettingsCommandLineTests()

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let shippedRules = root.appendingPathComponent("Resources/rules/five-ones.yaml")

    func zh(_ key: String, _ args: String...) throws -> String { try settings.text("zh-Hans", key, args) }
    func en(_ key: String, _ args: String...) throws -> String { try settings.text("en", key, args) }

    /// A database with a coordinator, a mentor account and a viewer, and a rules file of its own beside it.
    func accounts(_ dir: URL) throws -> (db: String, storage: AppDatabase, rules: String) {
        let db = dir.appendingPathComponent("s.sqlite").path
        let storage = try AppDatabase.open(path: db)
        _ = try storage.addMentor(Mentor(name: "刘芳", role: .caringMother, phone: "13912340824"), actor: "t",
                                  timestamp: "2026-11-23T09:00:00+08:00")
        try storage.addUser(name: "王主任", role: .coordinator, password: "coordinator-1", now: Date(), rounds: 1_000)
        try storage.addUser(name: "liufang", role: .mentor, mentorPhone: "13912340824", password: "mentor-pass-1", now: Date(), rounds: 1_000)
        try storage.addUser(name: "guest", role: .viewer, password: "viewer-pass-1", now: Date(), rounds: 1_000)
        let text = try String(contentsOf: Self.shippedRules, encoding: .utf8)
        let rules = dir.appendingPathComponent("rules.yaml").path
        try text.replacingOccurrences(of: "min_days: 30", with: "min_days: 20").write(toFile: rules, atomically: true, encoding: .utf8)
        return (db, storage, rules)
    }

    /// Every change of configuration, as a command line.
    func changes(_ db: String, rules: String) -> [[String]] {
        [["capacity", "volunteer", "3"],
         ["semester", "set", "2026-autumn", "--from", "2026-09-01", "--to", "2027-01-24"],
         ["semester", "reset", "2026-autumn"],
         ["rules", "set", rules],
         ["rules", "reset"],
         ["calendar", "apply-template", "--semester", "2026-autumn"]].map { $0 + ["--db", db] }
    }

    @Test func viewersMentorsAndNoOneAreRefusedAndNothingChanges() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, storage, rules) = try accounts(dir)
        let entriesBefore = try storage.auditCount()
        for args in changes(db, rules: rules) {
            let nobody = try cli.shouhu(args, in: dir)
            #expect(nobody.status == 1, "\(args)")
            #expect(nobody.stderr == (try settings.refusal("zh-Hans", zh("cli.user_required"))), "\(args): \(nobody.stderr)")
            let viewer = try cli.shouhu(args + ["--user", "guest"], in: dir, lang: "en", environment: ["SHOUHU_PASSWORD": "viewer-pass-1"])
            #expect(viewer.status == 1, "\(args)")
            #expect(viewer.stderr == (try settings.refusal("en", en("access.denied"))), "\(args): \(viewer.stderr)")
            let mentor = try cli.shouhu(args + ["--user", "liufang"], in: dir, environment: ["SHOUHU_PASSWORD": "mentor-pass-1"])
            #expect(mentor.status == 1, "\(args)")
            #expect(mentor.stderr == (try settings.refusal("zh-Hans", zh("access.denied"))), "\(args): \(mentor.stderr)")
            #expect(nobody.stdout.isEmpty && viewer.stdout.isEmpty && mentor.stdout.isEmpty, "\(args)")
        }
        #expect(try storage.capacity(for: .volunteer) == MentorRole.volunteer.defaultCapacity)
        #expect(try !storage.semesterEntry(id: "2026-autumn").isCustom)
        #expect(try storage.setting(.obligationRules) == nil)
        #expect(try storage.activities(from: LocalDate(year: 2026, month: 9, day: 1)!, to: LocalDate(year: 2027, month: 1, day: 31)!).isEmpty)
        // Only the sign-ins of the viewer and the mentor were recorded: nothing about the configuration.
        let entries = try storage.auditEntries().dropFirst(entriesBefore)
        #expect(entries.allSatisfy { $0.action == "sign_in" }, "\(entries.map(\.action))")

        // Looking needs no account: capacities, terms and rules are no one's personal data.
        for args in [["capacity"], ["semester", "list"], ["rules", "show"],
                     ["calendar", "apply-template", "--semester", "2026-autumn", "--dry-run"]] {
            let r = try cli.shouhu(args + ["--db", db], in: dir)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(!r.stdout.isEmpty, "\(args)")
        }
        #expect(try storage.activities(from: LocalDate(year: 2026, month: 9, day: 1)!, to: LocalDate(year: 2027, month: 1, day: 31)!).isEmpty)
    }

    @Test func aCoordinatorChangesAndTheTrailHoldsOldAndNewValues() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (db, storage, rules) = try accounts(dir)
        let env = ["SHOUHU_PASSWORD": "coordinator-1"]
        func run(_ args: [String], lang: String = "zh") throws -> CommandLineTests.Run {
            let r = try cli.shouhu(args + ["--db", db, "--user", "王主任"], in: dir, lang: lang, environment: env)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            return r
        }
        let capacity = try run(["capacity", "volunteer", "3"])
        #expect(capacity.stdout.hasPrefix((try zh("settings.changed", zh("capacity.of_role", "志愿者"), "2", "3")) + "\n"))
        #expect(capacity.stdout.contains("volunteer\t志愿者\t3\n"))
        let same = try run(["capacity", "volunteer", "3"], lang: "en")
        #expect(same.stdout.hasPrefix((try en("settings.unchanged", en("capacity.of_role", "volunteer"), "3")) + "\n"))

        _ = try run(["semester", "set", "2026-autumn", "--from", "2026-09-01", "--to", "2027-01-24"])
        _ = try run(["semester", "set", "2026-autumn", "--from", "2026-08-31", "--to", "2027-01-24"])
        _ = try run(["semester", "set", "2026-autumn", "--from", "2026-08-31", "--to", "2027-01-24"])
        _ = try run(["semester", "reset", "2026-autumn"])

        let set = try run(["rules", "set", rules])
        #expect(set.stdout.hasPrefix(try zh("rules.set", "5")))
        let again = try run(["rules", "set", rules], lang: "en")
        #expect(again.stdout.hasPrefix(try en("rules.unchanged", "5")))
        #expect(try run(["rules", "reset"]).stdout == (try zh("rules.reset")) + "\n")
        #expect(try run(["rules", "reset"], lang: "en").stdout == (try en("rules.reset_unchanged")) + "\n")

        let plan = try run(["calendar", "apply-template", "--semester", "2026-autumn"])
        let created = plan.stdout.split(separator: "\n").filter { $0.hasPrefix("created\t") }.count
        #expect(created > 0)

        // The trail: one entry per change, none for the unchanged ones, each by the coordinator.
        let config = try storage.auditEntries().filter { $0.entity == "setting" || $0.entity == "semester" }
        #expect(config.map(\.field) == ["capacity.volunteer", "2026-autumn", "2026-autumn", "2026-autumn", "obligation_rules", "obligation_rules"])
        #expect(config.allSatisfy { $0.actor == "王主任" && $0.action == "write" })
        let yaml = try String(contentsOfFile: rules, encoding: .utf8)
        #expect(config.map(\.old) == ["2", nil, "2026-09-01..2027-01-24", "2026-08-31..2027-01-24", nil, yaml])
        #expect(config.map(\.new) == ["3", "2026-09-01..2027-01-24", "2026-08-31..2027-01-24", nil, yaml, nil])
        let planned = try storage.auditEntries().filter { $0.entity == "activity" }
        #expect(planned.count == created && planned.allSatisfy { $0.actor == "王主任" && $0.field == "created" })

        let log = try cli.shouhu(["audit", "log", "--db", db, "--user", "王主任"], in: dir, environment: env)
        #expect(log.status == 0, "\(log.stderr)")
        #expect(log.stdout.contains("\t王主任\twrite\tsetting\tcapacity.volunteer\t2\t3\n"))
        #expect(log.stdout.contains("\t王主任\twrite\tsemester\t2026-autumn\t\t2026-09-01..2027-01-24\n"))
        #expect(log.stdout.contains("\t王主任\twrite\tsemester\t2026-autumn\t2026-09-01..2027-01-24\t2026-08-31..2027-01-24\n"))
        #expect(log.stdout.contains("\t王主任\twrite\tsemester\t2026-autumn\t2026-08-31..2027-01-24\t\n"))
        let rulesLine = try #require(log.stdout.split(separator: "\n").first { $0.contains("\twrite\tsetting\tobligation_rules\t\t#") })
        #expect(rulesLine.contains("min_days: 20"), "the rules text, its line breaks made inert")
        #expect(!log.stdout.contains("\u{1B}"))
        // Every entry, sign-ins and account changes included, in one form: China Standard Time.
        let times = log.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false)[1] }
        #expect(!times.isEmpty && times.allSatisfy { $0.hasSuffix("+08:00") }, "\(Set(times.map { $0.suffix(6) }))")

        let verify = try cli.shouhu(["audit", "verify", "--db", db, "--user", "王主任"], in: dir, environment: env)
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(try storage.verifyAudit() == nil)
    }

    /// Without accounts anyone may change the configuration, and the trail names who the system says ran it.
    @Test func withoutAccountsTheSystemUserIsTheActor() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        #expect(try cli.shouhu(["capacity", "teacher", "45", "--db", db], in: dir).status == 0)
        #expect(try cli.shouhu(["semester", "set", "2027-spring", "--from", "2027-02-20", "--to", "2027-07-05", "--db", db], in: dir).status == 0)
        let storage = try AppDatabase.open(path: db)
        let entries = try storage.auditEntries()
        #expect(entries.map(\.actor) == ["tester", "tester"])
        #expect(entries.map(\.field) == ["capacity.teacher", "2027-spring"])
        #expect(entries.map(\.old) == ["60", nil])
        #expect(entries.allSatisfy { $0.at.hasSuffix("+08:00") })
        #expect(try storage.verifyAudit() == nil)
    }

    /// `SHOUHU_IDLE_MINUTES` and the stored minutes are read as `shouhu settings set idle-minutes` reads them;
    /// a value that does not read stops the start in one line of the user's language naming what to fix.
    @Test func idleMinutesThatDoNotReadAreToldInTheUsersLanguage() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let rule = try zh("settings.error.idle_minutes", "1440")
        for value in ["1e1", "-1", "ten", "1441", "", "0x10"] {
            let r = try cli.shouhu(["--db", db], in: dir, environment: ["SHOUHU_IDLE_MINUTES": value])
            #expect(r.status == 1, "\(value)")
            #expect(r.stderr == (try settings.refusal("zh-Hans", zh("tui.idle_env_bad", value, rule))), "\(value): \(r.stderr)")
        }
        let english = try cli.shouhu(["--db", db], in: dir, lang: "en", environment: ["SHOUHU_IDLE_MINUTES": "1e1"])
        #expect(english.stderr == (try settings.refusal("en", en("tui.idle_env_bad", "1e1", en("settings.error.idle_minutes", "1440")))))
        #expect(english.stderr.contains("SHOUHU_IDLE_MINUTES") && !english.stderr.contains("idle_minutes"))
        let hostile = try cli.shouhu(["--db", db], in: dir, environment: ["SHOUHU_IDLE_MINUTES": "\u{1B}[2J"])
        #expect(hostile.status == 1 && !hostile.stderr.contains("\u{1B}"))

        // A stored value no version of `shouhu settings` would write (an older program, or SQL by hand).
        try AppDatabase.open(path: db).setSetting(.idleMinutes, "1e1")
        let stored = try cli.shouhu(["--db", db], in: dir)
        #expect(stored.status == 1)
        #expect(stored.stderr == (try settings.refusal("zh-Hans", zh("tui.idle_stored_bad", "1e1", rule))), "\(stored.stderr)")
        #expect(stored.stderr.contains("shouhu settings set idle-minutes"))
        let storedEn = try cli.shouhu(["--db", db], in: dir, lang: "en")
        #expect(storedEn.stderr == (try settings.refusal("en", en("tui.idle_stored_bad", "1e1", en("settings.error.idle_minutes", "1440")))))
    }
}
