import App
import ArgumentParser
import Domain
import Foundation
import Storage
import TerminalUI

/// `shouhu settings [show] | set NAME VALUE | reset NAME`: the community's own settings — its name
/// (the header and every report) and the idle lock's minutes.
struct SettingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "settings",
        abstract: "Show or change the community's own settings: its name and the idle lock.",
        discussion: """
        community-name: the 社区/村/镇 name shown in the header and on every report (at most \
        \(CommunitySetting.nameMaximum) characters, no line breaks or other control characters).
        idle-minutes: minutes without a key before the screen locks (default \(CommunitySetting.idleDefault), \
        0 never, fractions such as 0.5 allowed, at most \(CommunitySetting.idleMaximum)); SHOUHU_IDLE_MINUTES overrides it.
        Changes need a coordinator once the database has accounts (--user) and go into the audit trail with the old and new value.
        Example: shouhu settings set community-name 青山镇留守儿童之家
        """,
        subcommands: [Show.self, SetValue.self, Reset.self],
        defaultSubcommand: Show.self)

    /// `shouhu settings` / `shouhu settings show`: one line per setting, `name<TAB>label<TAB>value`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every setting: name, what it is, its value or (default …).")

        @OptionGroup var common: CommonOptions

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let database = try common.openDatabase(env)
            for setting in CommunitySetting.allCases {
                var value = SettingsCommand.shown(try database.setting(SettingKey(setting)), setting, strings)
                if let note = SettingsCommand.overrideNote(setting, env, strings) { value += note }
                print([setting.rawValue, strings.label("setting", setting), value].joined(separator: "\t"))
            }
        }
    }

    /// `shouhu settings set community-name 青山镇留守儿童之家`
    struct SetValue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a setting (coordinators; recorded in the audit trail).",
            discussion: """
            Examples: shouhu settings set community-name "青山镇留守儿童之家"
                      shouhu settings set idle-minutes 10
            """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "community-name or idle-minutes.") var name: String
        // Unrecognized words are taken as the value, so `-1` is refused as minutes rather than as an option.
        @Argument(parsing: .allUnrecognized, help: "The new value.") var value: [String] = []

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let setting = try SettingsCommand.setting(name, strings)
            guard value.count == 1, let text = value.first else { try UserCommand.fail(strings, strings[.settingsOneValue]) }
            // Checked before the database is opened: a value that cannot be stored needs no password.
            if case .failure(let problem) = setting.check(text) { try UserCommand.fail(strings, strings.describe(problem)) }
            try SettingsCommand.change(setting, to: text, common, env, strings)
        }
    }

    /// `shouhu settings reset idle-minutes`
    struct Reset: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Forget a setting: its default applies again (coordinators; recorded in the audit trail).",
            discussion: "Example: shouhu settings reset idle-minutes")

        @OptionGroup var common: CommonOptions
        @Argument(help: "community-name or idle-minutes.") var name: String

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            try SettingsCommand.change(try SettingsCommand.setting(name, strings), to: nil, common, env, strings)
        }
    }

    /// Signs in (a coordinator, once the database has accounts), stores the change with its audit entry
    /// and says what changed: `社区名称：（默认：未设置） → 青山镇留守儿童之家`.
    static func change(_ setting: CommunitySetting, to text: String?, _ common: CommonOptions, _ env: [String: String],
                       _ strings: Strings) throws {
        let database = try common.openDatabase(env)
        let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
        let change: SettingChange
        do {
            change = try database.setCommunitySetting(setting, to: text, actor: principal.name,
                                                      timestamp: Import.Children.timestamp(env))
        } catch let problem as CommunitySetting.Problem {
            try UserCommand.fail(strings, strings.describe(problem))
        }
        let label = strings.label("setting", setting)
        if change.changed {
            print(strings.format(.settingsChanged, label, shown(change.old, setting, strings), shown(change.new, setting, strings)))
        } else {
            print(strings.format(.settingsUnchanged, label, shown(change.new, setting, strings)))
        }
        if let note = overrideNote(setting, env, strings) { CLIAccess.note(note.trimmingCharacters(in: .whitespaces)) }
    }

    /// The setting named on the command line, or a one-line refusal naming the settings there are.
    static func setting(_ name: String, _ strings: Strings) throws -> CommunitySetting {
        guard let setting = CommunitySetting(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
            try UserCommand.fail(strings, strings.format(.settingsUnknown, InertText.make(name),
                                                         CommunitySetting.allCases.map(\.rawValue).joined(separator: ", ")))
        }
        return setting
    }

    /// A stored value as shown (inert: nothing in it reaches the terminal as a control), or its default.
    static func shown(_ value: String?, _ setting: CommunitySetting, _ strings: Strings) -> String {
        if let value { return InertText.make(value) }
        switch setting {
        case .communityName: return strings[.settingsDefaultName]
        case .idleMinutes: return strings.format(.settingsDefaultMinutes, CommunitySetting.idleDefault)
        }
    }

    /// ` (SHOUHU_IDLE_MINUTES=2 takes precedence)` (its own leading space where the language wants one) when the environment overrides the stored idle minutes.
    static func overrideNote(_ setting: CommunitySetting, _ env: [String: String], _ strings: Strings) -> String? {
        guard setting == .idleMinutes, let value = env["SHOUHU_IDLE_MINUTES"] else { return nil }
        return strings.format(.settingsEnvOverrides, InertText.make(value))
    }
}
