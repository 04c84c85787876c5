import Domain
import Foundation
import Storage

/// How an import runs.
public struct ImportOptions: Sendable {
    /// Check and count everything, write nothing (the inserts run and are rolled back).
    public var dryRun: Bool
    /// Write nothing at all if any row is rejected.
    public var strict: Bool
    /// The file's name, recorded in each new file's history as `import:<name>`.
    public var fileName: String
    /// Who imports (history `actor`).
    public var actor: String
    /// When (history and `created_at`), ISO 8601.
    public var timestamp: String

    public init(dryRun: Bool = false, strict: Bool = false, fileName: String, actor: String, timestamp: String) {
        self.dryRun = dryRun; self.strict = strict; self.fileName = fileName; self.actor = actor; self.timestamp = timestamp
    }

    /// The import's one audit entry (a real import of `kind` records who, when, the file and the counts).
    func auditNote(_ kind: String, rejected: Int) -> ImportAuditNote {
        ImportAuditNote(kind: kind, fileName: fileName, rejectedBeforehand: rejected)
    }
}

/// What happened to one row.
public enum ImportRowStatus: Equatable, Sendable {
    case imported(childID: Int64)
    /// Blocking problems (see the row's issues).
    case rejected
    /// The child already has a file in the database (same ID number, or same name, birth date,
    /// guardian and address: see `ChildIdentity`).
    case duplicateInDatabase(ChildIdentity.Match)
    /// The same child is on an earlier row of the file.
    case duplicateInFile(firstRow: Int, ChildIdentity.Match)
    /// Valid, but not written: `--strict` refused the file.
    case notWritten
}

/// The outcome of an import, row by row and in total.
public struct ImportResult: Sendable {
    public var roster: ParsedRoster
    /// One status per `roster.rows` entry.
    public var statuses: [ImportRowStatus]
    public var dryRun: Bool
    public var refusedByStrict: Bool

    var tally: ImportTally { ImportTally(statuses) }
    /// Data rows read (blank rows and the header not counted).
    public var read: Int { roster.rows.count }
    /// New files created (in a dry run: that would be created).
    public var imported: Int { tally.imported }
    public var duplicates: Int { tally.duplicates }
    public var rejected: Int { tally.rejected }
    /// See `ImportTally.succeeded`.
    public var succeeded: Bool { tally.succeeded(refusedByStrict: refusedByStrict) }
}

extension ImportRowStatus: ImportRowOutcome {
    public var outcome: ImportOutcome {
        switch self {
        case .imported: return .imported
        case .rejected: return .rejected
        case .duplicateInDatabase, .duplicateInFile: return .duplicate
        case .notWritten: return .notWritten
        }
    }
}

/// Reads a roster and writes its good rows: `RosterReader`, then `AppDatabase.importChildren`.
///
///     let roster = try RosterReader.read(data, today: today)
///     let result = try RosterImport.run(roster, into: database, options: ImportOptions(fileName: "名册.csv", …))
///     result.imported, result.duplicates, result.rejected
public enum RosterImport {
    public static func run(_ roster: ParsedRoster, into database: AppDatabase, options: ImportOptions,
                           progress: ((Int, Int) -> Void)? = nil) throws -> ImportResult {
        var statuses = roster.rows.map { $0.isRejected ? ImportRowStatus.rejected : .notWritten }
        let refused = options.strict && statuses.contains(.rejected)
        var result = ImportResult(roster: roster, statuses: statuses, dryRun: options.dryRun, refusedByStrict: refused)
        // Refused by --strict: the good rows are still checked against the database (rolled back), so
        // the counts say what a normal run would (the duplicates too).
        let accepted = roster.rows.indices.filter { !roster.rows[$0].isRejected }
        guard !accepted.isEmpty else { return result }
        let outcomes = try database.importChildren(accepted.map { roster.rows[$0].child! }, fileName: options.fileName,
                                                   actor: options.actor, timestamp: options.timestamp,
                                                   dryRun: options.dryRun || refused,
                                                   audit: options.auditNote("children", rejected: roster.rows.count - accepted.count),
                                                   progress: progress)
        for (k, outcome) in outcomes.enumerated() {
            let rowIndex = accepted[k]
            switch outcome {
            case .created(let id): statuses[rowIndex] = .imported(childID: id)
            case .alreadyInDatabase(let match): statuses[rowIndex] = .duplicateInDatabase(match)
            case let .repeats(earlier, match):
                statuses[rowIndex] = .duplicateInFile(firstRow: roster.rows[accepted[earlier]].row, match)
            }
        }
        if refused { statuses = statuses.map { if case .imported = $0 { return .notWritten } else { return $0 } } }
        result.statuses = statuses
        return result
    }
}
