import App
import ArgumentParser
import Foundation
import Storage
import TerminalUI

/// `shouhu audit verify | log`: the append-only audit trail (who wrote or opened what, when).
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check or show the audit trail: every write, every opening of a child's file, reveals, exports, sign-ins.",
        discussion: """
        Each entry carries the SHA-256 hash of the entry before it and of its own content. `verify` walks the whole chain
        and exits 1, naming the first entry that was changed or deleted behind the program's back.
        """,
        subcommands: [Verify.self, Log.self])

    /// `shouhu audit verify`
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the hash chain: exit 0 when every entry holds, 1 naming the first one that does not.")

        @OptionGroup var common: CommonOptions

        mutating func run() throws {
            let (database, strings) = try AuditCommand.open(common)
            if let broken = try database.verifyAudit() {
                let key: StringKey = broken.reason == .changed ? .auditChanged : .auditMissing
                try BackupMessages.fail(strings.format(.errorGeneric, strings.format(key, broken.entry)))
            }
            print(strings.format(.auditIntact, try database.auditCount()))
        }
    }

    /// `shouhu audit log [--child ID] [--user NAME]`: one entry a line, tab-separated, oldest first.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the audit trail: number, time, who, action, record, field, old value, new value (tab-separated).",
            discussion: "--child takes a child's ID number or file number; --user an account name. The last --limit entries show.")

        @OptionGroup var common: CommonOptions
        @Option(name: .long, help: "Only entries about this child (ID number or file number).") var child: String?
        @Option(name: .customLong("by"), help: "Only entries by this account (or actor) name.") var by: String?
        @Option(name: .long, help: "At most this many entries (the newest).") var limit = 10_000

        mutating func run() throws {
            let (database, strings) = try AuditCommand.open(common)
            var childID: Int64?
            if let child {
                childID = try database.findChild(idNumber: child) ?? Int64(child).flatMap { try? database.childVersion(id: $0) != nil ? $0 : nil }
                guard childID != nil else { try BackupMessages.fail(strings.format(.errorGeneric, strings.format(.auditNoChild, child))) }
            }
            let entries = try database.auditEntries(childID: childID, actor: by, limit: max(1, limit))
            if entries.isEmpty { FileHandle.standardError.write(Data((strings[.auditEmpty] + "\n").utf8)) }
            for e in entries { print(Self.line(e)) }
        }

        /// The entry as one line: values made inert (no control character or escape reaches the terminal).
        static func line(_ e: AuditEntry) -> String {
            let record = e.entity + (e.entityID.map { " \($0)" } ?? "")
            return [String(e.id), e.at, e.actor, e.action, record, e.field ?? "", e.old ?? "", e.new ?? ""]
                .map { InertText.make($0) }.joined(separator: "\t")
        }
    }

    /// The database, once a coordinator signed in (the trail names who opened which child's file).
    static func open(_ common: CommonOptions) throws -> (AppDatabase, Strings) {
        let (database, _, strings) = try CLIAccess.open(common)
        return (database, strings)
    }
}
