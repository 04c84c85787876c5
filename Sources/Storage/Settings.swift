import Domain
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

extension SettingKey {
    /// Where a community setting of `shouhu settings` is kept.
    public init(_ setting: CommunitySetting) {
        switch setting {
        case .communityName: self = .communityName
        case .idleMinutes: self = .idleMinutes
        }
    }
}

/// A community setting before and after a change (nil: not set, its default applies).
public struct SettingChange: Equatable, Sendable {
    public var old: String?
    public var new: String?
    public var changed: Bool { old != new }
    public init(old: String?, new: String?) { self.old = old; self.new = new }
}

extension AppDatabase {
    /// Sets one of the community's settings to `text` (checked and normalized: `CommunitySetting.Problem`
    /// when it may not be stored, and nothing is written) or, with nil, removes it so its default applies.
    /// The change goes into the audit trail in the same transaction (entity `setting`, field the key,
    /// old and new value); a value that does not change writes nothing.
    @discardableResult
    public func setCommunitySetting(_ setting: CommunitySetting, to text: String?, actor: String, timestamp: String) throws -> SettingChange {
        var value: String?
        if let text { value = try setting.normalize(text) }
        let key = SettingKey(setting)
        return try writer.write { db in try Self.changeSetting(db, key.rawValue, to: value, actor: actor, timestamp: timestamp) }
    }

    /// Makes `text` (a rules file, checked by the caller) the community's obligation rules or, with nil,
    /// goes back to the shipped ones, with one audit entry of the old and new text (entity `setting`,
    /// field `obligation_rules`; nil is the shipped rules) in the same transaction. The same text again
    /// writes nothing.
    @discardableResult
    public func setObligationRules(_ text: String?, actor: String, timestamp: String) throws -> SettingChange {
        try writer.write { db in
            try Self.changeSetting(db, SettingKey.obligationRules.rawValue, to: text, actor: actor, timestamp: timestamp)
        }
    }

    /// Inside a transaction: the `setting` row `key` set to `value` (removed with nil) and the audit entry
    /// of the change; nothing when the stored value is already that.
    static func changeSetting(_ db: Database, _ key: String, to value: String?, actor: String, timestamp: String) throws -> SettingChange {
        let old = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
        let change = SettingChange(old: old, new: value)
        guard change.changed else { return change }
        if let value {
            try db.execute(sql: "INSERT INTO setting(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                           arguments: [key, value])
        } else {
            try db.execute(sql: "DELETE FROM setting WHERE key = ?", arguments: [key])
        }
        try AuditChain.append(db, at: timestamp, actor: actor, action: .write, entity: "setting", entityID: nil, childID: nil,
                              field: key, old: old, new: value)
        return change
    }
}
