import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Storage

extension TextEncodingChoice: ExpressibleByArgument {}

/// `shouhu import …`: records from spreadsheet files (children, mentors, pairings, contacts).
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import records from spreadsheets saved as CSV by Excel or WPS.",
        subcommands: [Children.self, Mentors.self, Pairings.self, Contacts.self]
    )

    /// `shouhu import children 花名册.csv`
    struct Children: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import child files from a roster (花名册) saved as CSV.",
            discussion: """
            Reads UTF-8 (with or without BOM) and GB18030/GBK, columns matched by their Chinese or English headers.
            Rejected rows are listed by row number (as the spreadsheet shows it), column and reason; good rows are
            written in one transaction; children already in the database (same ID number, or same name, birth date,
            guardian and address) are not created twice, so running the same import again adds nothing.
            Exit status: 0 when the import committed, 1 when nothing could be imported, 2 when --strict refused.
            Example: shouhu import children 花名册.csv --dry-run --report 问题行.csv
            """
        )

        @OptionGroup var common: CommonOptions

        @OptionGroup var sheet: SheetImportOptions

        mutating func run() throws {
            let (file, dryRun, strict, encoding, report) = (sheet.file, sheet.dryRun, sheet.strict, sheet.encoding, sheet.report)
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let today = try common.today(env)
            let raw = try SheetImportCommand.readFile(file, strings)
            let progress = ImportProgress()
            func parse(_ data: Data) throws -> ParsedRoster {
                do {
                    return try RosterReader.read(data, encoding: encoding, today: today, progress: progress.reading)
                } catch {
                    fail(ImportMessages(strings: strings).describe(error))
                    throw ExitCode(1)
                }
            }
            // A plain file that cannot be a roster is refused before the database is opened (or created);
            // a sealed one is opened after the sign-in, with its passphrase.
            let plain = SealedFile.isSealed(raw) ? nil : try parse(raw)
            let path = DatabaseLocation.resolve(explicit: common.db, demo: false, environment: env)
            let database = try Shouhu.openDatabase(path)
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let roster = try plain ?? parse(SheetImportCommand.unseal(raw, file: file, strings))
            let options = ImportOptions(dryRun: dryRun, strict: strict, fileName: URL(fileURLWithPath: file).lastPathComponent,
                                        actor: principal.name,
                                        timestamp: Self.timestamp(env))
            let result = try RosterImport.run(roster, into: database, options: options, progress: progress.writing)
            progress.finish()

            let messages = ImportMessages(strings: strings)
            let notes = result.notes
            var err = messages.lines(notes)
            if result.refusedByStrict { err.append(strings.format(.importStrictRefused, result.rejected)) }
            if roster.rows.isEmpty { err.append(strings[.importNothing]) }
            if !err.isEmpty { FileHandle.standardError.write(Data((err.joined(separator: "\n") + "\n").utf8)) }
            print(strings.format(.importSummary, result.read, result.imported, result.duplicates, result.rejected))
            if dryRun { print(strings[.importDryRun]) }
            if let report {
                try PrivateFile.write(messages.report(notes), to: report)
            }
            if result.refusedByStrict { throw ExitCode(2) }
            if !result.succeeded { throw ExitCode(1) }
        }

        /// Now, ISO 8601 in the community's time zone (Asia/Shanghai unless SHOUHU_TZ says otherwise).
        static func timestamp(_ env: [String: String]) -> String {
            AuditTime.stamp(Date(), in: env["SHOUHU_TZ"].flatMap(TimeZone.init(identifier:)) ?? AuditTime.defaultZone)
        }

        func fail(_ message: String) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
        }
    }
}

/// `shouhu export …`: records as spreadsheet files.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export records as spreadsheets (CSV for Excel/WPS) or JSON.",
        subcommands: [Children.self, Mentors.self, Pairings.self, Contacts.self, Cards.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    /// `shouhu export children --out 花名册.csv`
    struct Children: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the roster (花名册): every child file, one row each.",
            discussion: """
            CSV is UTF-8 with BOM and CRLF, with the roster's Chinese headers, and imports back unchanged.
            ID and phone numbers carry a leading tab so Excel keeps them as text. The file is created readable
            by its owner only (it holds personal data).
            Example: shouhu export children --out 花名册.csv --include-archived
            """
        )

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "csv (default) or json.")
        var format: Format = .csv

        @Option(name: .long, help: "Output file (default: standard output).")
        var out: String?

        @Flag(name: .long, help: "Seal the file with a passphrase (AES-256-GCM, scrypt; SHOUHU_PASSPHRASE or standard input); `import` opens it.")
        var encrypt = false

        @Flag(name: .long, help: "Include archived files (adds the columns 档案状态, 归档原因, 归档日期).")
        var includeArchived = false

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let strings = try common.strings(env)
            let path = DatabaseLocation.resolve(explicit: common.db, demo: false, environment: env)
            guard FileManager.default.fileExists(atPath: path) else {
                let message = strings.format(.errorGeneric, strings.format(.exportNoDatabase, path))
                FileHandle.standardError.write(Data((message + "\n").utf8))
                throw ExitCode(1)
            }
            let database = try Shouhu.openDatabase(path)
            let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
            let children = try database.childrenForExport(includeArchived: includeArchived)
            try SheetExportCommand.record(database, principal, what: "children", count: children.count)
            let data = format == .csv ? RosterExport.csv(children, includeArchived: includeArchived) : RosterExport.json(children)
            try SheetExportCommand.write(data, to: out, encrypt: encrypt, strings: strings)
            FileHandle.standardError.write(Data((strings.format(.exportDone, children.count, out ?? "-") + "\n").utf8))
        }
    }
}

/// The import's progress bar on standard error: reading the rows is the first half, writing the
/// second. Drawn only for files of 1000 rows or more; redrawn in place, ended with a newline.
final class ImportProgress {
    private var rows = 0
    private var drawn = -1
    private var finished = false

    func reading(_ done: Int, _ total: Int) {
        rows = total
        draw(done, 2 * total)
    }

    func writing(_ done: Int, _ total: Int) {
        draw(rows + (total == 0 ? rows : done * rows / total), 2 * rows)
    }

    func finish() {
        if drawn >= 0, !finished { draw(2 * rows, 2 * rows) }
    }

    private func draw(_ done: Int, _ total: Int) {
        guard rows >= 1000, !finished, total > 0 else { return }
        let pct = min(100, done * 100 / total)
        guard pct != drawn else { return }
        drawn = pct
        let width = 30
        let filled = pct * width / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        finished = pct == 100
        FileHandle.standardError.write(Data("\r[\(bar)] \(pct)% \(done / 2)/\(rows)\(finished ? "\n" : "")".utf8))
    }
}

/// The import's messages in the user's language. Lines on standard error name the row, the
/// column and the reason only — never a name, ID number or phone (those go to `--report` alone).
struct ImportMessages {
    /// One stderr line for a note of any import: row, column and reason, a ⚠ for warnings; nil for
    /// records already in the database (only counted, or a re-run would list every row).
    static func line(_ strings: Strings, _ kind: ImportNote.Kind, row: Int, column: String, reason: String,
                     duplicateInDatabase: Bool) -> String? {
        switch kind {
        case .unknownColumn: return reason
        case .duplicate where duplicateInDatabase: return nil
        case .duplicate, .rejected: return strings.format(.importRejectLine, row, column, reason)
        case .warning: return "⚠ " + strings.format(.importRejectLine, row, column, reason)
        }
    }

    let strings: Strings

    func columnName(_ column: RosterColumn?) -> String {
        guard let column else { return "" }
        if let field = column.field { return strings.fieldName(field) }
        return RosterColumns.header(column)
    }

    func reason(_ detail: ImportNote.Detail) -> String {
        switch detail {
        case .problem(let p): return strings.describe(p)
        case .duplicateInDatabase(.idNumber): return strings[.importDuplicateInDatabase]
        case .duplicateInFile(let first, .idNumber): return strings.format(.importDuplicateInFile, first)
        case .duplicateInDatabase(.profile): return strings[.importDuplicateProfileInDatabase]
        case .duplicateInFile(let first, .profile): return strings.format(.importDuplicateProfileInFile, first)
        case .unknownColumn(let header): return strings.format(.importUnknownColumn, header)
        }
    }

    /// `result` word of the report file.
    func result(_ kind: ImportNote.Kind) -> String {
        switch kind {
        case .rejected: return strings[.importResultRejected]
        case .duplicate: return strings[.importResultDuplicate]
        case .warning: return strings[.importResultWarning]
        case .unknownColumn: return strings[.importResultColumnIgnored]
        }
    }

    /// The report file's five headers: row, result, column, reason, name.
    var reportHeaders: [String] {
        [strings[.importReportRow], strings[.importReportResult], strings[.importReportColumn],
         strings[.importReportReason], strings[.importReportName]]
    }

    /// Lines for standard error: `第 5 行，身份证号：…` for rejects and repeats within the file, the same
    /// with a ⚠ in front for warnings (the row was imported), and the ignored columns. Children
    /// already in the database are only counted (re-running an import would list every row); the
    /// `--report` file lists them.
    func lines(_ notes: [ImportNote]) -> [String] {
        notes.compactMap { note in
            var inDatabase = false
            if case .duplicateInDatabase = note.detail { inDatabase = true }
            return Self.line(strings, note.kind, row: note.row, column: columnName(note.column), reason: reason(note.detail),
                             duplicateInDatabase: inDatabase)
        }
    }

    func report(_ notes: [ImportNote]) -> Data {
        ImportReport.csv(notes, headers: reportHeaders) { note in
            var column = columnName(note.column)
            if case .unknownColumn(let header) = note.detail { column = header }
            return (result(note.kind), column, reason(note.detail))
        }
    }

    /// A file that could not be read at all.
    func describe(_ error: RosterReadError) -> String {
        switch error {
        case .encoding: return strings[.importEncoding]
        case let .wrongEncoding(asked, looksLike):
            func name(_ e: TextEncodingChoice) -> String { e == .gb18030 ? "GB18030" : "UTF-8" }
            return strings.format(.importWrongEncoding, name(asked), name(looksLike), looksLike.rawValue)
        case .missingNameColumn: return strings[.importMissingNameColumn]
        case .empty: return strings[.importNothing]
        case .notCSV(let why):
            let text: String
            switch why {
            case .excelWorkbook: text = strings[.importNotCSVExcelWorkbook]
            case .legacyWorkbook: text = strings[.importNotCSVLegacyWorkbook]
            case .binary: text = strings[.importNotCSVBinary]
            case .unterminatedQuote(let row): text = strings.format(.importNotCSVUnterminatedQuote, row)
            case .tooLarge(let megabytes): text = strings.format(.importNotCSVTooLarge, megabytes, SheetFile.maxBytes >> 20)
            case .lineTooLong(let row): text = strings.format(.importNotCSVLineTooLong, row, SheetFile.maxLineBytes >> 20)
            }
            return strings.format(.importNotCSV, text)
        }
    }
}
