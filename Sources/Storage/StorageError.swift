/// Failures of the store, each with a plain explanation for the person at the terminal.
public enum StorageError: Error, Equatable, CustomStringConvertible {
    /// The directory for the database could not be created or is not writable.
    case directory(path: String, reason: String)
    /// SQLite refused the file (not a database, corrupted, unreadable).
    case cannotOpen(path: String, reason: String)
    /// The file was written by a newer Shouhu with migrations this build does not know.
    case newerVersion(path: String)
    /// A record failed a rule of the schema (named field and reason).
    case invalid(field: String, reason: String)

    public var description: String {
        switch self {
        case let .directory(path, reason): return "cannot use directory \(path): \(reason)"
        case let .cannotOpen(path, reason): return "cannot open database \(path): \(reason) (restore it from a backup)"
        case let .newerVersion(path): return "database \(path) was written by a newer version of shouhu; upgrade shouhu to open it"
        case let .invalid(field, reason): return "\(field): \(reason)"
        }
    }
}
