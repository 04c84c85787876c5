import Foundation
import GRDB

/// The Shouhu database: a GRDB writer that has run every migration.
///
/// Open a file with `AppDatabase.open(path:)` (WAL, foreign keys on, created 0600 in a 0700
/// directory) or a private in-memory database for tests with `AppDatabase.inMemory()`.
public struct AppDatabase: Sendable {
    let writer: any DatabaseWriter
    /// The in-memory search keys of the roster (see `SearchIndex`), shared by copies of this value.
    let searchIndex = SearchIndex()

    /// How long a write waits for another process's write transaction (an import elsewhere) before
    /// giving up with SQLITE_BUSY.
    let busyTimeout: TimeInterval

    /// `migratingUpTo` stops at an older migration (tests of upgrades: a file as an older Shouhu left it).
    init(_ writer: any DatabaseWriter, busyTimeout: TimeInterval = AppDatabase.interactiveBusyTimeout,
         migratingUpTo last: String? = nil) throws {
        self.writer = writer
        self.busyTimeout = busyTimeout
        if let last { try Migrations.migrator.migrate(writer, upTo: last); return }
        let (superseded, complete) = try writer.read { db in
            (try Migrations.migrator.hasBeenSuperseded(db), try Migrations.migrator.hasCompletedMigrations(db))
        }
        if superseded { throw StorageError.newerVersion(path: writer.path) }
        // Migrating takes the write lock; an up-to-date file is opened without it, so a second
        // process starts at once while another one imports.
        if !complete { try Migrations.migrator.migrate(writer) }
    }

    /// The busy timeout of the terminal interface: a keystroke never waits longer than this.
    public static let interactiveBusyTimeout: TimeInterval = 5

    static func configuration(busyTimeout: TimeInterval = interactiveBusyTimeout) -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        return config
    }

    /// Opens (creating when missing) the database at `path`. A write waits up to `busyTimeout`
    /// seconds for another process's transaction; faults (busy, read-only, full, corrupted) come
    /// back as `StorageError`s that name the file.
    ///
    /// `willUpgrade` is called before migrations run on a file an older Shouhu wrote (some rebuild
    /// whole tables: half a minute for a county), so the caller can say why the start is slow.
    public static func open(path: String, busyTimeout: TimeInterval = interactiveBusyTimeout,
                            willUpgrade: (() -> Void)? = nil) throws -> AppDatabase {
        try DatabaseLocation.prepareDirectory(for: path)
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            guard fm.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                throw StorageError.directory(path: (path as NSString).deletingLastPathComponent,
                                             reason: "cannot create a file there (read-only or missing?)")
            }
        }
        do {
            // A file of a newer version is refused before anything is written to it (opening a pool
            // writes: it sets up the write-ahead log).
            var probing = configuration(busyTimeout: busyTimeout)
            probing.readonly = true
            let probe = try DatabaseQueue(path: path, configuration: probing)
            let (superseded, upgrade) = try probe.read { db in
                (try Migrations.migrator.hasBeenSuperseded(db),
                 try db.tableExists("grdb_migrations") && !(try Migrations.migrator.hasCompletedMigrations(db)))
            }
            try probe.close()
            if superseded { throw StorageError.newerVersion(path: path) }
            if upgrade { willUpgrade?() }
            let pool = try DatabasePool(path: path, configuration: configuration(busyTimeout: busyTimeout))
            // Touch the schema now so a corrupted or foreign file fails here, not mid-screen.
            _ = try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") }
            return try AppDatabase(pool, busyTimeout: busyTimeout)
        } catch let error as DatabaseError {
            let reason = error.message ?? "\(error.resultCode)"
            throw (StorageFault(error) ?? .io).openingError(path: path, reason: reason)
        }
    }

    /// A private database in memory, with the full schema.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    /// The result of `PRAGMA integrity_check` ("ok" when the file is sound).
    public func integrityCheck() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") ?? "" }
    }

    /// The SQLite journal mode in force ("wal" for files).
    public func journalMode() throws -> String {
        try writer.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    /// Whether foreign key enforcement is on for this connection.
    public func foreignKeysEnabled() throws -> Bool {
        try writer.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false }
    }

    /// Names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try writer.read { db in
            let applied = try Migrations.migrator.appliedIdentifiers(db)
            return Migrations.migrator.migrations.filter(applied.contains)
        }
    }
}

extension AppDatabase {
    /// SQLite's `data_version` of the writing connection: it moves when another connection — another
    /// process (a second SSH session, an import, a restore) — commits, and not for this process's own
    /// writes. The terminal interface reads it while no key comes, to show what others saved.
    public func dataVersion() throws -> Int64 {
        try writer.writeWithoutTransaction { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
