import App
import Domain
import Foundation
import Interchange
import Scheduling
import ShouhuResources
import Storage

extension ReportTemplates {
    /// Renders one of `shouhu report --template` for the period.
    static func render(_ template: ReportCommand.Template, period: ReportPeriod, bands: [AgeBand], rules: ObligationRules,
                       today: LocalDate, database: AppDatabase, strings: Strings) throws -> Data {
        switch template {
        case .annualSummary:
            let f = try database.reportFigures(period: period, bands: bands, rules: rules, today: today)
            let language = strings.language.rawValue
            guard let url = ShouhuResources.templateURL(name: "annual-summary.\(language).txt"),
                  let template = try? String(contentsOf: url, encoding: .utf8) else {
                throw CalendarCommandError(strings.format(.reportTemplateMissing, "annual-summary.\(language).txt"))
            }
            return Data(annualSummary(f, template: template, english: strings.language == .en, label: { strings.text($0) }).utf8)
        case .quarterly:
            let f = try database.reportFigures(period: period, bands: bands, rules: rules, today: today)
            return Data(quarterlyReturn(f, signature: strings[.reportSignature]).utf8)
        case .talkCard:
            // A card per child for one month: the period's last month unless a month was given.
            let month = period.kind == .month ? period
                : ReportPeriod(parsing: String(format: "%04d-%02d", period.end.year, period.end.month))!
            let rows = try database.contactsForExport(from: month.start, to: month.end).filter { $0.contact.kind == .talk }
            var children: [Int64: Child] = [:]
            for id in Set(rows.map(\.contact.childID)) { children[id] = try database.child(id: id) }
            return Data(talkCards(rows, children: children, month: month).utf8)
        case .roster:
            return RosterExport.csv(try database.childrenForExport(includeArchived: false), includeArchived: false)
        }
    }
}
