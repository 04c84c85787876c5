import Domain
import Foundation
import GRDB
import Testing
@testable import Interchange
@testable import Storage

/// The real `shouhu import children` / `export children`: exit codes, messages, files.
@Suite("shouhu import/export children (the binary)")
struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The built `shouhu` beside the test bundle (.build/debug), else under the package's .build/debug.
    static func binary() throws -> String {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("shouhu").path
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [beside, root.appendingPathComponent(".build/debug/shouhu").path]
        guard let found = candidates.first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: "shouhu not built; looked at \(candidates)"])
        }
        return found
    }

    /// Runs the binary; `environment` adds to (or replaces) the fixed environment (`SHOUHU_PASSWORD`…).
    func shouhu(_ args: [String], in dir: URL, lang: String = "zh", environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try Self.binary())
        process.arguments = args
        process.environment = ["HOME": dir.path, "XDG_DATA_HOME": dir.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                               "SWIFT_BACKTRACE": "enable=no", "SHOUHU_TODAY": today.description, "SHOUHU_LANG": lang,
                               "USER": "tester"].merging(environment) { $1 }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a full pipe never blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errData = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData.data = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData.data, as: UTF8.self))
    }

    @Test func messyImportReportsRowsButNoPersonalData() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("花名册.csv")
        try gb18030(MessyRoster.text(newline: "\r\n")).write(to: file)
        let db = dir.appendingPathComponent("s.sqlite").path
        let report = dir.appendingPathComponent("report.csv").path
        let r = try shouhu(["import", "children", file.path, "--db", db, "--report", report], in: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("读取 12 行，导入 5 名，重复 2 名，拒绝 5 行"))
        #expect(r.stderr.contains("第 6 行，身份证号："))
        #expect(r.stderr.contains("第 7 行，监护人电话：应为 11 位手机号或带区号的固话"))
        #expect(r.stderr.contains("第 11 行，性别：无法识别“未知”"))
        #expect(r.stderr.contains("第 12 行，姓名：必填"))
        #expect(r.stderr.contains("第 16 行，就读学校：必填"))
        #expect(r.stderr.contains("第 8 行，身份证号：身份证号与第 3 行重复"))
        #expect(r.stderr.contains("未识别的列“填表人”，已忽略"))
        for secret in ["王小明", "赵强", "孙丽", "周杰", "郑红", "王国福", "13912345678", "1391234", MessyRoster.id1, MessyRoster.id2] {
            #expect(!r.stderr.contains(secret) && !r.stdout.contains(secret), "\(secret) printed")
        }
        // The report holds every note, with names, readable by the owner only.
        let reportText = String(decoding: try Data(contentsOf: URL(fileURLWithPath: report)).dropFirst(3), as: UTF8.self)
        let lines = reportText.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 1 + 5 + 2 + 1, "header, unknown column, 5 rejects, 2 duplicates, 1 warning: \(lines)")
        #expect(lines.first == "行号,结果,列,原因,姓名")
        #expect(reportText.contains("7,拒绝,监护人电话,应为 11 位手机号或带区号的固话,孙丽"))
        #expect(reportText.contains(",忽略的列,填表人,"))
        #expect(reportText.contains("\r\n13,提醒,"))
        #expect(reportText.contains("\r\n8,重复,身份证号,身份证号与第 3 行重复,"))
        let mode = try FileManager.default.attributesOfItem(atPath: report)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        #expect(try AppDatabase.open(path: db).count("child") == 5)

        // Again: nothing added; rows still rejected, so nothing could be imported: exit 1.
        let again = try shouhu(["import", "children", file.path, "--db", db], in: dir)
        #expect(again.status == 1)
        #expect(again.stdout.contains("导入 0 名，重复 7 名，拒绝 5 行"))
        #expect(try AppDatabase.open(path: db).count("child") == 5)
    }

    @Test func strictRefusesWithExitStatus2AndDryRunChangesNothing() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("roster.csv")
        try utf8BOM(MessyRoster.text(newline: "\r\n")).write(to: file)
        let db = dir.appendingPathComponent("s.sqlite").path
        let strict = try shouhu(["import", "children", file.path, "--db", db, "--strict"], in: dir)
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("严格模式：有 5 行被拒绝，未导入任何数据"))
        let dry = try shouhu(["import", "children", file.path, "--db", db, "--dry-run", "--lang", "en"], in: dir)
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("read 12 rows, imported 5, duplicates 2, rejected 5"))
        #expect(dry.stdout.contains("dry run: the database was not changed"))
        #expect(try AppDatabase.open(path: db).count("child") == 0)
    }

    @Test func aBinaryFileIsNotCSV() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("photo.csv")
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x0A]).write(to: file)
        let db = dir.appendingPathComponent("s.sqlite").path
        let r = try shouhu(["import", "children", file.path, "--db", db], in: dir)
        #expect(r.status == 1)
        #expect(r.stderr.contains("文件不是可读的 CSV："))
        #expect(r.stdout.isEmpty)
        let xlsx = dir.appendingPathComponent("名册.xlsx")
        try (Data([0x50, 0x4B, 0x03, 0x04]) + Data("[Content_Types].xml\n".utf8)).write(to: xlsx)
        let w = try shouhu(["import", "children", xlsx.path, "--db", db], in: dir)
        #expect(w.status == 1)
        #expect(w.stderr.contains("xlsx"))
        let missing = try shouhu(["import", "children", dir.appendingPathComponent("nope.csv").path, "--db", db], in: dir)
        #expect(missing.status == 1)
        let noName = dir.appendingPathComponent("other.csv")
        try Data("日期,金额\n2026-01-01,100\n".utf8).write(to: noName)
        let n = try shouhu(["import", "children", noName.path, "--db", db], in: dir)
        #expect(n.status == 1)
        #expect(n.stderr.contains("找不到“姓名”列"))
    }

    @Test func exportImportExportThroughTheBinary() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = dir.appendingPathComponent("demo.sqlite").path
        try AppDatabase.open(path: source).fillDemo(DemoOptions(children: 1200, seed: 3, referenceDate: today))
        let a = dir.appendingPathComponent("a.csv").path, b = dir.appendingPathComponent("b.csv").path
        let e1 = try shouhu(["export", "children", "--db", source, "--out", a, "--include-archived"], in: dir)
        #expect(e1.status == 0)
        #expect(e1.stderr.contains("已导出 1200 名儿童到 \(a)"))
        let mode = try FileManager.default.attributesOfItem(atPath: a)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let target = dir.appendingPathComponent("empty.sqlite").path
        let i = try shouhu(["import", "children", a, "--db", target], in: dir)
        #expect(i.status == 0, "\(i.stderr.suffix(500))")
        #expect(i.stdout.contains("读取 1200 行，导入 1200 名，重复 0 名，拒绝 0 行"))
        // 1200 rows: a progress bar on standard error, redrawn in place, ending complete.
        #expect(i.stderr.contains("\r") && i.stderr.contains("█") && i.stderr.hasSuffix("100% 1200/1200\n"))
        let e2 = try shouhu(["export", "children", "--db", target, "--out", b, "--include-archived"], in: dir)
        #expect(e2.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        // Re-running the clean import adds nothing and succeeds.
        let again = try shouhu(["import", "children", a, "--db", target], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("导入 0 名，重复 1200 名，拒绝 0 行"))
        // JSON to standard output.
        let json = try shouhu(["export", "children", "--db", target, "--format", "json"], in: dir)
        #expect(json.status == 0)
        let array = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [Any]
        #expect(array?.count == (try AppDatabase.open(path: target).rosterSummary().activeChildren))
    }

    @Test func exportNeedsAnExistingDatabase() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try shouhu(["export", "children", "--db", dir.appendingPathComponent("none.sqlite").path], in: dir)
        #expect(r.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("none.sqlite").path))
    }

    /// A file an older Shouhu wrote is upgraded on opening, with one line saying so (in the
    /// user's language); an up-to-date file opens silently, and the records are all there.
    @Test func anOlderFileIsUpgradedWithANotice() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        do {
            let old = try AppDatabase(DatabaseQueue(path: path, configuration: AppDatabase.configuration()), migratingUpTo: "v9-consent")
            try old.fillDemo(DemoOptions(children: 30, seed: 2, referenceDate: today))
        }
        let first = try shouhu(["export", "children", "--db", path, "--format", "json"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("正在升级数据库文件"))
        #expect(try (JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [Any])?.count == 30)
        let again = try shouhu(["export", "children", "--db", path, "--format", "json"], in: dir, lang: "en")
        #expect(again.status == 0)
        #expect(!again.stderr.contains("Upgrading") && !again.stderr.contains("升级"))
        let other = dir.appendingPathComponent("old2.sqlite").path
        do {
            let old = try AppDatabase(DatabaseQueue(path: other, configuration: AppDatabase.configuration()), migratingUpTo: "v9-consent")
            try old.fillDemo(DemoOptions(children: 3, seed: 2, referenceDate: today))
        }
        let english = try shouhu(["export", "children", "--db", other, "--format", "json"], in: dir, lang: "en")
        #expect(english.stderr.contains("Upgrading the database file"))
    }

}
