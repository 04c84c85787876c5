import Foundation
import GRDB
import Storage
import TestSupport
import XCTest

/// Faults of the machine, each met with one plain line on standard error, a non-zero status and no
/// damage: a database in a missing or read-only directory, a full disk (a small tmpfs when the
/// tests run as root, and a file-size limit everywhere), a damaged database, one from a newer
/// version, a locale that is not UTF-8, files that are not CSV. (An unknown TERM and a terminal
/// below 80×24 are in `TerminalLifecycleEndToEndTests`.)
final class FaultEndToEndTests: EndToEndTestCase {
    let zh = Catalog.zh

    /// Asserts the run failed with status 1 and exactly one line on standard error holding `text`
    /// (and no trace).
    func assertOneLine(_ r: ProcessRunner.Result, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.status, 1, "status (stderr: \(r.stderr))", file: file, line: line)
        let lines = r.errors.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, "one line expected:\n\(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.errors.contains(text), "“\(text)” expected in:\n\(r.stderr)", file: file, line: line)
        for trace in ["Fatal error", "Backtrace", "SQLite error", "Stack dump", "Usage:"] {
            XCTAssertFalse(r.stderr.contains(trace), "no trace expected:\n\(r.stderr)", file: file, line: line)
        }
    }

    /// The bytes of a file, to show it unchanged.
    func digest(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// Runs a command line with `/bin/sh` (for `ulimit`), in the test's environment.
    func runShell(_ script: String) throws -> ProcessRunner.Result {
        try ProcessRunner.run(executable: "/bin/sh", arguments: ["-c", script], environment: shouhuEnvironment(), timeout: 120)
    }

    /// A tmpfs of `size` mounted at a fresh directory for this test, or nil when this machine does
    /// not allow it (not root, or no mount privilege). Unmounted when the test ends.
    func mountTmpfs(_ name: String, size: String, readOnly: Bool = false) throws -> String? {
        guard geteuid() == 0 else { return nil }
        let dir = path(name)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let options = "size=\(size),mode=0700" + (readOnly ? ",ro" : "")
        let r = try ProcessRunner.run(executable: "/bin/mount", arguments: ["-t", "tmpfs", "-o", options, "tmpfs", dir],
                                      environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"], timeout: 10)
        guard r.status == 0 else { return nil }
        addTeardownBlock { _ = try? ProcessRunner.run(executable: "/bin/umount", arguments: ["-l", dir], environment: [:], timeout: 10) }
        return dir
    }

    func remount(_ dir: String, _ mode: String) throws {
        let r = try ProcessRunner.run(executable: "/bin/mount", arguments: ["-o", "remount,\(mode)", dir],
                                      environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin"], timeout: 10)
        XCTAssertEqual(r.status, 0, r.stderr)
    }

    /// Fills the file system holding `dir` (a tmpfs) up to `leaving` bytes.
    func fill(_ dir: String, leaving: Int) throws {
        let filler = dir + "/filler"
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        let chunk = Data(repeating: 0x55, count: 16_384)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try handle.close()
        if leaving > 0 {
            let size = (try FileManager.default.attributesOfItem(atPath: filler)[.size] as? NSNumber)?.intValue ?? 0
            truncate(filler, off_t(max(0, size - leaving)))
        }
    }

    func rosterCSV(rows: Int) throws -> String {
        var text = "姓名,性别,家庭住址\n"
        for i in 0..<rows { text += "故障测试\(i),\(i % 2 == 0 ? "男" : "女"),测试村\(i)号\n" }
        let file = path("名册-\(rows).csv")
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    // MARK: Where the database lives

    func testDatabaseInAMissingOrReadOnlyDirectory() throws {
        // A directory that cannot be created: its parent is a file.
        FileManager.default.createFile(atPath: path("a-file"), contents: Data("x".utf8))
        let blocked = try runShouhu(["capacity", "--db", path("a-file/sub/shouhu.sqlite")])
        assertOneLine(blocked, zh.text("fault.directory", path("a-file/sub")))

        // A read-only directory: a read-only mount as root (root ignores permissions), else mode 0555.
        let readOnly: String
        if geteuid() == 0 {
            guard let dir = try mountTmpfs("ro", size: "1m", readOnly: true) else { throw XCTSkip("cannot mount a read-only tmpfs") }
            readOnly = dir
        } else {
            readOnly = path("ro")
            try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
            chmod(readOnly, 0o555)
            addTeardownBlock { chmod(readOnly, 0o700) }
        }
        assertOneLine(try runShouhu(["capacity", "--db", readOnly + "/shouhu.sqlite"]), zh.text("fault.directory", readOnly))
        assertOneLine(try runShouhu(["--db", readOnly + "/new/shouhu.sqlite"]), zh.text("fault.directory", readOnly + "/new"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: readOnly), [], "nothing created")
    }

    /// A database whose directory became read-only after it was made (a remounted disk): writes and
    /// reads are refused in one line; once writable again everything is as it was.
    func testDatabaseOnAReadOnlyMount() throws {
        guard let dir = try mountTmpfs("disk", size: "8m") else { throw XCTSkip("needs root to mount a tmpfs") }
        let db = try makeDemoDatabase(children: 50, name: "disk/shouhu.sqlite")
        let before = try digest(db)
        try remount(dir, "ro")
        let message = zh.text("fault.database", db, zh.text("fault.read_only"))
        let refused = try runShouhu(["capacity", "teacher", "9", "--db", db])
        assertOneLine(refused, message)
        XCTAssertEqual(englishWords(inChinese: refused.errors, data: [db]), [], "no English in: \(refused.errors)")
        let english = try runShouhu(["capacity", "teacher", "9", "--db", db, "--lang", "en"])
        assertOneLine(english, Catalog.en.text("fault.database", db, Catalog.en.text("fault.read_only")))
        XCTAssertTrue(english.errors.contains("read-only"), english.errors)
        assertOneLine(try runShouhu(["import", "children", try rosterCSV(rows: 10), "--db", db]), message)
        try remount(dir, "rw")
        XCTAssertEqual(try digest(db), before, "the file is unchanged")
        try withDatabase(db) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            XCTAssertEqual(try db.capacity(for: .teacher), 60)
        }
    }

    /// A restore onto a database whose disk became read-only is refused as that — not as a
    /// damaged backup — and leaves the database as it was.
    func testRestoreOntoAReadOnlyMountSaysSo() throws {
        guard let dir = try mountTmpfs("restore", size: "8m") else { throw XCTSkip("needs root to mount a tmpfs") }
        let db = try makeDemoDatabase(children: 30, name: "restore/shouhu.sqlite")
        let backup = path("backup.sqlite")
        let made = try runShouhu(["backup", backup, "--db", db])
        XCTAssertEqual(made.status, 0, made.errors)
        let before = try digest(db)
        try remount(dir, "ro")
        let refused = try runShouhu(["restore", backup, "--db", db])
        XCTAssertNotEqual(refused.status, 0)
        XCTAssertTrue(refused.errors.contains(zh.text("fault.read_only")), refused.errors)
        XCTAssertFalse(refused.errors.contains(zh.text("restore.integrity", "").prefix(6)), refused.errors)
        try remount(dir, "rw")
        XCTAssertEqual(try digest(db), before, "the database is unchanged")
    }

    // MARK: A full disk

    /// A tmpfs filled up: a small write, then an import that runs out of room halfway through its
    /// transaction. Each is refused in one line; nothing is half-written; with room again the same
    /// import succeeds.
    func testDiskFullDuringAWriteAndDuringAnImport() throws {
        guard let dir = try mountTmpfs("small", size: "16m") else { throw XCTSkip("needs root to mount a tmpfs") }
        let db = try makeDemoDatabase(children: 50, name: "small/shouhu.sqlite")
        let csv = try rosterCSV(rows: 5000)
        let children = try withDatabase(db) { try $0.rosterSummary().activeChildren }
        let message = zh.text("fault.database", db, zh.text("fault.disk_full"))

        try fill(dir, leaving: 0)
        assertOneLine(try runShouhu(["capacity", "teacher", "9", "--db", db]), message)
        try FileManager.default.removeItem(atPath: dir + "/filler")

        try fill(dir, leaving: 256 << 10)
        assertOneLine(try runShouhu(["import", "children", csv, "--db", db]), message)
        try FileManager.default.removeItem(atPath: dir + "/filler")

        try withDatabase(db) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            XCTAssertEqual(try db.rosterSummary().activeChildren, children, "no half import")
            XCTAssertEqual(try db.capacity(for: .teacher), 60)
        }
        let again = try runShouhu(["import", "children", csv, "--db", db])
        XCTAssertEqual(again.status, 0, again.errors)
        try withDatabase(db) { XCTAssertEqual(try $0.rosterSummary().activeChildren, children + 5000) }
    }

    /// The same with a file-size limit (`ulimit -f`, no root needed): the write past the limit fails
    /// with EFBIG instead of killing shouhu with SIGXFSZ.
    func testFileSizeLimitIsToldLikeAFullDisk() throws {
        let db = try makeDemoDatabase(children: 50)
        let csv = try rosterCSV(rows: 5000)
        let children = try withDatabase(db) { try $0.rosterSummary().activeChildren }
        // dash and POSIX count in 512-byte blocks: 512 KiB, far less than the import's log needs.
        let r = try runShell("ulimit -f 1024; exec \(shellQuote(binary.path)) import children \(shellQuote(csv)) --db \(shellQuote(db))")
        XCTAssertNotEqual(r.status, 128 + SIGXFSZ, "killed by SIGXFSZ")
        assertOneLine(r, zh.text("fault.database", db, zh.text("fault.disk_full")))
        try withDatabase(db) { db in
            XCTAssertEqual(try db.integrityCheck(), "ok")
            XCTAssertEqual(try db.rosterSummary().activeChildren, children)
        }
    }

    // MARK: Damaged and newer databases

    func testDamagedDatabaseIsRefusedAndLeftAsItIs() throws {
        let message = zh.text("fault.corrupt")
        // Not a database at all.
        let garbage = path("garbage.sqlite")
        var random = SeededRandom(seed: 9)
        try Data((0..<8192).map { _ in UInt8.random(in: 0...255, using: &random) }).write(to: URL(fileURLWithPath: garbage))
        let garbageDigest = try digest(garbage)
        assertOneLine(try runShouhu(["export", "children", "--db", garbage]), message)
        assertOneLine(try runShouhu(["--db", garbage]), message)
        XCTAssertEqual(try digest(garbage), garbageDigest)
        // A real database cut short (a copy interrupted, a failing disk).
        let db = try makeDemoDatabase(children: 300)
        let size = (try FileManager.default.attributesOfItem(atPath: db)[.size] as? NSNumber)!.intValue
        truncate(db, off_t(size * 4 / 10))
        let cutDigest = try digest(db)
        let r = try runShouhu(["export", "children", "--db", db])
        assertOneLine(r, message)
        XCTAssertTrue(r.stderr.contains("shouhu restore"), r.stderr)
        XCTAssertEqual(try digest(db), cutDigest, "the damaged file is left for a restore, unchanged")
    }

    func testDatabaseOfANewerVersionIsRefusedUnchanged() throws {
        let db = try makeDemoDatabase(children: 10)
        try DatabaseQueue(path: db).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        let before = try digest(db)
        let message = zh.text("fault.database", db, zh.text("fault.newer"))
        assertOneLine(try runShouhu(["capacity", "teacher", "9", "--db", db]), message)
        assertOneLine(try runShouhu(["--db", db]), message)
        let en = try runShouhu(["capacity", "--db", db, "--lang", "en"])
        assertOneLine(en, Catalog.en.text("fault.newer"))
        XCTAssertEqual(try digest(db), before)
    }

    // MARK: The terminal's locale

    func testLocaleThatIsNotUTF8IsToldBeforeAnythingIsTouched() throws {
        let db = path("locale.sqlite")
        let gbk = try runShouhu(["--db", db], env: ["LANG": "zh_CN.GBK", "TERM": "xterm-256color"])
        assertOneLine(gbk, zh.text("tui.locale_not_utf8", "zh_CN.GBK"))
        let latin = try runShouhu(["sweep", "--db", db, "--lang", "en"], env: ["LANG": nil, "LC_ALL": "en_US.ISO-8859-1"])
        assertOneLine(latin, Catalog.en.text("tui.locale_not_utf8", "en_US.ISO-8859-1"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "no database created")
        // Commands that only write files and plain C (say, an SSH session without a locale) still work:
        // the terminal interface then draws in UTF-8.
        XCTAssertEqual(try runShouhu(["capacity", "--db", db], env: ["LANG": "zh_CN.GBK"]).status, 0)
    }

    func testPlainCLocaleStillDrawsChinese() throws {
        let db = try makeDemoDatabase(children: 30)
        let total = try withDatabase(db) { try $0.rosterIDs().count }
        try startTUI(["--db", db], env: ["LANG": "C"])
        let screen = try waitFor(zh.text("roster.position", 1, total))
        XCTAssertFalse(RosterScreen.names(screen).isEmpty, screen)
        try send("q")
        XCTAssertEqual(try waitForExit(), 0)
    }

    // MARK: Files that are not CSV

    func testFilesThatAreNotCSVAreRefusedEarly() throws {
        let db = path("csv.sqlite")
        // Empty.
        let empty = path("empty.csv")
        FileManager.default.createFile(atPath: empty, contents: Data())
        for kind in ["children", "contacts"] {
            assertOneLine(try runShouhu(["import", kind, empty, "--db", db]), zh.text("import.nothing"))
        }
        // 2 GB of one line (sparse: nothing written but the first bytes), refused from its size under
        // a 600 MB memory limit — it is never read.
        let huge = path("huge.csv")
        try Data("姓名,".utf8).write(to: URL(fileURLWithPath: huge))
        XCTAssertEqual(truncate(huge, 2 << 30), 0)
        for kind in ["children", "mentors", "contacts"] {
            let r = try runShell("ulimit -v 600000; exec \(shellQuote(binary.path)) import \(kind) \(shellQuote(huge)) --db \(shellQuote(db))")
            assertOneLine(r, zh.text("import.not_csv", zh.text("import.not_csv.too_large", 2048, 512)))
        }
        // 3 MB of one line of text: refused at the first megabyte.
        let line = path("line.csv")
        try Data(repeating: UInt8(ascii: "a"), count: 3 << 20).write(to: URL(fileURLWithPath: line))
        let r = try runShell("ulimit -v 600000; exec \(shellQuote(binary.path)) import children \(shellQuote(line)) --db \(shellQuote(db))")
        assertOneLine(r, zh.text("import.not_csv", zh.text("import.not_csv.line_too_long", 1, 1)))
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "nothing opened, nothing created")
    }
}
