import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Scheduling
import Storage

/// `shouhu report --period 2026-autumn [--format text|md|csv|json|html] [--out FILE] [--template …]`
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The statistics of a period: children, files, pairings, the five ones, contacts, activities.",
        discussion: """
        A period is a semester (2026-autumn), a quarter (2026-Q3), a year (2026), a month (2026-10) or a range \
        (2026-09-01..2026-12-31). Children are those on the roster at the period's end, ages at its end.
        Formats: text (bars in block characters), md, csv, json (keys period, children.total, children.by_sex, \
        children.by_age_band, children.grandparent_care_share, pairings.coverage, five_ones.completion, \
        activities.count, activities.attendance, …), html (print-ready A4 with charts).
        Templates: annual-summary (the statistical paragraphs of a year-end summary, every blank filled), \
        quarterly (the quarterly return to 妇联, HTML), talk-card (谈心记录卡 per child for a month, HTML), \
        roster (花名册 in the registration form's column order, CSV).
        Files are created readable by their owner only.
        Example: shouhu report --period 2026 --template annual-summary
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, md, csv, json, html }
    enum Template: String, ExpressibleByArgument, CaseIterable {
        case annualSummary = "annual-summary", quarterly, talkCard = "talk-card", roster
    }

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "2026-autumn, 2026-Q3, 2026, 2026-10 or 2026-09-01..2026-12-31 (default: the current semester).")
    var period: String?

    @Option(name: .long, help: "text (default), md, csv, json or html.")
    var format: Format = .text

    @Option(name: .long, help: "A fixed template instead of the figures: annual-summary, quarterly, talk-card, roster.")
    var template: Template?

    @Option(name: .long, help: "Age bands, e.g. 0-5,6-11,12-15 (the default).")
    var bands: String?

    @Option(name: .long, help: "Evaluate as of this date (YYYY-MM-DD; default: today in China).")
    var today: String?

    @Option(name: .long, help: "Write to this file instead of standard output.")
    var out: String?

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        var day = try common.today(env)
        if let today {
            guard let d = LocalDate(parsing: today) else { throw usageError(.cliBadDate, "--today", today, "2026-11-23") }
            day = d
        }
        var ageBands = AgeBand.standard
        if let bands {
            guard let parsed = AgeBand.parse(bands) else { throw CalendarCommandError(strings.format(.reportBadBands, bands)) }
            ageBands = parsed
        }
        if let period, ReportPeriod(parsing: period) == nil {
            throw CalendarCommandError(strings.format(.reportBadPeriod, period))
        }
        let database = try common.openDatabase(env)
        // Figures are aggregates (any account); the talk cards and the roster name children (coordinators).
        let personal = template == .talkCard || template == .roster
        _ = try CLIAccess.signIn(database, common, strings, need: personal ? .coordinator : .anyone)
        let text = try period ?? database.currentSemester(today: day).id
        guard let parsed = ReportPeriod(parsing: text) else { throw CalendarCommandError(strings.format(.reportBadPeriod, text)) }
        let p = try database.reportPeriod(parsed)
        let rules = try ActiveRules.load(database).rules
        let data: Data
        if let template {
            data = try ReportTemplates.render(template, period: p, bands: ageBands, rules: rules, today: day, database: database,
                                              strings: strings)
        } else {
            let figures = try database.reportFigures(period: p, bands: ageBands, rules: rules, today: day)
            let doc = ReportDocument.build(figures, english: strings.language == .en, text: { strings.text($0, $1) })
            switch format {
            case .text: data = Data(ReportFormats.text(doc).utf8)
            case .md: data = Data(ReportFormats.markdown(doc).utf8)
            case .csv: data = ReportFormats.csv(doc, headers: strings[.reportCSVHeaders].components(separatedBy: ","))
            case .json: data = ReportFormats.json(figures)
            case .html: data = Data(ReportFormats.html(doc, signature: strings[.reportSignature]).utf8)
            }
        }
        if let out {
            try PrivateFile.write(data, to: out)
            FileHandle.standardError.write(Data((strings.format(.reportWritten, out) + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}
