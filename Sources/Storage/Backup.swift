import Foundation
import GRDB

/// Why a backup or a restore refused. Each case is one line for the user; none carries personal data.
public enum BackupError: Error, Equatable {
    /// There is no database file at the path to back up.
    case noDatabase(path: String)
    /// The file is neither a Shouhu database nor an encrypted Shouhu backup.
    case notABackup
    /// The encrypted file needs a passphrase and none was given.
    case passphraseNeeded
    /// An encrypted backup that does not open (see `SealedFile.Failure`).
    case sealed(SealedFile.Failure)
    /// `PRAGMA integrity_check` found a problem (its first line).
    case integrity(String)
    /// The backup was written by a newer Shouhu (migrations this program does not know).
    case newerVersion
    /// Another program held the database for longer than the busy timeout.
    case busy
    /// The disk is full, the file or its directory is read-only, or the disk failed: nothing of the
    /// file was at fault.
    case fault(StorageFault)
    /// The backup's audit trail does not hold: this entry was changed or is missing.
    case auditBroken(entry: Int64)
}

/// What `Backup.restore` did.
public struct RestoreOutcome: Equatable, Sendable {
    /// Where the database that was replaced is kept (nil when there was none).
    public var previous: String?
    /// How many child files the restored database holds (active and archived).
    public var children: Int
}

/// Online backups (SQLite's backup API) and checked restores of the database file.
///
/// A backup reads one consistent snapshot through a read-only connection, so it is safe while a
/// Shouhu elsewhere has the database open, even in the middle of a write. A restore checks the file
/// first (`integrity_check`, schema version), keeps the database it replaces, and copies the backup
/// into place with the same backup API, so a Shouhu left open elsewhere sees the restored records
/// and no stale write-ahead log can ever mix with them.
public enum Backup {
    /// The database at `source` as the bytes of one SQLite file (through a private temporary file
    /// in `scratchDirectory`, created 0600 and removed before returning).
    public static func snapshot(of source: String, scratchDirectory: String) throws -> Data {
        let temp = OwnerOnlyFile.temporaryPath(beside: scratchDirectory + "/backup")
        try copy(database: source, to: temp)
        defer { removeDatabaseFiles(temp) }
        return try Data(contentsOf: URL(fileURLWithPath: temp))
    }

    /// Copies the database at `source` into a new SQLite file at `destination` (0600), atomically.
    public static func copy(database source: String, to destination: String) throws {
        guard FileManager.default.fileExists(atPath: source) else { throw BackupError.noDatabase(path: source) }
        let temp = OwnerOnlyFile.temporaryPath(beside: destination)
        defer { removeDatabaseFiles(temp) }
        do {
            let from = try DatabaseQueue(path: source, configuration: configuration(readonly: true))
            try checkShouhu(from)
            try fileStep { try OwnerOnlyFile.createEmpty(temp) }
            let to = try DatabaseQueue(path: temp, configuration: configuration(readonly: false))
            try from.backup(to: to)
            // A plain rollback journal: the copy stands alone as one file.
            try to.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try to.close()
            try from.close()
        } catch let error as DatabaseError {
            throw translate(error)
        }
        try fileStep { if rename(temp, destination) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) } }
    }

    /// Replaces the database at `path` by `database` (the bytes of a SQLite file) after checking it.
    /// The replaced file is kept as `<path>.before-restore-<stamp>` (0600).
    public static func restore(_ database: Data, into path: String, stamp: String) throws -> RestoreOutcome {
        guard database.starts(with: Array("SQLite format 3\0".utf8)) else { throw BackupError.notABackup }
        try DatabaseLocation.prepareDirectory(for: path)
        let temp = OwnerOnlyFile.temporaryPath(beside: path)
        defer { removeDatabaseFiles(temp) }
        try fileStep { try OwnerOnlyFile.createEmpty(temp, contents: database) }
        do {
            let restored = try DatabaseQueue(path: temp, configuration: configuration(readonly: false))
            let integrity = try restored.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard integrity == ["ok"] else { throw BackupError.integrity(integrity.first ?? "") }
            try checkShouhu(restored)
            if let broken = try restored.read({ db in try AuditChain.verify(db) }) { throw BackupError.auditBroken(entry: broken.entry) }
            let children = try restored.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM child") ?? 0 }
            guard FileManager.default.fileExists(atPath: path) else {
                try restored.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
                try restored.close()
                try fileStep { if rename(temp, path) != 0 { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) } }
                return RestoreOutcome(previous: nil, children: children)
            }
            let previous = freePath(path + ".before-restore-" + stamp)
            try copy(database: path, to: previous)
            do {
                let live = try DatabaseQueue(path: path, configuration: AppDatabase.configuration())
                let generation = try live.read(Self.childGeneration)
                try restored.backup(to: live)
                // A Shouhu open elsewhere reloads its search keys when this counter moves: make sure it does.
                try live.write { db in
                    let next = max(generation, try Self.childGeneration(db)) + 1
                    try db.execute(sql: "UPDATE setting SET value = ? WHERE key = 'child_generation'", arguments: [String(next)])
                }
                try live.close()
            } catch {
                removeDatabaseFiles(previous) // nothing was replaced: nothing to keep
                throw error
            }
            try restored.close()
            return RestoreOutcome(previous: previous, children: children)
        } catch let error as DatabaseError {
            throw translate(error)
        }
    }

    /// Refuses a file that is not a Shouhu database, or one written by a newer Shouhu.
    static func checkShouhu(_ reader: some DatabaseReader) throws {
        try reader.read { db in
            guard try db.tableExists("grdb_migrations"),
                  try Migrations.migrator.appliedIdentifiers(db).contains("v1-foundation") else { throw BackupError.notABackup }
            if try Migrations.migrator.hasBeenSuperseded(db) { throw BackupError.newerVersion }
        }
    }

    static func childGeneration(_ db: Database) throws -> Int {
        guard try db.tableExists("setting") else { return 0 }
        return try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'child_generation'").flatMap { Int($0) } ?? 0
    }

    static func configuration(readonly: Bool) -> Configuration {
        var config = AppDatabase.configuration()
        config.readonly = readonly
        return config
    }

    /// Runs a step on files (create, write, rename), turning what the system refused into the fault
    /// it is: a read-only disk or directory, a full disk, a failing disk.
    static func fileStep<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as POSIXError {
            switch error.code {
            case .EROFS, .EACCES, .EPERM: throw BackupError.fault(.readOnly)
            case .ENOSPC, .EDQUOT, .EFBIG: throw BackupError.fault(.diskFull)
            default: throw BackupError.fault(.io)
            }
        }
    }

    static func translate(_ error: DatabaseError) -> BackupError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .busy
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: return .notABackup
        default:
            // A full disk or a read-only directory is no fault of the backup: say what it is.
            if let fault = StorageFault(error), fault != .corrupt { return .fault(fault) }
            return .integrity(error.message ?? "\(error.resultCode)")
        }
    }

    /// `path`, or `path-2`, `path-3`… if it exists.
    static func freePath(_ path: String) -> String {
        var candidate = path
        var n = 2
        while FileManager.default.fileExists(atPath: candidate) { candidate = "\(path)-\(n)"; n += 1 }
        return candidate
    }

    static func removeDatabaseFiles(_ path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }
}
