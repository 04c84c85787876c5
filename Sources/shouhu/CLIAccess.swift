import App
import ArgumentParser
import Domain
import Foundation
import Storage

/// Who runs a command that reads or writes personal data. Once the database has accounts, the command
/// needs `--user NAME` and that account's password (from `SHOUHU_PASSWORD`, else the first line of
/// standard input, or typed unechoed on a terminal), under the same rules as the sign-in screen (one
/// message for every failure, five in a row lock the account); then the role must allow the command.
/// A demo database (invented data) and one without accounts need none, and a demo database says so.
enum CLIAccess {
    /// What a command needs of the role.
    enum Need {
        case coordinator
        /// A coordinator, or a mentor (whose output the command narrows to their own children).
        case coordinatorOrMentor
        /// Any account (aggregates, no one's personal data).
        case anyone
    }

    static func signIn(_ database: AppDatabase, _ common: CommonOptions, _ strings: Strings, need: Need) throws -> Principal {
        let system = systemActor(ProcessInfo.processInfo.environment)
        if try database.setting(.isDemo) == "1" {
            note(strings[.cliDemoExempt])
            return .coordinator(system)
        }
        guard try database.hasUsers() else { return .coordinator(system) }
        guard let name = common.user?.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            try BackupMessages.fail(strings.format(.errorGeneric, strings[.cliUserRequired]))
        }
        let password: String
        do {
            password = try Passphrase.read(variable: "SHOUHU_PASSWORD", prompt: strings[.userPasswordPrompt])
        } catch {
            try BackupMessages.fail(strings.format(.errorGeneric, strings[.cliPasswordMissing]))
        }
        let account: UserAccount
        do {
            account = try database.authenticate(name: name, password: password, now: Date())
        } catch is SignInFailure {
            try BackupMessages.fail(strings.format(.errorGeneric, strings[.userSignInFailed]))
        }
        let principal = Principal(name: account.name, role: account.role, mentorID: account.mentorID)
        let allowed: Bool
        switch need {
        case .coordinator: allowed = principal.isCoordinator
        case .coordinatorOrMentor: allowed = principal.role != .viewer
        case .anyone: allowed = true
        }
        guard allowed else { try BackupMessages.fail(strings.format(.errorGeneric, strings[.accessDenied])) }
        return principal
    }

    /// For commands that must not write before their work (a backup while another program holds a write):
    /// the facts are read without opening the database for writing, and the database is opened (to check
    /// the password) only when it has accounts. Nil when no sign-in was needed.
    static func signIn(path: String, _ common: CommonOptions, _ strings: Strings, need: Need) throws -> Principal? {
        let facts: (isDemo: Bool, hasUsers: Bool)
        do { facts = try AppDatabase.accountFacts(path: path) } catch let error as BackupError {
            try BackupMessages.fail(BackupMessages.describe(error, strings, file: path))
        }
        if facts.isDemo { note(strings[.cliDemoExempt]) }
        guard facts.hasUsers, !facts.isDemo else { return nil }
        return try signIn(try AppDatabase.open(path: path, willUpgrade: Shouhu.noteUpgrade), common, strings, need: need)
    }

    /// Opens the database at the command's path and signs in (see `signIn`).
    static func open(_ common: CommonOptions, need: Need = .coordinator) throws -> (AppDatabase, Principal, Strings) {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let database = try common.openDatabase(env)
        return (database, try signIn(database, common, strings, need: need), strings)
    }

    /// Who acts when the database has no accounts (or is a demo): SHOUHU_ACTOR, else the login name.
    static func systemActor(_ env: [String: String]) -> String {
        env["SHOUHU_ACTOR"] ?? env["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "shouhu"
    }

    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
