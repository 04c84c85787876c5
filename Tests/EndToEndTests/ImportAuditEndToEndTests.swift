import Domain
import Foundation
import GRDB
import Storage
import XCTest

/// `shouhu import` and `shouhu restore` leave their mark in the audit trail: one entry per import
/// (who, when, kind, file, counts; none for --dry-run), and the restore in the restored trail.
final class ImportAuditEndToEndTests: EndToEndTestCase {
    let coordinator: [String: String?] = ["SHOUHU_PASSWORD": "coordinator-1"]

    /// A real database (not a demo) with the coordinator 王芳.
    func database() throws -> String {
        let db = path("shouhu.sqlite")
        try withDatabase(db) { d in
            try d.addUser(name: "王芳", role: .coordinator, password: "coordinator-1", now: Date(), rounds: 1_000)
        }
        return db
    }

    /// A roster without 与儿童关系: three good rows and one with an impossible birth date.
    func roster() throws -> String {
        let file = path("青山村花名册.csv")
        let text = """
            姓名,性别,出生日期,学校,班级,家庭住址,监护人姓名,监护人电话
            张小雨,女,2016-03-04,青山小学,三年级(1)班,青山村1组2号,李秀英,13912345678
            王小明,男,2015-05-06,青山小学,四年级(1)班,青山村1组3号,王国福,13912345679
            刘小兵,男,2014-07-08,青山小学,五年级(1)班,青山村1组4号,刘大军,13912345670
            陈小花,女,2015-02-30,青山小学,四年级(2)班,青山村1组5号,陈大妈,13912345671

            """
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func log(_ db: String) throws -> [[String]] {
        let r = try runShouhu(["audit", "log", "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(r.status, 0, r.stderr)
        return r.stdout.split(separator: "\n").map { $0.components(separatedBy: "\t") }
    }

    func verify(_ db: String) throws {
        let r = try runShouhu(["audit", "verify", "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    func testAnImportIsOneAuditEntryAndADryRunNone() throws {
        let db = try database()
        let file = try roster()
        let dry = try runShouhu(["import", "children", file, "--dry-run", "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(dry.status, 0, dry.stderr)
        XCTAssertFalse(try log(db).contains { $0[3] == "import" }, "a dry run writes no audit entry")

        let real = try runShouhu(["import", "children", file, "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(real.status, 0, real.stderr)
        XCTAssertTrue(real.stdout.contains(Catalog.zh.text("import.summary", 4, 3, 0, 1)), real.stdout)
        let imports = try log(db).filter { $0[3] == "import" }
        XCTAssertEqual(imports.count, 1, "\(imports)")
        XCTAssertEqual(imports[0][2], "王芳")
        XCTAssertTrue(imports[0][1].hasSuffix("+08:00"), imports[0][1])
        XCTAssertEqual(imports[0][4], "children")
        XCTAssertEqual(imports[0][7], "青山村花名册.csv: created 3, duplicates 0, rejected 1")
        // No entry per child: the three new files are in their own history, not in three audit entries.
        XCTAssertFalse(try log(db).contains { $0[3] == "write" && $0[5] == "created" })
        try verify(db)

        // The same file again: nothing created, a second entry says so; the trail still holds.
        let again = try runShouhu(["import", "children", file, "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(again.status, 1, "every row a duplicate or rejected")
        XCTAssertEqual(try log(db).filter { $0[3] == "import" }.last?[7], "青山村花名册.csv: created 0, duplicates 3, rejected 1")
        try verify(db)

        // The relation was not in the file: it stays unknown, and the file says so.
        let relations = try DatabaseQueue(path: db).read { try String?.fetchAll($0, sql: "SELECT guardian_relation FROM child") }
        XCTAssertEqual(relations, [nil, nil, nil])
    }

    func testImpossibleDatesWrongEncodingStrictAndDryRunAreToldAsTheyAre() throws {
        let db = try database()
        let file = try roster()
        // 2015-02-30 on row 5 is a date that does not exist, not a badly written one.
        let dry = try runShouhu(["import", "children", file, "--dry-run", "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertTrue(dry.stderr.contains(Catalog.zh.text("problem.no_such_day", 2015, 2, 30)), dry.stderr)
        XCTAssertTrue(dry.stderr.contains("第 5 行"), dry.stderr)
        XCTAssertFalse(dry.stderr.contains(Catalog.zh.text("problem.date")), dry.stderr)
        let en = try runShouhu(["import", "children", file, "--dry-run", "--db", db, "--user", "王芳", "--lang", "en"], env: coordinator)
        XCTAssertTrue(en.stderr.contains("no such date: month 2 of 2015 has no day 30"), en.stderr)

        // --encoding gb18030 on a UTF-8 file names UTF-8.
        let bom = path("bom.csv")
        try (Data([0xEF, 0xBB, 0xBF]) + (try Data(contentsOf: URL(fileURLWithPath: file)))).write(to: URL(fileURLWithPath: bom))
        for f in [file, bom] {
            let wrong = try runShouhu(["import", "children", f, "--encoding", "gb18030", "--db", db, "--user", "王芳"], env: coordinator)
            XCTAssertEqual(wrong.status, 1)
            XCTAssertTrue(wrong.stderr.contains("--encoding utf-8"), wrong.stderr)
            XCTAssertFalse(wrong.stderr.contains("试试 --encoding gb18030"), wrong.stderr)
        }

        // A dry run exits as the real run does, and --strict counts duplicates as a normal run.
        XCTAssertEqual(dry.status, 0)
        let real = try runShouhu(["import", "children", file, "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(real.status, dry.status, real.stderr)
        let dryAgain = try runShouhu(["import", "children", file, "--dry-run", "--db", db, "--user", "王芳"], env: coordinator)
        let again = try runShouhu(["import", "children", file, "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(dryAgain.status, again.status)
        XCTAssertTrue(again.stdout.contains(Catalog.zh.text("import.summary", 4, 0, 3, 1)), again.stdout)
        let strict = try runShouhu(["import", "children", file, "--strict", "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(strict.status, 2)
        XCTAssertTrue(strict.stdout.contains(Catalog.zh.text("import.summary", 4, 0, 3, 1)), strict.stdout)
    }

    func testARestoreIsRecordedInTheRestoredTrail() throws {
        let db = try database()
        let backup = path("守护-2026-11-23.shb")
        let made = try runShouhu(["backup", backup, "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(made.status, 0, made.stderr)
        let atBackup = try log(db).count
        // Work after the backup: an import, which the restore replaces.
        XCTAssertEqual(try runShouhu(["import", "children", try roster(), "--db", db, "--user", "王芳"], env: coordinator).status, 0)
        XCTAssertEqual(try log(db).filter { $0[3] == "import" }.count, 1)

        let restored = try runShouhu(["restore", backup, "--db", db, "--user", "王芳"], env: coordinator)
        XCTAssertEqual(restored.status, 0, restored.stderr)
        let kept = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: workDir.path)
            .first { $0.hasPrefix("shouhu.sqlite.before-restore-") })
        let entries = try log(db)
        let restore = try XCTUnwrap(entries.last { $0[3] == "restore" }, "\(entries)")
        XCTAssertEqual(restore[2], "王芳")
        XCTAssertEqual(restore[4], "database")
        XCTAssertEqual(restore[6], kept, "where the replaced database, and its later entries, are kept")
        XCTAssertEqual(restore[7], "守护-2026-11-23.shb")
        XCTAssertTrue(restore[1].hasSuffix("+08:00"), restore[1])
        // The trail is the backup's, then the restore: the import made after the backup is not in it.
        XCTAssertFalse(entries.contains { $0[3] == "import" })
        XCTAssertLessThan(Int(restore[0])!, atBackup + 3, "right after the backup's own entries (and the sign-ins since)")
        try verify(db)
        // The kept file still holds the import, and its trail holds too.
        let keptTrail = try runShouhu(["audit", "log", "--db", path(kept), "--user", "王芳"], env: coordinator)
        XCTAssertTrue(keptTrail.stdout.split(separator: "\n").contains { $0.contains("\timport\tchildren\t") }, keptTrail.stdout)
        XCTAssertEqual(try runShouhu(["audit", "verify", "--db", path(kept), "--user", "王芳"], env: coordinator).status, 0)
    }
}
