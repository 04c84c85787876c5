import Domain
import Foundation
import TestSupport
import XCTest

/// A mistyped command is told in the user's language: `错误：…` (names and values as typed), then
/// ArgumentParser's usage line and a hint at `--help`; status 64 as ArgumentParser gives it.
/// English stays ArgumentParser's English. `--help` is untouched.
final class UsageErrorEndToEndTests: EndToEndTestCase {
    /// Runs `args` in Chinese (the default) and with `--lang en`: both refused with `status`, the
    /// Chinese first line is `zh` (no English word outside the quoted text the user typed), the
    /// English first line is `en`, with no Chinese anywhere.
    @discardableResult
    private func assertRefused(_ args: [String], status: Int32 = 64, zh: String, en: String,
                               file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let chinese = try runShouhu(args)
        XCTAssertEqual(chinese.status, status, chinese.stderr, file: file, line: line)
        XCTAssertEqual(chinese.stdout, "", file: file, line: line)
        let lines = chinese.stderr.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, zh, file: file, line: line)
        XCTAssertTrue(lines[0].hasPrefix("错误："), chinese.stderr, file: file, line: line)
        XCTAssertEqual(englishWords(inChinese: lines[0]), [], "no English in: \(lines[0])", file: file, line: line)
        XCTAssertFalse(chinese.stderr.contains("Error:"), chinese.stderr, file: file, line: line)
        XCTAssertFalse(chinese.stderr.contains("for more information"), chinese.stderr, file: file, line: line)

        let english = try runShouhu(args + ["--lang", "en"])
        XCTAssertEqual(english.status, status, english.stderr, file: file, line: line)
        XCTAssertEqual(english.stderr.components(separatedBy: "\n").first, en, file: file, line: line)
        XCTAssertNil(english.stderr.range(of: "\\p{Han}", options: .regularExpression), english.stderr, file: file, line: line)
        return lines
    }

    func testUnknownOption() throws {
        let lines = try assertRefused(["report", "--semester", "2026x"], zh: "错误：没有“--semester”这个选项",
                                      en: "Error: Unknown option '--semester'")
        XCTAssertTrue(lines[1].hasPrefix("Usage: shouhu report "), lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains("  运行“shouhu report --help”查看用法。"), lines.joined(separator: "\n"))
    }

    func testMissingArgument() throws {
        try assertRefused(["import", "children"], zh: "错误：缺少参数“<file>”", en: "Error: Missing expected argument '<file>'")
    }

    func testInvalidValueNamesTheChoices() throws {
        try assertRefused(["export", "children", "--format", "xml"],
                          zh: "错误：“--format <format>”的值“xml”无效；可选：“csv”、“json”",
                          en: "Error: The value 'xml' is invalid for '--format <format>'. Please provide one of 'csv', 'json'.")
        try assertRefused(["calendar", "festivals", "--year", "next"], zh: "错误：“--year <year>”的值“next”无效",
                          en: "Error: The value 'next' is invalid for '--year <year>'")
    }

    func testMissingValue() throws {
        try assertRefused(["keys", "--db"], zh: "错误：“--db <db>”后面缺少值", en: "Error: Missing value for '--db <db>'")
    }

    func testUnexpectedArgument() throws {
        try assertRefused(["keys", "extra"], zh: "错误：多余的参数“extra”", en: "Error: Unexpected argument 'extra'")
    }

    func testInvalidCapacity() throws {
        let db = path("capacity.sqlite")
        try assertRefused(["capacity", "--db", db, "volunteer", "x"], zh: "错误：可结对人数要写 0 到 999 之间的整数，不是“x”",
                          en: "Error: capacity must be a whole number between 0 and 999, not 'x'")
        try assertRefused(["capacity", "--db", db, "volunteer", "5000"], zh: "错误：可结对人数要写 0 到 999 之间的整数，不是“5000”",
                          en: "Error: capacity must be a whole number between 0 and 999, not '5000'")
        try assertRefused(["capacity", "--db", db, "volunteer"], zh: "错误：角色后面要写新的可结对人数",
                          en: "Error: give the new capacity after the role")
        XCTAssertFalse(FileManager.default.fileExists(atPath: db), "a refused command opens no database")
    }

    func testUnknownRoleListsTheRolesWithTheirNames() throws {
        let zhRoles = MentorRole.allCases.map { "“\($0.rawValue)”（\(Catalog.zh.text("mrole." + $0.rawValue))）" }
        let enRoles = MentorRole.allCases.map { "\($0.rawValue) (\(Catalog.en.text("mrole." + $0.rawValue)))" }
        XCTAssertTrue(zhRoles.contains("“caring_mother”（爱心妈妈）"), "\(zhRoles)")
        let lines = try assertRefused(["capacity", "frob", "3"],
                                      zh: "错误：没有“frob”这个角色；可用的角色：" + zhRoles.joined(separator: "、"),
                                      en: "Error: unknown role 'frob'; roles: " + enRoles.joined(separator: ", "))
        XCTAssertTrue(lines[1].hasPrefix("Usage: shouhu capacity "), lines.joined(separator: "\n"))
    }

    func testCommandsOwnValidationErrors() throws {
        try assertRefused(["purge", "--export-to", path("out.csv")], zh: "错误：请加上“--archived”：只有已归档的档案才会清除",
                          en: "Error: say --archived: only archived files are purged")
        try assertRefused(["report", "--today", "2026x"], zh: "错误：选项“--today”的值“2026x”不是日期；请写成“2026-11-23”这样",
                          en: "Error: --today '2026x' is not a date like 2026-11-23")
        try assertRefused(["export", "contacts", "--from", "2026-10-01", "--to", "2026-09-01"], zh: "错误：“--to”的日期早于“--from”",
                          en: "Error: --to is before --from")
    }

    func testUnknownLanguageIsToldInChinese() throws {
        for args in [["keys", "--lang", "fr"], ["keys", "--lang=fr"]] {
            let r = try runShouhu(args)
            XCTAssertEqual(r.status, 64, r.stderr)
            XCTAssertEqual(r.stderr.components(separatedBy: "\n").first, "错误：不认识的语言“fr”；请用“zh”（中文）或“en”（英文）")
        }
        let fromEnvironment = try runShouhu(["keys"], env: ["SHOUHU_LANG": "fr"])
        XCTAssertEqual(fromEnvironment.status, 64, fromEnvironment.stderr)
        XCTAssertTrue(fromEnvironment.stderr.hasPrefix("错误：不认识的语言“fr”"), fromEnvironment.stderr)
        // SHOUHU_LANG=en is English even when parsing failed.
        let english = try runShouhu(["keys", "--bogus"], env: ["SHOUHU_LANG": "en"])
        XCTAssertEqual(english.status, 64, english.stderr)
        XCTAssertTrue(english.stderr.hasPrefix("Error: Unknown option '--bogus'\nUsage: shouhu keys"), english.stderr)
    }

    func testHelpIsUnchanged() throws {
        for args in [["--help"], ["report", "--help"], ["capacity", "-h"], ["help", "capacity"], ["report", "--help", "--lang", "en"]] {
            let r = try runShouhu(args)
            XCTAssertEqual(r.status, 0, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stdout.contains("USAGE: shouhu"), "\(args): \(r.stdout)")
            XCTAssertEqual(r.stderr, "", "\(args)")
        }
    }
}
