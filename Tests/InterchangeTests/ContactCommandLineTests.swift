import Domain
import Foundation
import Testing
@testable import Interchange
@testable import Storage

/// The real `shouhu import contacts` and `export contacts`.
@Suite("shouhu import/export contacts (the binary)")
struct ContactCommandLineTests {
    typealias F = ContactFixture
    let cli = CommandLineTests()

    /// A zh-Hans catalog string with `{0}`, `{1}`… filled in (the catalog's wording may change).
    func zh(_ key: String, _ args: String...) throws -> String {
        var s = try #require(try zhCatalog()[key], "\(key) missing")
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }

    func line(_ row: Int, _ columnKey: String, _ reason: String) throws -> String {
        try zh("import.reject_line", String(row), zh(columnKey), reason)
    }

    func mode(_ path: String) throws -> Int? {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    /// Writes the children, mentors, pairings and the one contact of `ContactFixture` into a database file.
    func fixtureDatabase(in dir: URL) throws -> String {
        let path = dir.appendingPathComponent("s.sqlite").path
        let (memory, _) = try F.database()
        let target = try AppDatabase.open(path: path)
        _ = try importData(RosterExport.csv(try memory.childrenForExport(includeArchived: true), includeArchived: true), into: target)
        _ = try importMentors(MentorSheetExport.csv(try memory.mentorsForExport()), into: target)
        _ = try importPairings(PairingSheetExport.csv(try memory.pairingsForExport()), into: target)
        #expect(try importContacts(ContactSheetExport.csv(try memory.contactsForExport()), into: target).imported == 1)
        return path
    }

    @Test func importContactsReportsRowsButNoPersonalData() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try fixtureDatabase(in: dir)
        let file = dir.appendingPathComponent("帮扶记录.csv")
        try gb18030(F.text()).write(to: file)
        let report = dir.appendingPathComponent("report.csv").path
        let r = try cli.shouhu(["import", "contacts", file.path, "--db", db, "--report", report], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains(try zh("import.contact.summary", "20", "8", "3", "9")))
        #expect(r.stderr.contains(try line(5, "import.column.child_id_number", zh("import.rule.unknown_child"))))
        #expect(r.stderr.contains(try line(6, "import.column.mentor_phone", zh("import.rule.unknown_mentor"))))
        #expect(r.stderr.contains(try line(7, "import.column.contact_kind", zh("problem.choice", "聚餐"))))
        #expect(r.stderr.contains(try line(8, "import.column.contact_date", zh("problem.date"))))
        #expect(r.stderr.contains(try line(9, "import.column.contact_date", zh("problem.date_in_future"))))
        #expect(r.stderr.contains(try line(10, "import.column.contact_kind", zh("problem.required"))))
        #expect(r.stderr.contains(try line(10, "import.column.contact_date", zh("problem.required"))))
        #expect(r.stderr.contains(try line(16, "import.column.concerns", zh("problem.choice", "吵架"))))
        #expect(r.stderr.contains(try line(17, "import.column.summary", zh("problem.too_long", "1000"))))
        #expect(r.stderr.contains(try line(12, "import.column.child_id_number", zh("import.contact.duplicate_in_file", "3"))))
        #expect(r.stderr.contains(try "⚠ " + line(4, "import.column.summary", zh("import.contact.letter_left_out"))))
        #expect(r.stderr.contains(try "⚠ " + line(11, "import.column.mentor_phone", zh("import.contact.not_paired"))))
        #expect(r.stderr.contains(try "⚠ " + line(14, "import.column.child_name", zh("import.name_differs"))))
        #expect(r.stderr.contains(try zh("import.unknown_column", "填表人")))
        #expect(!r.stderr.contains("第 13 行"), "duplicates of the database are only counted on screen")
        #expect(!r.stderr.contains("无法结对"), "a contact is no pairing")
        for secret in ["王小明", "王小红", "赵强", "李秀英", "陈芳", "错名", F.P.idA, F.P.idB, F.P.m1, F.P.m2, "1390000", "亲爱的小红",
                       "作业完成好"] {
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) printed")
        }
        let reportText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)).dropFirst(3), as: UTF8.self)
        #expect(reportText.contains(try "4,\(zh("import.result.warning")),摘要,\(zh("import.contact.letter_left_out")),王小红 / 李秀英"))
        #expect(reportText.contains(try "13,\(zh("import.result.duplicate")),儿童身份证号,\(zh("import.contact.duplicate_in_db")),王小明 / 陈芳"))
        #expect(try mode(report) == 0o600)
        let database = try AppDatabase.open(path: db)
        #expect(try database.contactCount() == 1 + 8)
        #expect(try database.contactsForExport().filter { $0.contact.kind == .letter }.map(\.contact.summary) == [""])

        let again = try cli.shouhu(["import", "contacts", file.path, "--db", db], in: dir)
        #expect(again.status == 1, "nothing new, rows still rejected")
        #expect(again.stdout.contains(try zh("import.contact.summary", "20", "0", "11", "9")))
        let en = try cli.shouhu(["import", "contacts", file.path, "--db", db, "--lang", "en"], in: dir)
        #expect(en.stderr.contains("line 9, date: the date cannot be after today"))
        #expect(en.stderr.contains("⚠ line 11, mentor phone: the mentor was not paired with this child on that date"))
        #expect(en.stderr.contains("line 5, child ID number: no such child in the database"))
        #expect(!en.stderr.contains("cannot pair"))
        #expect(try database.contactCount() == 1 + 8)
    }

    @Test func dryRunStrictAndKeepLetterContent() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try fixtureDatabase(in: dir)
        let file = dir.appendingPathComponent("帮扶记录.csv")
        try utf8BOM(F.text()).write(to: file)
        let database = try AppDatabase.open(path: db)

        let strict = try cli.shouhu(["import", "contacts", file.path, "--db", db, "--strict", "--lang", "en"], in: dir)
        #expect(strict.status == 2)
        // Counted as the normal run counts them: the rows the database refuses too (9, as the dry run says).
        #expect(strict.stderr.contains("strict mode: 9 rows were rejected, nothing was imported"), "\(strict.stderr)")
        #expect(try database.contactCount() == 1)
        let dry = try cli.shouhu(["import", "contacts", file.path, "--db", db, "--dry-run"], in: dir)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains(try zh("import.contact.summary", "20", "8", "3", "9")))
        #expect(dry.stdout.contains(try zh("import.dry_run")))
        #expect(try database.contactCount() == 1)

        // Only the good rows, and a letter whose content is kept on request.
        let good = dir.appendingPathComponent("好.csv")
        try utf8BOM(([F.header] + F.importedRows.map { F.rows[$0 - 1] }).map(csvLine).joined(separator: "\r\n") + "\r\n").write(to: good)
        let strictGood = try cli.shouhu(["import", "contacts", good.path, "--db", db, "--strict", "--keep-letter-content"], in: dir)
        #expect(strictGood.status == 0, "\(strictGood.stderr)")
        #expect(strictGood.stdout.contains(try zh("import.contact.summary", "8", "8", "0", "0")))
        #expect(!strictGood.stderr.contains(try zh("import.contact.letter_left_out")))
        #expect(try database.contactsForExport().filter { $0.contact.kind == .letter }.map(\.contact.summary) == [F.letter])
    }

    @Test func exportImportExportThroughTheBinary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
        let source = path("demo.sqlite")
        let demo = try AppDatabase.open(path: source)
        try demo.fillDemo(DemoOptions(children: 120, seed: 5, referenceDate: today))
        try ContactRoundTripTests.addContacts(to: demo)
        let count = try demo.contactCount()
        let files = [("children", "c.csv"), ("mentors", "m.csv"), ("pairings", "p.csv"), ("contacts", "k.csv")]
        for (what, out) in files {
            let e = try cli.shouhu(["export", what, "--db", source, "--out", path(out)] + (what == "children" ? ["--include-archived"] : []),
                                   in: dir)
            #expect(e.status == 0, "\(e.stderr)")
            #expect(try mode(path(out)) == 0o600)
        }
        let target = path("target.sqlite")
        for (what, file) in files {
            let i = try cli.shouhu(["import", what, path(file), "--db", target], in: dir)
            #expect(i.status == 0, "\(what): \(i.stderr.suffix(300))")
        }
        let e = try cli.shouhu(["export", "contacts", "--db", target, "--out", path("k2.csv"), "--lang", "en"], in: dir)
        #expect(e.stderr == "exported \(count) contacts to \(path("k2.csv"))\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: path("k.csv"))) == Data(contentsOf: URL(fileURLWithPath: path("k2.csv"))))
        // Into the database it came from: nothing new.
        let home = try cli.shouhu(["import", "contacts", path("k.csv"), "--db", source], in: dir)
        #expect(home.status == 0)
        #expect(home.stdout.contains(try zh("import.contact.summary", String(count), "0", String(count), "0")))
        #expect(try demo.contactCount() == count)

        // JSON to standard output, and a date range.
        let json = try cli.shouhu(["export", "contacts", "--db", target, "--format", "json"], in: dir)
        #expect(json.status == 0)
        #expect((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any])?.count == count)
        #expect(json.stderr == (try zh("export.contacts_done", String(count), "-")) + "\n")
        let from = LocalDate(year: 2026, month: 9, day: 1)!, to = LocalDate(year: 2026, month: 10, day: 31)!
        let range = try cli.shouhu(["export", "contacts", "--db", target, "--from", from.description, "--to", to.description], in: dir)
        #expect(range.status == 0)
        let expected = try AppDatabase.open(path: target).contactsForExport(from: from, to: to)
        #expect(Data(range.stdout.utf8) == ContactSheetExport.csv(expected))
        #expect(try cli.shouhu(["export", "contacts", "--db", target, "--from", "九月"], in: dir).status != 0)
        #expect(try cli.shouhu(["export", "contacts", "--db", target, "--from", "2026-10-01", "--to", "2026-09-01"], in: dir).status != 0)
    }

    @Test func badFilesAndMissingDatabases() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        let noKind = dir.appendingPathComponent("k.csv")
        try Data("儿童身份证号,帮扶人电话,日期\n1,2,2026-09-01\n".utf8).write(to: noKind)
        let k = try cli.shouhu(["import", "contacts", noKind.path, "--db", db], in: dir)
        #expect(k.status == 1)
        let list = ["儿童身份证号", "帮扶人电话", "类型", "日期"].map { "“\($0)”" }.joined(separator: try zh("import.list_and"))
        #expect(k.stderr.contains(try zh("import.missing_columns", list)))
        #expect(try cli.shouhu(["import", "contacts", dir.appendingPathComponent("none.csv").path, "--db", db], in: dir).status == 1)
        let none = dir.appendingPathComponent("none.sqlite").path
        let e = try cli.shouhu(["export", "contacts", "--db", none], in: dir)
        #expect(e.status == 1)
        #expect(e.stderr.contains(try zh("export.no_database", none)))
        #expect(!FileManager.default.fileExists(atPath: none))
    }
}
