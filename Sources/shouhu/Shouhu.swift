import App
import ArgumentParser
import CursesBackend
import Domain
import Foundation
import Storage
import TerminalUI

/// `shouhu`: opens the TUI; subcommands work on the database from the shell.
@main
struct Shouhu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shouhu",
        abstract: "守护 Shouhu — records and care plans for left-behind children (留守儿童).",
        discussion: """
        With no subcommand, opens the terminal interface on the database.
        Database: --db PATH, else $SHOUHU_DB, else $XDG_DATA_HOME/shouhu/shouhu.sqlite.
        Language: --lang en|zh, else $SHOUHU_LANG (default Simplified Chinese).
        """,
        subcommands: [Demo.self, Sweep.self, Import.self, Export.self, BackupCommand.self, RestoreCommand.self, UserCommand.self, AuditCommand.self, PurgeCommand.self, ReviewCommand.self,
                      Capacity.self, PairingCommand.self, SettingsCommand.self, CalendarCommand.self, SemesterCommand.self, Obligations.self, RulesCommand.self, ReportCommand.self, Keys.self,
                      Bench.self, RobustnessHarness.self]
    )

    /// ArgumentParser's entry point, with the machine's faults (busy, full, read-only or damaged
    /// database) and the store's refusals told in one plain line in the user's language instead of
    /// an SQL message or English, and usage errors worded in the user's language (UsageErrors.swift).
    static func main() {
        Faults.install()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if let strings = Faults.strings() {
                if let line = refusalLine(for: error, strings: strings) {
                    FileHandle.standardError.write(Data((line + "\n").utf8))
                    Foundation.exit(1)
                }
                if let text = usageText(for: error, strings: strings) {
                    FileHandle.standardError.write(Data((text + "\n").utf8))
                    Foundation.exit(exitCode(for: error).rawValue)
                }
            }
            exit(withError: error)
        }
    }

    /// The one line for an error a command met: a fault of the machine, a command's own refusal
    /// (already in the user's words), or a refusal of a lower layer worded from the catalog. Nil for
    /// ArgumentParser's own errors (usage, help, exit codes).
    static func refusalLine(for error: any Error, strings: Strings) -> String? {
        if let line = Faults.line(for: error, strings: strings) { return line }
        if let e = error as? CalendarCommandError { return strings.format(.errorGeneric, e.description) }
        if let text = strings.explain(error) { return strings.format(.errorGeneric, text) }
        return nil
    }

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Open the separate demo database (created with synthetic data if missing), never the real one.")
    var demo = false

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        try TUI.checkLocale(strings, env)
        let path = DatabaseLocation.resolve(explicit: common.db, demo: demo, environment: env)
        let today = try common.today(env)
        let database = try Self.openDatabase(path, busyTimeout: AppDatabase.interactiveBusyTimeout)
        if demo, try database.rosterSummary(countingHouseholds: false).activeChildren == 0, try database.setting(.isDemo) != "1" {
            try database.fillDemo(DemoOptions(referenceDate: today), progress: { ProgressBar.show(strings[.demoProgress], $0, $1) })
        }
        try TUI.run(database: database, strings: strings, today: today, environment: env)
    }

    /// Opens the database (StorageError describes itself in plain words), warning on standard error
    /// when other users could read the file.
    /// Commands wait up to `busyTimeout` seconds for another process's write (an import elsewhere);
    /// the terminal interface waits less, so a keystroke never hangs for long.
    /// The strings of the command line, once loaded: the one-line notice of a database upgrade is
    /// given in the user's language.
    nonisolated(unsafe) static var upgradeStrings: Strings?

    /// One line on standard error before a database upgrade starts.
    static func noteUpgrade() {
        guard let strings = upgradeStrings ?? (try? Strings.load(.zhHans)) else { return }
        CLIAccess.note(strings[.dbUpgrading])
    }

    static func openDatabase(_ path: String, busyTimeout: TimeInterval = 30) throws -> AppDatabase {
        Faults.databasePath = path
        let database = try AppDatabase.open(path: path, busyTimeout: busyTimeout, willUpgrade: noteUpgrade)
        FilePrivacy.warnIfReadableByOthers(path)
        return database
    }
}

/// Options every command shares.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Path of the database file.")
    var db: String?

    @Option(name: .long, help: "Interface language: zh (default) or en.")
    var lang: String?

    @Option(name: .long, help: "The account to act as, once the database has accounts (password from SHOUHU_PASSWORD or standard input).")
    var user: String?

    /// The database at `--db`, else `$SHOUHU_DB`, else the default place (never the demo one).
    func openDatabase(_ env: [String: String]) throws -> AppDatabase {
        try Shouhu.openDatabase(DatabaseLocation.resolve(explicit: db, demo: false, environment: env))
    }

    /// The language asked for: `--lang`, else `$SHOUHU_LANG`, else Simplified Chinese.
    static func languageCode(lang: String?, _ env: [String: String]) -> String {
        lang ?? env["SHOUHU_LANG"] ?? Language.zhHans.rawValue
    }

    func strings(_ env: [String: String]) throws -> Strings {
        let code = Self.languageCode(lang: lang, env)
        guard let language = Language(code: code) else { throw usageError(.usageUnknownLanguage, code) }
        let strings = try Strings.load(language)
        Shouhu.upgradeStrings = strings
        return strings
    }

    /// Today in Asia/Shanghai (`SHOUHU_TODAY=YYYY-MM-DD` pins it, for demonstrations and tests).
    func today(_ env: [String: String]) throws -> LocalDate {
        if let pinned = env["SHOUHU_TODAY"] {
            guard let d = LocalDate(parsing: pinned) else { throw usageError(.usageEnvNeedsDate, "SHOUHU_TODAY", "2026-09-01") }
            return d
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: env["SHOUHU_TZ"] ?? "Asia/Shanghai") ?? TimeZone(identifier: "Asia/Shanghai")!
        let c = cal.dateComponents([.year, .month, .day], from: Date())
        return LocalDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}

/// `shouhu sweep`: opens the TUI straight in household-sweep entry (摸底排查).
struct Sweep: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the household sweep form: address and guardian once, then each child of the home.")

    @OptionGroup var common: CommonOptions

    @Flag(name: .long, help: "Use the separate demo database.")
    var demo = false

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        try TUI.checkLocale(strings, env)
        let path = DatabaseLocation.resolve(explicit: common.db, demo: demo, environment: env)
        let database = try Shouhu.openDatabase(path, busyTimeout: AppDatabase.interactiveBusyTimeout)
        try TUI.run(database: database, strings: strings, today: try common.today(env), environment: env, sweep: true)
    }
}

/// `shouhu capacity [ROLE N]`: how many children a mentor of each role may take (a community rule).
struct Capacity: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show, or set, how many children a new mentor of each role may be paired with.",
        discussion: """
        Roles: \(MentorRole.allCases.map(\.rawValue).joined(separator: ", ")). Existing mentors keep their own capacity.
        Anyone may look; a change needs a coordinator once the database has accounts (--user) and goes into the
        audit trail with the old and new capacity. Example: shouhu capacity volunteer 3
        """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "A role to change.") var role: String?
    // Text, not Int: a number that is no number is refused in the user's words (validate).
    @Argument(help: "Its new capacity (0–999).") var capacity: String?

    static let capacities = 0...999

    mutating func validate() throws {
        if let role, MentorRole(rawValue: role) == nil {
            throw usageError(.usageUnknownRole, role, labelledChoices(MentorRole.allCases, kind: "mrole"))
        }
        if role != nil, capacity == nil { throw usageError(.usageCapacityNeeded) }
        if let capacity, !(Int(capacity).map(Self.capacities.contains) ?? false) {
            throw usageError(.usageCapacityRange, Self.capacities.lowerBound, Self.capacities.upperBound, capacity)
        }
    }

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let database = try common.openDatabase(env)
        if let role = role.flatMap(MentorRole.init(rawValue:)), let capacity = capacity.flatMap({ Int($0) }) {
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let change = try database.setCapacity(capacity, for: role, actor: principal.name, timestamp: Import.Children.timestamp(env))
            let label = strings.format(.capacityOfRole, strings.label("mrole", role))
            print(change.changed ? strings.format(.settingsChanged, label, change.old ?? "", change.new ?? "")
                                 : strings.format(.settingsUnchanged, label, change.new ?? ""))
        }
        for r in MentorRole.allCases {
            print("\(r.rawValue)\t\(strings.label("mrole", r))\t\(try database.capacity(for: r))")
        }
    }
}

/// `shouhu keys`: prints the key table (the same one the help screen shows) as Markdown.
struct Keys: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print every key binding as a Markdown table.")

    @OptionGroup var common: CommonOptions

    mutating func run() throws {
        print(HelpView.markdown(try common.strings(ProcessInfo.processInfo.environment)), terminator: "")
    }
}

/// `shouhu demo`: fills a database with deterministic synthetic data.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fill a database with deterministic, synthetic demo data (no real person's data).",
        discussion: "Without --db it writes the separate demo database, never the real one."
    )

    @OptionGroup var common: CommonOptions

    @Option(name: .long, help: "How many children to generate.")
    var children = 300

    @Option(name: .long, help: "Random seed; the same seed gives the same data.")
    var seed: UInt64 = 2026

    mutating func validate() throws {
        guard (1...1_000_000).contains(children) else { throw usageError(.usageChildrenRange, 1, 1_000_000, children) }
    }

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let path = DatabaseLocation.resolve(explicit: common.db, demo: true, environment: env)
        let database = try Shouhu.openDatabase(path)
        let today = try common.today(env)
        let label = try common.strings(env)[.demoProgress]
        try database.fillDemo(DemoOptions(children: children, seed: seed, referenceDate: today),
                              progress: children >= 1000 ? { ProgressBar.show(label, $0, $1) } : nil)
        let summary = try database.rosterSummary()
        print("demo database \(path): \(summary.activeChildren) active and \(summary.archivedChildren) archived children in \(summary.households ?? 0) homes (seed \(seed))")
    }
}

/// A one-line progress bar on standard error.
enum ProgressBar {
    static func show(_ label: String, _ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let pct = total == 0 ? 100 : done * 100 / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        let end = done >= total ? "\n" : ""
        FileHandle.standardError.write("\r\(label) [\(bar)] \(pct)% \(done)/\(total)\(end)".data(using: .utf8)!)
    }
}
