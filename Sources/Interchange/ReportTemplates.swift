import Domain
import Foundation
import Scheduling
import Storage

/// The fixed documents an office hands in: the statistical paragraphs of a year-end summary, the
/// quarterly return to 妇联 and the monthly talk record card (谈心记录卡).
public enum ReportTemplates {
    /// A count as the summaries write it: `1.23万` from ten thousand up, else the number.
    public static func wan(_ n: Int) -> String {
        n >= 10_000 ? String(format: "%.2f万", Double(n) / 10_000) : String(n)
    }

    static func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }

    /// The statistical paragraphs of the year-end summary (工作总结) with every blank filled from the data:
    /// the model summary leaves `留守儿童达_万人，男生_万人，女生_万人`, `_至_岁(含_岁)…达_万人`,
    /// `_%儿童留在家里隔代看护，_%寄托老师和_看护`, `对全县_名留守儿童…登记`, `招募了_余名…志愿者`.
    /// The wording is `template` (Resources/templates/annual-summary.<language>.txt, editable); `label`
    /// names roles and archive reasons (`mrole.*`, `archive.*` of the catalog).
    public static func annualSummary(_ f: ReportFigures, template: String, english: Bool, label: (String) -> String) -> String {
        let t = SummaryTemplate(template)
        let people: (Int) -> String = english ? { String($0) } : wan
        let others = f.share((f.byCare[.others] ?? 0) + (f.byCare[.relatives] ?? 0) + (f.byCare[.parents] ?? 0))
        let bands = f.byAgeBand.map { t.item("band", ["low": String($0.band.low), "high": String($0.band.high), "count": people($0.count)]) }
        let roles = MentorRole.allCases.compactMap { r -> String? in
            let n = f.mentorsByRole[r] ?? 0
            return n > 0 ? t.item("role", ["name": label("mrole." + r.rawValue), "count": String(n)]) : nil
        }
        let reasons = ArchiveReason.allCases.compactMap { r -> String? in
            let n = f.archived[r] ?? 0
            return n > 0 ? t.item("reason", ["name": label("archive." + r.rawValue), "count": String(n)]) : nil
        }
        let asOf = min(f.asOf, f.period.end)
        let values: [String: String] = [
            "place": f.communityName.isEmpty ? (english ? "our community" : "本辖区") : f.communityName,
            "period": english ? f.period.englishName : f.period.displayName,
            "terms": f.fiveOnesSemesters.map { english ? $0.englishName : $0.displayName }.joined(separator: english ? ", " : "、"),
            "start": f.period.start.description, "end": f.period.end.description,
            "as_of": english ? asOf.description : dateZh(asOf),
            "children": people(f.children), "male": people(f.bySex[.male] ?? 0), "female": people(f.bySex[.female] ?? 0),
            "bands": t.join("band", bands), "grandparent_share": pct(f.grandparentCareShare), "other_share": pct(others),
            "hardship": String(f.hardship), "disability": String(f.disability), "complete": String(f.complete),
            "file_rate": pct(f.fileRate), "added": String(f.added), "archived": String(f.archivedTotal),
            "reasons": reasons.isEmpty ? "—" : t.join("reason", reasons), "mentors": String(f.mentorsTotal),
            "roles": roles.isEmpty ? "—" : t.join("role", roles), "covered": String(f.covered), "coverage": pct(f.coverage),
            "owed": String(f.fiveOnes.owed), "done": String(f.fiveOnes.done), "five_ones": pct(f.fiveOnes.completion),
            "contacts": String(f.contactsTotal), "visits": String(f.contactsByKind[.visit] ?? 0),
            "talks": String(f.contactsByKind[.talk] ?? 0), "calls": String(f.contactsByKind[.call] ?? 0),
            "letters": String(f.contactsByKind[.letter] ?? 0), "activities": String(f.activities),
            "attendance": String(f.attendance), "reached": String(f.childrenReached),
        ]
        return SummaryTemplate.fill(t.text, values)
    }

    static func dateZh(_ d: LocalDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    /// The quarterly return (留守儿童关爱服务工作季度报表) as one print-ready table: the figures the
    /// district women's federation asks for, with lines to sign and stamp.
    public static func quarterlyReturn(_ f: ReportFigures, signature: String) -> String {
        var rows: [(String, String)] = []
        rows.append(("留守儿童总数（人）", String(f.children)))
        rows.append(("其中：男 / 女（人）", "\(f.bySex[.male] ?? 0) / \(f.bySex[.female] ?? 0)"))
        for (band, n) in f.byAgeBand { rows.append(("\(band.low)—\(band.high)岁（人）", String(n))) }
        let types = "\(f.byType[.bothAway] ?? 0) / \(f.byType[.fatherAway] ?? 0) / \(f.byType[.motherAway] ?? 0)"
        rows.append(("父母均外出 / 父亲外出 / 母亲外出（人）", types))
        rows.append(("隔代看护（人，占比）", "\(f.byCare[.grandparents] ?? 0)，" + pct(f.grandparentCareShare)))
        rows.append(("困境儿童 / 残疾儿童（人）", "\(f.hardship) / \(f.disability)"))
        rows.append(("本季度新增 / 减少（人）", "\(f.added) / \(f.archivedTotal)"))
        rows.append(("建档率", pct(f.fileRate)))
        rows.append(("帮扶人数（人）", String(f.mentorsTotal)))
        rows.append(("一对一结对儿童（人，覆盖率）", "\(f.covered)，" + pct(f.coverage)))
        // The semester counted and the day it is counted to, as the report's section 七 says.
        let semesters = f.fiveOnesSemesters.map(\.displayName).joined(separator: "、")
        rows.append(("“五个一”完成率（\(semesters)，截至 \(min(f.asOf, f.period.end))；已完成 / 应完成）",
                     pct(f.fiveOnes.completion) + "（\(f.fiveOnes.done) / \(f.fiveOnes.owed)）"))
        rows.append(("入户走访（次）", String(f.contactsByKind[.visit] ?? 0)))
        rows.append(("谈心谈话（次）", String(f.contactsByKind[.talk] ?? 0)))
        rows.append(("亲情电话（次）", String(f.contactsByKind[.call] ?? 0)))
        rows.append(("开展关爱活动（次）", String(f.activities)))
        rows.append(("参加活动（人次） / 覆盖儿童（人）", "\(f.attendance) / \(f.childrenReached)"))
        let place = f.communityName.isEmpty ? "" : f.communityName
        var table = "<table class=\"grid\">\n<tr><th>项　目</th><th>数　据</th></tr>\n"
        for (label, value) in rows { table += "<tr><td>\(ReportFormats.esc(label))</td><td class=\"n\">\(ReportFormats.esc(value))</td></tr>\n" }
        table += "</table>\n"
        return page(title: "留守儿童关爱服务工作季度报表", body: """
            <h1>留守儿童关爱服务工作季度报表</h1>
            <p class="sub">填报单位：\(ReportFormats.esc(place))　　统计期：\(f.period.kind == .range ? "" : f.period.displayName)（\(f.period.start) 至 \(f.period.end)）</p>
            \(table)<p class="sign">\(ReportFormats.esc(signature))</p>
            """)
    }

    /// One talk record card (谈心记录卡) per child for the month: who talked with the child, when, what
    /// was said, concerns and follow-up, with lines to sign. `rows` are the month's talks.
    public static func talkCards(_ rows: [ContactExportRow], children: [Int64: Child], month: ReportPeriod) -> String {
        var byChild: [Int64: [ContactExportRow]] = [:]
        var order: [Int64] = []
        for r in rows where r.contact.kind == .talk {
            if byChild[r.contact.childID] == nil { order.append(r.contact.childID) }
            byChild[r.contact.childID, default: []].append(r)
        }
        var cards = ""
        for id in order {
            let talks = byChild[id]!
            let child = children[id]
            let age = child?.birthDate.map { String($0.age(on: month.end)) } ?? "—"
            let sex = child?.sex.map { $0 == .male ? "男" : "女" } ?? "—"
            let school = [child?.schoolName, child?.className].compactMap { $0 }.joined(separator: " ")
            var t = "<div class=\"card\">\n<h1>留守儿童谈心记录卡</h1>\n<p class=\"sub\">\(month.start.year)年\(month.start.month)月</p>\n"
            t += "<table class=\"grid\"><tr><td>姓名</td><td>\(ReportFormats.esc(talks[0].childName))</td><td>性别</td><td>\(sex)</td>"
            t += "<td>年龄</td><td>\(age)</td></tr>\n"
            t += "<tr><td>学校班级</td><td colspan=\"3\">\(ReportFormats.esc(school.isEmpty ? "—" : school))</td><td>监护人</td>"
            t += "<td>\(ReportFormats.esc(child?.guardian?.name ?? "—"))</td></tr></table>\n"
            for talk in talks {
                t += "<table class=\"grid talk\"><tr><td class=\"k\">谈心时间</td><td>\(talk.contact.date)</td><td class=\"k\">谈心人</td>"
                t += "<td>\(ReportFormats.esc(talk.mentorName))</td><td class=\"k\">地点</td><td>\(ReportFormats.esc(talk.contact.place.isEmpty ? "—" : talk.contact.place))</td></tr>\n"
                t += "<tr><td class=\"k\">谈心内容</td><td colspan=\"5\" class=\"text\">\(ReportFormats.esc(talk.contact.summary.isEmpty ? "—" : talk.contact.summary))</td></tr>\n"
                let concerns = talk.contact.concerns.map(concernZh).joined(separator: "、")
                t += "<tr><td class=\"k\">关注事项</td><td colspan=\"5\">\(concerns.isEmpty ? "无" : concerns)</td></tr>\n"
                t += "<tr><td class=\"k\">跟进措施</td><td colspan=\"5\">\(ReportFormats.esc(talk.contact.followUp.isEmpty ? "—" : talk.contact.followUp))</td></tr></table>\n"
            }
            t += "<p class=\"sign\">谈心人签字：__________　　班主任签字：__________　　日期：____年__月__日</p>\n</div>\n"
            cards += t
        }
        if cards.isEmpty { cards = "<h1>留守儿童谈心记录卡</h1><p class=\"sub\">\(month.start.year)年\(month.start.month)月：本月没有谈心记录。</p>" }
        return page(title: "留守儿童谈心记录卡", body: cards)
    }

    static func concernZh(_ c: Concern) -> String {
        switch c {
        case .safety: return "安全"
        case .health: return "健康"
        case .schooling: return "学业"
        case .guardianship: return "监护"
        case .emotional: return "情绪"
        }
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>\(ReportFormats.esc(title))</title>
        <style>
        @page { size: A4; margin: 18mm 16mm; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 11pt; }
        h1 { font-size: 17pt; text-align: center; margin: 0 0 4pt; }
        p.sub { text-align: center; margin: 0 0 10pt; }
        table.grid { width: 100%; border-collapse: collapse; margin-bottom: 8pt; }
        table.grid td, table.grid th { border: 1px solid #000; padding: 4pt 6pt; }
        td.n { text-align: right; white-space: nowrap; }
        td.k { white-space: nowrap; width: 10%; }
        td.text { height: 60pt; vertical-align: top; }
        .card { page-break-after: always; break-after: page; }
        .card:last-child { page-break-after: auto; break-after: auto; }
        p.sign { margin-top: 18pt; }
        </style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}

/// A summary template: `[name] …` lines (how one item of a list is written, and `[name_separator]`)
/// and the text after `[text]`, with `{placeholders}`. `#` lines are comments.
struct SummaryTemplate {
    var items: [String: String] = [:]
    var text = ""

    init(_ source: String) {
        var inText = false
        var body: [Substring] = []
        for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
            if inText { body.append(line); continue }
            if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            if line.hasPrefix("[text]") { inText = true; continue }
            if line.hasPrefix("["), let close = line.firstIndex(of: "]") {
                let name = String(line[line.index(after: line.startIndex)..<close])
                var rest = line[line.index(after: close)...]
                if rest.hasPrefix(" ") { rest = rest.dropFirst() }
                items[name] = String(rest)
            }
        }
        text = body.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    func item(_ name: String, _ values: [String: String]) -> String { Self.fill(items[name] ?? "", values) }

    func join(_ name: String, _ parts: [String]) -> String { parts.joined(separator: items[name + "_separator"] ?? ", ") }

    /// Replaces every `{name}` with its value; unknown names are left as they are (a test looks for them).
    static func fill(_ template: String, _ values: [String: String]) -> String {
        var out = template
        for (k, v) in values { out = out.replacingOccurrences(of: "{" + k + "}", with: v) }
        return out
    }
}
