import App
import ArgumentParser
import Foundation
import Storage

/// `shouhu backup OUT [--encrypt]`: a copy of the database, safe while the TUI is open elsewhere.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a backup file (SQLite's online backup: safe while Shouhu is open).",
        discussion: """
        The file is created readable by its owner only. With --encrypt it is sealed with AES-256-GCM under a key
        derived from a passphrase (scrypt), read from SHOUHU_PASSPHRASE or standard input (asked twice, unechoed,
        on a terminal); the file then shows no plain text. Keep the passphrase: without it the backup cannot be read.
        Example: shouhu backup /media/usb/守护-2026-11-23.shb --encrypt
        """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The backup file to write (replaced if it exists).") var out: String

    @Flag(name: .long, help: "Encrypt with a passphrase (from SHOUHU_PASSPHRASE or standard input).") var encrypt = false

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let path = DatabaseLocation.resolve(explicit: common.db, demo: false, environment: env)
        guard FileManager.default.fileExists(atPath: path) else {
            try BackupMessages.fail(strings.format(.errorGeneric, strings.format(.exportNoDatabase, path)))
        }
        FilePrivacy.warnIfReadableByOthers(path, strings)
        let principal = try CLIAccess.signIn(path: path, common, strings, need: .coordinator)
        do {
            if encrypt {
                let passphrase = try BackupMessages.passphrase(strings, confirm: true)
                let dir = (path as NSString).deletingLastPathComponent
                let plain = try Backup.snapshot(of: path, scratchDirectory: dir.isEmpty ? "." : dir)
                try BackupMessages.writing(out, strings) { try OwnerOnlyFile.write(try SealedFile.seal(plain, passphrase: passphrase), to: out) }
            } else {
                try BackupMessages.writing(out, strings) { try Backup.copy(database: path, to: out) }
            }
        } catch let error as BackupError {
            try BackupMessages.fail(BackupMessages.describe(error, strings, file: out))
        }
        if let principal {
            // A database with accounts records who took a copy (a demo or unprotected one needs no write here).
            try AppDatabase.open(path: path).recordAccess(.export, entity: "backup", detail: encrypt ? "encrypted" : "plain",
                                                          actor: principal.name, timestamp: Import.Children.timestamp(env))
        }
        FileHandle.standardError.write(Data((strings.format(encrypt ? .backupDoneEncrypted : .backupDone, out) + "\n").utf8))
    }
}

/// `shouhu restore IN`: replaces the database by a backup, after checking it; the old file is kept.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Replace the database by a backup (plain or encrypted), keeping the previous file beside it.",
        discussion: """
        Nothing is replaced unless the backup opens (the passphrase of an encrypted one comes from SHOUHU_PASSPHRASE or
        standard input), passes PRAGMA integrity_check and was written by this version of Shouhu or an older one.
        The database it replaces is kept as <database>.before-restore-<date-time>, readable by its owner only.
        Close Shouhu on other terminals first: one left open shows the restored records.
        Example: shouhu restore /media/usb/守护-2026-11-23.shb
        """)

    @OptionGroup var common: CommonOptions

    @Argument(help: "The backup file to restore.") var file: String

    mutating func run() throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let path = DatabaseLocation.resolve(explicit: common.db, demo: false, environment: env)
        guard let data = FileManager.default.contents(atPath: file) else {
            try BackupMessages.fail(strings.format(.errorGeneric, strings.format(.importCannotRead, file)))
        }
        // Replacing a database with accounts is its coordinator's decision.
        let principal = try CLIAccess.signIn(path: path, common, strings, need: .coordinator)
        let outcome: RestoreOutcome
        do {
            var plain = data
            if SealedFile.isSealed(data) {
                let passphrase = try BackupMessages.passphrase(strings, confirm: false)
                do { plain = try SealedFile.open(data, passphrase: passphrase) } catch let failure as SealedFile.Failure {
                    throw BackupError.sealed(failure)
                }
            }
            outcome = try Backup.restore(plain, into: path, stamp: Self.stamp(env))
        } catch let error as BackupError {
            try BackupMessages.fail(BackupMessages.describe(error, strings, file: file))
        }
        // The restored trail records the restore itself (who, when, from which file, where the replaced
        // database — with every entry made after the backup was taken — is kept), as a backup is recorded.
        try Shouhu.openDatabase(path).recordRestore(
            from: URL(fileURLWithPath: file).lastPathComponent,
            previous: outcome.previous.map { URL(fileURLWithPath: $0).lastPathComponent },
            actor: principal?.name ?? CLIAccess.systemActor(env), timestamp: Import.Children.timestamp(env))
        let done = outcome.previous.map { strings.format(.restoreDone, outcome.children, $0) }
            ?? strings.format(.restoreDoneNew, outcome.children)
        FileHandle.standardError.write(Data((done + "\n").utf8))
    }

    /// `20261123-093015`: now in the community's time zone, for the name of the kept file.
    static func stamp(_ env: [String: String]) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: env["SHOUHU_TZ"] ?? "Asia/Shanghai") ?? TimeZone(identifier: "Asia/Shanghai")!
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f.string(from: Date())
    }
}

/// The words of backups and restores: one line on standard error for each refusal, no personal data.
enum BackupMessages {
    static func describe(_ error: BackupError, _ strings: Strings, file: String) -> String {
        let text: String
        switch error {
        case .noDatabase(let path): text = strings.format(.exportNoDatabase, path)
        case .notABackup: text = strings.format(.restoreNotBackup, file)
        case .passphraseNeeded: text = strings[.passphraseMissing]
        case .sealed(.damaged): text = strings[.restoreDamaged]
        case .sealed(.wrongPassphraseOrDamaged): text = strings[.restoreWrongPassphrase]
        case .integrity(let why): text = strings.format(.restoreIntegrity, why)
        case .newerVersion: text = strings[.restoreNewer]
        case .busy: text = strings[.backupBusy]
        case .fault(let fault): text = strings.describe(fault)
        case .auditBroken(let entry): text = strings.format(.restoreAuditBroken, entry)
        }
        return strings.format(.errorGeneric, text)
    }

    /// The passphrase, or a one-line refusal (exit 1) when it is missing or typed differently twice.
    static func passphrase(_ strings: Strings, confirm: Bool) throws -> String {
        do {
            return try Passphrase.read(variable: "SHOUHU_PASSPHRASE", prompt: strings[.passphrasePrompt],
                                       again: confirm ? strings[.passphraseAgain] : nil)
        } catch Passphrase.Failure.mismatch {
            try fail(strings.format(.errorGeneric, strings[.passphraseMismatch]))
        } catch {
            throw BackupError.passphraseNeeded
        }
    }

    /// Runs `body`, turning a file-system error into `无法写入 OUT`.
    static func writing(_ out: String, _ strings: Strings, _ body: () throws -> Void) throws {
        do { try body() } catch let error as BackupError { throw error } catch {
            try fail(strings.format(.errorGeneric, strings.format(.backupCannotWrite, out)))
        }
    }

    /// Writes `line` on standard error and ends the command with exit status 1.
    static func fail(_ line: String) throws -> Never {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        throw ExitCode(1)
    }
}
