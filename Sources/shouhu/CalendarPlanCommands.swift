import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Scheduling
import ShouhuResources
import Storage

/// `shouhu calendar apply-template | export | list`: the semester's activities from the shell.
extension CalendarCommand {
    /// The semester `--semester` names, with the community's dates; the current one when not given.
    static func semester(_ id: String?, _ database: AppDatabase, _ common: CommonOptions, _ env: [String: String]) throws -> Semester {
        if let id { return try database.semester(id: id) }
        return try database.currentSemester(today: common.today(env))
    }

    /// `2026-10-18 09:00-11:00` or `2026-10-18 all-day`.
    static func when(_ a: Activity) -> String {
        let time = a.startTime.map { s in a.endTime.map { s + "-" + $0 } ?? s } ?? "all-day"
        return "\(a.date)\t\(time)"
    }

    /// `shouhu calendar apply-template [FILE] --semester 2026-autumn`
    struct ApplyTemplate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "apply-template",
            abstract: "Create a semester's planned activities from a plan template (行事历).",
            discussion: """
            FILE is a YAML plan (format: the comments of the shipped default, Resources/templates/semester-plan.yaml);
            without FILE the shipped default is used. Entries are dated by rule ("month: 9, week: 2, weekday: 6",
            "date: 10-01", "festival: double_ninth", "monthly: {nth: 1, weekday: 6}") within the semester's dates.
            Applying the same plan twice creates nothing new. Once the database has accounts this needs a coordinator
            (--user; not for --dry-run), and each activity created goes into the audit trail as theirs. A malformed
            file is refused with the line of each problem, and nothing is written. Output: one line per activity
            created (`created<TAB>date<TAB>time<TAB>title`), per entry with no day in the semester
            (`skipped<TAB>title<TAB>reason`), then a summary.
            Example: shouhu calendar apply-template --semester 2026-autumn
            """)

        @OptionGroup var common: CommonOptions

        @Argument(help: "The plan file (YAML); default: the shipped semester-plan.yaml.") var file: String?
        @Option(name: .long, help: "The semester, like 2026-autumn or 2027-spring; default: the current one.") var semester: String?
        @Flag(name: .long, help: "Show what would be created, write nothing.") var dryRun = false

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let url: URL
            if let file {
                url = URL(fileURLWithPath: file)
                guard FileManager.default.fileExists(atPath: url.path) else { throw CalendarCommandError(strings.format(.cliNoSuchFile, file)) }
            } else {
                guard let shipped = ShouhuResources.templateURL(name: "semester-plan.yaml") else {
                    throw CalendarCommandError(strings[.planDefaultMissing])
                }
                url = shipped
            }
            let template: SemesterTemplate
            do {
                template = try SemesterTemplateReader.read(contentsOf: url)
            } catch let error as TemplateReadError {
                // Every problem on a line of its own, named by file, line and column (as `shouhu rules check`).
                let name = url.lastPathComponent
                let lines = error.problems.map { strings.describe($0, file: name) }
                FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(1)
            }
            let database = try common.openDatabase(env)
            // Planning activities is a coordinator's (as on the calendar screen); a dry run writes nothing.
            let principal = dryRun ? nil : try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let term = try CalendarCommand.semester(semester, database, common, env)
            let plan = template.plan(for: term)
            let result: TemplateApplication
            if let principal {
                result = try database.applySemesterPlan(plan, actor: principal.name, timestamp: Import.Children.timestamp(env))
                for id in result.created {
                    if let a = try database.activity(id: id) { print("created\t\(CalendarCommand.when(a))\t\(a.title)") }
                }
            } else {
                result = TemplateApplication(created: [], alreadyThere: 0)
                for p in plan.activities { print("planned\t\(CalendarCommand.when(p.activity))\t\(p.activity.title)") }
            }
            for s in plan.skipped { print("skipped\t\(s.title)\t\(strings.describe(s.reason))") }
            let name = template.name.isEmpty ? url.lastPathComponent : template.name
            let span = strings.format(.planSpan, term.id, term.start, term.end)
            if dryRun {
                print(strings.format(.planDryRun, plan.activities.count, strings.semesterName(term), name, span))
            } else {
                print(strings.format(.planApplied, result.created.count, result.alreadyThere, name, strings.semesterName(term), span))
            }
        }
    }

    /// `shouhu calendar export --semester 2026-autumn --out 行事历.ics`
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a semester's activities as an iCalendar file (.ics) for calendar programs.",
            discussion: """
            RFC 5545: UTF-8, CRLF, long lines folded; all-day activities as dates, timed ones in Asia/Shanghai;
            cancelled ones marked CANCELLED; deleted ones left out. Each activity keeps its UID
            (activity-<id>@shouhu), so importing a newer export updates the events instead of doubling them.
            Example: shouhu calendar export --semester 2026-autumn --out 行事历.ics
            """)

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "The semester, like 2026-autumn; default: the current one.") var semester: String?
        @Option(name: .long, help: "Output file (default: standard output).") var out: String?

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let language = strings.language
            let database = try common.openDatabase(env)
            let term = try CalendarCommand.semester(semester, database, common, env)
            let activities = try database.activities(from: term.start, to: term.end)
            let name = language == .en ? "\(term.englishName) activities" : "\(term.displayName) 行事历"
            let data = Data(ICalendarWriter(calendarName: name, stamp: ICalendarWriter.utcStamp(Date())).document(activities).utf8)
            if let out {
                do { try PrivateFile.write(data, to: out) } catch { // 0600, like every export
                    if let code = Faults.posixCode(error), [.ENOSPC, .EFBIG, .EDQUOT].contains(code) { throw error }
                    throw CalendarCommandError(strings.format(.backupCannotWrite, out))
                }
                FileHandle.standardError.write(Data((strings.format(.calendarExported, activities.count, term.id, out) + "\n").utf8))
            } else {
                FileHandle.standardOutput.write(data)
            }
        }
    }

    /// `shouhu calendar list --semester 2026-autumn`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a semester's activities (or those between two dates), one a line.",
            discussion: """
            Columns: id, date, time (HH:mm-HH:mm or all-day), category, title, attendance count, and
            `cancelled` for a cancelled one. Example: shouhu calendar list --from 2026-10-01 --to 2026-10-31
            """)

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "The semester, like 2026-autumn; default: the current one.") var semester: String?
        @Option(name: .long, help: "First day, YYYY-MM-DD (instead of a semester).") var from: String?
        @Option(name: .long, help: "Last day, YYYY-MM-DD (with --from).") var to: String?

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let database = try common.openDatabase(env)
            let start: LocalDate, end: LocalDate
            if from != nil || to != nil {
                guard let f = from.flatMap(LocalDate.init(parsing:)) else { throw CalendarCommandError(strings.format(.cliNeedsDate, "--from", "2026-10-01")) }
                guard let t = to.flatMap(LocalDate.init(parsing:)) else { throw CalendarCommandError(strings.format(.cliNeedsDate, "--to", "2026-10-31")) }
                (start, end) = (f, t)
            } else {
                let term = try CalendarCommand.semester(semester, database, common, env)
                (start, end) = (term.start, term.end)
            }
            let counts = try database.attendanceCounts(from: start, to: end)
            for a in try database.activities(from: start, to: end) {
                var fields = [String(a.id ?? 0), CalendarCommand.when(a), a.category.rawValue, a.title, String(counts[a.id ?? 0] ?? 0)]
                if a.cancelled { fields.append("cancelled") }
                print(fields.joined(separator: "\t"))
            }
        }
    }
}
