import GRDB

/// Community-wide settings kept in the `setting` table.
public enum SettingKey: String, Sendable {
    /// The community (社区/村) or township name shown in the header.
    case communityName = "community_name"
    /// "1" when the database holds synthetic demo data only.
    case isDemo = "is_demo"
    /// The seed the demo data was generated from.
    case demoSeed = "demo_seed"
    /// The community's obligation rules (YAML text, checked before it is stored); absent: the shipped five ones.
    case obligationRules = "obligation_rules"
    /// Minutes without a key before the screen locks (default 5, 0 never); `SHOUHU_IDLE_MINUTES` overrides it.
    case idleMinutes = "idle_minutes"
}

extension AppDatabase {
    public func setting(_ key: SettingKey) throws -> String? {
        try writer.read { db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key.rawValue]) }
    }

    public func setSetting(_ key: SettingKey, _ value: String) throws {
        try writer.write { db in try Self.setSetting(db, key, value) }
    }

    /// Removes a setting (its default applies again). Returns whether it was set.
    @discardableResult
    public func removeSetting(_ key: SettingKey) throws -> Bool {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key.rawValue])
            return db.changesCount > 0
        }
    }

    static func setSetting(_ db: Database, _ key: SettingKey, _ value: String) throws {
        try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key.rawValue, value])
    }
}
