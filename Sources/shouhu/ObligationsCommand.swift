import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Scheduling
import Storage
import TerminalUI

/// `shouhu obligations --semester 2026-autumn [--today D] [--mentor PHONE] [--format table|csv|json]`
struct Obligations: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What each pairing owes this semester under the rules (五个一): done, due, overdue or not owed.",
        discussion: """
        One row per pairing × obligation × period. Table: one line per pairing, a column per obligation \
        (✓ done, · due, ! overdue, – not owed; one mark per period for monthly or weekly rules) and a summary line. \
        CSV: Chinese headers, one line per row. JSON: an array of objects with child (ID number), child_name, mentor \
        (phone), mentor_name, rule, kind (visit, talk, teacher, guardian, letter, call, other), period (2026-autumn, \
        2026-Q4, 2026-10, 2026-W37), status (done, due, overdue, not_owed), date (done date or null), target, reason \
        (for not_owed: too_few_days, child_archived, mentor_left, ended_early; else null).
        Example: shouhu obligations --semester 2026-autumn --mentor 13912340824 --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "The semester, e.g. 2026-autumn or 2027-spring (default: the current one).")
    var semester: String?

    @Option(name: .long, help: "Evaluate as of this date (YYYY-MM-DD; default: today in China).")
    var today: String?

    @Option(name: .long, help: "Only this mentor's pairings and contacts (their phone).")
    var mentor: String?

    @Option(name: .long, help: "table (default), csv or json.")
    var format: Format = .table

    @Option(name: .long, help: "Write to this file (created readable by its owner only) instead of standard output.")
    var out: String?

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let day: LocalDate
        if let today {
            guard let d = LocalDate(parsing: today) else { throw usageError(.cliBadDate, "--today", today, "2026-11-23") }
            day = d
        } else {
            day = try common.today(env)
        }
        let database = try common.openDatabase(env)
        let principal = try CLIAccess.signIn(database, common, strings, need: .coordinatorOrMentor)
        let semesterID = try semester ?? database.currentSemester(today: day).id
        guard Semester(id: semesterID) != nil else { throw CalendarCommandError(strings.format(.obligationsNoSemester, semesterID)) }
        var mentorID: Int64?
        if let mentor {
            guard let id = try database.findMentor(phone: mentor) else {
                throw CalendarCommandError(strings.format(.obligationsUnknownMentor, mentor))
            }
            mentorID = id
        }
        // A mentor account sees its own pairings only, whatever --mentor says.
        if let own = principal.mentorScope {
            if mentorID != nil, mentorID != own { throw CalendarCommandError(strings[.accessDenied]) }
            mentorID = own
        }
        let rules = try ActiveRules.load(database).rules
        let input = try database.obligationInput(rules: rules, semesterID: semesterID, mentorID: mentorID, today: day)
        let listing = try ObligationListing.load(ObligationEngine.evaluate(input), from: database)
        let english = strings.language == .en
        let data: Data
        switch format {
        case .json: data = ObligationOutput.json(listing)
        case .csv: data = ObligationOutput.csv(listing, english: english)
        case .table: data = Data(Self.table(listing, strings: strings).utf8)
        }
        if let out { try PrivateFile.write(data, to: out) } else { FileHandle.standardOutput.write(data) }
    }

    /// One line per pairing: child, mentor, then one column per rule with a mark per period.
    static func table(_ listing: ObligationListing, strings: Strings) -> String {
        let report = listing.report
        let english = strings.language == .en
        var lines: [[String]] = [[english ? "child" : "儿童", english ? "mentor" : "帮扶人"]
            + report.rules.rules.map { $0.name(english: english) }]
        var i = 0
        var pairings = 0
        while i < report.rows.count {
            let pairing = report.rows[i].pairingID
            var marks = [String](repeating: "", count: report.rules.rules.count)
            var j = i
            while j < report.rows.count, report.rows[j].pairingID == pairing {
                marks[Int(report.rows[j].rule)] += ObligationOutput.symbol(report.rows[j].state)
                j += 1
            }
            let row = report.rows[i]
            lines.append([listing.children[row.childID]?.name ?? "#\(row.childID)", listing.mentors[row.mentorID]?.name ?? "#\(row.mentorID)"]
                         + marks)
            pairings += 1
            i = j
        }
        let widths = (0..<lines[0].count).map { c in lines.map { TextWidth.of($0[c]) }.max() ?? 0 }
        var text = lines.map { line in
            line.enumerated().map { c, cell in cell + String(repeating: " ", count: widths[c] - TextWidth.of(cell)) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }.joined(separator: "\n")
        let t = ObligationTally.of(report.rows)
        let pct = t.completion.map { String(format: "%.1f%%", $0 * 100) } ?? "–"
        text += "\n\n" + strings.format(.obligationsSummary, report.semester.id, pairings, t.done, t.due, t.overdue, t.notOwed, pct) + "\n"
        return text
    }
}
