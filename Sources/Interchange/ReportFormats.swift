import Domain
import Foundation
import Scheduling
import Storage
import TerminalUI

/// `shouhu report` output: plain text with bars in block characters, Markdown, CSV, JSON and
/// print-ready HTML (A4, inline SVG charts, Chinese fonts).
public enum ReportFormats {
    /// Bars of `width` cells: `████████░░░░`.
    public static func bar(_ share: Double, width: Int) -> String {
        let filled = max(0, min(width, Int((share * Double(width)).rounded())))
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    /// Labels padded by display width (Chinese characters are two columns), bars after the values.
    public static func text(_ doc: ReportDocument, barWidth: Int = 20) -> String {
        var out = doc.title + "\n" + doc.subtitle + "\n"
        let labelWidth = doc.sections.flatMap(\.items).map { TextWidth.of($0.label) }.max() ?? 10
        let valueWidth = doc.sections.flatMap(\.items).map { TextWidth.of($0.value) }.max() ?? 10
        for section in doc.sections where !section.items.isEmpty {
            out += "\n" + section.title + "\n"
            for item in section.items {
                var line = "  " + pad(item.label, labelWidth) + "  " + pad(item.value, valueWidth)
                if let share = item.share { line += "  " + bar(share, width: barWidth) }
                out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            }
        }
        return out
    }

    static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - TextWidth.of(s))) }

    public static func markdown(_ doc: ReportDocument) -> String {
        var out = "# \(doc.title)\n\n\(doc.subtitle)\n"
        for section in doc.sections where !section.items.isEmpty {
            out += "\n## \(section.title)\n\n| | |\n| --- | ---: |\n"
            for item in section.items {
                // A Markdown cell loses its leading spaces: a sub-row (`父母返乡` under `本期归档`) keeps a "· ".
                let label = item.label.trimmingCharacters(in: .whitespaces)
                out += "| \(item.label.hasPrefix("  ") ? "· " : "")\(escapeMD(label)) | \(escapeMD(item.value)) |\n"
            }
        }
        return out
    }

    static func escapeMD(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }

    /// One line per figure: section, label, value (UTF-8 with BOM, CRLF).
    public static func csv(_ doc: ReportDocument, headers: [String]) -> Data {
        var w = CSVTextWriter()
        w.writeRow(headers)
        for section in doc.sections {
            for item in section.items {
                w.writeRow([section.title, CSVTextWriter.spreadsheetSafe(item.label.trimmingCharacters(in: .whitespaces)),
                            CSVTextWriter.spreadsheetSafe(item.value)])
            }
        }
        return w.data
    }

    /// The figures as JSON, with at least: `period`, `children.total`, `children.by_sex.male|female`,
    /// `children.by_age_band` (band → count), `children.grandparent_care_share`, `pairings.coverage`,
    /// `five_ones.completion` (with `five_ones.semesters`, the ids of the terms counted), `activities.count`,
    /// `activities.attendance` (shares 0…1).
    public static func json(_ f: ReportFigures) -> Data {
        func round4(_ x: Double) -> Double { (x * 10_000).rounded() / 10_000 }
        var bands: [String: Int] = [:]
        for (band, n) in f.byAgeBand { bands[band.description] = n }
        var care: [String: Int] = [:]
        for g in CareGroup.allCases { care[g.rawValue] = f.byCare[g] ?? 0 }
        let object: [String: Any] = [
            "period": f.period.id,
            "start": f.period.start.description,
            "end": f.period.end.description,
            "as_of": min(f.asOf, f.period.end).description,
            "community": f.communityName,
            "children": [
                "total": f.children,
                "by_sex": ["male": f.bySex[.male] ?? 0, "female": f.bySex[.female] ?? 0, "unknown": f.sexUnknown],
                "by_age_band": bands,
                "age_unknown": f.ageUnknown,
                "by_left_behind_type": Dictionary(uniqueKeysWithValues: LeftBehindType.allCases.map { ($0.rawValue, f.byType[$0] ?? 0) }),
                "by_care": care,
                "grandparent_care_share": round4(f.grandparentCareShare),
                "hardship": f.hardship,
                "disability": f.disability,
                "added": f.added,
                "archived": Dictionary(uniqueKeysWithValues: ArchiveReason.allCases.map { ($0.rawValue, f.archived[$0] ?? 0) }),
                "complete_files": f.complete,
                "file_rate": round4(f.fileRate),
                "missing_fields": Dictionary(uniqueKeysWithValues: f.missing.map { ($0.key.rawValue, $0.value) }),
            ] as [String: Any],
            "mentors": ["by_role": Dictionary(uniqueKeysWithValues: f.mentorsByRole.map { ($0.key.rawValue, $0.value) }),
                        "total": f.mentorsTotal] as [String: Any],
            "pairings": ["covered": f.covered, "coverage": round4(f.coverage)] as [String: Any],
            "five_ones": [
                "completion": f.fiveOnes.completion.map(round4) as Any? ?? NSNull(),
                "semesters": f.fiveOnesSemesters.map(\.id),
                "done": f.fiveOnes.done, "due": f.fiveOnes.due, "overdue": f.fiveOnes.overdue, "not_owed": f.fiveOnes.notOwed,
                "by_kind": Dictionary(f.fiveOnesByRule.map { ($0.id, $0.tally.completion.map(round4) as Any? ?? NSNull()) },
                                      uniquingKeysWith: { a, _ in a }),
                "by_grid": Dictionary(f.fiveOnesByGrid.map { ($0.grid, $0.tally.completion.map(round4) as Any? ?? NSNull()) },
                                      uniquingKeysWith: { a, _ in a }),
            ] as [String: Any],
            "contacts": Dictionary(uniqueKeysWithValues: ContactKind.allCases.map { ($0.rawValue, f.contactsByKind[$0] ?? 0) }),
            "activities": [
                "count": f.activities, "attendance": f.attendance, "children_reached": f.childrenReached,
                "by_category": Dictionary(uniqueKeysWithValues: f.activitiesByCategory.map { ($0.key.rawValue, $0.value) }),
            ] as [String: Any],
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return data + Data("\n".utf8)
    }

    /// A print-ready page: A4 with margins, each section kept on one page where it fits, bars as inline
    /// SVG, fonts that carry Chinese on Windows, macOS and Linux, a line to sign and stamp.
    public static func html(_ doc: ReportDocument, signature: String) -> String {
        var body = "<h1>\(esc(doc.title))</h1>\n<p class=\"sub\">\(esc(doc.subtitle))</p>\n"
        for section in doc.sections where !section.items.isEmpty {
            body += "<section>\n<h2>\(esc(section.title))</h2>\n<table>\n"
            for item in section.items {
                let indent = item.label.hasPrefix("  ") ? " class=\"sub\"" : ""
                body += "<tr><th\(indent)>\(esc(item.label.trimmingCharacters(in: .whitespaces)))</th><td>\(esc(item.value))</td>"
                body += "<td class=\"bar\">\(item.share.map(svgBar) ?? "")</td></tr>\n"
            }
            body += "</table>\n</section>\n"
        }
        body += "<p class=\"sign\">\(esc(signature))</p>\n"
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <title>\(esc(doc.title))</title>
        <style>
        @page { size: A4; margin: 18mm 16mm; }
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "SimSun", sans-serif; font-size: 10.5pt; color: #000; }
        h1 { font-size: 18pt; text-align: center; margin: 0 0 4pt; }
        p.sub { text-align: center; margin: 0 0 12pt; }
        section { page-break-inside: avoid; break-inside: avoid; margin-bottom: 10pt; }
        h2 { font-size: 12pt; border-bottom: 1px solid #000; margin: 8pt 0 4pt; }
        table { width: 100%; border-collapse: collapse; }
        th { text-align: left; font-weight: normal; width: 38%; padding: 1.5pt 4pt; }
        th.sub { padding-left: 16pt; }
        td { padding: 1.5pt 4pt; white-space: nowrap; }
        td.bar { width: 40%; }
        p.sign { margin-top: 24pt; page-break-before: avoid; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func svgBar(_ share: Double) -> String {
        let w = max(0, min(200, share * 200))
        return "<svg width=\"200\" height=\"10\" viewBox=\"0 0 200 10\" xmlns=\"http://www.w3.org/2000/svg\">"
            + "<rect x=\"0\" y=\"0\" width=\"200\" height=\"10\" fill=\"#eee\"/>"
            + String(format: "<rect x=\"0\" y=\"0\" width=\"%.1f\" height=\"10\" fill=\"#444\"/></svg>", w)
    }

    public static func esc(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
