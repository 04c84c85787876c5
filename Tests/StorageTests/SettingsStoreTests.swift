import Domain
import Foundation
import Testing
@testable import Storage

/// `setCommunitySetting`: checked values, the audit entry of every change, nothing stored on a refusal.
@Suite("Community settings in the database")
struct SettingsStoreTests {
    let at = "2026-11-23T10:00:00+08:00"

    @Test func everyChangeIsAuditedWithOldAndNewValue() throws {
        let db = try AppDatabase.inMemory()
        let first = try db.setCommunitySetting(.communityName, to: " 青山镇留守儿童之家 ", actor: "王主任", timestamp: at)
        #expect(first == SettingChange(old: nil, new: "青山镇留守儿童之家") && first.changed)
        #expect(try db.setting(.communityName) == "青山镇留守儿童之家")
        #expect(try db.rosterSummary().communityName == "青山镇留守儿童之家", "the header reads it")
        try db.setCommunitySetting(.communityName, to: "石桥村", actor: "王主任", timestamp: at)
        try db.setCommunitySetting(.idleMinutes, to: "0.50", actor: "李四", timestamp: at)
        #expect(try db.setting(.idleMinutes) == "0.5")
        let reset = try db.setCommunitySetting(.idleMinutes, to: nil, actor: "李四", timestamp: at)
        #expect(reset == SettingChange(old: "0.5", new: nil))
        #expect(try db.setting(.idleMinutes) == nil)
        let entries = try db.auditEntries()
        #expect(entries.map(\.entity) == ["setting", "setting", "setting", "setting"])
        #expect(entries.map(\.action) == ["write", "write", "write", "write"])
        #expect(entries.map(\.actor) == ["王主任", "王主任", "李四", "李四"])
        #expect(entries.map(\.field) == ["community_name", "community_name", "idle_minutes", "idle_minutes"])
        #expect(entries.map(\.old) == [nil, "青山镇留守儿童之家", nil, "0.5"])
        #expect(entries.map(\.new) == ["青山镇留守儿童之家", "石桥村", "0.5", nil])
        #expect(entries.allSatisfy { $0.at == at && $0.childID == nil && $0.entityID == nil })
        #expect(try db.verifyAudit() == nil)
    }

    @Test func noChangeWritesNothing() throws {
        let db = try AppDatabase.inMemory()
        try db.setCommunitySetting(.idleMinutes, to: "10", actor: "王主任", timestamp: at)
        let same = try db.setCommunitySetting(.idleMinutes, to: "010", actor: "王主任", timestamp: at)
        #expect(!same.changed && same.new == "10")
        #expect(try !db.setCommunitySetting(.communityName, to: nil, actor: "王主任", timestamp: at).changed, "resetting what is unset")
        #expect(try db.auditCount() == 1)
    }

    @Test func refusedValuesStoreNothing() throws {
        let db = try AppDatabase.inMemory()
        try db.setCommunitySetting(.communityName, to: "青山镇", actor: "王主任", timestamp: at)
        let refused: [(CommunitySetting, String, CommunitySetting.Problem)] = [
            (.communityName, "  ", .empty), (.communityName, "青山\n镇", .controlCharacter),
            (.communityName, String(repeating: "镇", count: 61), .tooLong(maximum: 60)),
            (.idleMinutes, "-1", .notMinutes(maximum: 1440)), (.idleMinutes, "abc", .notMinutes(maximum: 1440)),
        ]
        for (setting, text, problem) in refused {
            #expect(throws: problem) { try db.setCommunitySetting(setting, to: text, actor: "王主任", timestamp: at) }
        }
        #expect(try db.setting(.communityName) == "青山镇")
        #expect(try db.setting(.idleMinutes) == nil)
        #expect(try db.auditCount() == 1)
    }

    @Test func eachSettingHasItsKey() {
        #expect(SettingKey(.communityName) == .communityName && SettingKey(.communityName).rawValue == "community_name")
        #expect(SettingKey(.idleMinutes) == .idleMinutes && SettingKey(.idleMinutes).rawValue == "idle_minutes")
    }

    /// `rules set` / `rules reset`: the old and new rules text in one entry (nil: the shipped rules); the
    /// same text again, or a reset of shipped rules, writes nothing.
    @Test func ruleChangesAreAuditedWithTheOldAndNewText() throws {
        let db = try AppDatabase.inMemory()
        let one = "min_days: 30\nrules:\n  - id: visit\n"
        let two = "min_days: 20\nrules:\n  - id: visit\n"
        #expect(try !db.setObligationRules(nil, actor: "王主任", timestamp: at).changed, "already the shipped rules")
        #expect(try db.setObligationRules(one, actor: "王主任", timestamp: at) == SettingChange(old: nil, new: one))
        #expect(try !db.setObligationRules(one, actor: "王主任", timestamp: at).changed)
        try db.setObligationRules(two, actor: "李四", timestamp: at)
        #expect(try db.setting(.obligationRules) == two)
        #expect(try db.setObligationRules(nil, actor: "王主任", timestamp: at) == SettingChange(old: two, new: nil))
        #expect(try db.setting(.obligationRules) == nil)
        let entries = try db.auditEntries()
        #expect(entries.allSatisfy { $0.entity == "setting" && $0.field == "obligation_rules" && $0.action == "write" && $0.at == at })
        #expect(entries.map(\.actor) == ["王主任", "李四", "王主任"])
        #expect(entries.map(\.old) == [nil, one, two])
        #expect(entries.map(\.new) == [one, two, nil])
        #expect(try db.verifyAudit() == nil)
    }
}
