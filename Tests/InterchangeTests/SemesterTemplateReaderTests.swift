import Domain
import Foundation
import Scheduling
import ShouhuResources
import Testing
@testable import Interchange
@testable import Storage

private func day(_ s: String) -> LocalDate { LocalDate(parsing: s)! }

/// The problems a template is refused with, as `line: message`.
private func problems(_ yaml: String) -> [TemplateProblem] {
    do { _ = try SemesterTemplateReader.read(yaml: yaml) } catch let e as TemplateReadError { return e.problems } catch {
        return [TemplateProblem(line: 0, column: 0, reason: .syntax(.other, detail: "unexpected \(error)"))]
    }
    return []
}

@Suite("Semester plan templates (YAML)")
struct SemesterTemplateReaderTests {
    static func shipped() throws -> SemesterTemplate {
        let url = try #require(ShouhuResources.templateURL(name: "semester-plan.yaml"), "the default template ships in the bundle")
        return try SemesterTemplateReader.read(contentsOf: url)
    }

    @Test func theShippedPlanReadsAndFollowsTheSeedPlans() throws {
        let template = try Self.shipped()
        #expect(template.name == "留守儿童关爱工作行事历")
        let autumn = template.plan(for: Semester.standard(year: 2026, term: .autumn))
        func on(_ d: String) -> [String] { autumn.activities.filter { $0.activity.date == day(d) }.map(\.activity.title) }
        #expect(on("2026-09-12") == ["留守儿童家庭茶话会"])                     // 九月: the 2nd Saturday
        #expect(on("2026-10-10") == ["“我给留守儿童家长发条短信”活动"])           // 十月: text a parent
        #expect(on("2026-10-18") == ["九九重阳节尊老敬老活动"])                   // 重阳 = lunar 9/9
        #expect(on("2026-11-14") == ["留守儿童江边野炊"])                         // 十一月: outing
        #expect(on("2026-12-12") == ["留守儿童困难、困苦、困惑大调查"])           // 十二月: needs survey
        #expect(on("2027-01-08") == ["留守儿童个案分析交流会"])                   // 元月: case exchange
        #expect(on("2027-01-15") == ["学期工作总结"])                             //       term summary
        #expect(autumn.activities.filter { $0.activity.category == .homeActivity }.count == 5) // monthly 家园活动
        #expect(autumn.skipped.map(\.key) == ["spring-festival-family"])         // 春节 2027 is in February
        let tea = try #require(autumn.activities.first { $0.templateKey == "autumn-tea-party" }?.activity)
        #expect(tea.startTime == "09:30" && tea.endTime == "11:30" && tea.category == .parentMeeting && tea.place == "社区留守儿童之家")

        let spring = template.plan(for: Semester.standard(year: 2027, term: .spring))
        func springOn(_ d: String) -> [String] { spring.activities.filter { $0.activity.date == day(d) }.map(\.activity.title) }
        #expect(springOn("2027-02-09") == ["春节家庭亲子活动"])                   // 春节 + 3
        #expect(springOn("2027-03-08") == ["三八妇女节关爱女孩活动"])
        #expect(springOn("2027-06-01") == ["六一儿童节慰问留守儿童"])
        #expect(spring.skipped.isEmpty)
        // Every entry validates as an activity.
        for p in autumn.activities + spring.activities { _ = try p.activity.validated() }
    }

    @Test func applyingTheShippedPlanTwiceCreatesNothingNew() throws {
        let db = try AppDatabase.inMemory()
        let plan = try Self.shipped().plan(for: db.semester(id: "2026-autumn"))
        let first = try db.applySemesterPlan(plan, actor: "t", timestamp: "t1")
        #expect(first.created.count == plan.activities.count && first.alreadyThere == 0)
        #expect(try db.applySemesterPlan(plan, actor: "t", timestamp: "t2") == TemplateApplication(created: [], alreadyThere: plan.activities.count))
        #expect(try db.activities(from: day("2026-09-01"), to: day("2027-01-31")).count == plan.activities.count)
    }

    @Test func everyRuleAndOptionalField() throws {
        let t = try SemesterTemplateReader.read(yaml: """
            name: 测试
            autumn:
              - title: 茶话会
                category: 家长会/座谈会
                month: 9
                week: -1
                weekday: 6
                time: 9:30 - 11:00
              - key: nine
                title: 重阳
                category: festival
                festival: 重阳节
                offset: -1
              - title: 国庆
                category: festival
                date: "10-01"
                time: "08:00"
                notes: |
                  第一行, 第二行
            every_term:
              - title: 家园活动
                category: home_activity
                monthly: {day: 15}
            spring:
            """)
        #expect(t.entries.count == 4)
        #expect(t.entries[0] == SemesterTemplate.Entry(key: "茶话会", title: "茶话会", category: .parentMeeting, terms: [.autumn],
                                                      rule: .monthWeek(month: 9, week: -1, weekday: 6), startTime: "09:30",
                                                      endTime: "11:00", line: 3))
        #expect(t.entries[1].rule == .festival(.doubleNinth, offset: -1) && t.entries[1].key == "nine")
        #expect(t.entries[2].rule == .fixed(month: 10, day: 1) && t.entries[2].startTime == "08:00" && t.entries[2].endTime == nil)
        #expect(t.entries[2].notes == "第一行, 第二行")
        #expect(t.entries[3].rule == .monthly(.monthlyOnDay(15)) && t.entries[3].terms == [.autumn, .spring])
    }

    @Test func problemsAreReportedWithTheirLines() {
        // YAML syntax: Yams's mark.
        let syntax = problems("autumn:\n  - title: \"unclosed\n    category: other\n")
        #expect(syntax.count == 1 && syntax[0].message.hasPrefix("YAML syntax"), "\(syntax)")
        #expect(syntax.first.map { $0.line >= 2 } == true, "\(syntax)")
        let tabs = problems("autumn:\n  - title: a\n\tcategory: other\n")
        #expect(tabs.count == 1 && tabs[0].line == 3, "\(tabs)")

        let found = problems("""
            autumn:
              - title: 茶话会
                category: outing
                month: 9
                week: 2
                weekday: 8
              - title: 野炊
                category: other
                date: "11-31"
              - category: other
                festival: double_ninth
              - title: 两条规则
                category: other
                date: "10-01"
                festival: national_day
              - title: 时间
                category: other
                date: "10-02"
                time: "11:00-09:00"
                colour: red
              - title: 时间
                category: other
                festival: harvest
            winter: []
            """)
        #expect(found.map(\.line) == [3, 6, 9, 10, 12, 19, 20, 21, 23, 24], "\(found)")
        #expect(found[0].message.contains("unknown category 'outing'"))
        #expect(found[1].message.contains("weekday must be a whole number from 1 to 7, not '8'"))
        #expect(found[2].message.contains("date '11-31' is not a month and day"))
        #expect(found[3].message.contains("needs a title"))
        #expect(found[4].message.contains("more than one date rule (date, festival)"))
        #expect(found[5].message.contains("time '11:00-09:00'") && found[5].message.contains("cannot end before it starts"))
        #expect(found[6].message.contains("unknown key 'colour'"))
        #expect(found[7].message.contains("the key '时间' is already used by the entry at line 16"))
        #expect(found[8].message.contains("unknown festival 'harvest'"))
        #expect(found[9].message.contains("unknown section 'winter'"))
        #expect(TemplateProblem(line: 3, column: 15, reason: .missingTitle).description == "line 3, column 15: the entry needs a title")
    }

    @Test func emptyOrShapelessTemplatesAreRefused() {
        #expect(problems("").first?.message.contains("empty") == true)
        #expect(problems("- a\n- b\n").first?.message.contains("must be a mapping") == true)
        #expect(problems("autumn: 3\n").first?.message.contains("must be a list") == true)
        #expect(problems("name: x\n").first?.message.contains("no entries") == true)
        #expect(problems("autumn:\n  - title: a\n    category: other\n    month: 9\n").first?.message.contains("needs week and weekday") == true)
        #expect(problems("autumn:\n  - title: a\n    category: other\n    monthly: {nth: 5, weekday: 6}\n").first?.message
                    .contains("week of month must be 1–4 or -1") == true)
        #expect(problems("autumn:\n  - title: a\n    category: other\n    date: \"10-01\"\n    title: b\n").first?.message
                    .contains("'title' is given twice") == true)
    }
}
