import Domain
import Foundation
import Scheduling
import Storage

/// The engine's rows with the names and numbers a reader needs.
public struct ObligationListing: Sendable {
    public var report: ObligationReport
    public var children: [Int64: ObligationChildLabel]
    public var mentors: [Int64: ObligationMentorLabel]

    public init(report: ObligationReport, children: [Int64: ObligationChildLabel], mentors: [Int64: ObligationMentorLabel]) {
        self.report = report; self.children = children; self.mentors = mentors
    }

    /// Reads the labels of every child and mentor in the report.
    public static func load(_ report: ObligationReport, from database: AppDatabase) throws -> ObligationListing {
        var childIDs: [Int64] = [], mentorIDs: [Int64] = []
        var seenC = Set<Int64>(), seenM = Set<Int64>()
        for row in report.rows {
            if seenC.insert(row.childID).inserted { childIDs.append(row.childID) }
            if seenM.insert(row.mentorID).inserted { mentorIDs.append(row.mentorID) }
        }
        return ObligationListing(report: report, children: try database.obligationChildLabels(ids: childIDs),
                                 mentors: try database.obligationMentorLabels(ids: mentorIDs))
    }
}

/// `shouhu obligations` output: JSON, CSV and a plain-text table.
public enum ObligationOutput {
    /// One JSON object per row: `child` (ID number, or null when the file has none), `child_name`, `mentor`
    /// (phone), `mentor_name`, `rule`, `kind`, `period`, `status` (done, due, overdue, not_owed), `date`
    /// (done date or null), `target`, `reason` (for not_owed, else null).
    public static func json(_ listing: ObligationListing) -> Data {
        var out = Data("[".utf8)
        let report = listing.report
        for (i, row) in report.rows.enumerated() {
            let child = listing.children[row.childID], mentor = listing.mentors[row.mentorID]
            let fields: [(String, String?)] = [
                ("child", child?.idNumber), ("child_name", child?.name), ("mentor", mentor?.phone), ("mentor_name", mentor?.name),
                ("rule", report.rule(of: row).id), ("kind", report.rule(of: row).kind.rawValue), ("period", report.period(of: row).id),
                ("status", row.state.rawValue), ("date", row.date?.description), ("target", row.target.description),
                ("reason", row.reason?.rawValue),
            ]
            out.append(contentsOf: (i == 0 ? "\n  {" : ",\n  {").utf8)
            out.append(contentsOf: fields.map { "\"\($0.0)\": \(jsonString($0.1))" }.joined(separator: ", ").utf8)
            out.append(contentsOf: "}".utf8)
        }
        out.append(contentsOf: (report.rows.isEmpty ? "]\n" : "\n]\n").utf8)
        return out
    }

    static func jsonString(_ s: String?) -> String {
        guard let s else { return "null" }
        var r = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": r += "\\\""
            case "\\": r += "\\\\"
            case "\n": r += "\\n"
            case "\r": r += "\\r"
            case "\t": r += "\\t"
            default:
                if u.value < 0x20 { r += String(format: "\\u%04x", u.value) } else { r.unicodeScalars.append(u) }
            }
        }
        return r + "\""
    }

    /// CSV (UTF-8 with BOM, CRLF) with Chinese headers, one line per row, for a spreadsheet.
    public static func csv(_ listing: ObligationListing, english: Bool = false) -> Data {
        let report = listing.report
        let headers = english
            ? ["child", "child ID number", "mentor", "mentor phone", "obligation", "kind", "period", "status", "date", "target", "reason"]
            : ["儿童姓名", "儿童身份证号", "帮扶人姓名", "帮扶人电话", "义务", "类型", "周期", "状态", "完成日期", "目标日期", "不计原因"]
        var w = CSVTextWriter()
        w.writeRow(headers)
        for row in report.rows {
            let child = listing.children[row.childID], mentor = listing.mentors[row.mentorID]
            let rule = report.rule(of: row)
            w.writeRow([CSVTextWriter.spreadsheetSafe(child?.name ?? ""),
                        CSVTextWriter.spreadsheetSafe(child?.idNumber ?? "", asText: true),
                        CSVTextWriter.spreadsheetSafe(mentor?.name ?? ""), CSVTextWriter.spreadsheetSafe(mentor?.phone ?? "", asText: true),
                          rule.name(english: english), english ? rule.kind.rawValue : rule.kind.sheetName, report.period(of: row).id,
                          stateWord(row.state, english: english), row.date?.description ?? "", row.target.description,
                          row.reason.map { reasonWord($0, english: english) } ?? ""])
        }
        return w.data
    }

    /// ✓ done, · due, ! overdue, – not owed.
    public static func symbol(_ state: ObligationState) -> String {
        switch state {
        case .done: return "✓"
        case .due: return "·"
        case .overdue: return "!"
        case .notOwed: return "–"
        }
    }

    public static func stateWord(_ state: ObligationState, english: Bool) -> String {
        switch state {
        case .done: return english ? "done" : "已完成"
        case .due: return english ? "due" : "待完成"
        case .overdue: return english ? "overdue" : "逾期"
        case .notOwed: return english ? "not owed" : "不计"
        }
    }

    public static func reasonWord(_ reason: NotOwedReason, english: Bool) -> String {
        switch reason {
        case .tooFewDays: return english ? "paired too few days of the period" : "结对天数不足"
        case .childArchived: return english ? "child archived" : "儿童已归档"
        case .mentorLeft: return english ? "mentor left" : "帮扶人已离开"
        case .endedEarly: return english ? "pairing ended before the target date" : "结对在目标日期前结束"
        }
    }
}
