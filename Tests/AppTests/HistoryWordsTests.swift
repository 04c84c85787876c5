import Domain
import Foundation
import Storage
import Testing
import TerminalUI
@testable import App

/// A child's change history reads in the user's words: choices, yes/no and archiving are stored as
/// codes (`male`, `1`, `archived:turned_16`) and shown as the form and the file show them.
struct HistoryWordsTests {
    func describe(_ field: String, _ old: String?, _ new: String?, _ language: Language) throws -> String {
        let state = AppState(size: Size(width: 100, height: 30), today: fixedToday, strings: try Strings.load(language))
        return DetailView.describe(HistoryEntry(at: "2026-11-23T10:00:00+08:00", actor: "王老师", field: field, old: old, new: new), state)
    }

    @Test func codesAreShownAsWords() throws {
        let cases: [(String, String?, String?, String, String)] = [
            ("sex", "male", "female", "性别：男 → 女", "Sex: M → F"),
            ("left_behind_type", "both_away", "father_away", "父母均外出", "both → father"),
            ("guardian_relation", nil, "paternal_grandmother", "奶奶", "grandma (father's side)"),
            ("hardship", "0", "1", "否 → 是", "no → yes"),
            ("status", "active", "archived:turned_16", "档案状态：在册 → 已归档（年满16周岁）", "Status: "),
            ("status", "archived", "active", "已归档 → 在册", "Status: "),
        ]
        for (field, old, new, zh, en) in cases {
            let z = try describe(field, old, new, .zhHans), e = try describe(field, old, new, .en)
            #expect(z.contains(zh), "\(z)")
            #expect(e.contains(en), "\(e)")
            for code in [old, new].compactMap({ $0 }) where code.count > 1 {
                #expect(!z.contains(code), "\(z) shows the code \(code)")
            }
        }
    }

    /// How a file came and who made it read as words, not the stored `form` / `sweep` / `import:` / `local`.
    @Test func aNewFilesSourceAndTheComputerReadAsWords() throws {
        let cases: [(String, String, String)] = [
            ("form", "建档（表单录入）", "file created (entered in the form)"),
            ("sweep", "建档（入户登记）", "file created (household sweep)"),
            ("import:花名册.csv", "建档（导入：花名册.csv）", "file created (imported from 花名册.csv)"),
        ]
        for (source, zh, en) in cases {
            #expect(try describe("created", nil, source, .zhHans).hasPrefix(zh))
            #expect(try describe("created", nil, source, .en).hasPrefix(en))
        }
        let zh = try Strings.load(.zhHans)
        #expect(DetailView.by("local", zh) == "操作：本机（免登录）")
        #expect(DetailView.by("王老师", zh) == "操作：王老师")
    }

    @Test func numbersStayMaskedUntilRevealed() throws {
        let z = try describe("guardian_phone", "13912340824", "13800001111", .zhHans)
        #expect(z.contains("139****0824") && !z.contains("13912340824"), "\(z)")
    }
}
