import Domain
import Foundation
import Scheduling
import Storage

/// One pairing card (爱心结对卡) laid out as labelled lines, ready for Markdown or HTML.
///
/// The card is handed to the mentor and the child's family, so phones are shown in full — but the
/// child's ID number is never on it (`PairingCardRecord` does not even carry it).
public struct PairingCard: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        public var label: String
        public var value: String
    }

    public struct Section: Equatable, Sendable {
        public var title: String
        public var lines: [Line]
    }

    /// 第 n 张，共 total 张.
    public var number: Int
    public var total: Int
    public var pairingID: Int64
    /// `2026年秋季学期`.
    public var semesterTitle: String
    /// `2026-09-01 至 2027-01-31`.
    public var semesterSpan: String
    /// 结对儿童, 监护人, 帮扶人.
    public var sections: [Section]
    public var dutiesTitle: String
    /// What the mentor owes this semester, one checkbox each.
    public var duties: [String]
    /// For monthly duties: the months of the semester (`9月` …), one box each; empty otherwise.
    public var months: [String]
    /// Who signs: the two parties and the coordinator.
    public var signatures: [String]
}

/// The pairing cards of every active pairing, as printable Markdown or HTML (`PairingCardsHTML`).
///
/// Duties come from the community plans until the five-ones engine holds them as data: a primary mentor
/// owes the five ones (五个一) each semester; a class teacher a talk each month with a record card; a
/// student helper has no counted duty.
public enum PairingCards {
    public enum Format: String, CaseIterable, Sendable { case md, html }

    public static let title = "爱心结对卡"

    /// The five ones (五个一) a primary mentor owes every semester.
    public static let fiveOnes = ["到留守儿童家中走访一次", "谈心一次", "与班主任联系一次", "与监护人沟通一次", "给留守儿童写信一次"]

    public static func dutiesTitle(for role: PairRole) -> String {
        role == .primary ? "本学期“五个一”（每学期各一次）" : "本学期帮扶任务"
    }

    public static func duties(for role: PairRole) -> [String] {
        switch role {
        case .primary: return fiveOnes
        case .classTeacher: return ["每月谈心一次，并填写谈心记录卡"]
        case .studentHelper: return ["学习上帮助、生活上关心结对儿童（按学校安排）"]
        }
    }

    /// A privacy reminder printed on every card.
    public static let notice = "本卡含儿童及家庭的个人信息，请妥善保管，不得转给他人或公开。"

    public static let signatures = ["帮扶人签名", "儿童（监护人）签名", "协调员签名"]

    /// `2026年秋季学期` / `2027年春季学期`.
    public static func semesterTitle(_ s: Semester) -> String {
        "\(s.year)年\(s.term == .autumn ? "秋季" : "春季")学期"
    }

    /// The months a semester spans, `9月` … `1月`.
    static func months(_ s: Semester) -> [String] {
        var out: [String] = []
        var (y, m) = (s.start.year, s.start.month)
        while (y, m) <= (s.end.year, s.end.month) {
            out.append("\(m)月")
            (y, m) = m == 12 ? (y + 1, 1) : (y, m + 1)
        }
        return out
    }

    /// The cards of `records` for the semester containing `today` (`Semester.standard(containing:)`);
    /// ages are counted on `today`.
    public static func cards(_ records: [PairingCardRecord], today: LocalDate) -> [PairingCard] {
        let semester = Semester.standard(containing: today)
        func text(_ s: String?) -> String {
            guard let s = s?.trimmingCharacters(in: .whitespacesAndNewlines), !s.isEmpty else { return "—" }
            return s
        }
        return records.enumerated().map { i, r in
            let age = r.childBirthDate.map { "\($0.age(on: today)) 岁" }
            let schoolClass = [r.school, r.className].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
            let child = PairingCard.Section(title: "结对儿童", lines: [
                .init(label: "姓名", value: text(r.childName)),
                .init(label: "性别", value: text(r.childSex.map(RosterValues.label))),
                .init(label: "年龄", value: text(age)),
                .init(label: "学校班级", value: text(schoolClass)),
                .init(label: "所属网格", value: text(r.grid)),
                .init(label: "家庭住址", value: text(r.address)),
            ])
            let guardian = PairingCard.Section(title: "监护人", lines: [
                .init(label: "姓名", value: text(r.guardianName)),
                .init(label: "与儿童关系", value: text(r.guardianName == nil ? nil : r.guardianRelation.map(RosterValues.label))),
                .init(label: "联系电话", value: text(r.guardianPhone)),
            ])
            let mentor = PairingCard.Section(title: "帮扶人", lines: [
                .init(label: "姓名", value: text(r.mentorName)),
                .init(label: "身份", value: MentorValues.label(r.mentorRole)),
                .init(label: "联系电话", value: text(r.mentorPhone)),
                .init(label: "单位", value: text(r.mentorOrganisation)),
                .init(label: "结对角色", value: PairingValues.label(r.role)),
                .init(label: "结对日期", value: r.start.description),
            ])
            return PairingCard(
                number: i + 1, total: records.count, pairingID: r.pairingID, semesterTitle: semesterTitle(semester),
                semesterSpan: "\(semester.start) 至 \(semester.end)", sections: [child, guardian, mentor],
                dutiesTitle: dutiesTitle(for: r.role), duties: duties(for: r.role),
                months: r.role == .classTeacher ? months(semester) : [], signatures: signatures)
        }
    }

    public static func render(_ records: [PairingCardRecord], today: LocalDate, format: Format) -> Data {
        let cards = cards(records, today: today)
        return Data((format == .md ? markdown(cards) : PairingCardsHTML.document(cards)).utf8)
    }

    // MARK: Markdown

    /// Markdown, one card after another; between cards an HTML page break that Markdown printers
    /// (pandoc, Typora, VS Code) honour.
    public static func markdown(_ cards: [PairingCard]) -> String {
        guard !cards.isEmpty else { return "# \(title)\n\n没有进行中的结对。\n" }
        return cards.map(markdown).joined(separator: "\n<div style=\"page-break-after: always; break-after: page;\"></div>\n\n")
    }

    static func markdown(_ card: PairingCard) -> String {
        var out = "# \(title)\n\n"
        out += "**\(card.semesterTitle)**（\(card.semesterSpan)）　第 \(card.number) 张，共 \(card.total) 张\n\n"
        for section in card.sections {
            out += "## \(section.title)\n\n| 项目 | 内容 |\n| --- | --- |\n"
            for line in section.lines { out += "| \(line.label) | \(mdEscape(line.value)) |\n" }
            out += "\n"
        }
        out += "## \(card.dutiesTitle)\n\n"
        // A monthly duty is ticked month by month below; the others get a date when done.
        let done = card.months.isEmpty ? "　完成日期：＿＿＿＿＿＿" : ""
        for (i, duty) in card.duties.enumerated() { out += "\(i + 1). ☐ \(duty)\(done)\n" }
        if !card.months.isEmpty { out += "\n" + card.months.map { "☐ \($0)" }.joined(separator: "　") + "\n" }
        out += "\n## 签名\n\n"
        out += "| " + card.signatures.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: " --- |", count: card.signatures.count) + "\n"
        out += "|" + String(repeating: " 　 |", count: card.signatures.count) + "\n"
        out += "|" + String(repeating: " 日期： |", count: card.signatures.count) + "\n\n"
        out += "> \(notice)\n"
        return out
    }

    /// Text safe in a Markdown table cell: no line breaks, `|` and the emphasis and link marks escaped.
    static func mdEscape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\n", "\r", "\r\n": out += " "
            case "\\", "|", "*", "_", "`", "<", ">", "[", "]", "#": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }
}
