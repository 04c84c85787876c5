import Domain
import Foundation
import Scheduling
import Storage

/// One line of a report: a label, its figure as written, and, for a chart, the share the bar shows
/// (0…1) and the children behind it.
public struct ReportItem: Equatable, Sendable {
    public var label: String
    public var value: String
    /// The bar's length, 0…1; nil for a line without a bar.
    public var share: Double?
    /// The children behind the figure, when it counts children.
    public var slice: ChildSlice?

    public init(_ label: String, _ value: String, share: Double? = nil, slice: ChildSlice? = nil) {
        self.label = label; self.value = value; self.share = share; self.slice = slice
    }
}

/// A titled group of lines.
public struct ReportSection: Equatable, Sendable {
    public var title: String
    public var items: [ReportItem]
}

/// The figures of a period as sections of labelled lines, in the user's language: what the reports
/// screen draws and what `shouhu report` writes as text, Markdown, CSV or HTML.
public struct ReportDocument: Equatable, Sendable {
    public var title: String
    /// Community · period · as of.
    public var subtitle: String
    /// The period and the as-of date alone (for a screen whose header names the community).
    public var periodLine: String
    public var sections: [ReportSection]

    /// Builds the document. `text` gives the catalog string of a key (`report.*`, `sex.*`, …) with
    /// `{0}`… filled from the arguments; the caller passes its string catalog.
    public static func build(_ f: ReportFigures, english: Bool, text: (String, [CustomStringConvertible]) -> String) -> ReportDocument {
        func t(_ key: String, _ args: CustomStringConvertible...) -> String { text(key, args) }
        func pct(_ x: Double?) -> String { x.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        func people(_ n: Int, of total: Int) -> ReportItem.ValueShare {
            (t("report.people", n) + (total > 0 ? "  " + pct(Double(n) / Double(total)) : ""), total > 0 ? Double(n) / Double(total) : 0)
        }
        func childItem(_ label: String, _ n: Int, _ slice: ChildSlice) -> ReportItem {
            let v = people(n, of: f.children)
            return ReportItem(label, v.0, share: v.1, slice: slice)
        }
        var sections: [ReportSection] = []

        var basic = [ReportItem(t("report.children_total"), t("report.people", f.children), slice: .all)]
        for s in Sex.allCases { basic.append(childItem(t("report.sex." + s.rawValue), f.bySex[s] ?? 0, .sex(s))) }
        if f.sexUnknown > 0 { basic.append(childItem(t("report.unknown"), f.sexUnknown, .sex(nil))) }
        sections.append(ReportSection(title: t("report.section.children"), items: basic))

        var ages = f.byAgeBand.map { childItem(t("report.age_band", $0.band.low, $0.band.high), $0.count, .ageBand($0.band)) }
        if f.ageUnknown > 0 { ages.append(childItem(t("report.age_other"), f.ageUnknown, .ageBand(nil))) }
        sections.append(ReportSection(title: t("report.section.age"), items: ages))

        var types = LeftBehindType.allCases.map { childItem(t("type." + $0.rawValue), f.byType[$0] ?? 0, .leftBehind($0)) }
        if f.typeUnknown > 0 { types.append(childItem(t("report.unknown"), f.typeUnknown, .leftBehind(nil))) }
        sections.append(ReportSection(title: t("report.section.type"), items: types))

        let care = CareGroup.allCases.filter { $0 != .unknown || (f.byCare[.unknown] ?? 0) > 0 }
            .map { childItem(t("care." + $0.rawValue), f.byCare[$0] ?? 0, .care($0)) }
        sections.append(ReportSection(title: t("report.section.care"), items: care
            + [childItem(t("report.hardship"), f.hardship, .hardship), childItem(t("report.disability"), f.disability, .disability)]))

        var files = [ReportItem(t("report.file_rate"), pct(f.fileRate) + "  (" + t("report.people", f.complete) + ")", share: f.fileRate,
                                slice: .incomplete(nil)),
                     ReportItem(t("report.added"), t("report.people", f.added), slice: .added),
                     ReportItem(t("report.archived"), t("report.people", f.archivedTotal), slice: .archived(nil))]
        for r in ArchiveReason.allCases where (f.archived[r] ?? 0) > 0 {
            files.append(ReportItem("  " + t("archive." + r.rawValue), t("report.people", f.archived[r]!), slice: .archived(r)))
        }
        for field in ChildField.allCases where (f.missing[field] ?? 0) > 0 {
            files.append(ReportItem(t("report.missing", t("cf." + field.rawValue)), t("report.people", f.missing[field]!),
                                    share: f.share(f.missing[field]!), slice: .incomplete(field)))
        }
        sections.append(ReportSection(title: t("report.section.files"), items: files))

        var mentors = [ReportItem(t("report.coverage"), pct(f.coverage) + "  (" + t("report.people", f.covered) + ")", share: f.coverage,
                                  slice: .uncovered),
                       ReportItem(t("report.mentors_total"), t("report.people", f.mentorsTotal))]
        let maxRole = max(1, f.mentorsByRole.values.max() ?? 1)
        for role in MentorRole.allCases where (f.mentorsByRole[role] ?? 0) > 0 {
            let n = f.mentorsByRole[role]!
            mentors.append(ReportItem("  " + t("mrole." + role.rawValue), t("report.people", n), share: Double(n) / Double(maxRole)))
        }
        sections.append(ReportSection(title: t("report.section.pairing"), items: mentors))

        func tallyItem(_ label: String, _ tally: ObligationTally) -> ReportItem {
            ReportItem(label, pct(tally.completion) + "  (\(tally.done)/\(tally.owed))", share: tally.completion ?? 0)
        }
        var five = [tallyItem(t("report.five_ones_overall"), f.fiveOnes)]
        five += f.fiveOnesByRule.map { tallyItem("  " + (english ? $0.nameEn : $0.nameZh), $0.tally) }
        if f.fiveOnes.overdue > 0 { five.append(ReportItem(t("report.overdue"), String(f.fiveOnes.overdue))) }
        // The heading names the semesters counted and the day they are counted to (the period's end, or today).
        let semesters = f.fiveOnesSemesters.map { english ? $0.englishName : $0.displayName }
        let asOf = min(f.asOf, f.period.end)
        sections.append(ReportSection(title: t("report.section.five_ones",
                                               semesters.isEmpty ? "–" : semesters.joined(separator: english ? ", " : "、"), asOf),
                                      items: five))
        sections.append(ReportSection(title: t("report.section.five_ones_grid"),
                                      items: f.fiveOnesByGrid.map { tallyItem($0.grid.isEmpty ? t("report.unknown") : $0.grid, $0.tally) }))
        sections.append(ReportSection(title: t("report.section.five_ones_mentor"),
                                      items: f.fiveOnesByMentor.map { tallyItem($0.mentor, $0.tally) }))

        let maxKind = max(1, f.contactsByKind.values.max() ?? 1)
        var contacts = [ReportItem(t("report.contacts_total"), String(f.contactsTotal))]
        for k in ContactKind.allCases where (f.contactsByKind[k] ?? 0) > 0 {
            let n = f.contactsByKind[k]!
            contacts.append(ReportItem("  " + t("ckind." + k.rawValue), String(n), share: Double(n) / Double(maxKind)))
        }
        sections.append(ReportSection(title: t("report.section.contacts"), items: contacts))

        let maxCat = max(1, f.activitiesByCategory.values.max() ?? 1)
        var acts = [ReportItem(t("report.activities"), String(f.activities)),
                    ReportItem(t("report.attendance"), t("report.times", f.attendance)),
                    ReportItem(t("report.reached"), t("report.people", f.childrenReached), share: f.share(f.childrenReached))]
        for c in ActivityCategory.allCases where (f.activitiesByCategory[c] ?? 0) > 0 {
            let n = f.activitiesByCategory[c]!
            acts.append(ReportItem("  " + t("acat." + c.rawValue), String(n), share: Double(n) / Double(maxCat)))
        }
        sections.append(ReportSection(title: t("report.section.activities"), items: acts))

        let place = f.communityName.isEmpty ? "" : f.communityName + " · "
        let name = english ? f.period.englishName : f.period.displayName
        let line = f.period.kind == .range ? t("report.subtitle_range", f.period.start, f.period.end, asOf)
            : t("report.subtitle", name, f.period.start, f.period.end, asOf)
        return ReportDocument(title: t("report.title"), subtitle: place + line, periodLine: line, sections: sections)
    }
}

extension ReportItem {
    typealias ValueShare = (String, Double)
}
