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
    public static func annualSummary(_ f: ReportFigures, english: Bool) -> String {
        let place = f.communityName.isEmpty ? (english ? "our community" : "本辖区") : f.communityName
        let male = f.bySex[.male] ?? 0, female = f.bySex[.female] ?? 0
        let bands = f.byAgeBand
        let volunteers = f.mentorsTotal
        let gp = f.grandparentCareShare
        let others = f.share((f.byCare[.others] ?? 0) + (f.byCare[.relatives] ?? 0) + (f.byCare[.parents] ?? 0))
        let reasons = ArchiveReason.allCases.compactMap { r -> (ArchiveReason, Int)? in (f.archived[r] ?? 0) > 0 ? (r, f.archived[r]!) : nil }
        if english {
            var t = "Statistics for \(f.period.id) (\(f.period.start) to \(f.period.end)), \(place).\n\n"
            t += "1. The children. \(f.children) left-behind children under 16 are on the roster: \(male) boys and \(female) girls"
            t += bands.map { ", \($0.count) aged \($0.band.low) to \($0.band.high)" }.joined() + ". "
            t += "\(pct(gp)) are cared for at home by grandparents; \(pct(others)) by other relatives, a parent, teachers or others. "
            t += "\(f.hardship) are children in difficulty and \(f.disability) have a disability.\n\n"
            t += "2. Files. \(f.complete) of \(f.children) children have a complete file (\(pct(f.fileRate))); \(f.added) files were opened "
            t += "and \(f.archivedTotal) archived in the period.\n\n"
            t += "3. Mentors. \(volunteers) mentors (caring mothers, proxy parents, volunteers, teachers and others) are active; "
            t += "\(f.covered) children have a one-to-one mentor (coverage \(pct(f.coverage))). "
            t += "The five ones were \(pct(f.fiveOnes.completion)) complete (\(f.fiveOnes.done) of \(f.fiveOnes.owed)); "
            t += "\(f.contactsTotal) contacts were recorded, \(f.contactsByKind[.visit] ?? 0) of them home visits.\n\n"
            t += "4. Activities. \(f.activities) activities were held with \(f.attendance) attendances, reaching \(f.childrenReached) children.\n"
            return t
        }
        var t = "\(place)关爱留守儿童工作统计（\(f.period.id)，\(f.period.start) 至 \(f.period.end)）\n\n"
        t += "一、基本情况。截至\(dateZh(min(f.asOf, f.period.end)))，\(place)常年留守在家的0至15岁留守儿童达\(wan(f.children))人，"
        t += "其中男生\(wan(male))人，女生\(wan(female))人；"
        t += bands.map { "\($0.band.low)至\($0.band.high)岁（含\($0.band.high)岁）留守儿童达\(wan($0.count))人" }.joined(separator: "，") + "。"
        t += "其中\(pct(gp))儿童留在家里隔代看护，\(pct(others))由其他亲属、父母一方或寄托老师和他人看护；"
        t += "困境儿童\(f.hardship)人，残疾儿童\(f.disability)人。\n\n"
        t += "二、建档情况。已对\(place)\(f.children)名留守儿童基本情况进行了统计并登记造册，其中\(f.complete)人档案完整，"
        t += "建档率\(pct(f.fileRate))；本期新增建档\(f.added)人，归档\(f.archivedTotal)人"
        if !reasons.isEmpty {
            t += "（" + reasons.map { "\(archiveZh($0.0))\($0.1)人" }.joined(separator: "，") + "）"
        }
        t += "。\n\n"
        t += "三、结对帮扶。共有帮扶人\(volunteers)名"
        let roles = MentorRole.allCases.compactMap { r -> String? in
            let n = f.mentorsByRole[r] ?? 0
            return n > 0 ? "\(roleZh(r))\(n)名" : nil
        }
        if !roles.isEmpty { t += "（" + roles.joined(separator: "，") + "）" }
        t += "，与\(f.covered)名留守儿童开展“一对一”结对，结对覆盖率\(pct(f.coverage))。"
        t += "“五个一”应完成\(f.fiveOnes.owed)项，已完成\(f.fiveOnes.done)项，完成率\(pct(f.fiveOnes.completion))；"
        t += "共记录帮扶\(f.contactsTotal)次，其中入户走访\(f.contactsByKind[.visit] ?? 0)次、谈心\(f.contactsByKind[.talk] ?? 0)次、"
        t += "亲情电话\(f.contactsByKind[.call] ?? 0)次、写信\(f.contactsByKind[.letter] ?? 0)封。\n\n"
        t += "四、关爱活动。共开展关爱活动\(f.activities)次，参加\(f.attendance)人次，覆盖留守儿童\(f.childrenReached)人。\n"
        return t
    }

    static func dateZh(_ d: LocalDate) -> String { "\(d.year)年\(d.month)月\(d.day)日" }

    static func archiveZh(_ r: ArchiveReason) -> String {
        switch r {
        case .turned16: return "年满16周岁"
        case .parentReturned: return "父母返乡"
        case .movedAway: return "迁出"
        case .other: return "其他原因"
        }
    }

    static func roleZh(_ r: MentorRole) -> String {
        switch r {
        case .caringMother: return "爱心妈妈"
        case .proxyParent: return "代理家长"
        case .volunteer: return "志愿者"
        case .teacher: return "教师"
        case .studentHelper: return "学习帮手"
        case .childDirector: return "儿童主任"
        case .socialWorker: return "社工"
        }
    }

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
        rows.append(("“五个一”完成率（已完成 / 应完成）", pct(f.fiveOnes.completion) + "（\(f.fiveOnes.done) / \(f.fiveOnes.owed)）"))
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
            <p class="sub">填报单位：\(ReportFormats.esc(place))　　统计期：\(f.period.id)（\(f.period.start) 至 \(f.period.end)）</p>
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
