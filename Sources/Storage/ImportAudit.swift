import Foundation
import GRDB

/// What the audit trail records of one import: ONE entry for the whole file, written in the import's
/// own transaction (an entry per row would hash a county roster into the chain row by row).
///
/// The entry: action `import`, entity the kind (`children`, `mentors`, `pairings`, `contacts`), new
/// value `<file name>: created N, duplicates D, rejected R`. A dry run, an import rolled back by
/// `--strict` and a file with no row to write leave none (nothing was written).
public struct ImportAuditNote: Equatable, Sendable {
    public var kind: String
    /// The file's name (without its directory).
    public var fileName: String
    /// Rows refused before the database saw them (by the reader's checks).
    public var rejectedBeforehand: Int

    public init(kind: String, fileName: String, rejectedBeforehand: Int) {
        self.kind = kind; self.fileName = fileName; self.rejectedBeforehand = rejectedBeforehand
    }

    /// The entry's new value.
    public func value(created: Int, duplicates: Int, refused: Int) -> String {
        "\(fileName): created \(created), duplicates \(duplicates), rejected \(rejectedBeforehand + refused)"
    }

    /// What became of one row, for the entry's counts.
    enum Count { case created, duplicate, refused }

    /// Appends the entry for `outcomes`, each counted by `count`, inside the caller's (the import's) transaction.
    func record<Outcome>(_ db: Database, _ outcomes: [Outcome], actor: String, timestamp: String,
                         count: (Outcome) -> Count) throws {
        var created = 0, duplicates = 0, refused = 0
        for outcome in outcomes {
            switch count(outcome) {
            case .created: created += 1
            case .duplicate: duplicates += 1
            case .refused: refused += 1
            }
        }
        try record(db, created: created, duplicates: duplicates, refused: refused, actor: actor, timestamp: timestamp)
    }

    /// Appends the entry inside the caller's (the import's) transaction.
    func record(_ db: Database, created: Int, duplicates: Int, refused: Int, actor: String, timestamp: String) throws {
        try AuditChain.append(db, at: timestamp, actor: actor, action: .importSheet, entity: kind, entityID: nil, childID: nil,
                              field: nil, old: nil, new: value(created: created, duplicates: duplicates, refused: refused))
    }
}
