import Domain
import Foundation
import Testing
@testable import Storage

/// The real `shouhu settings`: show, set and reset in both languages, what the reports then say,
/// refusals (nothing stored, one line, status 1), who may change a setting, and the audit trail.
@Suite("shouhu settings (the binary)")
struct SettingsCommandLineTests {
    let cli = CommandLineTests()

    /// A catalog string with `{0}`, `{1}`… filled in (the catalog's wording may change).
    func text(_ lang: String, _ key: String, _ args: [String] = []) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Resources/i18n/\(lang).json"))
        var s = try #require(try JSONDecoder().decode([String: String].self, from: data)[key], "\(key) missing")
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }

    func zh(_ key: String, _ args: String...) throws -> String { try text("zh-Hans", key, args) }
    func en(_ key: String, _ args: String...) throws -> String { try text("en", key, args) }

    /// The one line of a refusal: `出错了：<reason>`.
    func refusal(_ lang: String, _ reason: String) throws -> String { try text(lang, "error.generic", [reason]) + "\n" }

    @Test func setShowAndResetInChineseAndEnglish() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path

        let empty = try cli.shouhu(["settings", "--db", db], in: dir)
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout == """
            community-name\t\(try zh("setting.community-name"))\t\(try zh("settings.default_name"))
            idle-minutes\t\(try zh("setting.idle-minutes"))\t\(try zh("settings.default_minutes", "5"))

            """)

        let name = try cli.shouhu(["settings", "set", "community-name", " 青山镇留守儿童之家 ", "--db", db], in: dir)
        #expect(name.status == 0, "\(name.stderr)")
        #expect(name.stdout == (try zh("settings.changed", zh("setting.community-name"), zh("settings.default_name"), "青山镇留守儿童之家")) + "\n")
        let minutes = try cli.shouhu(["settings", "set", "idle-minutes", "10", "--db", db], in: dir, lang: "en")
        #expect(minutes.status == 0, "\(minutes.stderr)")
        #expect(minutes.stdout == (try en("settings.changed", en("setting.idle-minutes"), en("settings.default_minutes", "5"), "10")) + "\n")
        let again = try cli.shouhu(["settings", "set", "idle-minutes", "10.0", "--db", db], in: dir, lang: "en")
        #expect(again.stdout == (try en("settings.unchanged", en("setting.idle-minutes"), "10")) + "\n")

        let shown = try cli.shouhu(["settings", "show", "--db", db], in: dir, lang: "en")
        #expect(shown.stdout == """
            community-name\t\(try en("setting.community-name"))\t青山镇留守儿童之家
            idle-minutes\t\(try en("setting.idle-minutes"))\t10

            """)
        // The environment wins over the stored minutes, and the listing says so.
        let overridden = try cli.shouhu(["settings", "--db", db], in: dir, environment: ["SHOUHU_IDLE_MINUTES": "2"])
        #expect(overridden.stdout.contains("idle-minutes\t\(try zh("setting.idle-minutes"))\t10\(try zh("settings.env_overrides", "2"))\n"))

        let storage = try AppDatabase.open(path: db)
        #expect(try storage.setting(.communityName) == "青山镇留守儿童之家")
        #expect(try storage.setting(.idleMinutes) == "10")

        // Every report names the community.
        let report = try cli.shouhu(["report", "--db", db], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("青山镇留守儿童之家 · "))
        let summary = try cli.shouhu(["report", "--period", "2026", "--template", "annual-summary", "--db", db], in: dir)
        #expect(summary.stdout.hasPrefix("青山镇留守儿童之家"), "\(summary.stdout.prefix(80))")
        #expect(!summary.stdout.contains("本辖区"))

        let reset = try cli.shouhu(["settings", "reset", "idle-minutes", "--db", db], in: dir)
        #expect(reset.status == 0, "\(reset.stderr)")
        #expect(reset.stdout == (try zh("settings.changed", zh("setting.idle-minutes"), "10", zh("settings.default_minutes", "5"))) + "\n")
        let resetName = try cli.shouhu(["settings", "reset", "community-name", "--db", db, "--lang", "en"], in: dir)
        #expect(resetName.stdout == (try en("settings.changed", en("setting.community-name"), "青山镇留守儿童之家", en("settings.default_name"))) + "\n")
        #expect(try storage.setting(.idleMinutes) == nil && storage.setting(.communityName) == nil)
        let after = try cli.shouhu(["report", "--period", "2026", "--template", "annual-summary", "--db", db], in: dir)
        #expect(after.stdout.contains("本辖区") && !after.stdout.contains("青山镇留守儿童之家"))

        // The trail: who, which setting, old and new value — one entry per change (none for the unchanged one).
        let entries = try storage.auditEntries().filter { $0.entity == "setting" }
        #expect(entries.map(\.actor) == ["tester", "tester", "tester", "tester"])
        #expect(entries.map(\.field) == ["community_name", "idle_minutes", "idle_minutes", "community_name"])
        #expect(entries.map(\.old) == [nil, nil, "10", "青山镇留守儿童之家"])
        #expect(entries.map(\.new) == ["青山镇留守儿童之家", "10", nil, nil])
        #expect(try storage.verifyAudit() == nil)
        let log = try cli.shouhu(["audit", "log", "--db", db], in: dir)
        #expect(log.stdout.contains("\ttester\twrite\tsetting\tcommunity_name\t\t青山镇留守儿童之家\n"))
    }

    @Test func invalidValuesAreRefusedAndNothingIsStored() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        #expect(try cli.shouhu(["settings", "set", "community-name", "青山镇", "--db", db], in: dir).status == 0)
        #expect(try cli.shouhu(["settings", "set", "idle-minutes", "0.5", "--db", db], in: dir).status == 0)
        let storage = try AppDatabase.open(path: db)
        let entriesBefore = try storage.auditCount()

        let cases: [([String], String, String)] = [
            (["community-name", ""], "zh-Hans", try zh("settings.error.name_empty")),
            (["community-name", "   "], "zh-Hans", try zh("settings.error.name_empty")),
            (["community-name", String(repeating: "镇", count: 61)], "zh-Hans", try zh("settings.error.name_too_long", "60")),
            (["community-name", "青山\n镇"], "zh-Hans", try zh("settings.error.name_control")),
            (["community-name", "\u{1B}[2J青山镇"], "en", try en("settings.error.name_control")),
            (["community-name", "\u{202E}镇山青"], "zh-Hans", try zh("settings.error.name_control")),
            (["community-name", "青山", "镇"], "zh-Hans", try zh("settings.one_value")),
            (["idle-minutes"], "en", try en("settings.one_value")),
            (["idle-minutes", "-1"], "zh-Hans", try zh("settings.error.idle_minutes", "1440")),
            (["idle-minutes", "ten"], "en", try en("settings.error.idle_minutes", "1440")),
            (["idle-minutes", "1e1"], "zh-Hans", try zh("settings.error.idle_minutes", "1440")),
            (["idle-minutes", "1441"], "zh-Hans", try zh("settings.error.idle_minutes", "1440")),
            (["colour", "red"], "en", try en("settings.unknown", "colour", "community-name, idle-minutes")),
        ]
        for (args, lang, reason) in cases {
            let r = try cli.shouhu(["settings", "set"] + args + ["--db", db], in: dir, lang: lang == "en" ? "en" : "zh")
            #expect(r.status == 1, "\(args)")
            #expect(r.stderr == (try refusal(lang, reason)), "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
        let unknown = try cli.shouhu(["settings", "reset", "colour", "--db", db], in: dir)
        #expect(try unknown.status == 1 && unknown.stderr == refusal("zh-Hans", zh("settings.unknown", "colour", "community-name, idle-minutes")))

        #expect(try storage.setting(.communityName) == "青山镇")
        #expect(try storage.setting(.idleMinutes) == "0.5")
        #expect(try storage.auditCount() == entriesBefore)
    }

    @Test func onlyACoordinatorChangesSettingsOnceThereAreAccounts() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let storage = try AppDatabase.open(path: db)
        try storage.addUser(name: "王主任", role: .coordinator, password: "coordinator-1", now: Date(), rounds: 1_000)
        try storage.addUser(name: "guest", role: .viewer, password: "viewer-pass-1", now: Date(), rounds: 1_000)
        let set = ["settings", "set", "community-name", "青山镇留守儿童之家", "--db", db]

        let nobody = try cli.shouhu(set, in: dir)
        #expect(try nobody.status == 1 && nobody.stderr == refusal("zh-Hans", zh("cli.user_required")), "\(nobody.stderr)")
        let viewer = try cli.shouhu(set + ["--user", "guest"], in: dir, lang: "en", environment: ["SHOUHU_PASSWORD": "viewer-pass-1"])
        #expect(try viewer.status == 1 && viewer.stderr == refusal("en", en("access.denied")), "\(viewer.stderr)")
        let reset = try cli.shouhu(["settings", "reset", "idle-minutes", "--db", db, "--user", "guest"], in: dir,
                                   environment: ["SHOUHU_PASSWORD": "viewer-pass-1"])
        #expect(try reset.status == 1 && reset.stderr == refusal("zh-Hans", zh("access.denied")))
        let wrong = try cli.shouhu(set + ["--user", "王主任"], in: dir, environment: ["SHOUHU_PASSWORD": "not-the-password"])
        #expect(try wrong.status == 1 && wrong.stderr == refusal("zh-Hans", zh("user.sign_in_failed")))
        #expect(try storage.setting(.communityName) == nil)
        #expect(try storage.auditEntries().filter { $0.entity == "setting" }.isEmpty)

        // Anyone may look: the settings are no one's personal data.
        let shown = try cli.shouhu(["settings", "--db", db], in: dir)
        #expect(shown.status == 0 && shown.stdout.contains("community-name\t"))

        let coordinator = try cli.shouhu(set + ["--user", "王主任"], in: dir, environment: ["SHOUHU_PASSWORD": "coordinator-1"])
        #expect(coordinator.status == 0, "\(coordinator.stderr)")
        #expect(try storage.setting(.communityName) == "青山镇留守儿童之家")
        let entry = try #require(try storage.auditEntries().last)
        #expect(entry.actor == "王主任" && entry.entity == "setting" && entry.field == "community_name" && entry.new == "青山镇留守儿童之家")
    }

    @Test func aDemoDatabaseNeedsNoSignIn() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("demo.sqlite").path
        try AppDatabase.open(path: db).fillDemo(DemoOptions(children: 20, seed: 1, referenceDate: today))
        let r = try cli.shouhu(["settings", "set", "community-name", "石桥村", "--db", db], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains(try zh("cli.demo_exempt")))
        #expect(r.stdout == (try zh("settings.changed", zh("setting.community-name"), "青山镇（演示）", "石桥村")) + "\n")
    }
}
