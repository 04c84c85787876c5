import Domain
import Foundation
import Interchange
import Scheduling
import ShouhuResources
import TestSupport
import Testing

@Suite("Obligation rules file")
struct RulesReaderTests {
    @Test func theShippedFileIsTheFiveOnes() throws {
        let url = try #require(ShouhuResources.rulesURL)
        let rules = try RulesReader.read(contentsOf: url)
        #expect(rules == ObligationRules.fiveOnes)
    }

    @Test func everyExampleOfTheIssueIsExpressible() throws {
        let rules = try RulesReader.read(yaml: """
            min_days: 30
            rules:
              - {id: teacher-talk, name: 班主任谈心, name_en: Class teacher talk, kind: talk, pair_role: class_teacher, period: month, min_days: 14}
              - {id: call, name: 亲情电话, kind: 电话, period: month}
              - {id: visit-quarter, name: 每季家访, kind: visit, period: quarter}
              - id: visit-early
                name: 开学六周内家访
                kind: 走访
                within_days: 42
                pair_role: [primary, student_helper]
                count: 2
              - {id: weekly, name: 每周电话, kind: call, period: week}
            """)
        #expect(rules.rules.map(\.period) == [.month, .month, .quarter, .semester, .week])
        #expect(rules.rules[0].pairRoles == [.classTeacher] && rules.rules[0].minDays == 14 && rules.rules[0].nameEn == "Class teacher talk")
        #expect(rules.rules[1].kind == .call && rules.rules[1].nameEn == "亲情电话")
        #expect(rules.rules[3].withinDays == 42 && rules.rules[3].count == 2 && rules.rules[3].pairRoles == [.primary, .studentHelper])
    }

    @Test func problemsAreNamedByLineAndColumn() throws {
        let yaml = Fixtures.faultyRulesYAML
        let error = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: yaml) }
        let byLine = Dictionary(grouping: error.problems, by: \.line).mapValues { $0.map(\.message) }
        #expect(byLine[1]?.first?.contains("min_days") == true)
        #expect(byLine[5]?.first?.contains("unknown kind 'party'") == true)
        #expect(byLine[6]?.first?.contains("unknown period 'fortnight'") == true)
        #expect(byLine[7]?.first?.contains("already used by the rule at line 3") == true)
        #expect(byLine[10]?.first?.contains("unknown key 'colour'") == true)
        #expect(byLine[11]?.first?.contains("needs an id") == true)
        #expect(byLine[13]?.first?.contains("count") == true)
        #expect(byLine[14]?.first?.contains("unknown pair_role 'uncle'") == true)
        #expect(byLine[15]?.first?.contains("unknown key 'extra'") == true)
        #expect(error.problems.map(\.line) == error.problems.map(\.line).sorted())
    }

    @Test func syntaxErrorsAndEmptyFiles() throws {
        let syntax = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: "rules:\n  - id: a\n   kind: [\n") }
        #expect(syntax.problems.first?.message.contains("YAML syntax") == true)
        let empty = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: "") }
        #expect(empty.problems.first?.message.contains("empty") == true)
        let none = try #require(throws: TemplateReadError.self) { try RulesReader.read(yaml: "min_days: 30\nrules: []\n") }
        #expect(none.problems.first?.message.contains("empty") == true)
    }
}
