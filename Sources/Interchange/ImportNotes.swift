import Domain
import Foundation
import Storage

/// One thing to tell the user about an import: a rejected value, a duplicate, a warning, or an
/// ignored column. The words come from the caller's string catalog (`ImportReport.csv`).
public struct ImportNote: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The row was not imported.
        case rejected
        /// The child already has a file: nothing written.
        case duplicate
        /// Imported, but doubtful (e.g. birth date contradicts the ID number).
        case warning
        /// A header the importer does not know; the column was ignored.
        case unknownColumn
    }

    public enum Detail: Equatable, Sendable {
        case problem(FieldProblem)
        case duplicateInDatabase(ChildIdentity.Match)
        case duplicateInFile(firstRow: Int, ChildIdentity.Match)
        case unknownColumn(header: String)
    }

    /// Spreadsheet row number (the header's row for unknown columns).
    public var row: Int
    public var kind: Kind
    /// The column concerned (nil for unknown columns).
    public var column: RosterColumn?
    public var detail: Detail
    /// The child's name as read: only for the report file the user asked for, never printed.
    public var name: String
}

extension ImportResult {
    /// Everything to report, in file order: ignored columns first, then each row's notes.
    /// Duplicates of an ID number name the ID column; the others the name column.
    public var notes: [ImportNote] {
        var notes = roster.header.unknown.map {
            ImportNote(row: roster.header.row, kind: .unknownColumn, column: nil, detail: .unknownColumn(header: $0.header), name: "")
        }
        for (row, status) in zip(roster.rows, statuses) {
            switch status {
            case .rejected:
                notes += row.blocking.map {
                    ImportNote(row: row.row, kind: .rejected, column: $0.column, detail: .problem($0.problem), name: row.name)
                }
                continue
            case .duplicateInDatabase(let match):
                notes.append(ImportNote(row: row.row, kind: .duplicate, column: .field(match == .idNumber ? .idNumber : .name),
                                        detail: .duplicateInDatabase(match), name: row.name))
            case let .duplicateInFile(first, match):
                notes.append(ImportNote(row: row.row, kind: .duplicate, column: .field(match == .idNumber ? .idNumber : .name),
                                        detail: .duplicateInFile(firstRow: first, match), name: row.name))
            case .imported, .notWritten:
                break
            }
            notes += row.warnings.map {
                ImportNote(row: row.row, kind: .warning, column: $0.column, detail: .problem($0.problem), name: row.name)
            }
        }
        return notes
    }
}

/// The `--report` file: one line per note, as CSV for Excel/WPS (UTF-8 BOM, CRLF).
public enum ImportReport {
    /// `headers` names the five columns (row, result, column, reason, name); `render` gives a
    /// note's result word, column name and reason in the user's language.
    public static func csv(_ notes: [ImportNote], headers: [String],
                           render: (ImportNote) -> (result: String, column: String, reason: String)) -> Data {
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

/// What happened to one row of an import, whatever the sheet (roster, mentors, pairings).
public enum ImportOutcome: Equatable, Sendable {
    case imported, rejected, duplicate, notWritten
}

/// A row status that can say which outcome it is.
public protocol ImportRowOutcome {
    var outcome: ImportOutcome { get }
}

/// The totals every import reports, and whether it succeeded, computed once for all sheets.
public struct ImportTally: Equatable, Sendable {
    public var read: Int
    public var imported: Int
    public var duplicates: Int
    public var rejected: Int

    public init<S: Sequence>(_ statuses: S) where S.Element: ImportRowOutcome {
        read = 0; imported = 0; duplicates = 0; rejected = 0
        for s in statuses {
            read += 1
            switch s.outcome {
            case .imported: imported += 1
            case .duplicate: duplicates += 1
            case .rejected: rejected += 1
            case .notWritten: break
            }
        }
    }

    /// Committed (or, in a dry run, would commit): not refused, at least one row read, not every row
    /// rejected. Re-running an import whose records are all there already succeeds.
    public func succeeded(refusedByStrict: Bool) -> Bool { !refusedByStrict && read > 0 && (imported > 0 || rejected == 0) }
}
