import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

/// The real `shouhu import mentors|pairings` and `export mentors|pairings|pairing-cards`.
@Suite("shouhu import/export mentors and pairings (the binary)")
struct MentorPairingCommandLineTests {
    let cli = CommandLineTests()

    /// A zh-Hans catalog string with `{0}`, `{1}`… filled in (the catalog's wording may change).
    func zh(_ key: String, _ args: String...) throws -> String {
        var s = try #require(try zhCatalog()[key], "\(key) missing")
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }

    func mode(_ path: String) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Writes the children and mentors of `PairingFixture` into a database file.
    func fixtureDatabase(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("s.sqlite").path
        let (memory, _) = try PairingFixture.database()
        let target = try AppDatabase.open(path: path)
        _ = try importData(RosterExport.csv(try memory.childrenForExport(includeArchived: true), includeArchived: true), into: target)
        _ = try importMentors(MentorSheetExport.csv(try memory.mentorsForExport()), into: target)
        _ = try importPairings(PairingSheetExport.csv(try memory.pairingsForExport()), into: target)
        return path
    }

    @Test func importMentorsReportsRowsButNoPersonalData() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("帮扶人.csv")
        try gb18030(MentorFixture.text()).write(to: file)
        let db = dir.appendingPathComponent("s.sqlite").path
        try AppDatabase.open(path: db).addMentor(Mentor(name: "赵六", role: .volunteer, phone: MentorFixture.inDatabasePhone),
                                                 actor: "t", timestamp: "t")
        let report = dir.appendingPathComponent("report.csv").path
        let r = try cli.shouhu(["import", "mentors", file.path, "--db", db, "--report", report], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(try zh("import.mentor.summary", "11", "4", "2", "5")))
        func line(_ row: Int, _ column: String, _ reason: String) throws -> String {
            try zh("import.reject_line", String(row), column, reason)
        }
        #expect(r.stderr.contains(try line(5, "联系电话", zh("problem.phone"))))
        #expect(r.stderr.contains(try line(6, "角色", zh("problem.choice", "领导"))))
        #expect(r.stderr.contains(try line(10, "姓名", zh("problem.required"))))
        #expect(r.stderr.contains(try line(11, "可结对人数", zh("problem.choice", "三"))))
        #expect(r.stderr.contains(try line(12, "离开日期", zh("problem.required"))))
        #expect(r.stderr.contains(try line(7, "联系电话", zh("import.mentor.duplicate_in_file", "3"))))
        #expect(r.stderr.contains(try zh("import.unknown_column", "备注")))
        #expect(!r.stderr.contains("第 8 行"), "duplicates of the database are only counted on screen")
        for secret in ["李秀英", "王老师", "张三", "赵六", "吴九", "13912340001", "1391234", "0838-2212345", MentorFixture.inDatabasePhone] {
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) printed")
        }
        let reportText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)).dropFirst(3), as: UTF8.self)
        #expect(reportText.hasPrefix(try [zh("import.report.row"), zh("import.report.result"), zh("import.report.column"),
                                           zh("import.report.reason"), zh("import.report.name")].joined(separator: ",") + "\r\n"))
        #expect(reportText.contains(try "5,\(zh("import.result.rejected")),联系电话,\(zh("problem.phone")),张三"))
        #expect(reportText.contains(try "8,\(zh("import.result.duplicate")),联系电话,\(zh("import.mentor.duplicate_in_db"))"))
        #expect(try mode(report) == 0o600)
        #expect(try AppDatabase.open(path: db).count("mentor") == 5)

        let again = try cli.shouhu(["import", "mentors", file.path, "--db", db], in: dir)
        #expect(again.status == 1, "rows still rejected and nothing imported")
        #expect(again.stdout.contains(try zh("import.mentor.summary", "11", "0", "6", "5")))
        let strict = try cli.shouhu(["import", "mentors", file.path, "--db", db, "--strict", "--lang", "en"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("strict mode: 5 rows were rejected, nothing was imported"))
        #expect(strict.stderr.contains("line 5, Phone: a phone is an 11-digit mobile or a landline with area code"))
    }

    @Test func importPairingsNamesTheRuleAndStrictWritesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try fixtureDatabase(in: dir)
        let before = try AppDatabase.open(path: db).count("pairing")
        let file = dir.appendingPathComponent("结对.csv")
        try utf8BOM(PairingFixture.text()).write(to: file)

        let strict = try cli.shouhu(["import", "pairings", file.path, "--db", db, "--strict"], in: dir)
        #expect(strict.status == 2)
        #expect(try AppDatabase.open(path: db).count("pairing") == before)
        let dry = try cli.shouhu(["import", "pairings", file.path, "--db", db, "--dry-run"], in: dir)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains(try zh("import.pairing.summary", "16", "6", "2", "8")))
        #expect(dry.stdout.contains(try zh("import.dry_run")))
        func rule(_ key: String, _ args: String...) throws -> String {
            var reason = try zh(key)
            for (i, a) in args.enumerated() { reason = reason.replacingOccurrences(of: "{\(i)}", with: a) }
            return try zh("pairing.error.other", reason)
        }
        #expect(dry.stderr.contains(try zh("import.reject_line", "5", zh("import.column.mentor_phone"),
                                           rule("import.rule.capacity_reached", "1", "1"))))
        #expect(dry.stderr.contains(try zh("import.reject_line", "7", zh("import.column.child_id_number"),
                                           rule("import.rule.unknown_child"))))
        #expect(dry.stderr.contains(try zh("import.reject_line", "9", zh("import.column.end_date"),
                                           rule("import.rule.end_before_start"))))
        #expect(!dry.stderr.contains("cannot pair"), "no English in the Chinese interface")
        #expect(try AppDatabase.open(path: db).count("pairing") == before)

        let r = try cli.shouhu(["import", "pairings", file.path, "--db", db, "--lang", "en"], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("read 16 rows, imported 6, duplicates 2, rejected 8"))
        #expect(r.stderr.contains("line 5, mentor phone: cannot pair: capacity reached: the mentor has 1 children and the limit is 1"))
        #expect(r.stderr.contains("line 6, pair role: cannot pair: the child already has an active primary mentor"))
        #expect(r.stderr.contains("line 7, child ID number: cannot pair: no such child"))
        #expect(r.stderr.contains("line 8, mentor phone: cannot pair: no mentor with this phone"))
        #expect(r.stderr.contains("line 9, end date: cannot pair: the end date is before the start date"))
        #expect(r.stderr.contains("line 10, child ID number: the file is archived; restore it first"))
        #expect(r.stderr.contains("line 11, mentor phone: this mentor has left"))
        #expect(r.stderr.contains("line 14, child ID number: the same pairing (child, mentor, role and start date) as line 4"))
        #expect(r.stderr.contains("⚠ line 18, child name: the name is not the one on record"))
        for secret in ["王小红", "赵强", "李秀英", "错名", PairingFixture.idB, PairingFixture.m1, PairingFixture.noIDBirth] {
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) printed")
        }
        #expect(try AppDatabase.open(path: db).count("pairing") == before + 6)
        let again = try cli.shouhu(["import", "pairings", file.path, "--db", db], in: dir)
        #expect(again.status == 1, "nothing new, rows still rejected")
        #expect(again.stderr.contains(try zh("import.reject_line", "11", "帮扶人电话", zh("pairing.error.mentor_left"))))
    }

    @Test func exportImportExportThroughTheBinaryAndCards() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("demo.sqlite").path
        try AppDatabase.open(path: source).fillDemo(DemoOptions(children: 200, seed: 5, referenceDate: today))
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        for (what, out) in [("children", "c.csv"), ("mentors", "m.csv"), ("pairings", "p.csv")] {
            let e = try cli.shouhu(["export", what, "--db", source, "--out", path(out)] + (what == "children" ? ["--include-archived"] : []),
                                   in: dir)
            #expect(e.status == 0, "\(e.stderr)")
            #expect(try mode(path(out)) == 0o600)
        }
        let target = path("target.sqlite")
        let demo = try AppDatabase.open(path: source)
        let counts = ["children": 200, "mentors": try demo.mentorsForExport().count, "pairings": try demo.pairingsForExport().count]
        let summaries = ["children": "import.summary", "mentors": "import.mentor.summary", "pairings": "import.pairing.summary"]
        for (what, file) in [("children", "c.csv"), ("mentors", "m.csv"), ("pairings", "p.csv")] {
            let i = try cli.shouhu(["import", what, path(file), "--db", target], in: dir)
            #expect(i.status == 0, "\(what): \(i.stderr.suffix(300))")
            #expect(i.stdout.contains(try zh(summaries[what]!, String(counts[what]!), String(counts[what]!), "0", "0")))
        }
        #expect(try cli.shouhu(["export", "mentors", "--db", target, "--out", path("m2.csv")], in: dir).status == 0)
        #expect(try cli.shouhu(["export", "pairings", "--db", target, "--out", path("p2.csv")], in: dir).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("m.csv"))) == Data(contentsOf: URL(fileURLWithPath: path("m2.csv"))))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("p.csv"))) == Data(contentsOf: URL(fileURLWithPath: path("p2.csv"))))

        // JSON to standard output.
        let json = try cli.shouhu(["export", "pairings", "--db", target, "--format", "json"], in: dir)
        #expect(json.status == 0)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
        #expect(array?.count == (try AppDatabase.open(path: target).pairingsForExport().count))

        // Cards: HTML from the extension, Markdown to standard output; one per active pairing.
        let active = try AppDatabase.open(path: target).pairingCards().count
        let html = try cli.shouhu(["export", "pairing-cards", "--db", target, "--out", path("卡.html"), "--lang", "en"], in: dir)
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stderr.contains("wrote \(active) pairing cards"))
        #expect(try mode(path("卡.html")) == 0o600)
        let htmlText = try String(contentsOfFile: path("卡.html"), encoding: .utf8)
        #expect(htmlText.components(separatedBy: "<section class=\"card\"").count - 1 == active)
        let md = try cli.shouhu(["export", "pairing-cards", "--db", target, "--format", "md"], in: dir)
        #expect(md.status == 0)
        #expect(md.stdout.components(separatedBy: "# 爱心结对卡\n").count - 1 == active)
        #expect(md.stdout.contains("2026年秋季学期"), "SHOUHU_TODAY is 2026-11-23")
        #expect(md.stderr == (try zh("export.cards_done", String(active), "-")) + "\n")
    }

    @Test func badFilesAndMissingDatabases() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let noKeys = dir.appendingPathComponent("p.csv")
        try Data("儿童姓名,开始日期\n王小明,2026-09-01\n".utf8).write(to: noKeys)
        let p = try cli.shouhu(["import", "pairings", noKeys.path, "--db", db], in: dir)
        #expect(p.status == 1)
        #expect(p.stderr.contains(try zh("import.missing_columns", "“儿童身份证号”" + zh("import.list_and") + "“帮扶人电话”")))
        let noName = dir.appendingPathComponent("m.csv")
        try Data("电话,角色\n13912340001,志愿者\n".utf8).write(to: noName)
        let m = try cli.shouhu(["import", "mentors", noName.path, "--db", db], in: dir)
        #expect(m.status == 1)
        #expect(m.stderr.contains(try zh("import.missing_name_column")))
        let xlsx = dir.appendingPathComponent("名册.xlsx")
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data("[Content_Types].xml\n".utf8)).write(to: xlsx)
        #expect(try cli.shouhu(["import", "mentors", xlsx.path, "--db", db], in: dir).status == 1)
        #expect(try cli.shouhu(["import", "pairings", dir.appendingPathComponent("none.csv").path, "--db", db], in: dir).status == 1)
        let none = dir.appendingPathComponent("none.sqlite").path
        for what in ["mentors", "pairings", "pairing-cards"] {
            let e = try cli.shouhu(["export", what, "--db", none], in: dir)
            #expect(e.status == 1)
            #expect(e.stderr.contains(try zh("export.no_database", none)))
        }
        #expect(!FileManager.default.fileExists(atPath: none))
    }
}
