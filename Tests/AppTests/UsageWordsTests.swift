import Foundation
import TestSupport
import Testing
@testable import App

/// ArgumentParser's usage messages (1.8's shapes) worded in the user's language (UsageWords.swift).
@Suite("Usage errors in the user's language")
struct UsageWordsTests {
    static let zh = try! Strings.load(.zhHans)
    static let en = try! Strings.load(.en)

    /// A message of ArgumentParser, its Chinese wording, and its English one (nil: as ArgumentParser says it).
    static let shapes: [(message: String, zh: String, en: String?)] = [
        ("Unknown option '--semester'", "没有“--semester”这个选项", nil),
        ("Unknown option '--seed'. Did you mean '--see'?", "没有“--seed”这个选项，是不是要写“--see”？", nil),
        ("Unknown option '-q'", "没有“-q”这个选项", nil),
        ("Missing value for '--db <db>'", "“--db <db>”后面缺少值", nil),
        ("The option '--demo' does not take any value, but 'yes' was specified.", "“--demo”不带值，却给了“yes”", nil),
        ("Unexpected argument 'extra'", "多余的参数“extra”", nil),
        ("2 unexpected arguments: 'a b', 'c'", "多余的参数（2 个）：“a b”、“c”", nil),
        ("Missing expected argument '<file>'", "缺少参数“<file>”", nil),
        ("Missing one of: '--csv', '--json'", "缺少参数，需要其中之一：“--csv”、“--json”", nil),
        ("The value 'xml' is invalid for '--format <format>'. Please provide one of 'csv' and 'json'.",
         "“--format <format>”的值“xml”无效；可选：“csv”、“json”",
         "The value 'xml' is invalid for '--format <format>'. Please provide one of 'csv', 'json'."),
        ("The value 'x' is invalid for '--template <template>'. Please provide one of 'a', 'b' or 'c'.",
         "“--template <template>”的值“x”无效；可选：“a”、“b”、“c”",
         "The value 'x' is invalid for '--template <template>'. Please provide one of 'a', 'b', 'c'."),
        ("The value 'x' is invalid for '--role <role>'. Please provide one of the following:\n  - a\n  - b\n  - c\n  - d\n  - e\n  - f",
         "“--role <role>”的值“x”无效；可选：“a”、“b”、“c”、“d”、“e”、“f”",
         "The value 'x' is invalid for '--role <role>'. Please provide one of 'a', 'b', 'c', 'd', 'e', 'f'."),
        ("The value 'x' is invalid for '<capacity>'", "“<capacity>”的值“x”无效", nil),
        ("The value 'x' is invalid for '--year <year>'", "“--year <year>”的值“x”无效", nil),
        ("The value 'x' is invalid.", "值“x”无效", nil),
        ("Invalid option: ---", "无效的选项“---”", nil),
        ("Missing required subcommand.", "缺少子命令", nil),
    ]

    @Test func everyShapeIsWordedInChineseWithTheUsersTextKept() {
        for s in Self.shapes {
            let zh = UsageWords.line(s.message, Self.zh)
            #expect(zh == s.zh, "\(s.message)")
            #expect(englishWords(inChinese: zh).isEmpty, "English in “\(zh)”")
            #expect(!zh.hasPrefix(Self.zh.format(.usageNotUnderstood, "")), "a known shape fell through: \(s.message)")
        }
    }

    @Test func everyShapeStaysEnglishInEnglish() {
        for s in Self.shapes {
            #expect(UsageWords.line(s.message, Self.en) == (s.en ?? s.message))
        }
    }

    @Test func anUnknownMessageIsKeptWhole() {
        let odd = "Value to be set with flag '-v' had already been set with flag '-v'"
        #expect(UsageWords.line(odd, Self.zh) == "命令有误：" + odd)
        #expect(UsageWords.line(odd, Self.en) == odd)
        // Two lines (an unknown composite option): no shape takes half of it.
        let composite = "Unknown option '-xy'\n   or: Missing value for '-x' in '-xy'"
        #expect(UsageWords.line(composite, Self.zh) == "命令有误：" + composite)
        #expect(UsageWords.line("", Self.zh) == "命令有误：")
    }

    @Test func ourOwnWordedMessagesAreKeptAsTheyAre() {
        let zh = UsageWords.worded(.cliBadDate, Self.zh, ["--today", "2026x", "2026-11-23"])
        #expect(zh == "选项“--today”的值“2026x”不是日期；请写成“2026-11-23”这样")
        #expect(UsageWords.line(zh, Self.zh) == zh)
        let en = UsageWords.worded(.usageToBeforeFrom, Self.en, [])
        #expect(UsageWords.line(en, Self.en) == "--to is before --from")
    }

    @Test func theFullTextHasAChineseFirstLineThenTheUsage() {
        let full = """
        Error: The value 'x' is invalid for '<capacity>'
        Help:  <capacity>  Its new capacity (0–999).
        Usage: shouhu capacity [--db <db>] [<role>] [<capacity>]
          See 'shouhu capacity --help' for more information.
        """
        let zh = UsageWords.text(message: "The value 'x' is invalid for '<capacity>'", fullText: full, Self.zh)
        #expect(zh.components(separatedBy: "\n") == [
            "错误：“<capacity>”的值“x”无效",
            "说明：<capacity>  Its new capacity (0–999).",
            "Usage: shouhu capacity [--db <db>] [<role>] [<capacity>]",
            "  运行“shouhu capacity --help”查看用法。",
        ])
        #expect(UsageWords.text(message: "The value 'x' is invalid for '<capacity>'", fullText: full, Self.en) == full)
    }

    @Test func aMessageWithoutUsageIsOneLine() {
        #expect(UsageWords.text(message: "Missing required subcommand.", fullText: "Error: Missing required subcommand.", Self.zh)
            == "错误：缺少子命令")
    }
}
