import Domain
import Foundation
import Storage

// What the mentors and pairings spreadsheets share: columns found by header, rows with row-numbered
// problems, the import's outcome and the notes of its report. The children's roster has its own,
// older types (`HeaderMap`, `ImportRow`, `ImportResult`); these follow the same rules.

/// A column of the mentors or pairings spreadsheet.
public protocol SheetColumn: Hashable, Sendable, CaseIterable, RawRepresentable where RawValue == String {
    /// The Chinese header written on export (and read on import).
    var header: String { get }
    /// The column's name in English messages.
    var englishName: String { get }
    /// Other headers read on import (compared after `RosterColumns.normalize`), Chinese and English.
    var aliases: [String] { get }
    /// The column a duplicate row is reported against.
    static var identityColumn: Self { get }
    /// Headers read and deliberately ignored, normalized (numbering, derived values).
    static var ignoredHeaders: Set<String> { get }
}

/// Which spreadsheet column holds which sheet column, read from a header row.
public struct SheetHeader<Column: SheetColumn>: Equatable, Sendable {
    /// The header row's number.
    public var row: Int
    /// Column index → sheet column, for recognised headers (the first of two naming the same column).
    public var columns: [Int: Column]
    /// Headers that name nothing known (reported, not fatal).
    public var unknown: [HeaderMap.UnknownColumn]

    public init(record: CSVRecord) {
        row = record.row
        columns = [:]
        unknown = []
        let table = Self.aliasTable
        var taken: Set<Column> = []
        for (index, header) in record.fields.enumerated() where !header.isEmpty {
            let key = RosterColumns.normalize(header)
            if let column = table[key], taken.insert(column).inserted {
                columns[index] = column
            } else if !RosterColumns.isIgnored(header), !Column.ignoredHeaders.contains(key) {
                unknown.append(HeaderMap.UnknownColumn(index: index, header: header))
            }
        }
    }

    /// Normalized header → column: the Chinese header, the raw value, the English name and the aliases.
    static var aliasTable: [String: Column] {
        var table: [String: Column] = [:]
        for column in Column.allCases {
            for alias in [column.header, column.rawValue, column.englishName] + column.aliases {
                let key = RosterColumns.normalize(alias)
                if table[key] == nil { table[key] = column }
            }
        }
        return table
    }

    public func contains(_ column: Column) -> Bool { columns.values.contains(column) }

    /// Index of each column present.
    var indices: [Column: Int] { Dictionary(columns.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }) }

    /// The header row: the first of the first 20 non-blank records that `isHeader` accepts (sheets often
    /// start with a title row such as `XX村帮扶人名册`).
    static func find(in records: [CSVRecord], where isHeader: (SheetHeader) -> Bool) -> SheetHeader? {
        for record in records.lazy.filter({ !$0.isBlank }).prefix(20) {
            let header = SheetHeader(record: record)
            if isHeader(header) { return header }
        }
        return nil
    }
}

/// Why a mentors or pairings file cannot be read at all (nothing is imported).
public enum SheetReadError: Error, Equatable, Sendable {
    /// Not CSV, unknown encoding, empty, or (mentors) no 姓名 column: as for the roster.
    case file(RosterReadError)
    /// No header row naming these columns (their Chinese headers) in the first rows.
    case missingColumns([String])
}

/// What is wrong with a value, or with the row as a whole.
public enum SheetProblem: Equatable, Sendable {
    /// A value that cannot be read (required, date, phone, unknown word…).
    case field(FieldProblem)
    /// A rule of the store refused the row (`capacityReached`, `childAlreadyHasPrimary`, `unknownChild`, …).
    case rule(PairingError)
    /// Without an ID number, the name and birth date name this many children.
    case ambiguousChild(count: Int)
    /// Warning: the name in the file is not the one on record for that ID number or phone.
    case nameDiffers
    /// Warning (contacts): the mentor was not paired with the child on that date; the contact is
    /// recorded but counts toward no obligation.
    case notPaired
    /// Warning (contacts): a letter's content was not stored, only the fact and the date
    /// (未成年人保护法 art. 63; `--keep-letter-content` keeps it).
    case letterContentLeftOut

    public var isBlocking: Bool {
        switch self {
        case .field(let p): return p.isBlocking
        case .rule, .ambiguousChild: return true
        case .nameDiffers, .notPaired, .letterContentLeftOut: return false
        }
    }
}

/// A problem found in one column of one row.
public struct SheetIssue<Column: SheetColumn>: Equatable, Sendable {
    public var column: Column
    public var problem: SheetProblem

    public init(_ column: Column, _ problem: SheetProblem) { self.column = column; self.problem = problem }
    public init(_ column: Column, _ problem: FieldProblem) { self.init(column, .field(problem)) }

    public var isBlocking: Bool { problem.isBlocking }
}

/// One data row of the file after conversion and checks.
public struct SheetRow<Column: SheetColumn, Value: Equatable & Sendable>: Equatable, Sendable {
    /// The spreadsheet row number (see `CSVRecord.row`).
    public var row: Int
    /// What to write, or nil when a blocking problem rejects the row.
    public var value: Value?
    /// Blocking problems and warnings, in column order (rules found while writing come last).
    public var issues: [SheetIssue<Column>]
    /// The name(s) as read, for the report file only; never printed.
    public var name: String

    public var isRejected: Bool { value == nil || issues.contains(where: \.isBlocking) }
    public var blocking: [SheetIssue<Column>] { issues.filter(\.isBlocking) }
    public var warnings: [SheetIssue<Column>] { issues.filter { !$0.isBlocking } }
}

/// A mentors or pairings file read and checked, before anything touches the database.
public struct ParsedSheet<Column: SheetColumn, Value: Equatable & Sendable>: Sendable {
    public var encoding: DetectedEncoding
    public var header: SheetHeader<Column>
    /// Every non-blank row after the header, in file order.
    public var rows: [SheetRow<Column, Value>]

    public var rejectedCount: Int { rows.lazy.filter(\.isRejected).count }
}

/// What happened to one row of a mentors or pairings import.
extension SheetRowStatus: ImportRowOutcome {
    public var outcome: ImportOutcome {
        switch self {
        case .imported: return .imported
        case .rejected: return .rejected
        case .duplicateInDatabase, .duplicateInFile: return .duplicate
        case .notWritten: return .notWritten
        }
    }
}

public enum SheetRowStatus: Equatable, Sendable {
    case imported(id: Int64)
    /// Blocking problems or a rule (see the row's issues).
    case rejected
    /// Already in the database (same phone; same child, mentor, role and start date).
    case duplicateInDatabase
    /// The same record is on an earlier row of the file.
    case duplicateInFile(firstRow: Int)
    /// Valid, but not written: `--strict` refused the file.
    case notWritten
}

/// The outcome of a mentors or pairings import, row by row and in total.
public struct SheetImportResult<Column: SheetColumn, Value: Equatable & Sendable>: Sendable {
    /// The file, with the problems found while writing added to its rows.
    public var sheet: ParsedSheet<Column, Value>
    /// One status per `sheet.rows` entry.
    public var statuses: [SheetRowStatus]
    public var dryRun: Bool
    public var refusedByStrict: Bool

    var tally: ImportTally { ImportTally(statuses) }
    /// Data rows read (blank rows and the header not counted).
    public var read: Int { sheet.rows.count }
    /// Records created (in a dry run: that would be created).
    public var imported: Int { tally.imported }
    public var duplicates: Int { tally.duplicates }
    public var rejected: Int { tally.rejected }
    /// As for children: see `ImportTally.succeeded`.
    public var succeeded: Bool { tally.succeeded(refusedByStrict: refusedByStrict) }

    /// Everything to report, in file order: ignored columns first, then each row's notes.
    public var notes: [SheetNote<Column>] {
        var notes = sheet.header.unknown.map {
            SheetNote<Column>(row: sheet.header.row, kind: .unknownColumn, column: nil, detail: .unknownColumn(header: $0.header),
                              name: "")
        }
        for (row, status) in zip(sheet.rows, statuses) {
            switch status {
            case .rejected:
                notes += row.blocking.map {
                    SheetNote(row: row.row, kind: .rejected, column: $0.column, detail: .problem($0.problem), name: row.name)
                }
                continue
            case .duplicateInDatabase:
                notes.append(SheetNote(row: row.row, kind: .duplicate, column: Column.identityColumn,
                                       detail: .duplicateInDatabase, name: row.name))
            case .duplicateInFile(let first):
                notes.append(SheetNote(row: row.row, kind: .duplicate, column: Column.identityColumn,
                                       detail: .duplicateInFile(firstRow: first), name: row.name))
            case .imported, .notWritten:
                break
            }
            notes += row.warnings.map {
                SheetNote(row: row.row, kind: .warning, column: $0.column, detail: .problem($0.problem), name: row.name)
            }
        }
        return notes
    }
}

/// One thing to tell the user about a mentors or pairings import (see `ImportNote` for children).
public struct SheetNote<Column: SheetColumn>: Equatable, Sendable {
    public enum Detail: Equatable, Sendable {
        case problem(SheetProblem)
        case duplicateInDatabase
        case duplicateInFile(firstRow: Int)
        case unknownColumn(header: String)
    }

    /// Spreadsheet row number (the header's row for unknown columns).
    public var row: Int
    public var kind: ImportNote.Kind
    /// The column concerned (nil for unknown columns).
    public var column: Column?
    public var detail: Detail
    /// Names as read: only for the report file the user asked for, never printed.
    public var name: String
}

/// The `--report` file of a mentors or pairings import: one line per note, CSV for Excel/WPS.
public enum SheetReport {
    /// `headers` names the five columns (row, result, column, reason, name); `render` gives a note's
    /// result word, column name and reason in the user's language.
    public static func csv<Column>(_ notes: [SheetNote<Column>], headers: [String],
                                   render: (SheetNote<Column>) -> (result: String, column: String, reason: String)) -> Data {
        var writer = CSVTextWriter()
        writer.writeRow(headers)
        for note in notes {
            let words = render(note)
            writer.writeRow([String(note.row), words.result, words.column, words.reason, note.name]
                .map { CSVTextWriter.spreadsheetSafe($0) })
        }
        return writer.data
    }
}

/// Decoding, parsing and header search shared by the mentors and pairings readers.
enum SheetReading {
    static func read<Column, Value>(_ data: Data, encoding: TextEncodingChoice, missing: SheetReadError,
                                    isHeader: (SheetHeader<Column>) -> Bool,
                                    convert: (SheetHeader<Column>) -> (CSVRecord) -> SheetRow<Column, Value>,
                                    progress: ((Int, Int) -> Void)?) throws(SheetReadError) -> ParsedSheet<Column, Value> {
        let text: DecodedText
        let records: [CSVRecord]
        do throws(RosterReadError) {
            text = try TextDecoding.decode(data, as: encoding)
            records = try CSVParser.parse(text.utf8, delimiter: CSVParser.detectDelimiter(text.utf8))
        } catch {
            throw .file(error)
        }
        guard records.contains(where: { !$0.isBlank }) else { throw .file(.empty) }
        guard let header = SheetHeader<Column>.find(in: records, where: isHeader) else { throw missing }
        let converter = convert(header)
        let data = records.drop(while: { $0.row <= header.row }).filter { !$0.isBlank }
        var rows: [SheetRow<Column, Value>] = []
        rows.reserveCapacity(data.count)
        let step = max(500, data.count / 100)
        for record in data {
            rows.append(converter(record))
            if let progress, rows.count % step == 0 { progress(rows.count, data.count) }
        }
        progress?(rows.count, data.count)
        return ParsedSheet(encoding: text.encoding, header: header, rows: rows)
    }

    /// Issues in the order of `Column.allCases` (stable).
    static func inColumnOrder<Column: SheetColumn>(_ issues: [SheetIssue<Column>]) -> [SheetIssue<Column>] {
        guard issues.count > 1 else { return issues }
        let rank = Dictionary(uniqueKeysWithValues: Column.allCases.enumerated().map { ($1, $0) })
        return issues.enumerated().sorted { (rank[$0.element.column]!, $0.offset) < (rank[$1.element.column]!, $1.offset) }
            .map(\.element)
    }
}
