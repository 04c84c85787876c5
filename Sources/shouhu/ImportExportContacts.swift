import App
import ArgumentParser
import Domain
import Foundation
import Interchange
import Storage

extension Import {
    /// `shouhu import contacts 帮扶记录.csv`
    struct Contacts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import the contact log (帮扶记录: visits, talks, letters, calls…) from a spreadsheet saved as CSV.",
            discussion: """
            Columns: 儿童身份证号, 帮扶人电话, 类型 (走访, 谈心, 联系班主任, 与监护人沟通, 写信, 电话, 其他), 日期, 摘要; \
            optional 儿童姓名 and 帮扶人姓名 (checked against the records), 地点, 关注事项 (安全、健康、学业、监护、情绪), \
            跟进. A child without ID number is named by 儿童姓名 and 出生日期. Children and mentors must already be in \
            the database. A date after today is rejected. A contact \
            on a date the mentor was not paired with the child is recorded with a warning: it counts toward no \
            obligation. A letter's content is not stored (only the fact and the date, 未成年人保护法 art. 63) \
            unless --keep-letter-content. A contact already present (same child, mentor, kind, date and summary) \
            is not recorded twice. Same report and exit status as `import children`.
            Example: shouhu import contacts 帮扶记录.csv --dry-run
            """
        )

        @OptionGroup var common: CommonOptions
        @OptionGroup var sheet: SheetImportOptions

        @Flag(name: .long, help: "Store the content of letters (写信) too; by default only the fact and the date are kept.")
        var keepLetterContent = false

        mutating func run() throws {
            let today = try common.today(ProcessInfo.processInfo.environment)
            let keep = keepLetterContent
            try SheetImportCommand.run(
                common: common, options: sheet,
                read: { data, encoding, progress in
                    try ContactReader.read(data, encoding: encoding, today: today, progress: progress)
                },
                write: { sheet, database, options, progress in
                    try ContactImport.run(sheet, into: database, options: options, today: today, keepLetterContent: keep,
                                          progress: progress)
                })
        }
    }
}

extension Export {
    /// `shouhu export contacts --out 帮扶记录.csv`
    struct Contacts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export the contact log (帮扶记录), one row per contact, deleted ones left out.",
            discussion: """
            CSV is UTF-8 with BOM and CRLF, headers 儿童姓名, 儿童身份证号, 出生日期, 帮扶人姓名, 帮扶人电话, 类型, 日期, \
            地点, 摘要, 关注事项, 跟进 (出生日期 only for a child without ID number), and imports back unchanged with \
            `import contacts` into a database holding the same children and mentors. --from and --to keep the \
            contacts dated between them (both included). The file is created readable by its owner only.
            Example: shouhu export contacts --from 2026-09-01 --to 2027-01-31 --out 帮扶记录.csv
            """
        )

        @OptionGroup var common: CommonOptions

        @Option(name: .long, help: "csv (default) or json.")
        var format: Export.Format = .csv

        @Option(name: .long, help: "Output file (default: standard output).")
        var out: String?

        @Flag(name: .long, help: "Seal the file with a passphrase (AES-256-GCM, scrypt; SHOUHU_PASSPHRASE or standard input); `import` opens it.")
        var encrypt = false

        @Option(name: .long, help: "First day, YYYY-MM-DD.")
        var from: String?

        @Option(name: .long, help: "Last day, YYYY-MM-DD.")
        var to: String?

        mutating func validate() throws {
            for (flag, value) in [("--from", from), ("--to", to)] {
                if let value, LocalDate(parsing: value) == nil { throw usageError(.cliBadDate, flag, value, "2026-09-01") }
            }
            if let f = from.flatMap(LocalDate.init(parsing:)), let t = to.flatMap(LocalDate.init(parsing:)), t < f {
                throw usageError(.usageToBeforeFrom)
            }
        }

        mutating func run() throws {
            let strings = try common.strings(ProcessInfo.processInfo.environment)
            let database = try SheetExportCommand.database(common)
            let contacts = try database.contactsForExport(from: from.flatMap(LocalDate.init(parsing:)), to: to.flatMap(LocalDate.init(parsing:)))
            try SheetExportCommand.record(database, what: "contacts", count: contacts.count)
            let data = format == .csv ? ContactSheetExport.csv(contacts) : ContactSheetExport.json(contacts)
            try SheetExportCommand.write(data, to: out, encrypt: encrypt, strings: strings)
            SheetExportCommand.done(strings.format(.exportContactsDone, contacts.count, out ?? "-"))
        }
    }
}
