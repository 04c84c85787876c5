import Domain
import Scheduling
import Foundation
import Interchange
import Storage
import Testing
@testable import App

@Suite("String catalogs and key table")
struct CatalogTests {
    static func enumKeys() -> Set<String> {
        var keys = Set<String>()
        keys.formUnion(Sex.allCases.map { "sex." + $0.rawValue })
        keys.formUnion(LeftBehindType.allCases.map { "type." + $0.rawValue })
        keys.formUnion(GuardianRelation.allCases.map { "relation." + $0.rawValue })
        keys.formUnion(ChildStatus.allCases.map { "status." + $0.rawValue })
        keys.formUnion(ArchiveReason.allCases.map { "archive." + $0.rawValue })
        keys.formUnion(ChildField.allCases.map { "cf." + $0.rawValue })
        keys.formUnion(FilterPanel.Row.allCases.map { "filter." + $0.rawValue })
        keys.formUnion(RosterFilter.AgeBand.allCases.map { "age." + $0.rawValue })
        keys.formUnion(RosterFilter.Archive.allCases.map { "archive_filter." + $0.rawValue })
        keys.formUnion(RosterSort.allCases.map { "sort." + $0.rawValue })
        keys.formUnion(MentorRole.allCases.map { "mrole." + $0.rawValue })
        keys.formUnion(PairRole.allCases.map { "prole." + $0.rawValue })
        keys.formUnion(PairingEndReason.allCases.map { "pend." + $0.rawValue })
        keys.formUnion(MentorField.allCases.map { "mf." + $0.rawValue })
        keys.formUnion((1...7).map { "weekday.\($0)" })
        keys.formUnion(ActivityField.allCases.map { "af." + $0.rawValue })
        keys.formUnion(ActivityCategory.allCases.map { "acat." + $0.rawValue })
        keys.formUnion(RepeatChoice.allCases.map { "arep." + $0.rawValue })
        keys.formUnion(SemesterField.allCases.map { "sf." + $0.rawValue })
        keys.formUnion(ContactKind.allCases.map { "ckind." + $0.rawValue })
        keys.formUnion(PeriodUnit.allCases.map { "punit." + $0.rawValue })
        keys.formUnion(ObligationState.allCases.map { "ostate." + $0.rawValue })
        keys.formUnion(NotOwedReason.allCases.map { "noreason." + $0.rawValue })
        keys.formUnion(Concern.allCases.map { "concern." + $0.rawValue })
        keys.formUnion(ContactField.allCases.map { "ctf." + $0.rawValue })
        keys.formUnion(ObligationSort.allCases.map { "osort." + $0.rawValue })
        keys.formUnion(CareGroup.allCases.map { "care." + $0.rawValue })
        keys.formUnion(UserRole.allCases.map { "urole." + $0.rawValue })
        keys.formUnion(StorageRefusal.Constraint.allCases.map { "constraint." + $0.rawValue })
        keys.formUnion(TemplateProblem.Syntax.allCases.map { "yamlsyntax." + $0.rawValue })
        keys.formUnion(CommunitySetting.allCases.map { "setting." + $0.rawValue })
        return keys
    }

    @Test(arguments: Language.allCases)
    func catalogHasExactlyTheKeys(language: Language) throws {
        let strings = try Strings.load(language)
        let expected = Set(StringKey.allCases.map(\.rawValue)).union(Self.enumKeys())
        #expect(strings.keys.subtracting(expected).isEmpty, "unused keys: \(strings.keys.subtracting(expected).sorted())")
        #expect(expected.subtracting(strings.keys).isEmpty, "missing keys: \(expected.subtracting(strings.keys).sorted())")
        for key in StringKey.allCases { #expect(!strings[key].isEmpty) }
    }

    @Test func formatting() throws {
        let zh = try Strings.load(.zhHans)
        #expect(zh.format(.position, 3, 290) == "第 3 / 290 名")
        #expect(zh.label("relation", GuardianRelation.paternalGrandmother) == "奶奶")
        #expect(Language(code: "en_US.UTF-8") == .en)
        #expect(Language(code: "zh_CN") == .zhHans)
        #expect(Language(code: "fr") == nil)
    }

    @Test func noKeyIsBoundTwiceInOneContext() {
        for context in KeyContext.allCases {
            let keys = Keymap.bindings(in: context).flatMap(\.keys)
            #expect(Set(keys).count == keys.count, "duplicate key in \(context)")
        }
    }

    @Test func everyActionHasAKey() {
        let bound = Set(Keymap.bindings.map(\.action))
        #expect(bound == Set(Action.allCases))
    }

    @Test func helpListsEveryBinding() throws {
        let state = AppState(size: .init(width: 80, height: 24), today: fixedToday, strings: try Strings.load(.zhHans))
        #expect(Set(HelpView.order) == Set(KeyContext.allCases))
        let lines = HelpView.lines(state)
        #expect(lines.filter { $0.keyColumn != nil }.count == Keymap.bindings.count)
    }
}

@Suite("README")
struct ReadmeTests {
    @Test func keysSectionMatchesTheKeyTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("README.md")
        let text = try String(contentsOf: readme, encoding: .utf8)
        let table = HelpView.markdown(try Strings.load(.en))
        #expect(text.contains(table), "README's key table is out of date: run `shouhu keys --lang en` and paste it")
    }
}
