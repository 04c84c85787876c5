import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Storage

/// `shouhu purge --archived --export-to FILE`: retention. Archived files are exported first, then removed.
struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove archived child files for good, after exporting them (a coordinator's decision, logged with the count).",
        discussion: """
        The archived files (with --before, only those archived before that day) are first written to --export-to as the
        roster sheet (0600; --encrypt seals it with a passphrase), then removed in one transaction with their contacts,
        pairings, attendance, growth notes and history. The audit trail keeps its entries and records the purge.
        Example: shouhu purge --archived --before 2026-01-01 --export-to 归档-2025.csv --encrypt --user 王主任
        """)

    @OptionGroup var common: CommonOptions
    @Flag(name: .long, help: "Purge archived files (required: nothing else is ever purged).") var archived = false
    @Option(name: .long, help: "Only files archived before this day (YYYY-MM-DD).") var before: String?
    @Option(name: .customLong("export-to"), help: "Where the files are exported first (required).") var exportTo: String
    @Flag(name: .long, help: "Seal the export with a passphrase (SHOUHU_PASSPHRASE or standard input).") var encrypt = false

    mutating func validate() throws {
        guard archived else { throw usageError(.usagePurgeNeedsArchived) }
        if let before, LocalDate(parsing: before) == nil { throw usageError(.cliBadDate, "--before", before, "2026-01-01") }
    }

    mutating func run() throws {
        let (database, principal, strings) = try CLIAccess.open(common)
        let cutoff = before.flatMap(LocalDate.init(parsing:))
        let files = try database.childrenForExport(includeArchived: true).filter { c in
            c.status == .archived && (cutoff == nil || (c.archivedOn.map { $0 < cutoff! } ?? false))
        }
        try SheetExportCommand.write(RosterExport.csv(files, includeArchived: true), to: exportTo, encrypt: encrypt, strings: strings)
        let timestamp = Import.Children.timestamp(ProcessInfo.processInfo.environment)
        try database.recordAccess(.export, entity: "children", detail: String(files.count), actor: principal.name, timestamp: timestamp)
        let removed = try database.purgeArchivedChildren(ids: files.compactMap(\.id), actor: principal.name, timestamp: timestamp)
        print(strings.format(.purgeDone, removed, exportTo))
    }
}
