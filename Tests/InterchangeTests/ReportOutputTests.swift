import Domain
import Foundation
import Interchange
import Scheduling
import ShouhuResources
import Storage
import TerminalUI
import Testing

@Suite("Report outputs")
struct ReportOutputTests {
    static let today = LocalDate(year: 2026, month: 11, day: 23)!

    static func figures(_ period: String = "2026") throws -> ReportFigures {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 200, seed: 5, referenceDate: today))
        return try db.reportFigures(period: try db.reportPeriod(ReportPeriod(parsing: period)!), rules: .fiveOnes, today: today)
    }

    /// The catalog's text for report keys, as the command gives it.
    static func text(_ key: String, _ args: [CustomStringConvertible]) -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Resources/i18n/zh-Hans.json")
        let table = (try? JSONDecoder().decode([String: String].self, from: Data(contentsOf: url))) ?? [:]
        var s = table[key] ?? key
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a.description) }
        return s
    }

    @Test func jsonCarriesTheRequiredKeys() throws {
        let f = try Self.figures()
        let object = try #require(try JSONSerialization.jsonObject(with: ReportFormats.json(f)) as? [String: Any])
        #expect(object["period"] as? String == "2026")
        let children = try #require(object["children"] as? [String: Any])
        #expect(children["total"] as? Int == f.children)
        let sex = try #require(children["by_sex"] as? [String: Int])
        #expect(sex["male"] == f.bySex[.male] && sex["female"] == f.bySex[.female])
        #expect((children["by_age_band"] as? [String: Int])?["6-11"] == f.byAgeBand[1].count)
        let share = try #require(children["grandparent_care_share"] as? Double)
        #expect(share > 0 && share <= 1 && abs(share - f.grandparentCareShare) < 0.0001)
        #expect(((object["pairings"] as? [String: Any])?["coverage"] as? Double).map { abs($0 - f.coverage) < 0.0001 } == true)
        #expect(((object["five_ones"] as? [String: Any])?["completion"] as? Double).map { $0 >= 0 && $0 <= 1 } == true)
        let acts = try #require(object["activities"] as? [String: Any])
        #expect(acts["count"] as? Int == f.activities && acts["attendance"] as? Int == f.attendance)
    }

    @Test func annualSummaryLeavesNoBlank() throws {
        let f = try Self.figures()
        for (english, language) in [(false, "zh-Hans"), (true, "en")] {
            let url = try #require(ShouhuResources.templateURL(name: "annual-summary.\(language).txt"))
            let template = try String(contentsOf: url, encoding: .utf8)
            let text = ReportTemplates.annualSummary(f, template: template, english: english, label: { Self.text($0, []) })
            #expect(!text.contains("_"), "a blank is left:\n\(text)")
            #expect(!text.contains("{") && !text.contains("}") && !text.contains("nil") && !text.contains("["), "\(text)")
            #expect(!text.contains("mrole.") && !text.contains("archive."), "\(text)")
            if !english {
                #expect(text.contains("留守儿童达\(f.children)人，其中男生\(f.bySex[.male]!)人，女生\(f.bySex[.female]!)人"))
                #expect(text.contains(String(format: "%.1f%%儿童留在家里隔代看护", f.grandparentCareShare * 100)))
            }
        }
        #expect(ReportTemplates.wan(23_456) == "2.35万")
        #expect(ReportTemplates.wan(9_999) == "9999")
    }

    @Test func textChartAlignsChineseLabels() throws {
        let f = try Self.figures("2026-autumn")
        let doc = ReportDocument.build(f, english: false, text: Self.text)
        let text = ReportFormats.text(doc)
        #expect(text.hasPrefix("留守儿童关爱工作统计报表"))
        // Every bar starts in the same display column.
        let barColumns = text.split(separator: "\n").compactMap { line -> Int? in
            guard let r = line.range(of: "█") ?? line.range(of: "░") else { return nil }
            return TextWidth.of(String(line[..<r.lowerBound]))
        }
        #expect(barColumns.count > 10)
        #expect(Set(barColumns).count == 1, "bars start at different columns: \(Set(barColumns))")
        let html = ReportFormats.html(doc, signature: "填报单位（盖章）")
        #expect(html.contains("<svg") && html.contains("size: A4") && html.contains("WenQuanYi Micro Hei"))
        #expect(html.contains("留守儿童关爱工作统计报表"))
        let md = ReportFormats.markdown(doc)
        #expect(md.contains("## 一、留守儿童基本情况"))
    }

    @Test func quarterlyReturnAndTalkCards() throws {
        let db = try AppDatabase.inMemory()
        try db.fillDemo(DemoOptions(children: 120, seed: 5, referenceDate: Self.today))
        let q = try db.reportFigures(period: ReportPeriod(parsing: "2026-Q3")!, rules: .fiveOnes, today: Self.today)
        let html = ReportTemplates.quarterlyReturn(q, signature: "盖章")
        #expect(html.contains("留守儿童关爱服务工作季度报表") && html.contains("<td class=\"n\">\(q.children)</td>"))
        let month = ReportPeriod(parsing: "2026-10")!
        let rows = try db.contactsForExport(from: month.start, to: month.end)
        var children: [Int64: Child] = [:]
        for r in rows { children[r.contact.childID] = try db.child(id: r.contact.childID) }
        let cards = ReportTemplates.talkCards(rows, children: children, month: month)
        let talkChildren = Set(rows.filter { $0.contact.kind == .talk }.map(\.contact.childID))
        #expect(!talkChildren.isEmpty)
        #expect(cards.components(separatedBy: "<div class=\"card\">").count - 1 == talkChildren.count)
    }

    /// The period and the semester its five ones count are named as a reader says them, everywhere.
    @Test func periodsAreNamedInTheUsersWords() throws {
        let q3 = try Self.figures("2026-Q3")
        let doc = ReportDocument.build(q3, english: false, text: Self.text)
        #expect(doc.periodLine == "统计期：2026年第三季度（2026-07-01 至 2026-09-30），统计截至 2026-09-30")
        #expect(doc.sections.map(\.title).contains("七、“五个一”完成情况（2026年春季学期，截至 2026-09-30）"))
        let quarterly = ReportTemplates.quarterlyReturn(q3, signature: "盖章")
        #expect(quarterly.contains("统计期：2026年第三季度（2026-07-01 至 2026-09-30）"))
        #expect(quarterly.contains("“五个一”完成率（2026年春季学期，截至 2026-09-30；已完成 / 应完成）"))
        for out in [ReportFormats.text(doc), ReportFormats.markdown(doc), ReportFormats.html(doc, signature: ""), quarterly] {
            #expect(!out.contains("2026-Q3") && !out.contains("2026-spring") && !out.contains("2026-autumn"))
        }
        let year = ReportDocument.build(try Self.figures("2026"), english: false, text: Self.text)
        #expect(year.periodLine.hasPrefix("统计期：2026年（2026-01-01 至 2026-12-31）"))
        #expect(year.sections.map(\.title).contains("七、“五个一”完成情况（2026年春季学期、2026年秋季学期，截至 2026-11-23）"))
        let names = ["2026-autumn", "2026-Q4", "2026-10", "2026", "2026-09-01..2026-12-31"].map { ReportPeriod(parsing: $0)! }
        #expect(names.map(\.displayName) == ["2026年秋季学期", "2026年第四季度", "2026年10月", "2026年", "2026-09-01至2026-12-31"])
        #expect(names.map(\.englishName) == ["Autumn term 2026", "2026 Q4", "October 2026", "2026", "2026-09-01 to 2026-12-31"])
    }

    /// Sub-rows (a reason under 本期归档, a role under the mentors) stay set apart in Markdown, whose cells
    /// lose leading spaces; grids are listed lowest completion first, like the mentors.
    @Test func markdownKeepsSubRowsAndGridsAreInRateOrder() throws {
        let f = try Self.figures("2026-autumn")
        let doc = ReportDocument.build(f, english: false, text: Self.text)
        let md = ReportFormats.markdown(doc)
        let subRows = doc.sections.flatMap(\.items).filter { $0.label.hasPrefix("  ") }
        #expect(subRows.count > 5)
        for item in subRows { #expect(md.contains("| · \(item.label.trimmingCharacters(in: .whitespaces)) |"), "\(item.label)") }
        #expect(!md.contains("| · ·"))
        let rates = f.fiveOnesByGrid.map { $0.tally.completion ?? 2 }
        #expect(rates.count > 2 && rates == rates.sorted())
    }
}
