import GRDB

/// Failures of the store, as data. `description` is English, for logs and tests; the interface words
/// each case (and each `StorageRefusal`) from its string catalog.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// The directory for the database could not be created or is not writable.
    case directory(path: String, reason: String)
    /// SQLite refused the file (not a database, corrupted, unreadable).
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer Shouhu with migrations this build does not know.
    case newerVersion(path: String)
    /// A write broke a rule of the store: which, with the values at fault.
    case refused(StorageRefusal)
    /// An internal consistency check failed (named field and reason, in English): nothing a person at
    /// the terminal can correct, so the interface says only that nothing was changed.
    case invalid(field: String, reason: String)
    /// Opening needed a moment of the database to itself and another process kept writing (an import).
    case busy(path: String)
    /// The file or its directory cannot be written (read-only mount, permissions).
    case readOnly(path: String)
    /// The disk (or the file-size limit) is full.
    case diskFull(path: String)

    public var description: String {
        switch self {
        case let .directory(path, reason): return "cannot use directory \(path): \(reason)"
        case let .cannotOpen(path, reason): return "cannot open database \(path): \(reason) (restore it from a backup)"
        case let .newerVersion(path): return "database \(path) was written by a newer version of shouhu; upgrade shouhu to open it"
        case let .refused(refusal): return refusal.description
        case let .invalid(field, reason): return "\(field): \(reason)"
        case let .busy(path): return "database \(path) is busy: another shouhu is writing to it; try again in a moment"
        case let .readOnly(path): return "database \(path) or its directory is read-only; nothing was changed"
        case let .diskFull(path): return "the disk holding \(path) is full; nothing was changed"
        }
    }
}

/// What kind of trouble a database error is, for a plain message (never SQL or values): another
/// process holds the write lock, the disk is full, the file is read-only, corrupted, or unreadable.
public enum StorageFault: String, Equatable, Sendable {
    case busy, diskFull, readOnly, corrupt, io

    /// The fault behind `error`, nil when it is no database fault (a rule, a conflict, a bug).
    public init?(_ error: any Error) {
        if let e = error as? StorageError {
            switch e {
            case .busy: self = .busy
            case .readOnly, .directory: self = .readOnly
            case .diskFull: self = .diskFull
            case .cannotOpen: self = .corrupt
            case .newerVersion, .invalid, .refused: return nil
            }
            return
        }
        guard let e = error as? DatabaseError else { return nil }
        switch e.extendedResultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy
        case .SQLITE_FULL: self = .diskFull
        case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH: self = .readOnly
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: self = .corrupt
        case .SQLITE_IOERR:
            // A write refused by a full disk or a file-size limit (EFBIG) comes back as a write error.
            let writeErrors: [ResultCode] = [.SQLITE_IOERR_WRITE, .SQLITE_IOERR_FSYNC, .SQLITE_IOERR_TRUNCATE,
                                             .SQLITE_IOERR_SHMSIZE, .SQLITE_IOERR_DIR_FSYNC]
            self = writeErrors.contains(e.extendedResultCode) ? .diskFull : .io
        default: return nil
        }
    }

    /// The error `AppDatabase.open` throws for a fault met while opening `path`.
    func openingError(path: String, reason: String) -> StorageError {
        switch self {
        case .busy: return .busy(path: path)
        case .readOnly: return .readOnly(path: path)
        case .diskFull: return .diskFull(path: path)
        case .corrupt, .io: return .cannotOpen(path: path, reason: reason)
        }
    }
}
