import App
import ArgumentParser
import Domain
import Foundation
import Scheduling
import Storage

/// A command's refusal, already in the user's words (from the catalog): printed as one line
/// (`出错了：…`, `Something went wrong: …`), exit status 1.
struct CalendarCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// `shouhu calendar …`: the festivals and the semester's activities (subcommands in CalendarPlanCommands.swift).
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The activity calendar: festivals of a year (lunar ones included), the semester plan, iCalendar export.",
        subcommands: [Festivals.self, List.self, ApplyTemplate.self, Export.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    /// `shouhu calendar festivals --year 2027 [--format json]`
    struct Festivals: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the festivals of a year with their dates, in date order.",
            discussion: """
            元旦, 春节 (lunar 1/1), 元宵 (1/15), 三八妇女节, 清明 (solar term), 五一, 五四青年节, 端午 (5/5),
            六一儿童节, 七一, 中秋 (8/15), 教师节, 国庆, 重阳 (9/9), as observed in China Standard Time.
            Text: one festival a line, `date<TAB>name<TAB>id` (English names with --lang en).
            JSON: an array of {"id", "name", "date"} with Chinese names.
            Example: shouhu calendar festivals --year 2027 --format json
            """
        )

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "The year (\(Festival.supportedYears.lowerBound)–\(Festival.supportedYears.upperBound)); default: this year.")
        var year: Int?

        @Option(name: .long, help: "text (default) or json.")
        var format: Format = .text

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let language = strings.language
            let year = try self.year ?? common.today(env).year
            guard Festival.supportedYears.contains(year) else {
                throw CalendarCommandError(strings.format(.calendarBadYear, Festival.supportedYears.lowerBound,
                                                          Festival.supportedYears.upperBound, year))
            }
            let list = Festival.festivals(in: year)
            switch format {
            case .text:
                for (festival, date) in list {
                    print("\(date)\t\(language == .en ? festival.englishName : festival.chineseName)\t\(festival.rawValue)")
                }
            case .json:
                print(Self.json(list))
            }
        }

        static func json(_ list: [(Festival, LocalDate)]) -> String {
            let rows = list.map { festival, date in
                "  {\"id\": \(jsonString(festival.rawValue)), \"name\": \(jsonString(festival.chineseName)), \"date\": \(jsonString(date.description))}"
            }
            return rows.isEmpty ? "[]" : "[\n" + rows.joined(separator: ",\n") + "\n]"
        }

        /// A JSON string literal (quotes, backslashes and control characters escaped).
        static func jsonString(_ s: String) -> String {
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }
}

/// `shouhu semester …`: the community's term dates.
struct SemesterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "semester",
        abstract: "Show or set the dates of the school terms (they differ by province).",
        discussion: """
        A semester is named by its first year and term: 2026-autumn (2026年秋季学期), 2027-spring (2027年春季学期).
        Defaults: autumn 1 Sep – 31 Jan, spring 1 Feb – 31 Jul; stored dates replace them.
        """,
        subcommands: [List.self, SetDates.self, Reset.self]
    )

    /// One line per term: `id<TAB>name<TAB>start<TAB>end<TAB>custom|default<TAB>current|-`.
    static func line(_ entry: SemesterEntry, language: Language, current: Bool?) -> String {
        let s = entry.semester
        var fields = [s.id, language == .en ? s.englishName : s.displayName, s.start.description, s.end.description,
                      entry.isCustom ? "custom" : "default"]
        if let current { fields.append(current ? "current" : "-") }
        return fields.joined(separator: "\t")
    }


    /// `shouhu semester list`
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the stored terms and the current one with its neighbours.",
            discussion: "Columns: id, name, start, end, custom or default dates, current or -. Example: shouhu semester list")

        @OptionGroup var common: CommonOptions

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let language = try common.strings(env).language
            let today = try common.today(env)
            let database = try common.openDatabase(env)
            let current = try database.currentSemester(today: today)
            for entry in try database.semesters(today: today) {
                print(SemesterCommand.line(entry, language: language, current: entry.semester.id == current.id))
            }
        }
    }

    /// `shouhu semester set 2026-autumn --from 2026-09-01 --to 2027-01-24`
    struct SetDates: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Set a term's first and last day (coordinators; recorded in the audit trail).",
            discussion: """
            An autumn term starts between 1 July and 31 October and ends by the next 31 March; a spring term
            starts between 1 January and 30 April and ends by 31 August; terms may not overlap.
            Once the database has accounts this needs a coordinator (--user); the old and new dates go into the audit trail.
            Example: shouhu semester set 2026-autumn --from 2026-09-01 --to 2027-01-24
            """)

        @OptionGroup var common: CommonOptions

        @Argument(help: "The term, like 2026-autumn or 2027-spring.") var id: String
        @Option(name: .long, help: "First day, YYYY-MM-DD.") var from: String
        @Option(name: .long, help: "Last day, YYYY-MM-DD.") var to: String

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let language = strings.language
            guard let start = LocalDate(parsing: from) else { throw CalendarCommandError(strings.format(.cliBadDate, "--from", from, "2026-09-01")) }
            guard let end = LocalDate(parsing: to) else { throw CalendarCommandError(strings.format(.cliBadDate, "--to", to, "2027-01-24")) }
            let database = try common.openDatabase(env)
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let saved = try database.setSemester(id: id, from: start, to: end, actor: principal.name,
                                                 timestamp: Import.Children.timestamp(env))
            print(SemesterCommand.line(SemesterEntry(semester: saved, isCustom: true), language: language, current: nil))
        }
    }

    /// `shouhu semester reset 2026-autumn`
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget a term's stored dates: it goes back to the defaults (coordinators; recorded in the audit trail).",
            discussion: "Example: shouhu semester reset 2026-autumn")

        @OptionGroup var common: CommonOptions

        @Argument(help: "The term, like 2026-autumn.") var id: String

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let language = strings.language
            let database = try common.openDatabase(env)
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            try database.resetSemester(id: id, actor: principal.name, timestamp: Import.Children.timestamp(env))
            print(SemesterCommand.line(try database.semesterEntry(id: id), language: language, current: nil))
        }
    }
}
