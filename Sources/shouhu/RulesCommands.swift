import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Scheduling
import ShouhuResources
import Storage

/// The obligation rules in force for a database: the community's own (stored by `shouhu rules set`)
/// or the shipped `Resources/rules/five-ones.yaml`.
enum ActiveRules {
    struct Loaded {
        var rules: ObligationRules
        var text: String
        /// True when the community stored its own rules.
        var isCustom: Bool
    }

    static func load(_ database: AppDatabase) throws -> Loaded {
        if let text = try database.setting(.obligationRules) {
            do {
                return Loaded(rules: try RulesReader.read(yaml: text), text: text, isCustom: true)
            } catch let error as TemplateReadError {
                // Checked before it was stored: only a newer program's rules can fail here.
                throw StoredRulesUnreadable(problem: error.problems.first)
            }
        }
        guard let url = ShouhuResources.rulesURL, let text = try? String(contentsOf: url, encoding: .utf8) else {
            return Loaded(rules: .fiveOnes, text: "", isCustom: false)
        }
        return Loaded(rules: try RulesReader.read(yaml: text), text: text, isCustom: false)
    }
}

/// `shouhu rules check|show|set|reset`: the obligation rules (五个一 and others) as data.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "The obligation rules (五个一): check a rules file, show, install or reset the rules in force.",
        discussion: """
        A rules file is YAML; the shipped Resources/rules/five-ones.yaml explains every key in its comments \
        (kind, pair_role, period semester|quarter|month|week, count, within_days, min_days). Changing rules never \
        changes a recorded contact, only what is counted as owed.
        """,
        subcommands: [Check.self, Show.self, SetRules.self, Reset.self]
    )

    /// `shouhu rules check FILE`
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rules file: every problem with its line and column; nothing is changed.",
            discussion: "Exit status 0 when the file can be used, 1 otherwise.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The rules file (YAML).") var file: String

        mutating func run() throws {
            let strings = try common.strings(ProcessInfo.processInfo.environment)
            let rules = try RulesCommand.read(file, strings)
            print(strings.format(.rulesCheckOK, file, rules.rules.count))
        }
    }

    /// `shouhu rules show`
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the rules in force: one line per obligation (or the YAML text with --yaml).")

        @OptionGroup var common: CommonOptions
        @Flag(name: .long, help: "Print the rules file itself.") var yaml = false

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let database = try common.openDatabase(env)
            let loaded = try ActiveRules.load(database)
            if yaml { print(loaded.text, terminator: loaded.text.hasSuffix("\n") ? "" : "\n"); return }
            print(strings[loaded.isCustom ? .rulesSourceCustom : .rulesSourceShipped])
            print(strings.format(.rulesMinDays, loaded.rules.minDays))
            let english = strings.language == .en
            for rule in loaded.rules.rules {
                var parts = [rule.id, rule.name(english: english), strings.label("ckind", rule.kind),
                             rule.pairRoles.sorted { $0.rawValue < $1.rawValue }.map { strings.label("prole", $0) }.joined(separator: "+"),
                             strings.format(.rulesCount, rule.count, strings.label("punit", rule.period))]
                if let w = rule.withinDays { parts.append(strings.format(.rulesWithin, w)) }
                if let m = rule.minDays { parts.append(strings.format(.rulesOwnMinDays, m)) }
                print(parts.joined(separator: "\t"))
            }
        }
    }

    /// `shouhu rules set FILE`
    struct SetRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Check a rules file and use it for this database (everyone using the database gets it).",
            discussion: """
            Needs a coordinator once the database has accounts (--user); the old and new rules text go into the audit trail.
            Example: shouhu rules set five-ones.yaml
            """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The rules file (YAML).") var file: String

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let rules = try RulesCommand.read(file, strings)
            let text = try String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8)
            let database = try common.openDatabase(env)
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let change = try database.setObligationRules(text, actor: principal.name, timestamp: Import.Children.timestamp(env))
            print(change.changed ? strings.format(.rulesSet, rules.rules.count) : strings.format(.rulesUnchanged, rules.rules.count))
        }
    }

    /// `shouhu rules reset`
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Go back to the shipped rules (the five ones); coordinators, recorded in the audit trail.")

        @OptionGroup var common: CommonOptions

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let database = try common.openDatabase(env)
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let change = try database.setObligationRules(nil, actor: principal.name, timestamp: Import.Children.timestamp(env))
            print(strings[change.changed ? .rulesReset : .rulesResetUnchanged])
        }
    }

    /// Reads and checks a rules file; problems go to standard error, one a line, and exit 1.
    static func read(_ file: String, _ strings: Strings) throws -> ObligationRules {
        do {
            return try RulesReader.read(contentsOf: URL(fileURLWithPath: file))
        } catch let error as TemplateReadError {
            let lines = error.problems.map { strings.describe($0, file: file) }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data((strings.format(.importCannotRead, file) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
