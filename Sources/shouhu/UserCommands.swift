import App
import ArgumentParser
import Domain
import Foundation
import Storage

extension UserRole: ExpressibleByArgument {}

/// `shouhu user …`: the accounts of the program (the sign-in screen and role rules build on these).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Add, list and disable accounts; change passwords.",
        discussion: """
        Passwords are typed on the terminal (unechoed), or given one per line on standard input with --password-stdin.
        They are kept as salted PBKDF2-SHA256 hashes (600,000 rounds). Five wrong passwords in a row lock an
        account for five minutes, also across restarts; the message never says whether the name or the password was wrong.
        """,
        subcommands: [Add.self, Passwd.self, Disable.self, List.self, Verify.self])

    struct PasswordOptions: ParsableArguments {
        @Flag(name: .long, help: "Read the password(s) from standard input, one per line.") var passwordStdin = false
    }

    /// `shouhu user add 王主任 --role coordinator`
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an account.",
            discussion: "Example: shouhu user add 刘芳 --role mentor --mentor 13912340824 --password-stdin")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account name.") var name: String
        @Option(name: .long, help: "coordinator, mentor or viewer.") var role: UserRole
        @Option(name: .long, help: "For a mentor account: the phone of the mentor record it speaks for.") var mentor: String?
        @OptionGroup var password: PasswordOptions

        mutating func run() throws {
            let (database, principal, strings) = try CLIAccess.open(common)
            let input = PasswordInput(fromStandardInput: password.passwordStdin)
            let secret = try UserCommand.secret(input, strings, prompt: .userNewPasswordPrompt, again: true)
            try UserCommand.refusing(strings, name: name) {
                try database.addUser(name: name, role: role, mentorPhone: mentor, password: secret, now: Date(), actor: principal.name)
            }
            print(strings.format(.userAdded, name.trimmingCharacters(in: .whitespaces), strings.label("urole", role)))
        }
    }

    /// `shouhu user passwd 王主任`: the current password, then the new one (twice on a terminal).
    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change an account's password (the current one is asked first; --reset skips it).",
            discussion: """
            Wrong current passwords count towards the lock like any sign-in.
            --reset sets a new password without the current one and lifts a lock (for the coordinator).
            """)

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account name.") var name: String
        @Flag(name: .long, help: "Set a new password without the current one.") var reset = false
        @OptionGroup var password: PasswordOptions

        mutating func run() throws {
            var (database, strings) = try UserCommand.open(common)
            var actor = name
            let input = PasswordInput(fromStandardInput: password.passwordStdin)
            if reset {
                // Without the current password: a coordinator's decision.
                let (db, principal, _) = try CLIAccess.open(common)
                database = db
                actor = principal.name
                guard try database.user(named: name) != nil else { try UserCommand.fail(strings, strings.format(.userErrorUnknown, name)) }
            } else {
                let current = try UserCommand.secret(input, strings, prompt: .userCurrentPasswordPrompt, again: false)
                try UserCommand.signIn(database, strings, name: name, password: current)
            }
            let secret = try UserCommand.secret(input, strings, prompt: .userNewPasswordPrompt, again: true)
            try UserCommand.refusing(strings, name: name) { try database.setPassword(name: name, password: secret, actor: actor) }
            print(strings.format(.userPasswordChanged, name))
        }
    }

    /// `shouhu user disable 刘芳`
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: it can no longer sign in.")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account name.") var name: String

        mutating func run() throws {
            let (database, principal, strings) = try CLIAccess.open(common)
            try UserCommand.refusing(strings, name: name) { try database.disableUser(name: name, actor: principal.name) }
            print(strings.format(.userDisabled, name))
        }
    }

    /// `shouhu user list`: name, role, linked mentor, state; one a line, tab-separated.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts: name, role, linked mentor, state.")

        @OptionGroup var common: CommonOptions

        mutating func run() throws {
            let (database, _, strings) = try CLIAccess.open(common)
            let users = try database.users()
            if users.isEmpty { FileHandle.standardError.write(Data((strings[.userNone] + "\n").utf8)) }
            let now = Date()
            let time = DateFormatter()
            time.dateFormat = "yyyy-MM-dd HH:mm"
            time.timeZone = TimeZone(identifier: ProcessInfo.processInfo.environment["SHOUHU_TZ"] ?? "Asia/Shanghai")
            for u in users {
                var state = strings[.userStatusActive]
                if u.disabled {
                    state = strings[.userStatusDisabled]
                } else if let until = u.lockedUntil, until > now {
                    state = strings.format(.userStatusLocked, time.string(from: until))
                }
                print([u.name, u.role.rawValue, strings.label("urole", u.role), u.mentorName ?? "—", state].joined(separator: "\t"))
            }
        }
    }

    /// `shouhu user verify 王主任`: exit 0 when the password is right (counts like any sign-in).
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check an account's password: exit 0 when it is right, 1 otherwise (failures count towards the lock).")

        @OptionGroup var common: CommonOptions
        @Argument(help: "The account name.") var name: String
        @OptionGroup var password: PasswordOptions

        mutating func run() throws {
            let (database, strings) = try UserCommand.open(common)
            let input = PasswordInput(fromStandardInput: password.passwordStdin)
            try UserCommand.signIn(database, strings, name: name,
                                   password: try UserCommand.secret(input, strings, prompt: .userPasswordPrompt, again: false))
            FileHandle.standardError.write(Data((strings[.userVerified] + "\n").utf8))
        }
    }

    static func open(_ common: CommonOptions) throws -> (AppDatabase, Strings) {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        return (try common.openDatabase(env), strings)
    }

    /// Signs in, or fails with the one message that tells nothing about which part was wrong.
    static func signIn(_ database: AppDatabase, _ strings: Strings, name: String, password: String) throws {
        do {
            _ = try database.authenticate(name: name, password: password, now: Date())
        } catch is SignInFailure {
            try fail(strings, strings[.userSignInFailed])
        }
    }

    static func secret(_ input: PasswordInput, _ strings: Strings, prompt: StringKey, again: Bool) throws -> String {
        do {
            return try input.next(prompt: strings[prompt], again: again ? strings[.userPasswordAgain] : nil)
        } catch PasswordInput.Failure.mismatch {
            try fail(strings, strings[.userPasswordMismatch])
        } catch {
            try fail(strings, strings[.userPasswordMissing])
        }
    }

    /// Runs `body`, turning a `UserError` into its one line.
    static func refusing(_ strings: Strings, name: String, _ body: () throws -> Void) throws {
        do { try body() } catch let error as UserError {
            switch error {
            case .emptyName: try fail(strings, strings[.userErrorEmptyName])
            case .duplicateName: try fail(strings, strings.format(.userErrorDuplicate, name))
            case .unknownUser: try fail(strings, strings.format(.userErrorUnknown, name))
            case .mentorRequired: try fail(strings, strings[.userErrorMentorRequired])
            case .mentorNotAllowed: try fail(strings, strings[.userErrorMentorNotAllowed])
            case .unknownMentor: try fail(strings, strings[.userErrorUnknownMentor])
            case .passwordTooShort(let minimum): try fail(strings, strings.format(.userErrorPasswordShort, minimum))
            }
        }
    }

    /// `出错了：<reason>` on standard error, exit status 1.
    static func fail(_ strings: Strings, _ reason: String) throws -> Never {
        try BackupMessages.fail(strings.format(.errorGeneric, reason))
    }
}
