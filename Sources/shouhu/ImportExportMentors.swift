import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Storage

/// The options `import mentors` and `import pairings` share with `import children`.
struct SheetImportOptions: ParsableArguments {
    @Argument(help: "The CSV file to import.")
    var file: String

    @Flag(name: .long, help: "Check and count everything, change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Import nothing if any row is rejected.")
    var strict = false

    @Option(name: .long, help: "Text encoding: auto, utf-8 or gb18030.")
    var encoding: TextEncodingChoice = .auto

    @Option(name: .long, help: "Write every rejected, duplicate or doubtful row to this CSV file (it holds names).")
    var report: String?
}

extension Import {
    /// `shouhu import mentors 帮扶人.csv`
    struct Mentors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import mentors (帮扶人) from a spreadsheet saved as CSV.",
            discussion: """
            Columns: 姓名, 角色, 联系电话, 所属网格, 单位, 可结对人数 (and 状态, 离开日期), matched by their Chinese or \
            English headers. The phone identifies a mentor: a phone already in the database is a duplicate, not \
            created twice. A blank 可结对人数 takes the community's rule for the role. Same rules, report and exit \
            status as `import children`: 0 when the import committed, 1 when nothing could be imported, 2 when \
            --strict refused.
            Example: shouhu import mentors 帮扶人名册.csv --dry-run --report 问题行.csv
            """
        )

        @OptionGroup var common: CommonOptions
        @OptionGroup var sheet: SheetImportOptions

        mutating func run() throws {
            try SheetImportCommand.run(
                common: common, options: sheet,
                read: { data, encoding, progress in try MentorReader.read(data, encoding: encoding, progress: progress) },
                write: { sheet, database, options, progress in
                    try MentorImport.run(sheet, into: database, options: options, progress: progress)
                })
        }
    }

    /// `shouhu import pairings 结对名单.csv`
    struct Pairings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import pairings (结对) of children and mentors from a spreadsheet saved as CSV.",
            discussion: """
            Columns: 儿童身份证号, 帮扶人电话, 结对角色, 开始日期, 结束日期 and 结束原因 (optional), 超额理由 (optional). \
            Children and mentors must already be in the database. A row that breaks a rule (capacity, a second \
            primary mentor, unknown child or mentor, end before start, archived child, mentor who left) is \
            rejected with that reason; a pairing already present (same child, mentor, role and start) is not \
            created twice. Rows with an end date are history and are recorded as they were. Same report and exit \
            status as `import children`.
            Example: shouhu import pairings 结对名单.csv --strict
            """
        )

        @OptionGroup var common: CommonOptions
        @OptionGroup var sheet: SheetImportOptions

        mutating func run() throws {
            try SheetImportCommand.run(
                common: common, options: sheet,
                read: { data, encoding, progress in try PairingReader.read(data, encoding: encoding, progress: progress) },
                write: { sheet, database, options, progress in
                    try PairingImport.run(sheet, into: database, options: options, progress: progress)
                })
        }
    }
}

/// The run of `import mentors` and `import pairings`, as `import children` runs: read, write in one
/// transaction, rejects on standard error by row, column and reason (never a name or number), the
/// summary on standard output, every note in `--report`.
enum SheetImportCommand {
    static func run<Column: CatalogSheetColumn, Value>(
        common: CommonOptions, options: SheetImportOptions,
        read: (Data, TextEncodingChoice, @escaping (Int, Int) -> Void) throws -> ParsedSheet<Column, Value>,
        write: (ParsedSheet<Column, Value>, AppDatabase, ImportOptions, @escaping (Int, Int) -> Void) throws
            -> SheetImportResult<Column, Value>
    ) throws {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let messages = SheetMessages<Column>(strings: strings)
        let raw = try readFile(options.file, strings)
        let progress = ImportProgress()
        func parse(_ data: Data) throws -> ParsedSheet<Column, Value> {
            do {
                return try read(data, options.encoding, progress.reading)
            } catch let error as SheetReadError {
                fail(messages.describe(error))
                throw ExitCode(1)
            }
        }
        // A plain file that cannot be a sheet is refused before the database is opened (or created);
        // a sealed one is opened after the sign-in, with its passphrase.
        let plain = SealedFile.isSealed(raw) ? nil : try parse(raw)
        let path = DatabaseLocation.resolve(explicit: common.db, demo: false, environment: env)
        let database = try Shouhu.openDatabase(path)
        let principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
        let sheet = try plain ?? parse(unseal(raw, file: options.file, strings))
        let importOptions = ImportOptions(dryRun: options.dryRun, strict: options.strict,
                                          fileName: URL(fileURLWithPath: options.file).lastPathComponent,
                                          actor: principal.name,
                                          timestamp: Import.Children.timestamp(env))
        let result = try write(sheet, database, importOptions, progress.writing)
        progress.finish()

        let notes = result.notes
        var err = messages.lines(notes)
        if result.refusedByStrict { err.append(strings.format(.importStrictRefused, result.rejected)) }
        if sheet.rows.isEmpty { err.append(strings[.importNothing]) }
        if !err.isEmpty { FileHandle.standardError.write(Data((err.joined(separator: "\n") + "\n").utf8)) }
        print(strings.format(Column.summary, result.read, result.imported, result.duplicates, result.rejected))
        if options.dryRun { print(strings[.importDryRun]) }
        if let report = options.report { try PrivateFile.write(messages.report(notes), to: report) }
        if result.refusedByStrict { throw ExitCode(2) }
        if !result.succeeded { throw ExitCode(1) }
    }

    static func fail(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Reads an import file (refusing, before anything is opened, one too large to be a sheet or with an
    /// endless line). A sealed (encrypted) file is opened later by `unseal`, after the sign-in.
    static func readFile(_ file: String, _ strings: Strings) throws -> Data {
        let data: Data
        do {
            // Refuses a file too large to be a roster, or with an endless line, before reading it whole.
            data = try SheetFile.read(file)
        } catch let error as RosterReadError {
            fail(ImportMessages(strings: strings).describe(error))
            throw ExitCode(1)
        } catch {
            fail(strings.format(.errorGeneric, strings.format(.importCannotRead, file)))
            throw ExitCode(1)
        }
        return data
    }

    /// The plain text of a file `readFile` read: as it is, or decrypted with the passphrase.
    static func unseal(_ data: Data, file: String, _ strings: Strings) throws -> Data {
        guard SealedFile.isSealed(data) else { return data }
        do {
            do {
                return try SealedFile.open(data, passphrase: try BackupMessages.passphrase(strings, confirm: false))
            } catch let failure as SealedFile.Failure {
                throw BackupError.sealed(failure)
            }
        } catch let error as BackupError {
            try BackupMessages.fail(BackupMessages.describe(error, strings, file: file))
        }
    }
}

extension Export {
    /// `shouhu export mentors --out 帮扶人名册.csv`
    struct Mentors: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the mentor registry (帮扶人名册): every mentor, active and left, one row each.",
            discussion: """
            CSV is UTF-8 with BOM and CRLF, headers 姓名, 角色, 联系电话, 所属网格, 单位, 可结对人数, 状态, 离开日期, and \
            imports back unchanged with `import mentors`. The file is created readable by its owner only.
            Example: shouhu export mentors --out 帮扶人名册.csv
            """
        )

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "csv (default) or json.")
        var format: Export.Format = .csv

        @Option(name: .long, help: "Output file (default: standard output).")
        var out: String?

        @Flag(name: .long, help: "Seal the file with a passphrase (AES-256-GCM, scrypt; SHOUHU_PASSPHRASE or standard input); `import` opens it.")
        var encrypt = false

        mutating func run() throws {
            let strings = try common.strings(ProcessInfo.processInfo.environment)
            let database = try SheetExportCommand.database(common)
            let mentors = try database.mentorsForExport()
            try SheetExportCommand.record(database, what: "mentors", count: mentors.count)
            let data = format == .csv ? MentorSheetExport.csv(mentors) : MentorSheetExport.json(mentors)
            try SheetExportCommand.write(data, to: out, encrypt: encrypt, strings: strings)
            SheetExportCommand.done(strings.format(.exportMentorsDone, mentors.count, out ?? "-"))
        }
    }

    /// `shouhu export pairings --out 结对名单.csv`
    struct Pairings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export every pairing (结对), active and ended, one row each.",
            discussion: """
            CSV is UTF-8 with BOM and CRLF, headers 儿童姓名, 儿童身份证号, 出生日期, 帮扶人姓名, 帮扶人电话, 结对角色, \
            开始日期, 结束日期, 结束原因, 超额理由, and imports back unchanged with `import pairings` into a database \
            holding the same children and mentors. The file is created readable by its owner only.
            Example: shouhu export pairings --out 结对名单.csv
            """
        )

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "csv (default) or json.")
        var format: Export.Format = .csv

        @Option(name: .long, help: "Output file (default: standard output).")
        var out: String?

        @Flag(name: .long, help: "Seal the file with a passphrase (AES-256-GCM, scrypt; SHOUHU_PASSPHRASE or standard input); `import` opens it.")
        var encrypt = false

        mutating func run() throws {
            let strings = try common.strings(ProcessInfo.processInfo.environment)
            let database = try SheetExportCommand.database(common)
            let pairings = try database.pairingsForExport()
            try SheetExportCommand.record(database, what: "pairings", count: pairings.count)
            let data = format == .csv ? PairingSheetExport.csv(pairings) : PairingSheetExport.json(pairings)
            try SheetExportCommand.write(data, to: out, encrypt: encrypt, strings: strings)
            SheetExportCommand.done(strings.format(.exportPairingsDone, pairings.count, out ?? "-"))
        }
    }

    /// `shouhu export pairing-cards --out 结对卡.html`
    struct Cards: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pairing-cards",
            abstract: "Write the pairing card (爱心结对卡) of every active pairing, ready to print.",
            discussion: """
            One card per active pairing: the child, the guardian's and the mentor's contacts, the start date and the \
            duties of the current semester (the five ones for a primary mentor). Markdown, or HTML for A4 with one \
            card per page. Phones are shown in full (the card is for the two parties); ID numbers are never printed. \
            The format follows --format, else the extension of --out (.html), else Markdown. The file is created \
            readable by its owner only.
            Example: shouhu export pairing-cards --out 结对卡.html
            """
        )

        enum CardFormat: String, ExpressibleByArgument, CaseIterable { case md, html }

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "md or html (default: from the --out extension, else md).")
        var format: CardFormat?

        @Option(name: .long, help: "Output file (default: standard output).")
        var out: String?

        @Flag(name: .long, help: "Seal the file with a passphrase (AES-256-GCM, scrypt; SHOUHU_PASSPHRASE or standard input); `import` opens it.")
        var encrypt = false

        mutating func run() throws {
            let env = ProcessInfo.processInfo.environment
            let today = try common.today(env)
            let strings = try common.strings(env)
            let database = try SheetExportCommand.database(common)
            let records = try database.pairingCards()
            try SheetExportCommand.record(database, what: "pairing-cards", count: records.count)
            let ext = out.map { URL(fileURLWithPath: $0).pathExtension.lowercased() } ?? ""
            let chosen = format ?? (["html", "htm"].contains(ext) ? .html : .md)
            let data = PairingCards.render(records, today: today, format: chosen == .html ? .html : .md)
            try SheetExportCommand.write(data, to: out, encrypt: encrypt, strings: strings)
            SheetExportCommand.done(strings.format(.exportCardsDone, records.count, out ?? "-"))
        }
    }
}

/// What the mentor and pairing exports share with `export children`.
enum SheetExportCommand {
    /// Who signed in for the export (set by `database(_:)`).
    nonisolated(unsafe) static var principal = Principal.coordinator("shouhu")

    /// The database, which must exist (an export never creates one), once a coordinator signed in.
    static func database(_ common: CommonOptions) throws -> AppDatabase {
        let env = ProcessInfo.processInfo.environment
        let strings = try common.strings(env)
        let path = DatabaseLocation.resolve(explicit: common.db, demo: false, environment: env)
        guard FileManager.default.fileExists(atPath: path) else {
            done(strings.format(.errorGeneric, strings.format(.exportNoDatabase, path)))
            throw ExitCode(1)
        }
        let database = try Shouhu.openDatabase(path)
        principal = try CLIAccess.signIn(database, common, strings, need: .coordinator)
        return database
    }

    /// Records the export in the audit trail: who took how many records of what out of the program.
    static func record(_ database: AppDatabase, _ who: Principal? = nil, what: String, count: Int) throws {
        try database.recordAccess(.export, entity: what, detail: String(count), actor: (who ?? principal).name,
                                  timestamp: Import.Children.timestamp(ProcessInfo.processInfo.environment))
    }

    /// To `path`, created 0600 and replaced atomically, or to standard output. With `encrypt`, sealed
    /// with a passphrase first (the same format as an encrypted backup), and only to a file.
    static func write(_ data: Data, to path: String?, encrypt: Bool = false, strings: Strings) throws {
        var bytes = data
        if encrypt {
            guard path != nil else { try BackupMessages.fail(strings.format(.errorGeneric, strings[.exportEncryptNeedsOut])) }
            do {
                bytes = try SealedFile.seal(data, passphrase: try BackupMessages.passphrase(strings, confirm: true))
            } catch let error as BackupError {
                try BackupMessages.fail(BackupMessages.describe(error, strings, file: path ?? "-"))
            }
        }
        if let path { try PrivateFile.write(bytes, to: path) } else { FileHandle.standardOutput.write(bytes) }
    }

    static func done(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
